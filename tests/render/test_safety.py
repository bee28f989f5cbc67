"""Report data is untrusted: escaped in templates, and the renderer reads only project files."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from xinhui_print.layout import load_layout
from xinhui_print.project import project
from xinhui_print.render import render
from xinhui_print.render.fetcher import ForbiddenResource, ProjectFetcher

ATTACK = '<img src="file:///etc/hostname"><script>x</script>'


def test_markup_in_data_renders_as_literal_text(seed_report, tmp_path):
    meta = seed_report.meta.model_copy(update={"title": f"标题{ATTACK}"})
    groups = [seed_report.groups[0].model_copy(update={"facts": [f"事实{ATTACK}"]}), *seed_report.groups[1:]]
    report = seed_report.model_copy(update={"meta": meta, "groups": groups})
    rendered = render(report, load_layout("booklet-a5"))
    assert "<img src=" not in rendered.html
    assert "&lt;img src=&#34;file:///etc/hostname&#34;&gt;" in rendered.html
    assert rendered.fetcher.refused == []
    pdf = tmp_path / "b.pdf"
    pdf.write_bytes(rendered.document.write_pdf())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert 'file:///etc/hostname' in text.replace("\n", "")


@pytest.mark.parametrize("url", ["file:///etc/hostname", "http://127.0.0.1/x.png", "https://example.org/a.css"])
def test_fetcher_refuses_anything_outside_the_project(url):
    fetcher = ProjectFetcher(project().readable_roots)
    with pytest.raises(ForbiddenResource):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_fetcher_refuses_path_traversal():
    fetcher = ProjectFetcher(project().readable_roots)
    sneaky = (project().layouts_dir / ".." / ".." / "etc" / "hostname").as_uri()
    with pytest.raises(ForbiddenResource):
        fetcher.fetch(sneaky)


def test_fetcher_serves_project_fonts():
    fetcher = ProjectFetcher(project().readable_roots)
    font = project().fonts_dir / "BebasNeue-Bold.otf"
    assert fetcher.fetch(font.as_uri()).read() == Path(font).read_bytes()
