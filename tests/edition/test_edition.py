"""Editions on strings: phrase-level conversion, the page's text only, names, fonts, units."""

import opencc
import pytest

from xinhui_print.edition import SCRIPTS, corner_quotes, edition, is_traditional_lang
from xinhui_print.model.figures import PREFIX_QUALIFIERS, SUFFIX_QUALIFIERS, UNITS, parse_figure
from xinhui_print.typeset.rules import QUALIFIERS, UNITS as TYPESET_UNITS, figure_ranges

HK, TW, HANS = edition("hant-hk"), edition("hant-tw"), edition("hans")


def test_conversion_is_by_phrase_and_follows_each_standard():
    assert HK.text("用数据说话，发展经济") == "用數據説話，發展經濟"
    assert TW.text("用数据说话，发展经济") == "用資料說話，發展經濟"  # Taiwan's own word for 数据
    assert HK.text("台风") == "颱風" and HK.text("上台阶") == "上台階"  # 台 → 颱 only where the standard says
    assert HK.text("着力推进") == "着力推進" and TW.text("着力推进") == "著力推進"
    assert HK.text("干部若干") == "幹部若干"  # not character by character
    assert HANS.text("用数据说话") == "用数据说话"


def test_figures_numbers_and_latin_are_never_touched():
    text = "地区生产总值同比增长4%，57.8亿元，PM2.5年均浓度，1+9+N，5G"
    converted = HK.text(text)
    assert [c for c in converted if c.isascii()] == [c for c in text if c.isascii()]
    assert "57.8億元" in converted and "PM2.5" in converted


def test_quotation_marks_become_corner_brackets_apostrophes_stay():
    assert HK.text("实施“十四五”规划，‘双减’") == "實施「十四五」規劃，『雙減』"
    assert corner_quotes("Li’s “平台”") == "Li’s 「平台」"


def test_html_converts_text_and_readable_attributes_only():
    page = ('<html lang="zh-Hant-HK"><head><style>.数 { content: "数" }</style><title>数读</title>'
            '<meta name="keywords" content="数读, 新会区"></head>'
            '<body><p class="数据" id="发展" data-foot="数读 · 新会">发展<b class="fig">57.8亿元</b></p>'
            '<img src="图/数.png" alt="数据图"><svg aria-label="数据"><title>数据</title></svg><!-- 数 --></body></html>')
    out = HK.html(page)
    assert '<style>.数 { content: "数" }</style>' in out  # stylesheets untouched
    assert '<title>數讀</title>' in out and 'content="數讀, 新會區"' in out
    assert 'class="数据" id="发展" data-foot="數讀 · 新會"' in out  # class and id are markup
    assert '>發展<b class="fig">57.8億元</b>' in out
    assert 'src="图/数.png" alt="數據圖"' in out  # a path stays, the alt text is converted
    assert '<svg aria-label="數據"><title>數據</title>' in out and "<!-- 数 -->" in out
    assert HANS.html(page) == page


def test_readable_manifest_fields_are_converted_paths_kept():
    fields = {"alt": "数读卡片", "alt_for": "cards-新会.png", "cards": [{"title": "坚持制造业当家", "kind": "cover"}]}
    assert HK.readable(fields) == {"alt": "數讀卡片", "alt_for": "cards-新会.png",
                                   "cards": [{"title": "堅持製造業當家", "kind": "cover"}]}


def test_names_languages_and_font_roles():
    assert [edition(s).file_name("booklet-a5") for s in SCRIPTS] == [
        "booklet-a5", "booklet-a5.hant-hk", "booklet-a5.hant-tw"]
    assert (HANS.lang, HK.lang, TW.lang) == ("zh-CN", "zh-Hant-HK", "zh-Hant-TW")
    roles = {"serif", "sans", "numeral", "serif-hk", "sans-hk", "serif-tw", "sans-tw"}
    assert [HK.font_role(r, roles) for r in ("serif", "sans", "numeral")] == ["serif-hk", "sans-hk", "numeral"]
    assert [TW.font_role(r, roles) for r in ("serif", "sans")] == ["serif-tw", "sans-tw"]
    assert HANS.font_role("serif", roles) == "serif"
    with pytest.raises(ValueError, match="hans, hant-hk, hant-tw"):
        edition("hant")


def test_traditional_languages():
    assert all(map(is_traditional_lang, ("zh-Hant-HK", "zh-Hant-TW", "zh-TW", "zh-HK", "zh-hant")))
    assert not any(map(is_traditional_lang, ("zh-CN", "zh", "zh-Hans", "en", "")))


@pytest.mark.parametrize("config", ["s2hk", "s2twp"])
def test_every_unit_and_qualifier_reads_in_traditional(config):
    """A figure printed or imported in Traditional (57.8億元, 10餘家, 以內) is a figure."""
    convert = opencc.OpenCC(f"{config}.json").convert
    for word in {w for w in UNITS if not w.isascii()}:
        assert convert(word) in UNITS, word
        assert convert(word) in TYPESET_UNITS or word not in TYPESET_UNITS, word
    for word in PREFIX_QUALIFIERS + SUFFIX_QUALIFIERS:
        assert convert(word) in PREFIX_QUALIFIERS + SUFFIX_QUALIFIERS, word
    for word in QUALIFIERS.split("|"):
        assert convert(word) in QUALIFIERS.split("|"), word


def test_traditional_figures_parse_and_bind():
    assert str(parse_figure("1.2萬億元以內")) == "1.2萬億元以內"
    assert parse_figure("57.8億元").value == 57.8
    text = "工業總產值80億元，建成100萬平方米以上"
    assert [text[s:e] for s, e in figure_ranges(text)] == ["80億元", "100萬平方米以上"]
