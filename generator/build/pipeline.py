"""The pipeline: config -> sources -> parse -> model -> plan -> render (in parallel) -> write (atomically)."""
from __future__ import annotations

import contextlib
import datetime as dt
import gc
import math
import os
import shutil
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .. import __version__, config as site_config
from ..content import markup
from ..content.articles import Article, ParseSettings, Parsed, parse, parse_key, read_text
from ..content.model import assemble
from ..content.sources import discover
from ..errors import BuildError, Problem, Problems
from ..media.attachments import Copy
from ..media.images import FOLDER as IMAGES_FOLDER
from ..media.images import Store, make_all
from ..media.pictures import Bodies as PictureBodies
from ..media.pictures import Pictures
from ..output.stage import MARKER, Patch, Stage, check_folder, recover
from ..search import index as search
from ..text import dates
from ..theme.templates import assets as theme_assets
from ..theme.templates import environment, load_strings, locate, source_file, template_digests
from ..workers import no_cycle_collector, workers
from .cache import Bodies, Cache
from .freshness import inputs_digest, valid_until
from .output_plan import plan_more, plan_output
from .rendering import Renderer, install_filters, prepare, render_chunk

CACHE_FOLDER = ".cache"
CHUNK = 64  # pages per task sent to a worker
PATCH_SHARE = 0.25  # a build that changes or removes fewer than this share of the files patches output/


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
    now: dt.datetime | None = None  # the clock, for tests; default: SOURCE_DATE_EPOCH, else the real time
    progress: object = None  # a callable(phase, done, total), for the CLI's progress bar
    live: bool = False  # a long-running preview: compiled templates are kept between builds


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
    images: int = 0  # image files encoded this time (not taken from .cache/images/)
    rendered_paths: tuple[str, ...] = field(default=(), repr=False)
    search: str = "off"  # "off" (--no-search), "indexed", "kept" (previous index reused), "unchanged",
    # "empty" (no article published: nothing to index, and the search pages say so)
    search_seconds: float = 0.0  # time the index took (indexing or linking the previous one)


def jobs_of(options: Options) -> int:
    return max(1, options.jobs or os.cpu_count() or 1)


def clock(options: Options) -> dt.datetime:
    try:
        return options.now or dates.build_time(os.environ)
    except dates.DateError as exc:
        raise BuildError([Problem("SOURCE_DATE_EPOCH", 0, str(exc))]) from None


def load_config(options: Options) -> site_config.Config:
    config = site_config.load(options.site)
    changes = dict(drafts=options.drafts, future=options.future)
    if options.base_url:
        changes["base_url"] = site_config.parse_base_url(options.base_url)
    return config.with_options(**changes)


def read_sources(sources, settings: ParseSettings, cache: Cache) -> list[tuple[str, None, object]]:
    """(parse key, None, source) of every article: the key is the digest of all a parse depends on.
    A file whose size and modification time are those recorded when its key was made is not read again;
    `--clean` forgets the records. The bytes are not kept: a file to parse is read again by its worker."""
    stamp = f"{settings.key}|{markup.SETTINGS_VERSION}|{__version__}"
    known, keys, todo = cache.stats(stamp), {}, []
    for s in sources.articles:
        st = s.path.stat()
        size, mtime, key = known.get(s.source, (None, None, None))
        if (size, mtime) == (st.st_size, st.st_mtime_ns):
            keys[s.source] = key
        else:
            todo.append((s, st))

    def key_of(todo_item) -> str:
        s, _ = todo_item
        return parse_key(s.path.read_bytes(), s.source, s.lang, settings)

    with ThreadPoolExecutor(4) as pool:  # reading and hashing let go of the GIL: a first build reads every file
        fresh = [(s.source, st.st_size, st.st_mtime_ns, key) for (s, st), key in zip(todo, pool.map(key_of, todo))]
    keys.update((source, key) for source, _, _, key in fresh)
    cache.record_stats(stamp, fresh)
    return [(keys[s.source], None, s) for s in sources.articles]


STORE_EVERY = 200  # parsed articles written to the cache at a time: their bodies are not all kept in memory


