"""The typesetting stage: final HTML string → HTML string ready for WeasyPrint.

For every run of inline text whose language is Chinese (``lang`` inherited,
``zh``/``zh-CN``/…), the stage

1. normalises ASCII punctuation inside Chinese to full width
   (:func:`xinhui_print.text.punctuation.punctuation_edits`);
2. binds figures with their unit (no line break) by putting U+2060 WORD JOINER
   between their characters wherever a line break could otherwise occur;
3. binds the paragraph's last two characters the same way (no 孤字);
   and allows a line break next to quotation marks where Chinese rules allow
   one and Pango 1.50 does not (before “, after ”) with U+200B ZERO WIDTH SPACE;
4. wraps the compressible mark of each adjacent pair in ``<span class="xh-halt">``
   (not in Traditional text, ``zh-Hant``/``zh-TW``/``zh-HK``: its punctuation is centred
   in the em box and keeps its full width; the WeasyPrint hook does not halve it either);
5. with ``latin_space``, wraps Latin/digit runs next to Han in
   ``<span class="xh-ls xh-ls-l|r">`` whose ¼ em margin the WeasyPrint hook
   removes at line edges;

and adds one ``<style id="xh-typeset">`` with those classes plus the custom
property ``--xh-justify`` that switches on the justification hook for the
document.  No visible character is inserted: only tags, word joiners and
zero-width spaces,
which Pango sets as empty glyphs, so they never reach the PDF's text (pdftotext,
copy/paste) and add no inline boxes (a ``nowrap`` span per figure doubled
WeasyPrint's layout time).
"""

from __future__ import annotations

from xinhui_print.text.punctuation import punctuation_edits

from . import rules
from ..edition import is_traditional_lang
from .chars import NO_LINE_START
from .html_runs import Run, TextToken, parse, replace_text, wrap
from ..layout.config import TypesetOptions

STYLE_ID = "xh-typeset"
WORD_JOINER = "\u2060"
ZERO_WIDTH_SPACE = "\u200b"
#: Pairs of characters that never break anyway (inside a number or a Latin word).
_UNBREAKABLE = frozenset("0123456789.%ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
CLASS_CSS = """\
.xh-nobr { white-space: nowrap; }
.xh-halt { font-feature-settings: "halt" 1; }
.xh-ls-l { margin-left: 0.25em; }
.xh-ls-r { margin-right: 0.25em; }
"""


def typeset_css(options: TypesetOptions) -> str:
    """The stylesheet the stage relies on (also usable as a separate stylesheet)."""
    root = f":root {{ --xh-justify: {options.max_gap_em:g}; }}\n" if options.justify else ""
    return root + CLASS_CSS


def typeset_html(html: str, options: TypesetOptions | None = None) -> str:
    """Apply the Chinese typesetting rules to ``html`` and return the new HTML.

    Text outside ``lang="zh…"`` elements is returned unchanged.  A document that
    already went through the stage (it holds ``<style id="xh-typeset">``) is
    returned as is, so calling the stage twice is harmless.
    """
    options = options or TypesetOptions()
    if f'id="{STYLE_ID}"' in html:
        return html
    document = parse(html)
    for run in document.runs():
        _typeset_run(run, options)
    return _add_style(document.serialize(), typeset_css(options))


def _chinese_mask(run: Run) -> list[bool]:
    """For each character of the run: is it editable text in a Chinese element?"""
    return [
        token.editable and token.lang.lower().startswith("zh") for token in run.char_tokens()
    ]


def _centred_punctuation_mask(run: Run) -> list[bool]:
    """For each character of the run: is it Traditional Chinese text, whose punctuation
    sits in the middle of the em box and is not compressed (clreq 3.1.6)?"""
    return [is_traditional_lang(token.lang) for token in run.char_tokens()]


def _typeset_run(run: Run, options: TypesetOptions) -> None:
    if not any(isinstance(t, TextToken) and t.editable for t in run.tokens):
        return
    mask = _chinese_mask(run)
    if not any(mask) or not rules.has_chinese(run.text):
        return
    if options.normalize_punctuation:
        _normalize(run, mask)
        mask = _chinese_mask(run)
    text = run.text
    keep, wraps = _wraps(text, mask, options, _centred_punctuation_mask(run))
    if run.in_heading:
        # Bookmarks and running heads copy a heading's text as is: no word
        # joiners there; the few heading figures get a nowrap span instead.
        wraps = sorted([(s, e, "xh-nobr") for s, e in keep] + wraps, key=lambda w: (w[0], -w[1]))
        keep = []
    for start, end, classes in wraps:
        wrap(run, start, end, f'<span class="{classes}">', "</span>")
    joints = [
        (p, p, WORD_JOINER)
        for start, end in keep
        for p in range(start + 1, end)
        if not (text[p - 1] in _UNBREAKABLE and text[p] in _UNBREAKABLE)
        and text[p] not in NO_LINE_START  # Pango never breaks before these anyway
    ]
    if options.quote_breaks and not run.in_heading:
        joints += [
            (p, p, ZERO_WIDTH_SPACE)
            for p in rules.quote_breaks(text)
            if mask[p - 1] and mask[p] and not any(start < p < end for start, end in keep)
        ]
        joints.sort()
    replace_text(run, joints)


def _normalize(run: Run, mask: list[bool]) -> None:
    edits = [
        (start, end, new)
        for start, end, new in punctuation_edits(run.text)
        if all(mask[start:end]) and (start < end)
    ]
    replace_text(run, edits)


def _wraps(
    text: str, mask: list[bool], options: TypesetOptions, centred: list[bool]
) -> tuple[list[tuple[int, int]], list[tuple[int, int, str]]]:
    """Ranges kept on one line, and the wrappers for a run (outermost first),
    both limited to Chinese text; no compression of centred (Traditional) punctuation."""
    keep: list[tuple[int, int]] = []
    if options.keep_figures:
        keep += rules.figure_ranges(text)
    if options.avoid_widows and (tail := rules.widow_range(text)):
        keep.append(tail)
    latin = rules.latin_ranges(text) if options.latin_space else []
    keep = [(s, e) for s, e in _merge(_cover(keep, [(s, e) for s, e, _, _ in latin])) if all(mask[s:e])]
    wraps = []
    if options.compress_punctuation:
        wraps += [(p, p + 1, "xh-halt") for p in rules.halt_positions(text) if not centred[p]]
    for start, end, before, after in latin:
        sides = ("xh-ls-l " if before else "") + ("xh-ls-r" if after else "")
        wraps.append((start, end, f"xh-ls {sides.strip()}"))
    wraps = [(s, e, c) for s, e, c in wraps if all(mask[s:e])]
    return keep, sorted(wraps, key=lambda w: (w[0], -w[1]))


def _cover(ranges: list[tuple[int, int]], atoms: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Grow each range so that it never cuts an atom (a Latin run) in two."""
    grown = []
    for start, end in ranges:
        for a_start, a_end in atoms:
            if a_start < start < a_end:
                start = a_start
            if a_start < end < a_end:
                end = a_end
        grown.append((start, end))
    return grown


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of overlapping ranges."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _add_style(html: str, css: str) -> str:
    style = f'<style id="{STYLE_ID}">\n{css}</style>'
    lower = html.lower()
    for marker in ("</head>", "<body"):
        if (index := lower.find(marker)) != -1:
            return html[:index] + style + html[index:]
    return style + html
