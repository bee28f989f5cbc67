"""Read a full report: ``.txt``, ``.docx``, ``.pdf`` (text layer) or ``.html`` → source lines.

Every reader returns :class:`SourceLine` objects that remember where the text
stood (the file's line, the Word paragraph, the PDF page and line) so that each
drafted item can name its source.  A file that cannot be read is an
:class:`~xinhui_print.errors.InputError` with a location: one line, exit 2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ..data.loader import read_text
from ..errors import InputError, Location

SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")


@dataclass(frozen=True)
class SourceLine:
    """One line of the source as read: its text and where it stands."""

    text: str
    number: int  # 1-based: file line (.txt, .html), paragraph (.docx), line on the page (.pdf)
    page: int | None = None  # 1-based PDF page
    mark: str = "L"  # "L" a line, "¶" a Word paragraph
    joins: bool | None = None  # True: continues the paragraph above (a PDF line wrap), False: opens one

    @property
    def where(self) -> str:
        """``L35`` (a line), ``¶35`` (a Word paragraph) or ``p3 L12`` (a PDF page and line)."""
        return f"p{self.page} {self.mark}{self.number}" if self.page is not None else f"{self.mark}{self.number}"


def read_source(path: str | Path) -> list[SourceLine]:
    """The lines of a report file, by its suffix; unknown or unreadable input raises InputError."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"cannot draft from {suffix or 'a file without a suffix'} "
                         f"(use .txt, .docx, .pdf or .html)", Location(path))
    if not path.is_file():
        what = "a directory" if path.is_dir() else "not found"
        raise InputError(f"file {what}: {path}", Location(path))
    reader = {".txt": _read_txt, ".docx": _read_docx, ".pdf": _read_pdf}.get(suffix, _read_html)
    lines = reader(path)
    if not any(line.text.strip() for line in lines):
        raise InputError("no text found (an empty file, or a PDF without a text layer?)", Location(path))
    return lines


def _read_txt(path: Path) -> list[SourceLine]:
    text = read_text(path)
    return [SourceLine(line, number) for number, line in enumerate(text.split("\n"), start=1)]


def _read_docx(path: Path) -> list[SourceLine]:
    import docx  # python-docx

    try:
        paragraphs = [paragraph.text for paragraph in docx.Document(str(path)).paragraphs]
    except Exception as error:  # noqa: BLE001 — zip, XML and package errors of a third-party parser
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(f"not a readable Word file ({reason})", Location(path)) from None
    return [SourceLine(text, number, mark="¶") for number, text in enumerate(paragraphs, start=1)]


def _read_pdf(path: Path) -> list[SourceLine]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        raise InputError(f"not a readable PDF ({error})", Location(path)) from None
    lines: list[SourceLine] = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            lines.extend(_pdf_page_lines(textpage, index + 1))
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return lines


_PDF_LINE = re.compile(r"[^\r\n]*")


