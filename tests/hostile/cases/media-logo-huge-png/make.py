"""A 200-byte PNG declaring 100 000 × 100 000 pixels (40 GB decoded), beside a copy of the report."""
import shutil
import struct
import sys
import zlib
from pathlib import Path


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


tmp = Path(sys.argv[1])
header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
(tmp / "logo.png").write_bytes(png)
shutil.copy(Path(__file__).with_name("report.yaml"), tmp / "report.yaml")
