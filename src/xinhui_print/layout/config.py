"""A layout's ``layout.toml``, typed: every key, its type and its default, defined once.

Each ``layout.toml`` along an ``extends`` chain is checked on its own when the layout
loads, so a mistake is reported where it was made::

    layouts/cards/layout.toml:12:1: unknown key 'base_pxx' in [cards] (known: base_px, …)

The merged tables then become :class:`LayoutSettings`; code reads
``layout.settings.cards.base_px`` and never repeats a default.  ``layouts/README.md``
documents the same keys (a test compares the two).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import LayoutError, Location
from .papers import paper_names

Kind = Literal["booklet", "poster", "cards", "print-poster"]
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]
LENGTH = r"^\d+(\.\d+)?\s*(mm|cm|in|pt|px)?$"


class Section(BaseModel):
    """A table of ``layout.toml``: unknown keys and wrong types are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class PageSettings(Section):
    """``[page]``: the sheet and its margins."""

    size: str | None = None  # a paper name (A5, 正度16开, …) or "148mm 210mm"; see layout.papers
    width: float | None = Field(None, gt=0)  # CSS px, for screen posters whose height is measured
    margin_top: str | None = Field(None, pattern=LENGTH)
    margin_bottom: str | None = Field(None, pattern=LENGTH)
    margin_inner: str | None = Field(None, pattern=LENGTH)
    margin_outer: str | None = Field(None, pattern=LENGTH)
    bleed: str = Field("0mm", pattern=LENGTH)  # screen PDF
    press_bleed: str = Field("3mm", pattern=LENGTH)  # press PDF
    pad_to_multiple: int = Field(1, ge=1, le=32)  # blank pages before the last page up to a multiple
    max_pages: int | None = Field(None, ge=1)  # more pages is an error (a one-sheet poster)
    design_width_mm: float | None = Field(None, gt=0)  # the sheet rem sizes were drawn for
    design_height_mm: float | None = Field(None, gt=0)
    base_pt: float | None = Field(None, gt=0)  # root font size on the design sheet


class FontSettings(Section):
    """``[fonts]``: use → role name in ``fonts/fonts.toml``."""

    body: str = "serif"
    heading: str = "sans"
    numeral: str = "numeral"


class ChartSettings(Section):
    """``[chart]``: the type size of the layout's charts (each template gives a chart its box)."""

    font_size_pt: float = Field(7.5, gt=0, le=72)


class PressSettings(Section):
    """``[press]``: the press target and its overrides."""

    icc: str = "data/icc/ISOcoated_v2_300_bas.icc"  # output-intent profile (repository path)
    profile: str | None = None  # press target name (default: sheet-cmyk)
    ink_limit: float | None = Field(None, gt=0, le=400)  # total area coverage, percent
    safe_mm: float | None = Field(None, ge=0, le=50)  # text this far inside the trim
    creep_mm: float = Field(0.0, ge=0, le=5)  # saddle-stitch creep over the whole booklet


class TypesetOptions(Section):
    """``[typeset]``: what the typesetting stage does to Chinese text.

    Defaults suit print body text (the booklet): everything on except the
    CJK–Latin space, which Chinese newspapers usually leave out and which
    copy/paste would return as a space.
    """

    #: Normalise ASCII ``, ? : ; ! ( )`` inside Chinese to full width (not inside numbers or Latin).
    normalize_punctuation: bool = True
    #: Keep a number with its unit or qualifier on one line (``57.8亿元``, ``7.5%以上``).
    keep_figures: bool = True
    #: Set the first of two adjacent marks half width with the ``halt`` feature (``。”`` ``）、``).
    compress_punctuation: bool = True
    #: Keep the last two characters of a paragraph together: no one-character last line (孤字).
    avoid_widows: bool = True
    #: Allow line breaks before “ and after ” (clreq; Pango 1.50 forbids both) with U+200B.
    quote_breaks: bool = True
    #: ¼ em between Han and Latin letters or digits (clreq 3.2.2), none at line edges.
    latin_space: bool = False
    #: Inter-character justification of Chinese lines (needs the WeasyPrint justification hook).
    justify: bool = True
    #: Largest extra gap between two Chinese characters, in em.  Above 0.1 em
    #: poppler (pdftotext) starts a new word and reads the gap as a space (pdf.js
    #: at 0.102 em).  The hook compensates WeasyPrint's int() rounding of glyph
    #: positions, so drawn gaps stay at or below this value; 0.095 keeps a margin.
    #: A line needing more stays short.
    max_gap_em: float = Field(0.095, ge=0, le=0.5)


