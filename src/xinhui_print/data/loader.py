"""Load report data: a YAML file (or an article) → validated :class:`Report`.

Every problem is a :class:`DataError` with a location an editor can jump to:
``data/x.yaml:12:5: failed to parse YAML (cause)`` for syntax, and
``data/x.yaml:14:7: review.kpis[2].figure: field required`` for the schema,
the line and column taken from the YAML node the pydantic error points at.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import DataError, Location
from ..model import Report

ARTICLE_SUFFIXES = (".txt", ".text", ".md")
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Problem:
    """One schema problem: where, which field, what."""

    location: Location
    field: str
    message: str

    def __str__(self) -> str:
        field = f"{self.field}: " if self.field else ""
        return f"{self.location}: {field}{self.message}"


class SchemaError(DataError):
    """Raised when YAML parses but fails the report schema; ``problems`` lists each one."""

    def __init__(self, problems: list[Problem]):
        first = problems[0]
        more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
        field = f"{first.field}: " if first.field else ""
        super().__init__(f"{field}{first.message}{more}", first.location)
        self.problems = problems


def read_text(path: str | Path) -> str:
    """Read a UTF-8 text file; a missing, unreadable or binary file is a DataError."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"file not found: {path}", Location(path)) from None
    except IsADirectoryError:
        raise DataError(f"expected a file, got a directory: {path}", Location(path)) from None
    except OSError as error:
        raise DataError(f"cannot read {path} ({error.strerror})", Location(path)) from None
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
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_report(path: str | Path) -> Report:
    """Load and validate a YAML report file."""
    text = read_text(path)
    node, data = parse_yaml(text, path)
    if not isinstance(data, dict):
        kind = "nothing" if data is None else type(data).__name__
        raise DataError(f"expected a mapping with meta, review, … at the top, got {kind}",
                        _mark_location(path, node))
    try:
        return Report.model_validate(data)
    except ValidationError as error:
        raise SchemaError(_problems(error, node, path)) from None


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


def parse_yaml(text: str, path: str | Path) -> tuple[yaml.Node | None, Any]:
    """Compose the node tree (kept for error locations) and construct the data."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _reject_duplicate_keys(node, path)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        cause = error.problem or error.context or "invalid YAML"
        raise DataError(f"failed to parse YAML ({cause})", _location(path, mark)) from None
    except yaml.YAMLError as error:
        raise DataError(f"failed to parse YAML ({error})", Location(path)) from None
    finally:
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


def _location(path: str | Path, mark: Any) -> Location:
    if mark is None:
        return Location(path)
    return Location(path, mark.line + 1, mark.column + 1)


def _mark_location(path: str | Path, node: yaml.Node | None) -> Location:
    return _location(path, node.start_mark if node is not None else None)


# -- schema errors → located problems ------------------------------------------


def _problems(error: ValidationError, root: yaml.Node | None, path: str | Path) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        node = node_at(root, loc, key=item["type"] == "extra_forbidden")
        problems.append(Problem(_mark_location(path, node), field_path(loc), _message(item)))
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


def field_path(loc: tuple) -> str:
    """``('review', 'kpis', 2, 'figure')`` → ``review.kpis[2].figure``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _message(item: dict) -> str:
    kind = item["type"]
    if kind == "missing":
        return "field required"
    if kind == "extra_forbidden":
        return "unknown key (check the spelling)"
    message = item["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message[:1].lower() + message[1:]
