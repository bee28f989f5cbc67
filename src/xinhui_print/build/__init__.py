"""Build: report data + layouts → files in ``out/<report-id>/`` and the manifest.

Each layout kind has a producer (``PRODUCERS``) that lays the report out once
and exports every file the kind makes; press output is an extra producer for
printable layouts when ``--press`` is asked for.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import InputError
from ..export.pdf import export_pdf, trim_mm
from ..layout import Layout, available_layouts, load_layout, merge
from ..model import Report
from ..layout.papers import paper_size
from ..press.produce import produce_press
from ..project import project
from ..render import render
from ..social.produce import produce_cards, produce_poster
from .manifest import Manifest


@dataclass
class BuildOptions:
    """What to build.

    ``layouts``: layout names; empty means every layout marked ``default``.
    ``press``: also write press (PDF/X) files for printable layouts.
    ``presets`` / ``densities``: social presets and pixel densities (empty: each layout's defaults).
    ``crop_marks``: press files get crop marks outside the bleed (default: none, shops add theirs).
    ``paper``: a paper name or size for the printed layouts (booklet, print poster), e.g. 正度16开.
    ``qr_url``: a URL for the QR code on the long poster and the closing card (where the
    platform allows one); ``None``: the layout's own ``qr_url`` (empty by default: no code).
    """

    out_root: Path = field(default_factory=lambda: project().default_out)
    layouts: list[str] = field(default_factory=list)
    press: bool = False
    presets: list[str] = field(default_factory=list)
    densities: list[float] = field(default_factory=list)
    paper: str | None = None
    crop_marks: bool = False
    qr_url: str | None = None


@dataclass
class Job:
    """One layout being built: producers add their files to the shared manifest."""

    report: Report
    layout: Layout
    options: BuildOptions
    manifest: Manifest
    log: Callable[[str], None]


Producer = Callable[[Job], None]


def produce_screen_pdf(job: Job) -> None:
    """Lay out once in screen colours, write ``<layout>.pdf``."""
    rendered = render(job.report, job.layout, "screen")
    data = export_pdf(rendered.document)
    name = f"{job.layout.name}.pdf"
    job.manifest.add_file(
        name, data, job.layout.name, "screen", "pdf",
        pages=len(rendered.document.pages), trim_mm=trim_mm(rendered.document),
    )
    job.log(f"{name}: {len(rendered.document.pages)} pages")


PRODUCERS: dict[str, list[Producer]] = {
    "booklet": [produce_screen_pdf],
    "print-poster": [produce_screen_pdf],
    "poster": [produce_poster],
    "cards": [produce_cards],
}
PRESS_PRODUCERS: list[Producer] = [produce_press]


def producers(layout: Layout, options: BuildOptions) -> list[Producer]:
    found = list(PRODUCERS.get(layout.kind, []))
    if not found:
        raise InputError(f"layout {layout.name!r} has kind {layout.kind!r}, which this build cannot produce")
    if options.press and layout.printable:
        found += PRESS_PRODUCERS
    return found


PAPER_KINDS = ("booklet", "print-poster")


def selected_layouts(options: BuildOptions) -> list[Layout]:
    if options.layouts:
        layouts = [load_layout(name) for name in dict.fromkeys(options.layouts)]
    else:  # every default layout; with --press also those marked press_default (the print poster)
        layouts = [layout for layout in available_layouts()
                   if layout.is_default or (options.press and layout.config.get("press_default", False))]
    return [with_paper(layout, options.paper) for layout in layouts]


def with_paper(layout: Layout, paper: str | None) -> Layout:
    """The layout set on another paper size; its files are named ``<layout>-<paper>``."""
    if not paper or layout.kind not in PAPER_KINDS:
        return layout
    paper_size(paper)  # an unknown paper is an input error naming the known ones
    config = merge(layout.config, {"page": {"size": paper}})
    return replace(layout, name=f"{layout.name}-{paper.replace(' ', '')}", config=config)


def build(report: Report, source: str, options: BuildOptions, log: Callable[[str], None] = lambda _: None,
          step: Callable[[str], None] = lambda _: None) -> Manifest:
    """Build every selected layout; return the manifest (already written)."""
    layouts = selected_layouts(options)
    plan = [(layout, producer) for layout in layouts for producer in producers(layout, options)]
    for check in {getattr(p, "check_options", None) for _, p in plan} - {None}:
        check(options)  # bad options fail before any file is written
    manifest = Manifest(report.meta.id, source, options.out_root / report.meta.id)
    for layout, producer in plan:  # producers that start early and run beside the others (long poster) …
        if hasattr(producer, "prepare"):
            producer.prepare(Job(report, layout, options, manifest, log))
    plan.sort(key=lambda entry: hasattr(entry[1], "prepare"))  # … and are collected last
    for layout, producer in plan:
        step(f"{layout.name}: {producer.__name__.removeprefix('produce_').replace('_', ' ')}")
        producer(Job(report, layout, options, manifest, log))
        gc.collect()  # each WeasyPrint document holds ~20 MB of font blobs
    manifest.write()
    return manifest


def plan_size(options: BuildOptions) -> int:
    return sum(len(producers(layout, options)) for layout in selected_layouts(options))
