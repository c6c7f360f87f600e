"""The pipeline: config -> sources -> parse -> model -> plan -> render (in parallel) -> write (atomically)."""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__, config as site_config, search
from .articles import Article, ParseSettings, parse, parse_key
from .attachments import Copy, plan_copies
from .cache import Bodies, Cache
from .errors import BuildError, Problem, Problems
from .model import assemble
from .output import MARKER, Stage, check_folder, recover
from .pages import Page, Planner
from .render import Renderer, install_filters, prepare, render_chunk
from .sources import discover
from .theme import assets as theme_assets
from .theme import environment, load_strings, locate, template_digests
from .views import fingerprint

CACHE_FOLDER = ".cache"
CHUNK = 64  # pages per task sent to a worker


@dataclass(frozen=True)
class Options:
    site: Path
    output: Path | None = None  # default: <site>/output
    drafts: bool = False
    future: bool = False
    base_url: str | None = None
    jobs: int | None = None  # default: every CPU
    clean: bool = False
    search: bool = True  # build the Pagefind index (--no-search skips it)
    now: dt.datetime | None = None  # the clock, for tests; default: the real time
    progress: object = None  # a callable(phase, done, total), for the CLI's progress bar


@dataclass(frozen=True)
class Report:
    pages: dict  # lang -> HTML pages
    parsed: int  # articles parsed (not taken from the cache)
    rendered: int  # pages rendered this time
    copied: int  # files copied this time
    removed: int  # files of the previous output that are gone
    reused: int  # files kept from the previous output
    seconds: float
    warnings: tuple[Problem, ...] = ()
    wrote: bool = True  # False when output/ was already up to date
    rendered_paths: tuple[str, ...] = field(default=(), repr=False)
    search: str = "off"  # "off" (--no-search), "indexed", "kept" (previous index reused), "unchanged"
    search_seconds: float = 0.0  # time the index took (indexing or linking the previous one)


def jobs_of(options: Options) -> int:
    return max(1, options.jobs or os.cpu_count() or 1)


def load_config(options: Options) -> site_config.Config:
    config = site_config.load(options.site)
    changes = dict(drafts=options.drafts, future=options.future)
    if options.base_url:
        changes["base_url"] = site_config.parse_base_url(options.base_url)
    return config.with_options(**changes)


def parse_all(sources, settings: ParseSettings, cache: Cache, jobs: int, problems: Problems, progress):
    """Every article, from the cache when its bytes and settings are unchanged, else parsed (in parallel)."""
    items = []
    for s in sources.articles:
        data = s.path.read_bytes()
        items.append((parse_key(data, s.source, s.lang, settings), data, s))
    cached = cache.parsed([k for k, _, _ in items], settings.timezone)
    todo = [(k, d, s) for k, d, s in items if k not in cached]
    results = {}
    if todo:
        work = [(d, s.source, s.lang, settings) for _, d, s in todo]
        if jobs > 1 and len(todo) > 32:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                parsed = []
                for n, result in enumerate(pool.imap(parse_one, work, chunksize=16), 1):
                    parsed.append(result)
                    if progress and n % 50 == 0:
                        progress("parse", n, len(todo))
        else:
            parsed = [parse_one(w) for w in work]
        fresh = []
        for (key, _, _), result in zip(todo, parsed):
            problems.extend(result.problems)
            if result.article is not None:
                results[key] = result.article
                fresh.append((key, result.article, result.html, tuple(p for p in result.problems if p.warning)))
        cache.store_parsed(fresh)
    for key, (article, warnings) in cached.items():
        results[key] = article
        problems.extend(warnings)
    keys = {}
    articles = []
    for key, _, s in items:
        if key in results:
            articles.append(results[key])
            keys[results[key].source] = key
    return articles, keys, len(todo)


def parse_one(work) -> object:
    data, source, lang, settings = work
    return parse(data, source, lang, settings)


def check_templates(env, renderer: Renderer, problems: Problems) -> None:
    import jinja2

    for name in env.list_templates():
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            p = renderer.problem(exc, None)
            problems.error(p.path, p.line, p.message)


