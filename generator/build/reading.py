"""Reading the site: the hand-over from reading to planning (`Reading`), and every stage that makes it. The
theme is loaded, the files are found, the articles are parsed (from the cache when their bytes did not
change, else in parallel workers), the model is assembled and its pictures are planned. Problems are
collected, not raised: the build and `check` decide what to do with them."""
from __future__ import annotations

import contextlib
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .. import __version__
from ..config import Config
from ..confine import escape, hard_links
from ..content import markup, scripts
from ..content.articles import Article, ParseSettings, Parsed, parse, parse_key
from ..content.authors import load_profiles
from ..content.known_sections import unknown_sections
from ..content.model import Site, assemble
from ..content.series import orphan_intros, read_intros
from ..content.sources import Source, Sources, discover, read_text
from ..errors import Problem, Problems
from ..media.images import FOLDER as IMAGES_FOLDER
from ..media.images import Store
from ..media.pictures import PictureBodies, Pictures
from ..pages import contract
from ..theme.assets import Asset, assets
from ..theme.settings import ThemeSettings, load_settings
from ..theme.strings import Strings, load_strings
from ..theme.templates import check_sources, environment, locate, source_file, template_digests
from ..workers import workers
from .cache import CACHE_FOLDER, Cache, StoredBodies
from .options import BuildOptions, clock, jobs_of
from .rendering import Renderer

STORE_EVERY = 200  # parsed articles written to the cache at a time: their bodies are not all kept in memory


@dataclass(frozen=True)
class LoadedTheme:
    """The theme as this build uses it: templates (compiled, with their digests), UI strings, assets, numbers."""

    folder: Path
    env: jinja2.Environment
    templates: dict  # template name -> digest of it and of what it includes
    strings: dict[str, Strings]
    asset_urls: dict  # "style.css" -> "/assets/style.<hash>.css"
    asset_files: tuple[Asset, ...]
    settings: ThemeSettings  # its numbers (theme.toml)


@dataclass(frozen=True)
class Scan:
    """The site's files, and the parse key of every article: the digest of all its parse depends on."""

    sources: Sources
    settings: ParseSettings
    keys: dict[str, str]  # article source -> parse key


@dataclass(frozen=True)
class Reading:
    """The site as read: every parsed article, the model and its pictures. Nothing planned or written."""

    root: Path
    config: Config
    theme: LoadedTheme
    sources: Sources
    parsed: tuple[Article, ...]
    keys: dict  # article source -> parse cache key
    n_parsed: int  # articles parsed (not taken from the cache)
    site: Site
    pictures: Pictures  # planned: what each article shows, the files to make and publish
    store: Store
    renderer: Renderer


_kept_environments: dict = {}


def load_theme(options: BuildOptions, config: Config) -> LoadedTheme:
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
        contract.install(env)
        if key:
            _kept_environments.clear()
            _kept_environments[key] = env
    check_sources(env, root, folder)
    asset_urls, asset_files = assets(config, folder)
    return LoadedTheme(folder, env, template_digests(env), load_strings(config, folder), asset_urls,
                       tuple(asset_files), load_settings(root, folder))


def scan(config: Config, cache: Cache, problems: Problems) -> Scan:
    """Every file of the site, and the parse key of every article."""
    sources = discover(config.root, config.codes, problems)
    settings = ParseSettings.of(config)
    return Scan(sources, settings, parse_keys(sources.articles, settings, cache))


def parse_keys(articles: tuple[Source, ...], settings: ParseSettings, cache: Cache) -> dict[str, str]:
    """{article source: parse key}. A file whose size and modification time are those recorded when its key
    was made is not read again; `--clean` forgets the records. The bytes are not kept: a file to parse is
    read again by its worker."""
    stamp = f"{settings.key}|{markup.SETTINGS_VERSION}|{__version__}"
    known, keys, todo = cache.stats(stamp), {}, []
    for s in articles:
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
    return {s.source: keys[s.source] for s in articles}


def parse_all(scanned: Scan, cache: Cache, jobs: int, problems: Problems, progress):
    """(articles, {article source: parse key}, articles parsed): every article, from the cache when its bytes
    and settings are unchanged, else parsed (in parallel). Bodies go to the cache as they come; only the
    articles (without their bodies) stay in memory."""
    articles, settings = scanned.sources.articles, scanned.settings
    cached = cache.parsed(list(scanned.keys.values()))
    todo = [s for s in articles if scanned.keys[s.source] not in cached]
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
    for s in articles:
        key = scanned.keys[s.source]
        if key in cached:
            article, warnings = cached[key]
            results[s.source] = (key, article)
            problems.extend(warnings)
    keys, found = {}, []
    for s in articles:
        if s.source in results:
            key, article = results[s.source]
            found.append(article)
            keys[article.source] = key
    return found, keys, len(todo)


def parse_one(work) -> tuple[str, str, Parsed]:
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


def site_files(root: Path, sources: Sources) -> list[tuple[Path, str]]:
    """(path, name from the site root) of every file of content/ and static/ the build reads or publishes."""
    files = [(s.path, s.source) for s in (*sources.articles, *sources.files)]
    static = root / "static"
    if static.is_dir() and not escape(static, root):
        files += [(Path(folder, name), Path(folder, name).relative_to(root).as_posix())
                  for folder, _, names in os.walk(static) for name in sorted(names)]
    return files


def read_site(options: BuildOptions, config: Config, theme: LoadedTheme, cache: Cache, problems: Problems,
              scanned: Scan | None = None) -> Reading:
    """Every stage up to the model and its pictures: problems are collected, not raised."""
    root = config.root
    scanned = scanned or scan(config, cache, problems)
    parsed, keys, n_parsed = parse_all(scanned, cache, jobs_of(options), problems, options.progress)
    site = assemble(config, parsed, problems, clock(options), cache.memo, load_profiles(root, config, problems),
                    read_intros(scanned.sources.intros, config, problems))
    problems.extend(unknown_sections(config, site.articles.values()))
    problems.extend(orphan_intros(site, scanned.sources.intros))
    store = Store(root / CACHE_FOLDER / IMAGES_FOLDER)
    pictures = Pictures(root, scanned.sources, site, store, theme.settings.pictures, problems).plan()
    scripts.svg_problems(root, scanned.sources.files, config.refuse_scripts, problems)
    for name, why in hard_links(site_files(root, scanned.sources)):
        problems.error(name, 0, why)
    renderer = Renderer(theme.env, theme.strings, PictureBodies(StoredBodies(cache.path, keys), pictures.bodies),
                        root, theme.folder)
    check_templates(theme.env, renderer, problems)
    return Reading(root, config, theme, scanned.sources, tuple(parsed), keys, n_parsed, site, pictures, store,
                   renderer)
