"""site.toml: read, typed and validated. Every mistake is reported at its line, all at once."""
# long because: the settings are a table (Config: every key of site.toml, its type and default, which
#   docs/settings.md is written from) beside the one reader that checks them all at once, at their lines.
from __future__ import annotations

import difflib
import hashlib
import json
import re
import tomllib
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError

from . import confine
from .errors import BuildError, Problems
from .text.arabic import identity

CONFIG_FILE = "site.toml"


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    dir: str
    locale: str
    title: str
    hijri: bool = False  # its articles show their Hijri date beside the Gregorian one (text/hijri.py)


@dataclass(frozen=True)
class Config:
    root: Path
    title: str
    base_url: str  # always ends with "/"
    default_language: str
    timezone: str
    theme: str
    per_page: int
    languages: tuple[Language, ...]
    feed_limit: int = 20
    feed_content: str = "full"  # or "summary"
    search_part_pages: int = 640  # articles in a part of a language's search index (re-indexed as one)
    sections: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()  # key -> ((lang, name), ...), as listed
    tags: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()  # [tags]: a tag's name in each language
    expected_languages: tuple[str, ...] = ()  # every story should exist in these (`check` warns)
    old_draft_days: int = 14  # `check` lists drafts dated this many days ago or more (0: none)
    series: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()  # like sections: a series in every language
    expired: str = "notice"  # an expired article's page: "notice" (a short notice) or "remove" (content/expiry.py)
    breaking_hours: int = 6  # how long `breaking: true` shows its story's strip, from its date (content/pins.py)
    hijri_adjust: int = 0  # days added to the Umm al-Qura Hijri date (Morocco's calendar is often a day behind)
    refuse_scripts: bool = False  # scripts in articles' HTML and SVG pictures are errors (else notes)
    drafts: bool = False
    future: bool = False
    digest: str = field(default="", compare=False)

    @property
    def base_path(self) -> str:
        """The path part of base_url: "/" or "/magazine/" for a site deployed in a sub-folder."""
        return urlsplit(self.base_url).path or "/"

    def language(self, code: str) -> Language:
        return next(lang for lang in self.languages if lang.code == code)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    def with_options(self, **changes) -> "Config":
        return finish(replace(self, **changes))


# The keys site.toml may hold, with their type and default (None: required).
TOP_KEYS: dict[str, tuple[type, object]] = {
    "title": (str, None),
    "base_url": (str, None),
    "default_language": (str, None),
    "timezone": (str, "Africa/Casablanca"),
    "theme": (str, "majalla"),
    "per_page": (int, 12),
    "feed_limit": (int, 20),
    "feed_content": (str, "full"),
    "search_part_pages": (int, 640),
    "languages": (dict, None),
    "sections": (dict, {}),
    "tags": (dict, {}),
    "expected_languages": (list, []),
    "editor": (dict, {}),  # the browser editor's settings: read and checked by generator/editor/settings.py
    "old_draft_days": (int, 14),
    "series": (dict, {}),
    "expired": (str, "notice"),
    "hijri_adjust": (int, 0),
    "refuse_scripts": (bool, False),
    "breaking_hours": (int, 6),
}
LANGUAGE_KEYS: dict[str, tuple[type, object]] = {
    "name": (str, None),
    "dir": (str, None),
    "locale": (str, None),
    "title": (str, ""),
    "hijri": (bool, False),
}
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
TYPE_NAMES = {str: "a string", int: "a whole number", dict: "a table", bool: "true or false",
              list: 'a list (like ["ar", "fr"])'}


def toml_error(exc: tomllib.TOMLDecodeError) -> tuple[int, str]:
    """(line, message) of a TOML syntax error, the position moved from the message to the line."""
    match = re.search(r"line (\d+)", str(exc))
    message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
    return int(match.group(1)) if match else 1, f"not valid TOML: {message}"


def key_line(text: str, table: str | None, key: str | None) -> int:
    """The line of `key` inside `[table]` of a TOML text (1-based; the table's header when key is None)."""
    current, table_line = None, 0
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        header = re.match(r"^\[\s*([^\]]+?)\s*\]", line)
        if header:
            current = header.group(1).replace('"', "").replace("'", "")
            if current == table:
                table_line = number
                if key is None:
                    return number
            continue
        if key is not None and current == table and re.match(rf'^["\']?{re.escape(key)}["\']?\s*=', line):
            return number
    return table_line or 1


def suggest(key: str, known) -> str:
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return f'; did you mean "{close[0]}"?' if close else f"; known keys: {', '.join(sorted(known))}"


