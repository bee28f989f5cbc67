"""Paper names and explicit sizes → trimmed millimetres."""

import doctest

import pytest

from xinhui_print.errors import InputError
from xinhui_print.layout import papers
from xinhui_print.layout.papers import paper_size, paper_size_css


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("A5", (148.0, 210.0)),
        ("a4", (210.0, 297.0)),
        ("A2", (420.0, 594.0)),
        ("正度16开", (185.0, 260.0)),
        ("大度16开", (210.0, 285.0)),
        ("正度32开", (130.0, 184.0)),
        ("大度32K", (140.0, 203.0)),
        ("正16开", (185.0, 260.0)),
        ("newspaper", (390.0, 545.0)),
        ("148mm 210mm", (148.0, 210.0)),
        ("185mm × 260mm", (185.0, 260.0)),
        ("21cm 29.7cm", (210.0, 297.0)),
        ("A4 landscape", (297.0, 210.0)),
        ("297mm 210mm portrait", (210.0, 297.0)),
    ],
)
def test_paper_size(name, expected):
    assert paper_size(name) == expected


def test_unknown_paper_lists_known_names():
    with pytest.raises(InputError) as caught:
        paper_size("A9")
    assert "正度16开" in str(caught.value)


def test_css_size():
    assert paper_size_css("正度32开") == "130mm 184mm"


def test_doctests():
    assert doctest.testmod(papers).failed == 0


@pytest.mark.parametrize("name", ["10mm 10mm", "5000mm 5000mm", "80mm 300mm", "1300mm 900mm", "1pt 1pt"])
def test_paper_outside_the_bounds_is_refused(name):
    with pytest.raises(InputError, match="each side must be between 90 and 1200 mm"):
        paper_size(name)


@pytest.mark.parametrize("name", ["A6", "A0", "90mm 1200mm"])
def test_paper_at_the_bounds_is_accepted(name):
    assert paper_size(name)
