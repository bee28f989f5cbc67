"""A printable layout is laid out once for its screen and press PDFs ("lay out once, export many")."""

from __future__ import annotations

import pikepdf
import pytest

from tests.build.test_build_transaction import synthetic
from xinhui_print.build import BuildOptions, build, producers
from xinhui_print.model import Report

MM = 72 / 25.4


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The booklet of a one-chapter report built without and with ``--press``; layout
    passes (copyfitted renders) counted."""
    report = Report.model_validate(synthetic(1))
    calls: list[str] = []
    real_fit = producers.fit

    def counting_fit(report, layout, options):
        calls.append(f"{layout.name} {options.mode}")
        return real_fit(report, layout, options)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(producers, "fit", counting_fit)
        folders = {}
        for press in (False, True):
            root = tmp_path_factory.mktemp("press" if press else "screen")
            build(report, "one.yaml", BuildOptions(out_root=root, layouts=["booklet-a5"], press=press))
            folders[press] = root / "synthetic"
    return folders, calls


def boxes(path):
    with pikepdf.open(path) as pdf:
        return [{name: [round(float(v), 2) for v in page.obj[name]] for name in ("/MediaBox", "/TrimBox", "/BleedBox")}
                for page in pdf.pages]


def test_screen_and_press_share_one_layout_pass(builds):
    _, calls = builds
    assert calls == ["booklet-a5 press", "booklet-a5 press"]  # one pass per build, with the press bleed


def test_the_screen_pdf_is_the_same_file_with_or_without_press(builds):
    folders, _ = builds
    assert (folders[True] / "booklet-a5.pdf").read_bytes() == (folders[False] / "booklet-a5.pdf").read_bytes()


def test_the_screen_pdf_is_cut_at_the_trim_and_the_press_pdf_keeps_its_bleed(builds):
    folders, _ = builds
    screen, press = boxes(folders[True] / "booklet-a5.pdf"), boxes(folders[True] / "booklet-a5-press.pdf")
    assert len(screen) == len(press) and len(screen) % 4 == 0
    for page in screen:
        assert page["/MediaBox"] == page["/TrimBox"] == page["/BleedBox"]
        assert page["/TrimBox"][2] - page["/TrimBox"][0] == pytest.approx(148 * MM, abs=0.02)
    for page in press:
        media, trim = page["/MediaBox"], page["/TrimBox"]
        assert media[2] - media[0] == pytest.approx(trim[2] - trim[0] + 6 * MM, abs=0.02)


def test_screen_and_press_show_the_same_text_on_the_same_pages(builds):
    folders, _ = builds
    with pikepdf.open(folders[True] / "booklet-a5.pdf") as screen, \
            pikepdf.open(folders[True] / "booklet-a5-press.pdf") as press:
        for screen_page, press_page in zip(screen.pages, press.pages, strict=True):
            assert shown_text(screen_page) == shown_text(press_page)


def shown_text(page) -> list[bytes]:
    return [bytes(operands[0]) if str(operator) == "Tj" else b"".join(
                bytes(item) for item in operands[0] if isinstance(item, pikepdf.String))
            for operands, operator in pikepdf.parse_content_stream(page, "Tj TJ")]
