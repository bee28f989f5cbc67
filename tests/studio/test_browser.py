"""The studio in a real browser (Debian's Chromium driven by Playwright), one server for the module.

The steps run in order on one page, as an editor would use it: open, change a KPI,
type a wrong figure, undo, reorder chapters, edit the file elsewhere, export.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
import yaml

KPI_FIGURE = '[data-path="review.kpis[0].figure"]'
KPI_CARD = 1  # the xhs set: cover, then the first KPI card (地区生产总值 …)
README_SHOT = Path(__file__).resolve().parents[2] / "docs" / "studio.png"


@pytest.fixture(scope="module")
def page(browser, live_studio):
    context = browser.new_context(viewport={"width": 1400, "height": 860}, locale="zh-CN", bypass_csp=True)  # lets wait_for_function evaluate
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_studio.url)
    page.wait_for_function("document.body.classList.contains('connected')")
    yield page
    context.close()
    assert errors == [], f"script errors in the page: {errors}"


def on_disk(live_studio) -> dict:
    return yaml.safe_load(live_studio.report.read_text(encoding="utf-8"))


def card_src(page) -> str:
    return page.get_attribute(f'#gallery figure[data-index="{KPI_CARD}"] img', "src")


def wait_fresh_card(page, old_src: str | None = None) -> str:
    """Wait until the KPI card's image is fresh (and, given ``old_src``, another image)."""
    page.wait_for_function(
        """([index, old]) => {
             const figure = document.querySelector(`#gallery figure[data-index="${index}"]`);
             return figure && !figure.classList.contains('stale') && figure.querySelector('img').complete
                    && figure.querySelector('img').naturalWidth > 0
                    && (old === null || figure.querySelector('img').getAttribute('src') !== old);
           }""", arg=[KPI_CARD, old_src], timeout=60_000)
    return card_src(page)


def test_open_shows_form_and_previews(page, live_studio):
    assert page.input_value('[data-path="meta.title"]') == "乘势而上加速奔跑 开局之年再上台阶"
    page.click('#output-tabs button[data-output="cards-xhs"]')
    wait_fresh_card(page)
    tabs = page.locator("#output-tabs button").all_text_contents()
    assert len(tabs) == 3 and "小册子 Booklet" in tabs


def test_a_booklet_page_enlarges_and_escape_closes_it(page, live_studio):
    page.click('#output-tabs button[data-output="booklet"]')
    page.wait_for_selector("#gallery img")
    page.locator("#gallery img").nth(0).click()
    page.wait_for_selector("#lightbox:not([hidden]) img[src*='/preview/booklet/0.png']")
    page.keyboard.press("Escape")
    page.wait_for_selector("#lightbox", state="hidden")
    page.click('#output-tabs button[data-output="cards-xhs"]')  # the next tests look at the cards


def test_kpi_figure_updates_card_and_file(page, live_studio):
    before = wait_fresh_card(page)
    page.fill(KPI_FIGURE, "同比5%")
    after = wait_fresh_card(page, before)
    assert after != before
    save_screenshot(page)
    assert on_disk(live_studio)["review"]["kpis"][0]["figure"] == "同比5%"
    text = live_studio.report.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=report.schema.json\n")  # the comment is kept
    status, image = live_studio.call(after.split("&token")[0], token=None)
    assert status == 200 and image[:8] == b"\x89PNG\r\n\x1a\n"


def test_invalid_figure_is_located_and_old_preview_kept(page, live_studio):
    kept = card_src(page)
    page.fill(KPI_FIGURE, "五个点")
    error = page.locator('.field-error[data-for="review.kpis[0].figure"]')
    error.wait_for()
    assert "not a figure" in error.text_content()
    problem = page.locator("#problems .problem").first.text_content()
    assert re.search(r"xinhui-2023\.yaml:\d+:\d+: review\.kpis\[0\]\.figure: ", problem)
    assert page.is_visible("#preview-banner")
    live_studio.wait_idle()  # the server has nothing to render: nothing may replace the last good preview
    assert card_src(page) == kept
    assert on_disk(live_studio)["review"]["kpis"][0]["figure"] == "五个点"  # saved as typed


def test_undo_restores_the_figure(page, live_studio):
    page.click("#undo")
    page.wait_for_function(f"document.querySelector('{KPI_FIGURE}').value === '同比5%'")
    assert page.locator(".field-error").count() == 0
    assert on_disk(live_studio)["review"]["kpis"][0]["figure"] == "同比5%"
    page.click("#redo")
    page.wait_for_function(f"document.querySelector('{KPI_FIGURE}').value === '五个点'")
    page.click("#undo")
    page.wait_for_function(f"document.querySelector('{KPI_FIGURE}').value === '同比5%'")


