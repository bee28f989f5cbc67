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
TOLERANCE = 48  # per channel: anti-aliased glyph edges move when a line shifts by a pixel
MAX_DIFFERENT = 0.04  # share of pixels allowed beyond the tolerance (a lost block or colour is far more)
MAX_MEAN = 4.0  # mean absolute difference per channel


def differences(expected: np.ndarray, actual: np.ndarray) -> tuple[float, float]:
    """(share of pixels beyond the tolerance, mean absolute difference)."""
    difference = np.abs(actual - expected)
    return float((difference > TOLERANCE).any(axis=2).mean()), float(difference.mean())


def compare(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if os.environ.get("XINHUI_UPDATE_GOLDEN"):
        path.write_bytes(data)
    assert path.is_file(), f"missing golden image {path}; run with XINHUI_UPDATE_GOLDEN=1"
    assert path.stat().st_size <= 20 * 1024
    expected = np.asarray(Image.open(path).convert("RGB"), dtype=np.int16)
    actual = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), dtype=np.int16)
    assert actual.shape == expected.shape
    off, mean = differences(expected, actual)
    difference = np.abs(actual - expected)
    if off > MAX_DIFFERENT or difference.mean() > MAX_MEAN:
        (GOLDEN / f"{name}.actual.png").write_bytes(data)
    assert off <= MAX_DIFFERENT, f"{name}: {off:.1%} of pixels differ (actual written beside the golden)"
    assert difference.mean() <= MAX_MEAN, f"{name}: mean difference {difference.mean():.1f}"


@pytest.fixture(scope="module")
def small_xhs(small_report, cards_layout):
    return build_cards(small_report, cards_layout, "xhs", SocialOptions(densities=(DENSITY,)))


@pytest.mark.parametrize(("index", "name"), [(0, "xhs-cover.png"), (1, "xhs-kpis.png"), (3, "xhs-chapter.png")])
def test_card_matches_golden(small_xhs, index, name):
    compare(name, small_xhs.images[index].raster.data)


def test_wechat_cover_matches_golden(small_report, cards_layout):
    result = build_cards(small_report, cards_layout, "wechat-cover", SocialOptions(densities=(0.25,)))
    compare("wechat-cover.png", result.images[0].raster.data)


def test_comparison_catches_a_different_card():
    cover, kpis = (np.asarray(Image.open(GOLDEN / n).convert("RGB"), dtype=np.int16)
                   for n in ("xhs-cover.png", "xhs-kpis.png"))
    off, mean = differences(cover, kpis)
    assert off > MAX_DIFFERENT and mean > MAX_MEAN
