"""Where the tasks run: a local Dask cluster of worker processes, or a running Dask scheduler.

Local: a ``LocalCluster`` with one single-threaded worker process per core (or
``--workers N``), started for the batch and closed after it.  Its scheduler and
nannies live in this process and each worker process watches its parent, so no
worker outlives the batch, even when the batch is killed.  The scheduler gives a
lost worker's task up at once (``allowed-failures`` 0) and hands out one task per
worker at a time: the batch's ``--retries`` decides what is run again.  The workers'
profiler is off (see ``LOCAL_SETTINGS``).

Remote (``--scheduler tcp://HOST:PORT``): a client of that cluster, which keeps its
own settings (a scheduler re-runs a lost worker's tasks up to its own
``distributed.scheduler.allowed-failures``, 3 by default, before the batch's
``--retries`` come into play).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager

import dask

from ..errors import InputError

CONNECT_TIMEOUT = "10s"
LOCAL_SETTINGS = {
    "distributed.scheduler.allowed-failures": 0,  # a lost worker's task fails at once: --retries decides
    "distributed.scheduler.worker-saturation": 1.0,  # one report per worker at a time
    # A build is one long task: the worker's stack sampler (every 10 ms, through WeasyPrint's deep
    # stacks) and frequent monitors only take CPU from it (measured: ~1.5 s of 13 s per report).
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.monitor-interval": "2s",
    "distributed.admin.system-monitor.interval": "2s",
}


def local_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@contextmanager
def dask_client(scheduler: str | None, workers: int) -> Iterator:
    """A ``distributed.Client`` on a local cluster of ``workers`` processes, or on ``scheduler``."""
    from distributed import Client, LocalCluster

    logging.getLogger("distributed").setLevel(logging.ERROR)
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, ValueError, TypeError) as error:
            raise InputError(f"cannot reach the Dask scheduler at {scheduler} ({error})") from None
        with client:
            yield client
        return
    with dask.config.set(LOCAL_SETTINGS), LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None, silence_logs=logging.ERROR,
    ) as cluster, Client(cluster, set_as_default=False) as client:
        yield client
