"""Paper sizes: a paper name or an explicit size → trimmed (width, height) in millimetres.

Names cover the ISO A and B series, Chinese 开本 cut from the 正度 (787 × 1092 mm)
and 大度 (889 × 1194 mm) full sheets, and newspaper pages.  Sizes are *trimmed*
(成品) sizes, portrait.  The 32开, 8开 and 4开 values vary by a few millimetres
between shops; confirm the 成品尺寸 with the shop (see shared press reference §6).

>>> paper_size("A5")
(148.0, 210.0)
>>> paper_size("正度16开")
(185.0, 260.0)
>>> paper_size("148mm 210mm")
(148.0, 210.0)
>>> paper_size("A4 landscape")
(297.0, 210.0)

Every size is bounded (:data:`MIN_SIDE_MM` to :data:`MAX_SIDE_MM` a side): a 10 mm page
would lay a booklet out on thousands of blank pages, a 5 m one is no printed sheet.
"""

from __future__ import annotations

import re

from ..errors import InputError

MIN_SIDE_MM = 90.0
"""Shortest side we lay out: below A6's 105 mm the booklet's margins leave no text block."""
MAX_SIDE_MM = 1200.0
"""Longest side: the 大度 full sheet (889 × 1194 mm) and A0 fit, larger is not a print job here."""

MM_PER_UNIT = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72, "px": 25.4 / 96}

PAPER_SIZES: dict[str, tuple[float, float]] = {
    # ISO 216 A series
    "A0": (841.0, 1189.0),
    "A1": (594.0, 841.0),
    "A2": (420.0, 594.0),
    "A3": (297.0, 420.0),
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "A6": (105.0, 148.0),
    # ISO 216 B series
    "B4": (250.0, 353.0),
    "B5": (176.0, 250.0),
    "B6": (125.0, 176.0),
    # Chinese 开本, trimmed sizes (GB/T 788 family; shops vary for 32/8/4开)
    "正度4开": (370.0, 540.0),
    "正度8开": (260.0, 370.0),
    "正度16开": (185.0, 260.0),
    "正度32开": (130.0, 184.0),
    "大度4开": (420.0, 570.0),
    "大度8开": (285.0, 420.0),
    "大度16开": (210.0, 285.0),
    "大度32开": (140.0, 203.0),
    # Newspaper pages: a Chinese 对开 broadsheet page and a 四开 tabloid page
    "对开报": (390.0, 545.0),
    "四开报": (272.0, 390.0),
}

ALIASES = {
    "NEWSPAPER": "对开报",
    "BROADSHEET": "对开报",
    "TABLOID": "四开报",
    "正16开": "正度16开",
    "正32开": "正度32开",
    "大16开": "大度16开",
    "大32开": "大度32开",
}

_LENGTH = r"(\d+(?:\.\d+)?)\s*(mm|cm|in|pt|px)"
_EXPLICIT = re.compile(rf"^{_LENGTH}\s*(?:[x×*]\s*|\s)\s*{_LENGTH}$", re.IGNORECASE)
_ORIENTATION = re.compile(r"\s+(portrait|landscape)$", re.IGNORECASE)


def paper_names() -> list[str]:
    """Every known paper name, in table order."""
    return list(PAPER_SIZES)


def paper_size(name: str) -> tuple[float, float]:
    """Return the trimmed ``(width_mm, height_mm)`` for a paper name or explicit size.

    Accepts a name (``A5``, ``正度16开``, ``大度32K``, ``newspaper``), an explicit
    size with a unit on each length (``148mm 210mm``, ``185mm × 260mm``), and an
    optional ``portrait``/``landscape`` suffix.  Raises :class:`InputError`
    listing the known names when the name is unknown.
    """
    text = " ".join(str(name).split())
    orientation, text = _split_orientation(text)
    size = _explicit_size(text) or _named_size(text)
    if size is None:
        known = ", ".join(paper_names())
        raise InputError(f"unknown paper size {name!r}", hint=f"known sizes: {known}; or '148mm 210mm'")
    check_bounds(name, size)
    return _orient(size, orientation)


def check_bounds(name: str, size: tuple[float, float]) -> None:
    """Refuse a paper whose sides fall outside ``MIN_SIDE_MM``–``MAX_SIDE_MM``."""
    if all(MIN_SIDE_MM <= side <= MAX_SIDE_MM for side in size):
        return
    width, height = (_format_mm(side) for side in size)
    raise InputError(
        f"paper {name!r} is {width} × {height} mm; each side must be between "
        f"{MIN_SIDE_MM:g} and {MAX_SIDE_MM:g} mm"
    )


def paper_size_css(name: str) -> str:
    """The CSS ``@page { size }`` value for a paper, e.g. ``"148mm 210mm"``."""
    width, height = paper_size(name)
    return f"{_format_mm(width)}mm {_format_mm(height)}mm"


_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(mm|cm|in|pt|px)?\s*$", re.IGNORECASE)


def length_mm(text: object) -> float:
    """A CSS-like length (``3mm``, ``0.5in``, ``8.5pt``; a bare number is mm) in millimetres."""
    match = _LENGTH.match(str(text))
    if not match:
        raise InputError(f"not a length: {text!r}", hint="e.g. 3mm")
    return float(match[1]) * MM_PER_UNIT[(match[2] or "mm").lower()]


def _split_orientation(text: str) -> tuple[str | None, str]:
    match = _ORIENTATION.search(text)
    if not match:
        return None, text
    return match.group(1).lower(), text[: match.start()]


def _explicit_size(text: str) -> tuple[float, float] | None:
    match = _EXPLICIT.match(text)
    if not match:
        return None
    width = float(match.group(1)) * MM_PER_UNIT[match.group(2).lower()]
    height = float(match.group(3)) * MM_PER_UNIT[match.group(4).lower()]
    if width <= 0 or height <= 0:
        return None
    return (round(width, 3), round(height, 3))


def _named_size(text: str) -> tuple[float, float] | None:
    key = _normalise_name(text)
    key = ALIASES.get(key, key)
    return PAPER_SIZES.get(key)


def _normalise_name(text: str) -> str:
    """Upper-case, drop spaces, and read the K in ``16K`` as 开."""
    key = text.replace(" ", "").upper()
    return re.sub(r"(\d)K$", r"\1开", key)


def _orient(size: tuple[float, float], orientation: str | None) -> tuple[float, float]:
    width, height = size
    if orientation == "landscape" and width < height:
        return (height, width)
    if orientation == "portrait" and width > height:
        return (height, width)
    return (width, height)


def _format_mm(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")
