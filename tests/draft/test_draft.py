"""The draft: KPIs, targets with qualifiers, groups and chapters cut at clauses, short, faithful, traceable."""

from __future__ import annotations

import re

import pytest

from xinhui_print.data import load_report
from xinhui_print.draft import Limits, draft_report, draft_yaml, explain
from xinhui_print.draft.faithful import drafted_texts, figures_not_in_source, source_text
from xinhui_print.model import Report

from .conftest import NATIONAL


def draft_of(path, **limits):
    return draft_report(path, report_id="draft", publisher="编辑部", limits=Limits(**limits))


def kpi_texts(report: Report) -> list[str]:
    return [kpi.text for kpi in report.review.kpis]


def test_2022_review_kpis():
    report = draft_of(NATIONAL[2022]).report
    assert report.review.title == "2021年工作回顾"
    texts = kpi_texts(report)
    for expected in ("国内生产总值增长8.1%", "城镇新增就业1269万人", "城镇调查失业率平均为5.1%",
                     "居民消费价格上涨0.9%", "居民人均可支配收入实际增长8.1%"):
        assert expected in texts
    gdp = report.review.kpis[0]
    assert (gdp.label, gdp.verb, str(gdp.figure)) == ("国内生产总值", "增长", "8.1%")


def test_2021_kpis_come_from_the_review_not_the_five_year_plan():
    texts = kpi_texts(draft_of(NATIONAL[2021]).report)
    assert texts == ["国内生产总值增长2.3%", "城镇调查失业率降到5.2%", "城镇新增就业1186万人", "居民消费价格上涨2.5%"]


def test_targets_keep_their_qualifiers(national):
    report = draft_of(national).report
    texts = [item.text for item in report.targets.items]
    assert report.targets.title == f"{report.meta.year}年主要预期目标"
    if "2022" in national.name:
        assert texts[:4] == ["国内生产总值增长5.5%左右", "城镇新增就业1100万人以上", "城镇调查失业率全年控制在5.5%以内",
                             "居民消费价格涨幅3%左右"]
        assert "粮食产量保持在1.3万亿斤以上" in texts
        assert str(report.targets.items[2].figure) == "5.5%以内"
    else:
        assert texts[0] == "国内生产总值增长6%以上" and "单位国内生产总值能耗降低3%左右" in texts
    source = source_text(national)
    assert all(text in source for text in texts)  # each target reads as the report wrote it


def test_meta_and_lead():
    report = draft_of(NATIONAL[2022]).report
    meta = report.meta
    assert (meta.year, str(meta.date), meta.place) == (2022, "2022-03-05", "全国")
    assert meta.kicker == "数读2022年政府工作报告" and meta.source == "2022年政府工作报告"
    assert meta.title == "经济保持恢复发展 创新能力进一步增强"
    assert report.lead == ["2022年3月5日，国务院总理李克强在第十三届全国人民代表大会第五次会议上作政府工作报告。"
                           "报告回顾了2021年工作，提出了2022年发展主要预期目标和政府工作任务。"]


def test_short_by_default(national):
    report = draft_of(national).report
    limits = Limits()
    assert 1 <= len(report.review.kpis) <= limits.kpis
    assert len(report.targets.items) <= limits.targets
    assert 1 <= len(report.groups) <= limits.groups
    assert 1 <= len(report.chapters) <= limits.chapters
    for chapter in report.chapters:
        assert len(chapter.sections) <= limits.sections
        assert all(1 <= len(section.items) <= limits.items for section in chapter.sections)
    assert all(1 <= len(group.facts) <= limits.items for group in report.groups)


def test_limits_change_the_draft():
    small = draft_of(NATIONAL[2022], kpis=3, targets=4, groups=2, chapters=2, sections=1, items=1).report
    assert len(small.review.kpis) == 3 and len(small.targets.items) == 4
    assert len(small.groups) == 2 and len(small.chapters) == 2
    assert all(len(c.sections) == 1 and len(c.sections[0].items) == 1 for c in small.chapters)
    assert [c.number for c in small.chapters] == [1, 2]
    # the highest-scoring KPIs stay, in the report's order
    assert kpi_texts(small)[0] == "国内生产总值增长8.1%"
    def items(report):
        return sum(len(s.items) for c in report.chapters for s in c.sections)

    assert items(draft_of(NATIONAL[2022], items=2).report) < items(draft_of(NATIONAL[2022], items=20).report)


@pytest.mark.parametrize("limits", [{}, {"kpis": 30, "groups": 30, "chapters": 30, "sections": 30, "items": 30}])
def test_every_figure_appears_verbatim_in_the_source(national, limits):
    report = draft_of(national, **limits).report
    assert figures_not_in_source(report, source_text(national)) == []


