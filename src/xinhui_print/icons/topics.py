"""Topics of a government work report and their icons: a keyword table.

A text (a chapter's headline, deck and section titles; a KPI's label) scores each topic
by the keywords it contains, weighted by where they stand; the best score wins, ties go
to the topic listed first (the more specific ones come first: 工业增加值 is 制造, not 经济).
The table was written from the seed and checked against held-out reports
(``tests/icons/test_topics.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    name: str
    icon: str
    keywords: tuple[str, ...]


TOPICS: tuple[Topic, ...] = (
    Topic("物价", "tag", ("居民消费价格", "物价", "CPI", "价格涨幅")),
    Topic("收入", "wallet", ("可支配收入", "居民收入", "人均收入", "工资", "收入增长")),
    Topic("就业", "briefcase", ("就业", "失业", "创业", "岗位", "技能", "稳岗", "农民工")),
    Topic("财政", "coin-yuan", ("财政", "预算", "税", "债务", "金融", "专项债", "收支", "赤字")),
    Topic("制造/工业", "building-factory-2", (
        "制造", "工业", "产业", "园区", "专精特新", "实体经济", "产业链", "集聚区", "工厂")),
    Topic("科技", "bulb", (
        "科技", "创新", "研发", "科创", "高新技术", "高企", "数字", "人工智能", "专利", "人才",
        "实验室", "5G", "信息")),
    Topic("投资", "crane", ("固定资产投资", "投资", "重点项目", "招商", "项目建设", "引进项目")),
    Topic("外贸/开放", "ship", ("外贸", "进出口", "出口", "外资", "开放", "口岸", "跨境", "自贸")),
    Topic("消费", "shopping-cart", ("消费", "零售", "商贸", "商业", "电商", "步行街", "夜经济", "内需")),
    Topic("交通", "road", (
        "交通", "铁路", "公路", "高速", "轨道", "港口", "航运", "机场", "大桥", "通车", "路网", "高铁")),
    Topic("住房", "home", ("住房", "保障房", "保障性", "棚户", "安居", "房地产", "城中村", "老旧小区", "租赁")),
    Topic("城市", "building-skyscraper", (
        "城市", "都市", "城区", "新城", "城乡融合", "城镇", "更新", "基础设施", "市政", "区镇")),
    Topic("农业", "wheat", (
        "农业", "粮食", "农村", "乡村", "农民", "耕地", "种业", "渔业", "养殖", "农田", "三农",
        "振兴", "农产品", "陈皮", "百县千镇万村")),
    Topic("生态/环境", "leaf", (
        "生态", "环境", "绿色", "绿美", "污染", "空气", "水质", "碳", "节能", "减排", "环保",
        "蓝天", "森林", "河长", "治水", "能耗")),
    Topic("能源", "bolt", ("能源", "能耗", "电力", "新能源", "光伏", "风电", "电网", "煤炭", "油气")),
    Topic("水利", "droplet", ("水利", "供水", "防洪", "水库", "水资源", "灌区")),
    Topic("教育", "school", (
        "教育", "学校", "学位", "教师", "学前", "高校", "义务", "职业院校", "课后", "学生", "办学")),
    Topic("医疗/健康", "stethoscope", (
        "医疗", "医院", "卫生", "健康", "医保", "疫情", "防疫", "疫苗", "中医", "看病", "医共体")),
    Topic("体育", "ball-football", ("体育", "赛事", "运动", "健身", "全民健身")),
    Topic("侨务", "world", ("侨", "港澳", "海外", "华人")),
    Topic("文化/旅游", "building-pavilion", (
        "文化", "文旅", "旅游", "文物", "非遗", "博物馆", "景区", "文明", "传承", "历史")),
    Topic("民生", "heart-handshake", (
        "民生", "社会保障", "社保", "养老", "托育", "救助", "低保", "残疾", "群众", "急难愁盼",
        "以人民为中心", "民生实事", "兜底", "幸福", "妇女", "儿童", "社会事业")),
    Topic("安全", "shield-check", (
        "安全", "平安", "应急", "治安", "消防", "防灾", "风险", "国防", "扫黑", "食品药品")),
    Topic("改革/营商", "adjustments", (
        "改革", "营商环境", "国企", "国资", "市场主体", "民营", "放管服", "市场活力", "要素")),
    Topic("区域协调", "affiliate", ("区域", "湾区", "融入", "合作", "协同", "一体化", "深江", "协调发展")),
    Topic("政府建设", "building-bank", (
        "政府", "政务", "法治", "作风", "廉政", "自身建设", "行政", "效能", "依法", "党风", "民主")),
    Topic("规划", "calendar-stats", ("十四五", "十三五", "五年", "目标任务", "规划", "远景")),
    Topic("经济", "chart-line", ("生产总值", "GDP", "经济", "增加值", "总量", "宏观")),
)

FALLBACK_CHAPTER = "flag"
"""A chapter no topic matches: a task."""

FALLBACK_INDICATOR = "chart-bar"
"""An indicator no topic matches: a figure."""


def scores(texts: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Topic name → weighted count of its keywords found in ``(text, weight)`` pairs."""
    texts = list(texts)
    return {
        topic.name: sum(weight * sum(keyword in text for keyword in topic.keywords)
                        for text, weight in texts)
        for topic in TOPICS
    }


def topic_of(texts: Iterable[tuple[str, int]]) -> Topic | None:
    """The best-scoring topic of weighted texts (ties: the first listed), or None."""
    by_name = scores(texts)
    best = max(TOPICS, key=lambda topic: by_name[topic.name])  # max keeps the first of ties
    return best if by_name[best.name] > 0 else None
