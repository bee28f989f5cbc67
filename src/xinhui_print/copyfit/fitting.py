"""What a fitting did: the moves, the layouts it took, each page's fill after it."""

from __future__ import annotations

from dataclasses import dataclass

from .measure import PageMeasure
from .moves import Move


@dataclass(frozen=True)
class Fitting:
    """What copyfitting did: the moves, the passes (layouts made) and each page's fill after it."""

    moves: tuple[Move, ...] = ()
    pages: tuple[PageMeasure, ...] = ()
    passes: int = 1
    condensed: tuple[str, ...] = ()  # print poster: what was condensed, in words
    body_pt: float | None = None  # print poster: body text size
    short: tuple[int, ...] = ()  # pages still short after the last pass

    def moves_on(self, page: PageMeasure) -> list[str]:
        return [move.describe() for move in self.moves if {move.unit, move.joins} & set(page.units)]

    def as_json(self) -> dict:
        """The manifest's ``copyfit`` entry: per page its fill and the moves taken there."""
        data: dict = {"passes": self.passes, "moves": [move.describe() for move in self.moves]}
        if self.body_pt is not None:
            data["body_pt"] = round(self.body_pt, 2)
        if self.condensed:
            data["condensed"] = list(self.condensed)
        data["pages"] = [{"page": page.number, "fill": round(page.fill, 3),
                          **({"blank": True} if page.blank else {}), "moves": self.moves_on(page)}
                         for page in self.pages]
        if self.short:
            data["short_pages"] = list(self.short)
        return data

    def summary(self) -> str:
        """One line for the build output."""
        parts = [f"copyfit {self.passes} pass{'es' if self.passes != 1 else ''}"]
        parts += [move.describe() for move in self.moves]
        if self.body_pt is not None:
            parts.append(f"body text {self.body_pt:.1f} pt")
        parts += [f"condensed {what}" for what in self.condensed]
        filled = [page.fill for page in self.pages[1:-1] if not page.blank]
        if filled:
            parts.append(f"lowest fill {min(filled):.0%}")
        if self.short:
            parts.append(f"still short: page {', '.join(map(str, self.short))}")
        return "; ".join(parts)
