"""The one module that touches WeasyPrint internals (WeasyPrint 70): everything else uses its public API.

What it reaches into, all verified by :func:`check_weasyprint` when this module
loads (and by ``tests/render/test_weasyprint_adapter.py``):

* **Inter-character justification** (clreq 3.5.4), installed when this module
  loads.  It replaces four functions:

  - ``inline.text_align(context, line, available_width, last)`` — first removes
    the ¼ em CJK–Latin margin of ``.xh-ls-l`` / ``.xh-ls-r`` spans at the start
    and end of every line (clreq 3.2.2: none at line edges), then runs the original;
  - ``inline.justify_line(context, line, extra_width)`` — for lines whose style
    carries the custom property ``--xh-justify: <max gap in em>`` (set by
    :func:`xinhui_print.typeset.typeset_html`) and that hold Chinese: sets a
    closing mark at the line end half width (``halt``), then spreads the extra
    width over the gaps between Chinese characters as Pango letter spacing, at
    most ``max gap`` em per gap, the rest on word spaces.  Other lines go to
    WeasyPrint's own ``justify_line`` unchanged;
  - ``inline.split_inline_box(context, box, position_x, max_x, …)`` — for the line
    box of a justified Chinese paragraph, caps ``max_x`` where the paragraph plan
    of :class:`~xinhui_print.typeset.linebreak.BreakPlanner` ends the line (built
    once per paragraph from Pango advances and line-break opportunities);
  - ``text.line_break.Layout.set_text`` — so that the stage's invisible no-break
    joiner (U+2060) never carries CSS letter spacing.

  Nothing is inserted into the text: boxes are laid out again with Pango
  attributes, so line breaks and the PDF text stream stay as they were.  Lines
  without ``--xh-justify`` are laid out exactly as WeasyPrint would, so the hook
  stays installed; :func:`uninstall_justification` exists for benchmarks.
  The plan of a paragraph is kept on its line box, never in module state.

* **Laid-out boxes** (``Page._page_box`` and ``formatting_structure.boxes``):
  :func:`page_tree` gives a page's box tree as read-only :class:`Box` views
  (kind, element attributes, geometry) for measurement: card metrics, poster
  segments, overflow checks.

* **Auto height**: :func:`crop_page` sets a laid-out page's height before the
  PDF is written (WeasyPrint writes each page from ``Page.height``).

* **The font subsetter** WeasyPrint will use (``text.ffi.harfbuzz_subset``):
  :func:`font_subsetter`, for ``doctor``.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from itertools import accumulate
from types import MappingProxyType
from typing import Iterator, Mapping

import weasyprint
from weasyprint.document import Page
from weasyprint.formatting_structure import boxes
from weasyprint.formatting_structure.boxes import InlineBox, LineBox, TextBox
from weasyprint.layout import inline
from weasyprint.text import ffi as text_ffi
from weasyprint.text import line_break
from weasyprint.text.ffi import TO_UNITS, ffi, pango

from ..edition import is_traditional_lang
from ..errors import XinhuiError
from ..typeset.chars import CJK_CLASS, CLOSING, OPENING, is_cjk
from ..typeset.linebreak import BreakPlanner, ParagraphModel

SUPPORTED_MAJOR_VERSIONS = ("70",)
JUSTIFY_PROPERTY = "__xh_justify"  # --xh-justify as stored by WeasyPrint's cascade
LATIN_SPACE_CLASSES = ("xh-ls-l", "xh-ls-r")

_original: dict[str, object] = {}  # WeasyPrint's own functions, replaced by the hook (set once)
_CJK_SEARCH = re.compile(CJK_CLASS).search
_CJK_ALL = re.compile(CJK_CLASS).findall
_CJK_RUNS = re.compile(CJK_CLASS + "+").finditer
#: cffi structs (as WeasyPrint declares them) read to measure character advances.
_STRUCTS = {
    "PangoLayoutLine": {"runs"},
    "PangoGlyphItem": {"item", "glyphs"},
    "PangoItem": {"offset", "length"},
    "PangoGlyphString": {"num_glyphs", "glyphs", "log_clusters"},
    "PangoGlyphInfo": {"geometry"},
}
#: Functions replaced or called, with the parameters relied on.
_SIGNATURES = {
    "inline.text_align": (inline, "text_align", ["context", "line", "available_width", "last"]),
    "inline.justify_line": (inline, "justify_line", ["context", "line", "extra_width"]),
    "Layout.set_text": (line_break.Layout, "set_text", ["self", "text", "justify"]),
    "inline.split_inline_box": (
        inline, "split_inline_box",
        ["context", "box", "position_x", "max_x", "bottom_space", "skip_stack",
         "containing_block", "absolute_boxes", "fixed_boxes", "line_placeholders",
         "waiting_floats", "line_children", "first_letter_style", "first_line_style"],
    ),
    "line_break.create_layout": (
        line_break, "create_layout", ["text", "style", "context", "max_width", "justification_spacing"],
    ),
    "line_break.get_log_attrs": (line_break, "get_log_attrs", ["text", "lang"]),
    "Layout.__init__": (line_break.Layout, "__init__", ["self", "style", "justification_spacing", "max_width"]),
    "Page.__init__": (Page, "__init__", ["self", "page_box"]),
}
#: Box classes and the methods read from laid-out boxes.
_BOX_CLASSES = ("Box", "PageBox", "BlockLevelBox", "BlockBox", "BlockContainerBox", "LineBox",
                "ReplacedBox", "InlineBox", "TextBox")
_BOX_METHODS = ("border_box_y", "border_height", "margin_height", "margin_width", "content_box_x", "content_box_y",
                "is_in_normal_flow", "translate")
_MODULE_NAMES = (("line_break", "line_size"), ("inline", "count_expandable_spaces"),
                 ("text_ffi", "harfbuzz"), ("text_ffi", "harfbuzz_subset"))


class UnsupportedWeasyPrintError(XinhuiError):
    """Raised when the installed WeasyPrint is not one this adapter was written for."""


# --- the check -----------------------------------------------------------------------


def check_weasyprint() -> None:
    """Raise :class:`UnsupportedWeasyPrintError` unless every internal this module uses is as expected."""
    version = weasyprint.__version__
    if version.split(".")[0] not in SUPPORTED_MAJOR_VERSIONS:
        raise UnsupportedWeasyPrintError(
            f"the WeasyPrint adapter supports WeasyPrint {', '.join(SUPPORTED_MAJOR_VERSIONS)}.x, found {version}",
            hint="pin weasyprint==70.* or port render/weasyprint_adapter.py",
        )
    for label, (owner, name, parameters) in _SIGNATURES.items():
        function = getattr(owner, name, None)
        if function in (_text_align, _justify_line, _set_text, _split_inline_box):
            function = _original[name]  # already installed: check what we replaced
        if function is None or list(inspect.signature(function).parameters) != parameters:
            raise UnsupportedWeasyPrintError(
                f"WeasyPrint {version} changed {label}: the WeasyPrint adapter cannot run",
                hint="port render/weasyprint_adapter.py",
            )
    modules = {"line_break": line_break, "inline": inline, "text_ffi": text_ffi}
    for module, name in _MODULE_NAMES:
        if not hasattr(modules[module], name):
            raise UnsupportedWeasyPrintError(f"WeasyPrint {version} has no {module}.{name}")
    for name in _BOX_CLASSES:
        if not isinstance(getattr(boxes, name, None), type):
            raise UnsupportedWeasyPrintError(f"WeasyPrint {version} has no box class {name}")
    for name in _BOX_METHODS:
        if not callable(getattr(boxes.Box, name, None)):
            raise UnsupportedWeasyPrintError(f"WeasyPrint {version} boxes have no {name}()")
    for struct, members in _STRUCTS.items():
        try:
            fields = {name for name, _ in ffi.typeof(struct).fields}
        except (ffi.error, TypeError, KeyError) as error:
            raise UnsupportedWeasyPrintError(
                f"WeasyPrint {version} declares no {struct}: the line planner cannot run"
            ) from error
        if not members <= fields:
            raise UnsupportedWeasyPrintError(f"WeasyPrint {version} changed {struct}: the line planner cannot run")


def install_justification() -> None:
    """Install the justification hook into WeasyPrint (idempotent; done when this module loads)."""
    if is_installed():
        return
    check_weasyprint()
    _original["text_align"] = inline.text_align
    _original["justify_line"] = inline.justify_line
    _original["set_text"] = line_break.Layout.set_text
    _original["split_inline_box"] = inline.split_inline_box
    inline.split_inline_box = _split_inline_box
    inline.text_align = _text_align
    inline.justify_line = _justify_line
    line_break.Layout.set_text = _set_text


def uninstall_justification() -> None:
    """Restore WeasyPrint's own functions (benchmarks compare with and without)."""
    if is_installed():
        inline.text_align = _original["text_align"]
        inline.justify_line = _original["justify_line"]
        line_break.Layout.set_text = _original["set_text"]
        inline.split_inline_box = _original["split_inline_box"]


