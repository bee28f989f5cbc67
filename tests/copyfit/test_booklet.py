"""The booklet bars of issue 17, measured from the PDFs: every page between the inside cover and
the back cover holds content down to 40 % of its text block, on every supported paper and for
held-out reports; the body text is the same as without copyfitting; the page count stays a
multiple of 4 with blank pages only right before the back cover."""

from __future__ import annotations

import re

import pytest

from xinhui_print.copyfit import fit
from xinhui_print.export.pdf import export_pdf

from .conftest import PAPERS, SOURCES, body_text, on_paper, page_fills

BAR = 0.40


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("source", SOURCES)
def test_every_inner_page_holds_content_down_to_40_percent(booklets, source, paper):
    booklet = booklets(source, paper)
    fills = page_fills(booklet.pdf, booklet.layout)
    assert len(fills) % 4 == 0
    inner = fills[2:-1]  # after the inside cover, before the back cover
    padding = len(inner) - len([f for f in inner if f is not None])
    assert all(f is None for f in inner[len(inner) - padding:]), f"blank pages inside the booklet: {fills}"
    short = {number: round(fill, 2) for number, fill in enumerate(inner[:len(inner) - padding], start=3)
             if fill < BAR}
    assert short == {}, f"{source} on {paper}: {booklet.fitting.summary()}"


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("source", SOURCES)
def test_body_text_is_the_text_laid_out_without_copyfitting(booklets, source, paper):
    booklet = booklets(source, paper)
    fitted = re.sub(r"\s", "", "".join(body_text(booklet.pdf, booklet.layout)))
    plain = re.sub(r"\s", "", "".join(body_text(booklet.plain, booklet.layout)))
    assert fitted == plain


def test_the_plain_booklet_is_the_booklet_laid_out_without_copyfitting(booklets, reports):
    """The plain booklets above are fit's first pass: the same bytes as copyfitting turned off."""
    off, fitting = fit(reports["seed"], on_paper("booklet-a5", "A5", copyfit={"moves": []}))
    assert fitting.passes == 1 and not fitting.moves
    assert export_pdf(off.document) == booklets("seed", "A5").plain.read_bytes()


def test_the_seed_is_fitted_as_a_designer_would_fit_it(booklets):
    """The seed's two near-empty tails (chapters 04 and 05, two and five lines) are filled with
    a big number from their own chapter, since pulling them back would leave blank pages; the
    review's short tail (a few lines after its charts) is pulled back by tighter spacing."""
    booklet = booklets("seed", "A5")
    fitting = booklet.fitting
    moves = {move.unit: move for move in fitting.moves}
    assert set(moves) == {"review", "chapter-4", "chapter-5"}
    assert moves["chapter-4"].kind == moves["chapter-5"].kind == "callout"
    assert moves["review"].kind != "callout"
    assert str(moves["chapter-4"].callout.figure) in moves["chapter-4"].callout.text
    assert fitting.passes == 2
    assert len(fitting.pages) == 20 and not any(page.blank for page in fitting.pages)
