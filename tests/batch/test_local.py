"""``xinhui-print batch`` on this machine: variants built, a broken one failing alone, the
same bytes as ``build`` alone, unchanged reports skipped, a changed layout rebuilt."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from xinhui_print.cli import main

from .conftest import ROOT, SMALL, by_report, run_cli, summary


def manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def stamps(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def test_variants_are_built_and_the_broken_report_fails_alone(local_batch):
    result = local_batch.result
    assert result.returncode == 1, result.stderr  # one failed: exit 1
    assert "Traceback" not in result.stderr
    reports = by_report(local_batch.out)
    for report_id in local_batch.variants:
        assert reports[report_id]["status"] == "built"
        folder = local_batch.out / report_id
        files = manifest(folder)["files"]
        assert {f["path"] for f in files} == {p.name for p in folder.iterdir()} - {"manifest.json"}
        assert len(files) == reports[report_id]["files"] == 3  # PDF, PNG, alt text
        assert f"✓ {report_id} built: 3 files" in result.stderr
    broken = reports["broken"]
    assert broken["status"] == "failed"
    located = re.match(rf"{re.escape(str(local_batch.broken))}:(\d+):\d+: failed to parse YAML", broken["error"])
    assert located and int(located[1]) in (local_batch.broken_line, local_batch.broken_line + 1)  # YAML sees it late
    assert f"✗ {located[0]}" in result.stderr
    again = reports["variant-x-copy"]
    assert again["status"] == "failed" and "'variant-1' is also the id of" in again["error"]
    assert not (local_batch.out / "broken").exists()
    counts = summary(local_batch.out)
    assert (counts["built"], counts["skipped"], counts["failed"]) == (4, 0, 2)
    assert reports["pengjiang-2024"]["input"] == str(local_batch.article)
    assert manifest(local_batch.out / "pengjiang-2024")["source"] == str(local_batch.article)
    assert "notes.md" not in result.stderr


def test_each_variant_shows_its_own_place(local_batch):
    for report_id, path in local_batch.variants.items():
        place = next(line.split(":")[1].strip() for line in path.read_text().splitlines()
                     if line.strip().startswith("place:"))
        alt = (local_batch.out / report_id / "cards-wechat-cover@1x-01of01.txt")
        assert place in alt.read_text(encoding="utf-8"), report_id


def test_a_report_built_in_a_batch_has_the_bytes_of_one_built_alone(local_batch, tmp_path):
    variant = local_batch.variants["variant-2"]
    alone = run_cli("build", str(variant), "--out", str(tmp_path), *SMALL)
    assert alone.returncode == 0, alone.stderr
    batch_folder, alone_folder = local_batch.out / "variant-2", tmp_path / "variant-2"
    batch_manifest, alone_manifest = manifest(batch_folder), manifest(alone_folder)
    assert batch_manifest.pop("inputs").startswith("sha256:")
    assert batch_manifest == alone_manifest
    for entry in alone_manifest["files"]:
        assert (batch_folder / entry["path"]).read_bytes() == (alone_folder / entry["path"]).read_bytes()


def test_an_unchanged_batch_is_skipped_a_deleted_output_rebuilt_and_force_rebuilds(local_batch, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(local_batch.out, out)
    (out / "variant-3" / "cards-wechat-cover@1x-01of01.png").unlink()
    before = {report_id: stamps(out / report_id) for report_id in ("variant-1", "variant-2")}
    again = run_cli("batch", str(local_batch.inputs), "--out", str(out), *SMALL)
    assert again.returncode == 1  # the broken report still fails
    reports = by_report(out)
    assert [reports[r]["status"] for r in local_batch.variants] == ["skipped", "skipped", "built"]
    assert reports["pengjiang-2024"]["status"] == "skipped"  # the article too
    assert {r: stamps(out / r) for r in before} == before  # nothing rewritten
    assert "– variant-2 skipped" in again.stderr
    for name in ("cards-wechat-cover@1x-01of01.png", "manifest.json"):
        assert (out / "variant-3" / name).read_bytes() == (local_batch.out / "variant-3" / name).read_bytes()
    forced = run_cli("batch", str(local_batch.variants["variant-2"]), "--out", str(out), "--force", *SMALL)
    assert forced.returncode == 0, forced.stderr
    assert by_report(out)["variant-2"]["status"] == "built"
    assert stamps(out / "variant-2") != before["variant-2"]
    assert manifest(out / "variant-2") == manifest(local_batch.out / "variant-2")


def copy_project(home: Path) -> Path:
    for name in ("layouts", "fonts"):
        shutil.copytree(ROOT / name, home / name)
    shutil.copytree(ROOT / "data" / "icc", home / "data" / "icc")
    return home


def test_a_changed_layout_file_rebuilds_the_report(local_batch, tmp_path):
    home = copy_project(tmp_path / "home")
    env = {**os.environ, "XINHUI_PRINT_HOME": str(home)}
    out = tmp_path / "out"
    shutil.copytree(local_batch.out / "variant-1", out / "variant-1")
    variant = str(local_batch.variants["variant-1"])
    same = run_cli("batch", variant, "--out", str(out), *SMALL, env=env)
    assert same.returncode == 0, same.stderr
    assert by_report(out)["variant-1"]["status"] == "skipped"  # the copy's files are the same
    css = next((home / "layouts" / "cards" / "css").glob("*.css"))
    css.write_text(css.read_text(encoding="utf-8") + "\n.card { letter-spacing: 0.02em; }\n", encoding="utf-8")
    changed = run_cli("batch", variant, "--out", str(out), *SMALL, env=env)
    assert changed.returncode == 0, changed.stderr
    assert by_report(out)["variant-1"]["status"] == "built"
    assert manifest(out / "variant-1")["inputs"] != manifest(local_batch.out / "variant-1")["inputs"]
    again = run_cli("batch", variant, "--out", str(out), *SMALL, env=env)
    assert by_report(out)["variant-1"]["status"] == "skipped", again.stderr


def test_unknown_layout_is_one_line_exit_2_and_nothing_written(local_batch, tmp_path, capsys):
    assert main(["batch", str(local_batch.inputs), "--out", str(tmp_path / "out"), "--layout", "nope"]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "unknown layout 'nope'" in lines[0]
    assert not (tmp_path / "out").exists()


def test_a_folder_without_reports_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "readme.md").write_text("nothing to build\n")
    assert main(["batch", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    error = capsys.readouterr().err
    assert "no report files" in error and "Traceback" not in error


def test_workers_and_scheduler_together_are_a_usage_error(tmp_path, capsys):
    assert main(["batch", str(tmp_path), "--out", str(tmp_path), "--workers", "2",
                 "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "--workers" in capsys.readouterr().err


def test_no_worker_outlives_an_interrupted_batch(local_batch, tmp_path):
    """The batch is killed mid-build (SIGKILL, no clean-up): its worker processes go with it."""
    import signal
    import sys
    import time

    process = subprocess.Popen([sys.executable, "-m", "xinhui_print", "batch", str(local_batch.inputs),
                                "--out", str(tmp_path / "out"), "--force", *SMALL], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children: set[int] = set()
    deadline = time.monotonic() + 60
    while len(children) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
        children = child_pids(process.pid)
    assert len(children) >= 2, "the batch started no worker processes"
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(pid) for pid in children)


def child_pids(parent: int) -> set[int]:
    found = set()
    for task in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = task.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            found.add(int(task.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