def is_installed() -> bool:
    """True when WeasyPrint currently runs this module's functions."""
    return inline.justify_line is _justify_line


# --- line edges: CJK–Latin margins -----------------------------------------------


def _text_align(context, line, available_width, last):
    if line.style["direction"] == "ltr":
        _drop_edge_margin(line, at_start=True)
        _drop_edge_margin(line, at_start=False)
        if (
            not last and line.width > available_width
            and line.style["text_align_all"] == "justify"
            and _max_gap_em(line.style) is not None
        ):
            # Push-in: the planner let the line take a closing mark that ends
            # it half width (clreq 3.1.6.3); WeasyPrint would not justify it.
            _justify_line(context, line, available_width - line.width)
            return 0
    return _original["text_align"](context, line, available_width, last)


def _edge_path(line: LineBox, at_start: bool) -> list[InlineBox]:
    """The inline boxes from the line down to its first (or last) in-flow leaf."""
    path, box = [], line
    while isinstance(box, (LineBox, InlineBox)):
        children = [child for child in box.children if child.is_in_normal_flow()]
        if not children:
            break
        box = children[0] if at_start else children[-1]
        if isinstance(box, InlineBox):
            path.append(box)
    return path


def _has_class(box: InlineBox, name: str) -> bool:
    element = getattr(box, "element", None)
    classes = element.get("class", "") if element is not None else ""
    return name in classes.split()


