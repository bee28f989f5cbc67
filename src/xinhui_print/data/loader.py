"""Load report data: a YAML file (or an article) → validated :class:`Report`.

Every problem is a :class:`DataError` with a location an editor can jump to:
``data/x.yaml:12:5: failed to parse YAML (cause)`` for syntax, and
``data/x.yaml:14:7: review.kpis[2].figure: field required`` for the schema,
the line and column taken from the YAML node the pydantic error points at.

Data is untrusted: a file is read up to :data:`limits.FILE_BYTES`, YAML aliases
(``*name``: a "billion laughs" file expands 9⁹-fold) and nesting deeper than
:data:`limits.DEPTH` are refused while the file is composed, before anything is
built from it.  The loaded report keeps a locator, so that later stages (the
glyph check) can point at the offending character in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import DataError, Diagnostic, Location
from ..model import Report, field_path, limits

ARTICLE_SUFFIXES = (".txt", ".text", ".md")
YAML_SUFFIXES = (".yaml", ".yml")


class SchemaError(DataError):
    """Raised when YAML parses but fails the report schema; ``problems`` lists each one, located
    at its YAML node and its field (``Location.field``); the error is the first."""

    def __init__(self, problems: list[Diagnostic]):
        first = problems[0]
        more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{first.message}{more}", first.location)
        self.problems = problems


def read_text(path: str | Path) -> str:
    """Read a UTF-8 text file; a missing, unreadable, binary or too large file is a DataError."""
    path = Path(path)
    try:
        with path.open("rb") as file:
            raw = file.read(limits.FILE_BYTES + 1)
    except FileNotFoundError:
        raise DataError(f"file not found: {path}", Location(path)) from None
    except IsADirectoryError:
        raise DataError(f"expected a file, got a directory: {path}", Location(path)) from None
    except OSError as error:
        raise DataError(f"cannot read {path} ({error.strerror})", Location(path)) from None
    if len(raw) > limits.FILE_BYTES:
        raise DataError(f"file larger than {limits.FILE_BYTES:,} bytes (the limit for report "
                        "data and articles)", Location(path))
    return decode_text(raw, path)


def decode_text(raw: bytes, path: str | Path) -> str:
    """bytes → str: UTF-8 (BOM allowed), newlines normalised; binary data is a DataError."""
    if b"\x00" in raw:
        raise DataError("not a text file (contains NUL bytes)", Location(path))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(
            f"not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start})",
            Location(path, line),
        ) from None
    return normalise_newlines(text)


#: Line ends other than LF: CR, NEL and the Unicode line and paragraph separators.
_LINE_ENDS = re.compile("\r\n?|[\x85\u2028\u2029]")


def normalise_newlines(text: str) -> str:
    """Every line end as ``\\n`` (YAML counts NEL, U+2028 and U+2029 as line ends too)."""
    return _LINE_ENDS.sub("\n", text.lstrip("\ufeff"))


def load_report(path: str | Path) -> Report:
    """Load and validate a YAML report file."""
    text = read_text(path)
    node, data = parse_yaml(text, path)
    if not isinstance(data, dict):
        kind = "nothing" if data is None else type(data).__name__
        raise DataError(f"expected a mapping with meta, review, … at the top, got {kind}",
                        _mark_location(path, node))
    try:
        report = Report.model_validate(data)
    except ValidationError as error:
        raise SchemaError(_problems(error, node, path)) from None
    return report.located_by(YamlLocator(path, text, node))


def load_source(path: str | Path) -> tuple[Report, list]:
    """Load a YAML report or import an article (``.txt``): → (report, import diagnostics)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        return load_report(path), []
    if suffix in ARTICLE_SUFFIXES:
        from .importer import import_article

        return import_article(read_text(path), str(path))
    raise DataError(
        f"unknown input type {suffix or '(no suffix)'!r}: expected report data "
        f"({', '.join(YAML_SUFFIXES)}) or an article ({', '.join(ARTICLE_SUFFIXES)})",
        Location(path),
    )


