"""Social outputs as data: options in, images + PDF + per-card reports out, then files.

:class:`SocialResult` is what the poster and card builders return; :func:`files`
turns it into ``(name, bytes, manifest fields)`` triples — the PDF, every image
and a ``.txt`` with each image's alt text beside it — for the build to write
atomically and list in the manifest (``role: social``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import Diagnostic, Location

if TYPE_CHECKING:  # the rasteriser is imported by the builders that use it
    from ..export.raster import RasterImage

ROLE = "social"


@dataclass(frozen=True)
class SocialOptions:
    """What the caller asks for; ``None`` = the layout's own setting.

    ``densities``: image px per CSS px (1 → 1080 wide, 2 → 2160).
    ``format``: ``png`` (lossless) or ``jpeg``; ``None`` = the layout's ``format`` (default png).
    ``qr_url``: URL for the QR code (where the preset allows one).
    ``png_effort``: see :data:`xinhui_print.export.raster.PNG_EFFORT`.
    ``full_set``: every card, even past the platform's image limit per post (default: the
    condensed set within the limit).
    """

    densities: tuple[float, ...] | None = None
    format: str | None = None
    qr_url: str | None = None
    png_effort: str = "fast"
    full_set: bool = False

    def densities_for(self, layout) -> tuple[float, ...]:
        if self.densities:
            return tuple(self.densities)
        return tuple(float(d) for d in _settings(layout).get("densities", [1]))

    def format_for(self, layout) -> str:
        return self.format or str(_settings(layout).get("format", "png"))


def _settings(layout) -> dict[str, Any]:
    return layout.section("poster") or layout.section("cards")


@dataclass(frozen=True)
class SocialImage:
    """One exported image with its alt text and where it came from."""

    name: str  # file stem, e.g. poster-long@2x or cards-xhs@1x-03of10
    raster: RasterImage
    preset: str
    density: float
    alt: str
    kind: str  # poster | segment | card
    segment: tuple[int, int] | None = None
    top: float | None = None
    bottom: float | None = None
    card: int | None = None

    @property
    def filename(self) -> str:
        return self.name + self.raster.suffix


@dataclass(frozen=True)
class CardReport:
    """What is on one card: its size (the set's), continued, abridged (for manifest and console)."""

    index: int  # 1-based position in the set
    kind: str
    title: str
    font_px: float  # the set's body size
    base_px: float
    continued: bool = False
    continues: bool = False
    items: int = 0  # list items
    head_px: float = 0  # the set's header band height
    abridged: str = ""  # 节选 note

    @property
    def shrunk(self) -> bool:
        return self.font_px < self.base_px

    def describe(self) -> str:
        """One console line, e.g. ``card 6 01 坚持制造业当家（续）: （续） of card 5, continues on card 7``."""
        parts = []
        if self.continued:
            parts.append(f"（续） of card {self.index - 1}")
        if self.continues:
            parts.append(f"continues on card {self.index + 1}")
        if self.abridged:
            parts.append(self.abridged)
        return f"card {self.index} {self.title}: {', '.join(parts) or 'fits'}"

    def as_json(self) -> dict[str, Any]:
        return {
            "card": self.index, "kind": self.kind, "title": self.title, "font_px": self.font_px,
            "head_px": self.head_px, "base_px": self.base_px, "continued": self.continued,
            "continues": self.continues, "items": self.items, "abridged": self.abridged,
        }


@dataclass
class SocialResult:
    layout: str
    preset: str
    pdf: bytes
    pdf_name: str
    images: list[SocialImage]
    html: str = ""
    width_css: float = 0
    height_css: float = 0
    alt: str = ""
    cards: list[CardReport] = field(default_factory=list)
    omitted: list[dict[str, Any]] = field(default_factory=list)  # what an abridged output left out
    warnings: list[Diagnostic] = field(default_factory=list)

    def notes(self) -> list[Diagnostic]:
        """Budget fallbacks, card fitting, abridgement and warnings, for the console (one line each)."""
        notes = [Diagnostic("info", "raster", "; ".join(note.message for note in image.raster.notes), Location(image.filename))
                 for image in self.images if image.raster.notes]
        if self.cards:
            band = max(card.head_px for card in self.cards)
            notes.append(Diagnostic("info", "fit", f"{len(self.cards)} cards at {self.cards[0].font_px:g} px body, "
                                    f"header band {band:.0f} px"))
        notes += [Diagnostic("info", "fit", card.describe()) for card in self.cards
                  if card.continued or card.continues or card.abridged]
        if self.omitted:
            left = sum(part["of"] - part["shown"] for part in self.omitted)
            notes.append(Diagnostic("info", "abridged", f"abridged: {left} items in {len(self.omitted)} parts "
                                    "left out (listed in the manifest)"))
        return notes + self.warnings


def image_fields(image: SocialImage) -> dict[str, Any]:
    raster = image.raster
    fields: dict[str, Any] = {
        "preset": image.preset, "density": image.density, "width_px": raster.width_px,
        "height_px": raster.height_px, "alt": image.alt, "kind": image.kind,
    }
    if raster.fallback:
        fields["fallback"] = raster.fallback
    if raster.notes:
        fields["notes"] = [note.message for note in raster.notes]
    if not raster.within_budget:
        fields["over_budget"] = True
    if image.segment:
        fields["segment"] = f"{image.segment[0]}/{image.segment[1]}"
    if image.card is not None:
        fields["card"] = image.card
    return fields


def files(result: SocialResult) -> list[tuple[str, bytes, str, dict[str, Any]]]:
    """``(name, data, format, manifest fields)`` for the PDF, each image and each alt text."""
    out: list[tuple[str, bytes, str, dict[str, Any]]] = []
    pdf_fields: dict[str, Any] = {"preset": result.preset, "width_css": result.width_css,
                                  "height_css": result.height_css, "alt": result.alt}
    if result.cards:
        pdf_fields["cards"] = [card.as_json() for card in result.cards]
    if result.omitted:
        pdf_fields["omitted"] = list(result.omitted)
    out.append((result.pdf_name, result.pdf, "pdf", pdf_fields))
    for image in result.images:
        out.append((image.filename, image.raster.data, image.raster.format, image_fields(image)))
        out.append((image.name + ".txt", (image.alt + "\n").encode("utf-8"), "txt",
                    {"preset": image.preset, "alt_for": image.filename}))
    return out
