"""A build is a transaction on ``out/<report-id>/``: the previous set or the new one, never a mix.

- **Stage.** Every file of the new set is written into ``out/<id>/.xinhui-build/``;
  the press checks read them there.  The staged ``manifest.json``, written last, is
  the commit record: it exists only once the whole set is there and checked.
- **Commit.** The staged files are renamed into ``out/<id>/``, the files the previous
  manifest listed and the new one does not are removed, the manifest is renamed last
  and the stage folder removed.  Each step can be repeated.
- **Failure** (an error, Ctrl-C): the stage folder is removed; ``out/<id>/`` was not
  touched.  **A kill** leaves the stage folder behind: the next build of the report
  first removes it (no staged manifest: the killed build had not finished) or
  finishes its commit (a staged manifest: it had).
- Files we never wrote (not listed by a manifest of ours) are never touched.  Two
  builds of the same report into the same folder take turns (a lock on
  ``out/<id>/.xinhui-build.lock``, removed when the build ends).
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from pathlib import Path

from ..errors import BuildError, InputError, Location

STAGE_NAME = ".xinhui-build"
LOCK_NAME = ".xinhui-build.lock"
MANIFEST_NAME = "manifest.json"


class OutputFolder:
    """``out/<id>/`` during one build: ``stage`` is where the build writes."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.stage = folder / STAGE_NAME
        self._created: list[Path] = []
        self._lock: int | None = None

    def open(self) -> OutputFolder:
        """Create and lock the folder, finish or drop an interrupted build, make the stage.

        An output that cannot be written (a file, a folder without write permission)
        is an input error, found before any work is done."""
        self._created = [p for p in (self.folder, *self.folder.parents) if not p.exists()]
        existing = next(p for p in (self.folder, *self.folder.parents) if p.exists())
        if not existing.is_dir():
            raise InputError("is a file, not a folder: cannot write the build here", Location(existing))
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._lock = lock(self.folder / LOCK_NAME)
            recover(self.folder)
            self.stage.mkdir()
        except OSError as error:
            self.abandon()
            raise InputError(f"cannot write the build here: {error.strerror or error}",
                             Location(_first_path(error, self.folder))) from None
        return self

    def commit(self) -> None:
        """Move the staged set (its manifest written) into the folder."""
        try:
            commit(self.folder)
        except OSError as error:
            raise BuildError(f"{self.folder}: could not finish writing the new files ({error}); "
                             "the next build finishes it") from None
        finally:
            self._release()

    def abandon(self) -> None:
        """Drop the staged files: the folder keeps the previous set.  A stage holding its
        manifest is a commit under way: it is kept for the next build to finish."""
        if not (self.stage / MANIFEST_NAME).is_file():
            shutil.rmtree(self.stage, ignore_errors=True)
        self._release()
        for folder in self._created:  # folders this build made, if still empty
            try:
                folder.rmdir()
            except OSError:
                break

    def _release(self) -> None:
        if self._lock is not None:
            (self.folder / LOCK_NAME).unlink(missing_ok=True)  # a waiting build then locks a new file
            os.close(self._lock)  # closing the file releases the lock
            self._lock = None


def lock(path: Path) -> int:
    """Wait for, then hold, an exclusive lock on ``path``; the holder removes the file when done.

    A POSIX lock: held by this process only, not by the workers it forks.  A build that
    waited on a file its holder has since removed tries again on the new one."""
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        fcntl.lockf(handle, fcntl.LOCK_EX)
        try:
            if os.stat(path).st_ino == os.fstat(handle).st_ino:
                return handle
        except FileNotFoundError:
            pass
        os.close(handle)


def _first_path(error: OSError, default: Path) -> Path:
    return Path(error.filename) if error.filename else default


def recover(folder: Path) -> None:
    """Finish the commit of a build killed while committing; drop a killed build's stage."""
    stage = folder / STAGE_NAME
    if (stage / MANIFEST_NAME).is_file():
        commit(folder)
    elif stage.exists():
        shutil.rmtree(stage)


def commit(folder: Path) -> None:
    """Stage → folder, in an order that survives a kill at any point (see the module doc)."""
    stage = folder / STAGE_NAME
    new = listed_paths(stage / MANIFEST_NAME)
    for name in new:
        staged = stage / name
        if staged.is_file():  # else already moved by an interrupted commit
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, folder / name)
    for name in listed_paths(folder / MANIFEST_NAME) - new:
        if not (folder / name).is_dir():
            (folder / name).unlink(missing_ok=True)
    os.replace(stage / MANIFEST_NAME, folder / MANIFEST_NAME)
    shutil.rmtree(stage)


def listed_paths(manifest: Path) -> set[str]:
    """The files a manifest of ours lists: relative paths inside its folder only (never
    ``..``, absolute paths, the manifest or the stage), so a damaged or hand-edited
    manifest cannot make a build remove anything else."""
    try:
        files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
        paths = {str(entry["path"]) for entry in files}
    except (OSError, ValueError, KeyError, TypeError):
        return set()
    return {path for path in paths if _inside(path)}


def _inside(path: str) -> bool:
    parts = Path(path).parts
    return (bool(parts) and not Path(path).is_absolute() and ".." not in parts
            and parts[0] not in (STAGE_NAME, LOCK_NAME, MANIFEST_NAME) and "\\" not in path)
