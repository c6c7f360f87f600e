"""The site model: every article, then per language its indexes (tags, sections, authors, dates)
and across languages its translations. Built once, whole, before any page is planned."""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..config import Config, Language
from ..errors import Problems
from ..text.arabic import identity, slugify
from . import names
from .articles import Article
from .authors import NO_PROFILES, Profiles
from .expiry import expired
from .series import in_order
from .related import related_articles, related_inputs
from .taxonomies import TAXONOMIES, Taxonomy
from .urls import Urls

@dataclass(frozen=True)
class Term:
    """A tag, a section or an author in one language: one identity, however it is spelled."""

    kind: str  # the taxonomy's (content.taxonomies): "tags" | "sections" | "authors"
    key: str  # the normalized identity
    name: str  # the spelling used most often
    slug: str
    path: str
    articles: tuple[str, ...]  # article ids, newest first
    group: str = ""  # the [sections], [tags] or [series] key of site.toml that names it in every language


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    path: str
    articles: tuple[str, ...]


@dataclass(frozen=True)
class Year:
    year: int
    path: str
    months: tuple[Month, ...]  # newest first
    articles: tuple[str, ...]


@dataclass(frozen=True)
class Edition:
    """One language's magazine."""

    language: Language
    articles: tuple[str, ...]  # newest first
    terms: dict  # kind -> tuple[Term, ...] sorted by name
    years: tuple[Year, ...]  # newest first
    index: dict = field(default_factory=dict, compare=False, repr=False)  # kind -> {key: Term}

    def __post_init__(self):
        self.index.update({kind: {t.key: t for t in terms} for kind, terms in self.terms.items()})

    @property
    def code(self) -> str:
        return self.language.code

    def term(self, kind: str, key: str) -> Term | None:
        return self.index[kind].get(key)


@dataclass(frozen=True)
class Site:
    config: Config
    urls: Urls
    articles: dict  # id -> Article (only those published in this build)
    paths: dict  # id -> site path (unquoted)
    editions: tuple[Edition, ...]
    translations: dict  # translation_key -> {lang: id}
    related: dict  # id -> tuple of ids
    neighbours: dict  # id -> (newer id | None, older id | None), in the same language
    now: dt.datetime
    profiles: Profiles = NO_PROFILES  # authors/*.toml
    intros: dict = field(default_factory=dict)  # (lang, [series] key or slug) -> the intro's HTML (content/series.py)
    expired: dict = field(default_factory=dict)  # id -> (Article, its site path): taken down (content/expiry.py)
    parts: dict = field(default_factory=dict)  # (lang, series key) -> its article ids, first part to last

    def edition(self, code: str) -> Edition:
        return next(e for e in self.editions if e.code == code)


def published(article: Article, config: Config, now: dt.datetime) -> bool:
    if article.draft and not config.drafts:
        return False
    return (config.future or article.date <= now) and not expired(article, now)


def newest_first(ids, articles: dict) -> tuple[str, ...]:
    return tuple(sorted(ids, key=lambda i: (-articles[i].date.timestamp(), i)))


def compute(name: str, inputs: str, make):
    """The default memo of assemble(): no memory, make() every time."""
    return make()


def assemble(config: Config, parsed: list[Article], problems: Problems, now: dt.datetime, memo=compute,
             profiles: Profiles = NO_PROFILES, intros: dict | None = None) -> Site:
    """The site model. `memo(name, inputs digest, make)` may answer from an earlier build (the build cache)."""
    urls = Urls(config)
    articles = {a.source: a for a in parsed if published(a, config, now)}
    gone = {a.source: (a, urls.article(a.lang, a.date, a.slug)) for a in parsed
            if expired(a, now) and (config.drafts or not a.draft)}
    paths = {i: urls.article(a.lang, a.date, a.slug) for i, a in articles.items()}
    check_unique(articles, paths, problems)

    translations: dict = defaultdict(dict)
    for i in sorted(articles):
        a = articles[i]
        other = translations[a.translation_key].get(a.lang)
        if other is not None:
            problems.error(i, a.line("translation_key"),
                           f'translation_key "{a.translation_key}" is also used by {other}: '
                           f"a story has one version per language")
            continue
        translations[a.translation_key][a.lang] = i

    editions = []
    for language in config.languages:
        ids = newest_first([i for i, a in articles.items() if a.lang == language.code], articles)
        terms = {t.kind: build_terms(t, language, ids, articles, config, urls, problems, profiles) for t in TAXONOMIES}
        editions.append(Edition(language, ids, terms, build_years(language.code, ids, articles, urls)))

    neighbours = {}
    for edition in editions:
        ids = edition.articles
        for n, i in enumerate(ids):
            neighbours[i] = (ids[n - 1] if n else None, ids[n + 1] if n + 1 < len(ids) else None)
    # one memo for the site as published, one for the preview's (drafts and future articles in): a writer who
    # runs `serve` and `build` in turn would otherwise make them again at every switch (1.2 s at 10,000 articles)
    related = memo(f"related{'+drafts' * config.drafts}{'+future' * config.future}", related_inputs(editions, articles),
                   lambda: related_articles(editions, articles))
    parts = {(e.code, t.key): in_order(t.articles, articles) for e in editions for t in e.terms["series"]}
    return Site(config, urls, articles, paths, tuple(editions), dict(translations), related, neighbours, now,
                profiles, intros or {}, gone, parts)