Move = Literal["spacing", "leading", "pull-back", "join", "callout"]
Range = tuple[float, float]


class CopyfitSettings(Section):
    """``[copyfit]``: what the copyfitting step may change so that no page is left near empty.

    Booklets: each chapter's (and part's) last page is measured after layout; a short
    tail is pulled back (tighter spacing, then leading), grown (looser), filled with
    a big-number callout of the chapter's key figure, or the next chapter starts on
    it.  Print posters: body text never below ``body_floor_pt``; chapters are
    condensed (fewer key items, named in the build output) instead of shrinking type.
    """

    moves: tuple[Move, ...] = ()  # the moves this layout allows; none: copyfitting off
    min_fill: float = Field(0.4, ge=0, le=0.9)  # a page holds content down to this share of its text block
    spacing: Range = (1.0, 1.0)  # paragraph and list spacing: factor range of the layout's own
    leading: Range = (1.75, 1.75)  # line height of body text (em): range; the layout's own is inside
    callout_fill: float = Field(0.65, ge=0.3, le=0.95)  # a callout fills its page down to this share
    max_passes: int = Field(3, ge=1, le=6)  # layouts in all, the first included
    body_floor_pt: dict[str, float] = {}  # print poster: paper → smallest body text (pt); the largest listed paper not larger than the sheet applies

    @field_validator("spacing", "leading")
    @classmethod
    def _ordered(cls, value: Range) -> Range:
        low, high = value
        if not 0 < low <= high <= 4:
            raise ValueError("expected [low, high] with 0 < low <= high <= 4")
        return value

    @field_validator("body_floor_pt")
    @classmethod
    def _papers(cls, value: dict[str, float]) -> dict[str, float]:
        for paper, points in value.items():
            if paper not in paper_names():
                raise ValueError(f"unknown paper {paper!r} (known: {', '.join(paper_names())})")
            if not 4 <= points <= 72:
                raise ValueError(f"body text floor for {paper} must be 4–72 pt")
        return value


Density = float
ImageFormat = Literal["png", "jpeg"]


class SocialSettings(Section):
    """What posters and card sets share."""

    densities: tuple[Density, ...] = (1.0,)  # pixel densities of the PNGs (1 = 1080 px wide)
    format: ImageFormat = "png"  # png (lossless, sRGB) or jpeg (q90 4:4:4, sRGB ICC)
    qr_url: str = Field("", max_length=300)  # optional QR code (or build --qr-url)
    maker: str = Field("", max_length=60)  # 制图 credit; empty = the publisher

    @field_validator("densities")
    @classmethod
    def _densities_in_range(cls, value: tuple[float, ...]) -> tuple[float, ...]:
        if not value or not all(0 < density <= 8 for density in value):
            raise ValueError("densities must be one or more numbers above 0 and at most 8")
        return value


class CardSettings(SocialSettings):
    """``[cards]`` (kind ``cards``): fixed-size cards, fitted between two body sizes."""

    preset: str = "xhs"  # default preset; --preset picks others (social/presets.py)
    base_px: float = Field(34.0, gt=0, le=200)  # body text size every card starts at
    floor_px: float = Field(28.0, gt=0, le=200)  # smallest body text
    kpis_per_card: int = Field(3, ge=1, le=12)


class PosterSettings(SocialSettings):
    """``[poster]`` (kinds ``poster`` and ``print-poster``): one long page or one sheet."""

    preset: str = "poster"
    key_items: int = Field(2, ge=1, le=50)  # items per ● subsection, those with figures first
    segment_max_height: float = Field(4000.0, ge=500)  # CSS px per slice of a long poster


CMYK = tuple[float, float, float, float]


