"""Batch: many reports at once, on this machine or a Dask cluster (``xinhui-print batch``).

A stage above build: each report is one task that calls :func:`xinhui_print.build.build`
on a Dask worker (a local cluster of one process per core, or a running scheduler),
builds into a temporary folder and sends the files back; the client writes them to
``<out>/<report-id>/`` exactly as ``build`` would, adding the inputs digest to the
manifest.  A report whose inputs digest is unchanged is skipped; one that fails fails
alone, with its located error in ``<out>/batch.json``.

- :func:`run_batch` — inputs + options → :class:`BatchResult` (outcomes, ``batch.json``)
- :mod:`.fingerprint` — what a build reads, as one digest
"""

from .cluster import local_workers
from .run import BatchOptions, BatchResult, Outcome, run_batch

__all__ = ["BatchOptions", "BatchResult", "Outcome", "local_workers", "run_batch"]
