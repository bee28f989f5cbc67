"""2,000 KPIs and 2,000 targets."""
import sys
from pathlib import Path

HEAD = Path(__file__).with_name("head.yaml").read_text(encoding="utf-8")
kpis = "".join(f"    - label: 指标{n}\n      verb: 增长\n      figure: {n}%\n" for n in range(2000))
targets = "".join(f"    - label: 指标{n}\n      verb: 增长\n      figure: {n}%\n" for n in range(2000))
Path(sys.argv[1], "report.yaml").write_text(
    HEAD + "review:\n  title: 2022年工作回顾\n  kpis:\n" + kpis
    + "targets:\n  title: 2023年工作展望\n  items:\n" + targets, encoding="utf-8")
