"""``xinhui-print build`` with social layouts: presets and densities from one command, manifest fields."""

from __future__ import annotations

import json

import pytest
import yaml

from .conftest import chapter, report_data

SOCIAL_FIELDS = {"path", "layout", "role", "format", "sha256", "bytes", "preset", "width_px", "height_px", "alt"}


@pytest.fixture(scope="module")
def small_yaml(tmp_path_factory):
    data = report_data([chapter(1, ["建设测试园区10个", "引进项目投资50亿元以上"])])
    path = tmp_path_factory.mktemp("data") / "synthetic.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def manifest_of(out):
    return json.loads((out / "synthetic" / "manifest.json").read_text(encoding="utf-8"))


def test_all_presets_and_densities_from_one_command(cli, small_yaml, tmp_path):
    result = cli("build", str(small_yaml), "--layout", "poster-long", "--layout", "cards", "--preset", "xhs",
                 "--preset", "square", "--density", "1", "--density", "2", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    files = manifest_of(tmp_path)["files"]
    images = [f for f in files if f["format"] == "png"]
    assert images and all(SOCIAL_FIELDS <= set(f) and f["role"] == "social" for f in images)
    sizes = {(f["preset"], f["density"], f["width_px"], f["height_px"]) for f in images if f["layout"] == "cards"}
    assert sizes == {("xhs", 1, 1080, 1440), ("xhs", 2, 2160, 2880), ("square", 1, 1080, 1080),
                     ("square", 2, 2160, 2160)}
    poster = {f["density"]: f["width_px"] for f in images if f["layout"] == "poster-long"}
    assert poster == {1: 1080, 2: 2160}
    for image in images:  # alt text beside every image, identical to the manifest's
        alt = (tmp_path / "synthetic" / image["path"]).with_suffix(".txt").read_text(encoding="utf-8").strip()
        assert alt == image["alt"] and alt.startswith("数读")
    pdfs = {f["path"] for f in files if f["format"] == "pdf"}
    assert pdfs == {"poster-long.pdf", "cards-xhs.pdf", "cards-square.pdf"}
    cards = next(f for f in files if f["path"] == "cards-xhs.pdf")["cards"]
    assert [c["kind"] for c in cards] == ["cover", "kpis", "targets", "chart", "chapter", "closing"]


def test_default_build_makes_booklet_poster_1x_2x_and_xhs_cards(cli, small_yaml, tmp_path):
    result = cli("build", str(small_yaml), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    files = manifest_of(tmp_path)["files"]
    paths = {f["path"] for f in files}
    assert {"booklet-a5.pdf", "poster-long.pdf", "poster-long@1x.png", "poster-long@2x.png", "cards-xhs.pdf"} <= paths
    assert {f["preset"] for f in files if f["layout"] == "cards"} == {"xhs"}


def test_unknown_preset_is_a_usage_error(cli, small_yaml, tmp_path):
    result = cli("build", str(small_yaml), "--layout", "cards", "--preset", "tiktok", "--out", str(tmp_path))
    assert result.returncode == 2
    assert "unknown preset 'tiktok'" in result.stderr and "xhs" in result.stderr


def test_qr_url_puts_a_code_on_the_poster_and_the_closing_card_where_allowed(cli, small_yaml, tmp_path):
    from .conftest import pdf_page_texts

    result = cli("build", str(small_yaml), "--layout", "poster-long", "--layout", "cards", "--preset", "xhs",
                 "--preset", "douyin", "--density", "1", "--qr-url", "https://example.com/shudu",
                 "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    out = tmp_path / "synthetic"
    caption = "扫码阅读全文"
    assert caption in "".join(pdf_page_texts(out / "poster-long.pdf"))
    assert caption in pdf_page_texts(out / "cards-xhs.pdf")[-1]  # the closing card
    assert not any(caption in page for page in pdf_page_texts(out / "cards-douyin.pdf"))  # Douyin: no QR codes


@pytest.mark.parametrize("url", ["", "https://example.com/" + "x" * 400])
def test_a_qr_url_that_makes_no_usable_code_is_refused_before_anything_is_written(cli, small_yaml, tmp_path, url):
    result = cli("build", str(small_yaml), "--layout", "poster-long", "--qr-url", url, "--out", str(tmp_path))
    assert result.returncode == 2
    assert "--qr-url" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "synthetic").exists()


def test_full_set_keeps_every_card_past_the_platform_limit(cli, tmp_path, short_seed):
    """The short seed's square set (WeChat Moments: 9 images a post; 10 cards in full) is
    condensed by default; ``--full-set`` keeps every card and says the set is over the limit."""
    seed = short_seed
    counts = {}
    for flag in ([], ["--full-set"]):
        out = tmp_path / ("full" if flag else "condensed")
        result = cli("build", str(seed), "--layout", "cards", "--preset", "square", *flag, "--out", str(out))
        assert result.returncode == 0, result.stderr
        files = json.loads((out / "xinhui-2023" / "manifest.json").read_text(encoding="utf-8"))["files"]
        (pdf,) = [f for f in files if f["format"] == "pdf"]
        counts[bool(flag)] = (len([f for f in files if f["format"] == "png"]), bool(pdf.get("omitted")), result.stderr)
    assert counts[False][0] <= 9 and counts[False][1]  # condensed, what it left out listed
    assert counts[True][0] > 9 and not counts[True][1]
    assert "limit of 9 images" in counts[True][2]
