"""A few small golden images (low resolution, ≤ 20 KiB), compared with a per-channel tolerance.

Regenerate with ``XINHUI_UPDATE_GOLDEN=1 .venv/bin/pytest tests/social/test_golden.py``
and look at the new PNGs before committing them.
"""

from __future__ import annotations

import io
import os

import numpy as np
import pytest
from PIL import Image

from xinhui_print.social import SocialOptions, build_cards

from .conftest import GOLDEN

DENSITY = 0.2  # 1080 × 1440 → 216 × 288
TOLERANCE = 24  # per channel: anti-aliasing may move a little between pdfium/font builds
MAX_DIFFERENT = 0.01  # share of pixels allowed beyond the tolerance


def compare(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if os.environ.get("XINHUI_UPDATE_GOLDEN"):
        path.write_bytes(data)
    assert path.is_file(), f"missing golden image {path}; run with XINHUI_UPDATE_GOLDEN=1"
    assert path.stat().st_size <= 20 * 1024
    expected = np.asarray(Image.open(path).convert("RGB"), dtype=np.int16)
    actual = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), dtype=np.int16)
    assert actual.shape == expected.shape
    off = (np.abs(actual - expected) > TOLERANCE).any(axis=2).mean()
    if off > MAX_DIFFERENT:
        (GOLDEN / f"{name}.actual.png").write_bytes(data)
    assert off <= MAX_DIFFERENT, f"{name}: {off:.1%} of pixels differ (actual written beside the golden)"


@pytest.fixture(scope="module")
def small_xhs(small_report, cards_layout):
    return build_cards(small_report, cards_layout, "xhs", SocialOptions(densities=(DENSITY,)))


@pytest.mark.parametrize(("index", "name"), [(0, "xhs-cover.png"), (1, "xhs-kpis.png"), (3, "xhs-chapter.png")])
def test_card_matches_golden(small_xhs, index, name):
    compare(name, small_xhs.images[index].raster.data)


def test_wechat_cover_matches_golden(small_report, cards_layout):
    result = build_cards(small_report, cards_layout, "wechat-cover", SocialOptions(densities=(0.25,)))
    compare("wechat-cover.png", result.images[0].raster.data)
