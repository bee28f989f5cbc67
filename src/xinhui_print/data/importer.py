"""Import a 数读 article in plain text → (:class:`Report`, diagnostics).

The article form (see ``shared/seed/shudu-xinhui-2023.txt``)::

    TITLE                                   乘势而上加速奔跑 开局之年再上台阶
    KICKER                                  数读2023年新会区政府工作报告
    LEAD                                    2月20日,新会区……
    BYLINE                                  江门日报记者 任晓盈
    YYYY年工作回顾                          then ``- `` KPI / ranking / pledge bullets,
    GROUP TITLE + space + DECK              then ``- `` fact bullets, repeated
    YYYY年工作展望                          then an intro line ending in ``:`` and target bullets
    N CHAPTER TITLE                         ``● `` sections with ``1. `` items

Lines are read one by one (:func:`classify`), fed to a small state machine
(:class:`_Builder`), and the draft is validated into a Report.  Lines the
importer does not understand are kept as ``notes`` with a warning naming the
line; continuation lines are joined to the item above (an ``info`` diagnostic).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import Any

from pydantic import ValidationError

from ..errors import DataError, Diagnostic, Location
from ..model import Figure, Indicator, Report, field_path, parse_figure, plain_text
from ..model.figures import PREFIX_QUALIFIERS
from ..text.punctuation import normalize_punctuation
from ..text.widths import half_width_figures
from .loader import normalise_newlines, schema_message, text_location

# Traditional forms are accepted in structural words (数讀, 回顧, 報告, 記者).
_SHUDU = "[数數][读讀]"
_REPORT = "政府工作[报報]告"
REVIEW_RE = re.compile(r"^(?P<year>\d{4})\s*年\s*工作回[顾顧]$")
OUTLOOK_RE = re.compile(r"^(?P<year>\d{4})\s*年\s*工作展望$")
CHAPTER_RE = re.compile(r"^(?P<number>\d{1,2})\s+(?P<body>\S.*)$")
SECTION_RE = re.compile(r"^●\s*(?P<body>\S.*)$")
ITEM_RE = re.compile(r"^(?P<number>\d{1,3})(?:\.\s+|[．、]\s*)(?P<body>\S.*)$")
BULLET_RE = re.compile(r"^[-•]\s+(?P<body>\S.*)$")
HEADING_MARKS_RE = re.compile(r"^#{1,6}\s+")

KICKER_RE = re.compile(rf"^{_SHUDU}\s*(?P<year>\d{{4}})\s*年(?P<place>.+?){_REPORT}$")
PLACE_RE = re.compile(rf"(?P<year>\d{{4}})\s*年(?P<place>[\u4e00-\u9fff]{{2,10}}?){_REPORT}")
BYLINE_RE = re.compile(r"^(?P<org>\S*?)(?:记者|記者|通讯员|通訊員)\s*(?P<name>\S.{0,20})$")
DATE_RE = re.compile(r"(?P<month>\d{1,2})月(?P<day>\d{1,2})日")
YEAR_RE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)(?!\d)")
SENTENCE_END = ("。", "！", "？", "…", "”", ".", "!", "?")
TITLE_MAX = 40

RANKING_RE = re.compile(r"排名|排第|位居|[跃躍]居|位列|第\**\d+\**位")
PLEDGE_RE = re.compile(r"全面完成|全部完成|如期完成|[兑兌][现現]")
BOLD_RE = re.compile(r"\*\*(?P<inner>[^*]+)\*\*")
TRAILING_FIGURE_RE = re.compile(
    r"^(?P<head>.*?)(?:\*\*(?P<bold>[^*]+)\*\*|(?P<bare>\d+(?:\.\d+)?\D{0,6}))$"
)
VERBS = ("增长", "下降", "增加", "减少", "提高", "提升", "降低", "回落", "达到", "达", "为",
         "突破", "超过", "完成", "实现", "占",
         "增長", "減少", "達到", "達", "為", "超過", "實現", "佔")  # traditional forms
_HEAD_RE = re.compile(
    rf"^(?P<label>[^*]+?)(?P<qualifier>{'|'.join(PREFIX_QUALIFIERS)})?(?P<verb>{'|'.join(VERBS)})?$"
)

# Common characters that exist only in traditional Chinese (a hint, not a converter).
TRADITIONAL = frozenset(
    "會區報讀數經濟發長開門關國們個這為與學實項場時電車縣鄉鎮產業設達總額預計劃資貿進點際園圖書館體質環護"
)
UNKNOWN = "未注明"
NO_BULLET = "looks like a figure without a '- ' bullet; kept as a paragraph"


def _note(line: int, message: str, text: str = "", severity: str = "warning") -> Diagnostic:
    """Something the importer noticed about article line ``line`` (0: the whole article).

    "warning": kept as a paragraph or guessed; "info": joined.
    """
    return Diagnostic(severity, "import", message, Location(None, line or None), excerpt=text)


@dataclass(frozen=True)
class Line:
    """One non-blank article line: its kind, 1-based number and cleaned-up body."""

    number: int
    kind: str  # review | outlook | chapter | section | item | bullet | plain
    body: str
    raw: str
    index: int | None = None  # chapter / item number, or the heading year


def classify(number: int, raw: str) -> Line:
    """One stripped line → a :class:`Line` (punctuation normalised in the body)."""
    text = HEADING_MARKS_RE.sub("", raw.strip())
    for kind, pattern in (("review", REVIEW_RE), ("outlook", OUTLOOK_RE)):
        if match := pattern.match(text):
            return Line(number, kind, text, raw, int(match["year"]))
    for kind, pattern in (("section", SECTION_RE), ("bullet", BULLET_RE)):
        if match := pattern.match(text):
            return Line(number, kind, clean(match["body"]), raw)
    for kind, pattern in (("item", ITEM_RE), ("chapter", CHAPTER_RE)):
        if match := pattern.match(text):
            return Line(number, kind, clean(match["body"]), raw, int(match["number"]))
    return Line(number, "plain", clean(text), raw)


def clean(text: str) -> str:
    """Full-width punctuation inside Chinese, half-width figures, no stray spaces at the ends."""
    return normalize_punctuation(half_width_figures(text.strip())).strip()


def read_lines(text: str) -> list[Line]:
    """Article text → classified non-blank lines."""
    lines = normalise_newlines(text).split("\n")
    return [classify(n, raw) for n, raw in enumerate(lines, start=1) if raw.strip()]


# -- review and target bullets ---------------------------------------------------


def parse_indicator(text: str) -> Indicator | None:
    """``地区生产总值同比增长**4%**`` → Indicator(label, verb, figure 同比4%); else None.

    The result must print back exactly as the article wrote it (``indicator.text``);
    a sentence that does not is not an indicator.
    """
    match = TRAILING_FIGURE_RE.match(text)
    if not match or not match["head"]:
        return None
    try:
        figure = parse_figure(match["bold"] or match["bare"])
    except ValueError:
        return None
    for candidate in _indicator_candidates(match["head"], figure):
        if candidate.text == plain_text(text):
            return candidate
    return None


def _indicator_candidates(head: str, figure: Figure):
    parts = _HEAD_RE.match(head)
    if parts:
        label, qualifier, verb = parts["label"], parts["qualifier"] or "", parts["verb"] or ""
        if qualifier and not figure.qualifier:
            yield from _indicator(label, verb, _with_qualifier(figure, qualifier))
        yield from _indicator(label + qualifier, verb, figure)
    yield from _indicator(head, "", figure)


def _indicator(label: str, verb: str, figure: Figure):
    """The indicator, when its parts fit the model (a label too long for it is no indicator)."""
    try:
        yield Indicator(label=label, verb=verb, figure=figure)
    except ValidationError:
        return


def _with_qualifier(figure: Figure, qualifier: str) -> Figure:
    return Figure(figure.value, figure.unit, qualifier, figure.digits)


def target_item(text: str) -> dict:
    """A target bullet: an indicator with a figure when it has one, else the sentence
    (a draft, validated with the whole report)."""
    indicator = parse_indicator(text)
    return dict(indicator) if indicator else {"label": text}


def review_kind(text: str) -> str:
    """Which list a review bullet belongs to: kpis, rankings, pledges or '' (unknown)."""
    if RANKING_RE.search(text):
        return "rankings"
    if parse_indicator(text):
        return "kpis"
    bold = [m["inner"] for m in BOLD_RE.finditer(text)]
    if PLEDGE_RE.search(text) or any(not _is_figure(inner) for inner in bold):
        return "pledges"
    return ""


def _is_figure(text: str) -> bool:
    try:
        parse_figure(text)
    except ValueError:
        return False
    return True


# -- the state machine ------------------------------------------------------------


@dataclass
class _Item:
    """The last numbered item: where continuation lines go."""

    items: list[str]
    index: int

    def ends_sentence(self) -> bool:
        return self.items[self.index].endswith(("。", "！", "？"))

    def join(self, text: str) -> None:
        before = self.items[self.index]
        gap = " " if before[-1:].isascii() and before[-1:].isalnum() and text[:1].isascii() else ""
        self.items[self.index] = before + gap + text


@dataclass
class _Builder:
    """Collects the article's parts line by line."""

    preamble: list[Line] = field(default_factory=list)
    review: dict | None = None
    review_line: int = 0
    groups: list[dict] = field(default_factory=list)
    targets: dict | None = None
    targets_line: int = 0
    chapters: list[dict] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    part: str = "preamble"
    last_item: _Item | None = None

    def feed(self, line: Line) -> None:
        handler = getattr(self, f"_on_{line.kind}")
        if line.kind not in ("plain", "bullet"):
            self.last_item = None
        handler(line)

    def keep_as_note(self, line: Line, why: str = "kept as a paragraph") -> None:
        text = line.raw.strip() if line.kind != "plain" else line.body
        self.notes.append((line.number, clean(text)))
        self.diagnostics.append(_note(line.number, why, clean(text)))

    def info(self, line: Line, message: str) -> None:
        self.diagnostics.append(_note(line.number, message, line.body, "info"))

    # headings

    def _on_review(self, line: Line) -> None:
        if self.review is not None:
            return self.keep_as_note(line, "second review heading kept as a paragraph")
        self.part, self.review_line = "review", line.number
        self.review = {"title": line.body, "kpis": [], "rankings": [], "pledges": []}

    def _on_outlook(self, line: Line) -> None:
        if self.targets is not None:
            return self.keep_as_note(line, "second outlook heading kept as a paragraph")
        self.part, self.targets_line = "outlook", line.number
        self.targets = {"title": line.body, "intro": "", "items": []}

    def _on_chapter(self, line: Line) -> None:
        expected = len(self.chapters) + 1
        if line.index != expected:
            why = f"chapter numbered {line.index}, expected {expected}; kept as a paragraph"
            return self.keep_as_note(line, why)
        self.part = "chapters"
        self.chapters.append(
            {"number": line.index, "title": line.body, "sections": [], "line": line.number})

    def _on_section(self, line: Line) -> None:
        if self.part != "chapters":
            return self.keep_as_note(line, "● section outside a chapter kept as a paragraph")
        self.chapters[-1]["sections"].append({"title": line.body, "items": []})

    def _on_item(self, line: Line) -> None:
        sections = self.chapters[-1]["sections"] if self.part == "chapters" else []
        if not sections:
            return self.keep_as_note(line, "numbered item outside a ● section kept as a paragraph")
        items = sections[-1]["items"]
        if line.index != len(items) + 1:
            self.diagnostics.append(_note(
                line.number, f"item numbered {line.index}, expected {len(items) + 1}", line.body))
        items.append(line.body)
        self.last_item = _Item(items, len(items) - 1)

    # bullets and paragraphs

    def _on_bullet(self, line: Line) -> None:
        if self.last_item is not None:
            self.last_item.join(line.body)
            return self.info(line, "bullet joined to the item above")
        if self.part == "review":
            return self._review_bullet(line)
        if self.part == "outlook":
            return self.targets["items"].append(target_item(line.body))
        self.keep_as_note(line, "bullet outside a list kept as a paragraph")

    def _review_bullet(self, line: Line) -> None:
        if self.groups:
            return self.groups[-1]["facts"].append(line.body)
        kind = review_kind(line.body)
        if not kind:
            why = "review bullet is not a KPI, ranking or pledge; kept as a paragraph"
            return self.keep_as_note(line, why)
        value = dict(parse_indicator(line.body)) if kind == "kpis" else line.body
        self.review[kind].append(value)

    def _on_plain(self, line: Line) -> None:
        if self.last_item is not None and not self.last_item.ends_sentence():
            self.last_item.join(line.body)
            return self.info(line, "line joined to the item above")
        self.last_item = None
        if self.part == "preamble":
            return self.preamble.append(line)
        if self.part == "review":
            return self._group_heading(line)
        if self.part == "outlook" and self._targets_intro(line):
            return None
        self.keep_as_note(line, NO_BULLET if parse_indicator(line.body) else "kept as a paragraph")

    def _group_heading(self, line: Line) -> None:
        if _is_paragraph(line.body):
            return self.keep_as_note(line)
        if parse_indicator(line.body):
            return self.keep_as_note(line, NO_BULLET)
        title, _, deck = re.sub(r"\s+", " ", line.body).partition(" ")
        self.groups.append({"title": title, "deck": deck.strip(), "facts": [], "line": line.number})

    def _targets_intro(self, line: Line) -> bool:
        targets = self.targets
        if targets["intro"] or targets["items"] or not line.body.endswith("："):
            return False
        targets["intro"] = line.body
        return True


