"""The typed model of a 数读 report (pydantic v2): validated data → layouts.

Inline text fields (facts, items, the lead) are plain Chinese text in which
``**…**`` marks the figures the article set in bold; every other number is
found by :func:`xinhui_print.model.figures.segments` when a layout asks.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema,
    PrivateAttr, field_validator, model_validator,
)

from ..errors import Location
from ..icons import check_icon_name
from ..text.widths import half_width_figures
from . import limits
from .figures import (
    PREFIX_QUALIFIERS, SUFFIX_QUALIFIERS, UNITS, Figure, check_digits, figure_from_number,
    parse_figure,
    plain_text, segments,
)


class Strict(BaseModel):
    """Base: unknown keys are errors (a typo must not silently drop data), and values keep
    their types (``unit: 5`` is not the text ``"5"``, ``number: true`` is not chapter 1)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


#: ``(loc, char) -> Location``: where a field (and a character in it) sits in its source file.
Locator = Callable[[tuple, str], "Location | None"]


def Text(max_length: int, min_length: int = 1) -> Any:  # noqa: N802 (a type, used like one)
    """A text field of at most ``max_length`` characters, figures read as half width."""
    return Annotated[str, Field(min_length=min_length, max_length=max_length),
                     AfterValidator(_no_control_characters), AfterValidator(half_width_figures)]


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _no_control_characters(text: str) -> str:
    """Control characters (other than tab and line feed) print as nothing: an error."""
    if match := _CONTROL.search(text):
        raise ValueError(f"control character U+{ord(match[0]):04X} in the text (remove it)")
    return text


def Items(item: Any, max_length: int, min_length: int = 0) -> Any:  # noqa: N802
    """A list of at most ``max_length`` items."""
    return Annotated[list[item], Field(min_length=min_length, max_length=max_length)]


Name = Text(limits.NAME)
Headline = Text(limits.HEADLINE)
Heading = Text(limits.HEADING)
Sentence = Text(limits.SENTENCE)
Paragraph = Text(limits.PARAGRAPH)

FIGURE_KEYS = ("value", "unit", "qualifier")


def _figure_from_yaml(value: Any) -> Figure:
    return check_digits(_figure(value))


def _figure(value: Any) -> Figure:
    if isinstance(value, Figure):
        return value
    if _is_number(value):
        return figure_from_number(value)
    if isinstance(value, str):
        return parse_figure(value)
    if isinstance(value, dict):
        return _figure_from_mapping(value)
    raise ValueError(f"a figure is a string like '7.5%以上', got {type(value).__name__}")


def _figure_from_mapping(parts: dict) -> Figure:
    """``{value: 5.1, unit: "%", qualifier: 以上}``: known keys only, each of its type."""
    for key in parts:
        if key not in FIGURE_KEYS:
            raise ValueError(f"unknown key {key!r} in the figure (check the spelling: "
                             f"{', '.join(FIGURE_KEYS)})")
    if "value" not in parts:
        raise ValueError("a figure needs a value")
    if not _is_number(parts["value"]):
        raise ValueError(f"value must be a number, got {parts['value']!r}")
    for key in ("unit", "qualifier"):
        if not isinstance(parts.get(key, ""), str):
            raise ValueError(f"{key} must be text, got {type(parts[key]).__name__} {parts[key]!r}")
    return figure_from_number(parts["value"], parts.get("unit", ""), parts.get("qualifier", ""))


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


FigureField = Annotated[
    Figure,
    BeforeValidator(_figure_from_yaml),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({
        "anyOf": [
            {"type": "string"},
            {"type": "number"},
            {"type": "object", "additionalProperties": False, "required": ["value"],
             "properties": {"value": {"type": "number"},
                            "unit": {"enum": ["", *UNITS]},
                            "qualifier": {"enum": ["", *PREFIX_QUALIFIERS, *SUFFIX_QUALIFIERS]}}},
        ],
        "description": "number + unit + qualifier (同比/可比/以上/左右…), e.g. 同比4%",
        "examples": ["4%", "同比4%", "7.5%以上", "57.8亿元"],
    }),
]


# -- media: icons and images named in the data ---------------------------------------------

IconName = Annotated[
    str, Field(max_length=limits.ICON_NAME, json_schema_extra={"pattern": "^[a-z0-9-]+$"},
               description="a Tabler outline icon (tabler.io/icons), e.g. building-factory-2; "
                           "default: chosen by topic"),
    AfterValidator(check_icon_name),
]

_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _image_path(suffixes: tuple[str, ...]) -> Callable[[str], str]:
    def check(path: str) -> str:
        if _URL_SCHEME.match(path) or path.startswith("/") or "\\" in path:
            raise ValueError(f"{path!r} is not a relative path (give the file's path from the "
                             "folder of the data file, e.g. images/logo.png)")
        if ".." in path.split("/"):
            raise ValueError(f"{path!r} leaves the folder of the data file (images come only "
                             "from that folder)")
        if not path.lower().endswith(suffixes):
            raise ValueError(f"{path!r}: expected a {' or '.join(s.lstrip('.').upper() for s in suffixes)} file")
        return path
    return check


