#!/usr/bin/env python3
"""How long a saved article takes to reach the preview, run by hand: python benchmarks/serve.py [--saves 5]

Copies the sample magazine into a temporary folder, starts `build.py serve --port 0 --no-search` on it,
then saves one article again and again, each time with a new sentence, and times each save until the
served page holds the sentence: the watcher's pause, the rebuild and the server together. Prints each
time and the median; the speed issue's target is under one second."""
from __future__ import annotations

import argparse
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

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "content/ar/2024/06/care-economy-conference.md"  # any article of the sample magazine


def address(server: subprocess.Popen) -> str:
    """The address `majalla serve` prints once it serves ("Serving http://127.0.0.1:PORT/ — ...")."""
    for line in server.stdout:
        found = re.search(r"http://\S+/", line)
        if found:
            return found.group(0)
    raise SystemExit("serve stopped before it served")


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, limit: float = 30.0) -> float:
    """Seconds until the page at `url` holds `text`."""
    start = time.perf_counter()
    while text not in fetch(url):
        if time.perf_counter() - start > limit:
            raise SystemExit(f"{url} never showed {text!r}")
        time.sleep(0.01)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description="time from a saved article to the preview")
    parser.add_argument("--saves", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        shutil.copytree(ROOT, site, ignore=shutil.ignore_patterns(
            ".git", ".cache", "output", ".tools", "tests", "docs", "benchmarks", "generator", "scripts", "*.egg-info"))
        article = site / ARTICLE
        if not article.is_file():
            raise SystemExit(f"{ARTICLE} is not in the sample magazine: name another article in ARTICLE")
        server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--site", str(site),
                                   "--port", "0", "--no-search"], stdout=subprocess.PIPE, text=True)
        try:
            base = address(server)
            threading.Thread(target=server.stdout.read, daemon=True).start()  # its later lines: never blocks it
            original = article.read_text(encoding="utf-8")
            article.write_text(original + "\nجملة للقياس 0.\n", encoding="utf-8")
            url = None
            deadline = time.monotonic() + 30
            while url is None:  # the article's page: found once, by its new sentence
                for page in (site / ".cache/preview").rglob("index.html"):
                    if "جملة للقياس 0." in page.read_text(encoding="utf-8"):
                        url = base + page.parent.relative_to(site / ".cache/preview").as_posix() + "/"
                        break
                if time.monotonic() > deadline:
                    raise SystemExit("the first save never reached the preview")
                time.sleep(0.1)
            times = []
            for n in range(1, args.saves + 1):
                sentence = f"جملة للقياس {n}."
                article.write_text(original + f"\n{sentence}\n", encoding="utf-8")
                times.append(wait_for(url, sentence))
                print(f"save {n}: {times[-1]:.2f} s")
                time.sleep(0.5)
            print(f"median: {statistics.median(times):.2f} s from a save to the served page")
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
