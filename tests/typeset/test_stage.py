"""typeset_html on HTML strings: punctuation, figures, halt pairs, widows, markup kept."""

import re

import pytest

from xinhui_print.typeset import TypesetOptions, typeset_html
from xinhui_print.typeset.rules import figure_ranges, halt_positions, widow_range


def doc(body: str, lang: str = "zh-CN") -> str:
    return f'<html lang="{lang}"><head><title>t</title></head><body>{body}</body></html>'


def body_of(html: str) -> str:
    return html.split("<body>", 1)[1].split("</body>", 1)[0]


WJ = "\u2060"  # word joiner: binds figures and widows, an empty glyph in the PDF
ZWSP = "\u200b"  # zero-width space: a break next to quotes (clreq), an empty glyph in the PDF


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", body_of(html)).replace(WJ, "").replace(ZWSP, "")


def without_stage_markup(html: str) -> str:
    body = re.sub(r'<span class="xh-[^"]*">|</span>', "", body_of(html))
    return body.replace(WJ, "").replace(ZWSP, "")


def test_breaks_allowed_before_opening_and_after_closing_quotes():
    """Pango 1.50 forbids breaks on both sides of “ ”; Chinese rules allow them
    before “ and after ” (never an opening quote at a line end, a closing one at a start)."""
    out = re.sub(r"<[^>]+>", "", body_of(typeset_html(doc("<p>深化“放管服”改革，“公开”。</p>"))))
    assert out.replace(WJ, "") == f"深化{ZWSP}“放管服”{ZWSP}改革，{ZWSP}“公开”。"
    heading = body_of(typeset_html(doc("<h2>深化“放管服”改革</h2>")))
    assert ZWSP not in heading
    off = typeset_html(doc("<p>深化“放管服”改革</p>"), TypesetOptions(quote_breaks=False))
    assert ZWSP not in off


def test_ascii_punctuation_inside_chinese_becomes_full_width():
    out = typeset_html(doc("<p>2月20日,新会区成绩?2023年是(区)示范</p>"))
    assert text_of(out) == "2月20日，新会区成绩？2023年是（区）示范"


@pytest.mark.parametrize("keep", ["57.8亿元", "5G+智慧园区", "RCEP成员国", "“1+9+N”", "比例3:1", "PM2.5"])
def test_ascii_inside_numbers_and_latin_stays(keep):
    assert keep in text_of(typeset_html(doc(f"<p>前文{keep}后文</p>")))


def test_latin_only_and_non_chinese_text_unchanged():
    source = doc('<p lang="en">Hello, world (x): yes; no!</p><p>Hello, world (x).</p>')
    out = typeset_html(source)
    assert body_of(out) == body_of(source)


def test_figure_kept_with_unit_across_inline_markup():
    source = doc('<p>累计投入<b class="fig">57.8</b>亿元，增长<b>7.5%以上</b>，同比</p>')
    out = typeset_html(source)
    assert f'<b class="fig">57.8{WJ}</b>亿{WJ}元' in out
    assert f"<b>7.5%{WJ}以{WJ}上</b>" in out
    assert "<span" not in body_of(out)  # no extra inline boxes
    widow_and_figure = typeset_html(doc("<p>增长<b>7.5%以上</b>。</p>"))
    assert f"<b>7.5%{WJ}以{WJ}上</b>。" in widow_and_figure


@pytest.mark.parametrize(
    ("text", "figure"),
    [("投入57.8亿元用于", "57.8亿元"), ("增长7.5%以上，", "7.5%以上"), ("2023年是", "2023年"),
     ("完成率128.8%。", "128.8%"), ("排名第42位，", "第42位"), ("2月20日，", "2月20日")],
)
def test_figure_ranges(text, figure):
    assert [text[s:e] for s, e in figure_ranges(text)] == [figure]


def test_halt_marks_first_of_two_closing_marks_and_opening_after_a_mark():
    text = "他说：“好。”（区）、完"
    assert [text[p] for p in halt_positions(text)] == ["“", "。", "（", "）"]


def test_widow_range_keeps_last_two_characters_with_punctuation():
    text = "带大家读懂报告。"
    start, end = widow_range(text)
    assert text[start:end] == "报告。"
    assert widow_range("投资完成率128.8%") is None


def test_stage_inserts_only_tags_and_keeps_markup():
    source = doc(
        '<p>详见<a href="https://x.cn/?a=1&amp;b=2" title="a,b">区政府网站</a>：“公开”栏目。</p>'
        "<ul><li>首次上榜“中国工业百强区”，规上工业企业增至706家</li></ul>"
        "<table><tr><td>增长2.5%,较上年</td></tr></table>"
        '<pre>a,b</pre><script>if (a<b) {x = "，";}</script>'
    )
    out = typeset_html(source, TypesetOptions(latin_space=True))
    assert without_stage_markup(out).replace("，", ",") == body_of(source).replace("，", ",")
    assert 'title="a,b"' in out and "<pre>a,b</pre>" in out and 'x = "，"' in out
    assert "增长2.5%，较上年" in text_of(out)
    assert not re.search(r"[ \u00a0\u200b\u2060]", text_of(out).replace("if (a", ""))


def test_latin_space_spans_only_when_asked():
    source = doc("<p>冲刺千亿GDP强区</p>")
    assert "xh-ls" not in body_of(typeset_html(source))
    out = typeset_html(source, TypesetOptions(latin_space=True))
    assert '<span class="xh-ls xh-ls-l xh-ls-r">GDP</span>' in out


def test_stage_is_idempotent_and_declares_its_css():
    once = typeset_html(doc("<p>新会区,第十六届。</p>"))
    assert typeset_html(once) == once
    assert "--xh-justify: 0.095" in once and once.count('id="xh-typeset"') == 1
    assert "--xh-justify" not in typeset_html(doc("<p>新会</p>"), TypesetOptions(justify=False))



def test_headings_keep_figures_with_spans_not_word_joiners():
    """Bookmarks and running heads copy a heading's text: no U+2060 there."""
    out = typeset_html(doc("<h2>2022年工作回顾</h2><p>2022年工作回顾</p>"))
    assert '<h2><span class="xh-nobr">2022年</span>工作<span class="xh-nobr">回顾</span></h2>' in out
    assert f"<p>2022{WJ}年工作回{WJ}顾</p>" in out
