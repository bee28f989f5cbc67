"""A set laid out in parts: the typeset HTML cut at card sections, the parts' PDFs joined."""

from __future__ import annotations

import io
import subprocess

import pikepdf
import pytest

from xinhui_print.export.pdf import join_pdfs
from xinhui_print.social import SocialOptions, build_cards
from xinhui_print.social.cards import FINAL_PARTS, make_renderer, planned
from xinhui_print.social.pages import split_cards
from xinhui_print.social.presets import card_preset

from .conftest import pdf_page_texts


@pytest.fixture(scope="module")
def seed_xhs(seed_report, cards_layout):
    return build_cards(seed_report, cards_layout, "xhs")


def test_cutting_keeps_the_head_and_every_card_once(seed_report, cards_layout):
    preset = card_preset("xhs")
    renderer = make_renderer(seed_report, cards_layout, preset, SocialOptions())
    cards = planned(seed_report, cards_layout, preset)
    whole, documents = renderer.documents(cards, FINAL_PARTS)
    head = whole[: whole.index("<body>")]
    assert len(documents) == FINAL_PARTS
    assert all(html.startswith(head) and html.rstrip().endswith("</html>") for html, _, _ in documents)
    assert sum(html.count('<section class="card ') for html, _, _ in documents) == len(cards)
    assert [first for _, first, _ in documents] == [0, len(documents[0][2])]
    with pytest.raises(ValueError):
        split_cards(whole, [1])


def test_joined_pdf_has_every_card_numbered_and_its_bookmarks(seed_xhs):
    texts = pdf_page_texts(seed_xhs.pdf)
    total = len(seed_xhs.cards)
    assert len(texts) == total
    assert all(f"{n}/{total}" in text for n, text in enumerate(texts, start=1) if n > 1)
    with pikepdf.open(io.BytesIO(seed_xhs.pdf)) as pdf:
        assert str(pdf.docinfo["/Title"]).startswith("数读")
        assert str(pdf.Root.Lang) == "zh-CN"
        with pdf.open_outline() as outline:
            (title,) = outline.root  # the set's title, every card's heading under it
            pages = [pdf.pages.index(pikepdf.Page(item.destination[0])) for item in title.children]
    assert len(pages) == total - 1 and pages == sorted(pages) and pages[-1] == total - 1


def test_joining_is_deterministic_and_one_part_is_left_alone(seed_xhs):
    with pikepdf.open(io.BytesIO(seed_xhs.pdf)) as pdf:
        parts = []
        for span in (range(0, 5), range(5, len(pdf.pages))):
            part = pikepdf.new()
            part.pages.extend(pdf.pages[i] for i in span)
            out = io.BytesIO()
            part.save(out, deterministic_id=True)
            parts.append(out.getvalue())
    assert join_pdfs(parts) == join_pdfs(parts)
    assert join_pdfs(parts[:1]) is parts[0]
    with pikepdf.open(io.BytesIO(join_pdfs(parts))) as joined:
        assert len(joined.pages) == len(seed_xhs.cards)


def test_each_font_subset_of_the_joined_pdf_has_a_name_of_its_own(seed_xhs, tmp_path):
    """Both parts embed subsets of the same fonts; a viewer that goes by name must not mix them up."""
    path = tmp_path / "cards.pdf"
    path.write_bytes(seed_xhs.pdf)
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in listing.splitlines()[2:]]
    assert len(names) >= 2 * 4 and len(set(names)) == len(names)
    assert all(name[6] == "+" and name[:6].isupper() for name in names)
