"""The saved article first: the preview shows the page of an article the writer saved before it builds the
rest of the site.

A one-article save on a 10,000-article site costs the preview's incremental build seconds: scanning every
source, loading every parsed record, the model, the plan. The writer waits only for their own page. So the
builder keeps what its last good build read (the `Reading`: the model, the pictures, the theme's compiled
templates) and, on the save of ONE article whose place in the site did not move (`moved` is empty), it
parses that file alone, plans that article's page from the kept site with the new article in it, renders it,
writes it as the build writes (output.stage.Patch: a file staged beside the preview, moved in by rename, so
no answer is ever a half-written page), and the browsers reload. With search on, the part of the index that
holds the article is then made again from the kept site and put in as a build puts a part (`index_first`), so
the search finds the new text seconds after the save. The normal passes then run as before, and their result
replaces this page and that part: the output after them is byte-identical to a clean build.

What the fast page may differ in from the page the full pass writes (and why it does not matter):
- the cards it shows of OTHER articles (related, newer/older, the series' parts) are those of the last build:
  a title edited in the same burst elsewhere is not seen (there is none: one file changed);
- the site's clock is the last build's (`site.now`): an article that became due since is still "scheduled"
  on its card, the Hijri date of the masthead is that of the last build's day;
- the warnings of the saved file (a missing image_alt, say) are not shown until the full pass reports them;
- nothing else: the related articles depend only on tags and sections (content/related.py), the neighbours
  and the series' order on dates and parts, the paths on slugs, dates and languages, and all of those must be
  the same (IDENTITY) or the save takes the normal path.
The fast page is never what the build records: its record in the cache is forgotten, so the next build renders
it again whatever its inputs (even when the writer puts the old text back before that build has run)."""
from __future__ import annotations

import dataclasses
import os
import time
from dataclasses import dataclass
from pathlib import Path

from ..build.cache import CACHE_FOLDER, Cache
from ..build.reading import Reading
from ..build.rendering import Renderer
from ..content.articles import Article, ParseSettings, parse
from ..media.pictures import PictureBodies
from ..output.lock import building
from ..output.stage import Patch, recover
from ..pages import contract, kinds
from ..pages.planner import Planner, returns_pages
from ..search import index as search
from ..search.records import BUNDLE, ENTRY_FILE, plan_parts
from ..workers import no_cycle_collector

# What a saved article may change and still be shown first: what its own page shows of it. Every other field
# of the article (IDENTITY) places it in the site (its path, its lists, its feeds, its translations, its pictures
# and attached files): a change to one of them takes the normal path.
MAY_DIFFER = frozenset({"title", "summary", "dateline", "image_alt", "image_caption", "image_credit", "toc", "words",
                        "body_digest", "lines", "updated", "corrections", "extra"})
IDENTITY = tuple(f.name for f in dataclasses.fields(Article) if f.name not in MAY_DIFFER)
FAST_DIGEST = "fast-page"  # the cache's record of a page written first: stale for every build


@dataclass(frozen=True)
class Kept:
    """What the preview's last good build knew, kept for the next save."""

    reading: Reading
    out: Path  # the preview folder


@dataclass(frozen=True)
class FirstPage:
    """A page written first."""

    source: str  # the article saved
    path: str  # its page, below the preview folder
    seconds: float
    site: object = dataclasses.field(default=None, repr=False)  # the kept site with the saved article in it
    bodies: object = dataclasses.field(default=None, repr=False)  # the kept bodies with its new one (Overlay)


class Overlay:
    """The kept bodies (the build cache's), with the saved article's new one."""

    def __init__(self, inner, source: str, html: str):
        self.inner, self.source, self.html = inner, source, html

    def __getitem__(self, article_id: str) -> str:
        return self.html if article_id == self.source else self.inner[article_id]


def moved(old: Article, new: Article) -> tuple[str, ...]:
    """The fields of IDENTITY the save changed: () when the article's page can be shown first."""
    return tuple(name for name in IDENTITY if getattr(old, name) != getattr(new, name))


def saved_article(kept: Kept, paths: tuple[str, ...]) -> str | None:
    """The article of the site a burst of changes saved, when it is one that can be shown first: one file,
    an article of the kept site (not a new one, not a deleted one, not a template, not site.toml). Else None.

    A save made while a build ran is shown first too, once that build has ended: its site is the one kept, so
    whether it read the new text or the old, the page planned from it is right (when it read the new text, the
    article did not change since and nothing is shown first)."""
    if len(paths) != 1:
        return None
    root = kept.reading.root
    try:
        source = Path(paths[0]).relative_to(root).as_posix()
    except ValueError:
        return None  # outside the site (the bundled theme)
    if source not in kept.reading.site.articles or not os.path.isfile(paths[0]):
        return None  # a new article, or deleted
    return source


