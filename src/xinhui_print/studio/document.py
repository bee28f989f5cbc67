"""The report file being edited: YAML text ⇄ round-trip tree ⇄ edits, validation, undo/redo.

The file is the document.  Every edit (a form operation, the raw-YAML tab, an
undo) produces new text that is written atomically, then validated exactly as
the command line validates it (:func:`xinhui_print.data.load_report`), so the
messages and locations are the CLI's.  Form edits go through ruamel.yaml's
round-trip tree: comments, key order and quoting of untouched lines are kept.
A file that does not parse as YAML is kept as typed (the raw tab shows it);
the form waits until it parses again.

Undo/redo keep whole texts (:data:`HISTORY` steps): simple and exact, and an
edit made in another editor is one more step.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from ..data import SchemaError, load_report
from ..data.loader import read_text
from ..data.schema import report_schema
from ..data.writer import write_atomic
from ..errors import DataError, Diagnostic, InputError, Location, XinhuiError
from ..model import Report

HISTORY = 200
"""Undo steps kept (the issue asks for at least 50)."""



class EditError(InputError):
    """An edit that cannot apply (a path that is not in the report, a bad operation): HTTP 400."""


def yaml_engine() -> YAML:
    """ruamel.yaml in round-trip mode, set to the style of ``data/*.yaml`` (long lines never folded)."""
    engine = YAML(typ="rt")
    engine.width = 1_000_000
    engine.indent(mapping=2, sequence=4, offset=2)
    engine.preserve_quotes = True
    return engine


def problem_json(problem: Diagnostic) -> dict[str, Any]:
    """A validation problem as the browser shows it: the CLI's one line (``text``), and the
    field it belongs to with its own message, to mark the form."""
    location = problem.location or Location()
    return {"field": location.field or "", "message": problem.message, "line": location.line,
            "column": location.column, "text": str(problem)}


@dataclass
class ReportDocument:
    """One YAML report file, its last validated :class:`Report` and its edit history."""

    path: Path
    text: str = ""
    tree: Any = None  # ruamel round-trip tree, None while the text is not YAML
    report: Report | None = None  # the last valid report (kept while the text has errors)
    problems: list[Diagnostic] = field(default_factory=list)
    revision: int = 0
    undo_stack: list[str] = field(default_factory=list)
    redo_stack: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, path: Path) -> "ReportDocument":
        document = cls(Path(path))
        document._take(read_text(path))
        return document

    # ------------------------------------------------------------ state

    @property
    def valid(self) -> bool:
        return not self.problems

    def display_path(self) -> str:
        return self.path.name

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.display_path(), "text": self.text, "data": plain(self.tree),
            "problems": [problem_json(p) for p in self.problems], "valid": self.valid,
            "revision": self.revision, "can_undo": bool(self.undo_stack), "can_redo": bool(self.redo_stack),
        }

    # ------------------------------------------------------------ changes

    def apply(self, operations: list[dict[str, Any]]) -> None:
        """Apply form operations (see :func:`apply_operation`) to the tree and save."""
        if self.tree is None:
            raise EditError("the file is not valid YAML; fix it in the YAML tab first")
        if not isinstance(operations, list) or not operations:
            raise EditError("expected a non-empty list of operations")
        tree = yaml_engine().load(self.text)  # edit a copy: a failing operation changes nothing
        for operation in operations:
            apply_operation(tree, operation)
        self.save(dump(tree))

    def replace_text(self, text: str) -> None:
        """The raw-YAML tab: the new text as typed."""
        if not isinstance(text, str):
            raise EditError("expected the YAML text as a string")
        self.save(text.replace("\r\n", "\n"))

    def save(self, text: str) -> bool:
        """Write ``text`` atomically and validate it (one undo step); False when nothing changed.
        The page sends a field once typing pauses, so a typed figure is one step."""
        if text == self.text:
            return False
        self._push(self.undo_stack, self.text)
        self.redo_stack.clear()
        write_atomic(self.path, text)
        self._take(text)
        return True

    def undo(self) -> bool:
        return self._step(self.undo_stack, self.redo_stack)

    def redo(self) -> bool:
        return self._step(self.redo_stack, self.undo_stack)

    def _step(self, source: list[str], target: list[str]) -> bool:
        if not source:
            return False
        self._push(target, self.text)
        text = source.pop()
        write_atomic(self.path, text)
        self._take(text)
        return True

    def reload_external(self) -> bool:
        """The file changed on disk (another editor): take its text as one more undo step."""
        try:
            text = read_text(self.path)
        except DataError:
            return False  # removed or unreadable for a moment (an editor's own atomic save)
        if text == self.text:
            return False  # our own write
        self._push(self.undo_stack, self.text)
        self.redo_stack.clear()
        self._take(text)
        return True

    @staticmethod
    def _push(stack: list[str], text: str) -> None:
        stack.append(text)
        del stack[:-HISTORY]

    def _take(self, text: str) -> None:
        """Make ``text`` current: parse the round-trip tree, validate as the CLI does."""
        self.text = text
        self.revision += 1
        try:
            self.tree = yaml_engine().load(text)
        except YAMLError:
            self.tree = None
        self.problems, report = validate(self.path)
        if report is not None:
            self.report = report


def validate(path: Path) -> tuple[list[Diagnostic], Report | None]:
    """Load ``path`` as ``xinhui-print build`` would: (problems, report or None)."""
    try:
        return [], load_report(path)
    except SchemaError as error:
        return list(error.problems), None
    except XinhuiError as error:
        return [error.diagnostic], None


# ---------------------------------------------------------------- operations


def apply_operation(tree: Any, operation: dict[str, Any]) -> None:
    """One form operation on the round-trip tree.

    - ``{"op": "set", "path": [...], "value": v}`` — set a field (``null`` removes an optional key);
    - ``{"op": "insert", "path": [...list], "index": i, "value": v}`` — add a list item;
    - ``{"op": "remove", "path": [...list], "index": i}`` — remove a list item;
    - ``{"op": "move", "path": [...list], "from": i, "to": j}`` — reorder a list.

    Chapters are renumbered after any change to their list (the schema wants 1, 2, 3 …)."""
    if not isinstance(operation, dict):
        raise EditError("an operation is an object with 'op' and 'path'")
    kind, path = operation.get("op"), operation.get("path")
    if not isinstance(path, list) or not all(isinstance(p, (str, int)) and not isinstance(p, bool) for p in path):
        raise EditError("'path' must be a list of keys and indexes")
    check_path(path)
    if kind == "set":
        if not path:
            raise EditError("'set' needs a path")
        parent = _resolve(tree, path[:-1])
        _set(parent, path, _convert(path, operation.get("value")))
    elif kind in ("insert", "remove", "move"):
        items = _resolve(tree, path)
        if not isinstance(items, CommentedSeq):
            raise EditError(f"{_label(path)} is not a list")
        _list_operation(items, kind, operation)
    else:
        raise EditError(f"unknown operation {kind!r}; expected set, insert, remove or move")
    if path[:1] == ["chapters"]:
        _renumber(tree.get("chapters"))


def check_path(path: list) -> None:
    """Every key of ``path`` is a field of the report schema (the form never writes unknown keys)."""
    schema = cached_schema()
    node = schema
    for depth, part in enumerate(path):
        node = _schema_node(schema, node)
        if isinstance(part, int) and node.get("type") == "array":
            node = node["items"]
        elif isinstance(part, str) and part in node.get("properties", {}):
            node = node["properties"][part]
        else:
            raise EditError(f"{_label(path[: depth + 1])} is not a field of a report")


@cache
def cached_schema() -> dict:
    return report_schema()


def _schema_node(schema: dict, node: dict) -> dict:
    """Follow ``$ref`` and optional (``anyOf`` with null) wrappers to the node's own schema."""
    while True:
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        elif "anyOf" in node:
            node = next((option for option in node["anyOf"] if option.get("type") != "null"), {})
        else:
            return node


def _list_operation(items: CommentedSeq, kind: str, operation: dict[str, Any]) -> None:
    size = len(items)
    if kind == "insert":
        index = _index(operation.get("index", size), size + 1)
        items.insert(index, to_tree(operation.get("value")))
    elif kind == "remove":
        del items[_index(operation.get("index"), size)]
    else:
        source, target = _index(operation.get("from"), size), _index(operation.get("to"), size)
        item = items.pop(source)
        items.insert(target, item)


def _index(value: Any, size: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < size:
        raise EditError(f"index {value!r} is out of range (0–{size - 1})")
    return value


def _resolve(tree: Any, path: list) -> Any:
    node = tree
    for depth, part in enumerate(path):
        if isinstance(node, CommentedMap) and isinstance(part, str) and part in node:
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif isinstance(node, CommentedMap) and isinstance(part, str) and depth == len(path) - 1:
            node[part] = CommentedSeq()  # an optional list that is not in the file yet
            node = node[part]
        else:
            raise EditError(f"{_label(path[: depth + 1])} is not in the report")
    return node


def _set(parent: Any, path: list, value: Any) -> None:
    key = path[-1]
    if isinstance(parent, CommentedMap) and isinstance(key, str):
        if value is None:
            parent.pop(key, None)
        else:
            parent[key] = value
    elif isinstance(parent, CommentedSeq) and isinstance(key, int) and 0 <= key < len(parent):
        if value is None:
            raise EditError("a list item cannot be set to null; remove it instead")
        parent[key] = value
    else:
        raise EditError(f"{_label(path)} is not in the report")


def _convert(path: list, value: Any) -> Any:
    """JSON value → tree value: ``meta.date`` as a date when it is one (written unquoted)."""
    if path == ["meta", "date"] and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value  # kept as typed; validation says what is wrong
    return to_tree(value)


def to_tree(value: Any) -> Any:
    """Plain JSON → round-trip nodes (block style, like the rest of the file)."""
    if isinstance(value, dict):
        node = CommentedMap()
        for key, item in value.items():
            if item is not None:
                node[str(key)] = to_tree(item)
        return node
    if isinstance(value, list):
        return CommentedSeq(to_tree(item) for item in value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise EditError(f"unsupported value of type {type(value).__name__}")


def _renumber(chapters: Any) -> None:
    if isinstance(chapters, CommentedSeq):
        for number, chapter in enumerate(chapters, start=1):
            if isinstance(chapter, CommentedMap):
                chapter["number"] = number


def _label(path: list) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the report"


def dump(tree: Any) -> str:
    stream = io.StringIO()
    yaml_engine().dump(tree, stream)
    return stream.getvalue()


def plain(node: Any) -> Any:
    """The round-trip tree as JSON-ready data (dates as ISO strings)."""
    if isinstance(node, dict):
        return {str(key): plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [plain(value) for value in node]
    if isinstance(node, (dt.date, dt.datetime)):
        return node.isoformat()
    if node is None or isinstance(node, (str, int, float, bool)):
        return node if not isinstance(node, str) else str(node)
    return str(node)