def parse_all(items, settings: ParseSettings, cache: Cache, jobs: int, problems: Problems, progress):
    """Every article, from the cache when its bytes and settings are unchanged, else parsed (in parallel).
    Bodies go to the cache as they come; only the articles (without their bodies) stay in memory."""
    cached = cache.parsed([k for k, _, _ in items])
    todo = [s for k, _, s in items if k not in cached]
    results = {}  # source -> (key, article)
    if todo:
        work = [(s.path, s.source, s.lang, settings) for s in todo]
        fresh = []
        with (workers(jobs) if jobs > 1 and len(todo) > 32 else contextlib.nullcontext()) as pool:
            parsed = pool.imap(parse_one, work, chunksize=16) if pool else map(parse_one, work)
            for n, (source, key, result) in enumerate(parsed, 1):
                problems.extend(result.problems)
                if result.article is not None:
                    results[source] = (key, result.article)
                    fresh.append((key, result.article, result.html, tuple(p for p in result.problems if p.warning)))
                if len(fresh) >= STORE_EVERY:
                    cache.store_parsed(fresh)
                    fresh = []
                if progress and n % 50 == 0:
                    progress("parse", n, len(todo))
        cache.store_parsed(fresh)
    for key, _, s in items:
        if key in cached:
            article, warnings = cached[key]
            results[s.source] = (key, article)
            problems.extend(warnings)
    keys, articles = {}, []
    for _, _, s in items:
        if s.source in results:
            key, article = results[s.source]
            articles.append(article)
            keys[article.source] = key
    return articles, keys, len(todo)


def parse_one(work) -> tuple[str, str, object]:
    """(source, parse key of the bytes read, parsed article), in a worker."""
    path, source, lang, settings = work
    try:
        data = path.read_bytes()
    except OSError as exc:
        return source, "", Parsed(None, "", (Problem(source, 0, f"cannot be read: {exc.strerror}"),))
    return source, parse_key(data, source, lang, settings), parse(data, source, lang, settings)


def check_templates(env, renderer: Renderer, problems: Problems) -> None:
    """Compile every template first: a syntax error anywhere is reported with the content errors. Then
    every template is loaded and current, so rendering need not look at their files again (a kept live
    environment is checked afresh by the next build)."""
    env.auto_reload = True
    for name in env.list_templates():
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            p = renderer.problem(exc, None)
            problems.error(p.path, p.line, p.message)
        except UnicodeDecodeError:
            path = source_file(env, name)
            _, line, message = read_text(path.read_bytes())
            problems.error(renderer.display(str(path)), line, message)
    env.auto_reload = False


@dataclass(frozen=True)
class Theme:
    """The theme as this build uses it: templates (compiled, with their digests), UI strings, assets."""

    folder: Path
    env: jinja2.Environment
    templates: dict  # template name -> digest of it and of what it includes
    strings: dict
    asset_urls: dict
    asset_files: tuple


@dataclass(frozen=True)
class Reading:
    """The site as read: every parsed article, the model and its pictures. Nothing planned or written."""

    root: Path
    config: site_config.Config
    theme: Theme
    sources: object  # sources.Sources
    parsed: tuple[Article, ...]
    keys: dict  # article source -> parse cache key
    n_parsed: int
    site: object  # model.Site
    pictures: object  # pictures.PicturePlan
    store: Store
    renderer: Renderer


_kept_environments: dict = {}


def load_theme(options: Options, config: site_config.Config) -> Theme:
    """The theme's templates, strings and assets. With `options.live` the Jinja environment of the previous
    build is kept while no template file was added or removed: Jinja recompiles only the changed ones."""
    root = config.root
    folder = locate(config)
    key = None
    if options.live:
        folders = [root / "templates", folder / "templates"]
        files = tuple(sorted(str(p) for f in folders if f.is_dir() for p in f.rglob("*") if p.is_file()))
        key = (str(root), str(folder), files)
    env = _kept_environments.get(key) if key else None
    if env is None:
        (root / CACHE_FOLDER / "templates").mkdir(parents=True, exist_ok=True)
        env = environment(config, folder, root / CACHE_FOLDER / "templates")
        install_filters(env)
        search.install_filters(env)
        if key:
            _kept_environments.clear()
            _kept_environments[key] = env
    asset_urls, asset_files = theme_assets(config, folder)
    return Theme(folder, env, template_digests(env), load_strings(config, folder), asset_urls, tuple(asset_files))


