"""A folder where the output file should be."""
import sys
from pathlib import Path

(Path(sys.argv[1]) / "report.yaml").mkdir()
