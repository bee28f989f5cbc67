"""Producers: one small typed object per kind of output, wrapping a stage's produce function.

A producer has a ``name`` (shown on the progress line), the :class:`BuildOptions`
fields it reads (``options_used``: an option no planned producer reads is reported
as ignored), ``check_options`` (run before anything is written) and ``produce``
(writes its files through the job's manifest).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from ..copyfit import Fitting, fit
from ..export.pdf import PdfOptions, compact_pdf, trim_mm, write_pdf
from ..render import Rendered, RenderOptions
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
    """Lay out once (a printable layout with its press bleed, in the theme's sRGB colours: see
    :func:`lay_out_once`), write ``<layout>.pdf`` (a booklet's tagged, PDF/UA-1)."""

    name = "screen pdf"

    def produce(self, job: Job) -> None:
        rendered, fitting, pdf = lay_out_once(job)
        add_screen_pdf(job, rendered, fitting, pdf)


class ScreenAndPress(ScreenPdf):
    """A printable layout with ``--press``: its screen PDF and its press files (PDF/X,
    imposed spreads for booklets, job sheet; checked and preflighted) from one layout
    pass and one PDF write."""

    name = "screen and press pdf"
    options_used = frozenset({"crop_marks"})

    def produce(self, job: Job) -> None:
        from ..press.produce import produce_press  # the press chain loads only for a --press build

        rendered, fitting, pdf = lay_out_once(job)
        add_screen_pdf(job, rendered, fitting, pdf)
        page = rendered.context.extra["page"]
        produce_press(job, pdf, page.bleed_mm if page else None)


def lay_out_once(job: Job) -> tuple[Rendered, Fitting, bytes]:
    """The layout pass every PDF of the job's layout is exported from (copyfitted: see
    :mod:`xinhui_print.copyfit`), its copyfitting moves, and WeasyPrint's PDF of it.

    A printable layout is laid out with its press bleed (``mode="press"``), with or
    without ``--press``, so its screen PDF is the same file either way.  The screen and
    press geometry are the same inside the trim: WeasyPrint's bleed widens the MediaBox
    around a page laid out at the same size, and the print poster's bands reach into the
    bleed from the trim edge.  The colours are the theme's sRGB; the press files map them
    back to their CMYK tokens.
    """
    mode = "press" if job.layout.printable else "screen"
    rendered, fitting = fit(job.report, job.layout, RenderOptions(mode=mode))
    return rendered, fitting, write_pdf(rendered.document, PdfOptions(tagged=is_tagged(job)))


def add_screen_pdf(job: Job, rendered: Rendered, fitting: Fitting, pdf: bytes) -> None:
    """``<layout>.pdf``: WeasyPrint's PDF, font subsets compacted, cropped to the trim when
    it was laid out with the press bleed; a booklet's is tagged (PDF/UA-1), its running
    heads and folios pagination artifacts."""
    tagged = is_tagged(job)
    data = compact_pdf(pdf, crop_to_trim=rendered.mode == "press", pagination_artifacts=tagged)
    file_name = f"{job.layout.name}.pdf"
    pages = len(rendered.document.pages)
    job.manifest.add_file(file_name, data, job.layout.name, "screen", "pdf",
                          pages=pages, trim_mm=trim_mm(rendered.document),
                          **({"pdfua": "PDF/UA-1"} if tagged else {}), **job.layout.edition.readable(copyfit_entry(fitting)))
    job.log(f"{file_name}: {pages} pages")
    if fitting.passes > 1 or fitting.condensed or fitting.body_pt:
        job.log(f"{file_name}: {job.layout.edition.text(fitting.summary())}")


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
    options_used = frozenset({"presets", "densities", "qr_url", "full_set"})

    def produce(self, job: Job) -> None:
        social.produce_cards(job)


TAGGED_KINDS = ("booklet",)  # the reading booklet is the accessible edition: PDF/UA-1


def is_tagged(job: Job) -> bool:
    return job.layout.kind in TAGGED_KINDS


SCREEN_PDF = ScreenPdf()
SCREEN_AND_PRESS = ScreenAndPress()
POSTER = Poster()
CARDS = Cards()

BY_KIND: dict[str, tuple[Producer, ...]] = {
    "booklet": (SCREEN_PDF,),
    "print-poster": (SCREEN_PDF,),
    "poster": (POSTER,),
    "cards": (CARDS,),
}
WITH_PRESS: dict[Producer, Producer] = {SCREEN_PDF: SCREEN_AND_PRESS}
"""What a producer becomes for a printable layout when ``--press`` is asked for."""
EVERY_PRODUCER: tuple[Producer, ...] = (SCREEN_PDF, SCREEN_AND_PRESS, POSTER, CARDS)
