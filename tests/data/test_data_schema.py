"""The committed JSON Schema (data/report.schema.json) matches the model."""

from __future__ import annotations

import json

from xinhui_print.data.schema import DEFAULT_PATH, export_schema, schema_text
from xinhui_print.model import limits


def test_committed_schema_is_up_to_date():
    assert DEFAULT_PATH.read_text(encoding="utf-8") == schema_text(), (
        "data/report.schema.json is stale: run python -m xinhui_print.data.schema")


def test_schema_describes_figures_as_text_and_forbids_unknown_keys():
    schema = json.loads(schema_text())
    kpi = schema["$defs"]["KPI"]
    assert kpi["required"] == ["label", "figure"]
    forms = kpi["properties"]["figure"]["anyOf"]
    assert [form["type"] for form in forms] == ["string", "number", "object"]
    assert forms[2]["additionalProperties"] is False and forms[2]["required"] == ["value"]
    assert "%" in forms[2]["properties"]["unit"]["enum"]
    assert "7.5%以上" in kpi["properties"]["figure"]["examples"]
    assert all(d.get("additionalProperties") is False for d in schema["$defs"].values())


def test_schema_carries_the_limits():
    schema = json.loads(schema_text())
    kpi = schema["$defs"]["KPI"]
    assert kpi["properties"]["label"]["maxLength"] == limits.KPI_LABEL
    assert schema["$defs"]["Review"]["properties"]["kpis"]["maxItems"] == limits.KPIS


def test_data_file_points_editors_at_the_schema(data_file):
    first = data_file.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == "# yaml-language-server: $schema=report.schema.json"
    assert (data_file.parent / "report.schema.json").is_file()


def test_export_writes_the_schema(tmp_path):
    path = export_schema(tmp_path / "report.schema.json")
    assert json.loads(path.read_text(encoding="utf-8"))["title"] == "Report"
