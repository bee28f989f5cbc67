"""CID-keyed CFF font programs → the same program holding only chosen CIDs.

WeasyPrint's HarfBuzz subsets keep glyph IDs: a subset of a CJK face still has its
~63,000 glyph slots, empty but for the used ones.  :func:`keep_cids` rewrites such a
program (bare CFF or the ``CFF `` table of an OpenType font) with only the glyphs
whose CIDs are kept.  Each kept glyph keeps its CID in the charset, so a PDF that
shows CIDs (``Identity-H``) reaches the same outlines; widths and ToUnicode, keyed
by CID, stay valid.

Only the structures that index glyphs are rebuilt (charset, FDSelect, CharStrings
and the offsets that point at them); names, strings, global and local
subroutines, Font DICTs and Private DICTs are copied byte for byte.  Offsets are
written as 5-byte integers, so the output is one pass and deterministic.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

CHARSET, CHARSTRINGS, PRIVATE, SUBRS = 15, 17, 18, 19
ROS, FDARRAY, FDSELECT = 0x0C1E, 0x0C24, 0x0C25

Operands = bytes
DictEntries = list[tuple[int, Operands]]


class CffError(ValueError):
    """The program is not a CFF this module can rewrite."""


@dataclass(frozen=True)
class Index:
    """A CFF INDEX at ``start``: ``count`` items, where it ends, each item's byte range on demand."""

    data: bytes
    start: int
    count: int
    offset_size: int = 0

    @property
    def base(self) -> int:
        """Where the items start, minus one (offsets count from 1)."""
        return self.start + 2 + (self.count + 1) * self.offset_size

    @property
    def end(self) -> int:
        return self.start + 2 if self.count == 0 else self.base + self._offset(self.count)

    def span(self, number: int) -> tuple[int, int]:
        return self.base + self._offset(number), self.base + self._offset(number + 1)

    def item(self, number: int) -> bytes:
        return self.data[slice(*self.span(number))]

    def _offset(self, number: int) -> int:
        at = self.start + 3 + number * self.offset_size
        return int.from_bytes(self.data[at:at + self.offset_size], "big")


def keep_cids(program: bytes, cids: set[int]) -> bytes | None:
    """The CID-keyed CFF of ``program`` with only the glyphs of ``cids`` (and .notdef).

    None when ``program`` is not CID-keyed (name-keyed fonts map codes to glyph IDs,
    which this cannot keep); :class:`CffError` when it cannot be read.
    """
    cff = _cff_table(program)
    try:
        return _rewrite(cff, cids)
    except (IndexError, struct.error, KeyError) as error:
        raise CffError(f"unreadable CFF ({error})") from None


def _rewrite(cff: bytes, cids: set[int]) -> bytes | None:
    header_size = cff[2]
    names = read_index(cff, header_size)
    tops = read_index(cff, names.end)
    strings = read_index(cff, tops.end)
    global_subrs = read_index(cff, strings.end)
    if tops.count != 1:
        raise CffError("a CFF with more than one font")
    top = parse_dict(tops.item(0))
    operators = dict(top)
    if ROS not in operators or FDARRAY not in operators or FDSELECT not in operators or PRIVATE in operators:
        return None
    charstrings = read_index(cff, _int(operators[CHARSTRINGS]))
    count = charstrings.count
    charset = read_charset(cff, _int(operators[CHARSET]), count)
    fd_select = read_fd_select(cff, _int(operators[FDSELECT]), count)
    fonts = read_index(cff, _int(operators[FDARRAY]))
    glyphs = [0] + [gid for gid, cid in enumerate(charset) if cid in cids and gid]

    head = cff[:header_size] + cff[names.start:names.end]
    middle = cff[strings.start:strings.end] + cff[global_subrs.start:global_subrs.end]
    top_size = len(build_index([encode_dict(_with_offsets(top, 0, 0, 0, 0))]))
    position = len(head) + top_size + len(middle)
    charset_data = _charset_format_0([charset[g] for g in glyphs[1:]])
    fd_select_data = bytes([0]) + bytes(fd_select[g] for g in glyphs)
    charstrings_data = build_index([charstrings.item(g) for g in glyphs])
    charset_at = position
    fd_select_at = charset_at + len(charset_data)
    charstrings_at = fd_select_at + len(fd_select_data)
    fonts_at = charstrings_at + len(charstrings_data)
    fonts_data, privates = _font_dicts(cff, fonts, fonts_at)
    new_top = encode_dict(_with_offsets(top, charset_at, charstrings_at, fonts_at, fd_select_at))
    return b"".join([head, build_index([new_top]), middle, charset_data, fd_select_data,
                     charstrings_data, fonts_data, privates])


