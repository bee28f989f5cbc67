"""Benchmark: 12 reports, screen outputs — a batch against building them one after another.

Run: ``.venv/bin/python benchmarks/bench_batch.py [--reports N]``.  The reports are
variants of the seed (other ids, places, chapter order; every chapter kept), built
with the default layouts (A5 booklet, long poster 1× and 2×, ``xhs`` cards) and no
press files.

1. one after another: :func:`xinhui_print.build.build` in this process, report after
   report, as ``build`` runs them (one process).  Imports and data loading happen before
   the clock.
2. local batch: :func:`xinhui_print.batch.run_batch` on a local cluster of 2 worker
   processes, everything counted (cluster start, the workers' imports, files sent back).
   Bar: throughput ≥ 1.7× (1).
3. the same batch through a Dask cluster started here (``dask scheduler`` and two
   ``dask worker`` processes on 127.0.0.1).  Bar: every file byte-identical to (2), and
   to (1) (the manifests differ only by the inputs digest the batch records).
4. the unchanged batch again, as a user runs it (``xinhui-print batch`` in a fresh
   process, imports included) and in this process.  Bar: ≤ 5 % of (2).

Where the time goes is printed beside the verdicts: CPU time of the sequential builds
(with their children) against their wall time, and each batch report's build time.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "batch"))

from variants import write_variants  # noqa: E402

from xinhui_print.batch import BatchOptions, run_batch  # noqa: E402
from xinhui_print.build import BuildOptions, build  # noqa: E402
from xinhui_print.data import load_source  # noqa: E402

WORKERS = 2


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def one_after_another(inputs: list[Path], out: Path) -> tuple[float, float]:
    """(wall, CPU of this process and its children) for building every report in turn."""
    reports = [(load_source(path)[0], str(path)) for path in inputs]
    before, started = os.times(), time.perf_counter()
    for report, source in reports:
        build(report, source, BuildOptions(out_root=out))
    wall, after = time.perf_counter() - started, os.times()
    cpu = sum(getattr(after, f) - getattr(before, f) for f in ("user", "system", "children_user", "children_system"))
    return wall, cpu


def batch(inputs: list[Path], out: Path, scheduler: str | None = None):
    options = BatchOptions(workers=WORKERS, scheduler=scheduler, retries=0)
    started = time.perf_counter()
    result = run_batch(inputs, BuildOptions(out_root=out), options)
    return time.perf_counter() - started, result


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def dask_cluster(workdir: Path) -> tuple[str, list[subprocess.Popen]]:
    dask = str(Path(sys.executable).parent / "dask")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"

    def start(*args: str) -> subprocess.Popen:
        return subprocess.Popen([dask, *args], cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)

    processes = [start("scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard",
                       "--idle-timeout", "600")]
    processes += [start("worker", address, "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard",
                        "--death-timeout", "60") for _ in range(WORKERS)]
    from distributed import Client

    with Client(address, timeout="60s") as client:
        client.wait_for_workers(WORKERS, timeout=120)
    return address, processes


def stop(processes: list[subprocess.Popen]) -> None:
    for process in reversed(processes):
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)


def folder_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != "batch.json"}


def without_inputs(files: dict[str, bytes]) -> dict[str, object]:
    """The files, each manifest read without its ``inputs`` digest (``build`` alone records none)."""
    def strip(name: str, data: bytes) -> object:
        if not name.endswith("manifest.json"):
            return data
        manifest = json.loads(data)
        manifest.pop("inputs", None)
        return manifest
    return {name: strip(name, data) for name, data in files.items()}


def rerun_cli(inputs: Path, out: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "xinhui_print", "batch", str(inputs), "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0 or "skipped 0" in result.stderr:
        raise SystemExit(f"re-run failed or rebuilt:\n{result.stderr}")
    return elapsed


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=12)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as folder:
        base = Path(folder)
        inputs = sorted(write_variants(base / "reports", args.reports, chapters=5).values())
        print(f"{len(inputs)} reports, default screen layouts; load average {load()}")

        seq_wall, seq_cpu = one_after_another(inputs, base / "sequential")
        print(f"one after another (build):   {seq_wall:7.1f} s wall, {seq_cpu:6.1f} s CPU "
              f"(uses {seq_cpu / seq_wall:.2f} cores on average); load {load()}")

        local_wall, local = batch(inputs, base / "local")
        tasks, cpu = [o.seconds for o in local.outcomes], sum(o.cpu_seconds for o in local.outcomes)
        print(f"local batch ({WORKERS} workers):      {local_wall:7.1f} s wall; report builds {min(tasks):.1f}–"
              f"{max(tasks):.1f} s, {sum(tasks):.1f} s in all = {sum(tasks) / local_wall:.2f} workers busy on "
              f"average; load {load()}")
        print(f"  CPU per report: {seq_cpu / len(inputs):.1f} s one after another , "
              f"{cpu / len(inputs):.1f} s in a batch worker (serial, in a Dask worker thread)")
        assert local.count("built") == len(inputs), [o.error for o in local.outcomes if o.error]

        address, processes = dask_cluster(base)
        try:
            dask_wall, remote = batch(inputs, base / "dask", scheduler=address)
        finally:
            stop(processes)
        print(f"Dask cluster ({WORKERS} workers):     {dask_wall:7.1f} s wall (cluster already running); "
              f"load {load()}")
        assert remote.count("built") == len(inputs), [o.error for o in remote.outcomes if o.error]

        rerun_wall, again = batch(inputs, base / "local")
        cli_wall = rerun_cli(base / "reports", base / "local")
        assert again.count("skipped") == len(inputs)
        print(f"unchanged re-run:            {cli_wall:7.2f} s as `xinhui-print batch` (fresh process), "
              f"{rerun_wall:.2f} s in this process")

        local_files, dask_files = folder_files(base / "local"), folder_files(base / "dask")
        identical = local_files == dask_files and without_inputs(local_files) == without_inputs(
            folder_files(base / "sequential"))
        throughput = seq_wall / local_wall
        print()
        print(f"throughput, local batch vs one after another: {throughput:.2f}×  (bar ≥ 1.7×)  "
              f"{verdict(throughput >= 1.7)}")
        print(f"Dask cluster output byte-identical ({len(dask_files)} files, and to `build` alone): "
              f"{verdict(identical)}")
        ratio = cli_wall / local_wall
        print(f"unchanged re-run / first run: {100 * ratio:.1f} %  (bar ≤ 5 %)  {verdict(ratio <= 0.05)}")
        print(f"load average at the end {load()}")
        return 0 if identical and throughput >= 1.7 and ratio <= 0.05 else 1


if __name__ == "__main__":
    sys.exit(main())
