"""logo.png is a link to /etc/passwd, beside a copy of the report."""
import shutil
import sys
from pathlib import Path

tmp = Path(sys.argv[1])
(tmp / "logo.png").symlink_to("/etc/passwd")
shutil.copy(Path(__file__).with_name("report.yaml"), tmp / "report.yaml")