# -- the article's head: title, kicker, lead, byline → meta ---------------------------


@dataclass
class _Head:
    title: str = ""
    kicker: str = ""
    byline: str = ""
    lead: list[str] = field(default_factory=list)


def split_preamble(builder: _Builder) -> _Head:
    """Sort the lines before the first heading into title, kicker, byline and lead."""
    head = _Head()
    for line in builder.preamble:
        body = line.body
        if not head.kicker and KICKER_RE.match(body.replace(" ", "")):
            head.kicker = body
        elif not head.byline and len(body) <= 30 and BYLINE_RE.match(body):
            head.byline = body
        elif _is_paragraph(body):
            head.lead.append(body)
        elif not head.title:
            head.title = body
        else:
            builder.keep_as_note(line, "extra heading line kept as a paragraph")
    return head


def _is_paragraph(text: str) -> bool:
    return display_width(text) > TITLE_MAX or text.endswith(SENTENCE_END)


def display_width(text: str) -> float:
    """Width in Chinese characters: Latin letters and digits count half."""
    return sum(0.5 if char.isascii() else 1 for char in text)


def derive_meta(head: _Head, builder: _Builder, report_id: str | None,
                source_name: str | None) -> dict:
    """Meta from the head lines: year, place, date, publisher, id, credits."""
    warn = builder.diagnostics.append
    kicker = KICKER_RE.match(head.kicker.replace(" ", "")) if head.kicker else None
    year = _year(kicker, builder, head, source_name)
    place, source = _place_and_source(head, kicker, year, warn)
    org, author = _byline_parts(head.byline)
    if not org:
        warn(_note(0, f"no byline like 江门日报记者 NAME; meta.publisher set to {UNKNOWN}"))
    kicker_text, title = _kicker_and_title(head, source, warn)
    meta = {
        "id": report_id or _report_id(source_name, year), "title": title, "kicker": kicker_text,
        "place": place, "year": year, "publisher": org or UNKNOWN, "author": author,
        "byline": head.byline, "date": _date(head, year, warn), "source": source,
    }
    if head.byline:
        meta["credits"] = [{"role": "文", "name": head.byline}]
    return meta


