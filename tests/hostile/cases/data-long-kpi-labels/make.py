"""Six KPIs whose labels and verbs are 300 characters long."""
import sys
from pathlib import Path

HEAD = Path(__file__).with_name("head.yaml").read_text(encoding="utf-8")
label, verb = "地区生产总值" * 50, "增长" * 150
kpis = "".join(f"    - label: {label}\n      verb: {verb}\n      figure: {n}%\n" for n in range(1, 7))
Path(sys.argv[1], "report.yaml").write_text(HEAD + "review:\n  title: 2022年工作回顾\n  kpis:\n" + kpis,
                                            encoding="utf-8")
