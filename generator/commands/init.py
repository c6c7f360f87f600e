"""The `init` command: a new, empty magazine in the --site folder (made if missing): site.toml with every
language asked for (its name, direction and locale from CLDR), content/<lang>/ for each, and a .gitignore for
what a build makes (output/, .cache/). It never overwrites a file: if site.toml is there already, nothing is
written. After it, `majalla new "..."` writes the first article and `majalla build` builds the site."""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

from babel import Locale, UnknownLocaleError

from ..config import CONFIG_FILE, LANGUAGE_CODE, Language, check_base_url
from ..errors import Problem, Problems
from ..theme.templates import BUNDLED_THEMES

NOTHING_DONE = "nothing was written"
COUNTRY = "MA"  # the locale's country when CLDR has one for the language (ar_MA, fr_MA): Moroccan months, digits
IGNORED = ("output/", ".cache/")  # what a build and the preview make: never committed
THEME_STRINGS = BUNDLED_THEMES / "majalla" / "i18n"  # the default theme's UI strings, per language


def arguments(parser) -> None:
    parser.add_argument("--title", help="the magazine's name; default: the folder's name")
    parser.add_argument("--languages", nargs="+", default=["ar", "fr"], metavar="LANG",
                        help="its languages, the default one first; default: ar fr")
    parser.add_argument("--base-url", default="https://example.com/", metavar="URL",
                        help="the address it will be published at; default: https://example.com/ (change it before "
                             "publishing)")


def language(code: str, title: str, where: str, problems: Problems) -> Language | None:
    """A language of the new site, described by CLDR (through Babel): its own name, its direction, and its
    Moroccan locale when CLDR has one."""
    if not LANGUAGE_CODE.match(code):
        problems.error(where, 0, f'"{code}" is not a language code (like "ar" or "fr"): --languages ar fr')
        return None
    try:
        base = Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        problems.error(where, 0, f'"{code}" is not a language CLDR knows (like "ar", "fr", "en"): --languages ar fr')
        return None
    try:
        local = Locale.parse(f"{base.language}_{COUNTRY}")
    except (UnknownLocaleError, ValueError):
        local = base
    name = base.get_display_name(base) or code
    return Language(code, name[:1].upper() + name[1:], "rtl" if base.character_order == "right-to-left" else "ltr",
                    str(local), title)


def quoted(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's; the few characters TOML refuses raw are refused before)."""
    return json.dumps(text, ensure_ascii=False)


def site_toml(title: str, base_url: str, languages: list[Language]) -> str:
    lines = [
        f"title = {quoted(title)}",
        "# where the site is published: its feeds, sitemaps and links to share need the address",
        f"base_url = {quoted(base_url)}",
        f"default_language = {quoted(languages[0].code)}",
        'timezone = "Africa/Casablanca"',
        'theme = "majalla"',
        "",
    ]
    for lang in languages:
        lines += [
            f"[languages.{lang.code}]",
            f"name = {quoted(lang.name)}",
            f"dir = {quoted(lang.dir)}",
            f"locale = {quoted(lang.locale)}",
            f"title = {quoted(lang.title)}  # the magazine's name in this language",
            "",
        ]
    lines += [
        "# A section's name in each language links its pages across languages (switcher, hreflang), e.g.",
        "# [sections]",
        '# economy = { ar = "اقتصاد", fr = "Économie" }',
        "# Every setting: docs/settings.md of majalla.",
    ]
    return "\n".join(lines) + "\n"


def plan(root: Path, title: str | None, codes: list[str], base_url: str, problems: Problems) -> dict[Path, str]:
    """The files to write (path -> text), or problems: everything is checked before anything is written."""
    where = CONFIG_FILE
    if (root / CONFIG_FILE).exists():
        problems.error(where, 0, f"exists already in {root}: this is a site folder already; nothing was written "
                                 "(`majalla new \"...\"` starts an article; --site DIR makes a new site elsewhere)")
    if root.exists() and not root.is_dir():
        problems.error(root.as_posix(), 0, "is a file, not a folder: --site names the folder of the new site")
    title = title if title is not None else root.resolve().name
    if not title.strip() or any(unicodedata.category(c) in ("Cc", "Cs") for c in title):
        problems.error(where, 0, f"the title {title!r} is empty or holds control characters: --title \"...\"")
    url = check_base_url(base_url, where, 0, problems)
    if len(set(codes)) != len(codes):
        problems.error(where, 0, f"a language is given twice in --languages {' '.join(codes)}")
    languages = [lang for code in codes if (lang := language(code, title, where, problems))]
    if problems.errors:
        return {}
    files = {root / CONFIG_FILE: site_toml(title, url, languages)}
    ignore = root / ".gitignore"
    if not ignore.exists():
        files[ignore] = "".join(f"{line}\n" for line in IGNORED)
    for lang in languages:
        strings = root / "i18n" / f"{lang.code}.toml"
        if not (THEME_STRINGS / f"{lang.code}.toml").is_file() and not strings.exists():
            files[strings] = untranslated_strings(lang)
    return files


def untranslated_strings(lang: Language) -> str:
    """The UI strings of a language the theme has none for: the English ones, to be translated in the site."""
    english = (THEME_STRINGS / "en.toml").read_text(encoding="utf-8").split("\n", 1)[1]
    return (f"# UI strings for {lang.name} ({lang.code}), copied from the theme's English ones by majalla init:\n"
            f"# translate each value (the site's i18n/{lang.code}.toml overrides the theme's, key by key).\n{english}")


def run(args) -> int:
    root = args.site
    problems = Problems()
    files = plan(root, args.title, args.languages, args.base_url, problems)
    if problems.errors:
        for p in problems.errors:
            print(p, file=sys.stderr)
        return 1
    root.mkdir(parents=True, exist_ok=True)
    try:
        for path, text in files.items():
            path.parent.mkdir(exist_ok=True)
            with open(path, "x", encoding="utf-8") as f:  # exclusive: never over a file made meanwhile
                f.write(text)
    except FileExistsError as exc:
        print(Problem(Path(exc.filename).name, 0, "exists already (made while init ran); it was left as it was"),
              file=sys.stderr)
        return 1
    for code in args.languages:
        (root / "content" / code).mkdir(parents=True, exist_ok=True)
    if not args.quiet:
        for path in files:
            print(path.relative_to(root).as_posix())
        print(*(f"content/{code}/" for code in args.languages), sep="\n")
        for path in files:
            if path.parent.name == "i18n":
                print(f"{path.relative_to(root).as_posix()}: the theme has no UI strings in this language: these are "
                      "its English ones, translate them", file=sys.stderr)
        program = "python build.py" if Path(sys.argv[0]).name == "build.py" else "majalla"
        here = "" if root.resolve() == Path.cwd().resolve() else f" --site {root}"
        ignore = root / ".gitignore"
        if ignore not in files and not set(IGNORED) <= set(re.split(r"\s+", ignore.read_text(encoding="utf-8"))):
            print(f".gitignore: add {' and '.join(IGNORED)} to it: a build's output is not committed", file=sys.stderr)
        print(f'a new magazine; next: {program} new{here} "the first headline", then {program} build{here} '
              f"(or {program} serve{here} to preview as you write)", file=sys.stderr)
    return 0
