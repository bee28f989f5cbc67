"""The committed report data (data/xinhui-2023.yaml) read through the model."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from xinhui_print.model import KPI, Figure, Indicator, parse_figure, plain_text
from xinhui_print.text.punctuation import normalize_punctuation


@pytest.fixture
def seed_lines(seed_text) -> list[tuple[int, str]]:
    """(line number, stripped text) of every non-blank seed line."""
    lines = seed_text.split("\n")
    return [(n, line.strip()) for n, line in enumerate(lines, start=1) if line.strip()]


def test_meta_is_as_published(report):
    meta = report.meta
    assert (meta.id, meta.place, meta.year) == ("xinhui-2023", "新会区", 2023)
    assert meta.title == "乘势而上加速奔跑 开局之年再上台阶"
    assert meta.kicker == "数读2023年新会区政府工作报告"
    assert (meta.publisher, meta.author, meta.byline) == ("江门日报", "任晓盈", "江门日报记者 任晓盈")
    assert meta.date == dt.date(2023, 2, 20)
    assert meta.source == "2023年新会区政府工作报告"
    assert [(c.role, c.name) for c in meta.credits] == [("文", "江门日报记者 任晓盈")]


def test_kpi_figures_are_parsed_with_their_qualifiers(report):
    kpis = {kpi.label: kpi.figure for kpi in report.review.kpis}
    assert kpis["地区生产总值"] == Figure(4.0, "%", "同比", "4")
    assert kpis["地方一般公共预算收入"] == Figure(0.5, "%", "可比", "0.5")
    assert kpis["规上工业增加值"].value == 5.1
    assert len(kpis) == 6


def test_target_keeps_its_qualifier(report):
    gdp = report.targets.items[0]
    assert (gdp.figure.value, gdp.figure.unit, gdp.figure.qualifier) == (7.5, "%", "以上")
    assert gdp.text == "地区生产总值增长7.5%以上"


def test_targets_without_a_figure_keep_their_sentence(report):
    sentences = [item.label for item in report.targets.items if item.figure is None]
    assert sentences == ["城乡居民人均可支配收入与经济增长基本同步", "全区空气质量优良率完成上级下达任务"]
    assert report.targets.intro == "2023年经济社会发展主要预期目标："


def test_indicators_print_back_as_the_article_wrote_them(report, seed_lines):
    bullets = {plain_text(normalize_punctuation(line[2:])) for _, line in seed_lines if line.startswith("- ")}
    for indicator in [*report.review.kpis, *report.targets.items]:
        assert indicator.text in bullets


def test_every_kpi_pairs_with_this_years_target(report):
    pairs = {kpi.label: report.target_for(kpi).figure for kpi in report.review.kpis}
    assert str(pairs["规上工业增加值"]) == "9%"  # paired with 规模以上工业增加值
    assert str(pairs["地区生产总值"]) == "7.5%以上"
    assert None not in pairs.values()


def test_ranking_and_pledge_facts(report):
    assert report.review.rankings == ["全国高质量发展百强区排名第**42**位，较2021年上升**3**位"]
    assert report.review.pledges == ["区人大代表票决的十大民生实事**全面完成**"]


def test_themed_groups_with_two_part_titles(report):
    # the seed has five themed groups after the headline KPIs
    titles = [(group.title, group.deck) for group in report.groups]
    assert titles[0] == ("积极融入全省，全市发展大局", "全区经济发展跃上新台阶")
    assert titles[3] == ("加快构建新发展格局", "城市营商环境更加开放包容，亲商便民")
    assert [len(group.facts) for group in report.groups] == [6, 4, 4, 5, 3]


def test_five_chapters_with_sections_and_items(report):
    assert [c.number for c in report.chapters] == [1, 2, 3, 4, 5]
    assert [len(c.sections) for c in report.chapters] == [4, 5, 6, 3, 5]
    first = report.chapters[0].sections[0]
    assert first.title == "高规格打造大平台" and len(first.items) == 11
    assert report.chapters[4].sections[-1].items[-1] == "加强政府系统廉政建设"


def test_items_split_in_the_article_are_whole(report):
    items = [item for c in report.chapters for s in c.sections for item in s.items]
    assert "全面推行工程建设审批结果电子证照化，深化推广“评定分离”" in items
    assert any("罗坑林锦云故居、大泽田金革命根据地等红色资源" in item for item in items)
    assert not any(item in ("大", "“评定分离”") for item in items)
    business = report.chapters[1].sections[2].items
    assert len(business) == 5 and business[2].startswith("推动“一件事”")


def test_nothing_of_the_seed_is_dropped(report, seed_lines):
    text = re.sub(r"\s", "", "".join(report.all_text() + [i.text for i in report.review.kpis + report.targets.items]))
    for number, line in seed_lines:
        body = re.sub(r"^(- |● |\d+\.\s|\d+\s)", "", line)
        body = re.sub(r"\s", "", plain_text(normalize_punctuation(body)))
        assert body in text, f"seed line {number} missing: {line}"


def test_punctuation_is_full_width_inside_chinese(report):
    for text in report.all_text():
        assert not re.search(r"[\u4e00-\u9fff][,?:;!()]|[,?:;!()][\u4e00-\u9fff]", text), text
    blob = "".join(report.all_text())
    for kept in ("57.8亿元", "5G+智慧园区", "RCEP", "“1+9+N”", "PM2.5", "R&D", "G240", "S532", "（B型）"):
        assert kept in blob


@pytest.mark.parametrize(("text", "value", "unit", "qualifier"), [
    ("同比4%", 4.0, "%", "同比"), ("7.5%以上", 7.5, "%", "以上"), ("57.8亿元", 57.8, "亿元", ""),
    ("6%左右", 6.0, "%", "左右"),
])
def test_figures_parse_number_unit_and_qualifier(text, value, unit, qualifier):
    figure = parse_figure(text)
    assert (figure.value, figure.unit, figure.qualifier, str(figure)) == (value, unit, qualifier, text)


def test_a_kpi_needs_a_figure_but_a_target_may_not():
    with pytest.raises(ValueError, match="figure"):
        KPI(label="地区生产总值", verb="增长")
    assert Indicator(label="全区空气质量优良率完成上级下达任务").figure is None