def check_keys(data: dict, spec: dict, table: str | None, where: str, text: str, problems: Problems) -> dict:
    """Typed values for the keys of `spec`; unknown, missing and mistyped keys are reported."""
    values = {}
    for key in data:
        if key not in spec:
            name = f"[{table}] " if table else ""
            problems.error(where, key_line(text, table, key), f'unknown key {name}"{key}"{suggest(key, spec)}')
    for key, (kind, default) in spec.items():
        if key not in data:
            if default is None:
                line = key_line(text, table, None) if table else 1
                in_table = f" in [{table}]" if table else ""
                problems.error(where, line, f'"{key}" is required{in_table}')
            values[key] = default
            continue
        value = data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            problems.error(where, key_line(text, table, key), f'"{key}" must be {TYPE_NAMES[kind]}, not {value!r}')
            value = default
        values[key] = value
    return values


def load(root: Path) -> Config:
    """Read ROOT/site.toml. Raises BuildError with every problem found."""
    path = root / CONFIG_FILE
    problems = Problems(root)
    where = CONFIG_FILE
    if not path.is_file():
        problems.error(where, 0, f"no {CONFIG_FILE} in {root}: is this a majalla site folder? (--site DIR names another; majalla init makes a new one)")
        problems.raise_if_any()
    if why := confine.problem(path, root):
        problems.error(where, 0, why)
        problems.raise_if_any()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.error(where, 1, f"is not UTF-8 text ({exc.reason})")
        problems.raise_if_any()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.error(where, *toml_error(exc))
        problems.raise_if_any()

    top = check_keys(data, TOP_KEYS, None, where, text, problems)
    languages = []
    for code, table in (top["languages"] or {}).items():
        if not isinstance(table, dict):
            problems.error(where, key_line(text, "languages", code), f'languages.{code} must be a table')
            continue
        header = f"languages.{code}"
        if not LANGUAGE_CODE.match(code):
            problems.error(where, key_line(text, header, None), f'"{code}" is not a language code (like "ar" or "fr")')
        values = check_keys(table, LANGUAGE_KEYS, header, where, text, problems)
        if values["dir"] is not None and values["dir"] not in ("rtl", "ltr"):
            problems.error(where, key_line(text, header, "dir"), f'dir must be "rtl" or "ltr", not "{values["dir"]}"')
        if values["locale"]:
            try:
                Locale.parse(values["locale"])
            except (UnknownLocaleError, ValueError):
                problems.error(where, key_line(text, header, "locale"),
                               f'"{values["locale"]}" is not a known locale (like "ar_MA" or "fr_MA")')
        languages.append(Language(code, values["name"] or code, values["dir"] or "ltr", values["locale"] or "en",
                                  values["title"] or top["title"] or "", bool(values["hijri"])))
    if top["languages"] is not None and not languages:
        problems.error(where, key_line(text, "languages", None), "at least one language is needed")

    base_url = top["base_url"] or ""
    if top["base_url"] is not None:
        base_url = check_base_url(base_url, where, key_line(text, None, "base_url"), problems)
    codes = [lang.code for lang in languages]
    if top["default_language"] and languages and top["default_language"] not in codes:
        problems.error(where, key_line(text, None, "default_language"),
                       f'default_language "{top["default_language"]}" is not one of the languages ({", ".join(codes)})')
    try:
        ZoneInfo(top["timezone"])
    except (ZoneInfoNotFoundError, ValueError):
        problems.error(where, key_line(text, None, "timezone"), f'"{top["timezone"]}" is not a time zone (like "Africa/Casablanca")')
    if top["per_page"] is not None and top["per_page"] < 1:
        problems.error(where, key_line(text, None, "per_page"), "per_page must be at least 1")
    if top["feed_limit"] is not None and top["feed_limit"] < 1:
        problems.error(where, key_line(text, None, "feed_limit"), "feed_limit must be at least 1")
    if top["search_part_pages"] is not None and top["search_part_pages"] < 1:
        problems.error(where, key_line(text, None, "search_part_pages"), "search_part_pages must be at least 1")
    if top["old_draft_days"] is not None and top["old_draft_days"] < 0:
        problems.error(where, key_line(text, None, "old_draft_days"),
                       "old_draft_days must be 0 (list no draft) or more days")
    if top["feed_content"] not in ("full", "summary"):
        problems.error(where, key_line(text, None, "feed_content"), 'feed_content must be "full" or "summary"')
    sections = named_groups(top, "sections", ("مجتمع", "Société"), codes, where, text, problems)
    tags = named_groups(top, "tags", ("اقتصاد الرعاية", "Économie du care"), codes, where, text, problems)
    series = named_groups(top, "series", ("اقتصاد الرعاية", "L’économie du care"), codes, where, text, problems)
    if top["expired"] not in ("notice", "remove"):
        problems.error(where, key_line(text, None, "expired"),
                       f'expired must be "notice" (a short notice at the address) or "remove", not "{top["expired"]}"')
    if top["hijri_adjust"] is not None and not -3 <= top["hijri_adjust"] <= 3:
        problems.error(where, key_line(text, None, "hijri_adjust"),
                       f"hijri_adjust is a number of days from -3 to 3 (Morocco: often -1), not {top['hijri_adjust']}")
    if top["breaking_hours"] is not None and not 1 <= top["breaking_hours"] <= 168:
        problems.error(where, key_line(text, None, "breaking_hours"),
                       f"breaking_hours is a number of hours from 1 to 168 (a week), not {top['breaking_hours']}")
    expected = top["expected_languages"] or []
    for code in expected:
        if code not in codes:
            problems.error(where, key_line(text, None, "expected_languages"),
                           f'expected_languages: {code!r} is not one of the languages ({", ".join(codes)})')
    problems.raise_if_any()
    return finish(Config(
        root=root, title=top["title"], base_url=base_url, default_language=top["default_language"],
        timezone=top["timezone"], theme=top["theme"], per_page=top["per_page"], languages=tuple(languages),
        feed_limit=top["feed_limit"], feed_content=top["feed_content"], sections=sections, tags=tags,
        search_part_pages=top["search_part_pages"],
        expected_languages=tuple(dict.fromkeys(expected)), old_draft_days=top["old_draft_days"],
        series=series, expired=top["expired"], hijri_adjust=top["hijri_adjust"] or 0,
        refuse_scripts=top["refuse_scripts"],
        breaking_hours=top["breaking_hours"] or 6,
    ))


