"""The `new` command: a new article file with its front matter filled in, and stubs for its translations.

    python build.py new "عنوان المقال" --lang ar --section مجتمع --tags "اقتصاد الرعاية" --translation fr

writes content/ar/<yyyy>/<mm>/<slug>.md (date: now, in the site's timezone; a translation_key) and, per
--translation, content/fr/<yyyy>/<mm>/<slug>.md with the same key, to be translated. Every file is a draft
(`draft: true`, as `hugo new` does): its text is not written yet, and an article without text is an error
unless it is a draft. The paths go to stdout; how to publish goes to stderr. It never overwrites a file:
when one of the files exists, nothing is written."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from ..build.options import BuildOptions, load_config
from ..config import Config
from ..content import pins
from ..content.front_matter import front_matter
from ..content.sources import CONTENT
from ..errors import Problem, Problems
from ..text import dates
from ..text.arabic import identity, slugify


NOTHING_DONE = "no file was written"  # after an error


def arguments(parser) -> None:
    parser.add_argument("title", help="the headline, in quotes")
    parser.add_argument("--lang", help="its language; default: the site's default language")
    parser.add_argument("--section", help="its section (rubrique)")
    parser.add_argument("--tags", nargs="+", default=[], metavar="TAG", help="its tags")
    parser.add_argument("--author", nargs="+", default=[], metavar="NAME", help="its author(s)")
    parser.add_argument("--slug", help="the last part of its URL; default: made from the title")
    parser.add_argument("--series", help="the series (dossier) it is a part of")
    parser.add_argument("--part", type=int, help="its place in the series (1 for the first part)")
    parser.add_argument("--expires", metavar="DATE", help="take it down at this date (YYYY-MM-DD)")
    parser.add_argument("--pinned", choices=pins.SLOTS, help="pin it to a slot of the home page: lead or picks")
    parser.add_argument("--pinned-until", metavar="DATE", help="the pin ends at this date (default: until removed)")
    parser.add_argument("--breaking", action="store_true",
                        help="breaking news: a strip on every page of its language, breaking_hours after its date")
    parser.add_argument("--breaking-until", metavar="DATE", help="breaking news until this time (YYYY-MM-DDTHH:MM)")
    parser.add_argument("--draft", action="store_true", help=argparse.SUPPRESS)  # the default now: kept for scripts
    parser.add_argument("--translation", action="append", default=[], metavar="LANG",
                        help="also write a draft stub for its translation into LANG (repeatable)")
    parser.add_argument("--translator", nargs="+", default=[], metavar="NAME",
                        help="who translates it: the `translator:` of the `--translation` stubs")


@dataclass(frozen=True)
class Draft:
    """One file to write."""

    path: Path
    text: str


def file_text(fields: list[tuple[str, object]]) -> str:
    """The file of a draft: its front matter (the keys given a value, in the guide's order), then an empty line
    for its text."""
    return front_matter({k: v for k, v in fields if v is not None and v != [] and v is not False}) + "\n"


def later(option: str, value: str | None, config: Config, when: dt.datetime, problems: Problems) -> None:
    """An option's date (--expires, --pinned-until, --breaking-until): a date, after the article's (now)."""
    if value is None:
        return
    try:
        moment = dates.parse(value, config.timezone)
    except dates.DateError as exc:
        problems.error(option, 0, str(exc))
        return
    if moment <= when:
        problems.error(option, 0, f"{moment:%Y-%m-%d %H:%M} is not after the article's date, now "
                                  f"({when:%Y-%m-%d %H:%M}): give a later one")


def section_in(config: Config, section: str | None, source_lang: str, lang: str, table: str = "sections") -> str | None:
    """The name of `section` in another language, from site.toml's [sections] (or [series]); None when it has none."""
    if not section:
        return None
    for _, names in getattr(config, table):
        names = dict(names)
        if identity(names.get(source_lang, "")) == identity(section):
            return names.get(lang)
    return None


def plan(config: Config, title: str, lang: str, now: dt.datetime, problems: Problems, section: str | None = None,
         tags=(), authors=(), slug: str | None = None, draft: bool = True, translations=(),
         translators=(), series: str | None = None, part: int | None = None,
         expires: str | None = None, pinned: str | None = None, pinned_until: str | None = None,
         breaking: bool = False, breaking_until: str | None = None) -> list[Draft]:
    """The files of a new article (and of its translation stubs); problems when they cannot be written."""
    for code in (lang, *translations):
        if code not in config.codes:
            problems.error("--lang" if code == lang else "--translation", 0,
                           f'"{code}" is not a language of site.toml ({", ".join(config.codes)})')
    if lang in translations:
        problems.error("--translation", 0, f'"{lang}" is the article\'s own language')
    if translators and not translations:
        problems.error("--translator", 0, "credits the translator of a translation: give --translation LANG too")
    if part is not None and (part < 1 or not series):
        problems.error("--part", 0, "--part is a place in a series, from 1: give --series too" if part >= 1
                       else f"--part must be 1 or more, not {part}")
    when = now.astimezone(ZoneInfo(config.timezone)).replace(microsecond=0)
    for option, value in (("--expires", expires), ("--pinned-until", pinned_until), ("--breaking-until", breaking_until)):
        later(option, value, config, when, problems)
    if pinned is not None and pinned not in pins.SLOTS:
        problems.error("--pinned", 0, f'"{pinned}" is not a slot of the home page: give lead or picks')
    if pinned_until is not None and not pinned:
        problems.error("--pinned-until", 0, "ends a pin: give --pinned lead or --pinned picks too")
    if breaking and breaking_until is not None:
        problems.error("--breaking", 0, "give --breaking (for breaking_hours of site.toml) or --breaking-until TIME, "
                                        "not both")
    title = title.strip()
    slug = slugify(slug or title)  # the build's own slug: within text.py's one rule for their length
    if not title:
        problems.error("title", 0, "the title is empty")
    elif not slug:
        problems.error("title", 0, f'"{title}" gives an empty slug; give one with --slug')
    if problems.errors:
        return []
    rel = f"{when:%Y}/{when:%m}/{slug}"
    key = f"{when:%Y}-{when:%m}-{slug}"
    newsroom = [("expires", expires), ("pinned", {"slot": pinned, "until": pinned_until} if pinned_until else pinned),
                ("breaking", breaking_until or breaking)]  # the stubs too: one story, one editor's decision
    drafts = [Draft(config.root / CONTENT / lang / f"{rel}.md", file_text([
        ("title", title), ("date", when.isoformat()), ("author", list(authors)), ("section", section),
        ("tags", list(tags)), ("series", series), ("part", part), *newsroom, ("translation_key", key),
        ("draft", draft)]))]
    for other in translations:
        drafts.append(Draft(config.root / CONTENT / other / f"{rel}.md", file_text([
            ("title", title), ("date", when.isoformat()), ("translator", list(translators)),
            ("section", section_in(config, section, lang, other)),
            ("series", section_in(config, series, lang, other, "series")), ("part", part if series else None),
            *newsroom, ("translation_key", key), ("draft", True)])))
    for d in drafts:
        if d.path.exists():
            problems.error(d.path, 0, "exists already; nothing was written (choose another title or --slug)")
    return drafts


def write(drafts: list[Draft]) -> list[Path]:
    """Write every file, each only if it does not exist (exclusive create)."""
    written = []
    for d in drafts:
        d.path.parent.mkdir(parents=True, exist_ok=True)
        with open(d.path, "x", encoding="utf-8") as f:
            f.write(d.text)
        written.append(d.path)
    return written


def run(args) -> int:
    config = load_config(BuildOptions(site=args.site.resolve()))
    problems = Problems(config.root)
    drafts = plan(config, args.title, args.lang or config.default_language, dt.datetime.now(dt.timezone.utc),
                  problems, section=args.section, tags=args.tags, authors=args.author, slug=args.slug,
                  translations=tuple(dict.fromkeys(args.translation)), translators=tuple(args.translator),
                  series=args.series, part=args.part, expires=args.expires, pinned=args.pinned,
                  pinned_until=args.pinned_until, breaking=args.breaking, breaking_until=args.breaking_until)
    if problems.errors:
        for p in problems.errors:
            print(p, file=sys.stderr)
        return 1
    try:
        written = write(drafts)
    except FileExistsError as exc:  # made between our look and our write
        print(Problem(str(exc.filename), 0, "exists already"), file=sys.stderr)
        return 1
    for path in written:
        print(path.relative_to(config.root).as_posix() if path.is_relative_to(config.root) else path)
    print(how_to_publish(len(written) > 1), file=sys.stderr)
    return 0


def how_to_publish(translations: bool) -> str:
    program = "python build.py" if Path(sys.argv[0]).name == "build.py" else "majalla"
    files = "They are drafts" if translations else "It is a draft"
    what = "write (or translate) each one's text" if translations else "write its text"
    return (f'{files} (draft: true), shown only by "{program} serve" (and builds with --drafts). To publish: '
            f'{what} below the front matter, set date: to the time of publication, and delete the line "draft: true".')