def ImagePath(*suffixes: str) -> Any:  # noqa: N802 (a type, used like one)
    """A path to an image, relative to the data file's folder and inside it."""
    return Annotated[str, Field(min_length=1, max_length=limits.IMAGE_PATH),
                     AfterValidator(_no_control_characters), AfterValidator(_image_path(suffixes))]


#: Fields that name files or icons: never printed, so not text a reader sees.
NOT_TEXT = frozenset({"icon", "logo", "cover_image"})


class Credit(Strict):
    role: Name = Field(description="文、制图、摄影…")
    name: Name


class Meta(Strict):
    """Who published what, where and when."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=limits.REPORT_ID)] = Field(
        description="report id, names the output folder out/<id>/"
    )
    title: Headline = Field(description="headline, e.g. 乘势而上加速奔跑 开局之年再上台阶")
    kicker: Headline = Field(description="e.g. 数读2023年新会区政府工作报告")
    place: Name
    year: int = Field(ge=1949, le=2100)
    publisher: Name
    author: Text(limits.NAME, min_length=0) = ""
    byline: Text(limits.HEADLINE, min_length=0) = Field(
        "", description="byline as printed, e.g. 江门日报记者 任晓盈")
    date: dt.date = Field(strict=False, description="report date; also the date written into the PDFs")
    source: Text(limits.SOURCE) = Field(description="source line, e.g. 2023年新会区政府工作报告")
    credits: Items(Credit, limits.CREDITS) = []
    logo: ImagePath(".svg", ".png") | None = Field(
        None, description="the publisher's logo (SVG or PNG, path from the data file's folder); "
                          "printed instead of the name on covers, closing cards and footers")
    cover_image: ImagePath(".png", ".jpg", ".jpeg") | None = Field(
        None, description="a photo (PNG or JPEG) for the booklet cover and the poster's top")


class Indicator(Strict):
    """A headline figure: label + verb + figure, e.g. 地区生产总值 / 增长 / 同比4%."""

    label: Text(limits.TARGET_LABEL)
    verb: Text(limits.VERB, min_length=0) = ""
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

    label: Text(limits.KPI_LABEL)
    figure: FigureField
    icon: IconName | None = None


_KEY_SYNONYMS = (("规模以上", "规上"), ("規模以上", "規上"), ("同比", ""), ("可比", ""))


def indicator_key(label: str) -> str:
    for long, short in _KEY_SYNONYMS:
        label = label.replace(long, short)
    return re.sub(r"\s+", "", label)


class Review(Strict):
    """Last year's results."""

    title: Heading = Field(description="e.g. 2022年工作回顾")
    kpis: Items(KPI, limits.KPIS, min_length=1)
    rankings: Items(Sentence, limits.RANKINGS) = []
    pledges: Items(Sentence, limits.PLEDGES) = []


class Group(Strict):
    """A themed group of facts with a two-part title (title + deck)."""

    title: Heading
    deck: Text(limits.DECK, min_length=0) = ""
    facts: Items(Sentence, limits.FACTS, min_length=1)


class Targets(Strict):
    """This year's main targets."""

    title: Heading = Field(description="e.g. 2023年工作展望")
    intro: Text(limits.SENTENCE, min_length=0) = ""
    items: Items(Indicator, limits.TARGETS, min_length=1)


class Section(Strict):
    """A ● subsection of a chapter with its numbered items."""

    title: Heading
    items: Items(Text(limits.ITEM), limits.ITEMS) = []


class Chapter(Strict):
    number: int = Field(ge=1, le=limits.CHAPTERS)
    title: Text(limits.CHAPTER_TITLE)
    sections: Items(Section, limits.SECTIONS, min_length=1)
    icon: IconName | None = None

    @property
    def headline(self) -> str:
        """First clause of the title (before the first ，)."""
        return self.title.split("，", 1)[0]

    @property
    def deck(self) -> str:
        parts = self.title.split("，", 1)
        return parts[1] if len(parts) > 1 else ""


# ---------------------------------------------------------------- explicit charts


ChartValue = Annotated[float, Field(allow_inf_nan=False, ge=-1e6, le=1e6)]


