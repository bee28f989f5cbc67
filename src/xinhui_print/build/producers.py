"""Producers: one small typed object per kind of output, wrapping a stage's produce function.

A producer has a ``name`` (shown on the progress line), the :class:`BuildOptions`
fields it reads (``options_used``: an option no planned producer reads is reported
as ignored), ``check_options`` (run before anything is written) and ``produce``
(writes its files through the job's manifest).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from ..export.pdf import export_pdf, trim_mm
from ..export.tagging import tagged_pdf
from ..press.produce import produce_press
from ..render import render
from ..social import produce as social

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
    """Lay out once in screen colours, write ``<layout>.pdf`` (a booklet's tagged, PDF/UA-1)."""

    name = "screen pdf"

    def produce(self, job: Job) -> None:
        rendered = render(job.report, job.layout)
        tagged = job.layout.kind in TAGGED_KINDS
        data = tagged_pdf(rendered.document) if tagged else export_pdf(rendered.document)
        file_name = f"{job.layout.name}.pdf"
        pages = len(rendered.document.pages)
        job.manifest.add_file(file_name, data, job.layout.name, "screen", "pdf",
                              pages=pages, trim_mm=trim_mm(rendered.document),
                              **({"pdfua": "PDF/UA-1"} if tagged else {}))
        job.log(f"{file_name}: {pages} pages")


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


TAGGED_KINDS = ("booklet",)  # the reading booklet is the accessible edition: PDF/UA-1

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
