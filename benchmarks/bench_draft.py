"""``draft``: how many of a newspaper's figures the draft holds, figures not in the source, time.

For each report in ``tests/draft/reports/`` with a newspaper's 数读-style feature
(found in stored web pages; only the figures are quoted here, each with a word
of its context so that two ``8.1%`` are told apart), the draft made with the
default limits is checked for:

- recall: the share of the feature's figures found in one drafted text together
  with their context word (bar ≥ 80 %);
- figures not in the source: every figure of the draft must appear verbatim in
  the (normalised) report (bar 0);
- time: drafting the 17,963-character 2021 report, in process (median of 5) and
  as a fresh ``xinhui-print draft`` process (bar ≤ 2 s).

    .venv/bin/python benchmarks/bench_draft.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from xinhui_print.draft import draft_report  # noqa: E402
from xinhui_print.draft.faithful import drafted_texts, figures_not_in_source, source_text  # noqa: E402

REPORTS = ROOT / "tests" / "draft" / "reports"
R2021 = REPORTS / "national-2021-government-work-report.txt"
R2022 = REPORTS / "national-2022-government-work-report.txt"

# (report, feature, where it was read, [(figure, context word), …])
FEATURES = [
    (R2021, "新民晚报 2021-03-05 第24版「2020 中国答卷」",
     "https://paper.xinmin.cn/html/xmwb/2021-03-05/1-24/97567.html (stored excerpt ends inside the 2021 list)",
     [("2.3%", "国内生产总值"), ("1186万人", "就业"), ("5.2%", "失业率"), ("2.6万亿元", "减负"),
      ("551万", "贫困人口"), ("52个", "贫困县"), ("5.5%以内", "失业率"), ("11.3年", "受教育年限"),
      ("1岁", "预期寿命"), ("95%", "参保率"), ("6%以上", "国内生产总值"), ("1100万人以上", "就业"),
      ("5.5%左右", "失业率"), ("3%左右", "居民消费价格")]),
    (R2021, "中新社 2021-03-05「盘点2021年中国政府工作报告中的核心数据」（记者 夏宾）",
     "http://opkks.com/xwzx/PoliticsNews/202103/t20210305_12336122.htm (a repost; stored excerpt ends "
     "inside the 2021 targets)",
     [("100万亿元", "国内生产总值"), ("2.3%", "国内生产总值"), ("1186万人", "就业"), ("5.2%", "失业率"),
      ("2.5%", "居民消费价格"), ("2.6万亿元", "减负"), ("1.7万亿元", "社保费"), ("2万亿元", "直达"),
      ("50%以上", "普惠小微"), ("1.5万亿元", "让利"), ("600万人", "低保"), ("800万人次", "临时救助"),
      ("551万", "贫困人口"), ("52个", "贫困县"), ("100万人", "扩招")]),
    (R2022, "北京青年报 2022-03-05「今年政府工作报告 释放了哪些重磅信号?」",
     "https://app.bjtitle.com/8816/newshow.php?mood=wx&newsid=6109432&typeid=91 (stored excerpt)",
     [("5.5%左右", "国内生产总值"), ("1100万人以上", "就业"), ("5.5%以内", "失业率"),
      ("3%左右", "居民消费价格"), ("1.3万亿斤以上", "粮食产量"), ("1万亿元", "减税降费"),
      ("4.76万亿元", "纳税")]),
    (R2022, "「只有600字，政府工作报告极简版来了」2022-03-07 (a repost that does not name its newspaper)",
     "http://wdy.imnu.edu.cn/info/1051/6456.htm",
     [("8.1%", "国内生产总值"), ("8.1%", "可支配收入"), ("1269万人", "就业"), ("1万亿元", "减税降费"),
      ("85%", "疫苗"), ("5.5%左右", "国内生产总值"), ("1100万人以上", "就业"), ("3%左右", "居民消费价格"),
      ("1.3万亿斤以上", "粮食产量"), ("2.8%左右", "赤字率"), ("1.5万亿元", "转移支付"), ("9.8万亿元", "规模"),
      ("3.65万亿元", "专项债券"), ("2.5万亿元", "退税减税"), ("1.5万亿元", "留抵退税"), ("1000亿元", "失业保险"),
      ("30元", "补助标准"), ("5元", "补助标准")]),
]
RECALL_BAR = 0.80
TIME_BAR_S = 2.0


def recall(texts: list[str], expected: list[tuple[str, str]]) -> tuple[int, list[tuple[str, str]]]:
    missing = [(figure, word) for figure, word in expected
               if not any(figure in text and word in text for text in texts)]
    return len(expected) - len(missing), missing


STAGE_ONLY = """
import sys
from pathlib import Path
from xinhui_print.draft import draft_report, draft_yaml
draft = draft_report(sys.argv[1], report_id="timing", publisher="bench")
Path(sys.argv[2]).write_text(draft_yaml(draft, Path(sys.argv[1]).name), encoding="utf-8")
"""


def _seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    return time.perf_counter() - start


def main() -> int:
    load = Path("/proc/loadavg").read_text().split()[:3]
    print(f"load average {' '.join(load)}")
    ok = True
    drafts = {path: draft_report(path, report_id=path.stem[:40].rstrip("-"), publisher="bench").report for path in (R2021, R2022)}
    for path, report in drafts.items():
        stray = figures_not_in_source(report, source_text(path))
        ok &= not stray
        print(f"{path.name}: {len(source_text(path))} characters, figures not in the source: {len(stray)}"
              + (f" {stray}" if stray else ""))
    total_found = total = 0
    for path, feature, where, expected in FEATURES:
        found, missing = recall(drafted_texts(drafts[path]), expected)
        total_found, total = total_found + found, total + len(expected)
        share = found / len(expected)
        ok &= share >= RECALL_BAR
        print(f"{feature}\n  {where}\n  recall {found}/{len(expected)} = {share:.0%} (bar {RECALL_BAR:.0%})"
              + (f"; missing {missing}" if missing else ""))
    print(f"all features: {total_found}/{total} = {total_found / total:.0%}")
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        draft_report(R2021, report_id="timing", publisher="bench")
        runs.append(time.perf_counter() - start)
    with tempfile.TemporaryDirectory() as folder:
        cli = _seconds([str(ROOT / ".venv" / "bin" / "xinhui-print"), "draft", str(R2021), "-o",
                        f"{folder}/timing.yaml", "--publisher", "bench"])
        stage = _seconds([sys.executable, "-c", STAGE_ONLY, str(R2021), f"{folder}/stage.yaml"])
        startup = _seconds([str(ROOT / ".venv" / "bin" / "xinhui-print"), "draft", "--help"])
    median = statistics.median(runs)
    ok &= cli <= TIME_BAR_S
    print(f"time, {len(source_text(R2021))}-character report (bar {TIME_BAR_S} s):\n"
          f"  in process {median:.3f} s (median of 5)\n"
          f"  fresh process, the draft stage alone (read, draft, write YAML): {stage:.2f} s\n"
          f"  fresh `xinhui-print draft` process: {cli:.2f} s, of which {startup:.2f} s is the command line "
          f"starting (`draft --help`: it imports every command, WeasyPrint with `build`)")
    print(f"load average after: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