def _drop_edge_margin(line: LineBox, at_start: bool) -> None:
    """Remove a CJK–Latin margin sitting at the line's start or end."""
    side, name = ("margin_left", "xh-ls-l") if at_start else ("margin_right", "xh-ls-r")
    path = _edge_path(line, at_start)
    for depth, box in enumerate(path):
        margin = getattr(box, side)
        if not (margin and _has_class(box, name)):
            continue
        setattr(box, side, 0)
        for ancestor in path[:depth]:
            ancestor.width -= margin
        line.width -= margin
        if at_start:
            for child in line.children:
                child.translate(-margin, 0)
            for kept in path[:depth + 1]:
                kept.position_x += margin
        return


# --- justification -------------------------------------------------------------------


@dataclass(frozen=True)
class _Spacing:
    """Extra space per CJK gap and per word space, in CSS px."""

    cjk: float
    word: float


class _JustifiedLayout(line_break.Layout):
    """A Pango layout with letter spacing on Chinese runs and an optional half-width last mark.

    ``set_text(…, justify=True)`` is also what WeasyPrint calls when it draws
    the box (``reactivate``), so the attributes survive until the PDF is written.
    """

    def __init__(self, style, spacing: _Spacing, halt_last: bool, halts: tuple = ()):
        self.cjk_spacing = spacing.cjk
        self.halt_last = halt_last
        self.halts = halts
        super().__init__(style, justification_spacing=spacing.word, max_width=None)

    def set_text(self, text, justify=False):
        super().set_text(text, justify)
        if justify and self.text and (self.cjk_spacing or self.halt_last or self.halts):
            self._add_attributes()

    def _add_attributes(self) -> None:
        text = self.text
        offsets = [0, *accumulate(len(char.encode()) for char in text)]
        attrs = pango.pango_layout_get_attributes(self.layout)
        if attrs == ffi.NULL:
            attrs = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
        if self.cjk_spacing:
            letter_spacing = self.style["letter_spacing"]
            letter_spacing = 0 if letter_spacing == "normal" else letter_spacing
            units = round((self.cjk_spacing + letter_spacing) * TO_UNITS)
            for start, end in _cjk_runs(text):
                attr = pango.pango_attr_letter_spacing_new(units)
                attr.start_index, attr.end_index = offsets[start], offsets[end]
                pango.pango_attr_list_change(attrs, attr)
        halts = list(self.halts) + ([len(text) - 1] if self.halt_last else [])
        for index in halts:
            attr = pango.pango_attr_font_features_new(b"halt 1")
            attr.start_index, attr.end_index = offsets[index], offsets[index + 1]
            pango.pango_attr_list_insert(attrs, attr)
        pango.pango_layout_set_attributes(self.layout, attrs)