def _place_and_source(head: _Head, kicker: re.Match | None, year: int, warn) -> tuple[str, str]:
    """数读2023年新会区政府工作报告 → (新会区, 2023年新会区政府工作报告)."""
    if kicker:
        return kicker["place"], re.sub(f"^{_SHUDU}", "", head.kicker)
    if place := _place(head):
        return place, f"{year}年{place}政府工作报告"
    warn(_note(0, f"no place found (expected a kicker like 数读{year}年<地方>政府工作报告); "
                 f"meta.place set to {UNKNOWN}"))
    return UNKNOWN, f"{year}年政府工作报告"


def _kicker_and_title(head: _Head, source: str, warn) -> tuple[str, str]:
    kicker = head.kicker or f"数读{source}"
    if not head.kicker:
        warn(_note(0, f"no kicker line; meta.kicker set to {kicker}"))
    title = head.title or kicker
    if not head.title:
        warn(_note(0, f"no title line; meta.title set to {title}"))
    return kicker, title


def _year(kicker: re.Match | None, builder: _Builder, head: _Head, source_name: str | None) -> int:
    if kicker:
        return int(kicker["year"])
    if builder.targets:
        return int(builder.targets["title"][:4])
    if builder.review:
        return int(builder.review["title"][:4]) + 1
    for text in [head.title, *head.lead, *(n for _, n in builder.notes)]:
        if match := YEAR_RE.search(text):
            return int(match["year"])
    where = Location(source_name, builder.preamble[0].number, 1) if builder.preamble else None
    raise DataError("cannot tell the report's year (expected a kicker like 数读2023年<地方>政府工作报告 "
                    "or a heading like 2023年工作展望)", where or Location(source_name))


