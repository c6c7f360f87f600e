"""Full-text search: one Pagefind index per language, in parts (search.records), made from the records
the build already has and fed to `pagefind --service` (search.service); the search page merges the parts.

Only the parts whose records changed are indexed again: the build's output records hold one entry per part
(its pagefind-entry.json, with the part's digest), so the usual staleness check says which. A changed part
is indexed again into its folder in the stage; in a patch, the files output/ holds already, byte for byte,
are left out of it (`settle`), and the old files the new bundle lacks are removed after the new entry is in
(output.stage moves new files in first, removed ones last); a failure discards the stage, so no
half-written index is ever published.

Arabic records are folded (search.fold) and given to Pagefind as language "und", so it does no stemming of
its own; other languages are folded too (digits, case) and stemmed by Pagefind. Pagefind's fragments are
then rewritten to the text as written, so results and excerpts show it, with the matched words marked."""
from __future__ import annotations

import filecmp
import gzip
import importlib.metadata
import json
import os
import queue
import shutil
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import BuildError, Problem, Problems
from . import order as search_order
from .records import BUNDLE, ENTRY_FILE, Part, Shown, plan_parts, shown
from .service import Service, ServiceError

FIX = 'install it with  pip install "pagefind[bin]"  (or build without search: --no-search)'
KEPT_FILES = ("pagefind.js", "pagefind-worker.js", ENTRY_FILE)  # of the bundle's own files: what search.js loads
FRAGMENT_SIGNATURE = b"pagefind_dcd"


# ---- what the build asks ------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def pagefind_version() -> str:
    try:
        return importlib.metadata.version("pagefind_bin")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def indexable(site) -> bool:
    """Is there anything to index? Pagefind refuses to make an index of no page, so a site with no
    published article (a new one, an import of drafts) has none, and its search pages say so."""
    return any(edition.articles for edition in site.editions)


def plan(site, part_pages: int) -> tuple[Part, ...]:
    """Every language's parts."""
    version = pagefind_version()
    return tuple(p for edition in site.editions for p in plan_parts(site, edition, part_pages, version))


def as_before(digests: dict, previous: dict, parts, site) -> tuple[dict, tuple]:
    """The output's digests with the index and the search pages as the previous build left them: what the
    preview's first pass after a save writes (the saved page first), a later build bringing them up to date.
    The parts are then only those of the previous build (they are kept as they are)."""
    kept = dict(digests)
    for part in parts:
        kept.pop(part.entry, None)
    for edition in site.editions:
        page = site.urls.file(site.urls.path(edition.code, "search"))
        if page in previous:
            kept[page] = previous[page]
    before = []
    for path, digest in sorted(previous.items()):
        pieces = path.split("/")
        if len(pieces) == 4 and pieces[0] == BUNDLE and pieces[3] == ENTRY_FILE:
            part = Part(pieces[1], int(pieces[2]) if pieces[2].isdigit() else -1, digest, ())
            if part.entry == path:
                before.append(part)
                kept[path] = digest
    return kept, tuple(before)


def check_reserved(targets, problems: Problems) -> None:
    """Nothing else may write into the index folder."""
    for path, producer in targets:
        if path == BUNDLE or path.startswith(BUNDLE + "/"):
            problems.error(producer, 0, f"wants to write output/{path}, but output/{BUNDLE}/ holds the search "
                                        f"index; move the file, or build with --no-search")


def executable() -> Path:
    """The Pagefind binary: $MAJALLA_PAGEFIND, else the one the pagefind[bin] package installed."""
    override = os.environ.get("MAJALLA_PAGEFIND")
    if override:
        if Path(override).is_file():
            return Path(override)
        raise failure(f"the Pagefind binary named by MAJALLA_PAGEFIND ({override}) does not exist; "
                      f"fix the variable, or unset it and {FIX}")
    try:
        import pagefind_bin

        return Path(pagefind_bin.get_executable())
    except (ImportError, FileNotFoundError):
        raise failure(f"the Pagefind binary is missing; {FIX}") from None


def failure(message: str) -> BuildError:
    return BuildError([Problem("search index", 0, message)])


@dataclass(frozen=True)
class Indexed:
    seconds: float
    reused: bool  # no part was indexed (every part kept from the previous output)
    parts: tuple[str, ...] = ()  # the folders of the parts indexed this time


def old_files(out: Path, removed, keep: set[str]) -> set[str]:
    """The files of output/ that go with the removed parts (entries in `removed`), and those of an index in
    an older layout (pagefind/pagefind-entry.json), leaving alone the folders of the parts in `keep`."""
    files = set()
    for entry in removed:
        if entry.startswith(BUNDLE + "/") and entry.endswith("/" + ENTRY_FILE):
            folder = out / entry.rpartition("/")[0]
            for path in folder.rglob("*") if folder.is_dir() else ():
                rel = path.relative_to(out).as_posix()
                if not path.is_dir() and not any(rel.startswith(k + "/") for k in keep):
                    files.add(rel)
    return files