def test_a_planted_figure_is_caught():
    report = draft_of(NATIONAL[2022]).report
    fact = report.groups[0].facts[0]
    changed = report.model_copy(update={"lead": [report.lead[0].replace("3月5日", "3月6日")]})
    assert figures_not_in_source(changed, source_text(NATIONAL[2022])) == ["6日"]  # dates are checked too
    group = report.groups[0].model_copy(update={"facts": [fact.replace("8.1%", "8.2%")]})
    altered = report.model_copy(update={"groups": [group, *report.groups[1:]]})
    assert "8.2%" in figures_not_in_source(altered, source_text(NATIONAL[2022]))


def test_facts_and_items_are_the_reports_words_cut_at_clause_boundaries(national):
    report = draft_of(national).report
    source = source_text(national)
    pieces = [fact for group in report.groups for fact in group.facts]
    pieces += [item for chapter in report.chapters for section in chapter.sections for item in section.items]
    for piece in pieces:
        at = source.find(piece)
        assert at >= 0, piece
        before, after = source[at - 1 : at], source[at + len(piece) : at + len(piece) + 1]
        assert before in "，。；：！？\n" and after in "，。；：！？\n", piece  # never inside a figure or a clause
        single_clause = not re.search(r"[，：]", piece)
        assert len(piece) <= Limits().cut or single_clause, piece


def test_each_item_names_its_source_line(national):
    draft = draft_of(national)
    text = draft_yaml(draft, national.name, schema=None)
    lines = national.read_text(encoding="utf-8").split("\n")
    checked = 0
    for line in text.split("\n"):
        match = re.match(r"\s+- (?:label: |title: )?(?P<text>.+?)  # (?P<file>\S+) L(?P<line>\d+)$", line)
        if not match or match["text"].startswith("number:"):
            continue  # a chapter's comment sits on its number: checked below
        assert match["file"] == national.name
        assert match["text"][:6] in lines[int(match["line"]) - 1], line
        checked += 1
    assert checked >= 30
    for index, chapter in enumerate(draft.report.chapters):
        heading = lines[draft.sources[("chapters", index)].number - 1]
        assert chapter.title[:6] in heading or chapter.title in heading, (chapter.title, heading)


def test_the_yaml_validates_and_layouts_ignore_the_comments(national, tmp_path):
    draft = draft_of(national)
    path = tmp_path / "draft.yaml"
    path.write_text(draft_yaml(draft, national.name), encoding="utf-8")
    assert load_report(path) == draft.report


def test_explain_lists_choices_and_the_next_candidates():
    listing = explain(draft_of(NATIONAL[2022], kpis=3))
    assert listing.startswith("[review.kpis] chose 3 of ")
    block = listing.split("[targets]")[0].splitlines()
    assert [row.split()[0] for row in block[1:]] == ["+", "+", "+", "-", "-", "-"]
    assert re.search(r"^\s+\+\s+\d+\.\d\s+L28\s+国内生产总值增长8\.1%", listing, re.M)
    for name in ("[targets]", "[groups]", "[chapters]", "[group 经济保持恢复发展]"):
        assert name in listing


def test_all_drafted_texts_are_nonempty(national):
    assert all(text.strip() for text in drafted_texts(draft_of(national).report))


# A county-style report: subtitle without ——, over two lines; ( ) around section numbers; a level
# and a rate in one clause; a section without run-in headings (a test input in the genre's shape).
COUNTY = """\
新会区政府工作报告

2023年2月20日在江门市新会区第十六届
人民代表大会第三次会议上
新会区人民政府代区长　王明

各位代表：

一、过去一年工作回顾

2022年，我们实现地区生产总值1011.4亿元、增长4%，固定资产投资增长3.5%，城乡居民人均可支配收入分别增长4.8%、7.2%。

(一)坚持项目支撑，经济基础更加坚实。113个市重点项目完成投资273亿元，投资完成率128.8%。

二、2023年工作安排

2023年全区经济社会发展主要预期目标为：地区生产总值增长7.5%以上；固定资产投资增长6%。

(一)坚持制造业当家。全年园区基础设施投资不少于50亿元。
"""


def test_a_county_report_in_a_looser_shape(tmp_path):
    path = tmp_path / "county.txt"
    path.write_text(COUNTY, encoding="utf-8")
    report = draft_of(path).report
    assert (report.meta.place, report.meta.year, str(report.meta.date)) == ("新会区", 2023, "2023-02-20")
    assert report.lead[0].startswith("2023年2月20日，新会区人民政府代区长王明在江门市新会区第十六届人民代表大会第三次会议上")
    assert kpi_texts(report) == ["地区生产总值增长4%", "固定资产投资增长3.5%"]  # 分别增长4.8%、7.2%: two figures, no KPI
    assert report.groups[0].facts == ["2022年，我们实现地区生产总值1011.4亿元、增长4%，固定资产投资增长3.5%"]
    assert [t.text for t in report.targets.items] == ["地区生产总值增长7.5%以上", "固定资产投资增长6%"]
    chapter = report.chapters[0]
    assert chapter.title == "坚持制造业当家"
    assert [(s.title, s.items) for s in chapter.sections] == [("坚持制造业当家", ["全年园区基础设施投资不少于50亿元"])]
    assert figures_not_in_source(report, source_text(path)) == []
