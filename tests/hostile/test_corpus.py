"""Every probe in ``tests/hostile/cases/`` answers with its exit code and one-line message."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

CASES = Path(__file__).parent / "cases"
ROOT = Path(__file__).resolve().parents[2]


def case_dirs() -> list[Path]:
    return sorted(path.parent for path in CASES.glob("*/case.toml"))


def fill(argument: str, case: Path, tmp: Path) -> str:
    return argument.replace("{case}", str(case)).replace("{tmp}", str(tmp))


def snapshot(tmp: Path, patterns: list[str]) -> dict[str, bytes]:
    return {str(path.relative_to(tmp)): path.read_bytes()
            for pattern in patterns for path in sorted(tmp.glob(pattern)) if path.is_file()}


@pytest.mark.parametrize("case", case_dirs(), ids=lambda path: path.name)
def test_probe(case: Path, tmp_path: Path) -> None:
    spec = tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))
    if (case / "make.py").exists():
        subprocess.run([sys.executable, str(case / "make.py"), str(tmp_path)], check=True, cwd=ROOT)
    before = snapshot(tmp_path, spec.get("unchanged", []))
    command = [sys.executable, "-m", "xinhui_print", *(fill(a, case, tmp_path) for a in spec["command"])]
    env = {**os.environ, **{name: fill(value, case, tmp_path) for name, value in spec.get("env", {}).items()}}
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env,
                            timeout=spec.get("seconds", 60), check=False)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == spec["exit"], result.stderr
    if "message" in spec:
        assert re.search(spec["message"], result.stderr), result.stderr
    if spec["exit"] != 0:  # one error line, whatever warnings came before it
        errors = [line for line in result.stderr.splitlines() if ": error:" in line]
        assert len(errors) == 1, result.stderr
    assert snapshot(tmp_path, spec.get("unchanged", [])) == before
