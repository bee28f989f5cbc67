"""Specimen documents for the typesetting tests and benchmark: text → HTML string.

- :func:`article_html`: an article in the seed's plain-text form (headings,
  ``- `` bullets, ``1. `` items, ``● `` subheads, ``**figure**``) set as A5
  booklet pages: Noto Serif CJK SC 10 pt, justified, mirrored margins (inner
  18 mm, outer 14 mm), ``lang="zh-CN"``.
- :func:`synthetic_report_html`: a long, digit-heavy report generated from a
  fixed seed, with the errors imported articles carry (ASCII punctuation),
  figures in bold and links, lists and a table.
- :func:`a5_columns`: the text column of each page, for :mod:`.measure`.

The HTML is what a template produces: escaped text, figures in ``<b class="fig">``.
"""

from __future__ import annotations

import html
import random
import re

MM = 72 / 25.4
A5_WIDTH_MM, A5_HEIGHT_MM = 148, 210
INNER_MM, OUTER_MM = 18, 14

BOOKLET_CSS = f"""
@page {{ size: {A5_WIDTH_MM}mm {A5_HEIGHT_MM}mm; margin: 16mm 0 20mm 0; }}
@page :right {{ margin-left: {INNER_MM}mm; margin-right: {OUTER_MM}mm; }}
@page :left {{ margin-left: {OUTER_MM}mm; margin-right: {INNER_MM}mm; }}
html {{ font-family: "Noto Serif CJK SC", serif; font-size: 10pt; line-height: 1.75; }}
body {{ margin: 0; text-align: justify; }}
h1, h2, h3 {{ font-family: "Noto Sans CJK SC", sans-serif; text-align: left; }}
h1 {{ font-size: 16pt; margin: 0 0 6pt; }}
h2 {{ font-size: 12pt; margin: 10pt 0 4pt; }}
h3 {{ font-size: 10.5pt; margin: 6pt 0 2pt; }}
p {{ margin: 0 0 5pt; }}
ul, ol {{ margin: 0 0 5pt; padding-left: 1.5em; }}
li {{ margin: 0 0 3pt; }}
b.fig {{ color: #C8161D; }}
a {{ color: inherit; text-decoration: none; }}
table {{ border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; }}
td, th {{ border: 0.5pt solid #5F5F5F; padding: 2pt 4pt; }}
"""


def page_html(body: str, css: str = BOOKLET_CSS, title: str = "数读") -> str:
    """A complete ``zh-CN`` HTML document around ``body``."""
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{css}</style></head>"
        f"<body>{body}</body></html>"
    )


def a5_columns(page_index: int, page_width: float) -> list[tuple[float, float]]:
    """The text column of page ``page_index`` (0 is a right-hand page)."""
    left, right = (INNER_MM, OUTER_MM) if page_index % 2 == 0 else (OUTER_MM, INNER_MM)
    return [(left * MM, page_width - right * MM)]


def _inline(text: str) -> str:
    escaped = html.escape(text, quote=False)
    return re.sub(r"\*\*(.+?)\*\*", r'<b class="fig">\1</b>', escaped)


def article_body(text: str) -> str:
    """Body HTML of an article in the seed's plain-text form."""
    parts: list[str] = []
    open_list: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        kind, content = _classify(line)
        if kind in ("ul", "ol"):
            if open_list != kind:
                parts.append(f"</{open_list}>" if open_list else "")
                parts.append(f"<{kind}>")
                open_list = kind
            parts.append(f"<li>{_inline(content)}</li>")
            continue
        if open_list:
            parts.append(f"</{open_list}>")
            open_list = None
        parts.append(f"<{kind}>{_inline(content)}</{kind}>")
    if open_list:
        parts.append(f"</{open_list}>")
    return "".join(parts)


def _classify(line: str) -> tuple[str, str]:
    if line.startswith("- "):
        return "ul", line[2:]
    if match := re.match(r"\d+\.\s+(.*)", line):
        return "ol", match.group(1)
    if line.startswith("● "):
        return "h3", line[2:]
    if len(line) > 40 or line[-1] in "。？！:：":
        return "p", line
    return "h2", line


def article_html(text: str) -> str:
    """The article as an A5 booklet document."""
    return page_html(article_body(text))


# --- synthetic report ------------------------------------------------------------------

