"""Shared fixtures: the seed report and one real booklet build per test session."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_DATA = ROOT / "data" / "xinhui-2023.yaml"


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run ``xinhui-print`` in a fresh process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "xinhui_print", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="session")
def seed_report():
    from xinhui_print.data import load_report

    return load_report(SEED_DATA)


@pytest.fixture(scope="session")
def booklet_build(tmp_path_factory):
    """Build the booklet once with the CLI; yield (out dir, manifest)."""
    out = tmp_path_factory.mktemp("out")
    result = run_cli("build", str(SEED_DATA), "--layout", "booklet-a5", "--out", str(out))
    assert result.returncode == 0, result.stderr
    folder = out / "xinhui-2023"
    return folder, json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def booklet_pdf(booklet_build) -> Path:
    folder, _ = booklet_build
    return folder / "booklet-a5.pdf"


@pytest.fixture
def cli():
    """``cli("build", …)`` runs the command line in a fresh process."""
    return run_cli
