"""The genre's shape: title, subtitle with the session date, speaker, parts, sections.

A government work report (national or local) reads: a title, a subtitle
``——YYYY年M月D日在…人民代表大会第…次会议上``, the speaker's office and name,
``各位代表：``, parts ``一、…工作回顾`` / ``二、…工作安排``, sections ``（一）…。`` whose
heading runs into the paragraph (or stands alone), ``一是…。`` sections, lead-in
items ``——经济发展再上新台阶。…`` and the main-targets sentence
``今年发展主要预期目标是：…；…。``.  The report's year is the session's year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..errors import InputError, Location
from .read import SourceLine
from .text import CN_DIGITS, PART_HEADING, Paragraph, Span, sentences, whole

_SUBTITLE = re.compile(r"^(?:——)?\s*(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日在(?P<congress>.+?)上")
_DATE = re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
_CONGRESS = re.compile(r"^(?P<place>.*?)第[一二三四五六七八九十百零]+届(?P<body>.*?)人民代表大会")
_LEAD_IN = re.compile(r"^——(?P<h>[^。！？]{2,60})[。！？]")
_HEADED = re.compile(rf"^[（(][{CN_DIGITS}]+[）)](?P<h>[^。]{{2,80}})(。|$)")
_NUMBERED = re.compile(rf"^[{CN_DIGITS}]+是(?P<h>[^。]{{2,80}})(。|$)")
_TARGETS = re.compile(r"(?P<intro>[^。；！？]*(?:主要预期目标|主要目标|预期目标)[^。；：:]{0,6})[：:](?P<body>[^。]+)。")

_OFFICE = re.compile(r"^(.*?(?:总理|省长|市长|区长|县长|州长|旗长|盟长|主席))(?=\S)")
_REVIEW_CUES = ("回顾", "成就", "过去")
_PLAN_CUES = ("任务", "工作安排", "重点工作", "展望", "建议", "部署")


@dataclass
class Section:
    """A section of a part: ``——`` lead-in, ``一是`` or ``（一）`` heading, with its body."""

    kind: str  # "lead-in" | "numbered" | "heading"
    title: str
    heading: Span
    body: list[Span] = field(default_factory=list)


@dataclass
class Part:
    number: int
    title: str
    kind: str  # "review" | "plan" | "mixed" | "other"
    paragraph: Paragraph
    intro: list[Span] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


@dataclass
class Targets:
    intro: str  # "今年发展主要预期目标是："
    items: list[Span]


@dataclass
class Structure:
    title: str
    title_line: SourceLine
    date: dt.date
    congress: str  # 第十三届全国人民代表大会第五次会议
    place: str  # 全国, 新会区
    speaker: str  # 国务院总理 李克强
    parts: list[Part]
    targets: Targets | None

    @property
    def year(self) -> int:
        return self.date.year

    def parts_of(self, *kinds: str) -> list[Part]:
        return [part for part in self.parts if part.kind in kinds]


def parse_structure(paragraphs: list[Paragraph], path, year: int | None = None,
                    date: dt.date | None = None) -> Structure:
    """Paragraphs → the report's structure; a report without a session date (and no ``--date``) is an error."""
    if not paragraphs:
        raise InputError("no paragraphs found", Location(path))
    subtitle_index, match = _find_subtitle(paragraphs)
    head = paragraphs[:subtitle_index] if subtitle_index is not None else paragraphs[:1]
    title = "".join(p.text for p in head[:2]).strip()
    congress = match["congress"] if match else ""
    session_date = date or (_date(match) if match else None) or _first_date(paragraphs, year)
    parts = _parts(paragraphs)
    if session_date is None:
        raise InputError(
            "no session date found (a subtitle ——YYYY年M月D日在…会议上 in the first lines); pass --date",
            Location(path, paragraphs[0].line.number),
        )
    if year is not None and year != session_date.year and date is None and match is not None:
        raise InputError(f"--year {year} contradicts the session date {session_date:%Y-%m-%d} in the subtitle",
                         Location(path, paragraphs[subtitle_index].line.number))
    return Structure(
        title=title, title_line=head[0].line if head else paragraphs[0].line, date=session_date, congress=congress, place=_place(title, congress),
        speaker=_speaker(paragraphs, subtitle_index), parts=parts, targets=_targets(paragraphs),
    )


