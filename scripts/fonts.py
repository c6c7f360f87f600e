"""Make the theme's font files, themes/majalla/static/fonts/*.woff2, from the Fontsource packages.

    npm i --prefix /tmp/fonts @fontsource/noto-naskh-arabic@5.3.0 @fontsource/noto-kufi-arabic@5.3.0
    pip install fonttools brotli          # in a virtual environment of its own: only this script needs them
    python scripts/fonts.py /tmp/fonts/node_modules/@fontsource

Each Arabic face is two files: Fontsource's Arabic subset as it is (`…-arabic-…`), and `…-common-…`, the
characters Arabic text shares with Latin text (spaces, figures, punctuation, « », – …) cut from the
family's own Latin subset, so that «10» and «:» in an Arabic headline are Kufi's and in Arabic body text
Naskh's, not Noto Serif's. Latin letters stay Noto Serif's (its files are Fontsource's Latin subset of Noto
Serif, as they are). COMMON is the unicode-range style.css gives the `…-common-…` faces: a test checks that
the two agree and that each file holds what its range claims."""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "themes" / "majalla" / "static" / "fonts"
FACES = (("noto-naskh-arabic", 400), ("noto-naskh-arabic", 700), ("noto-kufi-arabic", 700))
# What Arabic text takes from the Latin block and general punctuation, letters left out (they are Noto
# Serif's). Not U+2010-2011 nor U+200C-200E: the Arabic subset has them.
COMMON = ((0x20, 0x40), (0x5B, 0x60), (0x7B, 0x7E), (0xA0, 0xBF), (0xD7, 0xD7), (0xF7, 0xF7), (0x2013, 0x2014),
          (0x2018, 0x201E), (0x2022, 0x2022), (0x2026, 0x2026), (0x2039, 0x203A), (0x20AC, 0x20AC),
          (0x2212, 0x2212))


def unicode_range(ranges=COMMON) -> str:
    """The CSS unicode-range of `ranges`: "U+0020-0040, U+005B-0060, …"."""
    return ", ".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in ranges)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fontsource", type=Path, help="node_modules/@fontsource of the npm install above")
    parser.add_argument("--out", type=Path, default=FONTS)
    args = parser.parse_args(argv)
    try:
        from fontTools import subset
    except ImportError:
        raise SystemExit("fontTools is not installed: pip install fonttools brotli") from None
    for family, weight in FACES:
        files = args.fontsource / family / "files"
        if not files.is_dir():
            raise SystemExit(f"{files}: no such folder; install @fontsource/{family} (see the top of this script)")
        arabic = f"{family}-arabic-{weight}-normal.woff2"
        shutil.copyfile(files / arabic, args.out / arabic)
        common = args.out / f"{family}-common-{weight}-normal.woff2"
        options = subset.Options()
        options.flavor, options.layout_features, options.name_IDs = "woff2", ["*"], ["*"]
        font = subset.load_font(str(files / f"{family}-latin-{weight}-normal.woff2"), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[c for a, b in COMMON for c in range(a, b + 1)])
        subsetter.subset(font)
        subset.save_font(font, str(common), options)
        print(f"{common.relative_to(ROOT) if common.is_relative_to(ROOT) else common}: {common.stat().st_size} bytes")
    print(f"unicode-range of the common faces: {unicode_range()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