def scan(config: site_config.Config, cache: Cache, problems: Problems):
    """(sources, parse settings, [(parse key, bytes, source)]) of every article of the site."""
    sources = discover(config.root, config.codes, problems)
    settings = ParseSettings(config.timezone, tuple((l.code, l.dir) for l in config.languages))
    return sources, settings, read_sources(sources, settings, cache)


def read_site(options: Options, config: site_config.Config, theme: Theme, cache: Cache, problems: Problems,
              scanned=None) -> Reading:
    """Every stage up to the model and its pictures: problems are collected, not raised."""
    root = config.root
    sources, settings, items = scanned or scan(config, cache, problems)
    parsed, keys, n_parsed = parse_all(items, settings, cache, jobs_of(options), problems, options.progress)
    site = assemble(config, parsed, problems, clock(options), cache.memo)
    store = Store(root / CACHE_FOLDER / IMAGES_FOLDER)
    pictures = Pictures(root, sources, site, store, problems).plan()
    renderer = Renderer(theme.env, theme.strings, PictureBodies(Bodies(cache.path, keys), pictures.bodies), root,
                        theme.folder)
    check_templates(theme.env, renderer, problems)
    return Reading(root, config, theme, sources, tuple(parsed), keys, n_parsed, site, pictures, store, renderer)


def build(options: Options) -> Report:
    with no_cycle_collector():
        return build_site(options)