class LayoutSettings(Section):
    """The whole ``layout.toml``, merged down the ``extends`` chain."""

    name: str
    description: str = ""
    extends: str | None = None
    kind: Kind = "booklet"
    default: bool = False  # built by `xinhui-print build` with no --layout
    printable: bool = False  # has a press (PDF/X) variant
    press_default: bool = False  # built by `build --press` with no --layout
    page: PageSettings = PageSettings()
    fonts: FontSettings = FontSettings()
    theme: dict[str, CMYK] = {}  # colour token → CMYK percentages
    press: PressSettings = PressSettings()
    chart: ChartSettings = ChartSettings()
    typeset: TypesetOptions = TypesetOptions()
    copyfit: CopyfitSettings = CopyfitSettings()
    cards: CardSettings | None = None
    poster: PosterSettings | None = None

    @field_validator("theme")
    @classmethod
    def _cmyk_percentages(cls, value: dict[str, CMYK]) -> dict[str, CMYK]:
        for token, cmyk in value.items():
            if not re.fullmatch(r"[a-z][a-z0-9-]*", token):
                raise ValueError(f"colour token {token!r} must be lower-case letters, digits and -")
            if not all(0 <= part <= 100 for part in cmyk):
                raise ValueError(f"colour {token!r} has a CMYK value outside 0–100")
        return value


SECTIONS_BY_KIND = {"cards": ("cards",), "poster": ("poster",), "print-poster": ("poster",), "booklet": ()}
"""Kind-specific tables: a booklet with a ``[cards]`` table is a mistake, not a no-op."""


def check_file(config: dict[str, Any], path: Path) -> None:
    """Check one ``layout.toml`` on its own (missing keys come from parents or defaults)."""
    folder = path.parent.name
    if config.get("name", folder) != folder:
        raise LayoutError(f"name {config['name']!r} must equal the folder name {folder!r}",
                          locate(path, None, "name"))
    try:
        _validate({"name": path.parent.name, **config})
    except ValidationError as error:
        raise settings_error(error, path) from None


def parse_settings(config: dict[str, Any], path: Path) -> LayoutSettings:
    """The merged config of a layout → :class:`LayoutSettings` (errors located in ``path``)."""
    try:
        settings = _validate(config)
    except ValidationError as error:
        raise settings_error(error, path) from None
    for section in ("cards", "poster"):
        if getattr(settings, section) is not None and section not in SECTIONS_BY_KIND[settings.kind]:
            raise LayoutError(f"[{section}] does not apply to a layout of kind {settings.kind!r}",
                              locate(path, section, None))
    return settings


def _validate(config: dict[str, Any]) -> LayoutSettings:
    """Strict validation in JSON mode: TOML arrays are tuples, integers are floats, nothing else is coerced."""
    return LayoutSettings.model_validate_json(json.dumps(config, default=str))


def settings_error(error: ValidationError, path: Path) -> LayoutError:
    """The first problem of a validation error, as a located one-line ``LayoutError``."""
    problem = error.errors()[0]
    keys = [str(part) for part in problem["loc"] if not isinstance(part, int)]
    section, key = (keys[0], keys[1]) if len(keys) > 1 else (None, keys[0] if keys else None)
    table = f" in [{section}]" if section else ""
    if problem["type"] == "extra_forbidden":
        model = _section_model(section)
        known = ", ".join(model.model_fields) if model else ""
        return LayoutError(f"unknown key {key!r}{table}", locate(path, section, key),
                           hint=f"known: {known}" if known else None)
    value = problem.get("input")
    reason = "expected four CMYK percentages 0–100" if section == "theme" else _reason(problem)
    return LayoutError(f"{key}{table}: {reason} (got {value!r})", locate(path, section, key))


def _section_model(section: str | None) -> type[BaseModel] | None:
    if section is None:
        return LayoutSettings
    annotation = LayoutSettings.model_fields.get(section)
    if annotation is None:
        return None
    for candidate in (annotation.annotation, *getattr(annotation.annotation, "__args__", ())):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _reason(problem: dict[str, Any]) -> str:
    if problem["type"] == "string_pattern_mismatch":
        return "expected a length such as 3mm"
    message = str(problem["msg"])
    return message.removeprefix("Value error, ").replace("Input should be", "expected").lower()


_HEADER = re.compile(r"^\s*\[\s*([^\]\s]+)\s*\]")


def locate(path: Path, section: str | None, key: str | None) -> Location:
    """Where ``key`` of ``[section]`` is written in ``path`` (its table header when the key is not)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return Location(path)
    current: str | None = None
    header_line: int | None = None
    key_pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=") if key else None
    for number, line in enumerate(lines, start=1):
        header = _HEADER.match(line)
        if header:
            current = header[1]
            if current == section:
                header_line = number
            continue
        if current == section and key_pattern and key_pattern.match(line):
            return Location(path, number, 1)
    return Location(path, header_line, 1) if header_line else Location(path)
