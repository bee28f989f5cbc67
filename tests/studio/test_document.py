"""The report file in the studio: round-trip edits keep comments and key order; CLI validation; undo."""

from __future__ import annotations

import shutil

import pytest
import yaml

from xinhui_print.data import load_report
from xinhui_print.errors import DataError
from xinhui_print.project import project
from xinhui_print.studio.document import HISTORY, EditError, ReportDocument


@pytest.fixture
def document(tmp_path):
    path = tmp_path / "report.yaml"
    shutil.copy(project().default_data, path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  place: 新会区\n", "  place: 新会区  # 区名，勿改\n"), encoding="utf-8")
    return ReportDocument.open(path)


def test_a_field_edit_changes_only_its_line(document):
    before = document.path.read_text(encoding="utf-8").splitlines()
    document.apply([{"op": "set", "path": ["review", "kpis", 1, "figure"], "value": "6.2%"}])
    after = document.path.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert changed == [("      figure: 5.1%", "      figure: 6.2%")] and len(before) == len(after)
    assert "  place: 新会区  # 区名，勿改" in after  # comments kept
    assert document.valid and str(document.report.review.kpis[1].figure) == "6.2%"


def test_invalid_figure_is_located_like_the_cli(document):
    good = document.report
    document.apply([{"op": "set", "path": ["review", "kpis", 0, "figure"], "value": "五个点"}])
    [problem] = document.as_json()["problems"]  # what the browser reads
    assert problem["field"] == "review.kpis[0].figure" and problem["message"].startswith("not a figure")
    assert problem["text"].startswith(
        f"{document.path}:{problem['line']}:{problem['column']}: review.kpis[0].figure: not a figure")
    assert document.report is good  # the last valid report stays for the previews


def test_reorder_renumbers_chapters(document):
    titles = [c.title for c in document.report.chapters]
    document.apply([{"op": "move", "path": ["chapters"], "from": 0, "to": 2}])
    assert [c.title for c in document.report.chapters] == [titles[1], titles[2], titles[0], *titles[3:]]
    assert [c.number for c in document.report.chapters] == list(range(1, len(titles) + 1))


def test_insert_and_remove_list_items(document):
    document.apply([{"op": "insert", "path": ["review", "pledges"], "index": 1, "value": "新增一条承诺"}])
    assert document.report.review.pledges[-1] == "新增一条承诺"
    document.apply([{"op": "remove", "path": ["review", "pledges"], "index": 1}])
    assert "新增一条承诺" not in document.text


def test_optional_figure_removed_with_null(document):
    document.apply([{"op": "set", "path": ["targets", "items", 0, "figure"], "value": None}])
    assert document.report.targets.items[0].figure is None
    assert yaml.safe_load(document.text)["targets"]["items"][0] == {"label": "地区生产总值", "verb": "增长"}


def test_bad_operations_change_nothing(document):
    text = document.text
    for operation in ({"op": "set", "path": ["nope", 3], "value": "x"}, {"op": "explode", "path": []},
                      {"op": "move", "path": ["chapters"], "from": 0, "to": 99}, {"op": "set", "path": "meta"},
                      {"op": "insert", "path": ["meta", "title"], "value": "x"}):
        with pytest.raises(EditError):
            document.apply([{"op": "set", "path": ["meta", "title"], "value": "先改了"}, operation])
    assert document.text == text and document.path.read_text(encoding="utf-8") == text


def test_undo_redo_keeps_at_least_fifty_steps(document):
    original = document.text
    for step in range(60):
        document.apply([{"op": "set", "path": ["meta", "place"], "value": f"第{step}区"}])
    for _ in range(60):
        assert document.undo()
    assert document.text == original and document.path.read_text(encoding="utf-8") == original
    assert not document.undo()
    assert document.redo() and document.report.meta.place == "第0区"
    assert HISTORY >= 50


def test_raw_yaml_with_a_syntax_error_is_kept_and_located(document):
    document.replace_text(document.text.replace("meta:\n", "meta: [\n", 1))
    assert document.tree is None and not document.valid
    with pytest.raises(DataError) as cli:
        load_report(document.path)  # what `xinhui-print build` says
    [problem] = document.as_json()["problems"]
    assert problem["text"] == str(cli.value) and problem["field"] == ""
    assert "failed to parse YAML" in problem["message"] and problem["line"] == 4
    with pytest.raises(EditError):
        document.apply([{"op": "set", "path": ["meta", "title"], "value": "x"}])
    assert document.undo() and document.valid


def test_external_edit_is_one_undo_step(document):
    text = document.text
    document.path.write_text(text.replace("year: 2023", "year: 2024"), encoding="utf-8")
    assert document.reload_external() and document.report.meta.year == 2024
    assert not document.reload_external()  # nothing new
    assert document.undo() and document.report.meta.year == 2023
