"""The plan of the output: every page and copied file with the digest of its inputs.

A large site in several languages, built again, is planned by language in forked workers, which send back
only their pages' digests and sitemap entries; then only the pages to render are planned again here."""
from __future__ import annotations

import gc
import hashlib
from dataclasses import dataclass

from .. import __version__
from ..config import CONFIG_FILE
from ..errors import Problems
from ..media.attachments import Copy, plan_copies
from ..pages import old_links
from ..pages.contract import fingerprint
from ..pages.planner import Page, Planner
from ..pages.sitemaps import sitemap_entries
from ..workers import no_cycle_collector, workers
from .reading import Reading


@dataclass(frozen=True)
class OutputPlan:
    pages: list[Page]  # the pages planned whole: every page, or (a split plan) those to render
    copies: list[Copy]
    digests: dict  # output path -> digest of its inputs
    targets: list  # (output path, producer, language) of every page
    planner: Planner


SPLIT_FROM = 2000  # articles: a larger site with several languages is planned by language in parallel
_split: dict = {}  # what the forked workers of a split plan read


def plan_output(reading: Reading, problems: Problems, jobs: int = 1, stale=None, made: list[Copy] = ()
                ) -> OutputPlan:
    """Every page and copied file of the output, with the digest of its inputs; collisions are problems.
    `made`: files made from the settings alone, copied too (the published editor's, output/admin/).

    With `stale(path, digest)` (true for a page output/ lacks or holds from other inputs), a large site in
    several languages is planned by language in forked workers, which send back only the digests of their
    pages; then only the pages of the languages that are stale are planned again here, to be rendered."""
    site, theme = reading.site, reading.theme
    planner = Planner(site, theme.strings, theme.asset_urls, theme.settings, reading.pictures.leads,
                      reading.pictures.photos)
    digest = page_digester(site, theme.strings, theme.templates, reading.config, reading.pictures)
    copy_plan = lambda: plan_copies(reading.root, reading.sources, list(reading.parsed), site,  # noqa: E731
                                    theme.asset_files, problems, reading.pictures)
    if stale and jobs > 1 and len(site.editions) > 1 and len(site.articles) >= SPLIT_FROM:
        pages, targets, digests, copies = plan_split(planner, digest, stale, jobs, copy_plan)
    else:
        pages = planner.plan()
        targets = [(p.path, p.producer, p.lang) for p in pages]
        digests = {p.path: digest(p) for p in pages}
        copies = copy_plan()
    made = [*made, *(Copy(target, reading.root / CONFIG_FILE, "made:" + hashlib.sha256(data).hexdigest(),
                          old_links.PRODUCER, data) for target, data in old_links.files(site, planner.urls, problems))]
    copies = sorted([*copies, *made], key=lambda c: (c.target, c.producer)) if made else copies
    lines = {p.path: site.articles[p.producer].line("aliases") for p in pages  # an alias's page: its line
             if p.template == "redirect.html" and p.producer in site.articles}
    lines.update((p.path, site.expired[p.producer][0].line("aliases")) for p in pages  # an expired one's alias
                 if p.producer in site.expired and p.path != planner.urls.file(site.expired[p.producer][1]))
    check_collisions(targets, copies, problems, site.paths, lines)
    for c in copies:
        digests[c.target] = c.digest
    return OutputPlan(pages, copies, digests, targets, planner)


def plan_split(planner: Planner, digest, stale, jobs: int, meanwhile):
    """plan_output's parallel plan: (pages to render, targets, digests, meanwhile())."""
    editions = planner.site.editions
    _split.update(planner=planner, digest=digest)
    gc.freeze()  # the workers read the model as forked: keep their collectors from copying it
    try:
        with workers(min(jobs, len(editions))) as pool:
            planned = pool.map_async(plan_edition, range(len(editions)), chunksize=1)
            extra = meanwhile()
            results = planned.get()
    finally:
        gc.unfreeze()
        _split.clear()
    rows = [row for found, _ in results for row in found]
    whole = planner.plan_site(tuple(entry for _, entries in results for entry in entries))
    targets = [(path, producer, lang) for path, producer, lang, _ in rows] + [(p.path, p.producer, p.lang)
                                                                              for p in whole]
    digests = {path: d for path, _, _, d in rows}
    digests.update((p.path, digest(p)) for p in whole)
    planner.only = {path for path, _, _, d in rows if stale(path, d)}
    return whole + [p for edition in editions for p in planner.plan_edition(edition)], targets, digests, extra


def plan_edition(n: int) -> tuple[list, list]:
    """In a forked worker: ([(path, producer, language, digest)], sitemap entries) of one language's pages.
    One worker may plan several languages: each call sees only the pages it planned."""
    planner, digest = _split["planner"], _split["digest"]
    with no_cycle_collector():  # as in the main process: a plan has no cycles
        pages = planner.plan_edition(planner.site.editions[n])
        return [(p.path, p.producer, p.lang, digest(p)) for p in pages], sitemap_entries(pages)


def plan_more(plan: OutputPlan, paths: set) -> list[Page]:
    """The pages of `paths` a split plan left out (their files vanished from output/ meanwhile)."""
    wanted = (set(paths) & {t[0] for t in plan.targets}) - {p.path for p in plan.pages}
    if not wanted:
        return []
    plan.planner.only = wanted
    return [p for edition in plan.planner.site.editions for p in plan.planner.plan_edition(edition)]


def page_digester(site, strings, templates: dict, config, pictures):
    """The function that gives a page the digest of all its output depends on."""
    base = f"{__version__}|{config.digest}"
    bodies = {i: a.body_digest + pictures.body_digest(i) for i, a in site.articles.items()}

    def digest(p: Page) -> str:
        return fingerprint([base, p.template, templates.get(p.template, ""), strings[p.lang].digest, p.context,
                            [bodies[b] for b in p.bodies]])
    return digest


def check_collisions(targets: list, copies: list[Copy], problems: Problems, urls: dict | None = None,
                     lines: dict | None = None) -> dict:
    """Two producers of one output file are an error; but two articles of one URL (`urls`: article -> its URL),
    which the model reports already, in its own words. `lines`: output path -> the line of its producer that
    asks for it (an alias's redirect page: the article's `aliases:` line)."""
    owners: dict = {}
    urls, lines = urls or {}, lines or {}
    for path, producer in [(t[0], t[1]) for t in targets] + [(c.target, c.producer) for c in copies]:
        first = owners.setdefault(path, producer)
        if first != producer and not (producer in urls and urls.get(first) == urls[producer]):
            problems.error(producer, lines.get(path, 0), f"wants to write output/{path}, which {first} writes already")
    check_folders(owners, problems, lines)
    return owners


def check_folders(owners: dict, problems: Problems, lines: dict | None = None) -> None:
    """A file of the output that another one needs as a folder (static/robots.txt/x.txt, an alias
    /robots.txt/ or /sitemap.xml/ beside the generated robots.txt and sitemap.xml): reported before anything is
    written, never found when moving files in."""
    for path, producer in owners.items():
        folder = path.rpartition("/")[0]
        while folder:
            if folder in owners:
                owner = "the build makes" if owners[folder] == CONFIG_FILE else f"{owners[folder]} writes"
                problems.error(producer, (lines or {}).get(path, 0), f"wants to write output/{path}, inside output/{folder}, which "
                                            f"{owner} as a file: rename one of them")
                break
            folder = folder.rpartition("/")[0]
