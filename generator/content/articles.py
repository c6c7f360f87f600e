"""One Markdown file to one Article: front matter checked key by key, body converted, errors at their line."""
from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath

import frontmatter
import yaml

from .. import __version__
from ..errors import Problem
from ..text import dates
from ..text.arabic import SLUG_MAX_BYTES, cut_at_word, shorten, whole_slug
from . import aliases as old_urls, front_matter_hints as hints, limits, markup, names, scripts
from .corrections import Correction, read_corrections
from .pins import Pin, read_breaking, read_pin
from .series import read_part
from .sources import read_text

KNOWN_KEYS = (
    "title", "date", "updated", "author", "dateline", "section", "tags", "translation_key", "slug",
    "summary", "image", "image_alt", "image_caption", "image_credit", "featured", "draft", "lang", "aliases",
    "translator", "corrections", "series", "part", "expires",  # issue 21: content/corrections.py, series.py, expiry.py
    "pinned", "breaking",  # content/pins.py
)


@dataclass(frozen=True)
class Article:
    """An article as the site model sees it. Its HTML body lives in the build cache, keyed by `body_digest`."""

    source: str  # "content/ar/2024/06/x.md"
    lang: str
    rel: str  # "2024/06/x": the path below content/<lang>/, without ".md"
    title: str
    date: dt.datetime  # aware, in the site's timezone
    updated: dt.datetime | None
    authors: tuple[str, ...]
    dateline: str | None
    section: str | None
    tags: tuple[str, ...]
    translation_key: str
    slug: str
    summary: str
    image: str | None
    image_alt: str | None
    image_caption: str | None
    featured: bool
    draft: bool
    aliases: tuple[str, ...]
    extra: tuple[tuple[str, object], ...]  # unknown keys, kept for the templates
    toc: str
    words: int
    links: tuple[str, ...]
    images: tuple[tuple[str, str], ...]  # (src, alt) of the body's pictures
    body_digest: str
    lines: tuple[tuple[str, int], ...]  # front-matter key -> line, for later errors
    image_credit: str | None = None  # who made the lead picture (image_credit:), printed under its caption
    translators: tuple[str, ...] = ()  # `translator:`: who translated this version (a name or a list)
    corrections: tuple[Correction, ...] = ()  # latest first (content/corrections.py)
    series: str | None = None  # the series (dossier) it is a part of (content/series.py)
    part: int | None = None  # its place in the series, when given; else its date orders it
    expires: dt.datetime | None = None  # taken down from then on (content/expiry.py)
    pinned: Pin | None = None  # a slot of the home page, until a time (content/pins.py)
    breaking: dt.datetime | None = None  # the breaking-news strip shows it until then (content/pins.py)

    def line(self, key: str) -> int:
        return dict(self.lines).get(key, 1)


@dataclass(frozen=True)
class Parsed:
    article: Article | None
    html: str
    problems: tuple[Problem, ...]


NO_TIMESTAMPS = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class FrontMatterLoader(yaml.SafeLoader):
    """YAML without implicit timestamps: dates stay text, so that a wrong one is reported, not crashed on."""

    yaml_implicit_resolvers = NO_TIMESTAMPS


if yaml.__with_libyaml__:
    class FastLoader(yaml.CSafeLoader):
        """The same YAML read by libyaml, about ten times faster; a document it rejects is read again by
        FrontMatterLoader, whose messages and marks are the ones writers see."""

        yaml_implicit_resolvers = NO_TIMESTAMPS
else:  # pragma: no cover - PyYAML built without libyaml
    FastLoader = None

HANDLER = frontmatter.YAMLHandler()


def split(text: str) -> tuple[str | None, str, int, str]:
    """(front matter, body, line of the front matter's first line in the file, error)."""
    if not text.strip():
        return None, "", 1, "is empty: an article starts with front matter (---, title:, date:, ---)"
    if not HANDLER.detect(text):
        return None, "", 1, ('has no front matter: did you forget "---"? An article starts with a line "---", '
                             'then "title: ..." and "date: ...", then "---"')
    try:
        fm, body = HANDLER.split(text)
    except ValueError:
        return None, "", 1, 'front matter is not closed: add a line "---" after its last key'
    return fm, body, text[: text.index(fm)].count("\n") + 1 if fm else 2, ""