class ChartData(Strict):
    """An explicit chart (the ``charts:`` section): a series the article gives, or one share or
    progress figure.  Layouts decide where each kind goes."""

    kind: Literal["trend", "bars", "share", "progress"] = Field(
        description="trend (a line over years), bars, share (a donut: values[0] % of whole), "
                    "progress (values[0] of target)")
    title: Heading = Field(description="e.g. 地区生产总值（亿元）")
    unit: Text(limits.CHART_UNIT, min_length=0) = Field("", description="unit of the values, e.g. 亿元")
    labels: Items(Text(limits.CHART_LABEL), limits.CHART_POINTS) = Field(
        [], description="one label per value (or give years)")
    years: Items(Annotated[int, Field(ge=1949, le=2100)], limits.CHART_POINTS) = Field(
        [], description="one year per value, e.g. [2019, 2020, 2021]")
    values: Items(ChartValue, limits.CHART_POINTS, min_length=1)
    whole: Text(limits.HEADING, min_length=0) = Field("", description="share: what the value is a share of")
    target: ChartValue | None = Field(None, description="progress: the target the value goes toward")
    note: Text(limits.SENTENCE, min_length=0) = Field("", description="source or note printed under the chart")

    @field_validator("years")
    @classmethod
    def _years_rise(cls, years: list[int]) -> list[int]:
        if any(b <= a for a, b in zip(years, years[1:])):
            raise ValueError("years must rise (2020, 2021, 2022 …)")
        return years

    @model_validator(mode="after")
    def _fits_its_kind(self) -> ChartData:
        count = len(self.values)
        if self.labels and self.years:
            raise ValueError("give labels or years, not both")
        named = len(self.labels or self.years)
        if self.kind in ("trend", "bars"):
            if named != count:
                raise ValueError(f"{count} values and {named} labels/years: give one label or year per value")
            if count < 2:
                raise ValueError(f"a {self.kind} chart needs at least 2 values")
        elif count != 1:
            raise ValueError(f"a {self.kind} chart has exactly one value, got {count}")
        if self.kind == "share" and not 0 < self.values[0] <= 100:
            raise ValueError(f"a share is a percentage above 0 and at most 100, got {self.values[0]:g}")
        if self.kind == "share" and not self.whole:
            raise ValueError("a share needs whole: what the value is a share of")
        if self.kind == "progress" and (self.target is None or self.target <= 0 or self.values[0] < 0):
            raise ValueError("a progress chart needs a target above 0 and a value of at least 0")
        return self

    @property
    def point_labels(self) -> list[str]:
        return self.labels or [f"{year}" for year in self.years]


class Report(Strict):
    """A 数读 feature: a government work report read through its numbers."""

    _locator: Locator | None = PrivateAttr(default=None)

    meta: Meta
    lead: Items(Paragraph, limits.LEAD) = Field(default=[], description="lead paragraphs")
    review: Review | None = None
    groups: Items(Group, limits.GROUPS) = []
    targets: Targets | None = None
    chapters: Items(Chapter, limits.CHAPTERS) = []
    notes: Items(Paragraph, limits.NOTES) = Field(
        default=[], description="paragraphs whose structure the importer did not recognise"
    )
    charts: Items(ChartData, limits.CHARTS) = Field(
        default=[], description="explicit charts: series (trend, bars), shares and progress figures"
    )

    @field_validator("chapters")
    @classmethod
    def _chapters_numbered_in_order(cls, chapters: list[Chapter]) -> list[Chapter]:
        for expected, chapter in enumerate(chapters, start=1):
            if chapter.number != expected:
                raise ValueError(f"chapter {chapter.number} should be numbered {expected}")
        return chapters

    @model_validator(mode="after")
    def _within_report_size(self) -> Report:
        total = sum(map(len, self.all_text()))
        if total > limits.REPORT_CHARACTERS:
            raise ValueError(f"the report holds {total} characters of text, "
                             f"at most {limits.REPORT_CHARACTERS}")
        return self

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
        return [text for _, text in self.texts()]

    def texts(self) -> list[tuple[tuple, str]]:
        """``(loc, text)`` for every string a reader sees; ``loc`` is its field's path
        as pydantic writes it, ``('review', 'kpis', 0, 'label')``."""
        return list(_strings(self.model_dump(mode="json"), ()))

    def __eq__(self, other: object) -> bool:
        """Equal data, wherever it was loaded from (the locator does not count)."""
        if not isinstance(other, Report):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def locate(self, loc: tuple, char: str = "") -> Location | None:
        """Where the field at ``loc`` (and in it ``char``) sits in the file it came from."""
        return self._locator(loc, char) if self._locator else None

    def located_by(self, locator: Locator) -> Report:
        """This report, with the ``locator`` of the file it was loaded from."""
        self._locator = locator
        return self


def _strings(value: Any, loc: tuple):
    if isinstance(value, str):
        yield loc, plain_text(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in NOT_TEXT:
                yield from _strings(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*loc, index))


def field_path(loc: tuple) -> str:
    """``('review', 'kpis', 2, 'figure')`` → ``review.kpis[2].figure``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


__all__ = [
    "KPI", "ChartData", "Chapter", "Credit", "Figure", "Group", "Indicator", "Meta", "Report", "Review",
    "Section", "Targets", "field_path", "indicator_key", "segments",
]
