"""Press fixtures: one real ``build --press`` of the booklet (twice, for determinism)
and a small synthetic press PDF whose pages say their own number."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SEED_DATA, run_cli

PAGE_HTML = """<html lang="zh-CN"><head><meta charset="utf-8"><title>页序</title>
<meta name="dcterms.created" content="2024-01-15T00:00:00+08:00">
<style>
@page {{ size: 148mm 210mm; bleed: 3mm; margin: 20mm; background: device-cmyk(0 0.1 0.3 0); }}
@page :left {{ background: device-cmyk(0.3 0 0 0); }}
html {{ color: #000; font-family: "Noto Sans CJK SC"; }}
section {{ break-after: page; }} h1 {{ font-size: 40pt; color: rgb(200, 22, 29); }}
mark {{ }} hr {{ border: none; border-top: 1pt solid #888; }}
</style></head><body>{pages}</body></html>"""


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, check=False)


def _press_build(out: Path) -> tuple[Path, dict]:
    result = run_cli("build", str(SEED_DATA), "--layout", "booklet-a5", "--press", "--out", str(out))
    assert result.returncode == 0, result.stderr
    folder = out / "xinhui-2023"
    return folder, json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def press_build(press_booklet_build):
    """(out folder, manifest) of ``build --press`` for booklet-a5 (the session's, tests/conftest.py)."""
    folder, manifest, _ = press_booklet_build
    return folder, manifest


@pytest.fixture(scope="session")
def press_build_again(tmp_path_factory):
    return _press_build(tmp_path_factory.mktemp("press2"))


@pytest.fixture(scope="session")
def numbered_press_pdf(tmp_path_factory) -> Path:
    """A 6-page press PDF (RGB colours on purpose), post-processed; page i shows 'P0i'."""
    import weasyprint

    from xinhui_print.press.postprocess import postprocess_pdf
    from xinhui_print.press.profiles import press_profile

    pages = "".join(f"<section><h1>P{i:02d}</h1><p>第{i}页<mark>标</mark></p><hr></section>"
                    for i in range(1, 7))
    raw = weasyprint.HTML(string=PAGE_HTML.format(pages=pages)).write_pdf(pdf_variant="pdf/x-4")
    data, _ = postprocess_pdf(raw, press_profile(), report_date="2024-01-15")
    path = tmp_path_factory.mktemp("numbered") / "numbered-press.pdf"
    path.write_bytes(data)
    return path