def show_first(kept: Kept, source: str) -> FirstPage | None:
    """Write the page of the saved article `source` from the kept site; None (nothing written) when it cannot
    be shown first: the file has an error (the normal path reports it, as always), its place in the site moved,
    it did not change, or its page fails to render."""
    with no_cycle_collector():  # the kept site is millions of objects: a collection would scan them (seconds)
        return shown_first(kept, source, time.perf_counter())


def shown_first(kept: Kept, source: str, started: float) -> FirstPage | None:
    reading = kept.reading
    site, old = reading.site, reading.site.articles[source]
    try:
        data = (reading.root / source).read_bytes()
    except OSError:
        return None
    parsed = parse(data, source, old.lang, ParseSettings.of(reading.config))
    new = parsed.article
    if new is None or any(not p.warning for p in parsed.problems) or new == old or moved(old, new):
        return None
    new_site = dataclasses.replace(site, articles={**site.articles, source: new})
    page = article_page(reading, new_site, source)
    if page is None:
        return None
    bodies = reading.renderer.bodies
    theme = reading.theme
    renderer = Renderer(theme.env, theme.strings, PictureBodies(Overlay(bodies.inner, source, parsed.html),
                                                                bodies.pictures), reading.root, theme.folder)
    try:
        html = renderer.render(page)
    except Exception:  # noqa: BLE001 - a template that fails on the new text: the normal path reports it
        return None
    finally:
        contract.forget_fragments()  # made from the kept site: never reused by a build
    write(kept.out, reading.root, page.path, html)
    return FirstPage(source, page.path, time.perf_counter() - started, new_site, renderer.bodies.inner)


def index_first(kept: Kept, shown: FirstPage) -> tuple[str, float] | None:
    """After the page shown first, the part of the search index that holds the saved article, made again from
    the kept site with its new text and put into the preview folder as a build puts a part (search.index: its
    new files, then its entry, its old files last), so that the search finds the new text seconds after the
    page rather than after a build of the whole site. The cache forgets the part's record: the next build makes
    it again. (the part's folder, seconds), or None when there is no such part to update."""
    started = time.perf_counter()
    reading, site, out = kept.reading, shown.site, kept.out
    if not search.indexable(site):
        return None
    edition = site.edition(site.articles[shown.source].lang)
    parts = plan_parts(site, edition, reading.config.search_part_pages, search.pagefind_version())
    part = next((p for p in parts if any(r.article == shown.source for r in p.records)), None)
    on_disk = {entry.parent.name for entry in (out / BUNDLE / edition.code).glob(f"*/{ENTRY_FILE}")}
    if part is None or on_disk != {p.name for p in parts}:  # the index is not in these parts: the build does it
        return None
    binary = search.executable()
    with no_cycle_collector(), building(out):
        recover(out)
        patch = Patch(out, ())
        try:
            search.build_parts(binary, patch.path, site, shown.bodies, [part], 1)
            patch.remove_too(search.settle(out, patch.path, [part]))
            patch.commit()
        except BaseException:
            patch.discard()
            raise
        forget_build(reading.root, out, part.entry)
    return part.folder, time.perf_counter() - started


def article_page(reading: Reading, site, source: str):
    """The planned page of the article `source` in `site` (the kept site with the saved article in it)."""
    planner = Planner(site, reading.theme.strings, reading.theme.asset_urls, reading.theme.settings,
                      reading.pictures.leads, reading.pictures.photos)
    planner.only = {site.urls.file(site.paths[source])}
    pages = [p for p in plan_articles(planner, site.edition(site.articles[source].lang))
             if p.producer == source and p.template == "article.html"]
    return pages[0] if len(pages) == 1 else None


@returns_pages
def plan_articles(planner: Planner, edition) -> None:
    """The article pages of a language (those of `planner.only`), planned as Planner.plan_edition plans every
    kind of page (the other kinds would look at every article and term for nothing: a third of a second on
    10,000 articles)."""
    planner.take(kinds.articles(planner.inputs(), edition, planner.chrome(edition)))


def write(out: Path, root: Path, path: str, html: bytes) -> None:
    """One page into the preview folder as the build writes it (staged, then moved in by rename), under the
    folder's build lock; the cache forgets the page and the last build, so that the next build makes it again."""
    with building(out):
        recover(out)
        patch = Patch(out, ())
        try:
            patch.target(path).write_bytes(html)
            patch.commit()
        except BaseException:
            patch.discard()
            raise
        forget_build(root, out, path)


def forget_build(root: Path, out: Path, *pages: str) -> None:
    """The cache forgets the last build of the preview folder (and its record of `pages`): the next build works
    (and makes them again), whatever its inputs."""
    cache = Cache(root / CACHE_FOLDER)
    try:
        if pages:
            cache.update_outputs(out, dict.fromkeys(pages, FAST_DIGEST), ())
        cache.forget_build(out)
    finally:
        cache.close()
