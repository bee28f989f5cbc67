"""CID-keyed CFF programs keep only chosen CIDs, each glyph under its own CID."""

from __future__ import annotations

import io

import pytest

from xinhui_print.export.cff import CffError, keep_cids


@pytest.fixture(scope="module")
def noto_program() -> bytes:
    """A HarfBuzz subset of Noto Sans CJK SC as WeasyPrint embeds it (glyph IDs kept)."""
    import pikepdf
    import weasyprint

    html = '<p lang="zh-CN" style="font-family: \'Noto Sans CJK SC\'">新会数读 2023</p>'
    with pikepdf.open(io.BytesIO(weasyprint.HTML(string=html).write_pdf())) as pdf:
        (program,) = [bytes(o.FontFile3.read_bytes()) for o in pdf.objects
                      if isinstance(o, pikepdf.Dictionary) and "/FontFile3" in o]
    return program


def outlines(program: bytes) -> dict[int, tuple]:
    """CID → decompiled charstring program."""
    from fontTools.cffLib import CFFFontSet
    from fontTools.ttLib import TTFont

    if program[:4] == b"OTTO":
        cff = TTFont(io.BytesIO(program))["CFF "].cff
    else:
        cff = CFFFontSet()
        cff.decompile(io.BytesIO(program), None)
    top = cff[cff.fontNames[0]]
    found = {}
    for name in top.charset:
        charstring, _ = top.CharStrings.getItemAndSelector(name)
        charstring.decompile()
        found[0 if name == ".notdef" else int(name[3:])] = tuple(charstring.program)
    return found


def test_kept_glyphs_keep_their_cids_and_outlines(noto_program):
    before = outlines(noto_program)
    drawn = sorted(cid for cid, program in before.items() if cid and len(program) > 1)[:3]
    compact = keep_cids(noto_program, set(drawn))
    after = outlines(compact)
    assert sorted(after) == [0, *drawn]
    assert all(after[cid] == before[cid] for cid in after)


def test_compacting_again_selects_by_cid_not_glyph_id(noto_program):
    before = outlines(noto_program)
    drawn = sorted(cid for cid, program in before.items() if cid and len(program) > 1)
    once = keep_cids(noto_program, set(drawn))
    twice = keep_cids(once, {drawn[-1]})
    assert outlines(twice) == {0: before[0], drawn[-1]: before[drawn[-1]]}


def test_damaged_programs_are_refused():
    with pytest.raises(CffError):
        keep_cids(b"\x01\x00\x04\x01" + b"\x00\x05\xff", {1})
