"""Importing articles: the seed reproduces the data file; deviating articles import best-effort."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from xinhui_print.data import dump_report, import_article, load_report
from xinhui_print.data.importer import parse_indicator
from xinhui_print.errors import DataError


def imported(articles, name: str):
    path = articles / name
    return import_article(path.read_text(encoding="utf-8"), path.name)


def warnings_of(diagnostics) -> dict[int, str]:
    return {d.location.line or 0: d.message for d in diagnostics if d.severity == "warning"}


# -- the seed --------------------------------------------------------------------


def test_seed_reproduces_the_data_file(seed_text, data_file):
    report, _ = import_article(seed_text, "shudu-xinhui-2023.txt")
    assert report == load_report(data_file)


def test_seed_imports_without_warnings_and_reports_its_joins(seed_text):
    _, diagnostics = import_article(seed_text, "shudu-xinhui-2023.txt")
    assert warnings_of(diagnostics) == {}
    joins = [(d.location.line, d.excerpt) for d in diagnostics]
    assert joins == [(140, "“评定分离”"), (226, "泽田金革命根据地等红色资源，用活江门岭南书院、景堂图书馆等文化载体")]


def test_data_file_is_in_the_writers_style(report, data_file):
    assert dump_report(report) == data_file.read_text(encoding="utf-8")


def test_report_id_comes_from_the_caller_or_the_file_name(seed_text):
    assert import_article(seed_text, "x/shudu-xinhui-2023.txt")[0].meta.id == "xinhui-2023"
    assert import_article(seed_text, "新会.txt")[0].meta.id == "report-2023"
    assert import_article(seed_text, "a.txt", report_id="xh")[0].meta.id == "xh"


# -- indicators --------------------------------------------------------------------


@pytest.mark.parametrize(("text", "label", "verb", "figure"), [
    ("地区生产总值同比增长**4%**", "地区生产总值", "增长", "同比4%"),
    ("规模以上工业增加值增长**9%**", "规模以上工业增加值", "增长", "9%"),
    ("地区生产总值增长**7.5%以上**", "地区生产总值", "增长", "7.5%以上"),
    ("固定资产投资增长8%", "固定资产投资", "增长", "8%"),
    ("地区生产总值增长**约5%**", "地区生产总值增长", "", "约5%"),
])
def test_indicator_sentences_are_split_into_label_verb_figure(text, label, verb, figure):
    indicator = parse_indicator(text)
    assert (indicator.label, indicator.verb, str(indicator.figure)) == (label, verb, figure)
    assert indicator.text == text.replace("**", "")


@pytest.mark.parametrize("text", ["全面落实“双减”政策", "区人大代表票决的十大民生实事**全面完成**", "**5%**"])
def test_sentences_without_a_final_figure_are_not_indicators(text):
    assert parse_indicator(text) is None


# -- deviating articles --------------------------------------------------------------


def test_other_place_and_year(articles):
    report, diagnostics = imported(articles, "shudu-pengjiang-2024.txt")
    meta = report.meta
    assert (meta.id, meta.place, meta.year, meta.date) == ("pengjiang-2024", "蓬江区", 2024, dt.date(2024, 1, 16))
    assert (meta.publisher, meta.author) == ("江门日报", "张三")
    assert report.review.title == "2023年工作回顾"
    assert [str(k.figure) for k in report.review.kpis] == ["5.2%", "可比3%"]
    assert report.review.rankings == ["全市营商环境评价位居第**1**位"]
    assert report.review.pledges == ["十件民生实事**全面完成**"]
    assert report.targets.items[0].figure.qualifier == "左右"
    assert [c.title for c in report.chapters] == ["坚持产业强区，建设现代化产业体系", "坚持民生为本，增进人民福祉"]
    assert warnings_of(diagnostics) == {}


def test_article_without_bullets_keeps_every_line_as_a_note(articles):
    report, diagnostics = imported(articles, "no-bullets.txt")
    assert report.review is None and report.targets is None
    assert report.notes == ["2022年工作回顾", "地区生产总值增长3%", "固定资产投资增长2%", "2023年工作展望", "地区生产总值增长6%"]
    warnings = warnings_of(diagnostics)
    assert "without a '- ' bullet" in warnings[11] and "without a '- ' bullet" in warnings[16]
    assert (report.meta.place, report.meta.date) == ("台山市", dt.date(2023, 2, 10))


def test_extra_headings_become_notes_and_the_structure_survives(articles):
    report, diagnostics = imported(articles, "extra-headings.txt")
    assert report.notes == ["专家点评", "新会的成绩来之不易，值得肯定。", "延伸阅读", "3 跳过的章节", "编后语：数据背后是民生。"]
    assert sorted(warnings_of(diagnostics)) == [17, 19, 27, 35, 37]
    assert "chapter numbered 3, expected 2" in warnings_of(diagnostics)[35]
    assert len(report.groups) == 1 and report.groups[0].facts == ["基础设施累计投入57.8亿元"]
    assert report.chapters[0].sections[0].items == ["全年园区基础设施投资不少于50亿元"]


def test_traditional_characters_are_recognised_and_kept(articles):
    report, diagnostics = imported(articles, "traditional.txt")
    assert (report.meta.place, report.meta.publisher) == ("新會區", "江門日報")
    gdp = report.review.kpis[0]
    assert (gdp.label, gdp.verb, str(gdp.figure)) == ("地區生產總值", "增長", "同比4%")
    assert report.review.title == "2022年工作回顧"
    assert report.chapters[0].sections[0].title == "高規格打造大平臺"
    assert any("traditional characters kept as written" in d.message for d in diagnostics)


def test_english_article_imports_with_warnings(articles):
    report, diagnostics = imported(articles, "english.txt")
    assert report.meta.title == "Xinhui District Government Work Report 2023"
    assert report.meta.year == 2023 and report.meta.place == "未注明"
    assert report.notes == ["- GDP grew by 4%", "- Industrial value added grew by 5.1%", "Outlook"]
    messages = [d.message for d in diagnostics]
    assert any("no Chinese text found" in m for m in messages)
    assert any(m.startswith("no place found") for m in messages)
    assert warnings_of(diagnostics)[5] == "bullet outside a list kept as a paragraph"


@pytest.mark.parametrize("text", ["", "\n\n   \n", "\ufeff\n", "***\n---\n"])
def test_an_empty_article_is_a_data_error(text):
    with pytest.raises(DataError, match="no text found in the article") as raised:
        import_article(text, "empty.txt")
    assert str(raised.value).startswith("empty.txt: ")


def test_an_article_without_a_year_is_a_data_error():
    with pytest.raises(DataError, match="cannot tell the report's year"):
        import_article("新会区的报告\n\n一段没有数字的文字。\n", "x.txt")


def test_imported_deviating_articles_write_and_load_back(articles, tmp_path):
    for path in sorted(articles.glob("*.txt")):
        if path.name == "empty.txt":
            continue
        report, _ = import_article(path.read_text(encoding="utf-8"), path.name)
        out = tmp_path / f"{path.stem}.yaml"
        out.write_text(dump_report(report), encoding="utf-8")
        assert load_report(out) == report, path.name


def _mangled(lines: list[str], rng: random.Random) -> str:
    choice = rng.randrange(4)
    if choice == 0:
        rng.shuffle(lines)
    elif choice == 1:
        lines = rng.sample(lines, rng.randint(1, len(lines)))
    elif choice == 2:
        lines = [line[: rng.randint(0, len(line))] for line in lines]
    else:
        lines = ["".join(chr(rng.randint(1, 0x9fff)) for _ in range(rng.randint(0, 30))) for _ in range(20)]
    return "\n".join(lines)


def test_mangled_articles_never_crash(seed_text):
    rng = random.Random(2023)
    lines = seed_text.split("\n")
    for _ in range(200):
        try:
            report, _ = import_article(_mangled(lines[:], rng), "mangled.txt")
        except DataError:
            continue
        assert report.meta.year >= 1949


# -- hostile and careless articles -------------------------------------------------------------

HEAD = "乘势而上加速奔跑\n数读2023年新会区政府工作报告\n2022年工作回顾\n"


def test_a_one_line_article_without_a_year_points_at_its_line():
    with pytest.raises(DataError, match=r"^a\.txt:2:1: cannot tell the report's year"):
        import_article("\n新会区今天开会了。\n", "a.txt")


def test_a_kpi_label_past_its_limit_points_at_the_bullet():
    text = HEAD + "- 地区生产总值同比增长**4%**\n- " + "固定资产投资" * 6 + "增长**3.5%**\n"
    with pytest.raises(DataError, match=r"^a\.txt:5:3: review\.kpis\[1\]\.label: 36 characters, "
                                        r"at most 30 in this field$"):
        import_article(text, "a.txt")


def test_too_many_kpis_point_at_the_first_one():
    bullets = "".join(f"- 指标{n}增长**{n % 9 + 1}%**\n" for n in range(13))
    with pytest.raises(DataError, match=r"^a\.txt:4:3: review\.kpis: 13 items, at most 12"):
        import_article(HEAD + bullets, "a.txt")


def test_full_width_figures_in_an_article_are_read_as_half_width():
    report, _ = import_article(HEAD + "- 地区生产总值同比增长**１２．５％**\n- 外贸进出口总额增长１２％\n", "a.txt")
    assert [kpi.text for kpi in report.review.kpis] == ["地区生产总值同比增长12.5%", "外贸进出口总额增长12%"]