def build_site(options: Options) -> Report:
    started = time.perf_counter()
    root = options.site.resolve()
    out = (options.output or root / "output").resolve()
    config = load_config(Options(**{**options.__dict__, "site": root}))
    check_folder(out, root)
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
        sources, _, items = scanned
        inputs = inputs_digest(config, out, [k for k, _, _ in items], [f.path for f in sources.files],
                               theme.templates, theme.strings, theme.asset_urls, options.search)
        last = cache.last_build(out)
        if (last and last[0] == inputs and last[2].get("since", math.inf) <= now.timestamp() < last[1]
                and (out / MARKER).exists() and not problems.errors):
            summary = last[2]
            return Report(summary["pages"], 0, 0, 0, 0, summary["files"], time.perf_counter() - started,
                          tuple(Problem(*w, warning=True) for w in summary["warnings"]), wrote=False,
                          search=summary.get("search", "off"))
        reading = read_site(options, config, theme, cache, problems, scanned)
        problems.raise_if_any()
        previous = cache.outputs(out) if (out / MARKER).exists() else {}

        seen: dict = {}  # path -> stale? (a path has one digest in a build; the split plan asks first)

        def stale(path: str, digest: str) -> bool:
            if path not in seen:
                seen[path] = previous.get(path) != digest or not os.path.lexists(f"{out}/{path}")
            return seen[path]

        plan = plan_output(reading, problems, jobs, stale if previous else None)
        problems.raise_if_any()
        pages, copies, digests = plan.pages, plan.copies, plan.digests
        pictures, store, keys = reading.pictures, reading.store, reading.keys
        n_images, failures = make_all(pictures.jobs(), store.folder, jobs, options.progress)
        for job, message in failures:
            problems.error(*job.where, f"{job.path.name}: {message}")
        problems.raise_if_any()
        store.keep(pictures.cached_names())
        index = options.search and search.indexable(reading.site)
        if options.search:
            search.check_reserved(((path, producer) for path, producer, _ in plan.targets), problems)
            search.check_reserved(((c.target, c.producer) for c in copies), problems)
            problems.raise_if_any()
        if index:
            digests[search.ENTRY] = search.index_digest(digests)

        changed = {path for path, digest in digests.items() if stale(path, digest)}
        removed = set(previous) - set(digests)
        html_pages = dict(Counter(lang for path, _, lang in plan.targets if path.endswith(".html")))
        warnings = tuple(sorted(set(problems.warnings)))
        kept_search = ("unchanged" if index else "empty") if options.search else "off"
        summary = {"pages": html_pages, "files": len(digests), "since": now.timestamp(),
                   # and what a build with the same inputs reports:
                   "warnings": [(w.path, w.line, w.message) for w in warnings if w.path != CACHE_FOLDER],
                   "search": kept_search}
        if not changed and not removed and out.exists():
            cache.keep_parsed(set(keys.values()))
            cache.record_build(out, inputs, valid_until(reading.parsed, now), summary)
            return Report(html_pages, reading.n_parsed, 0, 0, 0, len(digests),
                          time.perf_counter() - started, warnings, wrote=False, images=n_images,
                          search=kept_search)
        binary = search.executable() if search.ENTRY in changed else None  # fail before any work

        small = len(changed) + len(removed) < PATCH_SHARE * len(digests)
        index_same = search.ENTRY not in changed and search.ENTRY not in removed
        stage = Patch(out, removed) if previous and small and index_same else Stage(out)
        try:
            if not index or binary is not None:
                indexed = None
            elif isinstance(stage, Patch):
                indexed = search.Indexed(0.0, reused=True)  # output/pagefind/ stays as it is
            else:
                indexed = search.reuse_index(out, stage.path)
            unchanged = sorted(set(digests) - changed - {search.ENTRY})
            missing = stage.reuse_all(unchanged)
            changed.update(missing)  # gone from the previous output: make them again
            pages = pages + plan_more(plan, set(missing))
            reused = len(unchanged) - len(missing)
            todo = [n for n, p in enumerate(pages) if p.path in changed]
            to_copy = [c for c in copies if c.target in changed]
            for c in to_copy:  # the folders, before the workers fork
                stage.target(c.target)
            render_pages(reading.renderer, pages, todo, stage, jobs, problems, options.progress,
                         meanwhile=lambda: [write_copy(c, stage) for c in to_copy])
            n_copied = len(to_copy)
            problems.raise_if_any()
            if index and indexed is None:
                indexed = search.build_index(binary or search.executable(), stage.path, config.codes)
            stage.commit()
        except BaseException:
            stage.discard()
            raise
        if isinstance(stage, Patch):
            cache.update_outputs(out, {p: digests[p] for p in changed}, removed)
        else:
            cache.record_outputs(out, digests)
        cache.keep_parsed(set(keys.values()))
        cache.record_build(out, inputs, valid_until(reading.parsed, now), summary)
        return Report(html_pages, reading.n_parsed, len(todo), n_copied, len(removed), reused,
                      time.perf_counter() - started, warnings,
                      rendered_paths=tuple(sorted(pages[n].path for n in todo)), images=n_images,
                      search=("kept" if indexed.reused else "indexed") if indexed else
                      "empty" if options.search else "off",
                      search_seconds=indexed.seconds if indexed else 0.0)
    finally:
        cache.close()


def render_pages(renderer, pages, todo, stage: Stage, jobs: int, problems: Problems, progress,
                 meanwhile=lambda: None) -> None:
    """Render pages[todo] into the stage; `meanwhile` (copying files) runs in this process while the
    workers render."""
    for n in todo:  # create the folders once, here, rather than racing in the workers
        stage.target(pages[n].path)
    prepare(renderer, pages, stage.path)
    chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
    done, failures = 0, {}
    if jobs > 1 and len(chunks) > 1:
        gc.freeze()  # the plan is shared with the forked workers: keep the collector from copying its pages
        try:
            with workers(jobs) as pool:
                rendered = pool.imap_unordered(render_chunk, chunks)
                meanwhile()
                for results in rendered:
                    done += collect(results, pages, failures)
                    if progress:
                        progress("render", done, len(todo))
        finally:
            gc.unfreeze()
    else:
        meanwhile()
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
        return
    if copy.digest.startswith("image:"):  # a picture of .cache/images/: written once, never changed
        try:
            os.link(copy.source, target)  # a tenth of a copy's cost, for thousands of pictures
            return
        except OSError:
            pass  # another file system
    shutil.copyfile(copy.source, target)


__all__ = ["Options", "Report", "build", "BuildError"]
