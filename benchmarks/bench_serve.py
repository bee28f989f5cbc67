"""Studio latency and memory: a field edit reaching the server → the first updated preview image served.

Starts ``xinhui-print serve`` on a copy of the seed report (a process of its own,
port 0), listens to its event stream, and edits a KPI figure through the API as the
page does.  For each view (a card of the ``xhs`` set, a booklet page, the long
poster) it makes ``--edits`` edits with that view in focus and measures:

- first image: from sending the edit to the first new image of the view in focus
  downloaded (the image event, then the GET of its URL);
- all: from sending the edit until every default preview (booklet, poster, xhs
  cards) is rendered for it.

Then it makes edits one after another (as typing does, each superseding the last)
up to ``--total`` edits and reads the server's resident memory after edit 50 and
after the last: at most ``RSS_LIMIT_MB``, and no growth over the last 50 edits
(growth under ``GROWTH_MB``, the noise of the allocator).

Bars (issue 11, medians): card ≤ 0.6 s, booklet page ≤ 2.5 s, poster ≤ 2.5 s,
all default previews ≤ 6 s.  Prints the load average beside the numbers.
"""

from __future__ import annotations

import argparse
import json
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BARS = {"cards-xhs": 0.6, "booklet": 2.5, "poster": 2.5, "all": 6.0}
RSS_LIMIT_MB = 500
GROWTH_MB = 15
FOCUS = {"cards-xhs": 1, "booklet": 4, "poster": 0}  # the KPI card; the review page; the poster


class Studio:
    def __init__(self, folder: Path):
        report = folder / "xinhui-2023.yaml"
        shutil.copy(ROOT / "data" / "xinhui-2023.yaml", report)
        self.process = subprocess.Popen(
            [str(ROOT / ".venv/bin/xinhui-print"), "serve", str(report), "--port", "0", "--out", str(folder / "out")],
            stderr=subprocess.PIPE, text=True)
        line = self.process.stderr.readline()
        match = re.search(r"(http://\S+)", line)
        if not match:
            raise SystemExit(f"the studio did not start: {line}")
        self.url = match.group(1).rstrip("/")
        page = urllib.request.urlopen(self.url + "/").read().decode()
        self.token = re.search(r'name="studio-token" content="([^"]+)"', page).group(1)
        self.events: queue.Queue = queue.Queue()
        self.fresh: dict[str, bool] = {name: output["fresh"] for name, output in self.state()["outputs"].items()}
        self.settled = threading.Condition()
        threading.Thread(target=self._listen, daemon=True).start()

    def _listen(self) -> None:
        """Every event, and which previews are done for the current data (no polling: the
        server is measured, not made to answer a poll every few milliseconds)."""
        with urllib.request.urlopen(self.url + "/events") as stream:
            for raw in stream:
                line = raw.decode()
                if line.startswith("data: "):
                    event = json.loads(line[6:])
                    self.events.put((time.perf_counter(), event))
                    if event.get("type") == "output":
                        with self.settled:
                            self.fresh[event["name"]] = event["fresh"]
                            self.settled.notify_all()

    def post(self, path: str, body: dict) -> dict:
        request = urllib.request.Request(self.url + path, json.dumps(body).encode(), method="POST", headers={
            "Content-Type": "application/json", "X-Studio-Token": self.token})
        with urllib.request.urlopen(request) as response:
            return json.loads(response.read())

    def state(self) -> dict:
        return json.loads(urllib.request.urlopen(self.url + "/api/state").read())

    def fetch(self, url: str) -> bytes:
        return urllib.request.urlopen(self.url + url).read()

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024

    def drain(self) -> None:
        while not self.events.empty():
            self.events.get_nowait()

    def wait_idle(self, timeout: float = 600) -> float:
        """The time when every preview is done for the last edit."""
        with self.settled:
            if not self.settled.wait_for(lambda: all(self.fresh.values()), timeout):
                raise SystemExit("previews did not settle")
        return time.perf_counter()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)


