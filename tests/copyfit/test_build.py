"""A real ``build --press`` of the seed booklet: the moves are reported in the build output and
in the manifest (per page: fill and moves), and the press PDF gets the screen PDF's moves."""

from __future__ import annotations

import re
import subprocess

import pytest


@pytest.fixture(scope="module")
def built(press_booklet_build):
    """The session's ``build --press`` of the booklet (tests/conftest.py), its files by role."""
    folder, manifest, output = press_booklet_build
    return folder, {entry["role"]: entry for entry in manifest["files"]}, output


def test_build_output_names_the_moves(built):
    _, _, output = built
    text = " ".join(output.split())  # the console wraps long lines
    line = text[text.index("booklet-a5.pdf: copyfit"):].split(" booklet-a5")[0]
    assert "chapter-4: callout" in line and "chapter-5: callout" in line and "lowest fill" in line


def test_manifest_gives_each_page_its_fill_and_moves(built):
    _, entries, _ = built
    fitting = entries["screen"]["copyfit"]
    pages = fitting["pages"]
    assert [page["page"] for page in pages] == list(range(1, entries["screen"]["pages"] + 1))
    assert all(0 <= page["fill"] <= 1 for page in pages)
    assert all(page["fill"] >= 0.4 for page in pages[2:-1])
    moved = {page["page"]: page["moves"] for page in pages if page["moves"]}
    assert moved and all(any(m.startswith(("chapter-", "review")) for m in moves) for moves in moved.values())
    assert fitting["passes"] == 2 and len(fitting["moves"]) == 3  # review pulled back, 04 and 05 callouts


def _page_texts(path) -> list[str]:
    """Each page's characters, sorted (the chart's legend is drawn in another order in press colours)."""
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return ["".join(sorted(re.sub(r"\s", "", page))) for page in text.split("\f")]


def test_press_pdf_has_the_screen_pdfs_pages(built):
    folder, entries, _ = built
    assert entries["press"]["pages"] == entries["screen"]["pages"]
    assert _page_texts(folder / entries["press"]["path"]) == _page_texts(folder / entries["screen"]["path"])
