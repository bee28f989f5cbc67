"""Label / verb / figure from report sentences, and cutting sentences at clauses."""

from __future__ import annotations

import pytest

from xinhui_print.draft.indicators import indicators
from xinhui_print.draft.score import cut, text_score
from xinhui_print.draft.text import Paragraph, whole


def span(text: str):
    return whole(Paragraph(text, [(0, None)]))


def found(text: str) -> list[tuple[str, str, str]]:
    return [(f.label, f.verb, str(f.figure)) for f in indicators(span(text))]


@pytest.mark.parametrize("sentence, expected", [
    ("国内生产总值达到114万亿元，增长8.1%。", [("国内生产总值", "达到", "114万亿元"), ("国内生产总值", "增长", "8.1%")]),
    ("全年国内生产总值增长2.3%，", [("国内生产总值", "增长", "2.3%")]),
    ("年末全国城镇调查失业率降到5.2%。", [("城镇调查失业率", "降到", "5.2%")]),
    ("地区生产总值同比增长4%。", [("地区生产总值", "增长", "同比4%")]),
    ("城镇调查失业率全年控制在5.5%以内", [("城镇调查失业率", "全年控制在", "5.5%以内")]),
    ("预计全年退税减税约2.5万亿元。", [("退税减税", "", "约2.5万亿元")]),
    ("粮食产量1.37万亿斤，创历史新高。", [("粮食产量", "", "1.37万亿斤")]),
    ("我们实现地区生产总值1011.4亿元、增长4%。", [("地区生产总值", "", "1011.4亿元"), ("地区生产总值", "增长", "4%")]),
    ("城乡居民人均可支配收入分别增长4.8%、7.2%。", []),  # two figures that go together
    ("城镇新增就业年均1270多万人。", []),  # 1270多 is not the figure: 万人 follows it
    ("2013年以来新增的涉税市场主体去年纳税达到4.76万亿元。", []),  # a label with a year in it
])
def test_indicators(sentence, expected):
    assert found(sentence) == expected


def test_short_sentences_stay_whole_long_ones_keep_the_clauses_with_figures():
    short = "新开工改造城镇老旧小区5.6万个，惠及近千万家庭。"
    assert cut(span(short)).text == "新开工改造城镇老旧小区5.6万个，惠及近千万家庭"
    long = ("面对历史罕见的冲击，我们在“六稳”工作基础上，明确提出“六保”任务，特别是保就业保民生保市场主体，"
            "实施阶段性大规模减税降费，全年为市场主体减负超过2.6万亿元，其中减免社保费1.7万亿元。")
    piece = cut(span(long)).text
    assert piece.endswith("全年为市场主体减负超过2.6万亿元，其中减免社保费1.7万亿元") and len(piece) <= 60
    assert cut(span("要坚持稳字当头、稳中求进，保持经济运行在合理区间，推动高质量发展，做好各方面工作，确保社会大局稳定，"
                    "坚定不移深化改革开放，持续改善民生。")) is None  # nothing in figures


def test_scores_favour_figures_with_units_rankings_and_records():
    assert text_score("增长8.1%")[0] > text_score("增长8")[0] > 0
    assert text_score("排名第42位")[0] > text_score("排名靠前")[0] > 0
    assert "record" in text_score("粮食产量创历史新高")[1]
    assert text_score("一批重大项目")[0] == 0  # 一批 is no quantity
    assert "quantity" in text_score("实施科技体制改革三年攻坚方案")[1]
