"""Build: determinism, atomic writes, exit codes and one-line errors."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from xinhui_print.build.manifest import Manifest
from xinhui_print.data.writer import write_atomic

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "xinhui-2023.yaml"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_same_input_gives_byte_identical_pdfs(booklet_build, cli, tmp_path):
    first, _ = booklet_build
    result = cli("build", str(SEED), "--layout", "booklet-a5", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert digest(tmp_path / "xinhui-2023" / "booklet-a5.pdf") == digest(first / "booklet-a5.pdf")
    assert (tmp_path / "xinhui-2023" / "manifest.json").read_bytes() == (first / "manifest.json").read_bytes()


def test_bad_data_exits_2_with_one_line_and_keeps_the_good_file(booklet_build, cli, tmp_path):
    good, _ = booklet_build
    out = tmp_path / "out"
    shutil.copytree(good, out / "xinhui-2023")
    before = digest(out / "xinhui-2023" / "booklet-a5.pdf")
    broken = tmp_path / "broken.yaml"
    broken.write_text(SEED.read_text(encoding="utf-8").replace("figure: 5.1%", "figure: [5.1"), encoding="utf-8")
    result = cli("build", str(broken), "--out", str(out))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "broken.yaml:" in lines[0]
    assert "Traceback" not in result.stderr
    assert digest(out / "xinhui-2023" / "booklet-a5.pdf") == before


def test_unknown_layout_lists_the_available_ones(cli, tmp_path):
    result = cli("build", str(SEED), "--layout", "nope", "--out", str(tmp_path))
    assert result.returncode == 2
    assert "unknown layout 'nope'" in result.stderr and "booklet-a5" in result.stderr
    assert not any(tmp_path.iterdir())


def test_missing_data_file_is_a_usage_error(cli, tmp_path):
    result = cli("build", str(tmp_path / "missing.yaml"), "--out", str(tmp_path))
    assert result.returncode == 2
    assert "missing.yaml" in result.stderr and "Traceback" not in result.stderr


def test_unknown_option_exits_2(cli):
    result = cli("build", "--no-such-option")
    assert result.returncode == 2


def test_debug_shows_the_traceback(cli, tmp_path):
    result = cli("--debug", "build", str(tmp_path / "missing.yaml"))
    assert result.returncode != 0 and "Traceback" in result.stderr


def test_write_atomic_leaves_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    import os

    from xinhui_print.data import writer

    target = tmp_path / "file.pdf"
    target.write_bytes(b"good")
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle, mode):
            self.file = real_fdopen(handle, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

        def write(self, data):
            self.file.write(data[:2])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer.os, "fdopen", FullDisk)
    with pytest.raises(OSError):
        write_atomic(target, b"bad data")
    assert target.read_bytes() == b"good"
    assert [p.name for p in tmp_path.iterdir()] == ["file.pdf"]


def test_manifest_entries_are_sorted_and_relative(tmp_path):
    manifest = Manifest("r", "data/r.yaml", tmp_path)
    manifest.add_file("b.pdf", b"2", "x", "screen", "pdf", pages=4)
    manifest.add_file("a.pdf", b"1", "x", "screen", "pdf", pages=4)
    data = manifest.as_json()
    assert [f["path"] for f in data["files"]] == ["a.pdf", "b.pdf"]
    assert data["files"][0]["sha256"] == hashlib.sha256(b"1").hexdigest()


def test_build_accepts_the_article_itself(booklet_build, cli, tmp_path):
    """The seed article and the YAML data are the same report: same booklet bytes."""
    first, _ = booklet_build
    article = ROOT / "tests" / "data" / "articles" / "shudu-xinhui-2023.txt"
    result = cli("build", str(article), "--layout", "booklet-a5", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    assert digest(tmp_path / "xinhui-2023" / "booklet-a5.pdf") == digest(first / "booklet-a5.pdf")


@pytest.mark.parametrize("option", [["--preset", "tiktok"], ["--density", "0"], ["--density", "-2"]])
def test_bad_social_option_fails_before_anything_is_written(cli, tmp_path, option):
    result = cli("build", str(SEED), "--layout", "booklet-a5", "--layout", "cards", *option,
                 "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