def load_mapping(fm: str, first_line: int, retries: int = 10) -> tuple[dict, dict, list[tuple[int, str]]]:
    """({key: value}, {key: line}, [(line, problem)]) from front matter YAML. A mistake whose fix is known
    (front_matter_hints) is reported, and the fixed text read on (`retries` times), for the other mistakes."""
    if refused := limits.front_matter(fm, first_line):
        return {}, {}, refused
    if FastLoader is not None:
        loader = None
        try:
            loader = FastLoader(fm)
            return read_mapping(loader, first_line)
        except yaml.YAMLError:
            pass  # reported below, as the pure-Python reader words it
        finally:
            if loader is not None:
                loader.dispose()
    try:
        loader = FrontMatterLoader(fm)
    except yaml.reader.ReaderError as exc:
        return {}, {}, [(first_line + fm[: exc.position].count("\n"),
                         f"front matter holds the character U+{exc.character:04X}, which YAML does not allow; "
                         f"remove it")]
    try:
        return read_mapping(loader, first_line)
    except yaml.MarkedYAMLError as exc:
        mistake = hints.yaml_mistake(fm, first_line, exc)
        if mistake:
            line, message, fixed = mistake
            if not retries or fixed == fm:
                return {}, {}, [(line, message)]
            values, lines, more = load_mapping(fixed, first_line, retries - 1)
            return values, lines, [(line, message), *more]
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        what = exc.problem or "unreadable"
        if exc.context and exc.context_mark and exc.context_mark.line != (mark.line if mark else -1):
            what += f" ({exc.context} at line {first_line + exc.context_mark.line})"
        return {}, {}, [(line, f"front matter is not valid YAML: {what}")]
    except yaml.YAMLError as exc:
        return {}, {}, [(first_line, f"front matter is not valid YAML: {exc}")]
    finally:
        loader.dispose()


def read_mapping(loader, first_line: int) -> tuple[dict, dict, list[tuple[int, str]]]:
    """load_mapping's result from a loader; YAML errors are raised."""
    node = loader.get_single_node()
    if node is None:
        return {}, {}, []
    if not isinstance(node, yaml.MappingNode):
        kind = {"tag:yaml.org,2002:seq": "a list", "tag:yaml.org,2002:str": "a string"}.get(node.tag, "not keys")
        return {}, {}, [(first_line + node.start_mark.line,
                         f"front matter is {kind}; it must be keys and values (title: ..., date: ...)")]
    values, lines, problems = {}, {}, []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = first_line + key_node.start_mark.line
        if not isinstance(key, str):
            problems.append((line, f"{key!r} is not a key name"))
            continue
        if key in values:
            problems.append((line, f'"{key}" is given twice (first at line {lines[key]})'))
            continue
        values[key] = loader.construct_object(value_node, deep=True)
        lines[key] = line
        if isinstance(value_node, yaml.SequenceNode):  # "corrections.0", "corrections.0.date": each entry's line
            for n, item in enumerate(value_node.value):
                lines[f"{key}.{n}"] = first_line + item.start_mark.line
                if isinstance(item, yaml.MappingNode):
                    for sub, _ in item.value:
                        if isinstance(sub, yaml.ScalarNode):
                            lines.setdefault(f"{key}.{n}.{sub.value}", first_line + sub.start_mark.line)
        elif isinstance(value_node, yaml.MappingNode):  # "pinned.until": a key's line in a set of keys
            for sub, _ in value_node.value:
                if isinstance(sub, yaml.ScalarNode):
                    lines.setdefault(f"{key}.{sub.value}", first_line + sub.start_mark.line)
    return values, lines, problems


def parse_key(data: bytes, source: str, lang: str, settings: "ParseSettings") -> str:
    """The cache key of a parsed article: its bytes, its place, the converter and the settings it depends on."""
    h = hashlib.sha256(data)
    h.update(f"\0{source}\0{lang}\0{settings.key}\0{markup.SETTINGS_VERSION}\0{__version__}".encode())
    return h.hexdigest()


@dataclass(frozen=True)
class ParseSettings:
    timezone: str
    directions: tuple[tuple[str, str], ...]  # (code, "rtl"|"ltr") of every language of the site
    refuse_scripts: bool = False  # site.toml's: a script in the body is an error, else a note
    breaking_hours: int = 6  # how long `breaking: true` shows its strip (site.toml breaking_hours)

    @classmethod
    def of(cls, config) -> "ParseSettings":
        """The settings of site.toml's Config that an article's reading depends on."""
        return cls(config.timezone, tuple((lang.code, lang.dir) for lang in config.languages), config.refuse_scripts,
                   config.breaking_hours)

    @property
    def key(self) -> str:
        return (f"{self.timezone}|{self.directions}|{self.breaking_hours}"
                + ("|refuse_scripts" if self.refuse_scripts else ""))


