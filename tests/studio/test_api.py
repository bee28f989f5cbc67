"""The studio's HTTP API without a browser: security rules and bad requests answered with 4xx."""

from __future__ import annotations

import base64
import json
import urllib.request
from pathlib import Path

import pytest

from xinhui_print.studio.server import is_loopback


def test_write_needs_the_token(live_studio):
    ops = {"ops": [{"op": "set", "path": ["meta", "title"], "value": "x"}]}
    for path in ("/api/edit", "/api/undo", "/api/export", "/api/import", "/api/settings"):
        status, answer = live_studio.call(path, ops, token=None)
        assert status == 403 and "token" in answer["error"], path
    status, state = live_studio.call("/api/state", token=None)  # reads on loopback need none
    assert status == 200 and "token" not in json.dumps(state)


def test_foreign_host_header_is_refused(live_studio):
    status, answer = live_studio.call("/api/state", headers={"Host": "evil.example:80"})
    assert status == 403 and "localhost" in answer["error"]


@pytest.mark.parametrize("body, status, message", [
    (b"{not json", 400, "malformed JSON"),
    (b"[1, 2]", 400, "expected a JSON object"),
    (b"\xff\xfe", 400, "not UTF-8"),
    (b'{"ops": "drop table"}', 400, "list of operations"),
    (b'{"ops": [{"op": "set", "path": ["meta", "title", 9], "value": 1}]}', 400, "not a field"),
    (b'{"ops": [{"op": "set", "path": ["__class__"], "value": 1}]}', 400, "not a field"),
    (b'{"ops": [{"op": "remove", "path": ["chapters"], "index": 99}]}', 400, "out of range"),
])
def test_bad_bodies_get_a_message(live_studio, body, status, message):
    got, answer = live_studio.call("/api/edit", body)
    assert got == status and isinstance(answer, dict) and "Traceback" not in answer["error"]
    assert message is None or message in answer["error"]


def test_oversized_body_is_refused(live_studio):
    status, answer = live_studio.call("/api/yaml", b'{"text": "' + b"a" * 2_100_000 + b'"}')
    assert status == 413 and "too large" in answer["error"]


@pytest.mark.parametrize("path", ["/out/../data/xinhui-2023.yaml", "/out/%2e%2e/%2e%2e/etc/passwd",
                                  "/out/..%2f..%2fetc%2fpasswd", "/preview/../../etc/passwd"])
def test_traversal_never_leaves_out(live_studio, path):
    status, answer = live_studio.call(path)
    assert status in (403, 404)
    assert b"root:" not in (answer if isinstance(answer, bytes) else json.dumps(answer).encode())


def test_settings_are_checked_like_build_options(live_studio):
    status, answer = live_studio.call("/api/settings", {"presets": ["tiktok"]})
    assert status == 400 and "unknown preset" in answer["error"]
    status, answer = live_studio.call("/api/settings", {"paper": "5000mm 1mm"})
    assert status == 400
    status, answer = live_studio.call("/api/settings", {"densities": [99]})
    assert status == 400 and "density" in answer["error"]


def test_page_escapes_nothing_from_data_into_html(live_studio):
    page = urllib.request.urlopen(live_studio.url).read().decode()
    assert "任晓盈" not in page  # data reaches the page only as JSON, set as text by the script
    policy = urllib.request.urlopen(live_studio.url).headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_other_hosts_need_the_token_for_reads(live_studio):
    config = live_studio.server.studio.config
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    config.host = "0.0.0.0"  # as if started with --host 0.0.0.0
    try:
        assert not config.loopback
        for path in ("/", "/api/state", "/events", "/static/studio.js", "/preview/booklet/0.png"):
            status, _ = live_studio.call(path, token=None)
            assert status == 403, path
        status, _ = live_studio.call(f"/api/state?token={live_studio.token}", token=None)
        assert status == 200
    finally:
        config.host = "127.0.0.1"


# ---------------------------------------------------------------- start from text (these open other files: last)

REPORTS = Path(__file__).resolve().parents[1] / "draft" / "reports"
ARTICLE = Path(__file__).resolve().parents[1] / "data" / "articles" / "shudu-xinhui-2023.txt"


def test_import_checks_its_input(live_studio):
    cases = [({"name": "report.pdf", "text": ""}, "drafted"),
             ({"name": "../../x.txt", "text": "标题"}, "file name"),
             ({"name": "empty.txt", "text": "   "}, "empty"),
             ({"kind": "report", "name": "r.txt", "text": "政府工作报告"}, "publisher"),
             ({"kind": "report", "name": "r.pdf", "base64": "not base64!", "publisher": "报社"}, "base64"),
             ({"kind": "poem", "name": "r.txt", "text": "x"}, "'kind'")]
    for body, message in cases:
        status, answer = live_studio.call("/api/import", body)
        assert status == 400 and message in answer["error"], body
    assert live_studio.server.studio.document.path == live_studio.report


def test_import_an_article_never_overwrites(live_studio):
    status, answer = live_studio.call("/api/import", {"name": ARTICLE.name, "text": ARTICLE.read_text(encoding="utf-8")})
    assert status == 200 and answer["path"] == "xinhui-2023-2.yaml"  # xinhui-2023.yaml is the open report
    opened = live_studio.server.studio.document
    assert opened.path == live_studio.report.parent / "xinhui-2023-2.yaml" and opened.valid
    assert opened.report.meta.title == "乘势而上加速奔跑 开局之年再上台阶"


def test_draft_a_full_report_opens_it(live_studio):
    raw = (REPORTS / "national-2022-government-work-report.txt").read_bytes()
    status, answer = live_studio.call("/api/import", {"kind": "report", "name": "national-2022.txt",
                                                      "base64": base64.b64encode(raw).decode(),
                                                      "publisher": "新华日报"})
    assert status == 200 and answer["path"] == "national-2022.yaml", answer
    opened = live_studio.server.studio.document
    assert opened.valid and opened.report.meta.publisher == "新华日报" and opened.report.review.kpis
    assert "# national-2022.txt" in opened.text  # each drafted item names its source line