def _cjk_runs(text: str) -> list[tuple[int, int]]:
    """Index ranges of consecutive Chinese characters."""
    return [match.span() for match in _CJK_RUNS(text)]


def _count_cjk(text: str) -> int:
    return len(_CJK_ALL(text))


def _max_gap_em(style) -> float | None:
    """The ``--xh-justify`` value: max extra gap in em, or None when off."""
    tokens = style[JUSTIFY_PROPERTY] or ()
    for token in tokens:
        if token.type == "number" and token.value > 0:
            return float(token.value)
    return None


def _leaves(box):
    """In-flow leaves of a line in visual order (text boxes and atomic boxes)."""
    if not isinstance(box, (LineBox, InlineBox)):
        yield box
        return
    for child in box.children:
        if child.is_in_normal_flow():
            yield from _leaves(child)


def _half_gaps(leaves: list) -> int:
    """How many half gaps Pango letter spacing plus box-edge compensation produce.

    Inside a box every Chinese character gets half a gap on each side, except at
    the box edges (Pango trims them); :func:`_place` gives the edge halves back
    between boxes, never at the line's start or end.
    """
    halves, previous = 0, None
    for leaf in leaves:
        if not isinstance(leaf, TextBox):
            previous = "\ufffc"
            continue
        if not leaf.text:
            continue
        text = leaf.text
        halves += 2 * _count_cjk(text) - is_cjk(text[0]) - is_cjk(text[-1])
        if previous is not None:
            halves += is_cjk(previous) + is_cjk(text[0])
        previous = text[-1]
    return halves


def _justify_line(context, line, extra_width):
    max_gap = _max_gap_em(line.style)
    if max_gap is None or line.style["direction"] == "rtl":
        return _original["justify_line"](context, line, extra_width)
    leaves = list(_leaves(line))
    texts = [leaf for leaf in leaves if isinstance(leaf, TextBox) and leaf.text]
    halves = _half_gaps(leaves)
    if not texts or halves == 0:
        return _original["justify_line"](context, line, extra_width)
    extra_width += _halve_line_end_mark(leaves[-1])
    if extra_width < 0:
        extra_width += _compress_marks(texts, -extra_width)
    spaces = sum(inline.count_expandable_spaces(box) for box in texts)
    gaps = halves / 2
    cap = max_gap * line.style["font_size"]
    cjk = min(extra_width / (gaps + spaces), cap)
    # WeasyPrint writes glyph positions with int(): text drawn from a box falls
    # short of Pango's width.  Fill the line for what is drawn, not for Pango.
    drift = -sum(_drift(box, cjk) for box in texts)
    cjk = min((extra_width + drift) / (gaps + spaces), cap)
    word = (extra_width + drift - cjk * gaps) / spaces if spaces else 0
    _place(line, _Spacing(cjk, word), 0, [None])


