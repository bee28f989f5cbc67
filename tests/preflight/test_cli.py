"""``xinhui-print preflight``: console lines, exit codes, JSON and HTML reports."""

from __future__ import annotations

import hashlib
import json

import pikepdf
import pytest

from xinhui_print.cli import main


def test_clean_file_exits_0_with_a_pass_summary(clean_pdf, capsys):
    assert main(["preflight", str(clean_pdf)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"PASS {clean_pdf} against sheetcmyk-cmyk (4 pages): 0 errors, 0 warnings, 0 infos"]


def test_errors_exit_1_with_one_line_per_finding(make_pdf, capsys):
    path = make_pdf(extra="q 1 0 0 rg 40 360 60 30 re f Q\n")
    assert main(["preflight", str(path)]) == 1
    first, summary = capsys.readouterr().out.splitlines()
    assert first == ("ERROR R0027 p.1 (40.0, 360.0 – 100.0, 390.0 pt): "
                     "DeviceRGB colour in early-binding profile")
    assert summary.startswith("FAIL ") and "1 error," in summary


@pytest.mark.parametrize("kind", ["not-a-pdf", "damaged", "encrypted", "missing"])
def test_unreadable_files_exit_2_with_one_clear_line(tmp_path, clean_pdf, capsys, kind):
    path = tmp_path / f"{kind}.pdf"
    if kind == "not-a-pdf":
        path.write_text("hello")
    elif kind == "damaged":
        path.write_bytes(clean_pdf.read_bytes()[:600])
    elif kind == "encrypted":
        with pikepdf.open(clean_pdf) as pdf:
            pdf.save(path, encryption=pikepdf.Encryption(owner="o", user="u"))
    assert main(["preflight", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err
    assert err.startswith(f"xinhui-print: error: {path}: cannot read PDF (")


def test_unknown_profile_lists_available_ones(clean_pdf, capsys):
    assert main(["preflight", str(clean_pdf), "--profile", "nope"]) == 2
    assert "available: digital-print" in capsys.readouterr().err


def test_json_report_has_profile_hash_and_findings(make_pdf, tmp_path, capsys):
    path = make_pdf(extra="q 0 0 0 1 k BT /T3 9 Tf 40 360 Td (AA) Tj ET Q\n")
    report = tmp_path / "r.json"
    assert main(["preflight", str(path), "--profile", "shop-cn", "--json", str(report)]) == 0
    data = json.loads(report.read_text())
    assert data["profile"] == "shop-cn"
    assert data["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    (finding,) = data["findings"]
    assert {k: finding[k] for k in ("id", "severity", "page", "measured", "limit")} == {
        "id": "R0009", "severity": "warning", "page": 1, "measured": 9.0, "limit": 12.0}
    assert len(finding["bbox"]) == 4 and finding["message"]


def test_reports_are_deterministic(make_pdf, tmp_path, capsys):
    path = make_pdf(extra="q 1 0 0 rg 40 360 60 30 re f Q 0.5 0.5 0 0 K 0.1 w 40 300 m 90 300 l S\n",
                    extra_on=(1, 3))
    outputs = []
    for run in range(2):
        target = tmp_path / f"r{run}.json"
        main(["preflight", str(path), "--json", str(target)])
        outputs.append(target.read_text())
    assert outputs[0] == outputs[1]
    pages = [(f["page"], f["id"]) for f in json.loads(outputs[0])["findings"]]
    assert pages == sorted(pages)


def test_html_report_has_a_thumbnail_per_page(make_pdf, tmp_path, capsys):
    path = make_pdf(extra="q 1 0 0 rg 40 360 60 30 re f Q\n")
    target = tmp_path / "r.html"
    main(["preflight", str(path), "--html", str(target)])
    html = target.read_text()
    assert html.count("data:image/png;base64,") == 4
    assert "R0027" in html
