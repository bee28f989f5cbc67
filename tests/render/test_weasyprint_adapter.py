"""The WeasyPrint adapter: version pin, the check of every internal, the justification hook
on small renders, box views.

These tests fail loudly when a WeasyPrint upgrade changes the internals the
adapter relies on (signatures, box methods, custom properties, Pango letter spacing).
"""

import pdfplumber
import pytest
import weasyprint
from weasyprint import HTML
from weasyprint.layout import inline

from xinhui_print.render import weasyprint_adapter as hook
from xinhui_print.typeset import TypesetOptions, typeset_html
from xinhui_print.typeset.measure import extraction_spaces, pdftotext

COLUMN = "width: 30.3em"


def page(body: str, lang: str = "zh-CN") -> str:
    return (
        f'<html lang="{lang}"><head><style>@page {{ size: 150mm 80mm; margin: 10mm }}'
        f'body {{ margin: 0; font: 10pt/1.8 "Noto Serif CJK SC"; text-align: justify; {COLUMN} }}'
        f"p {{ margin: 0 }}</style></head><body>{body}</body></html>"
    )


def lines_of(pdf_path):
    with pdfplumber.open(pdf_path) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["text"].strip()]
    rows = {}
    for char in chars:
        rows.setdefault(round(char["bottom"], 1), []).append(char)
    return [sorted(row, key=lambda c: c["x0"]) for _, row in sorted(rows.items())]


@pytest.fixture(autouse=True)
def hook_installed_afterwards():
    """Tests below uninstall the hook or patch WeasyPrint: the rest of the session runs as a build does."""
    yield
    hook.install_justification()


def test_pinned_weasyprint_is_supported():
    assert weasyprint.__version__.split(".")[0] in hook.SUPPORTED_MAJOR_VERSIONS
    hook.check_weasyprint()


def test_loading_the_render_stage_installs_the_hook():
    import xinhui_print.render  # noqa: F401

    assert hook.is_installed()


def test_other_major_version_is_refused(monkeypatch):
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    with pytest.raises(hook.UnsupportedWeasyPrintError, match="supports WeasyPrint 70"):
        hook.check_weasyprint()


@pytest.mark.parametrize("owner, name", [
    ("boxes.Box", "content_box_x"), ("boxes.Box", "border_box_y"), ("boxes", "LineBox"), ("text_ffi", "harfbuzz_subset"),
])
def test_every_internal_used_is_checked(monkeypatch, owner, name):
    from weasyprint.formatting_structure import boxes
    from weasyprint.text import ffi as text_ffi

    target = {"boxes.Box": boxes.Box, "boxes": boxes, "text_ffi": text_ffi}[owner]
    monkeypatch.delattr(target, name)
    with pytest.raises(hook.UnsupportedWeasyPrintError, match=name):
        hook.check_weasyprint()


def test_changed_page_constructor_is_refused(monkeypatch):
    from weasyprint.document import Page

    monkeypatch.setattr(Page, "__init__", lambda self, box, extra: None)
    with pytest.raises(hook.UnsupportedWeasyPrintError, match="Page.__init__"):
        hook.check_weasyprint()


def test_box_views_read_the_laid_out_page():
    document = HTML(string=page('<p class="a" data-x="1">新会区</p><svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"></svg>')).render()
    root = hook.page_tree(document.pages[0])
    assert root.kind == "page"
    paragraph = next(box for box in root.walk() if box.attrs.get("data-x") == "1")
    assert paragraph.kind == "block" and paragraph.lines and paragraph.classes == {"a"}
    assert "".join(box.text for box in paragraph.walk()) == "新会区"
    assert paragraph.content_right == pytest.approx(paragraph.x + paragraph.margin_width)
    assert paragraph.font_size == pytest.approx(10 * 96 / 72)
    assert any(box.kind == "replaced" for box in root.walk())


def test_crop_page_sets_the_pdf_page_height():
    import io

    import pikepdf

    document = HTML(string="<p>x</p>").render()
    hook.crop_page(document.pages[0], 100)
    with pikepdf.open(io.BytesIO(document.write_pdf())) as pdf:
        assert float(pdf.pages[0].MediaBox[3]) == pytest.approx(75)
    with pytest.raises(ValueError):
        hook.crop_page(document.pages[0], 10_000)