def test_reorder_two_chapters(page, live_studio):
    first, second = (c["title"] for c in on_disk(live_studio)["chapters"][:2])
    page.click('button[title="move Chapter 1 down"]')
    page.wait_for_function(
        "title => document.querySelector('[data-path=\"chapters[0].title\"]').value === title", arg=second)
    chapters = on_disk(live_studio)["chapters"]
    assert [c["title"] for c in chapters[:2]] == [second, first]
    assert [c["number"] for c in chapters] == list(range(1, len(chapters) + 1))


def test_external_edit_appears(page, live_studio):
    text = live_studio.report.read_text(encoding="utf-8")
    live_studio.report.write_text(text.replace("place: 新会区", "place: 新会区（外部编辑）"), encoding="utf-8")
    page.wait_for_function(
        "document.querySelector('[data-path=\"meta.place\"]').value === '新会区（外部编辑）'", timeout=15_000)
    assert "（外部编辑）" in page.input_value("#yaml")


def test_raw_yaml_tab(page, live_studio):
    page.click('#editor-tabs button[data-pane="yaml"]')
    text = page.input_value("#yaml")
    page.fill("#yaml", text.replace("meta:\n", "meta: [\n", 1))  # not YAML any more
    page.wait_for_selector("#problems .problem >> text=failed to parse YAML")
    assert page.is_visible("#preview-banner") and "meta: [" in live_studio.report.read_text(encoding="utf-8")
    page.fill("#yaml", text.replace("year: 2023", "year: 2024"))
    page.wait_for_function("document.querySelector('[data-path=\"meta.year\"]').value === '2024'")
    assert on_disk(live_studio)["meta"]["year"] == 2024
    page.click('#editor-tabs button[data-pane="form"]')


def test_data_is_text_in_the_page(page, live_studio):
    hostile = '<img src=x onerror="window.__owned=1">《标题》'
    page.fill('[data-path="meta.kicker"]', hostile)
    page.wait_for_function("kicker => document.querySelector('#yaml').value.includes(kicker)", arg=hostile)
    page.click('#editor-tabs button[data-pane="form"]')
    assert page.input_value('[data-path="meta.kicker"]') == hostile
    assert page.evaluate("window.__owned === undefined && !document.querySelector('img[src=\"x\"]')")
    assert on_disk(live_studio)["meta"]["kicker"] == hostile


def test_export_zip_matches_manifest(page, live_studio):
    page.click("#controls summary")
    page.fill("#densities", "1")  # 1× images only: the export stays quick
    page.click("#apply-settings")
    page.wait_for_function("document.querySelector('#settings-error').textContent === '' && "
                           "document.querySelector('#densities').value === '1'")
    page.click("#controls summary")
    page.click("#export")
    page.wait_for_selector("#export-result:not([hidden])", timeout=180_000)
    assert "failed" not in page.text_content("#export-message")
    href = page.get_attribute("#export-zip", "href")
    status, data = live_studio.call(href, token=None)
    assert status == 200
    archive = zipfile.ZipFile(io.BytesIO(data))
    manifest = json.loads(archive.read("manifest.json"))
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert set(archive.namelist()) == set(listed) | {"manifest.json"}
    for name, entry in listed.items():
        content = archive.read(name)
        assert (len(content), hashlib.sha256(content).hexdigest()) == (entry["bytes"], entry["sha256"]), name
    assert {"booklet-a5.pdf", "poster-long.pdf", "cards-xhs.pdf"} <= set(listed)
    assert not any("@2x" in name for name in listed)  # the density chosen in the controls
    links = page.locator("#export-files a").all_text_contents()
    assert sorted(links) == sorted(listed)


def save_screenshot(page) -> None:
    """The README's picture of the studio, as this test sees it (a palette PNG, well under 200 kB)."""
    from PIL import Image

    shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    shot.quantize(colors=96).save(README_SHOT, optimize=True)


def test_write_without_token_is_forbidden(live_studio):
    before = live_studio.report.read_text(encoding="utf-8")
    ops = {"ops": [{"op": "set", "path": ["meta", "title"], "value": "被篡改"}]}
    for token in (None, "wrong-token"):
        status, answer = live_studio.call("/api/edit", ops, token=token)
        assert status == 403 and "token" in answer["error"]
    assert live_studio.report.read_text(encoding="utf-8") == before
