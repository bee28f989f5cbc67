"""The client writes what a worker sends back only inside the report's folder."""

from __future__ import annotations

import json

from xinhui_print.batch.inputs import load_job
from xinhui_print.batch.run import BatchOptions, _land, write_summary
from xinhui_print.build import BuildOptions
from xinhui_print.batch.task import TaskResult

from .conftest import ROOT


def test_a_file_named_outside_the_report_folder_is_refused_and_nothing_written(tmp_path):
    job = load_job(ROOT / "data" / "xinhui-2023.yaml", tmp_path / "out", "environment")
    sent = TaskResult(files={"booklet-a5.pdf": b"%PDF", "../escaped.txt": b"x", "manifest.json": b"{}"})
    outcome = _land(job, sent, attempts=1)
    assert outcome.status == "failed" and "'../escaped.txt'" in str(outcome.error)
    assert not (tmp_path / "out").exists() and not (tmp_path / "escaped.txt").exists()


def test_the_files_land_with_the_manifest(tmp_path):
    job = load_job(ROOT / "data" / "xinhui-2023.yaml", tmp_path / "out", "environment")
    manifest = b'{"files": [{"path": "a/b.png"}]}'
    outcome = _land(job, TaskResult(files={"a/b.png": b"png", "manifest.json": manifest}), attempts=1)
    assert (outcome.status, outcome.files) == ("built", 1)
    assert (tmp_path / "out" / "xinhui-2023" / "a" / "b.png").read_bytes() == b"png"
    assert (tmp_path / "out" / "xinhui-2023" / "manifest.json").read_bytes() == manifest
    assert not (tmp_path / "out" / "xinhui-2023" / ".xinhui-build").exists()


def test_import_warnings_reach_batch_json_located_in_the_article(tmp_path):
    article = ROOT / "tests" / "data" / "articles" / "extra-headings.txt"
    job = load_job(article, tmp_path / "out", "environment")
    outcome = _land(job, TaskResult(files={"manifest.json": b"{}"}), attempts=1)
    written = write_summary(BuildOptions(out_root=tmp_path / "out"), BatchOptions(workers=1), [outcome], 1.0)
    [entry] = json.loads(written.read_text(encoding="utf-8"))["reports"]
    assert entry["status"] == "built" and "error" not in entry
    assert f"{article}:17: heading without bullets; kept as a paragraph: 专家点评" in entry["warnings"]