def named_groups(top: dict, table: str, example: tuple[str, str], codes, where: str, text: str,
                 problems: Problems) -> tuple:
    """[sections], [tags] or [series]: ((key, ((lang, name), ...)), ...) in the order site.toml lists them (sections:
    the navigation's order). A name is one key's only: two keys naming one tag would be one page."""
    def line(key: str, lang: str | None = None) -> int:
        """The line of a key: `key = { ar = "…" }` in [table], or `ar = "…"` in a table [table.key] of its own."""
        if lang and re.search(rf"^\s*\[\s*{re.escape(table)}\.[\"']?{re.escape(key)}[\"']?\s*\]", text, re.M):
            return key_line(text, f"{table}.{key}", lang)
        return key_line(text, table, key)

    groups = []
    for key, names in (top[table] or {}).items():
        if not isinstance(names, dict) or not all(isinstance(v, str) for v in names.values()):
            problems.error(where, line(key), f'{table}.{key} must map language codes to names, like '
                                             f'{{ ar = "{example[0]}", fr = "{example[1]}" }}')
            continue
        for lang in names:
            if lang not in codes:
                problems.error(where, line(key, lang), f'{table}.{key}: "{lang}" is not one of the languages')
        groups.append((key, tuple(sorted(names.items()))))
    named: dict = {}
    for key, names in groups:
        for lang, name in names:
            other = named.setdefault((lang, identity(name)), key)
            if other != key:
                problems.error(where, line(key, lang),
                               f'{table}.{key}: "{name}" ({lang}) is already the name of {table}.{other}')
    return tuple(groups)


def check_base_url(url: str, where: str, line: int, problems: Problems) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        problems.error(where, line, f'base_url "{url}" is not a web address like "https://example.ma/"')
        return url
    if "@" in parts.netloc:  # published in every page's canonical link, feed and sitemap
        problems.error(where, line, f'base_url "{url}" holds a user name or password; give the address only '
                                    '(like "https://example.ma/")')
        return url
    if any(ch.isspace() or ch in "\"'<>\\`" or ord(ch) < 32 for ch in url):
        problems.error(where, line, f"base_url {url!r} holds spaces, quotes or control characters; give the "
                                    'address only (like "https://example.ma/")')
        return url
    return url if url.endswith("/") else url + "/"


def parse_base_url(url: str) -> str:
    """A --base-url given on the command line: checked like site.toml's."""
    problems = Problems()
    url = check_base_url(url, "--base-url", 0, problems)
    problems.raise_if_any()
    return url


def finish(config: Config) -> Config:
    """Stamp the digest of every setting that shapes the output (the cache keys include it)."""
    data = asdict(config)
    data.pop("digest")
    data.pop("expected_languages")  # read by `check` only: it does not shape the output
    data.pop("old_draft_days")  # the same
    data.pop("refuse_scripts")  # it shapes what is refused, not the output (the parse keys hold it)
    data["root"] = ""
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return replace(config, digest=hashlib.sha256(blob.encode()).hexdigest()[:16])


__all__ = ["Config", "Language", "load", "parse_base_url", "BuildError"]
