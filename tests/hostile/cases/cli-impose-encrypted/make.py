"""A four-page press-like PDF, encrypted with a user password."""
import sys
from pathlib import Path

import pikepdf

pdf = pikepdf.new()
for _ in range(4):
    pdf.add_blank_page(page_size=(437.95, 612.28))
    pdf.pages[-1].obj.TrimBox = pikepdf.Array([8.5, 8.5, 429.45, 603.78])
pdf.save(Path(sys.argv[1]) / "locked.pdf", encryption=pikepdf.Encryption(user="secret", owner="owner"))