def _cff_table(program: bytes) -> bytes:
    if program[:4] != b"OTTO":
        return program
    (tables,) = struct.unpack(">H", program[4:6])
    for record in range(tables):
        tag, _checksum, offset, length = struct.unpack(">4sIII", program[12 + 16 * record:28 + 16 * record])
        if tag == b"CFF ":
            return program[offset:offset + length]
    raise CffError("an OpenType font without a CFF table")


def _with_offsets(top: DictEntries, charset: int, charstrings: int, fonts: int, fd_select: int) -> DictEntries:
    offsets = {CHARSET: charset, CHARSTRINGS: charstrings, FDARRAY: fonts, FDSELECT: fd_select}
    return [(op, encode_int(offsets[op]) if op in offsets else operands) for op, operands in top]


def _font_dicts(cff: bytes, fonts: Index, start: int) -> tuple[bytes, bytes]:
    """The FDArray INDEX (Private offsets moved) and, after it, each Private DICT and its Subrs."""
    entries = [parse_dict(fonts.item(number)) for number in range(fonts.count)]
    placeholder = [_with_private(entry, 0, 0) for entry in entries]
    position = start + len(build_index([encode_dict(e) for e in placeholder]))
    new_entries, privates = [], []
    for entry in entries:
        operands = dict(entry).get(PRIVATE)
        if operands is None:
            new_entries.append(entry)
            continue
        size, offset = _ints(operands)
        private = _private_with_subrs(cff, offset, size)
        new_entries.append(_with_private(entry, len(private), position))
        privates.append(private)
        position += len(private)
    return build_index([encode_dict(e) for e in new_entries]), b"".join(privates)


def _with_private(entry: DictEntries, size: int, offset: int) -> DictEntries:
    return [(op, encode_int(size) + encode_int(offset) if op == PRIVATE else operands)
            for op, operands in entry]


def _private_with_subrs(cff: bytes, offset: int, size: int) -> bytes:
    """A Private DICT followed by its local Subrs INDEX (the Subrs offset rewritten)."""
    private = parse_dict(cff[offset:offset + size])
    subrs_at = dict(private).get(SUBRS)
    if subrs_at is None:
        return cff[offset:offset + size]
    subrs = read_index(cff, offset + _int(subrs_at))
    body = [(op, operands) for op, operands in private if op != SUBRS]
    length = len(encode_dict(body)) + 1 + 5  # the Subrs operator and its 5-byte operand
    encoded = encode_dict([*body, (SUBRS, encode_int(length))])
    return encoded + cff[subrs.start:subrs.end]


# -- reading -----------------------------------------------------------------------

def read_index(data: bytes, start: int) -> Index:
    (count,) = struct.unpack(">H", data[start:start + 2])
    return Index(data, start, count, data[start + 2] if count else 0)


def read_charset(data: bytes, offset: int, count: int) -> list[int]:
    """Glyph ID → CID (glyph 0 is .notdef, CID 0)."""
    cids = [0]
    form, position = data[offset], offset + 1
    if form == 0:
        cids += struct.unpack(f">{count - 1}H", data[position:position + 2 * (count - 1)])
        return cids
    if form not in (1, 2):
        raise CffError(f"charset format {form}")
    width = 1 if form == 1 else 2
    while len(cids) < count:
        first = struct.unpack(">H", data[position:position + 2])[0]
        left = int.from_bytes(data[position + 2:position + 2 + width], "big")
        cids.extend(range(first, first + left + 1))
        position += 2 + width
    return cids[:count]


