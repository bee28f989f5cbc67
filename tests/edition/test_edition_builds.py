"""``build --press --script hant-hk|hant-tw`` compared with the ``hans`` build, of the short seed
(every kind of content the seed has, every default output; what is checked is that every
string of every output is in the edition's script, not the seed's length)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pikepdf
import pytest

from xinhui_print.edition import edition
from xinhui_print.typeset.measure import pdftotext

ROOT = Path(__file__).resolve().parents[2]
#: Common characters that exist only in Simplified Chinese (the issue's examples).
SIMPLIFIED_ONLY = "数区亿发经门报业"
#: Characters OpenCC would convert a second time though the first pass was right:
#: 斗門 (Doumen district) is the Traditional spelling; a second pass reads 斗 as 鬥.
SECOND_PASS_EXCEPTIONS = {"斗", "伙"}  # Traditional too; a second pass over text cut at a line end (合作 / 伙伴) reads another phrase
REGIONAL_FACE = {"hant-hk": "HK", "hant-tw": "TC", "hans": "SC"}


@pytest.fixture(scope="module")
def builds(tmp_path_factory, short_seed) -> dict[str, Path]:
    folders = {}
    for script in ("hans", "hant-hk", "hant-tw"):
        out = tmp_path_factory.mktemp(script)
        result = subprocess.run([sys.executable, "-m", "xinhui_print", "build", str(short_seed), "--press",
                                 "--script", script, "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        folders[script] = out / "xinhui-2023"
    return folders


def manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def extracted_text(path: Path) -> str:
    """What a reader gets from a file: a PDF's text, a text or JSON file as it is."""
    if path.suffix == ".pdf":
        text = pdftotext(path)
    elif path.suffix in (".txt", ".json"):
        text = path.read_text(encoding="utf-8")
    else:
        return ""
    return re.sub(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])", "", text)  # lines joined


def readable_files(folder: Path) -> list[Path]:
    return [folder / entry["path"] for entry in manifest(folder)["files"]] + [folder / "manifest.json"]


@pytest.mark.parametrize("script", ["hant-hk", "hant-tw"])
def test_files_carry_the_script_and_the_manifest_records_it(builds, script):
    hans, hant = manifest(builds["hans"]), manifest(builds[script])
    assert (hans["script"], hant["script"]) == ("hans", script)
    names = [entry["path"] for entry in hant["files"]]
    assert "booklet-a5.hant-hk.pdf" in names or script != "hant-hk"
    assert all(f".{script}" in name for name in names if not name.startswith("jobsheet."))
    assert sorted(name.replace(f".{script}", "") for name in names) == sorted(e["path"] for e in hans["files"])
    roles = Counter(e["role"] for e in hant["files"])
    assert roles == Counter(e["role"] for e in hans["files"])  # press files and job sheet too


@pytest.mark.parametrize("script", ["hant-hk", "hant-tw"])
def test_no_simplified_only_character_in_any_output(builds, script):
    """Every string of every output is in the edition's script: the example characters
    never appear, and converting the extracted text again changes nothing."""
    convert = edition(script).text
    for path in readable_files(builds[script]):
        text = extracted_text(path)
        assert not set(SIMPLIFIED_ONLY) & set(text), f"{path.name}: {set(SIMPLIFIED_ONLY) & set(text)}"
        left = {(a, b) for a, b in zip(text, convert(text)) if a != b and a not in SECOND_PASS_EXCEPTIONS}
        assert not left, f"{path.name}: Simplified characters left: {sorted(left)[:10]}"
    booklet = extracted_text(builds[script] / f"booklet-a5.{script}.pdf")
    assert ("數讀" in booklet) and ("導讀" in booklet) and ("目錄" in booklet)
    assert "印刷工單" in (builds[script] / "jobsheet.txt").read_text(encoding="utf-8")


def numbers(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)?", text)


@pytest.mark.parametrize("script", ["hant-hk", "hant-tw"])
def test_the_same_figures_as_the_simplified_build(builds, script):
    for entry in manifest(builds["hans"])["files"]:
        if entry["format"] not in ("pdf", "txt") or entry["role"] == "jobsheet":
            continue
        hant_name = entry["path"].replace(entry["layout"], f"{entry['layout']}.{script}", 1)
        hans_numbers = numbers(extracted_text(builds["hans"] / entry["path"]))
        hant_numbers = numbers(extracted_text(builds[script] / hant_name))
        # every number, as often; the extractor may read a folio before or after a line
        assert Counter(hant_numbers) == Counter(hans_numbers), hant_name


def font_names(resources, seen=None) -> set[str]:
    """The fonts a page uses, in its forms too (imposed spreads place pages as forms)."""
    seen = set() if seen is None else seen
    if not isinstance(resources, pikepdf.Dictionary) or resources.objgen in seen and resources.objgen != (0, 0):
        return set()
    seen.add(resources.objgen)
    names = {str(font.BaseFont).split("+", 1)[-1] for font in resources.get("/Font", {}).values()}
    for xobject in resources.get("/XObject", {}).values():
        if xobject.get("/Subtype") == "/Form":
            names |= font_names(xobject.get("/Resources"), seen)
    return names


@pytest.mark.parametrize("script", ["hans", "hant-hk", "hant-tw"])
def test_pdfs_use_the_regional_faces_only_and_name_the_language(builds, script):
    face = REGIONAL_FACE[script]
    for entry in manifest(builds[script])["files"]:
        if entry["format"] != "pdf":
            continue
        with pikepdf.open(builds[script] / entry["path"]) as pdf:
            fonts = {name for page in pdf.pages for name in font_names(page.Resources)}
            cjk = {name for name in fonts if "CJK" in name}
            assert cjk and all(f"CJK-{face}" in name for name in cjk), (entry["path"], fonts)
            if entry["role"] == "screen":
                assert str(pdf.Root.Lang) == edition(script).lang


@pytest.mark.parametrize("script", ["hant-hk", "hant-tw"])
def test_the_traditional_booklet_is_tagged_too(builds, script):
    path = builds[script] / f"booklet-a5.{script}.pdf"
    with pikepdf.open(path) as pdf:
        assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked is True
        assert str(pdf.docinfo.Title).startswith("數讀2023年新會區政府工作報告")
    checker = Path(sys.executable).parent / "pdfua"
    if checker.exists():  # the validator of the test extra
        result = subprocess.run([str(checker), "check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout
