"""Every probe in ``tests/hostile/cases/`` answers with its exit code and one-line message.

A probe that only answers (exit code, message, files left alone) runs the command line's
entry, ``xinhui_print.cli.main``, in this process with its output captured; a probe about the
process itself — environment variables read at start, limits of time, memory or recursion a
regression could blow through, a server — runs as its own process (``fresh_process``).
"""

from __future__ import annotations

import os
import re
import runpy
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from xinhui_print import cli

CASES = Path(__file__).parent / "cases"
ROOT = Path(__file__).resolve().parents[2]


def case_dirs() -> list[Path]:
    return sorted(path.parent for path in CASES.glob("*/case.toml"))


def fill(argument: str, case: Path, tmp: Path) -> str:
    return argument.replace("{case}", str(case)).replace("{tmp}", str(tmp))


def snapshot(tmp: Path, patterns: list[str]) -> dict[str, bytes]:
    return {str(path.relative_to(tmp)): path.read_bytes()
            for pattern in patterns for path in sorted(tmp.glob(pattern)) if path.is_file()}


def fresh_process(spec: dict) -> bool:
    """Environment variables are read when a process starts; ``process = true`` marks the others."""
    return "env" in spec or spec.get("process", False)


def in_a_process(arguments: list[str], spec: dict, case: Path, tmp: Path) -> tuple[int, str]:
    env = {**os.environ, **{name: fill(value, case, tmp) for name, value in spec.get("env", {}).items()}}
    result = subprocess.run([sys.executable, "-m", "xinhui_print", *arguments], cwd=ROOT, capture_output=True,
                            text=True, env=env, timeout=spec.get("seconds", 60), check=False)
    return result.returncode, result.stderr


def in_this_process(arguments: list[str], spec: dict, capfd) -> tuple[int, str]:
    """``main(arguments)`` as ``python -m xinhui_print`` calls it; any exception it lets out fails the test."""
    started = time.monotonic()
    try:
        code = cli.main(arguments)
    except SystemExit as stop:  # argparse's usage errors
        code = stop.code if isinstance(stop.code, int) else 1
    assert time.monotonic() - started <= spec.get("seconds", 60), "took longer than the case allows"
    return code, capfd.readouterr().err


@pytest.mark.expect_warnings  # the case's stderr is what is checked, as a user sees it
@pytest.mark.parametrize("case", case_dirs(), ids=lambda path: path.name)
def test_probe(case: Path, tmp_path: Path, capfd, monkeypatch) -> None:
    spec = tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))
    monkeypatch.chdir(ROOT)
    if (case / "make.py").exists():  # writes the case's inputs into tmp_path
        monkeypatch.setattr(sys, "argv", [str(case / "make.py"), str(tmp_path)])
        runpy.run_path(str(case / "make.py"), run_name="__main__")
    before = snapshot(tmp_path, spec.get("unchanged", []))
    arguments = [fill(a, case, tmp_path) for a in spec["command"]]
    capfd.readouterr()
    if fresh_process(spec):
        code, stderr = in_a_process(arguments, spec, case, tmp_path)
    else:
        code, stderr = in_this_process(arguments, spec, capfd)
    assert "Traceback" not in stderr, stderr
    assert code == spec["exit"], stderr
    if "message" in spec:
        assert re.search(spec["message"], stderr), stderr
    if spec["exit"] != 0:  # one error line, whatever warnings came before it
        errors = [line for line in stderr.splitlines() if ": error:" in line]
        assert len(errors) == 1, stderr
    assert snapshot(tmp_path, spec.get("unchanged", [])) == before
