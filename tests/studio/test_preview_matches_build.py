"""The studio shows what the build writes: its booklet preview is copyfitted as the built PDF is
(same pages, each page the same image as the built file's page)."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from xinhui_print.export.raster import open_pdf
from xinhui_print.studio.preview import PreviewService, raster_page
from tests.visual.compare import MAX_DIFFERENT, different_share


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def test_booklet_preview_pages_are_the_built_pages(seed_report, booklet_build, booklet_pdf):
    _, manifest = booklet_build
    [entry] = [f for f in manifest["files"] if f["path"] == "booklet-a5.pdf"]
    assert entry["copyfit"]["moves"], "the seed booklet is copyfitted: the test needs moves to compare"
    service = PreviewService(lambda event: None)  # the thread is not started: render synchronously
    service.request(seed_report, 1)
    service._render_booklet("booklet", service._target)
    previews = service.outputs["booklet"].images
    built = open_pdf(booklet_pdf.read_bytes())
    assert len(previews) == len(built) == entry["pages"]
    for index, preview in enumerate(previews):
        expected = pixels(raster_page(built, index).data)
        actual = pixels(preview.data)
        assert actual.shape == expected.shape, index
        assert different_share(expected, actual) <= MAX_DIFFERENT, f"page {index + 1} differs from the built booklet"
