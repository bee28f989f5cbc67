"""Misuse at the command line: checked before any work, answered in one line with the right code."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest

from xinhui_print import cli
from xinhui_print.build import BuildOptions, ignored_options, plan, producers
from xinhui_print.cli.checks import finite_float

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "xinhui-2023.yaml"


@pytest.fixture
def no_rendering(monkeypatch):
    """Fail the test if the build gets as far as laying anything out (a printable layout's
    one layout pass is its copyfitting)."""
    def fit(*_args, **_kwargs):
        raise AssertionError("rendered before the output was checked")

    monkeypatch.setattr(producers, "fit", fit)


def run(capsys, *args: str) -> tuple[int, str]:
    code = cli.main([*args])
    return code, capsys.readouterr().err


def test_out_is_a_file_fails_before_rendering(tmp_path, capsys, no_rendering):
    blocker = tmp_path / "out"
    blocker.write_text("mine", encoding="utf-8")
    code, err = run(capsys, "build", str(SEED), "--layout", "booklet-a5", "--out", str(blocker))
    assert code == 2
    assert err == f"xinhui-print: error: {blocker}: is a file, not a folder: cannot write the build here\n"
    assert blocker.read_text(encoding="utf-8") == "mine"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_out_fails_before_rendering(tmp_path, capsys, no_rendering):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    code, err = run(capsys, "build", str(SEED), "--layout", "booklet-a5", "--out", str(locked))
    assert code == 2 and "cannot write the build here: Permission denied" in err
    assert list(locked.iterdir()) == []


def test_unwritable_out_fails_before_rendering(capsys, no_rendering):
    """``/sys`` refuses new folders even to root: the read-only case wherever tests run."""
    code, err = run(capsys, "build", str(SEED), "--layout", "booklet-a5", "--out", "/sys/xinhui-print-test")
    assert code == 2
    assert err.startswith("xinhui-print: error: /sys/xinhui-print-test: cannot write the build here: ")
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize("name", ["", "_base", "../layouts/booklet-a5"])
def test_a_layout_one_cannot_build_is_a_usage_error(name, capsys, tmp_path):
    code, err = run(capsys, "build", str(SEED), "--layout", name, "--out", str(tmp_path))
    assert code == 2 and f"unknown layout {name!r}; available layouts: booklet-a5, cards" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("text", ["nan", "inf", "-inf", "NaN", "1e999"])
def test_numbers_must_be_finite(text):
    with pytest.raises(argparse.ArgumentTypeError, match="not a finite number"):
        finite_float(text)


def test_a_finite_number_passes():
    assert finite_float("0.25") == 0.25


@pytest.mark.parametrize(("layouts", "given", "ignored"), [
    (["booklet-a5"], {"presets": ["ig"], "densities": [2.0], "qr_url": "https://example.org"},
     ["presets", "densities", "qr_url"]),
    (["poster-long"], {"presets": ["ig"], "densities": [2.0], "paper": "A4"}, ["presets", "paper"]),
    (["cards"], {"presets": ["ig"], "press": True, "crop_marks": True}, ["crop_marks", "press"]),
    (["booklet-a5"], {"crop_marks": True}, ["crop_marks"]),
    (["booklet-a5", "cards"], {"presets": ["ig"], "press": True, "crop_marks": True, "paper": "A4"}, []),
])
def test_options_no_layout_uses_are_named(layouts, given, ignored):
    options = BuildOptions(layouts=layouts, **given)
    assert sorted(ignored_options(options, plan(options))) == sorted(ignored)


def test_an_ignored_option_is_still_checked():
    with pytest.raises(Exception, match="density must be more than 0"):
        plan(BuildOptions(layouts=["booklet-a5"], densities=[-2.0]))


def test_layouts_without_a_project_folder(tmp_path, capsys, monkeypatch):
    from xinhui_print.project import project

    monkeypatch.setenv("XINHUI_PRINT_HOME", str(tmp_path / "nowhere"))
    project.cache_clear()
    try:
        code, err = run(capsys, "layouts")
    finally:
        monkeypatch.delenv("XINHUI_PRINT_HOME")
        project.cache_clear()
    assert code == 2
    assert err == (f"xinhui-print: error: XINHUI_PRINT_HOME={tmp_path / 'nowhere'} is not a xinhui-print "
                   f"folder (no {tmp_path / 'nowhere' / 'layouts'})\n")


def test_an_os_error_at_the_boundary_is_one_line(monkeypatch, capsys):
    from xinhui_print.cli import layouts

    def broken(args):
        raise PermissionError(13, "Permission denied", "/srv/layouts/cards")

    monkeypatch.setattr(layouts, "run", broken)
    code, err = run(capsys, "layouts")
    assert (code, err) == (1, "xinhui-print: error: /srv/layouts/cards: Permission denied\n")


def test_a_library_error_at_the_boundary_is_one_line_naming_debug(monkeypatch, capsys):
    from xinhui_print.cli import layouts

    def broken(args):
        raise ValueError("Page size must be between 3 and 14400 PDF units")

    monkeypatch.setattr(layouts, "run", broken)
    code, err = run(capsys, "layouts")
    assert code == 1
    assert err == ("xinhui-print: error: unexpected ValueError: Page size must be between 3 and 14400 PDF units "
                   "(run with --debug for the traceback)\n")
    with pytest.raises(ValueError):
        cli.main(["--debug", "layouts"])
