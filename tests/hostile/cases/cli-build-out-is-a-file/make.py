"""A file where the output folder should be."""
import sys
from pathlib import Path

(Path(sys.argv[1]) / "out").write_text("my own file, not a folder\n", encoding="utf-8")
