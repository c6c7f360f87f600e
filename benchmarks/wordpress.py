#!/usr/bin/env python3
"""The WordPress import benchmark, run by hand (not in CI): python benchmarks/wordpress.py [--posts 5000]

Writes the deterministic export of benchmarks/make_wxr.py (5,000 posts: 54 MB, Arabic and French, half
Gutenberg, half classic, attachments, comments, revisions) into a temporary folder, then imports it with the
real CLI into a fresh ar/fr site twice:

  first     an import into an empty site
  again     the same import again (nothing changes)

For each it records the CPU time of the import process (user + system, from getrusage of the child: on this
shared 2-core machine the wall time mostly says how busy the neighbours are), the wall time, the peak
resident memory, and the load average before the run, and prints a Markdown table to record in
benchmarks/README.md."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.sites import SITE_TOML  # noqa: E402


def timed_import(export: Path, site: Path) -> dict:
    load = os.getloadavg()[0]
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "import-wordpress", str(export),
                              "--site", str(site), "-q"])
    _, status, usage = os.wait4(child.pid, 0)  # this child's own resources
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"the import failed (exit code {child.returncode})")
    return {"cpu": usage.ru_utime + usage.ru_stime, "wall": wall, "rss": usage.ru_maxrss / 1024, "load": load}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="majalla-wp-") as tmp:
        export = Path(tmp) / "export.xml"
        # written by another process, so that the peak memory of the imports (forked from this one) is their own
        subprocess.run([sys.executable, str(ROOT / "benchmarks/make_wxr.py"), str(export), "--posts", str(args.posts)],
                       check=True, stdout=subprocess.DEVNULL)
        site = Path(tmp) / "site"
        site.mkdir()
        (site / "site.toml").write_text(SITE_TOML, encoding="utf-8")
        size = export.stat().st_size / 1e6
        print("| posts | export | run | CPU s | wall s | peak RSS | load average |\n| ---: | ---: | --- | ---: | ---: | ---: | ---: |")
        for run in ("first", "again"):
            r = timed_import(export, site)
            print(f"| {args.posts:,} | {size:.1f} MB | {run} | {r['cpu']:.1f} | {r['wall']:.1f} | "
                  f"{r['rss']:.0f} MB | {r['load']:.1f} |")


if __name__ == "__main__":
    main()