def _find_subtitle(paragraphs: list[Paragraph]):
    for index, paragraph in enumerate(paragraphs[:15]):
        match = _SUBTITLE.match(paragraph.text)
        if match:
            return index, match
    return None, None


def _date(match: re.Match[str]) -> dt.date | None:
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def _first_date(paragraphs: list[Paragraph], year: int | None) -> dt.date | None:
    """A date in the first lines (the subtitle missing), of the given year when there is one."""
    for paragraph in paragraphs[:10]:
        for match in _DATE.finditer(paragraph.text):
            found = _date(match)
            if found and (year is None or found.year == year):
                return found
    return None


def _place(title: str, congress: str) -> str:
    """``新会区政府工作报告`` → 新会区; a bare title → the congress: 全国, 新会区 (江门市新会区…)."""
    place = re.sub(r"\d{4}年|政府工作报告|[\s　]", "", title)
    if place:
        return place
    match = _CONGRESS.match(congress)
    if not match:
        return ""
    # the place as the press names it: 江门市新会区 → 新会区 (the last unit below a province or city)
    return re.split(r"(?<=[省市])(?=.)", match["place"] or match["body"] or "")[-1]


def _speaker(paragraphs: list[Paragraph], subtitle_index: int | None) -> str:
    if subtitle_index is None:
        return ""
    words = []
    for paragraph in paragraphs[subtitle_index + 1 : subtitle_index + 4]:
        if paragraph.text.startswith("各位代表") or len(paragraph.text) > 30 or "。" in paragraph.text:
            break
        words.append(paragraph.text)
    speaker = re.sub(r"[\s　]+", "", "".join(words))
    return _OFFICE.sub(r"\1 ", speaker, count=1).strip()


def _part_kind(title: str) -> str:
    review = any(cue in title for cue in _REVIEW_CUES)
    plan = any(cue in title for cue in _PLAN_CUES)
    if review and plan:
        return "mixed"
    return "review" if review else "plan" if plan else "other"


def _parts(paragraphs: list[Paragraph]) -> list[Part]:
    parts: list[Part] = []
    section: Section | None = None
    for paragraph in paragraphs:
        heading = PART_HEADING.match(paragraph.text)
        if heading:
            parts.append(Part(len(parts) + 1, heading["title"].strip(), _part_kind(heading["title"]), paragraph))
            section = None
            continue
        if not parts:
            continue
        part = parts[-1]
        if paragraph.text.startswith("各位代表"):
            section = None
            continue
        section = _add_paragraph(part, section, paragraph)
    return parts


def _add_paragraph(part: Part, section: Section | None, paragraph: Paragraph) -> Section | None:
    """File one paragraph into its part; returns the section later paragraphs belong to."""
    text = paragraph.text
    for kind, pattern in (("lead-in", _LEAD_IN), ("heading", _HEADED), ("numbered", _NUMBERED)):
        match = pattern.match(text)
        if not match or (kind == "numbered" and section is not None and section.kind == "heading"):
            continue
        title = match["h"].strip()
        heading_end = match.end()
        new = Section(kind, title, Span(paragraph, 0, heading_end))
        if heading_end < len(text):
            new.body.append(whole(paragraph, heading_end))
        part.sections.append(new)
        return None if kind == "lead-in" else new
    if section is None:
        part.intro.append(whole(paragraph))
    else:
        section.body.append(whole(paragraph))
    return section


def _targets(paragraphs: list[Paragraph]) -> Targets | None:
    for paragraph in paragraphs:
        match = _TARGETS.search(paragraph.text)
        if match:
            intro = match["intro"].strip().lstrip("，")
            # the sentence may open mid-paragraph: keep only its own words
            intro = re.split(r"[。！？]", intro)[-1]
            body = Span(paragraph, match.start("body"), match.end("body"))
            return Targets(intro + "：", [item for item in sentences(body)])
    return None
