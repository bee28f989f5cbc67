"""Build: report data + layouts → files in ``out/<report-id>/`` and the manifest.

Each layout kind has its producers (:mod:`.producers`) that lay the report out
and export every file the kind makes; press output is an extra producer for
printable layouts when ``--press`` is asked for.  Options are checked and the
output folder opened before any work is done; the build writes into a stage and
commits the whole set at the end (:mod:`.transaction`).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..edition import DEFAULT_SCRIPT, edition
from ..errors import InputError, LayoutNotFoundError
from ..layout import Layout, available_layouts, layout_names, load_layout, merge
from ..model import Report
from ..layout.papers import paper_size
from ..project import project
from .manifest import Manifest
from .producers import BY_KIND, EVERY_PRODUCER, WITH_PRESS, Producer
from .transaction import OutputFolder


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
    ``script``: the edition, ``hans`` (as written), ``hant-hk`` or ``hant-tw`` (Traditional:
    every printed string converted, regional fonts, file names ``<layout>.<script>.…``).
    """

    out_root: Path = field(default_factory=lambda: project().default_out)
    layouts: list[str] = field(default_factory=list)
    press: bool = False
    presets: list[str] = field(default_factory=list)
    densities: list[float] = field(default_factory=list)
    paper: str | None = None
    crop_marks: bool = False
    qr_url: str | None = None
    full_set: bool = False  # card sets: every card, past the platform's image limit (default: condensed)
    script: str = DEFAULT_SCRIPT


@dataclass
class Job:
    """One layout being built: producers add their files to the shared manifest."""

    report: Report
    layout: Layout
    options: BuildOptions
    manifest: Manifest
    log: Callable[[str], None]


@dataclass(frozen=True)
class Step:
    layout: Layout
    producer: Producer

    @property
    def title(self) -> str:
        return f"{self.layout.name}: {self.producer.name}"


def layout_producers(layout: Layout, options: BuildOptions) -> list[Producer]:
    found = list(BY_KIND.get(layout.kind, ()))
    if not found:
        raise InputError(f"layout {layout.name!r} has kind {layout.kind!r}, which this build cannot produce")
    if options.press and layout.printable:
        found = [WITH_PRESS.get(producer, producer) for producer in found]
    return found


PAPER_KINDS = ("booklet", "print-poster")


def selected_layouts(options: BuildOptions) -> list[Layout]:
    if options.layouts:
        layouts = [load_layout(buildable(name)) for name in dict.fromkeys(options.layouts)]
    else:  # every default layout; with --press also those marked press_default (the print poster)
        layouts = [layout for layout in available_layouts()
                   if layout.is_default or (options.press and layout.settings.press_default)]
    return [with_script(with_paper(layout, options.paper), options.script) for layout in layouts]


def with_script(layout: Layout, script: str) -> Layout:
    """The layout printed in the edition ``script``; its files are named ``<layout>.<script>``."""
    try:
        chosen = edition(script)
    except ValueError as error:
        raise InputError(str(error)) from None
    return replace(layout, name=chosen.file_name(layout.name), script=chosen.script)


def buildable(name: str) -> str:
    """``name`` if it is a layout one can build (not ``_base``, not empty)."""
    names = layout_names()
    if name not in names:
        raise LayoutNotFoundError(f"unknown layout {name!r}; available layouts: {', '.join(names) or 'none'}")
    return name


def with_paper(layout: Layout, paper: str | None) -> Layout:
    """The layout set on another paper size; its files are named ``<layout>-<paper>``."""
    if not paper or layout.kind not in PAPER_KINDS:
        return layout
    paper_size(paper)  # an unknown paper is an input error naming the known ones
    config = merge(layout.config, {"page": {"size": paper}})
    return replace(layout, name=f"{layout.name}-{paper.replace(' ', '')}", config=config)


def plan(options: BuildOptions) -> list[Step]:
    """What the build will do, every option checked: nothing is written yet."""
    steps = [Step(layout, producer) for layout in selected_layouts(options)
             for producer in layout_producers(layout, options)]
    for producer in EVERY_PRODUCER:  # an option is checked even when no layout uses it
        producer.check_options(options)
    return steps


def ignored_options(options: BuildOptions, steps: list[Step]) -> list[str]:
    """The :class:`BuildOptions` fields set but read by none of the planned steps."""
    used = {name for step in steps for name in step.producer.options_used}
    if any(step.layout.printable for step in steps):
        used.add("press")
    if any(step.layout.kind in PAPER_KINDS for step in steps):
        used.add("paper")
    given = {"presets": options.presets, "densities": options.densities, "qr_url": options.qr_url is not None,
             "crop_marks": options.crop_marks, "press": options.press, "paper": options.paper,
             "full_set": options.full_set}
    return [name for name, value in given.items() if value and name not in used]


def build(report: Report, source: str, options: BuildOptions, log: Callable[[str], None] = lambda _: None,
          step: Callable[[str], None] = lambda _: None) -> Manifest:
    """Build every selected layout; return the manifest (written, the set committed)."""
    steps = plan(options)
    output = OutputFolder(options.out_root / report.meta.id).open()
    try:
        manifest = Manifest(report.meta.id, source, output.stage, script=options.script)
        run_steps(steps, lambda layout: Job(report, layout, options, manifest, log), step)
        manifest.write()
    except BaseException:
        output.abandon()
        raise
    output.commit()
    manifest.out_dir = output.folder
    return manifest


def run_steps(steps: list[Step], job_for: Callable[[Layout], Job], step: Callable[[str], None]) -> None:
    for index, current in enumerate(steps):
        step(current.title)
        current.producer.produce(job_for(current.layout))
        if index < len(steps) - 1:
            gc.collect()  # each WeasyPrint document holds ~20 MB of font blobs; free them for the next step
