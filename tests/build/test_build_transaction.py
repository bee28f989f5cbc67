"""Real builds as transactions: a failing press build, fewer chapters, and SIGKILL at random points.

After any of them ``out/<id>/`` holds the previous complete set or the new one, each
listed file matching its sha256 in the manifest, stale files removed and the user's
own files untouched.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.social.conftest import chapter, report_data
from xinhui_print.build import BuildOptions, build
from xinhui_print.build.transaction import LOCK_NAME, STAGE_NAME, recover
from xinhui_print.errors import BuildError
from xinhui_print.model import Report
from xinhui_print.press import produce as press_produce

ROOT = Path(__file__).resolve().parents[2]
FOREIGN = {"my-notes.txt": b"the editor's own notes", "cards-xhs@1x-99of99.png": b"not ours"}


def synthetic(chapters: int) -> dict:
    items = [f"建设测试园区{n}个，引进项目投资{n * 5}亿元以上" for n in range(1, 7)]
    return report_data([chapter(number, items) for number in range(1, chapters + 1)])


def manifest_of(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def assert_consistent(folder: Path) -> dict[str, str]:
    """Every listed file matches its sha256; no file of ours is left unlisted; foreign files kept."""
    listed = {entry["path"]: entry["sha256"] for entry in manifest_of(folder)["files"]}
    for name, digest in listed.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
    present = {path.name for path in folder.iterdir()} - {"manifest.json", STAGE_NAME, LOCK_NAME}
    assert present == set(listed) | set(FOREIGN)
    for name, data in FOREIGN.items():
        assert (folder / name).read_bytes() == data
    return listed


def add_foreign_files(folder: Path) -> None:
    for name, data in FOREIGN.items():
        (folder / name).write_bytes(data)


def test_a_press_build_failing_its_checks_keeps_the_previous_set(tmp_path, monkeypatch):
    options = BuildOptions(out_root=tmp_path, layouts=["booklet-a5"], press=True)
    build(Report.model_validate(synthetic(1)), "one.yaml", options)
    folder = tmp_path / "synthetic"
    add_foreign_files(folder)
    before = assert_consistent(folder)
    real_press = press_produce.produce_press

    def press_failing_preflight(job, pdf, bleed_mm):
        real_press(job, pdf, bleed_mm)  # writes the new press files, then the shop's preflight finds errors
        raise BuildError(f"{job.layout.name}-press.pdf: preflight (shop-cn) errors: ink coverage 340 %")

    monkeypatch.setattr(press_produce, "produce_press", press_failing_preflight)
    with pytest.raises(BuildError, match="preflight"):
        build(Report.model_validate(synthetic(2)), "two.yaml", options)
    assert assert_consistent(folder) == before
    assert "booklet-a5-press.pdf" in before and not (folder / STAGE_NAME).exists()


def test_fewer_chapters_leave_no_stale_card_images(tmp_path):
    options = BuildOptions(out_root=tmp_path, layouts=["cards"])
    build(Report.model_validate(synthetic(3)), "three.yaml", options)
    folder = tmp_path / "synthetic"
    add_foreign_files(folder)
    many = assert_consistent(folder)
    build(Report.model_validate(synthetic(1)), "one.yaml", options)
    few = assert_consistent(folder)
    assert len([name for name in few if name.endswith(".png")]) < len([n for n in many if n.endswith(".png")])


def write_data(path: Path, chapters: int) -> Path:
    data = json.loads(json.dumps(synthetic(chapters)))  # no shared objects: report data refuses YAML aliases
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def cli_build(data: Path, out: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "xinhui_print", "build", str(data), "--layout", "booklet-a5",
               "--layout", "cards", "--out", str(out)]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)  # its own process group: the kill takes the workers too


def test_sigkill_at_random_points_leaves_the_old_or_the_new_set(tmp_path):
    old_data, new_data = write_data(tmp_path / "old.yaml", 3), write_data(tmp_path / "new.yaml", 1)
    pristine, reference = tmp_path / "pristine", tmp_path / "reference"
    assert cli_build(old_data, pristine).wait() == 0
    add_foreign_files(pristine / "synthetic")
    old = assert_consistent(pristine / "synthetic")
    started = time.monotonic()
    assert cli_build(new_data, reference).wait() == 0
    duration = time.monotonic() - started
    new = {entry["path"]: entry["sha256"] for entry in manifest_of(reference / "synthetic")["files"]}
    assert new != old
    points = random.Random(17)  # kills at 0.35, 0.6, 0.9 and 1.06 of an uninterrupted build's time
    outcomes = []
    for index, point in enumerate(sorted(points.uniform(0.05, 1.1) for _ in range(4))):
        out = tmp_path / f"killed-{index}"
        shutil.copytree(pristine, out)
        build_process = cli_build(new_data, out)
        time.sleep(point * duration)
        os.killpg(build_process.pid, signal.SIGKILL)
        build_process.wait()
        folder = out / "synthetic"
        if not (folder / STAGE_NAME / "manifest.json").is_file():  # unless killed while committing …
            assert assert_consistent(folder) in (old, new)
        recover(folder)  # … which the next build finishes first
        outcomes.append(assert_consistent(folder))
        assert outcomes[-1] in (old, new)
        assert not (folder / STAGE_NAME).exists()
    assert outcomes[0] == old  # a third of the way through, nothing was committed yet
