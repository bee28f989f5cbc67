"""Tagged PDF (PDF/UA-1) for the screen booklet: a laid-out document → accessible PDF bytes.

WeasyPrint's ``pdf/ua-1`` variant writes most of what PDF/UA-1 asks for: the
structure tree in reading order (``H1``/``H2``, ``P``, ``L``/``LI``, ``Table``,
``Figure`` with ``/Alt`` from an inline SVG's ``<title>`` or an image's ``alt``),
backgrounds and borders as artifacts, ``/Lang`` from ``<html lang>``,
``MarkInfo /Marked``, ``DisplayDocTitle`` and ``pdfuaid:part`` in the XMP metadata.

What it leaves out, done here on the written file:

- **Running heads and page numbers** (the page's margin boxes) are marked content
  whose structure elements are linked to nothing (WeasyPrint 70 would need PDF 2.0 to
  tag them as artifacts).  Each such sequence becomes an ``/Artifact`` of type
  ``/Pagination``, and its entry in the parent tree is dropped, so every piece of
  content is either in the structure tree or an artifact.

The content streams keep their text operators as they were: text extraction
(justified lines included) reads exactly as the untagged PDF's.
"""

from __future__ import annotations

import pikepdf
from pikepdf import Dictionary, Name

PDF_UA_VARIANT = "pdf/ua-1"  # WeasyPrint's variant: export.pdf.write_pdf(..., PdfOptions(tagged=True))
PAGINATION = Dictionary(Type=Name.Pagination)


def pagination_as_artifacts(pdf: pikepdf.Pdf) -> int:
    """Turn marked content whose structure element is outside the tree into pagination
    artifacts; return how many sequences changed."""
    parent_tree = _parent_tree(pdf)
    in_tree = _tree_elements(pdf)
    changed = 0
    for page in pdf.pages:
        mapping = parent_tree.get(int(page.obj.get("/StructParents", -1)))
        if mapping is None:
            continue
        orphans = {mcid for mcid, element in enumerate(mapping)
                   if isinstance(element, Dictionary) and element.objgen not in in_tree}
        if orphans:
            changed += _mark_artifacts(pdf, page, orphans)
            for mcid in orphans:
                mapping[mcid] = None  # content of no structure element
    return changed


def _parent_tree(pdf: pikepdf.Pdf) -> dict[int, pikepdf.Array]:
    """Page ``StructParents`` key → its array of structure elements by MCID (a flat
    ``/Nums`` tree, as WeasyPrint writes it)."""
    nums = pdf.Root.StructTreeRoot.ParentTree.get("/Nums", pikepdf.Array())
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)
            if isinstance(nums[i + 1], pikepdf.Array)}


def _tree_elements(pdf: pikepdf.Pdf) -> set[tuple[int, int]]:
    """The structure elements reached from the structure tree root through ``/K`` links
    (object numbers), in one walk of the tree."""
    found: set[tuple[int, int]] = set()
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        kids = stack.pop().get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, Dictionary) and not (kid.is_indirect and kid.objgen in found):
                found.add(kid.objgen)
                stack.append(kid)
    return found


def _mark_artifacts(pdf: pikepdf.Pdf, page: pikepdf.Page, mcids: set[int]) -> int:
    """Rewrite the page's content: ``/Tag <</MCID n>> BDC`` for ``n`` in ``mcids`` →
    ``/Artifact <</Type /Pagination>> BDC``."""
    instructions = []
    changed = 0
    for operands, operator in pikepdf.parse_content_stream(page):
        if (str(operator) == "BDC" and len(operands) == 2 and isinstance(operands[1], Dictionary)
                and "/MCID" in operands[1] and int(operands[1].MCID) in mcids):
            operands = [Name.Artifact, PAGINATION]
            changed += 1
        instructions.append((operands, operator))
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
    return changed
