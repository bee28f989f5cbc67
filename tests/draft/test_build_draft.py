"""One real build: every default layout from a draft, without warnings about missing parts."""

from __future__ import annotations

import json
import subprocess
import sys

from xinhui_print.draft import draft_report, draft_yaml

from .conftest import NATIONAL


def test_every_default_layout_builds_from_a_draft(tmp_path):
    draft = draft_report(NATIONAL[2022], report_id="national-2022", publisher="编辑部")
    data = tmp_path / "national-2022.yaml"
    data.write_text(draft_yaml(draft, NATIONAL[2022].name), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "xinhui_print", "build", str(data), "--out", str(tmp_path / "out")],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    for word in ("warning", "exceed", "tall", "refused", "missing"):
        assert word not in result.stderr.lower(), result.stderr
    manifest = json.loads((tmp_path / "out" / "national-2022" / "manifest.json").read_text(encoding="utf-8"))
    layouts = {entry["layout"] for entry in manifest["files"]}
    assert {"booklet-a5", "cards", "poster-long"} <= layouts
    alt = " ".join(entry.get("alt", "") for entry in manifest["files"])
    assert "数读2022年政府工作报告" in alt
