"""``xinhui-print draft``: the written file, --explain, limits, and one located line for bad input."""

from __future__ import annotations

import pytest

from xinhui_print import cli
from xinhui_print.data import load_report

from .conftest import NATIONAL


@pytest.fixture
def run(monkeypatch, capsys):
    """Run the CLI with only the draft command registered; → (code, stdout, stderr)."""
    monkeypatch.setattr(cli, "COMMANDS", ("draft",))

    def invoke(*argv) -> tuple[int, str, str]:
        code = cli.main([str(arg) for arg in argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return invoke


def test_draft_writes_report_data(run, tmp_path):
    out = tmp_path / "national-2022.yaml"
    code, stdout, err = run("draft", NATIONAL[2022], "-o", out, "--publisher", "新华日报")
    assert code == 0 and stdout == ""
    assert err.strip() == f"wrote {out} (8 KPIs, 9 targets, 6 groups, 6 chapters)"
    report = load_report(out)
    assert report.meta.id == "national-2022" and report.meta.publisher == "新华日报"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "    - label: 国内生产总值  # national-2022-government-work-report.txt L28" in text
    assert [p.name for p in tmp_path.iterdir()] == ["national-2022.yaml"]


def test_explain_and_limits(run, tmp_path):
    out = tmp_path / "short.yaml"
    code, stdout, err = run("draft", NATIONAL[2021], "-o", out, "--publisher", "新民晚报", "--explain",
                            "--kpis", "2", "--chapters", "3", "--items", "2", "--place", "中国")
    assert code == 0
    assert stdout.startswith("[review.kpis] chose 2 of 4\n")
    report = load_report(out)
    assert len(report.review.kpis) == 2 and len(report.chapters) == 3 and report.meta.place == "中国"


@pytest.mark.parametrize("name, content, message", [
    ("report.odt", b"PK", "cannot draft from .odt"),
    ("report.pdf", b"not a pdf at all", "not a readable PDF"),
    ("report.docx", b"not a zip", "not a readable Word file"),
    ("report.txt", "各位代表：\n没有标题和日期的文字。\n".encode(), "no session date found"),
])
def test_bad_input_is_one_located_line_and_writes_nothing(run, tmp_path, name, content, message):
    source = tmp_path / name
    source.write_bytes(content)
    out = tmp_path / "draft.yaml"
    out.write_text("old: data\n", encoding="utf-8")
    code, stdout, err = run("draft", source, "-o", out, "--publisher", "报社")
    assert code == 2 and stdout == ""
    assert err.startswith(f"xinhui-print: error: {source}") and message in err and err.count("\n") == 1
    assert out.read_text(encoding="utf-8") == "old: data\n"


def test_usage_errors_exit_2(run, tmp_path):
    with pytest.raises(SystemExit) as raised:
        run("draft", NATIONAL[2022], "-o", tmp_path / "x.yaml")  # no --publisher
    assert raised.value.code == 2
    code, _, err = run("draft", NATIONAL[2022], "-o", tmp_path / "X Y.yaml", "--publisher", "报社")
    assert code == 2 and "pass --id" in err
    with pytest.raises(SystemExit):
        run("draft", NATIONAL[2022], "-o", tmp_path / "x.yaml", "--publisher", "报社", "--kpis", "0")
