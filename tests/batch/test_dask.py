"""``xinhui-print batch --scheduler``: a real Dask cluster (a scheduler and two workers, started
here on 127.0.0.1 with free ports), one worker killed mid-batch, its report built elsewhere."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT, SMALL, by_report, summary

DASK = str(Path(sys.executable).parent / "dask")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(args: list[str], cwd: Path, env: dict) -> subprocess.Popen:
    """A cluster process in a session of its own, so that it can be killed with everything it started."""
    return subprocess.Popen([DASK, *args], cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def cluster(tmp_path):
    """(scheduler address, {worker name: process}, a client); everything stopped afterwards.

    The scheduler gives a lost worker's task up at once (``allowed-failures`` 0) and
    hands out one task per worker, so a re-run can only come from the batch's ``--retries``."""
    from distributed import Client

    address = f"tcp://127.0.0.1:{free_port()}"
    env = {**os.environ, "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "0",
           "DASK_DISTRIBUTED__SCHEDULER__WORKER_SATURATION": "1.0"}
    workdir = tmp_path / "cluster"  # the workers' own folder: nothing of theirs lands in --out
    workdir.mkdir()
    processes = {"scheduler": start(["scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                                     "--no-dashboard", "--idle-timeout", "300"], workdir, env)}
    for name in ("w1", "w2"):
        processes[name] = start(["worker", address, "--name", name, "--nthreads", "1", "--host", "127.0.0.1",
                                 "--no-dashboard", "--death-timeout", "60"], workdir, env)
    try:
        with Client(address, timeout="60s", set_as_default=False) as client:
            client.wait_for_workers(2, timeout=60)
            yield address, processes, client
    finally:
        for process in reversed(processes.values()):
            stop(process)


def worker_running_a_report(client, name: str, deadline: float) -> bool:
    while time.monotonic() < deadline:
        names = {address: info["name"] for address, info in client.scheduler_info()["workers"].items()}
        busy = {names.get(address) for address, keys in client.processing().items()
                if any(str(key).startswith("xinhui-print-") for key in keys)}
        if name in busy:
            return True
        time.sleep(0.05)
    return False


def test_a_batch_on_a_dask_cluster_survives_a_killed_worker(cluster, local_batch, tmp_path):
    address, processes, client = cluster
    out = tmp_path / "out"
    variants = [str(path) for path in local_batch.variants.values()]
    batch = subprocess.Popen([sys.executable, "-m", "xinhui_print", "batch", *variants, "--out", str(out),
                              "--scheduler", address, "--retries", "1", *SMALL], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert worker_running_a_report(client, "w1", time.monotonic() + 120), "w1 never got a report"
        os.killpg(processes["w1"].pid, signal.SIGKILL)  # the worker and its nanny: a lost machine
        _, stderr = batch.communicate(timeout=180)
    finally:
        if batch.poll() is None:
            batch.kill()
    assert batch.returncode == 0, stderr
    reports = by_report(out)
    assert [reports[r]["status"] for r in local_batch.variants] == ["built"] * 3
    assert max(reports[r]["attempts"] for r in local_batch.variants) == 2  # the killed worker's report, re-run
    assert summary(out)["where"] == address
    for report_id in local_batch.variants:  # the same bytes as the local batch (files came back to the client)
        for path in (local_batch.out / report_id).iterdir():
            assert (out / report_id / path.name).read_bytes() == path.read_bytes(), path.name
    assert not any((tmp_path / "cluster").rglob("*.pdf"))
