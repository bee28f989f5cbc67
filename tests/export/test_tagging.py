"""The screen booklet is a tagged PDF (PDF/UA-1): checked with pikepdf on the real build."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from xinhui_print.typeset.measure import extraction_spaces, pdftotext

HAN_SPACE_HAN = re.compile(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]")
#: Operators that paint (text, paths, images, shadings).
PAINTING = {"Tj", "TJ", "'", '"', "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "sh", "BI"}


def elements(node, found=None) -> list[pikepdf.Dictionary]:
    """Structure elements under ``node`` in document (reading) order."""
    found = [] if found is None else found
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/MCR" and "/S" in kid:
            found.append(kid)
            elements(kid, found)
    return found


@pytest.fixture(scope="module")
def booklet(booklet_pdf):
    with pikepdf.open(booklet_pdf) as pdf:
        yield pdf


def test_catalogue_says_tagged_language_title_and_pdfua(booklet):
    root = booklet.Root
    assert root.MarkInfo.Marked is True
    assert str(root.Lang) == "zh-CN"
    assert root.ViewerPreferences.DisplayDocTitle is True
    assert str(booklet.docinfo.Title).startswith("数读2023年新会区政府工作报告")
    with booklet.open_metadata() as xmp:
        assert xmp.get("pdfuaid:part") == "1"


def test_structure_tree_has_headings_in_reading_order_lists_and_a_described_chart(booklet, seed_report):
    tree = elements(booklet.Root.StructTreeRoot)
    kinds = [str(e.S) for e in tree]
    headings = [kind for kind in kinds if re.fullmatch(r"/H\d", kind)]
    # cover title, then 导读 and 目录, then each part or chapter (H1) with its groups or sections (H2)
    parts = 2 + len(seed_report.chapters)
    sections = len(seed_report.groups) + sum(len(c.sections) for c in seed_report.chapters)
    assert headings.count("/H1") == 1 + parts and headings.count("/H2") == 2 + sections
    assert headings[:3] == ["/H1", "/H2", "/H2"]
    pages = {page.objgen: number for number, page in enumerate(booklet.pages)}
    heading_pages = [pages[e.Pg.objgen] for e in tree if re.fullmatch(r"/H\d", str(e.S))]
    assert heading_pages == sorted(heading_pages)  # reading order follows the pages
    assert {"/L", "/LI", "/LBody", "/P", "/Link"} <= set(kinds)
    figures = [e for e in tree if e.S == "/Figure"]
    assert figures and all(str(f.get("/Alt", "")) for f in figures)
    (chart,) = [str(f.Alt) for f in figures if str(f.Alt).startswith("2022年完成与2023年目标：")]
    assert "地区生产总值同比4%，目标7.5%以上" in chart  # the alt text states the data


def test_all_content_is_tagged_or_an_artifact_and_pagination_is_artifact(booklet):
    nums = booklet.Root.StructTreeRoot.ParentTree.Nums
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    reachable = {e.objgen for e in elements(booklet.Root.StructTreeRoot)}
    for number, page in enumerate(booklet.pages, start=1):
        open_sequences, untagged, pagination = [], [], 0
        mapping = parents.get(int(page.obj.get("/StructParents", -1)))
        for operands, operator in pikepdf.parse_content_stream(page):
            operator = str(operator)
            if operator in ("BDC", "BMC"):
                properties = operands[1] if operator == "BDC" else None
                if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
                    owner = mapping[int(properties.MCID)]
                    assert isinstance(owner, pikepdf.Dictionary) and owner.objgen in reachable, (number, properties)
                pagination += properties is not None and properties.get("/Type") == "/Pagination"
                open_sequences.append(operator)
            elif operator == "EMC":
                open_sequences.pop()
            elif operator in PAINTING and not open_sequences:
                untagged.append(operator)
        assert not untagged, f"page {number}: content outside any tag or artifact: {untagged[:5]}"
        if 3 < number < len(booklet.pages) - 1:  # inner pages: running head and folio
            assert pagination >= 2, f"page {number}: running head and page number are not artifacts"


def test_tagged_text_extracts_without_spaces_between_han(booklet_pdf, seed_report):
    """No space between two Han characters but those the data writes (江门日报记者 任晓盈)."""
    text = pdftotext(booklet_pdf)
    assert "坚持制造业当家" in text
    written = {re.sub(r"\s+", " ", m) for t in seed_report.all_text() for m in HAN_SPACE_HAN.findall(t)}
    assert [hit for hit in extraction_spaces(text) if HAN_SPACE_HAN.search(hit)[0] not in written] == []


@pytest.mark.skipif(shutil.which("pdfua", path=str(Path(sys.executable).parent)) is None,
                    reason="the pdfua validator (test extra) is not installed")
def test_pdfua_validator_finds_nothing(booklet_pdf):
    checker = Path(sys.executable).parent / "pdfua"
    result = subprocess.run([str(checker), "check", str(booklet_pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PASS" in result.stdout
