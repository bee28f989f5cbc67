"""Shared preflight fixtures: the clean booklet and a factory for its variants."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import builders  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _tools():
    if not builders.CMYK_PROFILE.is_file():
        pytest.skip(f"CMYK profile missing: {builders.CMYK_PROFILE} (run scripts/setup.sh)")
    if shutil.which("gs") is None:
        pytest.skip("Ghostscript missing (run scripts/setup.sh)")


@pytest.fixture
def make_pdf(tmp_path):
    """``make_pdf(name, **changes)`` → path of a generated fixture (see builders.build)."""

    def make(name: str = "fixture", **changes) -> Path:
        return builders.build(tmp_path / f"{name}.pdf", **changes)

    return make


@pytest.fixture(scope="session")
def clean_pdf(tmp_path_factory) -> Path:
    return builders.build(tmp_path_factory.mktemp("clean") / "clean.pdf")
