"""A lead paragraph of 39,000 characters."""
import sys
from pathlib import Path

HEAD = Path(__file__).with_name("head.yaml").read_text(encoding="utf-8")
sentence = "新会区坚持以高质量发展为首要任务，地区生产总值增长4%。"  # 28 characters
lead = (sentence * 1500)[:39000]
Path(sys.argv[1], "report.yaml").write_text(
    HEAD + f"lead:\n  - {lead}\nreview:\n  title: 2022年工作回顾\n  kpis:\n"
    "    - label: 地区生产总值\n      figure: 4%\n", encoding="utf-8")
