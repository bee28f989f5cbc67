"""Shared fixtures: the seed report and one real booklet build per test session."""

from __future__ import annotations

import json
import logging
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


QUIET_CATEGORIES = (DeprecationWarning, PendingDeprecationWarning)
"""Library deprecations are the libraries' business; everything else a test triggers is ours."""


def pytest_configure(config):
    config.addinivalue_line("markers", "expect_warnings: the test checks warnings or log records itself")


BUILT_ONCE = ("booklet_build", "press_build", "press_build_again", "numbered_press_pdf", "renders",
              "local_batch", "clean_pdf", "variants")
"""Session fixtures that build real outputs (seconds each): their users share one xdist worker."""


def pytest_collection_modifyitems(config, items):
    """Group the tests for ``pytest -n 2 --dist loadgroup`` (``make test PYTEST_ARGS=...``).

    A test file stays on one worker (its module fixtures are made once); files that use
    the same :data:`BUILT_ONCE` fixture are joined into one group, so that each of those
    builds runs once per test session, not once per worker.
    """
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for item in items:
        for name in BUILT_ONCE:
            if name in item.fixturenames:
                parent[root(f"file:{item.path}")] = root(f"fixture:{name}")
    for item in items:
        item.add_marker(pytest.mark.xdist_group(root(f"file:{item.path}")))


@pytest.fixture(autouse=True)
def no_stray_warnings(request, caplog, recwarn):
    """Fail a test that logs a warning or raises a Python warning it did not ask for.

    WeasyPrint reports ignored CSS and refused fetches through ``logging``; a
    stray one means a layout or the renderer is wrong, so it fails the test.
    """
    caplog.set_level(logging.WARNING)
    yield
    if request.node.get_closest_marker("expect_warnings"):
        return
    records = [f"{r.name}: {r.getMessage()}" for r in caplog.get_records("call") if r.levelno >= logging.WARNING]
    raised = [f"{w.category.__name__}: {w.message}" for w in recwarn.list
              if not issubclass(w.category, QUIET_CATEGORIES)]
    assert not records + raised, "unexpected warnings:\n" + "\n".join(records + raised)