def _place(head: _Head) -> str:
    for text in [head.title, *head.lead]:
        if match := PLACE_RE.search(text):
            return match["place"]
    return ""


def _byline_parts(byline: str) -> tuple[str, str]:
    match = BYLINE_RE.match(byline) if byline else None
    return (match["org"], match["name"].strip()) if match else ("", "")


def _date(head: _Head, year: int, warn) -> dt.date:
    for text in head.lead:
        if match := DATE_RE.search(text):
            try:
                return dt.date(year, int(match["month"]), int(match["day"]))
            except ValueError:
                continue
    warn(_note(0, f"no date like 2月20日 in the lead; meta.date set to {year}-01-01"))
    return dt.date(year, 1, 1)


def _report_id(source_name: str | None, year: int) -> str:
    """``shudu-xinhui-2023.txt`` → ``xinhui-2023`` (数读 'shudu-' names the genre, not the report)."""
    stem = PurePath(source_name).stem if source_name else ""
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    slug = re.sub(r"^shudu-", "", slug)
    return slug if slug and slug != "shudu" else f"report-{year}"


# -- finishing: drafts → Report --------------------------------------------------------


def close_empty_parts(builder: _Builder) -> None:
    """Parts that ended up without content become notes (the schema needs content)."""
    review = builder.review
    if review is not None and not review["kpis"]:
        _demote(builder, builder.review_line, review["title"], "review without KPI bullets")
        for text in review["rankings"] + review["pledges"]:
            builder.notes.append((builder.review_line, text))
        builder.review = None
    for group in [g for g in builder.groups if not g["facts"]]:
        heading = f"{group['title']} {group['deck']}".strip()
        _demote(builder, group["line"], heading, "heading without bullets")
        builder.groups.remove(group)
    targets = builder.targets
    if targets is not None and not targets["items"]:
        _demote(builder, builder.targets_line, targets["title"], "outlook without target bullets")
        if targets["intro"]:
            builder.notes.append((builder.targets_line, targets["intro"]))
        builder.targets = None
    _close_empty_chapters(builder)


