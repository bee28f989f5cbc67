"""A page nesting 20,000 <div>s, each with a sentence: the main-text search must stay linear."""

import sys
from pathlib import Path

depth = 20_000
text = "<div>——2023年2月20日在某区第一届人民代表大会第一次会议上。" * depth + "</div>" * depth
Path(sys.argv[1], "deep.html").write_text(f"<html><body>{text}</body></html>", encoding="utf-8")