_SUBJECTS = [
    "地区生产总值", "规上工业增加值", "固定资产投资", "社会消费品零售总额", "外贸进出口总额",
    "一般公共预算收入", "城乡居民人均可支配收入", "高新技术企业数量", "研发经费投入",
    "新能源汽车产量", "跨境电商交易额", "5G基站数量", "RCEP项下出口额", "GDP总量",
]
_VERBS = ["同比增长", "比上年增长", "完成", "达到", "累计投入", "预计突破", "力争实现"]
# Weighted like the seed report: short units common, long ones and qualifiers rare.
_UNITS = {"亿元": 8, "%": 8, "家": 4, "个": 4, "项": 3, "万元": 2, "公顷": 1, "万平方米": 1,
          "个百分点": 1, "万人次": 1, "倍": 1}
_QUALIFIERS = {"": 12, "以上": 1, "左右": 1}
_CLAUSES = [
    "坚持稳中求进工作总基调", "完整、准确、全面贯彻新发展理念", "加快构建新发展格局",
    "深入实施“百县千镇万村高质量发展工程”", "推动“1+9+N”产业政策体系落地见效",
    "持续擦亮“新会陈皮”金字招牌", "全力打造大湾区西翼制造中心", "扎实推进乡村振兴",
    "统筹发展和安全", "推动5G+工业互联网融合应用", "用好RCEP政策红利",
    "推进（区）级示范项目建设", "落实“双减”政策", "坚持以人民为中心的发展思想",
    "深化“放管服”改革", "提升城市品质和治理水平", "守牢安全生产底线",
]
_PLACES = ["会城街道", "大泽镇", "司前镇", "罗坑镇", "双水镇", "崖门镇", "沙堆镇", "古井镇",
           "三江镇", "睦洲镇", "大鳌镇", "银湖湾滨海新区"]


def _figure(rng: random.Random) -> str:
    whole = rng.choice([rng.randint(1, 99), rng.randint(1, 99), rng.randint(100, 999)])
    number = f"{whole}.{rng.randint(1, 9)}" if rng.random() < 0.5 else str(whole)
    unit = rng.choices(list(_UNITS), weights=list(_UNITS.values()))[0]
    return number + unit + rng.choices(list(_QUALIFIERS), weights=list(_QUALIFIERS.values()))[0]


def _sentence(rng: random.Random, sloppy: bool) -> str:
    comma, colon = ("," if sloppy else "，"), (":" if sloppy else "：")
    parts = [rng.choice(_CLAUSES)]
    for _ in range(rng.randint(1, 2)):
        if rng.random() < 0.4:
            parts.append(rng.choice(_CLAUSES))
        subject, verb = rng.choice(_SUBJECTS), rng.choice(_VERBS)
        figure = html.escape(_figure(rng))
        if rng.random() < 0.5:
            figure = f'<b class="fig">{figure}</b>'
        parts.append(f"{subject}{verb}{figure}")
    if rng.random() < 0.3:
        parts.append(f"{rng.choice(_PLACES)}（{rng.choice(_PLACES)}）获评示范单位")
    if rng.random() < 0.25:
        parts.append(f'详见<a href="https://www.xinhui.gov.cn/">区政府网站</a>{colon}“公开”栏目')
    if rng.random() < 0.2:
        parts.append(f"{rng.randint(2019, 2023)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日起实施")
    end = rng.choice(["。", "。", "；", "！"]) if not sloppy else rng.choice(["。", ";", "!", "?"])
    text = comma.join(parts) + end
    if rng.random() < 0.15:
        text = f"“{text}”"
    return text


def synthetic_report_body(paragraphs: int = 160, seed: int = 2023) -> str:
    """Body HTML of a long synthetic report (deterministic for a given seed)."""
    rng = random.Random(seed)
    parts = ["<h1>2023年新会区政府工作报告数读（合成样张）</h1>"]
    for index in range(paragraphs):
        if index % 20 == 0:
            parts.append(f"<h2>{index // 20 + 1}　{rng.choice(_CLAUSES)}</h2>")
        sentences = "".join(_sentence(rng, rng.random() < 0.3) for _ in range(rng.randint(2, 5)))
        if index % 20 == 7:
            items = "".join(f"<li>{_sentence(rng, False)}</li>" for _ in range(4))
            parts.append(f"<ol>{items}</ol>")
        if index % 40 == 13:
            rows = "".join(
                f"<tr><td>{rng.choice(_SUBJECTS)}</td><td>{_sentence(rng, True)}</td></tr>"
                for _ in range(3)
            )
            parts.append(f"<table><tr><th>指标</th><th>说明</th></tr>{rows}</table>")
        parts.append(f"<p>{sentences}</p>")
    parts.append('<p lang="en">Source: Xinhui District Government Work Report, 2023 (synthetic).</p>')
    return "".join(parts)


def synthetic_report_html(paragraphs: int = 160, seed: int = 2023) -> str:
    """The synthetic report as an A5 booklet document."""
    return page_html(synthetic_report_body(paragraphs, seed))
