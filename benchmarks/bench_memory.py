"""Memory of a build: the largest process and the whole process tree, sampled while it runs.

Runs ``xinhui-print build`` (default layouts, or the ``--layout`` given) in a fresh
process into a temporary folder, ``--runs`` times, and samples every ``--every``
seconds the resident size (``VmRSS``) of the build process and of every process
below it (Ghostscript, …).  Prints per run the wall time, the peak of the largest
single process and the peak of the tree's sum, then the medians.

Bars (issue 10): largest process ≤ 300 MB, whole tree ≤ 400 MB.  Prints the load
average beside the numbers (the machine is shared; RSS does not depend on load,
wall time does).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LARGEST_MB, TREE_MB = 300, 400


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0.0


def children(pid: int) -> list[int]:
    found = []
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        for task in tasks:
            text = (task / "children").read_text().split()
            found.extend(int(child) for child in text)
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return found


def tree(pid: int) -> list[int]:
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        queue.extend(children(current))
    return pids


def measure(command: list[str], every: float) -> tuple[float, float, float, int]:
    """(wall s, largest process MB, tree MB, exit code) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    largest = total = 0.0
    while process.poll() is None:
        sizes = [rss_mb(pid) for pid in tree(process.pid)]
        largest, total = max(largest, *sizes), max(total, sum(sizes))
        time.sleep(every)
    wall = time.perf_counter() - start
    if process.returncode:
        sys.stderr.write(process.stderr.read())
    return wall, largest, total, process.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--every", type=float, default=0.02, help="sampling interval in seconds")
    parser.add_argument("--layout", action="append", default=[], help="layouts to build (default: every default)")
    parser.add_argument("--press", action="store_true", help="build --press")
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    command = [str(ROOT / ".venv/bin/xinhui-print"), "build", "--out", str(out)]
    command += [part for name in args.layout for part in ("--layout", name)]
    command += ["--press"] if args.press else []
    rows = []
    try:
        for run in range(args.runs):
            wall, largest, total, code = measure(command, args.every)
            if code:
                print(f"  run {run + 1}: build failed (exit {code})")
                return 1
            rows.append((wall, largest, total))
            print(f"  run {run + 1}: {wall:.2f} s, largest process {largest:.0f} MB, tree {total:.0f} MB", flush=True)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    load = Path("/proc/loadavg").read_text().split()[:3]
    wall, largest, total = (statistics.median(column) for column in zip(*rows))
    what = " ".join(command[1:2] + command[4:])
    ok = largest <= LARGEST_MB and total <= TREE_MB
    print(f"bench_memory: `{what}`, {args.runs} runs, load average {' '.join(load)} (2-core machine)")
    print(f"  median wall {wall:.2f} s; largest process {largest:.0f} MB (bar {LARGEST_MB}), "
          f"tree {total:.0f} MB (bar {TREE_MB})  {'ok' if ok else 'OVER'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
