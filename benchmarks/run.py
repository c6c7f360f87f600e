#!/usr/bin/env python3
"""The build benchmark, run by hand (not in CI): python benchmarks/run.py [--sizes 1000 10000] [--jobs N]

For each size (articles per language) it writes a corpus with benchmarks/corpus.py into a temporary
folder, then times real builds through the CLI, in a subprocess whose whole process tree is sampled
for memory:

  full          a build from scratch (no cache, no output), without the search index
  no change     the same build again
  one article   after editing one article's text
  one template  after editing the site's copy of article.html (re-renders every article page)
  search index  the same site with its Pagefind index: the time indexing adds, and the index's size
  images        a build from scratch with the image cache kept, then with --clean (every picture
                re-encoded); ~20% of the articles have a lead picture

and prints a Markdown table: seconds, pages written per second, peak memory (PSS) of all build processes
together, output size. Record the figures and the machine in benchmarks/README.md."""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import write  # noqa: E402
from generator.theme.templates import BUNDLED_THEMES  # noqa: E402


def tree_memory(pid: int) -> int:
    """Memory (bytes) of a process and all its descendants, from /proc: the sum of their proportional set
    sizes (PSS), so that pages shared by the forked workers are counted once."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def timed_build(site: Path, *args: str) -> dict:
    command = [sys.executable, str(ROOT / "build.py"), "--site", str(site), "-q", *args]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample():
        while process.poll() is None:
            peak[0] = max(peak[0], tree_memory(process.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if process.returncode:
        raise SystemExit(f"build failed:\n{err}")
    return {"seconds": seconds, "peak": peak[0]}


def folder_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def bench(size: int, jobs: int | None, keep: bool) -> list[tuple]:
    base = Path(tempfile.mkdtemp(prefix=f"majalla-bench-{size}-"))
    site = base / "site"
    t0 = time.perf_counter()
    write(site, size, images=True)
    print(f"  corpus of {size} articles per language written in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    (site / "templates").mkdir()
    template = site / "templates/article.html"
    shutil.copy(BUNDLED_THEMES / "majalla/templates/article.html", template)
    extra = ["--jobs", str(jobs)] if jobs else []
    quick = [*extra, "--no-search"]
    rows = []

    full = timed_build(site, *quick)
    n_files, n_bytes = folder_size(site / "output")
    rows.append(("full (no search)", full, n_files, n_bytes))
    rows.append(("no change", timed_build(site, *quick), 0, n_bytes))
    article = sorted((site / "content/ar").rglob("*.md"))[len(list((site / "content/ar").rglob("*.md"))) // 2]
    article.write_text(article.read_text(encoding="utf-8") + "\nفقرة أضيفت للقياس.\n", encoding="utf-8")
    rows.append(("one article", timed_build(site, *quick), None, n_bytes))
    template.write_text(template.read_text(encoding="utf-8").replace('<article class="article',
                                                                         '<article class="bench article'),
                        encoding="utf-8")
    rows.append(("one template", timed_build(site, *quick), None, n_bytes))
    # the search index (issue: search): the same site, indexed; then its size
    indexed = timed_build(site, *extra)
    index_files, index_bytes = folder_size(site / "output/pagefind")
    rows.append((f"search index ({index_files} files, {index_bytes / 2**20:.1f} MB)", indexed, None, n_bytes))
    # pictures (issue: images): a build from scratch with the image cache, and without it
    shutil.rmtree(site / "output")
    shutil.rmtree(site / ".cache" / "majalla.sqlite", ignore_errors=True)
    for suffix in ("", "-wal", "-shm"):
        (site / ".cache" / f"majalla.sqlite{suffix}").unlink(missing_ok=True)
    rows.append(("full, image cache warm", timed_build(site, *quick), None, n_bytes))
    rows.append(("full --clean (images re-encoded)", timed_build(site, *quick, "--clean"), None, n_bytes))
    print(f"  output: {n_files} files, {n_bytes / 1e6:.0f} MB", file=sys.stderr)
    if not keep:
        shutil.rmtree(base, ignore_errors=True)
    else:
        print(f"  kept {base}", file=sys.stderr)
    return [(size, name, r, written, size_) for name, r, written, size_ in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description="majalla build benchmark")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="articles per language")
    parser.add_argument("--jobs", type=int, help="worker processes (default: every CPU)")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}")
    print()
    print("| articles / language | build | seconds | files per second | peak memory | output |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    for size in args.sizes:
        for size_, name, r, written, n_bytes in bench(size, args.jobs, args.keep):
            rate = f"{written / r['seconds']:.0f}" if written else "–"
            print(f"| {size_:,} | {name} | {r['seconds']:.1f} | {rate} | {r['peak'] / 2**20:.0f} MB | "
                  f"{n_bytes / 2**20:.0f} MB |", flush=True)


if __name__ == "__main__":
    main()
