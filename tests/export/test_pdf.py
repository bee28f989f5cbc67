"""PDF export: compact font subsets keep the text, the pixels and the bytes' determinism."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pikepdf
import pytest

HTML = """<html lang="zh-CN"><head><meta charset="utf-8"><title>字库</title><style>
@page { size: 120mm 80mm; margin: 8mm; }
body { font: 11pt/1.5 "Noto Serif CJK SC"; }
h1 { font: 700 20pt "Noto Sans CJK SC"; }
</style></head><body><h1>数读 2023 年</h1>
<p>新会区地区生产总值 1,234.5 亿元，增长 7.5%。 Words with spaces, “quotes” and 数字。</p></body></html>"""


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> tuple[Path, Path]:
    """(WeasyPrint's own PDF, the exported one with compact subsets)."""
    import weasyprint

    from xinhui_print.export.pdf import export_pdf

    document = weasyprint.HTML(string=HTML).render()
    folder = tmp_path_factory.mktemp("compact")
    raw, compact = folder / "raw.pdf", folder / "compact.pdf"
    raw.write_bytes(document.write_pdf())
    compact.write_bytes(export_pdf(document))
    return raw, compact


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, check=True)


def font_programs(path: Path) -> dict[str, bytes]:
    with pikepdf.open(path) as pdf:
        return {str(o.FontName): bytes(o.FontFile3.read_bytes())
                for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and "/FontFile3" in o}


def glyph_count(program: bytes) -> int:
    from fontTools.cffLib import CFFFontSet
    from fontTools.ttLib import TTFont

    if program[:4] == b"OTTO":
        return len(TTFont(io.BytesIO(program)).getGlyphOrder())
    cff = CFFFontSet()
    cff.decompile(io.BytesIO(program), None)
    return len(cff[cff.fontNames[0]].charset)


def test_cjk_subsets_hold_only_the_shown_glyphs(pdfs):
    raw, compact = (font_programs(path) for path in pdfs)
    assert raw.keys() == compact.keys()
    for name, program in compact.items():
        assert program[:4] != b"OTTO", name  # a bare CID-keyed CFF
        assert glyph_count(program) < 80, name
        assert glyph_count(raw[name]) > 10_000, name  # WeasyPrint keeps the glyph IDs: empty slots
    assert sum(map(len, compact.values())) < sum(map(len, raw.values())) / 10


def test_text_extracts_the_same_with_poppler_and_pdfminer(pdfs):
    from pdfminer.high_level import extract_text

    raw, compact = pdfs
    assert run("pdftotext", str(raw), "-").stdout == run("pdftotext", str(compact), "-").stdout
    assert extract_text(str(raw)) == extract_text(str(compact))
    assert "新会区地区生产总值 1,234.5 亿元" in extract_text(str(compact))


def test_ghostscript_pixels_are_unchanged(pdfs):
    raw, compact = (run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=ppmraw", "-r150",
                        "-sOutputFile=-", str(path)).stdout for path in pdfs)
    assert raw == compact


@pytest.mark.parametrize("dpi", ["50", "300"])
def test_poppler_pixels_are_unchanged(pdfs, dpi):
    raw, compact = (run("pdftoppm", "-r", dpi, str(path)).stdout for path in pdfs)
    assert raw == compact


def test_export_is_deterministic(pdfs):
    import weasyprint

    from xinhui_print.export.pdf import export_pdf

    assert export_pdf(weasyprint.HTML(string=HTML).render()) == pdfs[1].read_bytes()
