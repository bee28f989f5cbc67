"""The two public-domain national reports, and .docx / .pdf / .html variants made from them.

The variants are made here, not shipped: a Word file (python-docx, one Word
paragraph a line), a PDF (reportlab, Noto Sans CJK SC from the system's fonts,
converted to TrueType outlines for reportlab; paragraphs open with a
two-character indent as printed reports do, lines wrap anywhere) and a
government-site HTML page (menus, breadcrumbs, a sidebar of links and a footer
around the text).
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest

REPORTS = Path(__file__).parent / "reports"
NATIONAL = {
    2021: REPORTS / "national-2021-government-work-report.txt",
    2022: REPORTS / "national-2022-government-work-report.txt",
}
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
NOTO_SC_INDEX = 2  # JP, KR, SC, TC, HK


def report_lines(path: Path) -> list[str]:
    """The report's paragraphs as an editor's Word file or a printed PDF has them.

    The Wikisource text breaks some paragraphs: a zero-width-space line inside a
    paragraph, a title or a name over two lines (``政府工作报`` / ``告``), a subscript on
    a line of its own (``PM`` / ``2.5`` / ``）``).  Those pieces are joined; every other line
    stays a paragraph.
    """
    paragraphs: list[str] = []
    glue = adjacent = False
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip(" \t\u3000"):
            glue = adjacent = False
            continue
        if not line.strip(" \t\u3000\u200b"):
            glue = True  # a zero-width-space line: the paragraph goes on below it
            continue
        previous = paragraphs[-1] if paragraphs else ""
        broken = adjacent and not previous.endswith(("。", "：", "！", "？", "；"))
        short = len(previous.strip()) < 6 or len(line.strip()) < 6 or line.startswith("）")
        if paragraphs and (glue or (broken and short)):
            paragraphs[-1] = previous + line
        else:
            paragraphs.append(line)
        glue, adjacent = False, True
    return paragraphs


@pytest.fixture(params=sorted(NATIONAL), ids=lambda year: f"national-{year}")
def national(request) -> Path:
    return NATIONAL[request.param]


def make_docx(source: Path, target: Path) -> Path:
    import docx

    document = docx.Document()
    for line in report_lines(source):
        document.add_paragraph(line)
    document.save(str(target))
    return target


def make_html(source: Path, target: Path) -> Path:
    lines = report_lines(source)
    menu = "".join(f'<li><a href="/{n}">栏目{n}：政务公开、政策解读、互动交流、办事服务</a></li>' for n in range(12))
    related = "".join(f'<li><a href="/r{n}">相关阅读：关于做好当前经济工作的通知（第{n}号）</a></li>' for n in range(15))
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines[1:])
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(lines[0])}_中国政府网</title>
<style>p {{ text-indent: 2em }}</style><script>var menu = "首页，政策，数据。";</script></head>
<body>
<div class="header"><a href="/">首页</a><ul class="nav">{menu}</ul></div>
<div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/zhengce">政策</a> &gt; 正文</div>
<div class="main"><div class="article">
<h1>{html.escape(lines[0])}</h1>
<div class="info">来源：新华社　字号：大 中 小　打印本页</div>
<div class="pages_content" id="UCAP-CONTENT">
{body}
</div></div>
<div class="sidebar"><h3>相关文章</h3><ul>{related}</ul></div></div>
<div class="footer"><p>版权所有：中国政府网，主办单位：国务院办公厅，运行维护单位：中国政府网运行中心。</p></div>
</body></html>
"""
    target.write_text(page, encoding="utf-8")
    return target


def truetype_noto(text: str, target: Path) -> Path:
    """Noto Sans CJK SC subset to ``text``, its CFF outlines converted to TrueType (reportlab reads only those)."""
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(str(NOTO), fontNumber=NOTO_SC_INDEX)
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text + " ")
    subsetter.subset(font)
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    for table in ("CFF ", "VORG", "GSUB", "GPOS"):
        if table in font:
            del font[table]
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(str(target))
    return target


def make_pdf(source: Path, target: Path, font_file: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(TTFont("NotoSansSC", str(font_file)))
    body = ParagraphStyle("body", fontName="NotoSansSC", fontSize=10.5, leading=17, wordWrap="CJK",
                          firstLineIndent=21, spaceAfter=4)
    title = ParagraphStyle("title", parent=body, fontSize=18, leading=26, alignment=1, firstLineIndent=0)
    lines = report_lines(source)
    story = [Paragraph(html.escape(lines[0]), title)]
    story += [Paragraph(html.escape(line), body) for line in lines[1:]]
    SimpleDocTemplate(str(target), pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm,
                      topMargin=25 * mm, bottomMargin=25 * mm, invariant=1).build(story)
    return target


@pytest.fixture(scope="session")
def variants(tmp_path_factory) -> dict[tuple[int, str], Path]:
    """(year, suffix) → the report in that format; ``.txt`` is the shipped file."""
    folder = tmp_path_factory.mktemp("variants")
    text = "".join(sorted({ch for path in NATIONAL.values() for ch in path.read_text(encoding="utf-8")}))
    font_file = truetype_noto(text, folder / "NotoSansSC-subset.ttf")
    made: dict[tuple[int, str], Path] = {}
    for year, path in NATIONAL.items():
        made[(year, ".txt")] = path
        made[(year, ".docx")] = make_docx(path, folder / f"{path.stem}.docx")
        made[(year, ".html")] = make_html(path, folder / f"{path.stem}.html")
        made[(year, ".pdf")] = make_pdf(path, folder / f"{path.stem}.pdf", font_file)
    return made
