"""3,000 nested flow lists under meta: gave a RecursionError traceback."""
import sys
from pathlib import Path

depth = 3000
Path(sys.argv[1], "report.yaml").write_text("meta: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