def _drift(box: TextBox, cjk: float) -> float:
    """How much further (CSS px, usually negative) the box's drawn glyphs end than Pango says.

    WeasyPrint 70 ``draw_first_line`` writes each glyph's kerning as
    ``int(k)`` (k in 1/1000 em) and its x offset as ``x_offset / font_size``
    (2.4 % too large).  For full-width glyphs with Pango letter spacing ``L``
    (units) split ``left = L // 2``, ``right = L - left``, k is known per
    position: inside the text both halves, first character right half only,
    last character left half only.  A halted opening mark (x offset −½ em) is
    drawn 0.012 em early.
    """
    size = box.style["font_size"]
    drift = 0.0
    text = box.text
    if text[-1] in OPENING and "halt" in str(box.style["font_feature_settings"]):
        drift -= 0.012 * size
    if not cjk:
        return drift
    letter_spacing = box.style["letter_spacing"]
    letter_spacing = 0 if letter_spacing == "normal" else letter_spacing
    units = round((cjk + letter_spacing) * TO_UNITS)
    left = units // 2
    right = units - left
    scale = 1000 / TO_UNITS / size

    def error(kerning: float) -> float:
        return kerning - int(kerning)

    both = error(left / size - units * scale)
    count = _count_cjk(text)
    first, last = is_cjk(text[0]), is_cjk(text[-1])
    if len(text) == 1:
        return drift
    thousandths = both * (count - first - last)
    thousandths += first * error(-right * scale)
    thousandths += last * (error(left / size - left * scale) + left / size - left * scale)
    return drift + thousandths * size / 1000


#: Width a closing mark loses with ``halt``, per font and mark (shaped once).
_halt_gains: dict[tuple, float] = {}


def _halt_gain(style, char: str) -> float:
    if is_traditional_lang(str(style["lang"] or "")):
        return 0.0  # centred punctuation (zh-Hant) keeps its full em: never halved at a line end or pushed in
    key = (tuple(style["font_family"]), style["font_size"], style["font_weight"],
           style["font_style"], style["font_stretch"], str(style["lang"]), char)
    if key not in _halt_gains:
        widths = []
        for halt in (False, True):
            layout = _JustifiedLayout(style, _Spacing(0, 0), halt)
            layout.set_text(char, justify=True)
            widths.append(line_break.line_size(layout.get_first_line()[0], style)[0])
            layout.deactivate()
        _halt_gains[key] = max(0.0, widths[0] - widths[1])
    return _halt_gains[key]


def _halve_line_end_mark(last_leaf) -> float:
    """Mark a closing punctuation at the line end half width; return the width gained."""
    if not (isinstance(last_leaf, TextBox) and last_leaf.text and last_leaf.text[-1] in CLOSING):
        return 0
    gain = _halt_gain(last_leaf.style, last_leaf.text[-1])
    if gain:
        last_leaf.xh_halt_last = True
        last_leaf.width -= gain
    return gain


#: Marks set half width inside an overfull line (push-in, clreq 3.5.3: brackets
#: and pause marks first, the stops 。？！ last).
COMPRESSIBLE = "，、；：）》」』】〕〉］｝”’。？！"
STOPS = "。？！"