def parse(data: bytes, source: str, lang: str, settings: ParseSettings) -> Parsed:
    """Parse one article file. `source` is its path from the site root (content/<lang>/...)."""
    problems: list[Problem] = []

    def error(line: int, message: str) -> None:
        problems.append(Problem(source, line, message))

    def warn(line: int, message: str) -> None:
        problems.append(Problem(source, line, message, warning=True))

    def failed() -> Parsed:
        return Parsed(None, "", tuple(problems))

    text, bad_line, message = read_text(data)
    if text is None:
        error(bad_line, message)
        return failed()
    fm, body, first_line, message = split(text)
    if fm is None:
        error(1, message)
        return failed()
    meta, lines, yaml_problems = load_mapping(fm, first_line)
    for line, message in yaml_problems:
        error(line, message)
    if yaml_problems and not meta:
        return failed()
    at = lambda key: lines.get(key, 1)  # noqa: E731

    def text_value(key: str, required: bool = False) -> str | None:
        value = meta.get(key)
        if value is None:
            if required:
                error(at(key), f'"{key}" is empty' if key in meta else f'"{key}" is missing')
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            error(at(key), f'"{key}" must be text, not {describe(value)}')
            return None
        value = unicodedata.normalize("NFC", str(value)).strip()
        if limits.not_text(value):
            error(at(key), f'"{key}" holds an escape that is not a character (a lone surrogate like \\ud800)')
            return None
        if required and not value:
            error(at(key), f'"{key}" is empty')
            return None
        return value or None

    def text_list(key: str) -> tuple[str, ...]:
        value = meta.get(key)
        if value is None:
            return ()
        if isinstance(value, str) and key in ("author", "translator", "aliases"):
            value = [value]
        if not isinstance(value, list):
            hint = hints.string_for_list(key, value) if isinstance(value, str) else ""
            error(at(key), f'"{key}" must be a list of text, not {describe(value)}{hint}')
            return ()
        if too_many := limits.names(key, len(value)):
            error(at(key), too_many)
            return ()
        items = []
        for item in value:
            if not isinstance(item, str):
                error(at(key), f'"{key}" must hold only text; {item!r} is {describe(item)} (put it in quotes)')
                continue
            item = unicodedata.normalize("NFC", item).strip()
            if limits.not_text(item):
                error(at(key), f'"{key}" holds an escape that is not a character (a lone surrogate like \\ud800)')
                continue
            if not item:
                error(at(key), f'"{key}" holds an empty name')
                continue
            items.append(item)
        mistake = hints.separator_in_list(key, tuple(items)) if key in hints.NAME_OF else None
        if mistake:
            error(at(key), mistake)
            return ()
        return tuple(items)

    def flag(key: str) -> bool:
        value = meta.get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            error(at(key), f'"{key}" must be true or false, not {describe(value)}')
            return False
        return value

    def when(key: str, required: bool = False) -> dt.datetime | None:
        if meta.get(key) is None:
            if required:
                error(at(key), f'"{key}" is empty' if key in meta else f'"{key}" is missing')
            return None
        try:
            return dates.parse(meta[key], settings.timezone)
        except dates.DateError as exc:
            error(at(key), f"{key}: {exc}")
            return None

    for key in meta:
        if key not in KNOWN_KEYS:
            close = difflib.get_close_matches(key, KNOWN_KEYS, n=1, cutoff=0.75)
            if close:
                warn(at(key), f'unknown key "{key}": did you mean "{close[0]}"?')

    title = text_value("title", required=True)
    date = when("date", required=True)
    updated = when("updated")
    authors = text_list("author")
    translators = text_list("translator")
    dateline = text_value("dateline")
    section = text_value("section")
    tags = text_list("tags")
    aliases = []
    for alias in text_list("aliases"):
        path, why = old_urls.normalize(alias)
        if path is None:
            error(at("aliases"), why)
        elif path not in aliases:
            aliases.append(path)
    summary = text_value("summary")
    image, image_alt, image_caption = text_value("image"), text_value("image_alt"), text_value("image_caption")
    image_credit = text_value("image_credit")
    featured, draft = flag("featured"), flag("draft")
    corrections = read_corrections(
        meta.get("corrections"), lambda n, sub: lines.get(".".join(str(p) for p in ("corrections", n, sub)
                                                                 if p is not None), at("corrections")),
        date, settings.timezone, error)
    series = text_value("series")
    part = read_part(meta.get("part"), series, at("part"), error, describe) if "part" in meta else None
    expires = when("expires")
    if expires and date and expires <= date:
        error(at("expires"), f"expires ({expires:%Y-%m-%d %H:%M}) is not after the article's date "
                             f"({date:%Y-%m-%d %H:%M}): give the day it is to be taken down, after publication")
    pinned = read_pin(meta.get("pinned"), lambda sub: lines.get(f"pinned.{sub}", at("pinned")) if sub else at("pinned"),
                      date, settings.timezone, error)
    breaking = read_breaking(meta.get("breaking"), at("breaking"), date, settings.breaking_hours, settings.timezone, error)

    codes = dict(settings.directions)
    lang_value = text_value("lang")
    if lang_value is not None:
        if lang_value not in codes:
            error(at("lang"), f'lang "{lang_value}" is not one of the languages in site.toml ({", ".join(codes)})')
        else:
            lang = lang_value

    rel = unicodedata.normalize("NFC", str(PurePosixPath(*PurePosixPath(source).parts[2:]).with_suffix("")))
    key = text_value("translation_key") or rel
    slug = check_slug(meta.get("slug"), at("slug"), PurePosixPath(rel).name, error, warn)
    if updated and date and updated < date:
        warn(at("updated"), "updated is earlier than date")
    if not body.strip() and not draft and meta.get("draft") in (False, None):  # a wrong draft: has its error
        error(hints.closing_line(text), hints.NO_TEXT)

    if any(p.line and not p.warning for p in problems) or title is None or date is None or slug is None:
        return failed()

    for line, message in limits.text_depth(body, text.count("\n") - body.count("\n") + 1):
        error(line, message)
        return failed()
    rendered = markup.render(body, codes.get(lang) == "rtl", lang)
    for line, what in scripts.body_problems(rendered.html, text, text.count("\n") - body.count("\n") + 1):
        if settings.refuse_scripts:
            error(line, scripts.body_message(what, True))
        else:
            problems.append(Problem(source, line, scripts.body_message(what, False), warning=True, note=True))
    if settings.refuse_scripts and any(not p.warning for p in problems):
        return failed()
    article = Article(
        source=source, lang=lang, rel=rel, title=title, date=date.astimezone(dates.ZoneInfo(settings.timezone)),
        updated=updated.astimezone(dates.ZoneInfo(settings.timezone)) if updated else None,
        authors=authors, dateline=dateline, section=section, tags=tags, translation_key=key, slug=slug,
        summary=cut_at_word(summary, 400) if summary else rendered.first_paragraph,
        image=image, image_alt=image_alt, image_caption=image_caption, image_credit=image_credit, featured=featured,
        draft=draft,
        aliases=tuple(aliases),
        extra=tuple((k, v) for k, v in meta.items() if k not in KNOWN_KEYS),
        toc=rendered.toc, words=rendered.words, links=rendered.links, images=rendered.images,
        body_digest=hashlib.sha256(rendered.html.encode()).hexdigest()[:20],
        lines=tuple(sorted(lines.items())), translators=translators, corrections=corrections, series=series, part=part,
        expires=expires.astimezone(dates.ZoneInfo(settings.timezone)) if expires else None,
        pinned=pinned, breaking=breaking,
    )
    return Parsed(article, rendered.html, tuple(problems))


