"""Findings and the report they form: rule hits → sorted, grouped, serialisable data.

A rule yields :class:`Hit` records (one per offending object); :func:`per_page`
folds them into one :class:`Finding` per page with the union box, the object
count and the worst measured value.  Values keep full precision; rounding
happens only when a finding is printed or serialised (GWG I00005).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..errors import SEVERITIES, Diagnostic, Location
from .geometry import Box, union

SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}

Value = float | int | str | None


@dataclass(frozen=True, slots=True)
class Hit:
    """One offending object: where it is and what was measured."""

    page: int
    bbox: Box | None
    measured: Value = None


@dataclass(frozen=True)
class Finding(Diagnostic):
    """A requirement broken on a page (or by the whole document when ``page`` is None):
    the project's :class:`Diagnostic` with the rule id as its code, located by page and
    box, and what was measured against which limit."""

    measured: Value = None
    limit: Value = None
    count: int = 1
    boxes: tuple[Box, ...] = field(default=(), compare=False)

    @classmethod
    def of(cls, id: str, severity: str, message: str, page: int | None = None, bbox: Box | None = None,
           **measures) -> Finding:
        """Rule ``id`` broken on ``page`` (None: the document) in ``bbox``."""
        return cls(severity, id, message, Location(page=page, position=bbox), **measures)

    @property
    def id(self) -> str:
        return self.code

    @property
    def page(self) -> int | None:
        return self.location.page if self.location else None

    @property
    def bbox(self) -> Box | None:
        return self.location.position if self.location else None

    def sort_key(self) -> tuple:
        return (
            self.page or 0,
            self.id,
            SEVERITY_RANK[self.severity],
            self.bbox or (),
            self.message,
        )

    def to_dict(self) -> dict:
        return {
            "id": self.id, "severity": self.severity, "message": self.message, "page": self.page,
            "bbox": _rounded_box(self.bbox), "measured": _rounded(self.measured),
            "limit": _rounded(self.limit), "count": self.count,
            "boxes": [_rounded_box(b) for b in self.boxes],
        }


def _rounded(value: Value) -> Value:
    return round(value, 3) if isinstance(value, float) else value


def _rounded_box(box: Box | None) -> list[float] | None:
    return [round(v, 2) for v in box] if box is not None else None


def per_page(
    rule_id: str,
    severity: str,
    hits: Iterable[Hit],
    message: Callable[[Value], str],
    limit: Value = None,
    worst: Callable = min,
) -> list[Finding]:
    """One finding per page: union box, object count, worst measured value."""
    by_page: dict[int, list[Hit]] = defaultdict(list)
    for hit in hits:
        by_page[hit.page].append(hit)
    findings = []
    for page, page_hits in sorted(by_page.items()):
        boxes = tuple(sorted(h.bbox for h in page_hits if h.bbox is not None))
        values = [h.measured for h in page_hits if h.measured is not None]
        measured = worst(values) if values else None
        findings.append(
            Finding.of(
                id=rule_id,
                severity=severity,
                message=message(measured),
                page=page,
                bbox=union(boxes) if boxes else None,
                measured=measured,
                limit=limit,
                count=len(page_hits),
                boxes=boxes,
            )
        )
    return findings


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)
