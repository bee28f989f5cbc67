"""Shared fixtures: the seed report and one real booklet build per test session."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SEED_DATA = ROOT / "data" / "xinhui-2023.yaml"


def short_seed_data() -> dict:
    """The seed cut to its first review group and its first chapter, three items a section:
    every kind of content the seed has (lead, KPIs, rankings, pledges, a group, targets, a
    chapter with sections) in a booklet of a few pages instead of 20."""
    data = yaml.safe_load(SEED_DATA.read_text(encoding="utf-8"))
    data["groups"] = data["groups"][:1]
    chapter = data["chapters"][0]
    for section in chapter["sections"]:
        section["items"] = section["items"][:3]
    data["chapters"] = [chapter]
    return data


def write_short_seed(folder: Path) -> Path:
    """The short seed as ``folder/xinhui-2023.yaml`` (the seed's id: the same output names)."""
    path = folder / "xinhui-2023.yaml"
    path.write_text(yaml.safe_dump(short_seed_data(), allow_unicode=True, sort_keys=False, width=1000),
                    encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def short_seed(tmp_path_factory) -> Path:
    """A real, valid, short report for tests whose point is not the seed's length."""
    return write_short_seed(tmp_path_factory.mktemp("short-seed"))


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
def press_booklet_build(tmp_path_factory):
    """``build --press`` of the booklet once a session: (out folder, manifest, console output)."""
    out = tmp_path_factory.mktemp("press1")
    result = run_cli("build", str(SEED_DATA), "--layout", "booklet-a5", "--press", "--out", str(out))
    assert result.returncode == 0, result.stderr
    folder = out / "xinhui-2023"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return folder, manifest, result.stdout + result.stderr


@pytest.fixture(scope="session")
def booklet_pdf(booklet_build) -> Path:
    folder, _ = booklet_build
    return folder / "booklet-a5.pdf"


@dataclass
class SeedSet:
    """One preset's card set of the seed: what ``build_cards`` returns, and the set it laid out
    (its ``document`` is the one ``result.pdf`` was written from)."""

    result: object  # xinhui_print.social.output.SocialResult
    laid_out: object  # xinhui_print.social.cards.LaidOutSet


@pytest.fixture(scope="session")
def seed_sets(seed_report):
    """``seed_sets(preset)`` → :class:`SeedSet`: the seed's card set for ``preset`` (1× images),
    built once a session and shared by every test reading it (fitting a set takes 5–20 s).

    The laid-out set is recorded on its way through ``build_cards`` (the module's own
    ``lay_out_set``, wrapped for the call), so the document and the PDF are one build."""
    import xinhui_print.social.cards as cards_module
    from xinhui_print.layout import load_layout
    from xinhui_print.social.output import SocialOptions

    made: dict[str, SeedSet] = {}
    layout = load_layout("cards")

    def get(preset: str) -> SeedSet:
        if preset not in made:
            laid: list = []
            real = cards_module.lay_out_set

            def recording(*args, **kwargs):
                laid.append(real(*args, **kwargs))
                return laid[-1]

            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(cards_module, "lay_out_set", recording)
                result = cards_module.build_cards(seed_report, layout, preset, SocialOptions(densities=(1,)))
            (laid_out,) = laid
            made[preset] = SeedSet(result, laid_out)
        return made[preset]

    return get


@pytest.fixture(scope="session")
def seed_renders(seed_report):
    """``seed_renders("booklet-a5")`` or ``seed_renders("poster-print@A3")`` → (document, PDF
    bytes written from it): the render stage's layout of the seed (no copyfitting), made once a
    session for the tests that read it (charts, visual)."""
    from xinhui_print.build import with_paper
    from xinhui_print.layout import load_layout
    from xinhui_print.render import render

    made: dict[str, tuple] = {}

    def get(name: str) -> tuple:
        if name not in made:
            layout_name, _, paper = name.partition("@")
            document = render(seed_report, with_paper(load_layout(layout_name), paper or None)).document
            made[name] = document, document.write_pdf()
        return made[name]

    return get


@pytest.fixture
def cli():
    """``cli("build", …)`` runs the command line in a fresh process."""
    return run_cli


QUIET_CATEGORIES = (DeprecationWarning, PendingDeprecationWarning)
"""Library deprecations are the libraries' business; everything else a test triggers is ours."""


def pytest_configure(config):
    config.addinivalue_line("markers", "expect_warnings: the test checks warnings or log records itself")


BUILT_ONCE = ("booklet_build", "press_build", "press_build_again", "numbered_press_pdf", "renders",
              "local_batch", "clean_pdf", "variants", "seed_sets", "seed_renders", "press_booklet_build")
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
