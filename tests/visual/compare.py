"""Golden image comparison: tight (a pixel differs when a channel moves by more than 8; at most
0.5 % of pixels may differ), with a side-by-side diff image written on failure.

``make goldens`` (``XINHUI_UPDATE_GOLDEN=1 pytest tests/visual``) rewrites every golden from the
current code; look at them (and at ``git diff --stat``) before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from PIL import Image

GOLDEN = Path(__file__).parent / "golden"
DIFFS = Path(__file__).resolve().parents[2] / "out" / "visual-diff"
TOLERANCE = 8  # per channel, 0–255
MAX_DIFFERENT = 0.005  # share of pixels beyond the tolerance
MAX_BYTES = 40 * 1024  # a golden stays small: the repository is lean


def updating() -> bool:
    return bool(os.environ.get("XINHUI_UPDATE_GOLDEN"))


def different_share(expected: np.ndarray, actual: np.ndarray) -> float:
    """Share of pixels where some channel moved by more than the tolerance."""
    return float((np.abs(actual.astype(np.int16) - expected.astype(np.int16)) > TOLERANCE).any(axis=2).mean())


def diff_image(expected: np.ndarray, actual: np.ndarray) -> Image.Image:
    """Expected | actual | the differing pixels in red over a faded actual, side by side."""
    height = max(expected.shape[0], actual.shape[0])
    width = max(expected.shape[1], actual.shape[1])

    def padded(pixels: np.ndarray) -> np.ndarray:
        canvas = np.full((height, width, 3), 255, np.uint8)
        canvas[: pixels.shape[0], : pixels.shape[1]] = pixels
        return canvas

    left, right = padded(expected), padded(actual)
    marks = (np.abs(right.astype(np.int16) - left.astype(np.int16)) > TOLERANCE).any(axis=2)
    overlay = (right * 0.25 + 191).astype(np.uint8)
    overlay[marks] = (220, 0, 0)
    gap = np.full((height, 4, 3), 128, np.uint8)
    return Image.fromarray(np.hstack([left, gap, right, gap, overlay]))


def check(name: str, image: Image.Image) -> None:
    """Compare ``image`` with the golden ``name`` (or write it when regenerating)."""
    path = GOLDEN / f"{name}.png"
    actual = np.asarray(image.convert("RGB"))
    if updating():
        Image.fromarray(actual).save(path, optimize=True)
    assert path.is_file(), f"no golden {path.name}: run `make goldens` and look at the image"
    assert path.stat().st_size <= MAX_BYTES, f"{path.name} is {path.stat().st_size} bytes (at most {MAX_BYTES})"
    with Image.open(path) as golden:
        expected = np.asarray(golden.convert("RGB"))
    if expected.shape == actual.shape:
        share = different_share(expected, actual)
        if share <= MAX_DIFFERENT:
            return
        reason = f"{share:.2%} of pixels differ by more than {TOLERANCE} (at most {MAX_DIFFERENT:.1%})"
    else:
        reason = f"size {actual.shape[1]}×{actual.shape[0]}, golden {expected.shape[1]}×{expected.shape[0]}"
    DIFFS.mkdir(parents=True, exist_ok=True)
    diff = DIFFS / f"{name}.png"
    diff_image(expected, actual).save(diff)
    raise AssertionError(f"{name}: {reason}; expected | actual | difference in {diff}")