def _pdf_page_lines(textpage, page: int) -> list[SourceLine]:
    """A page's lines; a line indented past the left margin opens a paragraph, the others continue one.

    Chinese paragraphs open with a two-character indent (or stand centred, as titles do), so
    the indent tells a wrapped line from a new paragraph even when the wrap falls after 。.
    """
    text = textpage.get_text_range()
    starts = [(m.start(), m.group(0)) for m in _PDF_LINE.finditer(text) if m.group(0) or m.start() == 0]
    geometry = len(text) == textpage.count_chars()
    lefts: list[float | None] = []
    heights: list[float] = []
    for start, line in starts:
        visible = len(line) - len(line.lstrip())
        if not geometry or not line.strip():
            lefts.append(None)
            continue
        left, bottom, _, top = textpage.get_charbox(start + visible)
        lefts.append(left)
        heights.append(top - bottom)
    known = [left for left in lefts if left is not None]
    margin = min(known) if known else 0.0
    em = sorted(heights)[len(heights) // 2] if heights else 0.0
    result = []
    for number, ((_, line), left) in enumerate(zip(starts, lefts), start=1):
        joins = None if left is None or em <= 0 else left - margin < 0.6 * em
        result.append(SourceLine(line, number, page, joins=joins))
    return result


def _read_html(path: Path) -> list[SourceLine]:
    raw = path.read_bytes()
    text = _decode_html(raw, path)
    parser = _BlockParser()
    parser.feed(text)
    parser.close()
    return parser.main_text()


def _decode_html(raw: bytes, path: Path) -> str:
    declared = re.search(rb"""charset=["']?([A-Za-z0-9_-]+)""", raw[:4096])
    encodings = [declared.group(1).decode("ascii").lower()] if declared else []
    for encoding in [*encodings, "utf-8", "gb18030"]:
        try:
            return raw.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError("not a readable HTML page (neither its declared charset, UTF-8 nor GB18030)",
                     Location(path))


# --- HTML: the main text, not the menus -------------------------------------------------

_SKIPPED = {"script", "style", "nav", "header", "footer", "aside", "form", "select", "button",
            "noscript", "iframe", "svg", "template", "head"}
_BLOCKS = {"p", "div", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
           "main", "body", "blockquote", "pre", "dd", "dt", "ul", "ol", "table", "tr", "center", "font"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "wbr", "col", "area", "base", "source"}
_SENTENCE_MARK = re.compile(r"[。，；：！？]")
_MAX_DEPTH = 64  # enclosing blocks remembered per text run: a hostile page may nest thousands


@dataclass
class _Block:
    """A run of text inside one block element, with its ancestors' ids."""

    ancestors: tuple[int, ...]
    line: int
    tag: str
    parts: list[str]
    link_chars: int = 0

    @property
    def text(self) -> str:
        return "".join(self.parts)


class _BlockParser(HTMLParser):
    """Collects text blocks with the chain of block elements that hold them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, int]] = []  # (tag, element id)
        self.open_blocks: list[tuple[str, int]] = []  # the block elements of the stack
        self.open_tags: dict[str, int] = {}  # how many of each tag are open
        self.skip_depth = 0
        self.link_depth = 0
        self.blocks: list[_Block] = []
        self.current: _Block | None = None
        self.next_id = 0

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            if tag == "br":
                self._end_block()
            return
        self.open_tags[tag] = self.open_tags.get(tag, 0) + 1
        if self.skip_depth or tag in _SKIPPED or _is_menu(attrs):
            self.skip_depth += 1
            self.stack.append((tag, -1))
            return
        if tag == "a":
            self.link_depth += 1
        if tag in _BLOCKS:
            self._end_block()
        self.next_id += 1
        self.stack.append((tag, self.next_id))
        if tag in _BLOCKS:
            self.open_blocks.append((tag, self.next_id))

    def handle_endtag(self, tag):
        if tag in _VOID or not self.open_tags.get(tag):
            return  # a stray end tag closes nothing
        while self.stack:
            open_tag, element = self.stack.pop()
            self.open_tags[open_tag] -= 1
            if element == -1:
                self.skip_depth -= 1
            elif open_tag == "a":
                self.link_depth = max(0, self.link_depth - 1)
            if open_tag in _BLOCKS:
                self._end_block()
                if element != -1:
                    self.open_blocks.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.skip_depth or not data.strip():
            return
        if self.current is None:
            ancestors = tuple(element for _, element in self.open_blocks[-_MAX_DEPTH:])
            tag = self.open_blocks[-1][0] if self.open_blocks else "body"
            self.current = _Block(ancestors, self.getpos()[0], tag, [])
        text = re.sub(r"\s+", " ", data)
        self.current.parts.append(text)
        if self.link_depth:
            self.current.link_chars += len(text.strip())

    def _end_block(self):
        if self.current is not None and self.current.text.strip():
            self.blocks.append(self.current)
        self.current = None

    def close(self):
        super().close()
        self._end_block()

    def main_text(self) -> list[SourceLine]:
        """The blocks of the element holding most running text, headings before it kept."""
        weights = [_body_weight(block) for block in self.blocks]
        totals: dict[int, int] = {}
        for block, weight in zip(self.blocks, weights):
            for element in block.ancestors:
                totals[element] = totals.get(element, 0) + weight
        if not totals or max(totals.values()) == 0:
            chosen = self.blocks
        else:
            best = max(totals.values())
            # the deepest element that still holds nine tenths of the running text
            depth = {e: i for block in self.blocks for i, e in enumerate(block.ancestors)}
            container = max((e for e, t in totals.items() if t >= 0.9 * best), key=lambda e: depth[e])
            first = next(i for i, block in enumerate(self.blocks) if container in block.ancestors)
            headings = [b for b in self.blocks[:first] if b.tag in ("h1", "h2") and not b.link_chars]
            chosen = headings + [b for b in self.blocks if container in b.ancestors]
        return [SourceLine(block.text.strip(), block.line) for block in chosen]


def _is_menu(attrs) -> bool:
    values = " ".join(value or "" for name, value in attrs if name in ("class", "id", "role")).lower()
    return bool(re.search(r"\b(nav|navbar|menu|breadcrumb|footer|header|sidebar|banner|share)\b", values))


def _body_weight(block: _Block) -> int:
    """Characters of running prose (sentences, not links) in a block."""
    text = block.text
    if not _SENTENCE_MARK.search(text):
        return 0
    return max(0, len(text.strip()) - 2 * block.link_chars)