def check_slug(value, line: int, file_stem: str, error, warn) -> str | None:
    """The article's URL segment: `slug:` when given (checked), else its file name, both slugified and,
    when longer than the one rule of text.py allows, cut (with a warning)."""
    if value is None:
        slug = whole_slug(file_stem)
        if not slug:
            error(1, f'the file name "{file_stem}" gives an empty slug; rename the file or add "slug:"')
            return None
        return cut_slug(slug, 1, "its file name", "rename the file or give it a shorter slug:", warn)
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        error(line, f'"slug" must be text, not {describe(value)}')
        return None
    value = str(value)
    if any(ch in value for ch in "/\\") or ".." in value:
        error(line, f'slug "{value}" may not contain "/", "\\" or ".."; it is one URL segment')
        return None
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") and ch not in "\u200c\u200d" for ch in value):
        error(line, f"slug {value!r} contains control characters")
        return None
    slug = whole_slug(value)
    if not slug:
        error(line, f'slug "{value}" has no letters or digits')
        return None
    if names.reserved(slug):
        error(line, f'slug "{value}" is {names.RESERVED_WHY}; give another slug')
        return None
    return cut_slug(slug, line, "slug:", "give a shorter slug:", warn)


def cut_slug(slug: str, line: int, origin: str, fix: str, warn) -> str:
    cut = shorten(slug)
    if cut != slug:
        warn(line, f"the slug (from {origin}) is {len(slug.encode())} bytes, over {SLUG_MAX_BYTES} (100 Arabic "
                   f'letters): the article\'s URL ends in "{cut}"; {fix}')
    return cut


def describe(value) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of keys"
    if isinstance(value, str):
        return f'text ("{value}")'
    return type(value).__name__
