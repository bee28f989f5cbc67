"""Loading report YAML: errors point at file:line:col and name the field."""

from __future__ import annotations

import re

import pytest

from xinhui_print.data import SchemaError, load_report, load_source
from xinhui_print.errors import DataError

MINIMAL = """\
meta:
  id: test-2023
  title: 标题
  kicker: 数读2023年某区政府工作报告
  place: 某区
  year: 2023
  publisher: 某报
  date: 2023-02-20
  source: 2023年某区政府工作报告
review:
  title: 2022年工作回顾
  kpis:
    - label: 地区生产总值
      verb: 增长
      figure: 同比4%
    - label: 固定资产投资
      verb: 增长
      figure: 3.5%
    - label: 外贸进出口总额
      verb: 增长
      figure: 1.1%
"""


def test_minimal_file_loads(write_yaml):
    report = load_report(write_yaml(MINIMAL))
    assert report.meta.id == "test-2023"
    assert str(report.review.kpis[0].figure) == "同比4%"


def test_yaml_syntax_error_has_line_and_column(write_yaml):
    path = write_yaml(MINIMAL.replace("  place: 某区", "  place: [某区"))
    with pytest.raises(DataError) as raised:
        load_report(path)
    message = str(raised.value)
    assert message.startswith(f"{path}:6:")
    assert "failed to parse YAML (" in message
    assert raised.value.exit_code == 2


def test_kpi_without_a_value_names_the_field_and_line(write_yaml):
    path = write_yaml(MINIMAL.replace("      figure: 1.1%\n", ""))
    with pytest.raises(SchemaError) as raised:
        load_report(path)
    assert str(raised.value) == f"{path}:19:7: review.kpis[2].figure: field required"


def test_bad_figure_points_at_the_value(write_yaml):
    path = write_yaml(MINIMAL.replace("figure: 3.5%", "figure: three"))
    with pytest.raises(SchemaError) as raised:
        load_report(path)
    assert str(raised.value).startswith(f"{path}:18:15: review.kpis[1].figure: not a figure: 'three'")


def test_unknown_key_points_at_the_key(write_yaml):
    path = write_yaml(MINIMAL.replace("  place: 某区", "  plaec: 某区"))
    with pytest.raises(SchemaError) as raised:
        load_report(path)
    problems = [str(p) for p in raised.value.problems]
    assert f"{path}:5:3: meta.plaec: unknown key (check the spelling)" in problems
    assert f"{path}:2:3: meta.place: field required" in problems  # the meta mapping


def test_several_problems_make_one_line_with_a_count(write_yaml):
    path = write_yaml(MINIMAL.replace("  year: 2023", "  year: 1800").replace("figure: 3.5%", "figure: x"))
    with pytest.raises(SchemaError) as raised:
        load_report(path)
    message = str(raised.value)
    assert "\n" not in message
    assert message.endswith("(+1 more)")
    assert len(raised.value.problems) == 2
    assert str(raised.value.problems[0]).startswith(f"{path}:6:9: meta.year:")
    first = raised.value.problems[0]  # a diagnostic naming its field, for the studio's form
    assert first.location.field == "meta.year" and message == f"{first} (+1 more)"


def test_missing_file_names_the_file(tmp_path):
    missing = tmp_path / "nope.yaml"
    with pytest.raises(DataError, match=f"file not found: {missing}"):
        load_report(missing)


def test_duplicate_key_is_an_error(write_yaml):
    path = write_yaml(MINIMAL.replace("  year: 2023\n", "  year: 2023\n  year: 2024\n"))
    with pytest.raises(DataError, match="duplicate key 'year'") as raised:
        load_report(path)
    assert str(raised.value).startswith(f"{path}:7:3:")


@pytest.mark.parametrize("text", ["", "- a\n- b\n", "just text\n"])
def test_top_level_must_be_a_mapping(write_yaml, text):
    with pytest.raises(DataError, match="expected a mapping"):
        load_report(write_yaml(text))


def test_binary_file_is_rejected(tmp_path):
    path = tmp_path / "junk.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(DataError, match="not a text file"):
        load_report(path)


def test_non_utf8_file_is_rejected_with_its_offset(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes("meta:\n  title: 新会\n".encode("gbk"))
    with pytest.raises(DataError, match=r"gbk.yaml:2: not UTF-8 text \(byte 0xd0 at offset 15\)"):
        load_report(path)


def test_load_source_takes_yaml_and_articles(write_yaml, articles):
    report, diagnostics = load_source(write_yaml(MINIMAL))
    assert report.meta.id == "test-2023" and diagnostics == []
    report, diagnostics = load_source(articles / "shudu-xinhui-2023.txt")
    assert report.meta.id == "xinhui-2023" and len(report.chapters) == 5


def test_load_source_rejects_other_files(write_yaml):
    with pytest.raises(DataError, match=r"unknown input type '\.pdf'"):
        load_source(write_yaml("x", "report.pdf"))


# -- hostile and careless input ---------------------------------------------------------------


def test_an_alias_is_refused_where_it_stands(write_yaml):
    path = write_yaml(MINIMAL + "groups: &g\n  - {title: 产业, facts: [事实]}\nchapters: *g\n")
    with pytest.raises(DataError, match=r"report\.yaml:24:11: YAML alias \*g not allowed"):
        load_report(path)


def test_a_billion_laughs_file_is_refused_at_once(write_yaml):
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    levels += [f"{b}: &{b} [{', '.join(['*' + a] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi")]
    path = write_yaml("\n".join(levels) + "\n")
    with pytest.raises(DataError, match=r":2:8: YAML alias \*a"):
        load_report(path)


