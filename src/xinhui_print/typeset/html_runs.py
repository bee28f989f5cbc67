"""Split an HTML string into inline runs whose text can be edited in place.

Input: an HTML string (a whole document or a fragment).  Output: a
:class:`Document` of tokens (tags kept byte for byte, text decoded) grouped into
:class:`Run` objects, one per stretch of inline content between block
boundaries (``p``, ``li``, ``td``, ``br``, …).  A run sees its text as one
string across inline tags (``<b>``, ``<a>``, ``<span>``) so that rules can look
across them; edits go back to the right text token, and wrapping a range in a
new element places the tags so that the markup stays balanced.

Text inside ``script``, ``style``, ``pre``, ``code``, ``svg``, ``math``,
``textarea`` and elements with ``data-typeset="off"`` is never touched.
``lang`` is inherited as in HTML; :attr:`TextToken.lang` is the language in
effect.  Unchanged text tokens are written back exactly as they came.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field


BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption dd details div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hr html li main nav "
    "ol p section summary table tbody td tfoot th thead tr ul img".split()
)
VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
OPAQUE_TAGS = frozenset("script style pre code kbd samp textarea svg math title".split())
RAW_TEXT_TAGS = frozenset("script style textarea title".split())

_TOKEN_RE = re.compile(
    r"<!--.*?-->|<![^>]*>|<\?[^>]*>"
    r"|</?[A-Za-z][^\s/>]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.S,
)
_ATTR_RE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")


@dataclass
class Tag:
    """A tag, comment or declaration, kept exactly as written."""

    raw: str
    name: str = ""  # lower-case element name, "" for comments and declarations
    kind: str = "other"  # "open", "close", "void" or "other"

    @property
    def is_balanced_marker(self) -> bool:
        """True for tags that open or close an element (affect nesting)."""
        return self.kind in ("open", "close")


@dataclass
class TextToken:
    """A stretch of character data, decoded; ``raw`` is its source form."""

    raw: str
    text: str
    lang: str = ""
    editable: bool = True
    changed: bool = False

    def serialize(self) -> str:
        if not self.changed:
            return self.raw
        return self.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


Token = Tag | TextToken


@dataclass
class Run:
    """The tokens of one block's inline content: ``document.tokens[start:end]``."""

    document: Document
    start: int
    end: int
    in_heading: bool = False  # in an ``h1``–``h6`` (bookmarks copy its text)

    def insert(self, index: int, tokens: list[Token]) -> None:
        """Insert tokens into this run at document index ``index`` (``start ≤ index ≤ end``)."""
        if not self.start <= index <= self.end:
            raise ValueError(f"index {index} outside the run [{self.start}, {self.end}]")
        self.document.tokens[index:index] = tokens
        self.end += len(tokens)

    @property
    def tokens(self) -> list[Token]:
        return self.document.tokens[self.start:self.end]

    @property
    def text(self) -> str:
        return "".join(t.text for t in self.tokens if isinstance(t, TextToken))

    def char_tokens(self) -> list[TextToken]:
        """The owning text token of each character of :attr:`text`."""
        owners: list[TextToken] = []
        for token in self.tokens:
            if isinstance(token, TextToken):
                owners += [token] * len(token.text)
        return owners


@dataclass
class Document:
    """Tokens of a whole HTML string plus the runs of inline content."""

    tokens: list[Token] = field(default_factory=list)
    #: (start, end) token index of each run, as parsed.
    run_bounds: list[tuple[int, int]] = field(default_factory=list)
    #: Per run: True when it sits in an ``h1``–``h6`` (bookmarks copy its text).
    run_in_heading: list[bool] = field(default_factory=list)

    def runs(self) -> Iterator[Run]:
        """The runs in document order, each where it is when it is reached.

        Edits stay inside the run being edited (:meth:`Run.insert`), and runs are apart
        (a block tag lies between two), so every later run has moved by exactly the
        tokens inserted so far: no bounds are shifted after each insertion."""
        parsed = len(self.tokens)
        for index, (start, end) in enumerate(self.run_bounds):
            moved = len(self.tokens) - parsed
            heading = index < len(self.run_in_heading) and self.run_in_heading[index]
            yield Run(self, start + moved, end + moved, heading)

    def serialize(self) -> str:
        return "".join(t.raw if isinstance(t, Tag) else t.serialize() for t in self.tokens)


def parse_tag(raw: str) -> Tag:
    """Classify a raw tag: name and whether it opens, closes or is void."""
    if raw.startswith(("<!", "<?")):
        return Tag(raw)
    closing = raw.startswith("</")
    name = re.match(r"</?([^\s/>]+)", raw).group(1).lower()
    if closing:
        return Tag(raw, name, "close")
    if name in VOID_TAGS or raw.endswith("/>"):
        return Tag(raw, name, "void")
    return Tag(raw, name, "open")


def tag_attributes(raw: str) -> dict[str, str]:
    """Attributes of a start tag, values unquoted and unescaped."""
    body = re.sub(r"^<[^\s/>]+|/?>$", "", raw)
    attrs = {}
    for name, value in _ATTR_RE.findall(body):
        attrs[name.lower()] = html.unescape(value.strip("\"'")) if value else ""
    return attrs


