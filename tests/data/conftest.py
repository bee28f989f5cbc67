"""Fixtures for the data stage: the seed article, the committed data file, sample articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from xinhui_print.data import load_report

ROOT = Path(__file__).resolve().parents[2]
DATA_FILE = ROOT / "data" / "xinhui-2023.yaml"
ARTICLES = Path(__file__).resolve().parent / "articles"
SEED = ARTICLES / "shudu-xinhui-2023.txt"


@pytest.fixture
def articles() -> Path:
    """Folder of sample articles (the seed and deviating ones)."""
    return ARTICLES


@pytest.fixture
def data_file() -> Path:
    """The committed report data file."""
    return DATA_FILE


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def report():
    """The committed report data, loaded."""
    return load_report(DATA_FILE)


@pytest.fixture
def write_yaml(tmp_path):
    """Write YAML text to a file in tmp_path and return its path."""

    def write(text: str, name: str = "report.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
