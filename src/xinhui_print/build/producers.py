"""Producers: one small typed object per kind of output, wrapping a stage's produce function.

A producer has a ``name`` (shown on the progress line), the :class:`BuildOptions`
fields it reads (``options_used``: an option no planned producer reads is reported
as ignored), ``check_options`` (run before anything is written) and ``produce``
(writes its files through the job's manifest).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from ..copyfit import fit
from ..export.pdf import export_pdf, trim_mm
from ..press.produce import produce_press
from ..social import produce as social
from .manifest import copyfit_entry

if TYPE_CHECKING:
    from . import BuildOptions, Job


class Producer:
    name: ClassVar[str]
    options_used: ClassVar[frozenset[str]] = frozenset()

    def check_options(self, options: BuildOptions) -> None:
        """Raise an :class:`~xinhui_print.errors.InputError` for options this producer cannot use."""

    def produce(self, job: Job) -> None:
        """Write this producer's files for the job's layout."""
        raise NotImplementedError


class ScreenPdf(Producer):
    """Lay out once in screen colours, write ``<layout>.pdf``."""

    name = "screen pdf"

    def produce(self, job: Job) -> None:
        rendered, fitting = fit(job.report, job.layout)  # copyfitted (a plain render when the layout has no moves)
        data = export_pdf(rendered.document)
        file_name = f"{job.layout.name}.pdf"
        pages = len(rendered.document.pages)
        job.manifest.add_file(file_name, data, job.layout.name, "screen", "pdf",
                              pages=pages, trim_mm=trim_mm(rendered.document), **copyfit_entry(fitting))
        job.log(f"{file_name}: {pages} pages")
        if fitting.passes > 1 or fitting.condensed or fitting.body_pt:
            job.log(f"{file_name}: {fitting.summary()}")


class _Social(Producer):
    def check_options(self, options: BuildOptions) -> None:
        social.check_options(options)


class Poster(_Social):
    """The long poster: PDF, PNG per density, segments, alt texts."""

    name = "poster"
    options_used = frozenset({"densities", "qr_url"})

    def produce(self, job: Job) -> None:
        social.produce_poster(job)


class Cards(_Social):
    """One card set per preset."""

    name = "cards"
    options_used = frozenset({"presets", "densities", "qr_url"})

    def produce(self, job: Job) -> None:
        social.produce_cards(job)


class Press(Producer):
    """PDF/X press file, imposed spreads for booklets, job sheet; checked and preflighted."""

    name = "press"
    options_used = frozenset({"crop_marks"})

    def produce(self, job: Job) -> None:
        produce_press(job)


SCREEN_PDF = ScreenPdf()
POSTER = Poster()
CARDS = Cards()
PRESS = Press()

BY_KIND: dict[str, tuple[Producer, ...]] = {
    "booklet": (SCREEN_PDF,),
    "print-poster": (SCREEN_PDF,),
    "poster": (POSTER,),
    "cards": (CARDS,),
}
EVERY_PRODUCER: tuple[Producer, ...] = (SCREEN_PDF, POSTER, CARDS, PRESS)
