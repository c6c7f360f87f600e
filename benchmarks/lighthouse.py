"""Lighthouse on the majalla theme: the home page and an article of a corpus with real-size photos, mobile.

    npm i --prefix /tmp/lighthouse lighthouse@12.2.3      # 12.2.3: the last that runs on Debian's Node 20
    python benchmarks/lighthouse.py --lighthouse /tmp/lighthouse/node_modules/.bin/lighthouse [--articles 60]
        [--runs 3] [--reports DIR]

Writes a corpus (benchmarks/corpus.py --images) whose lead pictures are replaced by photo-like JPEGs of
1920 x 1080 (noise and gradients: they compress like photos, not like flat colours), builds it, serves it on
127.0.0.1 and runs Lighthouse's mobile preset (simulated slow 4G, a mid-range phone) with Debian's Chromium
(CHROME_PATH, default /usr/bin/chromium) on /ar/, /fr/, an Arabic and a French article with a picture, each
--runs times. Prints each run's scores, Core Web Vitals, failing audits and LCP element, then the median run of
each page (by performance) and the load average; --reports keeps the JSON reports. The figures go in
benchmarks/README.md. Not a test: Lighthouse's timings depend on the machine."""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import write  # noqa: E402
from generator.build.options import BuildOptions  # noqa: E402
from generator.build.pipeline import build  # noqa: E402
from tests.support import tools  # noqa: E402

PHOTO = (1920, 1080)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
AUDITS = {"cumulative-layout-shift": "CLS", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT",
          "first-contentful-paint": "FCP", "speed-index": "SI"}


def photo(path: Path, seed: int) -> None:
    """A 1920 x 1080 JPEG with the grain of a photo, over the corpus's small picture."""
    from PIL import Image, ImageFilter

    r = random.Random(seed)
    small = Image.effect_noise((PHOTO[0] // 8, PHOTO[1] // 8), 60).convert("RGB")
    tint = Image.new("RGB", small.size, (r.randrange(40, 200), r.randrange(40, 200), r.randrange(40, 200)))
    base = Image.blend(small, tint, 0.6).resize(PHOTO, Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(2))
    grain = Image.effect_noise(PHOTO, 20).convert("RGB")
    Image.blend(base, grain, 0.15).save(path, "JPEG", quality=85)


def lighthouse(binary: str, url: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run([binary, url, "--quiet", "--output=json", f"--output-path={out}", "--form-factor=mobile",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu", "--only-categories=" + ",".join(CATEGORIES)],
                   check=True, env=env)
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    vitals = {short: report["audits"][audit]["displayValue"] for audit, short in AUDITS.items()}
    failing = sorted(a for c in CATEGORIES for ref in report["categories"][c]["auditRefs"]
                     if ref["weight"] and (a := ref["id"]) and report["audits"][a]["score"] not in (None, 1))
    lcp = report["audits"].get("largest-contentful-paint-element", {}).get("details", {}).get("items", [])
    element = lcp[0]["items"][0]["node"].get("selector", "") if lcp and lcp[0].get("items") else ""
    phases = {row["phase"]: round(row["timing"]) for row in (lcp[1]["items"] if len(lcp) > 1 else [])}
    return {"scores": scores, "vitals": vitals, "failing": failing, "lcp_element": element, "lcp_phases": phases}


def median_run(runs: list[dict]) -> dict:
    """The run whose performance score is the median (the lower middle one for an even count)."""
    return sorted(runs, key=lambda r: r["scores"]["performance"])[(len(runs) - 1) // 2]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse", required=True, help="the lighthouse executable (npm's node_modules/.bin/)")
    parser.add_argument("--articles", type=int, default=60, help="articles per language")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (the median is reported)")
    parser.add_argument("--reports", type=Path, help="a folder to keep the JSON reports in")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="majalla-lighthouse-") as tmp:
        site = Path(tmp) / "site"
        write(site, args.articles, 1, images=True)
        pictures = sorted(p for p in (site / "content").rglob("*.jpg"))
        for n, picture in enumerate(pictures):
            photo(picture, n)
        build(BuildOptions(site=site, jobs=2))
        output = site / "output"
        paths = ["ar/", "fr/"] + [article_with_picture(output, lang) for lang in ("ar", "fr")]
        reports = args.reports or Path(tmp)
        reports.mkdir(parents=True, exist_ok=True)
        medians = []
        with tools.serve_directory(output) as base:
            for n, path in enumerate(paths):
                runs = []
                for run in range(args.runs):
                    result = lighthouse(args.lighthouse, base + path, reports / f"page{n}-run{run}.json")
                    runs.append(result)
                    print(json.dumps({"page": "/" + path, "run": run, **result}, ensure_ascii=False), flush=True)
                medians.append({"page": "/" + path, "median_of": args.runs, **median_run(runs)})
        print(f"photos: {len(pictures)}, load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        for line in medians:
            print(json.dumps(line, ensure_ascii=False))
    return 0


def article_with_picture(output: Path, lang: str) -> str:
    article = next(p for p in sorted((output / lang).glob("*/*/*/index.html"))
                   if 'class="lead-image"' in p.read_text(encoding="utf-8"))
    return article.parent.relative_to(output).as_posix() + "/"


if __name__ == "__main__":
    raise SystemExit(main())
