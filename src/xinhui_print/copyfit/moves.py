"""Copyfitting moves: what is changed for one unit, as CSS (numbers and ids only) and template data.

A move never carries report text into CSS: spacing, leading, page breaks and
callout heights are numbers on ``#id`` selectors; a callout's figure reaches the
template as data (``fit_callouts``), escaped there like all report text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Report
from ..model.figures import Figure, plain_text, segments

PULL_BACK, LOOSEN, CALLOUT, JOIN, STRETCH = "pull-back", "loosen", "callout", "join", "stretch"
_ID = re.compile(r"^[a-z][a-z0-9-]*$")
_CLAUSE = re.compile(r"[^，。；：、！？]+")
HEADLINE_UNITS = ("%", "亿元", "万亿元", "万元", "万人", "万人次", "万平方米", "个百分点", "亿美元")
CALLOUT_CLAUSE_MAX = 30  # characters: a callout's caption is one clause, not a paragraph


@dataclass(frozen=True)
class Callout:
    """A chapter's key figure, set big at the end of the chapter, with the clause it comes from."""

    chapter: int
    figure: Figure
    text: str
    height_px: float = 0.0


@dataclass(frozen=True)
class Move:
    """What copyfitting changed for one unit (a chapter, a part …), and why."""

    unit: str
    kind: str  # pull-back | loosen | callout | join | stretch (loosened to the limits, unpredicted)
    space: float = 1.0  # factor on the layout's paragraph and list spacing
    leading: float | None = None  # body line height (em); None: the layout's own
    gap_px: float = 0.0  # stretch: extra space above each line of a list of single lines
    callout: Callout | None = None
    joins: str | None = None  # join: the next unit, which starts on this unit's last page
    tail_before: float = 0.0  # share of its last page the unit filled before the move

    def __post_init__(self):
        for unit in (self.unit, self.joins or self.unit):
            if not _ID.match(unit):
                raise ValueError(f"not a unit id: {unit!r}")

    def describe(self) -> str:
        parts = [f"{self.unit}: {self.kind}"]
        if self.space != 1.0:
            parts.append(f"spacing ×{self.space:.2f}")
        if self.leading is not None:
            parts.append(f"leading {self.leading:.2f}")
        if self.callout:
            parts.append(f"figure {self.callout.figure}")
        if self.joins:
            parts.append(f"({self.joins} starts on its last page)")
        parts.append(f"(tail was {self.tail_before:.0%})")
        return " ".join(parts)

    def css(self) -> str:
        rules = []
        if self.space != 1.0:
            rules.append(f"--xh-fit-space: {self.space:.3f}")
        if self.leading is not None:
            rules.append(f"--xh-fit-leading: {self.leading:.3f}")
        if self.gap_px:
            rules.append(f"--xh-fit-gap: {self.gap_px:.1f}px")
        css = f"#{self.unit} {{ {'; '.join(rules)} }}" if rules else ""
        if self.joins:
            css += f"\n#{self.joins} {{ break-before: auto !important; --xh-fit-joined: 1 }}"
        if self.callout:
            css += f"\n#fit-callout-{self.callout.chapter} {{ min-height: {self.callout.height_px:.1f}px }}"
        return css.strip()


@dataclass(frozen=True)
class Moves:
    """Every move of one fitting, by unit (at most one per unit)."""

    by_unit: dict[str, Move] = field(default_factory=dict)

    def with_move(self, move: Move) -> Moves:
        return Moves({**self.by_unit, move.unit: move})

    def without(self, unit: str) -> Moves:
        return Moves({name: move for name, move in self.by_unit.items() if name != unit})

    def __bool__(self) -> bool:
        return bool(self.by_unit)

    def __iter__(self):
        return iter(self.by_unit.values())

    def stylesheet(self) -> str:
        return "\n".join(css for css in (move.css() for move in self) if css)

    def callouts(self) -> dict[int, Callout]:
        return {move.callout.chapter: move.callout for move in self if move.callout}


def chapter_number(unit: str) -> int | None:
    match = re.fullmatch(r"chapter-(\d+)", unit)
    return int(match[1]) if match else None


def key_figure(report: Report, number: int) -> Callout | None:
    """The chapter's key figure, its caption the short clause it stands in; None when the
    chapter has no figure.  Amounts and rates with a unit come before bare counts, a
    qualified figure (``50亿元以上``) before an unqualified one, earlier before later."""
    chapter = next((c for c in report.chapters if c.number == number), None)
    if chapter is None:
        return None
    found: list[tuple[int, int, Callout]] = []
    clauses = (clause.strip() for section in chapter.sections for item in section.items
               for clause in _CLAUSE.findall(plain_text(item)))
    for order, clause in enumerate(clauses):
        if len(clause) > CALLOUT_CLAUSE_MAX:
            continue
        for segment in segments(clause):
            if segment.kind == "figure" and segment.figure is not None:
                found.append((-_weight(segment.figure), order, Callout(number, segment.figure, clause)))
    return min(found, key=lambda entry: entry[:2])[2] if found else None


def _weight(figure: Figure) -> int:
    """How much a figure reads as a key figure: a unit, a headline unit, a qualifier."""
    return (2 * bool(figure.unit) + (figure.unit in HEADLINE_UNITS) + bool(figure.qualifier)
            + (figure.value >= 10))
