"""The seed report with a 500-character URL as its title."""

import sys
from pathlib import Path

import yaml

report = yaml.safe_load(Path("data/xinhui-2023.yaml").read_text(encoding="utf-8"))
report["meta"]["title"] = "https://example.com/" + "b" * 480
Path(sys.argv[1], "report.yaml").write_text(yaml.safe_dump(report, allow_unicode=True), encoding="utf-8")
