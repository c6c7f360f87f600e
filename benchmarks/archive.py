#!/usr/bin/env python3
"""majalla beside Hugo on one archive, in one run, run by hand (not in CI):

    python benchmarks/archive.py SITE [--work DIR] [--hugo PATH]

SITE is a corpus (`python ../shared/bench/make_corpus.py SITE --articles 10000`); WORK (on tmpfs, say
/dev/shm/x) gets two copies of it (one built with the search index, one without) and its Hugo layout
(benchmarks/hugo_site.py). Every row is timed through the real command in a subprocess whose whole
process tree is sampled for memory (benchmarks/run.py), and printed with its ratio to Hugo's:

  full, no search        majalla --no-search; Hugo
  full, with search      majalla; Hugo, then `pagefind --site public` (the CLI indexes the HTML)
  one article edited     the middle article of content/ar, with and without search; Hugo builds all again
  no change              majalla again
  preview                `build.py serve` (search on): a saved article until the served page shows it,
                         then until the search index holds its new word (the part's folder in the page)"""
from __future__ import annotations

import argparse
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import frontmatter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.hugo_site import convert  # noqa: E402
from benchmarks.run import tree_memory  # noqa: E402
from benchmarks.serve import address, fetch  # noqa: E402


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, int]:
    """(seconds, peak PSS of the process tree) of a command that must succeed."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample():
        while process.poll() is None:
            peak[0] = max(peak[0], tree_memory(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{err[-2000:]}")
    return seconds, peak[0]


def majalla(site: Path, *args: str) -> tuple[float, int]:
    return timed([sys.executable, str(ROOT / "build.py"), "--site", str(site), "-q", *args])


def middle_article(site: Path) -> Path:
    articles = sorted((site / "content/ar").rglob("*.md"))
    return articles[len(articles) // 2]


def edit(path: Path, n: int) -> str:
    """Append a sentence with a word the article does not hold yet (a run before may have added its own)."""
    text = path.read_text(encoding="utf-8")
    while f"كلمةفريدة{n}" in text:
        n += 10000
    word = f"كلمةفريدة{n}"
    path.write_text(text + f"\nجملة للقياس {word}.\n", encoding="utf-8")
    return word


def served(base: str, site: Path) -> str:
    """The preview's URL of the middle article of content/ar."""
    article = middle_article(site)
    rel = article.relative_to(site / "content").with_suffix("")
    slug = frontmatter.loads(article.read_text(encoding="utf-8")).get("slug") or rel.name
    return f"{base}{rel.parts[0]}/{'/'.join(rel.parts[1:-1])}/{urllib.parse.quote(str(slug))}/"


def until_shown(url: str, word: str, start: float, cut: list | None = None) -> float:
    """Seconds from `start` until the page at `url` holds `word`; every answer on the way must be a whole
    page (the old one or the new one: never one half written), else it stops, or with `cut` (a list) counts
    it there and goes on (hugo server once answered a page cut short, mid-character, during a rebuild)."""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                page = response.read().decode("utf-8", "replace")
        except OSError:
            page = ""
        if page and not page.rstrip().endswith("</html>"):
            if cut is None:
                raise SystemExit(f"{url} was served half written")
            cut.append(len(page))
        elif word in page:
            return time.perf_counter() - start
        time.sleep(0.01)


def entries(base: str, lang: str) -> dict[str, str]:
    """The pagefind-entry.json of every part the search page names."""
    page = fetch(f"{base}{lang}/search/")
    names = re.search(r'data-parts="([^"]*)"', page)
    return {n: fetch(f"{base}pagefind/{lang}/{n}/pagefind-entry.json") for n in (names.group(1).split() if names else ())}


