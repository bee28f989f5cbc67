"""Issue 18's bars, measured from the seed's card PDFs: heroes ≥ 80 px and ≤ 6 list items on every
content card, one header height and one body size per set, covers readable as thumbnails, the
review's figures on every set, story cards filled, platform limits kept."""

from __future__ import annotations

import io
from collections import Counter

import pdfplumber
import pikepdf
import pytest

from xinhui_print.data import load_report
from xinhui_print.social import SocialOptions, build_cards, get_preset
from xinhui_print.social.heroes import key_figure
from xinhui_print.social.phrases import phrases
from xinhui_print.social.plan import MAX_ITEMS, cover_topic

from .conftest import pdf_page_texts, squash

PX = 4 / 3  # CSS px per PDF pt
PRESETS = ("xhs", "square", "story", "douyin")


@pytest.fixture(scope="module")
def sets(seed_sets):
    return {name: seed_sets(name).result for name in PRESETS}


@pytest.fixture(scope="module")
def wechat_cover(seed_sets):
    return seed_sets("wechat-cover").result


def pages(result):
    with pdfplumber.open(io.BytesIO(result.pdf)) as pdf:
        return [(page.chars, page.rects, page.height * PX) for page in pdf.pages]


def content_pages(result):
    return [(card, page) for card, page in zip(result.cards, pages(result)) if card.kind not in ("cover", "closing")]


@pytest.mark.parametrize("preset", PRESETS)
def test_every_content_card_leads_with_a_figure_of_80px_and_lists_at_most_six(sets, preset):
    result = sets[preset]
    for card, (chars, _, _) in content_pages(result):
        figures = [c["size"] * PX for c in chars if c["text"].isdigit()]
        assert figures and max(figures) >= 80, (card.title, max(figures, default=0))
        assert card.items <= MAX_ITEMS, card.title
    html = result.html
    for section in html.split('<section class="card ')[1:]:
        assert section.count('class="block ') - section.count("block-chart") <= MAX_ITEMS


def _band_height(rects, width_px: float) -> float:
    """The red header band: the full-width filled rectangle at the top of the page."""
    bands = [r for r in rects if r["top"] < 1 and r["width"] * PX > width_px - 2 and r["height"] * PX < 700]
    return round(max(r["height"] for r in bands) * PX, 1)


def _size_of(chars, text: str, last: bool = False) -> float | None:
    """Font size (px) of the first (or ``last``) run of ``text`` (its first six characters) on the page."""
    stream = "".join(c["text"] for c in chars)
    probe = squash(text)[:6]
    at = stream.rfind(probe) if last else stream.find(probe)
    return round(chars[at]["size"] * PX, 2) if at >= 0 else None


@pytest.mark.parametrize("preset", PRESETS)
def test_one_header_height_and_one_body_size_per_set(sets, preset):
    result = sets[preset]
    width = get_preset(preset).width
    bands, sizes = set(), set()
    for card, (chars, rects, _) in content_pages(result):
        bands.add(_band_height(rects, width))
        if card.kind in ("chapter", "group"):  # the list's text (after the heroes, which may quote it)
            found = [_size_of(chars, text, last=True) for text in _block_texts(result, card.index)]
            sizes.update(size for size in found if size)
    assert len(bands) == 1, bands
    assert len(sizes) == 1 and min(sizes) >= 30, sizes
    assert len({card.font_px for card in result.cards}) == 1


def _block_texts(result, index: int) -> list[str]:
    section = result.html.split(f'id="card-{index - 1}"')[1].split("</section>")[0]
    texts = []
    for part in section.split('<span class="item-text">')[1:] + section.split('<p class="line">')[1:]:
        body = part.split("</")[0]
        texts.append(body.replace("<b class=\"fig\">", ""))
    return texts


TITLE_EM = 1.4  # .card-title in layouts/cards/css/20-card.css


def test_headings_break_between_phrases_only(sets):
    """Every line of a card title ends where a phrase ends (never "工/程", never inside “…”)."""
    for preset in ("xhs", "story"):
        result = sets[preset]
        for card, (chars, _, _) in content_pages(result):
            title = card.title.split(" ", 1)[-1].removesuffix("（续）")  # the report's label: tag, title
            size = TITLE_EM * card.font_px
            lines: dict[int, str] = {}
            for char in chars:
                if abs(char["size"] * PX - size) < 0.5:
                    lines[round(char["top"])] = lines.get(round(char["top"]), "") + char["text"]
            text = "".join(lines[top] for top in sorted(lines))
            assert text.startswith(squash(title)), (title, lines)
            ends, run = set(), 0
            for phrase in phrases(title):
                run += len(squash(phrase))
                ends.add(run)
            run = 0
            for top in sorted(lines)[:-1]:
                run += len(lines[top])
                assert run in ends, (preset, title, lines)


def test_cover_names_place_shudu_and_topic_at_40px_with_a_hero(sets, seed_report):
    meta = seed_report.meta
    for name, result in sets.items():
        chars, _, _ = pages(result)[0]
        for text in ("数读", meta.place, cover_topic(seed_report)[:4]):
            size = _size_of(chars, text)
            assert size is not None and size >= 40, (name, text, size)
        assert str(seed_report.review.kpis[0].figure.number) in "".join(c["text"] for c in chars if c["size"] * PX >= 80)


