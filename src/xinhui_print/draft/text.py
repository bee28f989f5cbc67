"""Source lines → paragraphs → sentences → clauses, every piece remembering its source line.

Normalisation is narrow and never touches a figure's digits: full-width digits
and ``％`` become ASCII, zero-width and no-break spaces go.  A line continues the
paragraph above when that paragraph has not ended (no closing punctuation) and
the line does not open a new one (``——``, ``（一）``, ``一、``, ``一是``, ``各位代表``):
this joins Wikisource's split lines (``PM`` / ``2.5`` / ``）``), PDF line wraps and
paragraphs broken by zero-width-space lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .read import SourceLine

_TRANSLATE = str.maketrans({
    **{chr(0xFF10 + digit): str(digit) for digit in range(10)},
    "％": "%", "\u200b": "", "\ufeff": "", "\u2060": "", "\u00a0": " ",
})
_DECIMAL_POINT = re.compile(r"(?<=\d)[．·](?=\d)")

CN_DIGITS = "一二三四五六七八九十"
PART_HEADING = re.compile(rf"^[{CN_DIGITS}]+、\s*(?P<title>[^。]{{2,50}})$")
_OPENS_PARAGRAPH = re.compile(
    rf"^(——|[（(][{CN_DIGITS}]+[）)]|[{CN_DIGITS}]+、|[{CN_DIGITS}]+是|各位代表|\d+[.．、](?!\d)|（\d+）)"
)
_SECTION_HEADING = re.compile(rf"^([（(][{CN_DIGITS}]+[）)]|[{CN_DIGITS}]+是).{{2,60}}$")
_SUBTITLE_LIKE = re.compile(r"^(——)?\s*\d{4}年\d{1,2}月\d{1,2}日在.{0,40}上$")
_CLOSES_PARAGRAPH = re.compile(r"[。！？：；…][”’）」』]?$")


def normalise(text: str) -> str:
    """Full-width digits and ％ → ASCII, invisible characters removed, ends trimmed."""
    text = _DECIMAL_POINT.sub(".", text.translate(_TRANSLATE))
    return text.strip(" \t\u3000")


@dataclass
class Paragraph:
    """A paragraph of the report and the source line each of its characters came from."""

    text: str
    starts: list[tuple[int, SourceLine]]  # (offset in text, source line starting there)

    def line_at(self, offset: int) -> SourceLine:
        line = self.starts[0][1]
        for start, source in self.starts:
            if start > offset:
                break
            line = source
        return line

    @property
    def line(self) -> SourceLine:
        return self.starts[0][1]


def paragraphs(lines: list[SourceLine]) -> list[Paragraph]:
    """Join source lines into the report's paragraphs."""
    result: list[Paragraph] = []
    open_paragraph: Paragraph | None = None
    for line in lines:
        raw = line.text
        text = normalise(raw)
        if not text:
            if raw.strip(" \t\u3000"):
                continue  # invisible characters only: a soft break inside a paragraph
            open_paragraph = None  # a blank line ends the paragraph
            continue
        joins = line.joins if line.joins is not None else (
            open_paragraph is not None and _continues(open_paragraph.text, text))
        if open_paragraph is not None and joins:
            open_paragraph.starts.append((len(open_paragraph.text), line))
            open_paragraph.text += text
            continue
        open_paragraph = Paragraph(text, [(0, line)])
        result.append(open_paragraph)
    return result


def _continues(previous: str, line: str) -> bool:
    if _CLOSES_PARAGRAPH.search(previous) or _OPENS_PARAGRAPH.match(line):
        return False
    if PART_HEADING.match(previous) or _SUBTITLE_LIKE.match(previous) or _SECTION_HEADING.match(previous):
        return False
    return True


@dataclass(frozen=True)
class Span:
    """A piece of a paragraph: its text and where it starts."""

    paragraph: Paragraph
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.paragraph.text[self.start : self.end]

    @property
    def line(self) -> SourceLine:
        return self.paragraph.line_at(self.start)

    def sub(self, start: int, end: int) -> Span:
        """The span of ``text[start:end]``."""
        return Span(self.paragraph, self.start + start, self.start + end)


_SENTENCE_END = re.compile(r"[。！？；][”’」』）]*")
_CLAUSE_END = re.compile(r"[，：]|,(?!\d)|(?<!\d):")


def sentences(span: Span) -> list[Span]:
    """Split at 。！？； (closing quotes stay with their sentence); empty pieces dropped."""
    return _split(span, _SENTENCE_END)


def clauses(span: Span) -> list[Span]:
    """Split a sentence at ，and ：(a comma between digits, ``1,269``, is not a clause break)."""
    return _split(span, _CLAUSE_END)


def _split(span: Span, pattern: re.Pattern[str]) -> list[Span]:
    text = span.text
    pieces, position = [], 0
    for match in pattern.finditer(text):
        if match.end() > position:
            pieces.append(span.sub(position, match.end()))
        position = match.end()
    if position < len(text):
        pieces.append(span.sub(position, len(text)))
    return [piece for piece in pieces if piece.text.strip("。！？；，,：: ")]


def whole(paragraph: Paragraph, start: int = 0) -> Span:
    return Span(paragraph, start, len(paragraph.text))


def strip_end(text: str) -> str:
    """Text without closing sentence punctuation (facts and items are printed without it)."""
    return re.sub(r"[。！？；，,：:]+$", "", text.strip())