def preview(site: Path, saves: int, search: bool = True) -> tuple[list[float], list[float], int, list[float], int]:
    """Seconds from each save to the served page, then (with search) to a part of the index changed; peak
    memory of the preview's processes; seconds from each save until the preview's builds of it ended (the
    rest of the site caught up); how many saves were shown first (preview/fast.py). Each save waits for the
    builds of the one before (a writer reads what they saved): a save during a build takes the normal path."""
    command = [sys.executable, str(ROOT / "build.py"), "serve", "--site", str(site), "--port", "0",
               "-v"]  # -v: the search pass says "rebuilt in" too (the save's builds have ended)
    server = subprocess.Popen(command + ([] if search else ["--no-search"]),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = [0]
    running = [True]
    lines: queue.Queue = queue.Queue()

    def sample():
        while running[0] and server.poll() is None:
            peak[0] = max(peak[0], tree_memory(server.pid))
            time.sleep(0.1)

    def read():
        for line in server.stdout:
            lines.put(line)

    threading.Thread(target=sample, daemon=True).start()
    try:
        base = address(server)
        threading.Thread(target=read, daemon=True).start()
        article, url = middle_article(site), served(base, site)
        while not fetch(url):
            time.sleep(0.2)
        time.sleep(3)  # the first build's search pass, if any
        pages, searches, caught, first = [], [], [], 0
        for n in range(saves):
            before = entries(base, "ar") if search else {}
            while not lines.empty():
                lines.get()
            start = time.perf_counter()
            word = edit(article, 1000 + n * (1 + search))
            pages.append(until_shown(url, word, start))
            while search and entries(base, "ar") == before:
                time.sleep(0.05)
            searches.append(time.perf_counter() - start)
            seen = []

            def passes() -> int:  # after the page shown first, one pass; else the pages' pass, then the search's
                return 1 if any("shown first" in said for said in seen) or not search else 2

            while sum("rebuilt in" in said for said in seen) < passes():
                seen.append(lines.get(timeout=900))
            first += any("shown first" in said for said in seen)
            print("  " + " / ".join(said.strip() for said in seen if any(w in said for w in ("shown first", "search index updated", "rebuilt in"))),
                  flush=True)
            caught.append(time.perf_counter() - start)
            time.sleep(1)
        return pages, searches, peak[0], caught, first
    finally:
        running[0] = False
        server.terminate()
        server.wait()


def hugo_preview(hugo: Path, binary: str, saves: int) -> tuple[list[float], int]:
    """`hugo server` on the Hugo layout: seconds from each save to the served page; peak memory."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([binary, "server", "--bind", "127.0.0.1", "--port", str(port), "--baseURL", base,
                               "--disableLiveReload", "--quiet"], cwd=hugo,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak, running = [0], [True]

    def sample():
        while running[0] and server.poll() is None:
            peak[0] = max(peak[0], tree_memory(server.pid))
            time.sleep(0.1)

    threading.Thread(target=sample, daemon=True).start()
    try:
        article = middle_article(hugo)
        url = base + frontmatter.loads(article.read_text(encoding="utf-8"))["url"].lstrip("/")
        url = base + urllib.parse.quote(url.removeprefix(base))
        while not fetch(url):
            if server.poll() is not None:
                raise SystemExit("hugo server stopped")
            time.sleep(0.5)
        times, cut = [], []
        for n in range(saves):
            start = time.perf_counter()
            word = edit(article, 2000 + n)
            times.append(until_shown(url, word, start, cut))
            time.sleep(1)
        if cut:
            print(f"hugo server answered {len(cut)} page(s) cut short while rebuilding", flush=True)
        return times, peak[0]
    finally:
        running[0] = False
        server.terminate()
        server.wait()


def preview_row(site: Path, saves: int, search: bool) -> None:
    pages, searches, memory, caught, first = preview(site, saves, search)
    print(f"preview ({'search on' if search else '--no-search'}), load {os.getloadavg()[0]:.0f}: saved article to "
          f"served page, median {statistics.median(pages):.2f} s ({', '.join(f'{p:.2f}' for p in pages)}; "
          f"{first} of {saves} shown first)"
          + (f"; to its part of the index, median {statistics.median(searches):.2f} s "
             f"({', '.join(f'{p:.2f}' for p in searches)})" if search else "")
          + f"; the builds of it ended after {statistics.median(caught):.2f} s (median)"
          + f"; peak memory {memory / 2**30:.2f} GB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="majalla beside Hugo on one archive")
    parser.add_argument("site", type=Path)
    parser.add_argument("--work", type=Path, default=Path("/dev/shm/majalla-archive"))
    parser.add_argument("--hugo", default=shutil.which("hugo") or "hugo")
    parser.add_argument("--pagefind", default=None)
    parser.add_argument("--saves", type=int, default=5)
    parser.add_argument("--no-hugo-index", action="store_true",
                        help="leave out Pagefind's CLI on Hugo's output (the longest row, on a loaded machine)")
    parser.add_argument("--preview-only", action="store_true", help="only the preview rows of majalla")
    parser.add_argument("--search", choices=("on", "off", "both"), default="both", help="with --preview-only")
    parser.add_argument("--reuse", action="store_true",
                        help="with --preview-only: the copies WORK holds already, with their cache (the preview's "
                             "first build is then incremental)")
    args = parser.parse_args()
    if args.preview_only:
        for search in {"on": (True,), "off": (False,), "both": (True, False)}[args.search]:
            copy = args.work / ("searched" if search else "plain")
            if not (args.reuse and copy.is_dir()):
                shutil.rmtree(copy, ignore_errors=True)
                shutil.copytree(args.site, copy, ignore=shutil.ignore_patterns(".cache", "output"))
            preview_row(copy, args.saves, search)
        return
    import pagefind_bin

    pagefind = args.pagefind or pagefind_bin.get_executable()
    work = args.work
    shutil.rmtree(work, ignore_errors=True)
    plain, searched, hugo = work / "plain", work / "searched", work / "hugo"
    for copy in (plain, searched):
        shutil.copytree(args.site, copy, ignore=shutil.ignore_patterns(".cache", "output"))
    convert(args.site, hugo)
    said = subprocess.run([args.hugo, "version"], capture_output=True, text=True).stdout
    version = (re.search(r"\bv(\d+\.\d+\.\d+)", said) or re.search(r"(\S+)", said)).group(1)
    rows = []

    def row(name, ours, theirs=None):
        ratio = f"{ours[0] / theirs[0]:.2f} ×" if theirs else ""
        rows.append((name, f"{ours[0]:.1f} s", f"{ours[1] / 2**30:.2f} GB",
                     f"{theirs[0]:.1f} s" if theirs else "", f"{theirs[1] / 2**30:.2f} GB" if theirs else "", ratio))
        print(*rows[-1], sep=" | ", flush=True)

    h_full = timed([args.hugo, "--quiet", "-d", str(hugo / "public")], cwd=hugo)
    h_index = None if args.no_hugo_index else timed([pagefind, "--site", str(hugo / "public"), "--quiet"])
    h_search = (h_full[0] + h_index[0], max(h_full[1], h_index[1])) if h_index else None
    row("full, no search", majalla(plain, "--no-search"), h_full)
    row("full, with search", majalla(searched), h_search)
    edit(middle_article(plain), 1)
    edit(middle_article(searched), 1)
    hugo_article = hugo / "content" / middle_article(args.site).relative_to(args.site / "content")
    edit(hugo_article, 1)
    h_edit = timed([args.hugo, "--quiet", "-d", str(hugo / "public")], cwd=hugo)
    no_search_edit = majalla(plain, "--no-search")
    row("one article edited, no search", no_search_edit, h_edit)
    search_edit = majalla(searched)
    row("one article edited, with search", search_edit, (h_edit[0] + h_index[0], h_index[1]) if h_index else None)
    row("no change, with search", majalla(searched))
    print(f"edit with search / without: {search_edit[0] / no_search_edit[0]:.2f}", flush=True)
    for search in (True, False):
        preview_row(searched if search else plain, args.saves, search)
    times, memory = hugo_preview(hugo, args.hugo, args.saves)
    print(f"preview (hugo server): saved article to served page, median {statistics.median(times):.2f} s "
          f"({', '.join(f'{p:.2f}' for p in times)}); peak memory {memory / 2**30:.2f} GB", flush=True)
    print(f"\nHugo {version}; Pagefind {pagefind_bin.__name__} {Path(pagefind).name}")
    print("| | majalla | memory | Hugo (+ Pagefind) | memory | ratio |\n| --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
