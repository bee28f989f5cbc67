"""Fixtures for social outputs: small and overflowing synthetic reports, built sets and posters."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from xinhui_print.layout import load_layout
from xinhui_print.model import Report

def report_data(chapters: list[dict], kpis: int = 2) -> dict:
    return {
        "meta": {
            "id": "synthetic", "title": "合成数据 测试卡片", "kicker": "数读测试报告", "place": "测试区",
            "year": 2023, "publisher": "测试日报", "date": "2023-02-20", "source": "测试报告",
        },
        "lead": ["这是用于测试的导语，含有数字12%和3.5亿元。"],
        "review": {
            "title": "2022年工作回顾",
            "kpis": [{"label": f"指标{i}", "verb": "增长", "figure": f"{i + 1}.5%"} for i in range(kpis)],
        },
        "targets": {
            "title": "2023年工作展望",
            "items": [{"label": "指标0", "verb": "增长", "figure": "7.5%以上"}, {"label": "空气质量保持优良"}],
        },
        "chapters": chapters,
    }


def chapter(number: int, items: list[str], title: str = "推进测试工作，建设测试中心") -> dict:
    return {"number": number, "title": title, "sections": [{"title": f"测试小节{number}", "items": items}]}


@pytest.fixture(scope="session")
def small_report() -> Report:
    """One short chapter: every card fits at the base size."""
    return Report.model_validate(report_data([chapter(1, ["建设测试园区10个", "引进项目投资50亿元以上"])]))


LONG_ITEM = "全面推进" + "测试园区基础设施建设、产业培育、招商引资与营商环境优化，" * 9 + "完成投资123.4亿元。"


@pytest.fixture(scope="session")
def overflow_report() -> Report:
    """Very long items and a chapter with many items: shrinks, then continues."""
    many = [f"第{i}项任务：推动测试产业集群发展，新增规上企业{i}家，完成投资{i * 3}亿元" for i in range(1, 41)]
    return Report.model_validate(report_data([chapter(1, [LONG_ITEM, LONG_ITEM + "（二）"]), chapter(2, many)]))


@pytest.fixture(scope="session")
def cards_layout():
    return load_layout("cards")


@pytest.fixture(scope="session")
def poster_layout():
    return load_layout("poster-long")


def pdf_page_texts(pdf: Path | bytes) -> list[str]:
    """Text per page with all white space removed (pdftotext)."""
    if isinstance(pdf, bytes):
        result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True)
        text = result.stdout.decode("utf-8")
    else:
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
    return [re.sub(r"\s+", "", page) for page in text.split("\f")[:-1]]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
