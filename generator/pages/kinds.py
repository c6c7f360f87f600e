"""The page kinds, registered in one list each: a kind is one function that gets the data it plans from
(`PageInputs`) and returns the pages it wants (`Planned`), each naming its template. The Planner calls every
kind of LANGUAGE_KINDS for each language, in this order, then every kind of SITE_KINDS once.

To add a kind: write its function here (or in a module of its own, as feeds, sitemaps and not_found are),
add it to the list, add its template to the theme and the template's keys to contract.TEMPLATES."""
from __future__ import annotations

import math

from ..content import aliases
from ..content.model import Edition
from ..content.taxonomies import TAXONOMIES
from ..search.fold import table_json
from ..search.index import pagefind_version
from ..search.records import BUNDLE, plan_parts
from ..text.arabic import collation_key
from ..text.dates import month_year
from . import front
from .contract import Chrome, Link, SearchView
from . import old_links
from .corrections import plan_corrections
from .expired import plan_expired
from .feeds import plan_feeds
from .not_found import plan_not_found, plan_root_not_found
from .page import PageInputs, Planned, ordered_sections, term_ident, term_link
from .series import plan_series, series_place
from .sitemaps import plan_sitemaps

def paginated(inputs: PageInputs, kind: str, edition: Edition, first_path: str, title: str, ident, ids,
              template: str = "list.html", **context) -> list[Planned]:
    """A list of articles in pages of config.per_page: /x/, /x/page/2/…"""
    urls, per_page, code = inputs.urls, inputs.config.per_page, edition.code
    total = max(1, math.ceil(len(ids) / per_page))
    pages = []
    for n in range(1, total + 1):
        path = urls.paginated(first_path, n)
        if inputs.wants(path):
            pages.append(Planned(path, template, code, f"content/{code}/", kind, title, ident, dict(
                context, articles=tuple(inputs.cards[i] for i in ids[(n - 1) * per_page: n * per_page])),
                number=n, total=total, first=first_path))
    return pages


# ---- the pages of one language ------------------------------------------------------------------------------
def home(inputs: PageInputs, e: Edition, chrome: Chrome) -> list[Planned]:
    """The news front page: the lead story (pages.front.lead_story), the editors' picks (pinned: picks, on the
    first page), then the latest, paginated; on the first
    page, a block per section of stories not shown above it (their number: the theme's home.section_blocks),
    and the edition's date (pages.front.edition_time)."""
    urls, c, cards, per_page, theme = inputs.urls, e.code, inputs.cards, inputs.config.per_page, inputs.theme
    lead = front.lead_story(inputs.site, e.articles, theme.lead_days)
    picks = front.picks(inputs.site, e.articles, lead, theme.picks)
    rest = tuple(i for i in e.articles if i != lead and i not in picks)
    total = max(1, math.ceil(len(rest) / per_page))
    first, pages = urls.path(c), []
    for n in range(1, total + 1):
        path = urls.paginated(first, n)
        if inputs.wants(path):
            latest = rest[(n - 1) * per_page: n * per_page]
            blocks = () if n > 1 else tuple(
                (term_link(term, urls), tuple(cards[i] for i in ids)) for term, ids in front.shown_once(
                    ((t, t.articles) for t in ordered_sections(e, inputs.config)), {lead, *picks, *latest}, theme.section_blocks))
            pages.append(Planned(path, "home.html", c, f"content/{c}/", "home", e.language.title, ("home",), dict(
                site=chrome, lead=cards[lead] if lead and n == 1 else None,
                picks=tuple(cards[i] for i in picks) if n == 1 else (),
                articles=tuple(cards[i] for i in latest), section_blocks=blocks,
                today=front.edition_time(inputs.site)), number=n, total=total, first=first))
    return pages


def articles(inputs: PageInputs, e: Edition, chrome: Chrome) -> list[Planned]:
    """A page per article, with its neighbours and related articles."""
    site, cards, pages = inputs.site, inputs.cards, []
    for i in e.articles:
        a, path = site.articles[i], site.paths[i]
        if not inputs.wants(path):
            continue
        newer, older = site.neighbours[i]
        people = inputs.people
        pages.append(Planned(path, "article.html", e.code, i, "article", cards[i].title, ("article", a.translation_key), dict(
            site=chrome, article=cards[i], toc=a.toc, words=a.words,
            byline=tuple(dict.fromkeys(people[(e.code, n)] for n in a.authors)),
            translators=tuple(dict.fromkeys(people[(e.code, n)] for n in a.translators)),
            related=tuple(cards[j] for j in site.related.get(i, ())),
            newer=cards[newer] if newer else None, older=cards[older] if older else None,
            series=series_place(inputs, e, a)), bodies=(i,)))
    return pages


def tag_list(inputs: PageInputs, e: Edition, chrome: Chrome) -> list[Planned]:
    """/<lang>/tags/: every tag of the language, the most used first."""
    path = inputs.urls.path(e.code, "tags")
    if not inputs.wants(path):
        return []
    terms = tuple(sorted((term_link(x, inputs.urls) for x in e.terms["tags"]), key=lambda l: (-l.count, l.name)))
    return [Planned(path, "tags.html", e.code, f"content/{e.code}/", "tags", inputs.strings[e.code]("tags"),
                    ("tags",), dict(site=chrome, terms=terms))]


def terms(inputs: PageInputs, e: Edition, chrome: Chrome) -> list[Planned]:
    """The pages of each tag, section and author (content.taxonomies), paginated."""
    return [page for taxonomy in TAXONOMIES if not taxonomy.own_pages for term in e.terms[taxonomy.kind]
            for page in paginated(inputs, taxonomy.single, e, term.path, term.name, term_ident(term), term.articles,
                                  site=chrome, term=term_link(term, inputs.urls), **profile_of(inputs, e, term))]