def _compress_marks(texts: list[TextBox], needed: float) -> float:
    """Set enough closing marks inside the line half width to gain ``needed``
    (push-in, clreq 3.5.3), spread over the line; return the width gained."""
    marks = []
    for box in texts:
        last = len(box.text) - 1 if box is texts[-1] else len(box.text)
        for index, char in enumerate(box.text[:last]):
            if char in COMPRESSIBLE:
                gain = _halt_gain(box.style, char)
                if gain:
                    marks.append((box, index, gain))
    pauses = [mark for mark in marks if mark[0].text[mark[1]] not in STOPS]
    if sum(gain for _, _, gain in pauses) >= needed:
        marks = pauses  # 。？！ only when pause marks and brackets are not enough
    if not marks:
        return 0.0
    chosen, gained = [], 0.0
    average = sum(gain for _, _, gain in marks) / len(marks)
    count = min(len(marks), max(1, -int(-needed // average)))
    step = len(marks) / count
    for k in range(count):
        chosen.append(marks[int(k * step + step / 2)])
    for box, index, gain in chosen:
        box.xh_halts = (*getattr(box, "xh_halts", ()), index)
        box.xh_halts_gain = getattr(box, "xh_halts_gain", 0.0) + gain
        gained += gain
    return gained


def _text_halves(text: str) -> int:
    """Half gaps Pango letter spacing adds inside one text (none at its two ends)."""
    return 2 * _count_cjk(text) - is_cjk(text[0]) - is_cjk(text[-1])


def _justified_layout(box: TextBox, spacing: _Spacing) -> tuple[_JustifiedLayout, float]:
    """A deactivated justified layout for the box and the width it adds.

    Like WeasyPrint's own ``add_word_spacing``, nothing is shaped here: the
    layout is built when the box is drawn (``reactivate``).  The added width is
    what Pango's letter spacing and WeasyPrint's word spacing give, computed
    from the counts (Pango units, as :meth:`_JustifiedLayout._add_attributes`).
    """
    layout = _JustifiedLayout.__new__(_JustifiedLayout)
    layout.text = box.text
    layout.justification_spacing = spacing.word
    layout.max_width = None
    layout.cjk_spacing = spacing.cjk
    layout.halt_last = getattr(box, "xh_halt_last", False)
    layout.halts = getattr(box, "xh_halts", ())
    added = spacing.word * inline.count_expandable_spaces(box)
    if spacing.cjk:
        letter_spacing = box.style["letter_spacing"]
        letter_spacing = 0 if letter_spacing == "normal" else letter_spacing
        units = round((spacing.cjk + letter_spacing) * TO_UNITS)
        added += (units / TO_UNITS - letter_spacing) * _text_halves(box.text) / 2
    return layout, added


def _place(box, spacing: _Spacing, x: float, previous: list) -> float:
    """Shift boxes right by the space added before them; justified layouts for text boxes."""
    if isinstance(box, TextBox):
        if box.text and previous[0] is not None:
            x += spacing.cjk / 2 * (is_cjk(previous[0]) + is_cjk(box.text[0]))
        box.position_x += x
        if box.text:
            shrink = getattr(box, "xh_halts_gain", 0.0)
            if shrink:
                x -= shrink
                box.width -= shrink
            if getattr(box, "xh_halt_last", False) or shrink or _text_halves(box.text) or (
                spacing.word and inline.count_expandable_spaces(box)
            ):
                box.pango_layout, added = _justified_layout(box, spacing)
                box.justification_spacing = spacing.word
                x += added
                box.width += added
            x += _drift(box, spacing.cjk)  # the next box starts where this one is drawn to end
            previous[0] = box.text[-1]
    elif isinstance(box, (LineBox, InlineBox)):
        box.position_x += x
        start = x
        for child in box.children:
            if child.is_in_normal_flow():
                x = _place(child, spacing, x, previous)
        box.width += x - start
    else:
        box.translate(x, 0)
        previous[0] = "\ufffc"
    return x


# --- paragraph-level line breaking ----------------------------------------------------


def _split_inline_box(context, box, position_x, max_x, bottom_space, skip_stack, *args):
    """WeasyPrint's ``split_inline_box``; for a justified Chinese paragraph's line the
    width is first capped where :class:`~.linebreak.BreakPlanner` wants the line to end."""
    if isinstance(box, LineBox):
        planned = _planned(context, box)
        if planned is not None:
            planner, positions = planned
            width = max_x - position_x
            planned_break = planner.next_break(
                _position(box, skip_stack, positions), width, width + (box.text_indent or 0)
            )
            if planned_break is not None:
                max_x = position_x + planned_break.cap
    return _original["split_inline_box"](
        context, box, position_x, max_x, bottom_space, skip_stack, *args
    )


def _planned(context, linebox: LineBox):
    """The paragraph's planner and box start positions, built once per paragraph
    (``None`` when the paragraph is not justified Chinese or holds other content)."""
    planned = getattr(linebox, "_xh_planned", 0)
    if planned == 0:
        try:
            planned = _build_planner(context, linebox)
        except _NotPlannable:
            planned = None
        linebox._xh_planned = planned
    return planned


class _NotPlannable(Exception):
    pass


def _build_planner(context, linebox: LineBox):
    style = linebox.style
    max_gap = _max_gap_em(style)
    if (
        max_gap is None or style["direction"] != "ltr"
        or style["text_align_all"] != "justify" or style["white_space"] != "normal"
    ):
        return None
    texts: list[str] = []
    widths: list[float] = []
    gains: list[float] = []
    positions: dict[int, int] = {}
    pending = [0.0]  # box-edge spacing waiting for the next character

    def walk(box) -> None:
        positions[id(box)] = len(widths)
        for child in box.children:
            if not child.is_in_normal_flow():
                raise _NotPlannable
            if isinstance(child, TextBox):
                positions[id(child)] = len(widths)
                if not child.text:
                    continue
                if child.style["white_space"] != "normal" or "\n" in child.text:
                    raise _NotPlannable
                advances = _advances(context, child)
                advances[0] += pending[0]
                pending[0] = 0.0
                texts.append(child.text)
                widths.extend(advances)
                gains.extend(
                    _halt_gain(child.style, char) if char in CLOSING else 0.0 for char in child.text
                )
            elif isinstance(child, InlineBox):
                if child.style["white_space"] != "normal":
                    raise _NotPlannable
                pending[0] += _edge_spacing(child.style, "left")
                walk(child)
                right = _edge_spacing(child.style, "right")
                if widths:
                    widths[-1] += right
                else:
                    pending[0] += right
            else:
                raise _NotPlannable

    walk(linebox)
    text = "".join(texts)
    if not text or not _CJK_SEARCH(text):
        return None
    attrs = line_break.get_log_attrs(text, style["lang"])
    breaks = [index for index in range(1, len(text)) if attrs[index].is_line_break]
    model = ParagraphModel(text, widths, breaks, gains, style["font_size"], max_gap)
    return BreakPlanner(model), positions


def _edge_spacing(style, side: str) -> float:
    total = style[f"border_{side}_width"] or 0
    for name in (f"margin_{side}", f"padding_{side}"):
        value = style[name]
        if getattr(value, "unit", None) == "px":
            total += value.value
    return total


def _advances(context, box: TextBox) -> list[float]:
    """Advance width of each character of the box (CSS px), as Pango shapes it on one line."""
    text = box.text
    encoded = text.encode()
    by_byte = [0] * (len(encoded) + 1)
    layout = line_break.create_layout(text, box.style, context, None, 0)
    try:
        line = pango.pango_layout_get_line_readonly(layout.layout, 0)
        run = line.runs
        while run != ffi.NULL:
            item, glyphs = run.data.item, run.data.glyphs
            offset, infos, clusters = item.offset, glyphs.glyphs, glyphs.log_clusters
            for index in range(glyphs.num_glyphs):
                by_byte[offset + clusters[index]] += infos[index].geometry.width
            run = run.next
    finally:
        layout.deactivate()
    advances, byte = [], 0
    for char in text:
        advances.append(by_byte[byte] / TO_UNITS)
        byte += len(char.encode())
    return advances


def _position(linebox: LineBox, skip_stack, positions: dict[int, int]) -> int:
    """The paragraph character position a WeasyPrint skip stack resumes at."""
    box = linebox
    while skip_stack:
        (index, skip_stack), = skip_stack.items()
        if isinstance(box, TextBox):
            return positions[id(box)] + len(box.text.encode()[:index].decode(errors="ignore"))
        box = box.children[index]
    return positions[id(box)]


# --- word joiners carry no letter spacing ---------------------------------------------

WORD_JOINER = "\u2060"


def _set_text(self, text, justify=False):
    """WeasyPrint's ``set_text``; then U+2060 (the stage's no-break joiner) gets no letter spacing.

    CSS ``letter-spacing`` would otherwise give the invisible joiner its own
    spacing, doubling the gap it sits in (and pdftotext would read a space).
    """
    _original["set_text"](self, text, justify)
    if WORD_JOINER not in self.text or self.style["letter_spacing"] == "normal":
        return
    attrs = pango.pango_layout_get_attributes(self.layout)
    offsets = [0, *accumulate(len(char.encode()) for char in self.text)]
    for index, char in enumerate(self.text):
        if char == WORD_JOINER:
            attr = pango.pango_attr_letter_spacing_new(0)
            attr.start_index, attr.end_index = offsets[index], offsets[index + 1]
            pango.pango_attr_list_change(attrs, attr)
    pango.pango_layout_set_attributes(self.layout, attrs)


# --- laid-out boxes as plain data ------------------------------------------------------


class Box:
    """A read-only view of one laid-out box: positions in CSS px from the page's top left.

    ``kind``: ``page``, ``block`` (a block box), ``block-level`` (another block-level box:
    table, flex or grid container), ``line``, ``replaced`` (image, SVG), ``inline``, ``text``
    or ``other``.  ``lines``: the box holds line boxes (a paragraph).  ``attrs``: the
    element's attributes (empty for anonymous boxes); ``element``: the element's identity
    (several boxes of one element share it)."""

    __slots__ = ("_box",)

    def __init__(self, box):
        self._box = box

    @property
    def kind(self) -> str:
        return next((name for cls, name in _KINDS if isinstance(self._box, cls)), "other")

    @property
    def attrs(self) -> Mapping[str, str]:
        element = getattr(self._box, "element", None)
        return MappingProxyType(element.attrib) if element is not None else _EMPTY

    @property
    def element(self) -> int | None:
        element = getattr(self._box, "element", None)
        return id(element) if element is not None else None

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    @property
    def lines(self) -> bool:
        box = self._box
        return isinstance(box, boxes.BlockContainerBox) and any(isinstance(c, boxes.LineBox) for c in box.children)

    @property
    def in_flow(self) -> bool:
        """Not floated, not absolutely positioned."""
        return self._box.is_in_normal_flow()

    @property
    def x(self) -> float:
        return self._box.position_x

    @property
    def y(self) -> float:
        return self._box.position_y

    @property
    def width(self) -> float:
        """Content width."""
        return self._box.width

    @property
    def margin_width(self) -> float:
        return self._box.margin_width()

    @property
    def margin_height(self) -> float:
        return self._box.margin_height()

    @property
    def right(self) -> float:
        """Right edge of the margin box."""
        return self._box.position_x + self._box.margin_width()

    @property
    def content_right(self) -> float:
        """Right edge of the content box."""
        return self._box.content_box_x() + self._box.width

    @property
    def border_top(self) -> float:
        return self._box.border_box_y()

    @property
    def border_bottom(self) -> float:
        return self._box.border_box_y() + self._box.border_height()

    @property
    def content_top(self) -> float:
        return self._box.content_box_y()

    @property
    def bottom_inset(self) -> float:
        """Margin, padding and border below the content."""
        box = self._box
        return (box.margin_bottom or 0) + (box.padding_bottom or 0) + (box.border_bottom_width or 0)

    @property
    def text(self) -> str:
        return self._box.text if isinstance(self._box, boxes.TextBox) else ""

    @property
    def font_size(self) -> float:
        """Computed font size in CSS px."""
        return self._box.style["font_size"]

    @property
    def children(self) -> tuple["Box", ...]:
        return tuple(Box(child) for child in getattr(self._box, "children", ()))

    def walk(self) -> Iterator["Box"]:
        """This box and every box inside it, in document order."""
        yield self
        for child in getattr(self._box, "children", ()):
            yield from Box(child).walk()


_EMPTY: Mapping[str, str] = MappingProxyType({})
_KINDS = ((boxes.PageBox, "page"), (boxes.LineBox, "line"), (boxes.TextBox, "text"),
          (boxes.ReplacedBox, "replaced"), (boxes.InlineBox, "inline"), (boxes.BlockBox, "block"),
          (boxes.BlockLevelBox, "block-level"))


def page_tree(page: weasyprint.Page) -> Box:
    """The laid-out boxes of ``page``, its page box at the root."""
    return Box(page._page_box)  # noqa: SLF001 — WeasyPrint keeps the laid-out tree here


# --- auto height ---------------------------------------------------------------------------


def crop_page(page: weasyprint.Page, height: float) -> None:
    """Crop a laid-out page to ``height`` CSS px from its top (before ``write_pdf``): WeasyPrint
    writes each page's boxes and its y-flip from ``Page.height``, so the PDF page is exactly
    this tall; whatever was painted below falls outside the MediaBox."""
    if height > page.height:
        raise ValueError(f"cannot crop a page of {page.height:g} px to {height:g} px")
    page.height = height


# --- the font subsetter ----------------------------------------------------------------------


def font_subsetter() -> str:
    """Which font subsetter WeasyPrint will use: "harfbuzz" (fast) or "fonttools" (≈10× slower)."""
    if text_ffi.harfbuzz_subset and text_ffi.harfbuzz.hb_version_atleast(4, 1, 0):
        return "harfbuzz"
    return "fonttools"


install_justification()  # checks every internal first (check_weasyprint)

__all__ = [
    "Box",
    "UnsupportedWeasyPrintError",
    "check_weasyprint",
    "crop_page",
    "font_subsetter",
    "install_justification",
    "is_installed",
    "page_tree",
    "uninstall_justification",
]
