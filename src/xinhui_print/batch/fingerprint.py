"""What a report's build reads, as one digest: the manifest records it, and a batch skips
a report whose digest has not changed since its last build.

The digest covers the report's data (the input file's bytes and its name as the
manifest writes it), the build options, and the environment the build reads:

- every file under the project's ``layouts/``, ``fonts/`` and ``data/icc/`` (by content);
- the system font files named in ``fonts/fonts.toml`` (by path, size and modification
  time: the Noto CJK collections are 20 MB each and change only with their package);
- the program: the xinhui-print version, a digest of the package's own files (so a
  changed checkout rebuilds) and the WeasyPrint version.

Any layout's change rebuilds every report, whichever layouts it uses: coarse, but it
never skips a report whose layout chain (``extends``) reached a changed file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from functools import cache
from pathlib import Path

import weasyprint

import xinhui_print

from ..build import BuildOptions
from ..fonts import load_roles
from ..project import project

SKIPPED_NAMES = ("__pycache__",)


def folder_digest(folder: Path) -> str:
    """sha256 over every file below ``folder``: relative path and content, in path order."""
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and not _skipped(p, folder)):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _skipped(path: Path, root: Path) -> bool:
    parts = path.relative_to(root).parts
    return any(part in SKIPPED_NAMES for part in parts) or path.suffix == ".pyc"


def system_fonts() -> list[list]:
    """(path, bytes, mtime) of each font file outside the project's ``fonts/`` folder."""
    fonts_dir = project().fonts_dir
    entries = []
    for role in load_roles().values():
        for file in role.files:
            if file.path.is_relative_to(fonts_dir):
                continue  # shipped fonts are hashed by content with the folder
            stat = file.path.stat() if file.path.exists() else None
            entries.append([str(file.path), stat.st_size if stat else None, stat.st_mtime_ns if stat else None])
    return sorted(entries)


@cache
def program_version() -> str:
    """``xinhui-print 0.1.0+<package digest> weasyprint 70.0``."""
    package = folder_digest(Path(xinhui_print.__file__).parent)[:16]
    return f"xinhui-print {xinhui_print.__version__}+{package} weasyprint {weasyprint.__version__}"


def options_record(options: BuildOptions) -> dict:
    record = asdict(options)
    record.pop("out_root")
    return record


def environment_digest(options: BuildOptions) -> str:
    """Everything a build reads besides the report's data: layouts, fonts, profiles, options,
    program.  The client and each worker compute it; a worker whose project differs refuses."""
    root = project()
    record = {
        "program": program_version(),
        "layouts": folder_digest(root.layouts_dir),
        "fonts": folder_digest(root.fonts_dir),
        "system_fonts": system_fonts(),
        "icc": folder_digest(root.data_dir / "icc"),
        "options": options_record(options),
    }
    return _sha256_json(record)


def inputs_digest(environment: str, source: str, data: bytes) -> str:
    """The digest a manifest records: the environment, the source's name and its bytes."""
    return "sha256:" + _sha256_json({
        "environment": environment, "source": source, "data": hashlib.sha256(data).hexdigest(),
    })


def _sha256_json(record: dict) -> str:
    text = json.dumps(record, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
