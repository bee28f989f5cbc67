"""The typed model of a 数读 report (pydantic v2): validated data → layouts.

Inline text fields (facts, items, the lead) are plain Chinese text in which
``**…**`` marks the figures the article set in bold; every other number is
found by :func:`xinhui_print.model.figures.segments` when a layout asks.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema, field_validator,
)

from .figures import Figure, parse_figure, plain_text, segments


def _figure_from_yaml(value: Any) -> Figure:
    if isinstance(value, Figure):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Figure(float(value))
    if isinstance(value, str):
        return parse_figure(value)
    if isinstance(value, dict):
        number = value.get("value")
        if number is None:
            raise ValueError("a figure needs a value")
        figure = Figure(float(number), value.get("unit", ""), value.get("qualifier", ""))
        return figure
    raise ValueError(f"a figure is a string like '7.5%以上', got {type(value).__name__}")


FigureField = Annotated[
    Figure,
    BeforeValidator(_figure_from_yaml),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({
        "type": ["string", "number"],
        "description": "number + unit + qualifier (同比/可比/以上/左右…), e.g. 同比4%",
        "examples": ["4%", "同比4%", "7.5%以上", "57.8亿元"],
    }),
]

NonEmpty = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    """Base: unknown keys are errors (a typo must not silently drop data)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Credit(Strict):
    role: NonEmpty = Field(description="文、制图、摄影…")
    name: NonEmpty


class Meta(Strict):
    """Who published what, where and when."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")] = Field(
        description="report id, names the output folder out/<id>/"
    )
    title: NonEmpty = Field(description="headline, e.g. 乘势而上加速奔跑 开局之年再上台阶")
    kicker: NonEmpty = Field(description="e.g. 数读2023年新会区政府工作报告")
    place: NonEmpty
    year: int = Field(ge=1949, le=2100)
    publisher: NonEmpty
    author: str = ""
    byline: str = Field("", description="byline as printed, e.g. 江门日报记者 任晓盈")
    date: dt.date = Field(description="report date; also the date written into the PDFs")
    source: NonEmpty = Field(description="source line, e.g. 2023年新会区政府工作报告")
    credits: list[Credit] = []


class Indicator(Strict):
    """A headline figure: label + verb + figure, e.g. 地区生产总值 / 增长 / 同比4%."""

    label: NonEmpty
    verb: str = ""
    figure: FigureField | None = None

    @property
    def key(self) -> str:
        """A key that pairs last year's result with this year's target."""
        return indicator_key(self.label)

    @property
    def text(self) -> str:
        """The indicator as one sentence, exactly as the article prints it."""
        if self.figure is None:
            return self.label
        f = self.figure
        if f.qualifier_before:
            return f"{self.label}{f.qualifier}{self.verb}{f.number}{f.unit}"
        return f"{self.label}{self.verb}{f.number}{f.unit}{f.qualifier}"


class KPI(Indicator):
    """A reported result: an indicator whose figure is required (a KPI without a value is an error)."""

    figure: FigureField


_KEY_SYNONYMS = (("规模以上", "规上"), ("同比", ""), ("可比", ""))


def indicator_key(label: str) -> str:
    for long, short in _KEY_SYNONYMS:
        label = label.replace(long, short)
    return re.sub(r"\s+", "", label)


class Review(Strict):
    """Last year's results."""

    title: NonEmpty = Field(description="e.g. 2022年工作回顾")
    kpis: list[KPI] = Field(min_length=1)
    rankings: list[NonEmpty] = []
    pledges: list[NonEmpty] = []


class Group(Strict):
    """A themed group of facts with a two-part title (title + deck)."""

    title: NonEmpty
    deck: str = ""
    facts: list[NonEmpty] = Field(min_length=1)


class Targets(Strict):
    """This year's main targets."""

    title: NonEmpty = Field(description="e.g. 2023年工作展望")
    intro: str = ""
    items: list[Indicator] = Field(min_length=1)


class Section(Strict):
    """A ● subsection of a chapter with its numbered items."""

    title: NonEmpty
    items: list[NonEmpty] = []


class Chapter(Strict):
    number: int = Field(ge=1)
    title: NonEmpty
    sections: list[Section] = Field(min_length=1)

    @property
    def headline(self) -> str:
        """First clause of the title (before the first ，)."""
        return self.title.split("，", 1)[0]

    @property
    def deck(self) -> str:
        parts = self.title.split("，", 1)
        return parts[1] if len(parts) > 1 else ""


class Report(Strict):
    """A 数读 feature: a government work report read through its numbers."""

    meta: Meta
    lead: list[NonEmpty] = Field(default=[], description="lead paragraphs")
    review: Review | None = None
    groups: list[Group] = []
    targets: Targets | None = None
    chapters: list[Chapter] = []
    notes: list[NonEmpty] = Field(
        default=[], description="paragraphs whose structure the importer did not recognise"
    )

    @field_validator("chapters")
    @classmethod
    def _chapters_numbered_in_order(cls, chapters: list[Chapter]) -> list[Chapter]:
        for expected, chapter in enumerate(chapters, start=1):
            if chapter.number != expected:
                raise ValueError(f"chapter {chapter.number} should be numbered {expected}")
        return chapters

    def target_for(self, kpi: Indicator) -> Indicator | None:
        """This year's target for last year's KPI, paired by indicator key."""
        if self.targets is None:
            return None
        for target in self.targets.items:
            if target.figure is not None and target.key == kpi.key:
                return target
        return None

    def all_text(self) -> list[str]:
        """Every string a reader sees, for glyph checks and text-presence tests."""
        return list(_strings(self.model_dump(mode="json")))


def _strings(value: Any):
    if isinstance(value, str):
        yield plain_text(value)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


__all__ = [
    "KPI", "Chapter", "Credit", "Figure", "Group", "Indicator", "Meta", "Report", "Review",
    "Section", "Targets", "indicator_key", "segments",
]
