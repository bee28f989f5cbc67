"""Batch fixtures: generated report variants and one local batch over them per session."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from .variants import write_broken, write_variants

ROOT = Path(__file__).resolve().parents[2]
SMALL = ("--layout", "cards", "--preset", "wechat-cover")  # one card: a real build, about a second


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xinhui_print", *args], cwd=ROOT, capture_output=True, text=True,
                          check=False, env=env, timeout=300)


def summary(out: Path) -> dict:
    return json.loads((out / "batch.json").read_text(encoding="utf-8"))


def by_report(out: Path) -> dict[str, dict]:
    return {entry.get("report") or Path(entry["input"]).stem: entry for entry in summary(out)["reports"]}


@dataclass
class LocalBatch:
    inputs: Path
    out: Path
    variants: dict[str, Path]
    broken: Path
    broken_line: int
    duplicate: Path
    article: Path
    result: subprocess.CompletedProcess


@pytest.fixture(scope="session")
def local_batch(tmp_path_factory) -> LocalBatch:
    """Three variants, an article, a broken report and a second file with variant-1's id, on two local workers."""
    base = tmp_path_factory.mktemp("batch")
    inputs, out = base / "reports", base / "out"
    variants = write_variants(inputs, 3)
    broken = inputs / "broken.yaml"
    line = write_broken(broken)
    duplicate = inputs / "variant-x-copy.yaml"
    duplicate.write_bytes(variants["variant-1"].read_bytes())
    article = inputs / "shudu-pengjiang-2024.txt"  # an article: imported on the way
    article.write_bytes((ROOT / "tests" / "data" / "articles" / "shudu-pengjiang-2024.txt").read_bytes())
    (inputs / "notes.md").write_text("not a report: folders contribute .yaml and .txt files only\n")
    result = run_cli("batch", str(inputs), "--out", str(out), "--workers", "2", *SMALL)
    return LocalBatch(inputs, out, variants, broken, line, duplicate, article, result)