def tokenize(source: str) -> list[Token]:
    """Tags and decoded text in document order; raw-text elements stay raw."""
    tokens: list[Token] = []
    position = 0
    raw_until: str | None = None
    for match in _TOKEN_RE.finditer(source):
        if raw_until and not match.group(0).lower().startswith(raw_until):
            continue
        if match.start() > position:
            raw = source[position:match.start()]
            text = raw if raw_until else html.unescape(raw)
            tokens.append(TextToken(raw, text, editable=not raw_until))
        tag = parse_tag(match.group(0))
        tokens.append(tag)
        raw_until = f"</{tag.name}" if tag.kind == "open" and tag.name in RAW_TEXT_TAGS else None
        position = match.end()
    if position < len(source):
        tokens.append(TextToken(source[position:], html.unescape(source[position:])))
    return tokens


@dataclass
class _Element:
    name: str
    lang: str
    opaque: bool


HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())


def _annotate(tokens: list[Token]) -> list[tuple[int, int, bool]]:
    """Set each text token's language and editability; return the run bounds
    and whether each run sits in a heading (text that bookmarks may copy)."""
    stack = [_Element("#root", "", False)]
    bounds: list[tuple[int, int, bool]] = []
    run_start = 0
    for index, token in enumerate(tokens):
        if isinstance(token, TextToken):
            token.lang = stack[-1].lang
            token.editable = token.editable and not stack[-1].opaque
            continue
        if token.name in BLOCK_TAGS or token.name in OPAQUE_TAGS:
            bounds.append((run_start, index, any(e.name in HEADING_TAGS for e in stack)))
            run_start = index + 1
        if token.kind == "open":
            attrs = tag_attributes(token.raw)
            parent = stack[-1]
            opaque = (
                parent.opaque or token.name in OPAQUE_TAGS or attrs.get("data-typeset") == "off"
            )
            stack.append(_Element(token.name, attrs.get("lang", parent.lang), opaque))
        elif token.kind == "close":
            names = [element.name for element in stack]
            if token.name in names[1:]:
                del stack[len(names) - 1 - names[::-1].index(token.name):]
    bounds.append((run_start, len(tokens), any(e.name in HEADING_TAGS for e in stack)))
    return [(s, e, h) for s, e, h in bounds if e > s]


def parse(source: str) -> Document:
    """Tokenize ``source`` and group its inline content into runs."""
    tokens = tokenize(source)
    annotated = _annotate(tokens)
    return Document(tokens, [(s, e) for s, e, _ in annotated], [h for _, _, h in annotated])


# --- editing -----------------------------------------------------------------


def replace_text(run: Run, edits: list[tuple[int, int, str]]) -> None:
    """Apply sorted ``(start, end, new)`` edits given in run-text positions.

    An edit must lie inside one text token (edits that would cross a tag are
    skipped: the markup wins over the normalisation).
    """
    for start, end, new in reversed(edits):
        offset = 0
        for token in run.tokens:
            if not isinstance(token, TextToken):
                continue
            token_end = offset + len(token.text)
            if offset <= start and end <= token_end and (start < token_end or start == end):
                token.text = token.text[:start - offset] + new + token.text[end - offset:]
                token.changed = True
                break
            offset = token_end


def _split_at(run: Run, position: int) -> None:
    """Make ``position`` of the run text fall between two tokens."""
    offset = 0
    for index in range(run.start, run.end):
        token = run.document.tokens[index]
        if not isinstance(token, TextToken):
            continue
        token_end = offset + len(token.text)
        if offset < position < token_end:
            cut = position - offset
            head = TextToken(token.raw, token.text[:cut], token.lang, token.editable, True)
            token.text, token.changed = token.text[cut:], True
            token.raw = token.serialize()
            head.raw = head.serialize()
            run.insert(index, [head])
            return
        offset = token_end


def _boundary_indices(run: Run, position: int) -> list[int]:
    """Token indices (document-wide) where text offset equals ``position``."""
    indices, offset = [], 0
    for index in range(run.start, run.end + 1):
        if offset == position:
            indices.append(index)
        if index < run.end:
            token = run.document.tokens[index]
            if isinstance(token, TextToken):
                offset += len(token.text)
                if offset > position:
                    break
    return indices


def _is_balanced(tokens: list[Token]) -> bool:
    stack: list[str] = []
    for token in tokens:
        if isinstance(token, Tag) and token.kind == "open":
            stack.append(token.name)
        elif isinstance(token, Tag) and token.kind == "close":
            if not stack or stack.pop() != token.name:
                return False
    return not stack


def wrap(run: Run, start: int, end: int, open_tag: str, close_tag: str) -> bool:
    """Wrap run-text ``[start, end)`` in ``open_tag … close_tag``; False if impossible.

    Among the places where the tags could go (before or after tags sitting at
    the range's edges) the tightest one that keeps the markup balanced wins.
    """
    if start >= end:
        return False
    _split_at(run, start)
    _split_at(run, end)
    tokens = run.document.tokens
    candidates = [
        (j - i, i, j)
        for i in _boundary_indices(run, start)
        for j in _boundary_indices(run, end)
        if i < j and _is_balanced(tokens[i:j])
    ]
    if not candidates:
        return False
    _, i, j = min(candidates)
    name = re.match(r"<([^\s>]+)", open_tag).group(1).lower()
    run.insert(j, [Tag(close_tag, name, "close")])
    run.insert(i, [Tag(open_tag, name, "open")])
    return True
