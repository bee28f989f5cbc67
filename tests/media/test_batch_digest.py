"""A batch skips a report whose inputs did not change: its images are inputs too."""

from __future__ import annotations

from PIL import Image

from tests.conftest import SEED_DATA
from xinhui_print.batch.inputs import load_job


def test_a_changed_logo_changes_the_inputs_digest(tmp_path):
    text = SEED_DATA.read_text(encoding="utf-8").replace("  date: 2023-02-20\n", "  date: 2023-02-20\n  logo: logo.png\n", 1)
    (tmp_path / "report.yaml").write_text(text, encoding="utf-8")
    Image.new("RGB", (60, 20), (200, 30, 40)).save(tmp_path / "logo.png")
    first = load_job(tmp_path / "report.yaml", tmp_path / "out", "env").inputs
    assert load_job(tmp_path / "report.yaml", tmp_path / "out", "env").inputs == first
    Image.new("RGB", (60, 20), (20, 80, 160)).save(tmp_path / "logo.png")
    assert load_job(tmp_path / "report.yaml", tmp_path / "out", "env").inputs != first