def profile_of(inputs: PageInputs, e: Edition, term: Term) -> dict:
    """An author's page shows their profile (authors/<key>.toml) when they have one."""
    return dict(profile=inputs.people[(e.code, term.name)]) if term.kind == "authors" and term.group else {}


def archive(inputs: PageInputs, e: Edition, chrome: Chrome) -> list[Planned]:
    """/<lang>/archive/: the years and months, with their number of articles."""
    urls, path = inputs.urls, inputs.urls.path(e.code, "archive")
    if not inputs.wants(path):
        return []
    years = tuple(
        (Link(str(y.year), urls.link(y.path), len(y.articles), str(y.year)),
         tuple(Link(month_year(m.year, m.month, e.language.locale), urls.link(m.path), len(m.articles),
                    f"{m.year}-{m.month:02d}") for m in y.months))
        for y in e.years)
    return [Planned(path, "archive.html", e.code, f"content/{e.code}/", "archive", inputs.strings[e.code]("archive"),
                    ("archive",), dict(site=chrome, years=years))]


def dates(inputs: PageInputs, e: Edition, chrome: Chrome) -> list[Planned]:
    """The pages of each year and month, paginated."""
    urls, pages = inputs.urls, []
    for y in e.years:
        pages += paginated(inputs, "year", e, y.path, str(y.year), ("year", y.year), y.articles, site=chrome,
                           term=Link(str(y.year), urls.link(y.path), len(y.articles), str(y.year)))
        for m in y.months:
            name = month_year(m.year, m.month, e.language.locale)
            pages += paginated(inputs, "month", e, m.path, name, ("month", m.year, m.month), m.articles, site=chrome,
                               term=Link(name, urls.link(m.path), len(m.articles), f"{m.year}-{m.month:02d}"))
    return pages


def search(inputs: PageInputs, e: Edition, chrome: Chrome) -> list[Planned]:
    """/<lang>/search/: the filters' values are the section names and years its articles carry."""
    urls, c = inputs.urls, e.code
    path = urls.path(c, "search")
    if not inputs.wants(path):
        return []
    parts = plan_parts(inputs.site, e, inputs.config.search_part_pages, pagefind_version())
    view = SearchView(
        bundle=urls.link(urls.path(BUNDLE, c)), parts=tuple(p.name for p in parts), fold=table_json(),
        sections=tuple(sorted((term_link(t, urls) for t in e.terms["sections"]),
                              key=lambda l: (collation_key(l.name), l.name))),
        years=tuple(Link(str(y.year), urls.link(y.path), len(y.articles), str(y.year)) for y in e.years),
        empty=not e.articles)  # Pagefind would answer from another language's index
    return [Planned(path, "search.html", c, f"content/{c}/", "search", inputs.strings[c]("search"), ("search",),
                    dict(site=chrome, search=view))]


# ---- the pages above the languages --------------------------------------------------------------------------
def root(inputs: PageInputs, chromes: dict[str, Chrome], listed: tuple) -> list[Planned]:
    """/: a redirect to the default language's home, whose URL is canonical: not a version of the home
    pages, so no hreflang (the homes name the default one as x-default)."""
    urls, default = inputs.urls, inputs.site.edition(inputs.config.default_language)
    if not inputs.wants(urls.path()):
        return []
    return [Planned(urls.path(), "root.html", default.code, "site.toml", "root", default.language.title, None,
                    dict(site=chromes[default.code], target=urls.link(urls.path(default.code)),
                         old_links=old_links.script_url(inputs.site, urls)))]


def root_not_found(inputs: PageInputs, chromes: dict[str, Chrome], listed: tuple) -> list[Planned]:
    default = inputs.config.default_language
    return plan_root_not_found(inputs, chromes[default], tuple(c for code, c in chromes.items() if code != default))


def sitemaps(inputs: PageInputs, chromes: dict[str, Chrome], listed: tuple) -> list[Planned]:
    return plan_sitemaps(inputs, chromes[inputs.config.default_language], listed)


def redirects(inputs: PageInputs, chromes: dict[str, Chrome], listed: tuple) -> list[Planned]:
    """A redirect page at each old URL of an article (`aliases:`, site paths), so old links keep working.
    An alias that another page wants too is reported by the build's collision check, naming both files."""
    site, urls, pages = inputs.site, inputs.urls, []
    for i in sorted(site.articles):
        a, own = site.articles[i], urls.file(site.paths[i])
        for alias in a.aliases:
            alias = aliases.normalize(alias)[0]  # checked when parsed; again for articles cached before
            if alias is None or "?" in alias:  # /?p=123: the root page finds it (old_links)
                continue
            path = urls.path() + alias.lstrip("/")
            if urls.file(path) == own or not inputs.wants(path):
                continue  # the article's own URL: its page is there already
            pages.append(Planned(path, "redirect.html", a.lang, i, "redirect", a.title, None, dict(
                site=chromes[a.lang], article=inputs.cards[i], target=inputs.cards[i].url)))
    return pages


# Each: (inputs, edition, chrome) -> the pages of one language.
LANGUAGE_KINDS = (home, articles, tag_list, terms, archive, dates, plan_feeds, search, plan_not_found,
                  plan_corrections, plan_series, plan_expired)
# Each: (inputs, {language: chrome}, the sitemap entries of every language's pages) -> pages above the languages.
SITE_KINDS = (root, root_not_found, sitemaps, redirects)
