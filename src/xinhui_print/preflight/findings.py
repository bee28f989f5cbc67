"""Findings and the report they form: rule hits → sorted, grouped, serialisable data.

A rule yields :class:`Hit` records (one per offending object); :func:`per_page`
folds them into one :class:`Finding` per page with the union box, the object
count and the worst measured value.  Values keep full precision; rounding
happens only when a finding is printed or serialised (GWG I00005).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field

from .geometry import Box, union

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}

Value = float | int | str | None


@dataclass(frozen=True, slots=True)
class Hit:
    """One offending object: where it is and what was measured."""

    page: int
    bbox: Box | None
    measured: Value = None


@dataclass(frozen=True)
class Finding:
    """A requirement broken on a page (or by the whole document when ``page`` is None)."""

    id: str
    severity: str
    message: str
    page: int | None = None
    bbox: Box | None = None
    measured: Value = None
    limit: Value = None
    count: int = 1
    boxes: tuple[Box, ...] = field(default=(), compare=False)

    def sort_key(self) -> tuple:
        return (
            self.page or 0,
            self.id,
            SEVERITY_RANK[self.severity],
            self.bbox or (),
            self.message,
        )

    def to_dict(self) -> dict:
        data = asdict(self)
        data["bbox"] = _rounded_box(self.bbox)
        data["boxes"] = [_rounded_box(b) for b in self.boxes]
        data["measured"] = _rounded(self.measured)
        data["limit"] = _rounded(self.limit)
        return data


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
            Finding(
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
