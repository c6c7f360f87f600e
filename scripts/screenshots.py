"""Screenshots of the sample magazine for the README, made from the real build.

    python scripts/screenshots.py            # writes docs/screenshots/*.png
    python scripts/screenshots.py --out DIR --full

Builds the site of this repository into a temporary folder, serves it on 127.0.0.1, opens the home page
and an article in each language in headless Chromium (Debian's chromium, through Playwright) and saves
crops of the top of each page, 1280 px wide (desktop) and 375 px wide (a phone, `-375`). With Pillow installed the PNGs are quantized to 256 colours,
which keeps each one small enough for a README."""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build.options import BuildOptions as Options  # noqa: E402
from generator.build.pipeline import build  # noqa: E402
from tests.support import tools  # noqa: E402

SHOTS = {  # file name: (language, which page, width in pixels)
    **{f"{kind}-{lang}.png": (lang, kind, 1280) for lang in ("ar", "fr") for kind in ("home", "article")},
    **{f"{kind}-{lang}-375.png": (lang, kind, 375) for lang in ("ar", "fr") for kind in ("home", "article")},
}
ARTICLE = "tanger-med-record-2024"  # the sample story with a lead picture, in both languages


def article_url(output: Path, lang: str) -> str:
    """The site path of the sample article (it has a picture) in `lang`."""
    for page in sorted((output / lang).glob("*/*/*/index.html")):
        if page.parent.name == ARTICLE:
            return "/" + page.parent.relative_to(output).as_posix() + "/"
    raise SystemExit(f"no article {ARTICLE} in output/{lang}/")


def optimize(path: Path) -> None:
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--full", action="store_true", help="whole pages, not the top crop")
    parser.add_argument("--dark", action="store_true", help="dark colour scheme")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="majalla-shots-") as tmp:
        output = Path(tmp) / "output"
        build(Options(site=ROOT, output=output, jobs=1))
        with tools.serve_directory(output) as base, tools.browser() as browser:
            for name, (lang, kind, width) in SHOTS.items():
                path = f"/{lang}/" if kind == "home" else article_url(output, lang)
                height = args.height if width > 600 else 812  # a phone's screen
                opened = tools.open_page(browser, base + path.lstrip("/"), width, height,
                                         wait_until="networkidle", color_scheme="dark" if args.dark else "light")
                opened.page.evaluate("document.fonts.ready")
                target = args.out / name
                opened.page.screenshot(path=str(target), full_page=args.full)
                opened.close()
                optimize(target)
                print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}: "
                      f"{target.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