def check_unique(articles: dict, paths: dict, problems: Problems) -> None:
    seen: dict = {}
    for i in sorted(articles):
        first = seen.setdefault(paths[i], i)
        if first != i:
            problems.error(i, articles[i].line("slug"),
                           f"wants the URL {paths[i]}, which {first} has already; give one of them another slug:")


def credited(taxonomy: Taxonomy, article: Article, profiles: Profiles) -> tuple[str, ...]:
    """The names an article gives in a taxonomy; for authors, its translators who have a profile too: their page
    lists the stories they translated."""
    names = taxonomy.names(article)
    if taxonomy.kind == "authors" and profiles:
        names += tuple(t for t in article.translators if profiles.find(t))
    return names


def build_terms(taxonomy: Taxonomy, language: Language, ids, articles, config: Config, urls: Urls, problems: Problems,
                profiles: Profiles = NO_PROFILES):
    spellings: dict = defaultdict(Counter)
    members: dict = defaultdict(list)
    own = {}  # a profile's names, normalized -> its name in this language, normalized: one page, whichever is written
    if taxonomy.kind == "authors":
        own = {k: identity(p.name(language.code, config.default_language)) for k, p in profiles.names().items()}
    for i in ids:
        seen = set()
        for name in credited(taxonomy, articles[i], profiles):
            key = identity(name)
            key = own.get(key, key)
            spellings[key][name] += 1
            if key not in seen:
                seen.add(key)
                members[key].append(i)
    # terms named in site.toml ([sections], [tags], [series]): {identity of its name in this language: (key, the
    # name to show)}: the term is the same page in every language that names it
    groups = {identity(name): (key, name) for key, names in getattr(config, taxonomy.groups) for lang, name in names
              if lang == language.code} if taxonomy.groups else {}
    if taxonomy.kind == "authors":  # a byline of one of a profile's names: the profile's name in this language
        groups = {key: (p.key, p.name(language.code, config.default_language)) for key, p in profiles.names().items()}
    terms, taken = [], set()
    for key in sorted(spellings):
        slug = slugify(key)
        if not slug:
            first = members[key][0]
            problems.error(first, articles[first].line(taxonomy.key),
                           f'{taxonomy.key}: "{spellings[key].most_common(1)[0][0]}" has no letters or digits')
            continue
        first = members[key][0]
        if names.reserved(slug):
            problems.error(first, articles[first].line(taxonomy.key),
                           f'{taxonomy.key}: "{spellings[key].most_common(1)[0][0]}" would be the folder '
                           f"{urls.path(language.code, taxonomy.segment, slug)}, {names.RESERVED_WHY}; name it otherwise")
            continue
        for spelling in sorted(spellings[key]):
            if warning := names.invisible_message(f'{taxonomy.key}: "{spelling}"', spelling):
                user = next(i for i in members[key] if spelling in taxonomy.names(articles[i]))
                problems.warn(user, articles[user].line(taxonomy.key), warning)
        base, n = slug, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        name = sorted(spellings[key].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        group, name = groups.get(key, ("", name))
        terms.append(Term(taxonomy.kind, key, name, slug, urls.path(language.code, taxonomy.segment, slug),
                          tuple(members[key]), group))
    return tuple(terms)


def build_years(lang: str, ids, articles, urls: Urls) -> tuple[Year, ...]:
    by_month: dict = defaultdict(list)
    for i in ids:
        d = articles[i].date
        by_month[(d.year, d.month)].append(i)
    years = []
    for year in sorted({y for y, _ in by_month}, reverse=True):
        months = tuple(Month(year, m, urls.path(lang, year, f"{m:02d}"), tuple(by_month[(y, m)]))
                       for (y, m) in sorted(by_month, reverse=True) if y == year)
        years.append(Year(year, urls.path(lang, year), months, tuple(i for m in months for i in m.articles)))
    return tuple(years)