# -- YAML ---------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader that refuses aliases and deep nesting while composing."""

    def __init__(self, text: str, path: str | Path):
        super().__init__(text)
        self.path = path
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise DataError(f"YAML alias *{event.anchor} not allowed in report data "
                            "(write the value out)", _location(self.path, event.start_mark))
        self.depth += 1
        try:
            if self.depth > limits.DEPTH:
                raise DataError(f"nested more than {limits.DEPTH} levels deep (a report needs 5)",
                                _location(self.path, self.peek_event().start_mark))
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def parse_yaml(text: str, path: str | Path) -> tuple[yaml.Node | None, Any]:
    """Compose the node tree (kept for error locations) and construct the data."""
    loader = None
    try:
        loader = _Loader(text, path)
        node = loader.get_single_node()
        if node is not None:
            _reject_duplicate_keys(node, path)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        cause = error.problem or error.context or "invalid YAML"
        raise DataError(f"failed to parse YAML ({cause})", _location(path, mark)) from None
    except yaml.reader.ReaderError as error:  # a control character: YAML allows none
        raise DataError(f"failed to parse YAML (character U+{error.character:04X} is not "
                        "allowed in YAML)", text_location(path, text, error.position)) from None
    except yaml.YAMLError as error:
        raise DataError(f"failed to parse YAML ({error})", Location(path)) from None
    finally:
        if loader is not None:
            loader.dispose()
    return node, data


def _reject_duplicate_keys(node: yaml.Node, path: str | Path) -> None:
    """PyYAML keeps the last of two equal keys silently; we report it."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    raise DataError(f"duplicate key {key.value!r}", _location(path, key.start_mark))
                seen.add(key.value)
            _reject_duplicate_keys(value, path)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _reject_duplicate_keys(item, path)


@dataclass(frozen=True)
class YamlLocator:
    """Where a report field (and a character in it) sits in its YAML file."""

    path: str | Path
    text: str
    root: yaml.Node | None

    def __call__(self, loc: tuple, char: str = "") -> Location:
        node = node_at(self.root, loc)
        if node is None:
            return Location(self.path)
        start, end = node.start_mark.index, node.end_mark.index
        found = self.text.find(char, start, end) if char else -1
        return text_location(self.path, self.text, found if found >= 0 else start)


def text_location(path: str | Path, text: str, index: int) -> Location:
    """The 1-based line and column of ``text[index]``."""
    line_start = text.rfind("\n", 0, index) + 1
    return Location(path, text.count("\n", 0, index) + 1, index - line_start + 1)


def _location(path: str | Path, mark: Any) -> Location:
    if mark is None:
        return Location(path)
    return Location(path, mark.line + 1, mark.column + 1)


def _mark_location(path: str | Path, node: yaml.Node | None) -> Location:
    return _location(path, node.start_mark if node is not None else None)


# -- schema errors → located problems ------------------------------------------


def _problems(error: ValidationError, root: yaml.Node | None, path: str | Path) -> list[Diagnostic]:
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        node = node_at(root, loc, key=item["type"] == "extra_forbidden")
        where = replace(_mark_location(path, node), field=field_path(loc) or None)
        problems.append(Diagnostic("error", DataError.code, schema_message(item), where))
    return problems


def node_at(root: yaml.Node | None, loc: tuple, key: bool = False) -> yaml.Node | None:
    """The deepest YAML node along a pydantic ``loc`` (the key node when ``key``)."""
    node = root
    for index, part in enumerate(loc):
        child = _child(node, part, key and index == len(loc) - 1)
        if child is None:
            break
        node = child
    return node


def _child(node: yaml.Node | None, part: Any, want_key: bool) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                return key_node if want_key else value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        if 0 <= part < len(node.value):
            return node.value[part]
    return None


def schema_message(item: dict) -> str:
    kind = item["type"]
    if kind == "missing":
        return "field required"
    if kind == "extra_forbidden":
        return "unknown key (check the spelling)"
    if kind == "string_too_long":
        return f"{len(item['input'])} characters, at most {item['ctx']['max_length']} in this field"
    if kind == "too_long":
        return f"{len(item['input'])} items, at most {item['ctx']['max_length']} in this list"
    message = item["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message[:1].lower() + message[1:]
