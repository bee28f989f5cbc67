"""The build manifest: ``out/<report-id>/manifest.json`` lists every file produced."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data.writer import write_atomic

ROLES = ("screen", "press", "imposed", "social", "preflight", "jobsheet")


@dataclass
class Entry:
    """One produced file; ``path`` is relative to the manifest."""

    path: str
    layout: str
    role: str
    format: str
    sha256: str
    bytes: int
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        data = {
            "path": self.path, "layout": self.layout, "role": self.role, "format": self.format,
            "sha256": self.sha256, "bytes": self.bytes,
        }
        data.update(self.extra)
        return data


@dataclass
class Manifest:
    report_id: str
    source: str
    out_dir: Path
    entries: list[Entry] = field(default_factory=list)
    inputs: str | None = None  # digest of everything the build read (set by ``batch`` to skip unchanged reports)
    script: str = "hans"  # the edition built (xinhui_print.edition)

    def add_file(self, name: str, data: bytes, layout: str, role: str, format: str, **extra: Any) -> Entry:
        """Write ``data`` atomically to ``out_dir/name`` and record it."""
        write_atomic(self.out_dir / name, data)
        entry = Entry(name, layout, role, format, hashlib.sha256(data).hexdigest(), len(data), extra)
        self.entries = [e for e in self.entries if e.path != name] + [entry]
        return entry

    def as_json(self) -> dict[str, Any]:
        return {
            "report": self.report_id,
            "source": self.source,
            "generator": "xinhui-print",
            "script": self.script,
            **({"inputs": self.inputs} if self.inputs else {}),
            "files": [e.as_json() for e in sorted(self.entries, key=lambda e: e.path)],
        }

    def write(self) -> Path:
        path = self.out_dir / "manifest.json"
        text = json.dumps(self.as_json(), ensure_ascii=False, indent=2) + "\n"
        write_atomic(path, text.encode("utf-8"))
        return path


def copyfit_entry(fitting) -> dict[str, Any]:
    """A PDF entry's ``copyfit`` field: per page its fill and the moves taken (none when the
    layout does no copyfitting).  Its words (the ``moves``, what was ``condensed``) are
    readable fields: ``Edition.readable`` puts them in the edition's script."""
    pages = fitting.as_json() if fitting.pages or fitting.condensed or fitting.body_pt else None
    return {"copyfit": pages} if pages else {}
