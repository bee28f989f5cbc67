"""The report model: typed, validated 数读 data (see :mod:`.report`)."""

from .figures import Figure, Segment, parse_figure, plain_text, segments
from .report import (
    KPI, Chapter, Credit, Group, Indicator, Locator, Meta, Report, Review, Section, Targets,
    field_path, indicator_key,
)

__all__ = [
    "KPI", "Chapter", "Credit", "Figure", "Group", "Indicator", "Locator", "Meta", "Report",
    "Review", "Section", "Segment", "Targets", "field_path", "indicator_key", "parse_figure",
    "plain_text", "segments",
]