def build(options: Options) -> Report:
    started = time.perf_counter()
    root = options.site.resolve()
    out = (options.output or root / "output").resolve()
    config = load_config(Options(**{**options.__dict__, "site": root}))
    check_folder(out, root)
    recover(out)
    problems = Problems(root)
    now = options.now or dt.datetime.now(dt.timezone.utc)
    jobs = jobs_of(options)

    theme_dir = locate(config)
    env = environment(config, theme_dir)
    install_filters(env)
    search.install_filters(env)
    strings = load_strings(config, theme_dir)
    asset_urls, asset_files = theme_assets(config, theme_dir)

    if options.clean:
        Cache.clear(root / CACHE_FOLDER)
    cache = Cache(root / CACHE_FOLDER, warn=lambda m: problems.warn(CACHE_FOLDER, 0, m))
    try:
        sources = discover(root, config.codes, problems)
        settings = ParseSettings(config.timezone, tuple((l.code, l.dir) for l in config.languages))
        parsed, keys, n_parsed = parse_all(sources, settings, cache, jobs, problems, options.progress)
        site = assemble(config, parsed, problems, now)
        renderer = Renderer(env, strings, Bodies(cache.path, keys), root, theme_dir)
        check_templates(env, renderer, problems)
        problems.raise_if_any()

        pages = Planner(site, strings, asset_urls).plan()
        copies = plan_copies(root, sources, parsed, site, asset_files, problems)
        digests = page_digests(pages, site, strings, env, config)
        entries = check_collisions(pages, copies, problems)
        if options.search:
            search.check_reserved(((p.path, p.producer) for p in pages), problems)
            search.check_reserved(((c.target, c.producer) for c in copies), problems)
        problems.raise_if_any()
        for c in copies:
            digests[c.target] = c.digest
        if options.search:
            digests[search.ENTRY] = search.index_digest(digests)

        previous = cache.outputs(out) if (out / MARKER).exists() else {}
        changed = {path for path, digest in digests.items()
                   if previous.get(path) != digest or not (out / path).exists()}
        removed = set(previous) - set(digests)
        html_pages = Counter(p.lang for p in pages if p.path.endswith(".html"))
        if not changed and not removed and out.exists():
            cache.keep_parsed(set(keys.values()))
            return Report(dict(html_pages), n_parsed, 0, 0, 0, len(digests),
                          time.perf_counter() - started, tuple(sorted(set(problems.warnings))), wrote=False,
                          search="unchanged" if options.search else "off")
        binary = search.executable() if search.ENTRY in changed else None  # fail before any work

        stage = Stage(out)
        try:
            reused = 0
            indexed = search.reuse_index(out, stage.path) if options.search and binary is None else None
            for path in sorted(set(digests) - changed - {search.ENTRY}):
                if stage.reuse(path):
                    reused += 1
                else:
                    changed.add(path)  # gone from the previous output: make it again
            todo = [n for n, p in enumerate(pages) if p.path in changed]
            render_pages(renderer, pages, todo, stage, jobs, problems, options.progress)
            n_copied = 0
            for c in copies:
                if c.target in changed:
                    write_copy(c, stage)
                    n_copied += 1
            problems.raise_if_any()
            if options.search and indexed is None:
                indexed = search.build_index(binary or search.executable(), stage.path, config.codes)
            stage.commit()
        except BaseException:
            stage.discard()
            raise
        cache.record_outputs(out, digests)
        cache.keep_parsed(set(keys.values()))
        return Report(dict(html_pages), n_parsed, len(todo), n_copied, len(removed), reused,
                      time.perf_counter() - started, tuple(sorted(set(problems.warnings))),
                      rendered_paths=tuple(sorted(pages[n].path for n in todo)),
                      search=("kept" if indexed.reused else "indexed") if indexed else "off",
                      search_seconds=indexed.seconds if indexed else 0.0)
    finally:
        cache.close()


def page_digests(pages: list[Page], site, strings, env, config) -> dict[str, str]:
    templates = template_digests(env)
    base = f"{__version__}|{config.digest}"
    bodies = {i: a.body_digest for i, a in site.articles.items()}
    return {p.path: fingerprint([base, p.template, templates.get(p.template, ""), strings[p.lang].digest,
                                 p.context, [bodies[b] for b in p.bodies]]) for p in pages}


def check_collisions(pages: list[Page], copies: list[Copy], problems: Problems) -> dict:
    owners: dict = {}
    for path, producer in [(p.path, p.producer) for p in pages] + [(c.target, c.producer) for c in copies]:
        first = owners.setdefault(path, producer)
        if first != producer:
            problems.error(producer, 0, f"wants to write output/{path}, which {first} writes already")
    return owners


def render_pages(renderer, pages, todo, stage: Stage, jobs: int, problems: Problems, progress) -> None:
    for n in todo:  # create the folders once, here, rather than racing in the workers
        stage.target(pages[n].path)
    prepare(renderer, pages, stage.path)
    chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
    done, failures = 0, {}
    if jobs > 1 and len(chunks) > 1:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for results in pool.imap_unordered(render_chunk, chunks):
                done += collect(results, pages, failures)
                if progress:
                    progress("render", done, len(todo))
    else:
        for chunk in chunks:
            done += collect(render_chunk(chunk), pages, failures)
            if progress:
                progress("render", done, len(todo))
    for problem, paths in failures.items():  # one line per mistake, however many pages it broke
        paths = sorted(paths)
        more = f" and {len(paths) - 1} other page{'s' if len(paths) > 2 else ''}" if len(paths) > 1 else ""
        problems.error(problem.path, problem.line, f"{problem.message} (rendering {paths[0]}{more})")


def collect(results, pages, failures: dict) -> int:
    for index, problem in results:
        if problem is not None:
            failures.setdefault(problem, []).append(pages[index].path)
    return len(results)


def write_copy(copy: Copy, stage: Stage) -> None:
    target = stage.target(copy.target)
    if copy.data is not None:
        target.write_bytes(copy.data)
    else:
        shutil.copyfile(copy.source, target)


__all__ = ["Options", "Report", "build", "BuildError"]