def test_changed_internal_signature_is_refused(monkeypatch):
    hook.uninstall_justification()
    monkeypatch.setattr(inline, "justify_line", lambda context, line: None)
    with pytest.raises(hook.UnsupportedWeasyPrintError, match="changed inline.justify_line"):
        hook.install_justification()


def test_install_is_idempotent_and_reversible():
    hook.install_justification()
    hook.install_justification()
    assert hook.is_installed() and inline.justify_line is hook._justify_line
    hook.uninstall_justification()
    assert not hook.is_installed()
    hook.install_justification()
    assert hook.is_installed()


def test_custom_property_reaches_line_style():
    seen = []
    original = hook._original["justify_line"]
    hook.install_justification()
    real = inline.justify_line
    inline.justify_line = lambda context, line, extra: seen.append(hook._max_gap_em(line.style))
    try:
        HTML(string=typeset_html(page("<p>" + "新会区政府工作报告" * 6 + "</p>"))).render()
    finally:
        inline.justify_line = real
    assert seen and seen[0] == pytest.approx(0.095), original


def test_chinese_lines_become_flush_without_space_characters(tmp_path):
    hook.install_justification()
    text = "新会区实施规划承上启下的重要一年,新会取得了哪些工作成绩?" * 4
    pdf = tmp_path / "p.pdf"
    HTML(string=typeset_html(page(f"<p>{text}</p>"))).write_pdf(pdf)
    rows = lines_of(pdf)
    right = max(row[-1]["x1"] for row in rows[:-1] if row[-1]["text"] not in "，。、；：”")
    for row in rows[:-1]:
        end = row[-1]["x1"] if row[-1]["text"] not in "，。、；：”" else row[-1]["x0"] + 5
        assert abs(end - right) <= 0.5 or abs(row[-1]["x1"] - right) <= 0.5
    assert not any(c["text"] == " " for row in rows for c in row)
    assert extraction_spaces(pdftotext(pdf)) == []


def test_latin_only_paragraph_is_laid_out_exactly_as_without_hook(tmp_path):
    source = page("<p>The quick brown fox jumps over the lazy dog, again and again and again.</p>", "en")
    typeset = typeset_html(source)
    hook.uninstall_justification()
    HTML(string=typeset).write_pdf(tmp_path / "a.pdf")
    hook.install_justification()
    HTML(string=typeset).write_pdf(tmp_path / "b.pdf")
    positions = [[(c["text"], round(c["x0"], 2)) for row in lines_of(tmp_path / n) for c in row]
                 for n in ("a.pdf", "b.pdf")]
    assert positions[0] == positions[1]


def test_latin_space_margin_dropped_at_line_start(tmp_path):
    hook.install_justification()
    body = "<p>" + "国" * 30 + "GDP强区建设" + "</p>"
    pdf = tmp_path / "l.pdf"
    HTML(string=typeset_html(page(body), TypesetOptions(latin_space=True))).write_pdf(pdf)
    rows = lines_of(pdf)
    assert rows[1][0]["text"] == "G"
    assert rows[1][0]["x0"] == pytest.approx(rows[0][0]["x0"], abs=0.05)
    gap = rows[1][3]["x0"] - rows[1][2]["x1"]
    assert gap == pytest.approx(2.5, abs=0.3)  # ¼ em between P and 强 inside the line


