"""Four pages of 14400 × 14400 pt, trimmed at the media."""
import sys
from pathlib import Path

import pikepdf

pdf = pikepdf.new()
for _ in range(4):
    pdf.add_blank_page(page_size=(14400, 14400))
    pdf.pages[-1].obj.TrimBox = pikepdf.Array([0, 0, 14400, 14400])
pdf.save(Path(sys.argv[1]) / "huge.pdf")