def _close_empty_chapters(builder: _Builder) -> None:
    kept = []
    for chapter in builder.chapters:
        if chapter["sections"] and len(kept) + 1 == chapter["number"]:
            kept.append(chapter)
        else:
            why = "chapter out of sequence" if chapter["sections"] else "chapter without ● sections"
            _demote(builder, chapter["line"], f"{chapter['number']} {chapter['title']}", why)
            for section in chapter["sections"]:
                texts = [section["title"], *section["items"]]
                builder.notes.extend((chapter["line"], text) for text in texts)
    builder.chapters = kept


def _demote(builder: _Builder, line: int, text: str, why: str) -> None:
    builder.notes.append((line, text))
    builder.diagnostics.append(_note(line, f"{why}; kept as a paragraph", text))


def _strip_lines(items: list[dict]) -> list[dict]:
    return [{k: v for k, v in item.items() if k != "line"} for item in items]


def build_report(builder: _Builder, report_id: str | None, source_name: str | None,
                 locator: ArticleLocator) -> Report:
    head = split_preamble(builder)
    close_empty_parts(builder)
    data: dict[str, Any] = {
        "meta": derive_meta(head, builder, report_id, source_name),
        "lead": head.lead,
        "review": builder.review,
        "groups": _strip_lines(builder.groups),
        "targets": builder.targets,
        "chapters": _strip_lines(builder.chapters),
        "notes": [text for _, text in sorted(builder.notes, key=lambda note: note[0])],
    }
    try:
        report = Report.model_validate(data)
    except ValidationError as error:  # a field past its limit, most often
        first = error.errors(include_url=False)[0]
        more = f" (+{error.error_count() - 1} more)" if error.error_count() > 1 else ""
        where = replace(locator.of_value(first["input"]), field=field_path(first["loc"]))
        raise DataError(f"{schema_message(first)}{more}", where) from None
    return report.located_by(locator)


