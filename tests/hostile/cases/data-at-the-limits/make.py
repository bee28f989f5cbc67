"""A report with every short field at its limit (labels, verbs, titles) and lists at theirs."""
import sys
from pathlib import Path
import yaml
from xinhui_print.model import limits as L

def han(n, seed="新会区高质量发展"):
    return (seed * (n // len(seed) + 1))[:n]

FIGS = ["1234.56%", "同比1234.56%", "123456万平方米", "同比1234.5万平方米", "12.3个百分点", "可比123456万人次"]
kpis = [{"label": han(L.KPI_LABEL, "规上工业增加值"), "verb": han(L.VERB, "增长"), "figure": f} for f in FIGS]
targets = [{"label": han(L.KPI_LABEL, "规上工业增加值"), "verb": han(L.VERB, "增长"), "figure": "7.5%以上"} for _ in range(6)]
targets += [{"label": han(L.TARGET_LABEL, "推动制造业当家")} for _ in range(2)]
data = {
  "meta": {"id": "max", "title": han(L.HEADLINE, "乘势而上加速奔跑"), "kicker": han(L.HEADLINE, "数读新会区政府工作报告"),
           "place": han(L.NAME, "新会区"), "year": 2023, "publisher": han(L.NAME, "江门日报"),
           "author": han(L.NAME, "任晓盈"), "byline": han(L.HEADLINE, "江门日报记者任晓盈"),
           "date": "2023-02-20", "source": han(L.SOURCE, "2023年新会区政府工作报告"),
           "credits": [{"role": han(L.NAME, "文"), "name": han(L.NAME, "任晓盈")}]},
  "lead": [han(L.PARAGRAPH, "2月20日，新会区第十六届人民代表大会第三次会议开幕。")],
  "review": {"title": han(L.HEADING, "2022年工作回顾"), "kpis": kpis,
             "rankings": [han(L.SENTENCE, "全国高质量发展百强区排名第**42**位，")] * 2,
             "pledges": [han(L.SENTENCE, "十件民生实事全面完成，")]},
  "groups": [{"title": han(L.HEADING, "产业升级"), "deck": han(L.DECK, "制造业当家"), "facts": [han(L.SENTENCE, "新增规上企业**120家**，")] * 3} for _ in range(3)],
  "targets": {"title": han(L.HEADING, "2023年工作展望"), "intro": han(L.SENTENCE, "主要预期目标是："), "items": targets},
  "chapters": [{"number": n, "title": han(L.CHAPTER_TITLE, "坚持制造业当家，"), "sections": [{"title": han(L.HEADING, "实施产业集群培育"), "items": [han(L.ITEM, "推动产业集群发展，")] * 2}] * 2} for n in (1, 2)],
}
class D(yaml.SafeDumper):
    def ignore_aliases(self, data): return True
text = yaml.dump(data, Dumper=D, allow_unicode=True, sort_keys=False, width=10000)
Path(sys.argv[1], "report.yaml").write_text(text, encoding="utf-8")