def edit(studio: Studio, value: str, focus: str) -> dict:
    return studio.post("/api/edit", {"ops": [{"op": "set", "path": ["review", "kpis", 0, "figure"], "value": value}],
                                     "focus": {"output": focus, "index": FOCUS[focus]}})


def first_image(studio: Studio, output: str, start: float, timeout: float = 120) -> float:
    """Seconds from ``start`` to the first new image of ``output`` downloaded."""
    deadline = start + timeout
    while True:
        _, event = studio.events.get(timeout=max(0.1, deadline - time.perf_counter()))
        if event.get("type") == "image" and event["output"] == output:
            studio.fetch(event["url"])
            return time.perf_counter() - start


def measure(studio: Studio, output: str, edits: int, counter: list[int]) -> tuple[list[float], list[float]]:
    firsts, alls = [], []
    studio.post("/api/focus", {"output": output, "index": FOCUS[output]})
    for _ in range(edits):
        counter[0] += 1
        studio.wait_idle()
        studio.drain()
        with studio.settled:  # the edit makes every preview stale; its events say when each is done
            studio.fresh = dict.fromkeys(studio.fresh, False)
        start = time.perf_counter()
        edit(studio, f"同比{4 + counter[0] / 10:g}%", output)
        firsts.append(first_image(studio, output, start))
        alls.append(studio.wait_idle() - start)
        print(f"  {output} edit {len(firsts)}: first image {firsts[-1]:.2f} s, all {alls[-1]:.2f} s", flush=True)
    return firsts, alls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=10, help="measured edits per view (default 10)")
    parser.add_argument("--total", type=int, default=100, help="edits in all, for the memory check (default 100)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    studio = Studio(folder)
    counter, results, rss = [0], {}, {}
    try:
        studio.wait_idle()
        for output in ("cards-xhs", "booklet", "poster"):
            results[output] = measure(studio, output, args.edits, counter)
        while counter[0] < args.total:  # typing: each edit supersedes the render of the last
            counter[0] += 1
            edit(studio, f"同比{4 + counter[0] / 10:g}%", "cards-xhs")
            time.sleep(0.3)
            if counter[0] in (args.total // 2, args.total):
                time.sleep(0.5)
                studio.wait_idle()
                time.sleep(1)
                rss[counter[0]] = studio.rss_mb()
                print(f"  RSS after {counter[0]} edits: {rss[counter[0]]:.0f} MB", flush=True)
        studio.wait_idle()
    finally:
        studio.stop()
        shutil.rmtree(folder, ignore_errors=True)
    load = Path("/proc/loadavg").read_text().split()[:3]
    print(f"bench_serve: {args.edits} edits per view, load average {' '.join(load)} (2-core machine)")
    verdict = 0
    alls = [value for _, values in results.values() for value in values]
    rows = [(name, firsts) for name, (firsts, _) in results.items()] + [("all", alls)]
    for name, values in rows:
        median = statistics.median(values)
        ok = median <= BARS[name]
        verdict |= not ok
        label = {"cards-xhs": "card (xhs)", "booklet": "booklet page", "poster": "long poster",
                 "all": "all default previews"}[name]
        print(f"  {label:22} median {median:5.2f} s  (min {min(values):.2f}, max {max(values):.2f})  "
              f"bar {BARS[name]} s  {'ok' if ok else 'OVER'}")
    half, last = rss.get(args.total // 2), rss.get(args.total)
    if half and last:
        ok = last <= RSS_LIMIT_MB and last - half < GROWTH_MB
        verdict |= not ok
        print(f"  server RSS after {args.total // 2} edits {half:.0f} MB, after {args.total} {last:.0f} MB "
              f"(limit {RSS_LIMIT_MB} MB, growth {last - half:+.0f} MB)  {'ok' if ok else 'OVER'}")
    return verdict


if __name__ == "__main__":
    sys.exit(main())