def settle(out: Path, stage: Path, parts) -> set[str]:
    """For a patch, once `parts` are indexed into the stage: their files that output/ holds already, byte
    for byte, are left out of the stage (they stay as they are); the files of their folders in output/ that
    the new bundles lack are returned, to be removed (last: after the new entries are in)."""
    gone = set()
    for part in parts:
        new, old = stage / part.folder, out / part.folder
        for path in sorted(old.rglob("*")) if old.is_dir() else ():
            rel = path.relative_to(old)
            if path.is_dir() or path.is_symlink():
                continue
            if not (new / rel).is_file():
                gone.add(f"{part.folder}/{rel.as_posix()}")
            elif filecmp.cmp(path, new / rel, shallow=False):
                (new / rel).unlink()
    return gone


def link_parts(out: Path, stage: Path, parts) -> list[Part]:
    """Hard-link the previous output's folders of `parts` into the stage; those that could not be linked."""
    missing = []
    for part in parts:
        source = out / part.folder
        try:
            if not (source / ENTRY_FILE).is_file():
                raise FileNotFoundError(source)
            for path in sorted(source.rglob("*")):
                target = stage / path.relative_to(out)
                if path.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                else:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    try:
                        os.link(path, target)
                    except OSError:
                        shutil.copyfile(path, target)
        except OSError:
            shutil.rmtree(stage / part.folder, ignore_errors=True)
            missing.append(part)
    return missing


def build_parts(binary: Path, stage: Path, site, bodies, parts, jobs: int) -> Indexed:
    """Index `parts` into the stage, in `jobs` Pagefind services at once. Raises BuildError on failure; the
    caller discards the stage. The records' text is made here, in this thread (it reads the cache's
    bodies); the services index the parts made before meanwhile."""
    started = time.perf_counter()
    work: queue.Queue = queue.Queue(maxsize=max(1, jobs))
    failures: list[str] = []

    def index_parts():
        try:
            with Service(binary) as service:
                while (item := work.get()) is not None:
                    part, records = item
                    if not failures:
                        try:
                            write_part(stage / part.folder, service.index(payloads(records)), records)
                        except (ServiceError, BadBundle, OSError) as exc:
                            failures.append(f"{part.folder}: {exc}")
        except ServiceError as exc:
            failures.append(str(exc))
            while work.get() is not None:  # let the producer finish
                pass

    threads = [threading.Thread(target=index_parts, daemon=True) for _ in range(max(1, min(jobs, len(parts))))]
    for t in threads:
        t.start()
    try:
        for part in parts:
            if failures:
                break
            work.put((part, tuple(shown(site, r, part.number, bodies[r.article]) for r in part.records)))
    finally:
        for _ in threads:
            work.put(None)
        for t in threads:
            t.join()
    if failures:
        raise failure(f"Pagefind failed: {failures[0]}; if the binary is broken, reinstall it: "
                      f"{FIX.removeprefix('install it with  ')}")
    return Indexed(time.perf_counter() - started, reused=False, parts=tuple(p.folder for p in parts))


def payloads(records: tuple[Shown, ...]) -> list[dict]:
    return [{"url": r.url, "content": r.folded, "language": r.language, "meta": {"title": r.folded_title},
             "filters": r.filters} for r in records]


class BadBundle(Exception):
    """Pagefind's files are not in the shape this module knows (a new version?)."""


def write_part(folder: Path, files: list[tuple[str, bytes]], records: tuple[Shown, ...]) -> None:
    """The bundle's files into `folder`, its fragments showing the text as written, its hash-map-ordered parts
    sorted (search.order); only after checking it is whole."""
    by_url = {r.url: r for r in records}
    kept = [(path, data) for path, data in files if "/" in path or path in KEPT_FILES or path.endswith(".pf_meta")
            or (path.startswith("wasm.") and path.endswith(".pagefind"))]
    names = {path for path, _ in kept}
    if ENTRY_FILE not in names or not any(p.endswith(".pf_meta") for p in names):
        raise BadBundle("the index has no entry or metadata file")
    empty = [path for path, data in kept if not data]
    if empty:
        raise BadBundle(f"{empty[0]} is empty")
    try:
        json.loads(dict(kept)[ENTRY_FILE])
    except ValueError:
        raise BadBundle(f"{ENTRY_FILE} is not JSON") from None
    for path, data in kept:
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(as_written(data, by_url) if path.startswith("fragment/") else data)
    search_order.stabilize(folder)


def as_written(data: bytes, records: dict[str, Shown]) -> bytes:
    """A fragment whose content is the text as written and whose meta is what a result shows. Pagefind's
    word positions count whitespace-separated words, and the folded text has one word for each written
    one, so its matches and excerpts fall on the written words."""
    raw = gzip.decompress(data)
    if not raw.startswith(FRAGMENT_SIGNATURE):
        raise BadBundle("a fragment has no signature")
    fragment = json.loads(raw[len(FRAGMENT_SIGNATURE):])
    record = records.get(fragment.get("url"))
    if record is None or not isinstance(fragment.get("content"), str):
        raise BadBundle(f"a fragment of an unknown page: {fragment.get('url')!r}")
    if len(fragment["content"].split()) != len(record.words.split()):
        raise BadBundle(f"the fragment of {record.url} does not have the words it was given")
    fragment["content"] = record.words
    fragment["meta"] = dict(record.meta)
    body = json.dumps(fragment, ensure_ascii=False, separators=(",", ":")).encode()
    return gzip.compress(FRAGMENT_SIGNATURE + body, compresslevel=9, mtime=0)
