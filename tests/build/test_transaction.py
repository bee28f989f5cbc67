"""A build is a transaction on ``out/<id>/``: the commit, a failure and a kill at every step of it."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from xinhui_print.build import transaction
from xinhui_print.build.manifest import Manifest
from xinhui_print.build.transaction import LOCK_NAME, STAGE_NAME, OutputFolder, recover
from xinhui_print.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
OLD = {"a.pdf": b"old a", "b.png": b"old b", "c.png": b"old c"}
NEW = {"a.pdf": b"new a", "b.png": b"new b", "d.txt": b"new d"}
FOREIGN = {"notes.txt": b"mine", "c.png.bak": b"my copy"}


def write_set(folder: Path, files: dict[str, bytes]) -> OutputFolder:
    """Stage ``files`` with their manifest, as a build does; return the open folder."""
    output = OutputFolder(folder).open()
    manifest = Manifest("r", "data/r.yaml", output.stage)
    for name, data in files.items():
        manifest.add_file(name, data, "x", "screen", "pdf")
    manifest.write()
    return output


def listed(folder: Path) -> dict[str, str]:
    data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return {entry["path"]: entry["sha256"] for entry in data["files"]}


def assert_complete_set(folder: Path, files: dict[str, bytes]) -> None:
    """``folder`` holds exactly ``files`` with their manifest, the foreign files, nothing else."""
    assert listed(folder) == {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    present = {path.name: path.read_bytes() for path in folder.iterdir() if path.name != LOCK_NAME}
    assert present == {**files, **FOREIGN, "manifest.json": (folder / "manifest.json").read_bytes()}


@pytest.fixture
def previous(tmp_path) -> Path:
    """``out/r/`` holding a committed set and two files of the user's."""
    folder = tmp_path / "out" / "r"
    write_set(folder, OLD).commit()
    for name, data in FOREIGN.items():
        (folder / name).write_bytes(data)
    return folder


def test_commit_replaces_the_set_and_removes_only_files_of_the_old_one(previous):
    write_set(previous, NEW).commit()
    assert_complete_set(previous, NEW)
    assert not (previous / LOCK_NAME).exists()


def test_two_builds_of_one_report_take_turns(previous):
    first = write_set(previous, NEW)
    second = subprocess.Popen([sys.executable, "-c", WAIT_FOR_THE_FOLDER, str(previous)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    time.sleep(2)
    assert second.poll() is None  # waiting for the first build
    first.commit()
    assert second.communicate(timeout=30)[0] == "a.pdf b.png d.txt\n"  # then saw the committed set
    assert not (previous / STAGE_NAME).exists() and not (previous / LOCK_NAME).exists()


WAIT_FOR_THE_FOLDER = """
import json, sys
from pathlib import Path
from xinhui_print.build.transaction import OutputFolder
output = OutputFolder(Path(sys.argv[1])).open()
print(*sorted(f["path"] for f in json.loads((output.folder / "manifest.json").read_text())["files"]))
output.abandon()
"""


def test_a_failed_build_leaves_the_previous_set(previous):
    output = OutputFolder(previous).open()
    Manifest("r", "data/r.yaml", output.stage).add_file("a.pdf", b"half a set", "x", "screen", "pdf")
    output.abandon()
    assert_complete_set(previous, OLD)


def test_a_killed_build_is_dropped_by_the_next_one(previous):
    output = OutputFolder(previous).open()
    Manifest("r", "data/r.yaml", output.stage).add_file("a.pdf", b"half a set", "x", "screen", "pdf")
    # killed here: no staged manifest, the folder still holds the previous set
    assert_complete_set_with_stage(previous, OLD)
    recover(previous)
    assert_complete_set(previous, OLD)


def assert_complete_set_with_stage(folder: Path, files: dict[str, bytes]) -> None:
    assert (folder / STAGE_NAME).is_dir()
    assert listed(folder) == {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    for name, data in files.items():
        assert (folder / name).read_bytes() == data


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, no cleanup."""


def commit_killed_at(output: OutputFolder, step: int) -> bool:
    """Commit, killed before its ``step``-th file operation; False if it finished first."""
    done = []

    def operation(real, *args):
        if len(done) == step:
            raise Killed
        done.append(args)
        return real(*args)

    real_replace, real_unlink = transaction.os.replace, Path.unlink
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(transaction.os, "replace", lambda *a: operation(real_replace, *a))
        patch.setattr(Path, "unlink", lambda self, **k: operation(lambda p: real_unlink(p, **k), self))
        patch.setattr(transaction.shutil, "rmtree", lambda *a, **k: operation(lambda *_: None, *a))
        try:
            output.commit()
        except Killed:
            return True
    return False


def test_a_kill_at_every_step_of_the_commit_is_finished_by_the_next_build(tmp_path):
    """Every rename and removal of the commit is a point where a kill can land."""
    step = 0
    while True:
        folder = make_previous(tmp_path / f"kill-{step}")
        if not commit_killed_at(write_set(folder, NEW), step):
            break
        # the commit was under way: its manifest waits in the stage, or it had finished
        assert (folder / STAGE_NAME / "manifest.json").is_file() or listed(folder).keys() == NEW.keys()
        recover(folder)
        assert_complete_set(folder, NEW)
        step += 1
    # renames of the new files, removal of the stale file, the manifest, the stage, the lock file
    assert step == len(NEW) + 4


def make_previous(folder: Path) -> Path:
    write_set(folder, OLD).commit()
    for name, data in FOREIGN.items():
        (folder / name).write_bytes(data)
    return folder


def test_a_failed_commit_is_kept_for_the_next_build(previous, monkeypatch):
    output = write_set(previous, NEW)
    real_replace = transaction.os.replace
    calls = []

    def full_disk(*args):
        calls.append(args)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_replace(*args)

    monkeypatch.setattr(transaction.os, "replace", full_disk)
    with pytest.raises(Exception, match="next build finishes it"):
        output.commit()
    output.abandon()  # what the build does after any error: the staged commit stays
    monkeypatch.setattr(transaction.os, "replace", real_replace)
    recover(previous)
    assert_complete_set(previous, NEW)


def test_a_hand_edited_manifest_cannot_remove_files_outside_the_set(previous):
    outside = previous.parent / "keep.txt"
    outside.write_bytes(b"keep")
    data = json.loads((previous / "manifest.json").read_text(encoding="utf-8"))
    data["files"] += [{"path": "../keep.txt"}, {"path": str(outside)}, {"path": STAGE_NAME}]
    (previous / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    write_set(previous, NEW).commit()
    assert outside.read_bytes() == b"keep"
    assert_complete_set(previous, NEW)


def test_an_output_that_is_a_file_is_refused_before_anything_is_made(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_bytes(b"a file")
    with pytest.raises(InputError, match="is a file, not a folder"):
        OutputFolder(blocker / "r").open()
    assert blocker.read_bytes() == b"a file"


def test_folders_made_by_a_failed_build_are_removed(tmp_path):
    output = OutputFolder(tmp_path / "new" / "out" / "r").open()
    output.abandon()
    assert list(tmp_path.iterdir()) == []
