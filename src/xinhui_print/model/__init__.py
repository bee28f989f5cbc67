"""The report model: typed, validated 数读 data (see :mod:`.report`)."""

from .figures import Figure, Segment, parse_figure, plain_text, segments
from .report import (
    KPI, Chapter, Credit, Group, Indicator, Meta, Report, Review, Section, Targets, indicator_key,
)

__all__ = [
    "KPI", "Chapter", "Credit", "Figure", "Group", "Indicator", "Meta", "Report", "Review",
    "Section", "Segment", "Targets", "indicator_key", "parse_figure", "plain_text", "segments",
]