def test_wechat_cover_keeps_tag_place_and_topic_in_the_centre_square(wechat_cover, seed_report):
    (chars, _, height), = pages(wechat_cover)
    assert round(height) == 383
    left, right = (900 - 383) / 2, (900 + 383) / 2
    stream = "".join(c["text"] for c in chars)
    for text in ("数读", seed_report.meta.place, *phrases(cover_topic(seed_report))):
        at = stream.find(text)
        assert at >= 0, text
        for char in chars[at : at + len(text)]:
            assert left <= char["x0"] * PX and char["x1"] * PX <= right, (text, char["x0"] * PX)
            assert char["size"] * PX >= 40, (text, char["size"] * PX)


def _figures(report) -> list[str]:
    review = report.review
    figures = [str(k.figure) for k in review.kpis]
    figures += [str(t.figure) for t in report.targets.items if t.figure is not None]
    figures += [str(key_figure(group.facts).figure) for group in report.groups]
    figures += ["42", "全面完成"]  # the ranking and the pledge
    return figures


@pytest.mark.parametrize("preset", PRESETS)
def test_every_set_carries_the_reviews_figures_and_the_targets(sets, preset, seed_report):
    text = "".join(pdf_page_texts(sets[preset].pdf))
    missing = [figure for figure in _figures(seed_report) if figure not in text]
    assert not missing
    for target in seed_report.targets.items:
        assert squash(target.text) in text or str(target.figure) in text, target.text


def test_story_cards_fill_their_safe_area_but_chapter_final_ones(sets):
    result = sets["story"]
    safe = get_preset("story").safe
    height = 1920 - safe.top - safe.bottom
    limit = 1920 - safe.bottom - 72
    for card, (chars, rects, _) in content_pages(result):
        if card.kind == "chapter" and not card.continues:
            continue
        bottoms = [c["bottom"] * PX for c in chars if c["bottom"] * PX <= limit]
        bottoms += [r["bottom"] * PX for r in rects if r["bottom"] * PX <= limit + 1]
        fill = (max(bottoms) - safe.top) / height
        assert fill >= 0.8, (card.title, round(fill, 2))


def test_condensed_sets_keep_the_platform_limit_and_say_what_they_left_out(sets, seed_report, cards_layout):
    for name, result in sets.items():
        limit = get_preset(name).max_images
        assert len(result.cards) <= limit, name
    xhs = sets["xhs"]
    assert xhs.omitted and all(part["shown"] < part["of"] for part in xhs.omitted)
    texts = pdf_page_texts(xhs.pdf)
    assert "全文见数读读本" in texts[-1]
    assert all("节选" in text for card, text in zip(xhs.cards, texts) if card.abridged)
    kinds = Counter(card.kind for card in sets["square"].cards)
    assert kinds["cover"] == 1 and kinds["closing"] == 1


def test_the_full_set_is_kept_as_an_option(short_seed, cards_layout):
    """The short seed (tests/conftest.py) has 10 square cards in full, one past the limit."""
    report = load_report(short_seed)
    full = build_cards(report, cards_layout, "square", SocialOptions(densities=(1,), full_set=True))
    assert len(full.cards) > get_preset("square").max_images
    assert not full.omitted and any("limit of 9 images" in str(warning) for warning in full.warnings)
    items = sum(len(section.items) for chapter in report.chapters for section in chapter.sections)
    assert sum(card.items for card in full.cards if card.kind == "chapter") == items


@pytest.fixture(scope="module")
def long_poster(seed_report, poster_layout):
    from xinhui_print.social import build_poster

    return build_poster(seed_report, poster_layout, SocialOptions(densities=(1,)))


def test_long_poster_top_reads_as_a_thumbnail_and_carries_every_review_figure(long_poster, seed_report):
    (chars, _, _), = pages(long_poster)
    top = [c for c in chars if c["top"] * PX < 1000]
    for text in ("数读", seed_report.meta.place, cover_topic(seed_report)[:4]):
        size = _size_of(top, text)
        assert size is not None and size >= 40, (text, size)
    assert any(c["size"] * PX >= 80 and c["text"].isdigit() for c in top)  # one hero number
    text = "".join(pdf_page_texts(long_poster.pdf))
    assert not [figure for figure in _figures(seed_report) if figure not in text]


def test_long_poster_marks_its_abridgement_and_the_manifest_lists_it(long_poster, seed_report):
    text = "".join(pdf_page_texts(long_poster.pdf))
    assert "节选" in text and "全文见数读读本" in text
    from xinhui_print.social import files

    (_, _, _, fields), *_ = files(long_poster)
    omitted = fields["omitted"]
    left = sum(part["of"] - part["shown"] for part in omitted)
    total = sum(len(s.items) for c in seed_report.chapters for s in c.sections)
    assert omitted and 0 < left < total
    assert all(part["shown"] < part["of"] for part in omitted)


def test_set_pdf_has_every_card_numbered_and_its_bookmarks(sets):
    result = sets["xhs"]
    texts = pdf_page_texts(result.pdf)
    total = len(result.cards)
    assert total <= 18 and len(texts) == total  # Xiaohongshu: at most 18 images a post
    assert all(f"{n}/{total}" in text for n, text in enumerate(texts, start=1) if n > 1)
    with pikepdf.open(io.BytesIO(result.pdf)) as pdf:
        assert str(pdf.docinfo["/Title"]).startswith("数读")
        assert str(pdf.Root.Lang) == "zh-CN"
        with pdf.open_outline() as outline:
            (title,) = outline.root  # the set's title, every card's heading under it
            pages = [pdf.pages.index(pikepdf.Page(item.destination[0])) for item in title.children]
    assert len(pages) == total - 1 and pages == sorted(pages) and pages[-1] == total - 1
