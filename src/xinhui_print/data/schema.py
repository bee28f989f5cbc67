"""JSON Schema of report data: :class:`Report` → ``data/report.schema.json``.

Editors that read ``# yaml-language-server: $schema=report.schema.json`` get
completion and checks.  Regenerate with ``python -m xinhui_print.data.schema``;
a test fails when the committed file is out of date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..model import Report
from .writer import write_atomic

SCHEMA_NAME = "report.schema.json"
DEFAULT_PATH = Path(__file__).resolve().parents[3] / "data" / SCHEMA_NAME


def report_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a report file, validation side."""
    schema = Report.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": SCHEMA_NAME, **schema}


def schema_text() -> str:
    """The schema as the committed file's text (stable, Chinese unescaped)."""
    return json.dumps(report_schema(), ensure_ascii=False, indent=2) + "\n"


def export_schema(path: str | Path = DEFAULT_PATH) -> Path:
    """Write the schema to ``path`` (atomically) and return the path."""
    write_atomic(path, schema_text())
    return Path(path)


if __name__ == "__main__":
    print(export_schema(*sys.argv[1:2]))