def test_deep_nesting_is_refused_before_python_recursion_gives_out(write_yaml):
    path = write_yaml("meta: " + "[" * 3000 + "]" * 3000 + "\n")
    with pytest.raises(DataError, match=r":1:18: nested more than 12 levels deep"):
        load_report(path)


@pytest.mark.parametrize(("figure", "message"), [
    (".nan", "a figure must be a finite number, got nan"),
    ("-.inf", "a figure must be a finite number, got -inf"),
    ("{value: 5.1, unti: '%'}", "unknown key 'unti' in the figure"),
    ("{value: 1, unit: 5}", "unit must be text, got int 5"),
    ("{value: 1, unit: 千瓦时}", "unknown unit '千瓦时'"),
    ("{value: .nan}", "finite"),
    ("{value: '5'}", "value must be a number"),
    ("{unit: '%'}", "a figure needs a value"),
    ("1.0e-9", "write the figure 1e-09 out in digits"),
    ("1234567%", "a figure of 7 digits, at most 6"),
    ("true", "a figure is a string like"),
])
def test_bad_figures_are_located_errors(write_yaml, figure, message):
    path = write_yaml(MINIMAL.replace("figure: 3.5%", f"figure: {figure}"))
    with pytest.raises(SchemaError) as error:
        load_report(path)
    assert str(error.value).startswith(f"{path}:18:15: review.kpis[1].figure: ")
    assert message in str(error.value)


def test_a_figure_mapping_with_known_keys_loads(write_yaml):
    report = load_report(write_yaml(MINIMAL.replace("figure: 3.5%", "figure: {value: 3.5, unit: '%'}")))
    assert str(report.review.kpis[1].figure) == "3.5%"


@pytest.mark.parametrize(("old", "new", "field", "message"), [
    ("number: 1", "number: true", "chapters[0].number", "valid integer"),
    ("year: 2023", "year: '2023'", "meta.year", "valid integer"),
    ("verb: 增长\n      figure: 同比4%", "verb: 5\n      figure: 同比4%", "review.kpis[0].verb",
     "valid string"),
])
def test_values_keep_their_types(write_yaml, old, new, field, message):
    text = MINIMAL + "chapters:\n  - number: 1\n    title: 章\n    sections: [{title: 节}]\n"
    with pytest.raises(SchemaError, match=rf"{re.escape(field)}: .*{message}"):
        load_report(write_yaml(text.replace(old, new, 1)))


def test_a_field_past_its_limit_says_how_long_it_is_and_may_be(write_yaml):
    path = write_yaml(MINIMAL.replace("label: 固定资产投资", "label: " + "固定资产投资" * 50))
    with pytest.raises(SchemaError, match=r":16:14: review\.kpis\[1\]\.label: 300 characters, "
                                          r"at most 30 in this field$"):
        load_report(path)


def test_a_list_past_its_limit_says_how_long_it_is_and_may_be(write_yaml):
    kpis = "".join(f"    - {{label: 指标{n}, figure: {n}%}}\n" for n in range(2000))
    path = write_yaml(MINIMAL.split("  kpis:\n")[0] + "  kpis:\n" + kpis)
    with pytest.raises(SchemaError, match=r":13:5: review\.kpis: 2000 items, at most 12 in this list"):
        load_report(path)


def test_a_report_past_its_size_is_refused(write_yaml):
    lead = "".join(f"  - {'新会' * 480}{n}\n" for n in range(10))  # 10 × 961 characters
    notes = "".join(f"  - {'说明' * 499}\n" for _ in range(45))  # 45 × 998 characters
    with pytest.raises(SchemaError, match=r"report\.yaml:1:1: the report holds \d+ characters of "
                                          r"text, at most 50000"):
        load_report(write_yaml(MINIMAL + "lead:\n" + lead + "notes:\n" + notes))


def test_a_file_past_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * 1_000_000)
    with pytest.raises(DataError, match="file larger than 1,000,000 bytes"):
        load_report(path)


def test_a_control_character_is_located(write_yaml):
    with pytest.raises(DataError, match=r"report\.yaml:2:9: failed to parse YAML \(character U\+001F"):
        load_report(write_yaml("meta:\n  id: ab\x1fc\n"))


def test_full_width_figures_load_as_half_width(write_yaml):
    text = MINIMAL.replace("figure: 3.5%", "figure: １２．５％").replace("figure: 1.1%", "figure: １２%")
    report = load_report(write_yaml(text + "groups:\n  - title: 产业\n    facts: [新增企业**１２０家**]\n"))
    assert [str(k.figure) for k in report.review.kpis[1:]] == ["12.5%", "12%"]
    assert report.groups[0].facts == ["新增企业**120家**"]


def test_a_control_character_in_a_text_is_located(write_yaml):
    path = write_yaml(MINIMAL.replace("title: 标题", 'title: "标\\x01题"'))
    with pytest.raises(SchemaError, match=r":3:10: meta\.title: control character U\+0001"):
        load_report(path)


def test_unicode_line_ends_count_as_line_ends(write_yaml):
    path = write_yaml(MINIMAL.replace("\n", "\u2028", 2))  # lines 1-3 joined by U+2028
    assert load_report(path).meta.title == "标题"