def test_word_joiner_carries_no_letter_spacing(tmp_path):
    """Letter-spaced Chinese with the stage's no-break joiners extracts without spaces."""
    import subprocess

    from weasyprint import HTML

    hook.install_justification()
    html = typeset_html(
        '<html lang="zh-CN"><body style="font-family: \'Noto Sans CJK SC\'">'
        '<p style="letter-spacing: 0.3em">江门日报</p>'
        '<p style="letter-spacing: 0.06em">数读2023年新会区政府工作报告</p></body></html>',
        TypesetOptions(),
    )
    assert "\u2060" in html  # the stage did bind the figure and the last two characters
    pdf = tmp_path / "spaced.pdf"
    HTML(string=html).write_pdf(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert text.split() == ["江门日报", "数读2023年新会区政府工作报告"]


def test_changed_line_splitting_signature_is_refused(monkeypatch):
    """The line planner caps split_inline_box's max_x: a changed signature must fail loudly."""
    hook.uninstall_justification()
    monkeypatch.setattr(inline, "split_inline_box", lambda context, box, max_x: None)
    with pytest.raises(hook.UnsupportedWeasyPrintError, match="changed inline.split_inline_box"):
        hook.install_justification()


def test_planner_structs_are_declared():
    from weasyprint.text.ffi import ffi

    for struct, members in hook._STRUCTS.items():
        assert members <= {name for name, _ in ffi.typeof(struct).fields}


# --- font programs ---------------------------------------------------------------------

FONT_PAGE = ('<html lang="zh-CN"><body style="font: 12pt \'Noto Sans CJK SC\'">{}'
             '<b>新会区</b> <span style="font-family: \'Noto Serif CJK SC\'">政府工作报告</span></body></html>')


def _pixels(pdf: bytes) -> bytes:
    from xinhui_print.export.raster import open_pdf, render_page

    return render_page(open_pdf(pdf)[0]).tobytes()


def test_font_hooks_write_the_bytes_weasyprint_writes(monkeypatch):
    from weasyprint.pdf import fonts

    hooked = HTML(string=FONT_PAGE.format("数读新会 2023")).render().write_pdf()
    monkeypatch.setattr(fonts, "get_hb_object_data", hook._original["get_hb_object_data"])
    monkeypatch.setattr(fonts.Font, "subset", hook._original["subset"])
    assert HTML(string=FONT_PAGE.format("数读新会 2023")).render().write_pdf() == hooked


def test_a_face_is_read_without_copying_its_file():
    from weasyprint.pdf import fonts

    document = HTML(string=FONT_PAGE.format("")).render()
    document.write_pdf()
    face = next(iter(document.fonts.values())).hb_face
    view = fonts.get_hb_object_data(face)
    assert isinstance(view, memoryview) and view.readonly
    assert len(view) > 10_000_000  # a CJK collection, seen in place
    assert view[:64].tobytes() == hook._original["get_hb_object_data"](face)[:64]


def test_font_programs_reuse_a_larger_subset_with_the_same_pixels():
    programs = hook.FontPrograms()
    first = HTML(string=FONT_PAGE.format("二〇二三年地区生产总值增长百分之五")).render()
    programs.write_pdf(first)
    cached = dict(programs._programs)
    smaller = HTML(string=FONT_PAGE.format("增长百分之五")).render()  # glyphs the first PDF already had
    preview = programs.write_pdf(smaller)
    assert programs._programs == cached  # no new subset
    assert _pixels(preview) == _pixels(HTML(string=FONT_PAGE.format("增长百分之五")).render().write_pdf())


def test_font_programs_are_bounded():
    programs = hook.FontPrograms(max_faces=2, max_glyphs=40)
    programs.write_pdf(HTML(string=FONT_PAGE.format("一二三四五六七八九十")).render())
    assert len(programs) == 2  # three faces written, the least recently used dropped
    programs.write_pdf(HTML(string=FONT_PAGE.format("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥春夏秋冬东南西北")).render())
    assert all(len(program.glyphs) <= 40 for program in programs._programs.values())


def test_changed_font_constructor_is_refused(monkeypatch):
    from weasyprint.pdf import fonts

    def changed(self, pango_font, description, font_size):
        self.file_content = b""

    monkeypatch.setattr(fonts.Font, "__init__", changed)
    with pytest.raises(hook.UnsupportedWeasyPrintError, match="Font.__init__"):
        hook.check_weasyprint()


def test_font_features_are_set_as_weasyprint_sets_them_without_its_leaking_cache(monkeypatch):
    from weasyprint.text import line_break
    from weasyprint.text.fonts import FontConfiguration

    html = page('<p style="font-feature-settings: \'halt\'">「新会」，（二〇二三）。</p>'
                '<p style="font-variant-numeric: tabular-nums">1,234.5</p>')
    fonts = FontConfiguration()
    hooked = HTML(string=html).render(font_config=fonts).write_pdf()
    assert fonts.font_features == {}  # WeasyPrint's shared attributes (never released) are not made
    monkeypatch.setattr(line_break.Layout, "setup", hook._original["setup"])
    monkeypatch.setattr(line_break, "font_features", hook._original["font_features"])
    fonts = FontConfiguration()
    assert HTML(string=html).render(font_config=fonts).write_pdf() == hooked
    assert fonts.font_features  # WeasyPrint's own path
