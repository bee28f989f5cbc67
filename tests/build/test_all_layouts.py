"""Every layout's PDF: fonts embedded, Simplified Chinese faces only, the report's figures present."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "xinhui-2023.yaml"


@pytest.fixture(scope="session")  # session: built once even when xdist interleaves other modules
def all_layouts_build(tmp_path_factory):
    from tests.conftest import run_cli

    out = tmp_path_factory.mktemp("all")
    args = ["build", str(SEED), "--out", str(out), "--density", "1"]
    for name in ("booklet-a5", "poster-long", "cards", "poster-print"):
        args += ["--layout", name]
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    folder = out / "xinhui-2023"
    return folder, json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def pdfs(build) -> list[Path]:
    folder, manifest = build
    return [folder / f["path"] for f in manifest["files"] if f["format"] == "pdf"]


def test_every_layout_made_a_pdf(all_layouts_build):
    _, manifest = all_layouts_build
    layouts = {f["layout"] for f in manifest["files"] if f["format"] == "pdf"}
    assert layouts == {"booklet-a5", "poster-long", "cards", "poster-print"}


def test_fonts_embedded_subset_and_simplified_chinese(all_layouts_build):
    for pdf in pdfs(all_layouts_build):
        listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        rows = listing.splitlines()[2:]
        assert rows, pdf.name
        for row in rows:
            name = row.split()[0]
            assert re.search(r"\byes\s+yes\s+yes\b", row), f"{pdf.name}: {row}"
            assert "JP" not in name and "KR" not in name and "TC" not in name, f"{pdf.name}: {name}"
            assert "Courier" not in name


def test_every_kpi_figure_is_in_every_layout(all_layouts_build, seed_report):
    for pdf in pdfs(all_layouts_build):
        text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                                 text=True, check=True).stdout)
        for kpi in seed_report.review.kpis:
            assert f"{kpi.figure.number}{kpi.figure.unit}" in text, f"{pdf.name}: {kpi.figure}"
        assert seed_report.meta.source in text, pdf.name
