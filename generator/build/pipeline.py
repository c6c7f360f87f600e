"""The build: config -> sources -> parse -> model -> pictures -> plan -> render (in parallel) -> write (atomically).

`build` runs the stages in that order. Before any of them, one digest of every input tells whether output/
is up to date already; after the plan, the digest of each page's inputs tells which files to make again."""
from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..confine import links_in, owned_links
from ..editor.publish import admin_copies, inputs as made_inputs
from ..errors import BuildError, Problem, Problems
from ..media.encoding import make_all
from ..media.images import FOLDER as IMAGES_FOLDER, Store
from ..output.lock import building
from ..output.stage import MARKER, Patch, Stage, check_folder, recover
from ..search import index as search
from ..workers import no_cycle_collector
from .cache import CACHE_FOLDER, Cache, Summary
from ..content.authors import files as profile_files
from .freshness import inputs_digest, valid_until
from .options import BuildOptions, clock, jobs_of, load_config
from .output_plan import OutputPlan, plan_more, plan_output
from .reading import Reading, load_theme, read_site, scan
from .rendering import render_pages, write_copy

PATCH_SHARE = 0.25  # a build that changes or removes fewer than this share of the files patches output/


@dataclass(frozen=True)
class BuildReport:
    pages: dict  # lang -> HTML pages
    parsed: int  # articles parsed (not taken from the cache)
    rendered: int  # pages rendered this time
    copied: int  # files copied this time
    removed: int  # files of the previous output that are gone
    reused: int  # files kept from the previous output
    seconds: float
    warnings: tuple[Problem, ...] = ()
    wrote: bool = True  # False when output/ was already up to date
    images: int = 0  # image files encoded this time (not taken from .cache/images/)
    rendered_paths: tuple[str, ...] = field(default=(), repr=False)
    search: str = "off"  # "off" (--no-search), "indexed", "kept" (previous index reused), "unchanged",
    # "empty" (no article published: nothing to index, and the search pages say so)
    search_seconds: float = 0.0  # time the index took (indexing or linking the previous one)
    reading: Reading | None = field(default=None, repr=False, compare=False)  # with options.live: the site as
    # this build read it (the preview keeps it to show a saved article first: preview/fast.py); else None


@dataclass(frozen=True)
class Written:
    """What writing the output did."""

    rendered_paths: tuple[str, ...]
    copied: int
    reused: int  # files linked from the previous output
    changed: frozenset  # every file written
    patched: bool  # written into output/ under a journal (else a new tree swapped in)
    indexed: search.Indexed | None  # None when there is no index


class Staleness:
    """stale(path, digest): does output/ lack the file, or hold it from other inputs? Asked once per path
    (a path has one digest in a build; the split plan asks first)."""

    def __init__(self, out: Path, previous: dict[str, str]):
        self.out, self.previous, self.seen = out, previous, {}

    def __call__(self, path: str, digest: str) -> bool:
        if path not in self.seen:
            self.seen[path] = self.previous.get(path) != digest or not os.path.lexists(f"{self.out}/{path}")
        return self.seen[path]


def build(options: BuildOptions) -> BuildReport:
    with no_cycle_collector():
        return build_site(options)


def build_site(options: BuildOptions) -> BuildReport:
    started = time.perf_counter()
    root = options.site.resolve()
    out = (options.output or root / "output").resolve()
    config = load_config(replace(options, site=root))
    admin = admin_copies(config)  # the published editor, when [editor] asks for it
    check_folder(out, root)
    with building(out, wait=options.wait):  # one build at a time: recover() then touches only what a dead one left
        return build_locked(options, started, root, out, config, admin)


