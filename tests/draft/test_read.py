"""Reading a report: .txt, .docx, .pdf (text layer), .html (the main text) — and what cannot be read."""

from __future__ import annotations

import zipfile

import pytest

from xinhui_print.draft import draft_report, read_source
from xinhui_print.errors import InputError

from .conftest import NATIONAL


@pytest.mark.parametrize("year", sorted(NATIONAL))
@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".html"])
def test_every_format_drafts_the_same_report(variants, year, suffix):
    from_text = draft_report(variants[(year, ".txt")], report_id="r", publisher="编辑部").report
    from_other = draft_report(variants[(year, suffix)], report_id="r", publisher="编辑部").report
    assert from_other == from_text


def test_html_main_text_leaves_menus_sidebar_and_footer_out(variants):
    lines = [line.text for line in read_source(variants[(2022, ".html")])]
    assert lines[0] == "政府工作报告"
    assert lines[1].startswith("——2022年3月5日")
    page = "\n".join(lines)
    for noise in ("栏目", "相关阅读", "版权所有", "首页", "打印本页", "var menu"):
        assert noise not in page
    assert "今年发展主要预期目标是：国内生产总值增长5.5%左右" in page


def test_pdf_lines_know_their_page_and_which_lines_continue_a_paragraph(variants):
    lines = read_source(variants[(2022, ".pdf")])
    assert lines[0].page == 1 and lines[0].where == "p1 L1"
    assert max(line.page for line in lines) >= 10
    wrapped = [line for line in lines if line.joins]
    opening = [line for line in lines if line.joins is False]
    assert wrapped and opening
    assert any(line.text.startswith("——经济保持恢复发展") and line.joins is False for line in lines)


def test_word_paragraphs_are_numbered(variants):
    lines = read_source(variants[(2021, ".docx")])
    assert lines[0].where == "¶1" and lines[0].text == "政府工作报告"


def _error(path) -> str:
    with pytest.raises(InputError) as raised:
        read_source(path)
    assert raised.value.exit_code == 2
    return str(raised.value)


def test_unknown_suffix_is_one_located_line(tmp_path):
    path = tmp_path / "report.odt"
    path.write_bytes(b"PK\x03\x04")
    message = _error(path)
    assert message.startswith(f"{path}: cannot draft from .odt") and "\n" not in message


def test_missing_file_and_directory(tmp_path):
    assert "file not found" in _error(tmp_path / "nothing.txt")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert "a directory" in _error(folder)


def test_broken_word_file(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(b"this is not a zip file")
    assert _error(path).startswith(f"{path}: not a readable Word file")
    with zipfile.ZipFile(tmp_path / "empty.docx", "w") as archive:
        archive.writestr("hello.txt", "no document inside")
    assert "not a readable Word file" in _error(tmp_path / "empty.docx")


def test_broken_pdf_and_pdf_without_text(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7\n% truncated")
    assert _error(path).startswith(f"{path}: not a readable PDF")
    from reportlab.pdfgen import canvas

    scanned = tmp_path / "scanned.pdf"
    page = canvas.Canvas(str(scanned))
    page.rect(50, 50, 200, 200, fill=1)
    page.save()
    assert "no text found" in _error(scanned)


def test_binary_text_file(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(b"\xff\xfe\x00\x01binary")
    assert _error(path).startswith(f"{path}")


def test_html_without_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><body><nav><a href='/'>首页</a></nav><script>x = 1</script></body></html>",
                    encoding="utf-8")
    assert "no text found" in _error(path)