def read_fd_select(data: bytes, offset: int, count: int) -> bytes:
    """Glyph ID → Font DICT number."""
    form = data[offset]
    if form == 0:
        return data[offset + 1:offset + 1 + count]
    if form != 3:
        raise CffError(f"FDSelect format {form}")
    (ranges,) = struct.unpack(">H", data[offset + 1:offset + 3])
    table = bytearray(count)
    for number in range(ranges):
        at = offset + 3 + 3 * number
        first, fd = struct.unpack(">HB", data[at:at + 3])
        (end,) = struct.unpack(">H", data[at + 3:at + 5])  # the next range's first, or the sentinel
        table[first:min(end, count)] = bytes([fd]) * (min(end, count) - first)
    return bytes(table)


def parse_dict(data: bytes) -> DictEntries:
    """A DICT → ``[(operator, raw operand bytes)]`` (two-byte operators as 0x0Cxx)."""
    entries, start, position = [], 0, 0
    while position < len(data):
        byte = data[position]
        if byte <= 21:
            operator = 0x0C00 | data[position + 1] if byte == 12 else byte
            position += 2 if byte == 12 else 1
            entries.append((operator, data[start:position - (2 if byte == 12 else 1)]))
            start = position
        elif byte == 28:
            position += 3
        elif byte == 29:
            position += 5
        elif byte == 30:
            position += 1
            while data[position] & 0x0F != 0x0F and data[position] >> 4 != 0x0F:
                position += 1
            position += 1
        elif byte <= 246:
            position += 1
        elif byte <= 254:
            position += 2
        else:
            raise CffError(f"DICT operand byte {byte}")
    return entries


def _ints(operands: Operands) -> list[int]:
    values, position = [], 0
    while position < len(operands):
        byte = operands[position]
        if byte == 28:
            values.append(struct.unpack(">h", operands[position + 1:position + 3])[0])
            position += 3
        elif byte == 29:
            values.append(struct.unpack(">i", operands[position + 1:position + 5])[0])
            position += 5
        elif 32 <= byte <= 246:
            values.append(byte - 139)
            position += 1
        elif 247 <= byte <= 250:
            values.append((byte - 247) * 256 + operands[position + 1] + 108)
            position += 2
        elif 251 <= byte <= 254:
            values.append(-(byte - 251) * 256 - operands[position + 1] - 108)
            position += 2
        else:
            raise CffError(f"expected an integer operand, found byte {byte}")
    return values


def _int(operands: Operands) -> int:
    return _ints(operands)[-1]


# -- writing -----------------------------------------------------------------------

def encode_int(value: int) -> bytes:
    """A 5-byte DICT integer (fixed width: offsets are known before they are written)."""
    return b"\x1d" + struct.pack(">i", value)


def encode_dict(entries: DictEntries) -> bytes:
    out = bytearray()
    for operator, operands in entries:
        out += operands
        out += bytes([12, operator & 0xFF]) if operator > 0xFF else bytes([operator])
    return bytes(out)


def build_index(items: list[bytes]) -> bytes:
    if not items:
        return b"\x00\x00"
    offsets = [1]
    for item in items:
        offsets.append(offsets[-1] + len(item))
    size = next(n for n in (1, 2, 3, 4) if offsets[-1] < 1 << (8 * n))
    table = b"".join(offset.to_bytes(size, "big") for offset in offsets)
    return struct.pack(">HB", len(items), size) + table + b"".join(items)


def _charset_format_0(cids: list[int]) -> bytes:
    return b"\x00" + struct.pack(f">{len(cids)}H", *cids)
