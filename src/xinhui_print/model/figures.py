"""Figures in Chinese report text: str → Figure, and text → segments.

A figure is a number with its unit and qualifier, e.g. ``7.5%以上`` →
value 7.5, unit ``%``, qualifier ``以上``.  Qualifiers are part of the figure:
they are parsed, kept and displayed, never dropped.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..edition import with_traditional_forms
from ..text.widths import half_width_figures
from . import limits

# Qualifiers that stand before the number (``同比增长4%``) and after it (``7.5%以上``).
# Each also in Traditional characters (累計, 以內, 餘): a Traditional article reads the same.
PREFIX_QUALIFIERS = with_traditional_forms(("同比", "可比", "累计", "约", "近", "超"))
SUFFIX_QUALIFIERS = with_traditional_forms(("以上", "左右", "以内", "以下", "多", "余"))

# Units seen in 数读 features (and their Traditional forms, 億元), longest first so that
# ``亿元`` wins over ``亿``.
UNITS = tuple(
    sorted(
        with_traditional_forms((
            "%", "‰", "个百分点", "万亿元", "亿元", "万元", "元", "亿", "万",
            "万平方米", "平方米", "公顷", "亩", "万亩", "公里", "千米", "米",
            "家", "个", "项", "位", "次", "期", "件", "宗", "场", "台", "所", "条",
            "套", "支", "人", "万人次", "人次", "万人", "名", "年", "月", "日",
            "倍", "座", "栋", "辆", "吨", "万吨", "户", "村", "镇", "类",
            "斤", "亿斤", "万亿斤", "万户", "亿户", "千瓦", "万千瓦", "亿千瓦", "亿亩", "万个", "万套",
            "亿人", "部", "岁", "美元", "亿美元", "万亿美元",
        )),
        key=len,
        reverse=True,
    )
)

_NUMBER = r"[0-9]+(?:\.[0-9]+)?"  # ASCII only: full-width digits are read as half width first
_UNIT = "|".join(re.escape(u) for u in UNITS)
_PREFIX = "|".join(PREFIX_QUALIFIERS)
_SUFFIX = "|".join(SUFFIX_QUALIFIERS)

FIGURE_RE = re.compile(
    rf"^(?P<prefix>{_PREFIX})?(?P<number>{_NUMBER})(?P<unit>{_UNIT})?(?P<suffix>{_SUFFIX})?$"
)
# Inside running text: a number with an optional unit and suffix qualifier.
# The atomic group keeps a unit from being given back to satisfy the look-ahead
# (``2月20日`` is not the figure ``2``).  Numbers glued to Latin letters (``5G``, ``B型``) or inside ``“1+9+N”`` are not figures.
FIGURE_IN_TEXT_RE = re.compile(
    rf"(?<![A-Za-z0-9.+\-])(?>(?P<number>{_NUMBER})(?P<unit>{_UNIT})?(?P<suffix>{_SUFFIX})?)(?![A-Za-z0-9+])"
)


@dataclass(frozen=True)
class Figure:
    """A parsed number with its unit and qualifier."""

    value: float
    unit: str = ""
    qualifier: str = ""
    digits: str = ""

    @property
    def number(self) -> str:
        """The number exactly as written (``57.8``, ``4000``)."""
        return self.digits or format_number(self.value)

    @property
    def qualifier_before(self) -> bool:
        return self.qualifier in PREFIX_QUALIFIERS

    def __str__(self) -> str:
        if self.qualifier_before:
            return f"{self.qualifier}{self.number}{self.unit}"
        return f"{self.number}{self.unit}{self.qualifier}"


def format_number(value: float) -> str:
    """``4.0`` → ``4``, ``57.8`` → ``57.8`` (no exponent, no trailing zeros)."""
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def parse_figure(text: str) -> Figure:
    """Parse ``同比4%``, ``7.5%以上`` or ``57.8亿元`` (``１２．５％`` too); raise ValueError otherwise."""
    match = FIGURE_RE.match(half_width_figures(text.strip()))
    if not match:
        raise ValueError(f"not a figure: {text!r} (expected a number with optional unit and qualifier)")
    qualifier = match["prefix"] or match["suffix"] or ""
    if match["prefix"] and match["suffix"]:
        raise ValueError(f"a figure takes one qualifier, not two: {text!r}")
    return Figure(float(match["number"]), match["unit"] or "", qualifier, match["number"])


def check_digits(figure: Figure) -> Figure:
    """A KPI's or target's figure has at most :data:`limits.FIGURE_DIGITS` digits (the KPI
    grids set it large; a longer number runs out of its box)."""
    digits = sum(char.isdigit() for char in figure.number)
    if digits > limits.FIGURE_DIGITS:
        raise ValueError(f"a figure of {digits} digits, at most {limits.FIGURE_DIGITS}")
    return figure


def figure_from_number(value: float, unit: str = "", qualifier: str = "") -> Figure:
    """A figure from a number in the data (``5.1``): finite, printable without an exponent,
    with a known unit and qualifier."""
    if not math.isfinite(value):
        raise ValueError(f"a figure must be a finite number, got {value}")
    if "e" in format_number(value):
        raise ValueError(f"write the figure {value!r} out in digits")
    if unit and unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r} (a unit is one of {', '.join(sorted(UNITS, key=len))})")
    if qualifier and qualifier not in PREFIX_QUALIFIERS + SUFFIX_QUALIFIERS:
        known = "、".join(PREFIX_QUALIFIERS + SUFFIX_QUALIFIERS)
        raise ValueError(f"unknown qualifier {qualifier!r} (one of {known})")
    return Figure(float(value), unit, qualifier)


@dataclass(frozen=True)
class Segment:
    """A run of inline text: plain, a highlighted figure, or author emphasis."""

    text: str
    kind: str = "plain"  # "plain" | "figure" | "emphasis"
    figure: Figure | None = None


DATE_UNITS = ("年", "月", "日")


def is_date(match: re.Match[str]) -> bool:
    """Years and dates (``2023年``, ``2月``, ``20日``) are not figures to highlight; ``11.3年`` is one."""
    return match["unit"] in DATE_UNITS and not match["suffix"] and "." not in match["number"]


_EMPHASIS_RE = re.compile(r"\*\*(.+?)\*\*")


def split_figures(text: str) -> list[Segment]:
    """Split running text into plain runs and figure runs."""
    segments: list[Segment] = []
    position = 0
    for match in FIGURE_IN_TEXT_RE.finditer(text):
        if is_date(match):
            continue
        if match.start() > position:
            segments.append(Segment(text[position : match.start()]))
        figure = Figure(float(match["number"]), match["unit"] or "", match["suffix"] or "", match["number"])
        segments.append(Segment(match.group(0), "figure", figure))
        position = match.end()
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


def segments(text: str) -> list[Segment]:
    """Split text with ``**emphasis**`` markup into segments, figures detected everywhere."""
    result: list[Segment] = []
    position = 0
    for match in _EMPHASIS_RE.finditer(text):
        result.extend(split_figures(text[position : match.start()]))
        inner = match.group(1)
        try:
            figure = parse_figure(inner)
        except ValueError:
            figure = None
        result.append(Segment(inner, "figure" if figure else "emphasis", figure))
        position = match.end()
    result.extend(split_figures(text[position:]))
    return result


def plain_text(text: str) -> str:
    """Text with the ``**`` emphasis markers removed."""
    return _EMPHASIS_RE.sub(r"\1", text)