@dataclass(frozen=True)
class ArticleLocator:
    """Where a report field (and a character in it) sits in the article it was imported from."""

    path: str | None
    text: str

    def __call__(self, loc: tuple, char: str = "") -> Location:
        index = self.text.find(char) if char else -1
        return text_location(self.path, self.text, index) if index >= 0 else Location(self.path)

    def of_value(self, value: Any) -> Location:
        """The first line that shows ``value`` (its first text when it is a list or mapping)."""
        needle = _first_text(value)[:12]
        for number, raw in enumerate(self.text.split("\n"), start=1):
            if needle and needle in clean(raw):
                column = raw.find(needle) + 1 or len(raw) - len(raw.lstrip()) + 1
                return Location(self.path, number, column)
        return Location(self.path)


def _first_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return next((text for item in items if (text := _first_text(item))), "")


def import_article(text: str, source_name: str | None = None,
                   report_id: str | None = None) -> tuple[Report, list[Diagnostic]]:
    """Article text → (Report, diagnostics sorted by line, located in ``source_name``).

    ``source_name`` (the article's file name) locates errors and gives the report
    id unless ``report_id`` is passed.  A text with nothing usable is a DataError.
    """
    lines = read_lines(text)
    if not any(re.search(r"\w", line.body) for line in lines):
        raise DataError("no text found in the article (it is empty)", Location(source_name))
    builder = _Builder()
    for line in lines:
        builder.feed(line)
    report = build_report(builder, report_id, source_name,
                          ArticleLocator(source_name, normalise_newlines(text)))
    _check_language(lines, builder)
    _check_traditional(lines, builder)
    by_line = sorted(builder.diagnostics, key=lambda d: d.location.line or 0)
    return report, [diagnostic.in_file(source_name) for diagnostic in by_line]


def _check_language(lines: list[Line], builder: _Builder) -> None:
    if not any(re.search(r"[\u4e00-\u9fff]", line.body) for line in lines):
        message = "no Chinese text found: layouts expect a Chinese article"
        builder.diagnostics.append(_note(0, message))


def _check_traditional(lines: list[Line], builder: _Builder) -> None:
    """Traditional characters are kept as written; say so once, at the first such line."""
    for line in lines:
        found = sorted({char for char in line.body if char in TRADITIONAL}, key=line.body.index)
        if found:
            message = f"traditional characters kept as written ({'、'.join(found[:5])}…)"
            builder.diagnostics.append(_note(line.number, message, line.body))
            return
