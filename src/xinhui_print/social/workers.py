"""Parallel work on forked workers: card layouts, rasterising, and the long poster beside the cards.

A card set is measured, and then laid out, as two documents at a time (and the
exact search's rounds likewise); on a machine with more than one core the two
are laid out side by side in forked worker processes (fork: the workers inherit
the imported WeasyPrint, fonts and Pango set-up, so they start in
milliseconds).  HTML strings go in; metrics, or a part's PDF and images, come
back.  ``XINHUI_WORKERS=1`` (or a single core) lays everything out in this
process; results are identical either way.

:func:`start` runs one whole job (the long poster) in a forked process of its
own, beside the pool, so that a build lays the poster out and rasterises it on
one core while the card sets are fitted on the other; inside that process
everything runs serially.
"""

from __future__ import annotations

import atexit
import gc
import multiprocessing
import os
from contextlib import contextmanager
from pathlib import Path

WORKERS_ENV = "XINHUI_WORKERS"

_pool = None
_in_worker = False  # set in a process started by start(): no nested workers


def worker_count() -> int:
    if _in_worker:
        return 1
    wanted = os.environ.get(WORKERS_ENV)
    if wanted is not None:
        return max(1, int(wanted))
    return min(2, os.cpu_count() or 1)


def _lay_out(html: str, width: float, height: float, base: str | None, justify_hook: bool):
    """Lay ``html`` out as the parent would: ``justify_hook`` says whether the parent runs
    with the typesetting stage's WeasyPrint hook installed, and the worker mirrors it."""
    from ..typeset import install_justification
    from ..typeset.weasyprint_hook import uninstall_justification
    from .pages import lay_out_at

    install_justification() if justify_hook else uninstall_justification()
    return lay_out_at(html, width, height, Path(base) if base else None)


def measure_html(html: str, width: float, height: float, base: str | None, count: int, first: int = 0,
                 justify_hook: bool = False) -> list[tuple[int, int]]:
    """Lay out one probe document and measure its ``count`` cards (runs in a worker)."""
    from .fit import measure_document

    return measure_document(_lay_out(html, width, height, base, justify_hook), count, first)


def metrics_html(html: str, width: float, base: str | None, sizes: list[float], card_height: float,
                 first: int = 0, justify_hook: bool = False) -> list:
    """Lay out probe cards on tall pages and read their :class:`~.measure.CardMetrics` (runs in a worker)."""
    from .measure import TALL, card_metrics

    return card_metrics(_lay_out(html, width, TALL, base, justify_hook), sizes, card_height, first)


def lay_out_part(html: str, width: float, height: float, base: str | None, count: int, first: int,
                 rasters: list, justify_hook: bool = False) -> tuple[list[int], bytes | None, list[list]]:
    """Lay out one part of a card set, and when every card is one page, write its PDF and
    rasterise each page at each of ``rasters`` (RasterOptions) (runs in a worker).

    Returns (cards that spilled onto more pages, PDF or None, images per raster per card)."""
    from ..export.raster import encode_image, open_pdf, render_scanlines
    from .pages import card_spans

    document = _lay_out(html, width, height, base, justify_hook)
    spilled = [index for index, (_, pages) in enumerate(card_spans(document, count, first)) if pages != 1]
    if spilled:
        return spilled, None, []
    pdf = document.write_pdf()
    pages = open_pdf(pdf)
    images = [[encode_image(render_scanlines(pages[i], options.density), options, i) for i in range(count)]
              for options in rasters]
    return [], pdf, images


def pool():
    """The shared fork pool (created on first use), or None when running serially."""
    global _pool
    if _in_worker or worker_count() < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    if _pool is None:
        with _frozen_for_fork():
            _pool = multiprocessing.get_context("fork").Pool(worker_count())
        atexit.register(close_pool)
    return _pool


def close_pool() -> None:
    global _pool
    if _pool is not None:
        _pool.terminate()
        _pool.join()
        _pool = None


def measure_all(jobs: list[tuple], function=measure_html) -> list:
    """:func:`run_all` for layout jobs (:func:`measure_html`, :func:`metrics_html`,
    :func:`lay_out_part`): each gets this process's typesetting hook state to mirror."""
    from ..typeset.weasyprint_hook import is_installed

    return run_all(function, [(*job, is_installed()) for job in jobs])


# ---------------------------------------------------------------- rasterising


def raster_page(pdf: bytes, index: int, density: float, master, slices=(), slice_options=None) -> list:
    """One page at one density → [full image, *slices] as RasterImages (runs in a worker).

    ``slices`` are (top, bottom) CSS px bands encoded with ``slice_options``; they are
    rows of the same rendering, never rendered again."""
    from ..export.raster import encode_image, open_pdf, render_scanlines

    document = open_pdf(pdf)
    rows = render_scanlines(document[index], density)
    results = [encode_image(rows, master, index)]
    for number, (top, bottom) in enumerate(slices):
        results.append(encode_image(rows.band(round(top * density), round(bottom * density)), slice_options, number))
    return results


def run_all(function, jobs: list[tuple]) -> list:
    """``[function(*job) for job in jobs]``, on the workers when there are several jobs."""
    workers = pool() if len(jobs) > 1 else None
    if workers is None:
        return [function(*job) for job in jobs]
    return workers.starmap(function, jobs)


# ---------------------------------------------------------------- whole jobs beside the pool


class Pending:
    """A job started by :func:`start`; :meth:`result` waits for it (or runs it, when serial)."""

    def __init__(self, function, args, executor=None, future=None):
        self._function, self._args, self._executor, self._future = function, args, executor, future

    def result(self):
        if self._future is None:
            return self._function(*self._args)
        try:
            return self._future.result()
        finally:
            self._executor.shutdown(wait=True)
            self._future = None


def _run_alone(function, args):
    global _in_worker, _pool
    _in_worker, _pool = True, None  # the parent's pool is not ours to use (or close)
    return function(*args)


def start(function, *args) -> Pending:
    """``function(*args)`` in a forked process of its own, started now; serially (run when
    the result is asked for) with ``XINHUI_WORKERS=1``, on one core, or inside a worker."""
    if _in_worker or worker_count() < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return Pending(function, args)
    from concurrent.futures import ProcessPoolExecutor

    executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    with _frozen_for_fork():
        future = executor.submit(_run_alone, function, args)  # forks here
    return Pending(function, args, executor, future)


@contextmanager
def _frozen_for_fork():
    """Fork with the parent's objects frozen: a forked child's garbage collector then never
    walks them, so their memory pages stay shared instead of being copied page by page
    (measured: 5.9 → 4.7 s of CPU for the poster and a card set).  The parent unfreezes
    once the fork is done, so its own garbage is still collected."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
