"""The topic table picks an icon a designer would for each chapter and indicator: the seed's,
and those of reports the table was not written from (the national reports of 2021 and 2022,
drafted with ``draft``).  Each expectation is a person's reading of the title."""

from __future__ import annotations

from pathlib import Path

import pytest

from xinhui_print.icons import TOPICS, chapter_icon, indicator_icon
from xinhui_print.icons.topics import topic_of

REPORTS = Path("/work/shared/reference/reports")
ICON = {topic.name: topic.icon for topic in TOPICS}

SEED_CHAPTERS = {
    "坚持制造业当家": {"制造/工业"},
    "坚持改革创新": {"改革/营商"},
    "坚持锚定“百县千镇万村高质量发展工程”": {"农业", "城市"},
    "坚持“两个文明”协调发展": {"文化/旅游", "侨务"},
    "坚持以人民为中心的发展思想": {"民生"},
}
SEED_INDICATORS = {
    "地区生产总值": {"经济"}, "规上工业增加值": {"制造/工业"}, "规模以上工业增加值": {"制造/工业"},
    "固定资产投资": {"投资"}, "社会消费品零售总额": {"消费"}, "外贸进出口总额": {"外贸/开放"},
    "地方一般公共预算收入": {"财政"}, "城乡居民人均可支配收入与经济增长基本同步": {"收入"},
    "全区空气质量优良率完成上级下达任务": {"生态/环境"},
}
HELD_OUT_CHAPTERS = {
    "“十四五”时期主要目标任务": {"规划"},
    "保持宏观政策连续性稳定性可持续性": {"经济", "财政"},
    "深入推进重点领域改革": {"改革/营商"},
    "依靠创新推动实体经济高质量发展": {"科技"},
    "坚持扩大内需这个战略基点": {"消费"},
    "全面实施乡村振兴战略": {"农业"},
    "加强污染防治和生态建设": {"生态/环境"},
    "切实增进民生福祉": {"民生"},
    "着力稳定宏观经济大盘": {"经济"},
    "着力稳市场主体保就业": {"就业", "改革/营商"},
    "深入实施创新驱动发展战略": {"科技"},
    "坚定实施扩大内需战略": {"消费"},
    "大力抓好农业生产": {"农业"},
    "切实保障和改善民生": {"民生"},
}
HELD_OUT_INDICATORS = {
    "国内生产总值": {"经济"}, "城镇调查失业率": {"就业"}, "城镇新增就业": {"就业"},
    "居民消费价格": {"物价"}, "财政收入": {"财政"}, "企业研发经费": {"科技"},
    "货物进出口总额": {"外贸/开放"}, "居民人均可支配收入": {"收入"}, "粮食产量": {"农业"},
    "居民收入稳步增长": {"收入"}, "居民收入增长与经济增长基本同步": {"收入"},
    "生态环境质量进一步改善": {"生态/环境"}, "单位国内生产总值能耗": {"生态/环境", "能源"},
    "主要污染物排放量继续下降": {"生态/环境"},
    "进出口量稳质升，国际收支基本平衡": {"外贸/开放"},
    "进出口保稳提质，国际收支基本平衡": {"外贸/开放"},
    "生态环境质量持续改善，主要污染物排放量继续下降": {"生态/环境"},
}


def _check(report, chapters: dict, indicators: dict) -> list[str]:
    wrong = []
    for chapter in report.chapters:
        wanted = chapters[chapter.headline]
        if chapter_icon(chapter) not in {ICON[name] for name in wanted}:
            wrong.append(f"chapter {chapter.headline}: {chapter_icon(chapter)}, wanted {wanted}")
    indicators_seen = [*(report.review.kpis if report.review else []),
                       *(report.targets.items if report.targets else [])]
    for indicator in indicators_seen:
        wanted = indicators.get(indicator.label)
        if wanted is None:
            continue  # a sentence target the table has no reading for
        if indicator_icon(indicator) not in {ICON[name] for name in wanted}:
            wrong.append(f"indicator {indicator.label}: {indicator_icon(indicator)}, wanted {wanted}")
    return wrong


def test_seed_chapters_and_indicators(seed_report):
    assert _check(seed_report, SEED_CHAPTERS, SEED_INDICATORS) == []


@pytest.mark.parametrize("year", [2021, 2022])
def test_held_out_reports(year):
    from xinhui_print.draft import draft_report

    path = REPORTS / f"national-{year}-government-work-report.txt"
    if not path.exists():
        pytest.skip("the held-out reports are not on this machine")
    report = draft_report(path, report_id=f"national-{year}", publisher="新华社").report
    assert report.chapters and report.review
    assert _check(report, HELD_OUT_CHAPTERS, HELD_OUT_INDICATORS) == []
    labelled = [i for i in report.review.kpis if i.label in HELD_OUT_INDICATORS]
    assert len(labelled) == len(report.review.kpis)  # every drafted KPI was read by a person


def test_data_icon_wins_over_the_topic(seed_report):
    chapter = seed_report.chapters[0].model_copy(update={"icon": "rocket"})
    assert chapter_icon(chapter) == "rocket"


def test_weighting_headline_before_sections():
    assert topic_of([("建设教育强区", 4), ("医院", 1), ("卫生", 1)]).name == "教育"
    assert topic_of([("", 4), ("没有关键词的句子", 1)]) is None
