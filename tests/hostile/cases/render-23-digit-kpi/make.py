"""The seed report with a 23-digit figure in its first KPI."""

import sys
from pathlib import Path

import yaml

report = yaml.safe_load(Path("data/xinhui-2023.yaml").read_text(encoding="utf-8"))
report["review"]["kpis"][0]["figure"] = "12345678901234567890123%"
Path(sys.argv[1], "report.yaml").write_text(yaml.safe_dump(report, allow_unicode=True), encoding="utf-8")