def build_locked(options: BuildOptions, started: float, root: Path, out: Path, config, admin) -> BuildReport:
    refuse_owned_links(root)
    recover(out)
    problems = Problems(root)
    now = clock(options)
    jobs = jobs_of(options)
    if options.clean:
        Cache.clear(root / CACHE_FOLDER)
        Store.clear(root / CACHE_FOLDER / IMAGES_FOLDER)
    theme = load_theme(options, config)

    cache = Cache(root / CACHE_FOLDER, warn=lambda m: problems.warn(CACHE_FOLDER, 0, m))
    try:
        scanned = scan(config, cache, problems)
        inputs = inputs_digest(config, out, scanned.keys.values(),
                               [f.path for f in (*scanned.sources.files, *scanned.sources.intros)]
                               + profile_files(config.root),
                               theme.templates, theme.strings, theme.asset_urls, theme.settings.digest,
                               "later" if options.search and options.search_later else options.search,
                               made_inputs(admin))
        last = cache.last_build(out)
        if last and last.holds(inputs, now.timestamp()) and (out / MARKER).exists() and not problems.errors:
            s = last.summary
            return BuildReport(s.pages, parsed=0, rendered=0, copied=0, removed=0, reused=s.files,
                               seconds=time.perf_counter() - started, wrote=False, search=s.search,
                               warnings=tuple(Problem(*w[:3], warning=True, note=len(w) > 3) for w in s.warnings))
        reading = read_site(options, config, theme, cache, problems, scanned)
        if problems.errors:  # the plan's own problems (two files for one path) too: every error in one run
            plan_output(reading, problems)
            problems.raise_if_any()
        previous = cache.outputs(out) if (out / MARKER).exists() else {}
        stale = Staleness(out, previous)
        plan = plan_output(reading, problems, jobs, stale if previous else None, admin)
        problems.raise_if_any()
        n_images = make_pictures(reading, jobs, problems, options.progress)
        index = options.search and search.indexable(reading.site)
        digests = dict(plan.digests)
        if options.search:
            search.check_reserved(((path, producer) for path, producer, _ in plan.targets), problems)
            search.check_reserved(((c.target, c.producer) for c in plan.copies), problems)
            problems.raise_if_any()
        parts = search.plan(reading.site, reading.config.search_part_pages) if index else ()
        digests.update((p.entry, p.digest) for p in parts)
        if index and options.search_later and previous:
            digests, parts = search.as_before(digests, previous, parts, reading.site)

        changed = {path for path, digest in digests.items() if stale(path, digest)}
        removed = set(previous) - set(digests)
        html_pages = dict(Counter(lang for path, _, lang in plan.targets if path.endswith(".html")))
        warnings = tuple(sorted(set(problems.warnings)))
        kept_search = ("unchanged" if index else "empty") if options.search else "off"
        kept = tuple((w.path, w.line, w.message) + (("note",) if w.note else ()) for w in warnings
                     if w.path != CACHE_FOLDER)
        summary = Summary(html_pages, len(digests), now.timestamp(), search=kept_search,  # and what a build
                          warnings=kept)  # of the same inputs says
        if not changed and not removed and out.exists():
            cache.keep_parsed(set(reading.keys.values()))
            cache.record_build(out, inputs, valid_until(reading.parsed, now, config), summary)
            return BuildReport(html_pages, reading.n_parsed, rendered=0, copied=0, removed=0, reused=len(digests),
                               seconds=time.perf_counter() - started, warnings=warnings, wrote=False,
                               images=n_images, search=kept_search, reading=reading if options.live else None)

        until = valid_until(reading.parsed, now, config)  # before the commit point, as everything that can fail
        written = write_output(reading, plan, digests, out, bool(previous), changed, removed, parts, jobs, problems,
                               options.progress)
        if written.patched:
            cache.update_outputs(out, {p: digests[p] for p in written.changed}, removed)
        else:
            cache.record_outputs(out, digests)
        cache.keep_parsed(set(reading.keys.values()))
        cache.record_build(out, inputs, until, summary)
        indexed = written.indexed
        return BuildReport(html_pages, reading.n_parsed, len(written.rendered_paths), written.copied, len(removed),
                           written.reused, time.perf_counter() - started, warnings,
                           rendered_paths=written.rendered_paths, images=n_images,
                           search=("kept" if indexed.reused else "indexed") if indexed else
                           "empty" if options.search else "off",
                           search_seconds=indexed.seconds if indexed else 0.0,
                           reading=reading if options.live else None)
    finally:
        cache.close()


def refuse_owned_links(root: Path) -> None:
    """The build cache's folders must be the build's own: never a link it would write and delete through."""
    if links := owned_links(root):
        raise BuildError([Problem(name, 0, why) for name, why in links])


def make_pictures(reading: Reading, jobs: int, problems: Problems, progress) -> int:
    """Encode the picture files the image cache lacks (in parallel); the number made. A picture that cannot
    be made is a problem raised at once; the cache then forgets the files no picture uses any more."""
    pictures, store = reading.pictures, reading.store
    n_images, failures = make_all(pictures.jobs(), store.folder, jobs, progress)
    for job, message in failures:
        problems.error(*job.where, f"{job.path.name}: {message}")
    problems.raise_if_any()
    store.keep(pictures.cached_names())
    return n_images


def write_output(reading: Reading, plan: OutputPlan, digests: dict, out: Path, had_output: bool, changed: set,
                 removed: set, parts: tuple, jobs: int, problems: Problems, progress) -> Written:
    """Make the changed files beside output/, then put them in: a patch under a journal when the change is
    small, else a new tree (unchanged files hard-linked) swapped in. Nothing of output/ changes before the
    commit; a failure or an interrupt discards what was staged. Of the search index, only the parts whose
    records changed are indexed again (search.index)."""
    changed = set(changed)
    if had_output and (links := links_in(out, set(digests) | removed)):  # before anything is staged
        raise BuildError([Problem(f"{out}/{path}", 0, "is a link: majalla writes only files and folders it makes; "
                                  "remove the link (the next build makes it again)") for path in links])
    to_index = [p for p in parts if p.entry in changed and p.records]
    binary = search.executable() if to_index else None  # fail before any work
    small = len(changed) + len(removed) < PATCH_SHARE * len(digests)
    entries = {p.entry for p in parts}
    stage = (Patch(out, removed | search.old_files(out, removed, {p.folder for p in parts}))
             if had_output and small else Stage(out))
    try:
        unchanged = sorted(set(digests) - changed - entries)
        if not isinstance(stage, Patch):
            to_index += [p for p in search.link_parts(out, stage.path, [p for p in parts if p.entry not in changed])
                         if p.records]
        missing = stage.reuse_all(unchanged)
        changed.update(missing)  # gone from the previous output: make them again
        pages = plan.pages + plan_more(plan, set(missing))
        todo = [n for n, p in enumerate(pages) if p.path in changed]
        to_copy = [c for c in plan.copies if c.target in changed]
        for c in to_copy:  # the folders, before the workers fork
            stage.target(c.target)
        render_pages(reading.renderer, pages, todo, stage, jobs, problems, progress,
                     meanwhile=lambda: [write_copy(c, stage) for c in to_copy])
        problems.raise_if_any()
        indexed = None
        if parts:
            indexed = (search.build_parts(binary or search.executable(), stage.path, reading.site,
                                          reading.renderer.bodies.inner, to_index, jobs)
                       if to_index else search.Indexed(0.0, reused=True))
            if isinstance(stage, Patch):
                stage.remove_too(search.settle(out, stage.path, to_index))
        stage.commit()
    except BaseException:
        stage.discard()
        raise
    return Written(tuple(sorted(pages[n].path for n in todo)), len(to_copy), len(unchanged) - len(missing),
                   frozenset(changed), isinstance(stage, Patch), indexed)
