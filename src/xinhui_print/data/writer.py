"""Write report data: :class:`Report` → YAML text in the style of ``data/xinhui-2023.yaml``.

Block style, Chinese unescaped, keys in model order, default values left out,
long lines never folded; a ``yaml-language-server`` header points editors at the
JSON Schema.  Writes are atomic (temporary file + ``os.replace``).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml

from ..model import Report

SCHEMA_HEADER = "# yaml-language-server: $schema={}\n"


class _Dumper(yaml.SafeDumper):
    """Indents list items under their key (``kpis:`` / ``  - label: …``); never writes
    anchors and aliases (the loader refuses them)."""

    def ignore_aliases(self, data) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def dump_report(report: Report, schema: str | None = "report.schema.json") -> str:
    """Report → YAML text (with a schema header unless ``schema`` is None)."""
    data = report.model_dump(mode="python", exclude_defaults=True)
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=10_000, indent=2)
    return (SCHEMA_HEADER.format(schema) if schema else "") + body


def write_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never half."""
    path = Path(path)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_report(report: Report, path: str | Path,
                 schema: str | None = "report.schema.json") -> None:
    """Dump ``report`` as YAML to ``path`` atomically."""
    write_atomic(path, dump_report(report, schema))
