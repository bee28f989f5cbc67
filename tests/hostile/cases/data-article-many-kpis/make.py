"""An article with 2,000 KPI bullets and 2,000 target bullets."""
import sys
from pathlib import Path

kpis = "".join(f"- 指标{n}增长**{n % 90 + 1}%**\n" for n in range(2000))
targets = "".join(f"- 指标{n}增长{n % 90 + 1}%\n" for n in range(2000))
Path(sys.argv[1], "article.txt").write_text(
    "乘势而上加速奔跑\n数读2023年新会区政府工作报告\n2022年工作回顾\n" + kpis
    + "2023年工作展望\n主要预期目标是：\n" + targets, encoding="utf-8")
