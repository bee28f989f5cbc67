"""Loading report YAML: errors point at file:line:col and name the field."""

from __future__ import annotations

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
