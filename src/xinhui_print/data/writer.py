"""Write report data: :class:`Report` → YAML text in the style of ``data/xinhui-2023.yaml``.

Block style, Chinese unescaped, keys in model order, default values left out,
long lines never folded; a ``yaml-language-server`` header points editors at the
JSON Schema.  Writes are atomic (temporary file + ``os.replace``); :func:`write_atomic`
serves every stage that writes a file.
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


def write_atomic(path: str | Path, data: bytes | str) -> None:
    """Write ``data`` (text is written as UTF-8) to a temporary file beside ``path``, then
    rename it over ``path``: readers see the old file or the new one, never half of one.

    The folder is created when missing; the file gets the permissions of a normally
    created file (``mkstemp`` makes 0600; reports and outputs are for sharing).
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(payload)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_report(report: Report, path: str | Path,
                 schema: str | None = "report.schema.json") -> None:
    """Dump ``report`` as YAML to ``path`` atomically."""
    write_atomic(path, dump_report(report, schema))
