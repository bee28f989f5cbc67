"""The seed report with a 200-character title (one clause: no space to break it into lines)."""

import sys
from pathlib import Path

import yaml

report = yaml.safe_load(Path("data/xinhui-2023.yaml").read_text(encoding="utf-8"))
report["meta"]["title"] = "乘势而上加速奔跑开局之年再上台阶" * 12 + "再上台阶再上台阶"
Path(sys.argv[1], "report.yaml").write_text(yaml.safe_dump(report, allow_unicode=True), encoding="utf-8")
