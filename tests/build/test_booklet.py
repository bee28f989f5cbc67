"""The booklet-a5 layout on a real build: structure, text, fonts, contents, metadata."""

from __future__ import annotations

import re
import subprocess

import pikepdf

from xinhui_print.model import plain_text


def pdftotext(pdf, first=None, last=None) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def squash(text: str) -> str:
    """Text without any white space: what a reader sees, independent of line breaks."""
    return re.sub(r"\s+", "", text)


def page_texts(pdf) -> list[str]:
    return [squash(page) for page in pdftotext(pdf).split("\f")[:-1]]


def test_page_count_is_a_multiple_of_four(booklet_pdf, booklet_build):
    with pikepdf.open(booklet_pdf) as pdf:
        pages = len(pdf.pages)
    assert pages % 4 == 0
    assert booklet_build[1]["files"][0]["pages"] == pages


def test_trim_is_a5(booklet_pdf):
    with pikepdf.open(booklet_pdf) as pdf:
        for page in pdf.pages:
            box = [float(v) for v in page.trimbox]
            assert round((box[2] - box[0]) * 25.4 / 72, 1) == 148.0
            assert round((box[3] - box[1]) * 25.4 / 72, 1) == 210.0


def test_every_data_string_is_in_the_pdf_text(booklet_pdf, seed_report):
    text = squash(pdftotext(booklet_pdf))
    strings = [squash(plain_text(s)) for s in seed_report.all_text()]
    # chapter titles are set as headline + deck (split at the first comma)
    titles = {squash(c.title) for c in seed_report.chapters}
    strings = [s for s in strings if s not in titles]
    strings += [part for c in seed_report.chapters for part in (c.headline, c.deck)]
    skip = {seed_report.meta.id, str(seed_report.meta.year), seed_report.meta.date.isoformat()}
    missing = [s for s in strings if s and s not in skip and s not in text]
    assert missing == []


def test_every_item_and_fact_appears_whole(booklet_pdf, seed_report):
    text = squash(pdftotext(booklet_pdf))
    for chapter in seed_report.chapters:
        for section in chapter.sections:
            for item in section.items:
                assert squash(plain_text(item)) in text
    for group in seed_report.groups:
        for fact in group.facts:
            assert squash(plain_text(fact)) in text


def test_fonts_are_embedded_simplified_chinese_faces(booklet_pdf):
    listing = subprocess.run(["pdffonts", str(booklet_pdf)], capture_output=True, text=True, check=True).stdout
    rows = listing.splitlines()[2:]
    names = [row.split()[0] for row in rows]
    assert any("Noto-Serif-CJK-SC" in n for n in names)
    assert any("Noto-Sans-CJK-SC" in n for n in names)
    assert not any("JP" in n for n in names)
    for row in rows:  # columns: name type encoding emb sub uni object ID
        assert " yes yes " in row or re.search(r"\byes\s+yes\s+yes\b", row), row


def test_table_of_contents_page_numbers_are_real(booklet_pdf, seed_report):
    pages = page_texts(booklet_pdf)
    toc_index = next(i for i, t in enumerate(pages) if t.startswith("目录"))
    toc = pdftotext(booklet_pdf, toc_index + 1)
    for chapter in seed_report.chapters:
        match = re.search(re.escape(chapter.headline) + r"\s*·+\s*(\d+)\s*$", toc, re.M)
        assert match, f"{chapter.headline} not in contents"
        number = int(match.group(1))
        assert f"{chapter.number:02d}{chapter.headline}" in pages[number - 1]


def test_bookmarks_and_metadata(booklet_pdf, seed_report):
    with pikepdf.open(booklet_pdf) as pdf:
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
        info = pdf.docinfo
        assert str(pdf.Root.Lang) == "zh-CN"
        assert seed_report.meta.title in str(info["/Title"])
        assert str(info["/Author"]) == seed_report.meta.author
        assert str(info["/CreationDate"]).startswith("D:20230220")
    assert seed_report.review.title in titles
    assert any(seed_report.chapters[0].headline in t for t in titles)


def test_manifest_lists_the_booklet(booklet_build):
    folder, manifest = booklet_build
    (entry,) = [e for e in manifest["files"] if e["layout"] == "booklet-a5" and e["role"] == "screen"]
    assert entry["path"] == "booklet-a5.pdf"
    assert entry["format"] == "pdf"
    assert entry["trim_mm"] == [148.0, 210.0]
    import hashlib

    assert entry["sha256"] == hashlib.sha256((folder / entry["path"]).read_bytes()).hexdigest()


def test_booklet_on_a_chinese_paper_size(cli, tmp_path, short_seed):
    """正度16开 (185 × 260 mm): the booklet layout accepts any paper, still a multiple of 4 (the short seed)."""
    result = cli("build", str(short_seed), "--layout", "booklet-a5", "--paper", "正度16开", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "xinhui-2023" / "booklet-a5-正度16开.pdf"
    with pikepdf.open(pdf) as document:
        assert len(document.pages) % 4 == 0
        box = [float(v) for v in document.pages[0].trimbox]
    assert [round((box[2] - box[0]) * 25.4 / 72), round((box[3] - box[1]) * 25.4 / 72)] == [185, 260]


def test_unknown_paper_is_a_usage_error(cli, tmp_path):
    result = cli("build", "--layout", "booklet-a5", "--paper", "B9", "--out", str(tmp_path))
    assert result.returncode == 2 and "unknown paper size 'B9'" in result.stderr


def test_booklet_body_is_justified_flush_with_clean_chinese_typesetting(booklet_pdf):
    """Issue 6 on the real booklet: ≥ 98 % of non-final body lines flush, no kinsoku
    violations, no half-width marks in Chinese, no figure split from its unit, no 孤字."""
    from xinhui_print.layout import load_layout
    from xinhui_print.typeset.measure import measure_pdf

    page = load_layout("booklet-a5").section("page")
    inner, outer = (float(page[k].removesuffix("mm")) * 72 / 25.4 for k in ("margin_inner", "margin_outer"))

    def columns(index: int, width: float):
        right_hand = index % 2 == 0  # page 1 is a right-hand page: inner margin on the left
        return [(inner, width - outer)] if right_hand else [(outer, width - inner)]

    def body(line) -> bool:
        fonts = [c["fontname"] for c in line.chars]
        return sum("Serif" in f for f in fonts) > len(fonts) / 2

    report = measure_pdf(booklet_pdf, columns=columns, keep=body)
    assert report.checked_lines > 60
    assert report.flush_lines / report.checked_lines >= 0.98, report.short_lines
    assert report.kinsoku_violations == []
    assert report.half_width_punctuation == []
    assert report.figure_splits == []
    assert report.one_character_last_lines == []


def test_copied_text_has_no_spaces_between_chinese_characters(booklet_pdf, seed_report):
    """Justification adds space between characters, never space characters to the text."""
    pattern = r"[\u4e00-\u9fff][ \u00a0\u200b\u2060]+[\u4e00-\u9fff]"
    in_data = {m for text in seed_report.all_text() for m in re.findall(pattern, text)}
    spaced = re.findall(pattern, pdftotext(booklet_pdf))
    assert [s for s in spaced if s not in in_data] == []
