"""Real WeasyPrint renders shared by the typesetting tests (rendered once per session)."""

from pathlib import Path

import pytest
from weasyprint import HTML

from xinhui_print.render.weasyprint_adapter import install_justification
from xinhui_print.typeset import TypesetOptions, typeset_html
from xinhui_print.typeset.specimen import article_html, synthetic_report_html

SEED = Path(__file__).resolve().parents[1] / "data" / "articles" / "shudu-xinhui-2023.txt"  # a copy of the seed


def render(html: str, path: Path) -> Path:
    HTML(string=html).write_pdf(path)
    return path


@pytest.fixture(scope="session")
def renders(tmp_path_factory):
    """Source HTML and PDF paths of the seed article and the synthetic report, typeset."""
    if not SEED.exists():
        pytest.skip(f"seed text missing: {SEED}")
    install_justification()
    out = tmp_path_factory.mktemp("typeset")
    sources = {"seed": article_html(SEED.read_text()), "synthetic": synthetic_report_html()}
    result = {}
    for name, source in sources.items():
        typeset = typeset_html(source, TypesetOptions())
        result[name] = (typeset, render(typeset, out / f"{name}.pdf"))
    return result
