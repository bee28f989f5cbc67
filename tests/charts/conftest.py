"""Chart fixtures: the chart text style, and reports that stress the chart layouts."""

from __future__ import annotations

import pytest

from xinhui_print.charts import text_style
from xinhui_print.fonts import load_roles
from xinhui_print.model import Report

META = {"id": "charts", "title": "图表 测试", "kicker": "数读测试报告", "place": "测试区", "year": 2023,
        "publisher": "测试日报", "date": "2023-02-20", "source": "测试报告"}


@pytest.fixture(scope="session")
def style():
    return text_style(load_roles()["sans"])


def stress_data() -> dict:
    """Long labels, negative results, twelve KPIs, rankings up and down, shares, rates and series."""
    long = "全区规模以上工业企业研究与试验发展经费投入强度"  # 23 characters
    kpis = [{"label": f"指标{i}" if i % 3 else long + str(i), "verb": "下降" if i < 4 else "增长",
             "figure": f"{abs(i - 4) * 1.7:.1f}%"} for i in range(12)]
    targets = [{"label": k["label"], "verb": "增长", "figure": f"{i + 2.5}%以上"} for i, k in enumerate(kpis)]
    return {
        "meta": META,
        "review": {"title": "2022年工作回顾", "kpis": kpis,
                   "rankings": ["全国综合实力百强区排名第7位，较2021年下降12位", "全国营商环境百佳示范区第100位"]},
        "groups": [{"title": "民生", "facts": ["全年教育支出12亿元，占一般公共预算支出的18.5%",
                                               "100个重点项目完成投资50亿元，投资完成率86%"]}],
        "targets": {"title": "2023年工作展望", "items": targets},
        "charts": [
            {"kind": "trend", "title": "地区生产总值（亿元）", "unit": "亿元",
             "years": list(range(1994, 2024)), "values": [100 + (i * 37) % 90 + i * 8 for i in range(30)]},
            {"kind": "trend", "title": "增速（%）", "unit": "%", "labels": ["一季度", "上半年", "前三季度", "全年"],
             "values": [-2.5, 1.5, 3.2, 4]},
            {"kind": "bars", "title": "各镇街税收（亿元）", "unit": "亿元",
             "labels": ["会城街道", "大泽镇", "司前镇", "罗坑镇", "双水镇", "崖门镇", "沙堆镇", "古井镇", "三江镇", "睦洲镇"],
             "values": [52.3, 12, 8.1, 3, 9.9, 7.7, 4.2, 6, 5.5, 2.1]},
            {"kind": "share", "title": "先进制造业投资", "whole": "工业投资", "values": [50.5]},
            {"kind": "progress", "title": "新建5G基站", "unit": "个", "values": [820], "target": 1000},
        ],
    }


@pytest.fixture(scope="session")
def stress_report() -> Report:
    return Report.model_validate(stress_data())


def run_cli_build(data, out, *args: str):
    import subprocess
    import sys
    return subprocess.run([sys.executable, "-m", "xinhui_print", "build", str(data), "--out", str(out), *args],
                          capture_output=True, text=True, check=False)
