"""The genre's shape: title, session date, speaker, parts, sections, the main-targets sentence."""

from __future__ import annotations

import datetime as dt

import pytest

from xinhui_print.draft import read_source
from xinhui_print.draft.structure import parse_structure
from xinhui_print.draft.text import paragraphs
from xinhui_print.errors import InputError

from .conftest import NATIONAL

# A district report in the genre's shape (a test input, its figures as the seed article prints them).
LOCAL = """\
政府工作报告

——2023年2月20日在江门市新会区第十六届人民代表大会第三次会议上

代区长　王明

各位代表：

一、2022年工作回顾

过去一年，面对多重超预期因素冲击，全区上下稳住了经济大盘。地区生产总值同比增长4%，规上工业增加值增长5.1%，固定资产投资增长3.5%。全国高质量发展百强区排名第42位，较2021年上升3位。区人大代表票决的十大民生实事全面完成。

（一）积极融入全省、全市发展大局，全区经济发展跃上新台阶。江门大型产业集聚区新会片区建设提速，基础设施累计投入57.8亿元，工业投资100亿元。规上工业企业增至706家，7家企业入选省制造业500强。

（二）持续改善和保障民生。全年民生支出61亿元，占一般公共预算支出的73%。

二、2023年工作安排

今年经济社会发展的主要预期目标是：地区生产总值增长7.5%以上；规模以上工业增加值增长9%；固定资产投资增长6%；城乡居民人均可支配收入与经济增长基本同步。

（一）坚持制造业当家，倾全区之力打造大湾区西翼制造中心。

1.高规格打造大平台。全年园区基础设施投资不少于50亿元，工业投资不少于110亿元，引入项目投资不少于370亿元。

2.高频率开展大招商。力争全年引入项目总投资额不少于500亿元，先进制造业投资占比超50%。

（二）坚持以人民为中心的发展思想。推动13所中小学改扩建，筹建保障性租赁住房400套以上。
"""


def structure_of(path, **options):
    return parse_structure(paragraphs(read_source(path)), path, **options)


@pytest.fixture
def local(tmp_path):
    path = tmp_path / "xinhui-2023.txt"
    path.write_text(LOCAL, encoding="utf-8")
    return path


def test_national_reports(national):
    structure = structure_of(national)
    year = 2021 if "2021" in national.name else 2022
    assert structure.title == "政府工作报告"
    assert structure.date == dt.date(year, 3, 5)
    assert structure.congress == f"第十三届全国人民代表大会第{'四' if year == 2021 else '五'}次会议"
    assert structure.place == "全国"
    assert structure.speaker == "国务院总理 李克强"
    kinds = [part.kind for part in structure.parts]
    assert kinds == (["review", "mixed", "plan"] if year == 2021 else ["review", "other", "plan"])
    plan = structure.parts_of("plan")[0]
    assert [s.kind for s in plan.sections] == ["heading"] * (8 if year == 2021 else 9)
    assert plan.sections[0].title.startswith("保持宏观政策连续性" if year == 2021 else "着力稳定宏观经济大盘")


def test_review_lead_ins_and_numbered_sections_2022():
    review = structure_of(NATIONAL[2022]).parts_of("review")[0]
    lead_ins = [s.title for s in review.sections if s.kind == "lead-in"]
    numbered = [s.title for s in review.sections if s.kind == "numbered"]
    assert lead_ins[0] == "经济保持恢复发展" and len(lead_ins) == 7
    assert numbered[0] == "保持宏观政策连续性针对性，推动经济运行保持在合理区间" and len(numbered) == 8
    first = next(s for s in review.sections if s.kind == "lead-in")
    assert first.body[0].text.startswith("国内生产总值达到114万亿元")


def test_main_targets_sentence(national):
    targets = structure_of(national).targets
    assert targets.intro == "今年发展主要预期目标是："
    items = [item.text.rstrip("；。") for item in targets.items]
    assert items[0] == ("国内生产总值增长6%以上" if "2021" in national.name else "国内生产总值增长5.5%左右")
    assert len(items) == (7 if "2021" in national.name else 8)


def test_wikisource_line_breaks_are_joined():
    texts = [p.text for p in paragraphs(read_source(NATIONAL[2022]))]
    assert any("细颗粒物（PM2.5）平均浓度下降9.1%" in text for text in texts)
    texts = [p.text for p in paragraphs(read_source(NATIONAL[2021]))]
    assert texts[0] == "政府工作报告"
    assert any("交出一份人民满意、世界瞩目" in text for text in texts)


def test_local_report_place_year_and_sections(local):
    structure = structure_of(local)
    assert structure.place == "新会区" and structure.year == 2023
    assert structure.speaker == "代区长 王明"
    assert [part.kind for part in structure.parts] == ["review", "plan"]
    assert [s.title for s in structure.parts[1].sections] == [
        "坚持制造业当家，倾全区之力打造大湾区西翼制造中心", "坚持以人民为中心的发展思想"]


def test_the_year_is_the_sessions_not_the_reviews(local):
    structure = structure_of(local)
    assert structure.parts[0].title == "2022年工作回顾" and structure.year == 2023


def test_no_session_date_is_one_located_error(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(LOCAL.replace("——2023年2月20日在", "——在"), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        structure_of(path)
    assert str(raised.value).startswith(f"{path}:1: no session date found")
    assert structure_of(path, date=dt.date(2023, 2, 20)).year == 2023


def test_a_year_contradicting_the_subtitle_is_an_error(local):
    with pytest.raises(InputError, match="--year 2022 contradicts the session date 2023-02-20"):
        structure_of(local, year=2022)
