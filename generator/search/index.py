"""Full-text search: Pagefind indexes the staged output, one index per language (by <html lang>).

Article pages mark what is indexed (data-pagefind-body on the headline, body and tags) and carry, in
partials/search-index.html, their filters (section, year), the metadata a result shows, and the
*search forms*: every word whose Arabic-folded form (no tashkeel, tatweel or hamza on alef) differs from
how it is written. Pagefind's Arabic stemmer folds most of that itself; the forms cover the rest (ٱ, and
languages Pagefind has no stemmer for). The search page folds the query the same way (search.js) and
builds excerpts from the original text only.

The index is rebuilt on the staged tree whenever a page changed (so a failure leaves output/ whole);
when only other files changed, the previous index is hard-linked into the stage."""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError, Problem, Problems
from . import order as search_order

BUNDLE = "pagefind"  # the folder of the index, below output/
ENTRY = f"{BUNDLE}/pagefind-entry.json"  # stands for the whole index in the output records
SCHEME = "1"  # bump when what is indexed changes in a way page digests do not show
FIX = 'install it with  pip install "pagefind[bin]"  (or build without search: --no-search)'


# ---- what the build asks ------------------------------------------------------------------------------
def pagefind_version() -> str:
    try:
        return importlib.metadata.version("pagefind_bin")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def indexable(site) -> bool:
    """Is there anything to index? Pagefind refuses to make an index of no page, so a site with no
    published article (a new one, an import of drafts) has none, and its search pages say so."""
    return any(edition.articles for edition in site.editions)


def index_digest(digests: dict[str, str]) -> str:
    """The index changes when any page does (which pages carry data-pagefind-body is up to templates)."""
    pages = sorted((p, d) for p, d in digests.items() if p.endswith(".html"))
    blob = json.dumps(["search", SCHEME, pagefind_version(), pages], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


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
    reused: bool


def build_index(binary: Path, stage: Path, languages: tuple[str, ...]) -> Indexed:
    """Index the article pages of the staged tree into <stage>/pagefind/. Raises BuildError on failure;
    the caller discards the stage, so no half-written index is ever published."""
    started = time.perf_counter()
    # article pages only (/<lang>/<yyyy>/<mm>/<slug>/); data-pagefind-body skips the few others that match
    glob = ("{" + ",".join(languages) + "}" if len(languages) > 1 else languages[0]) + "/*/*/*/index.html"
    command = [str(binary), "--site", str(stage), "--output-subdir", BUNDLE, "--glob", glob, "--quiet"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace")
    except OSError as exc:
        raise failure(f"Pagefind could not run ({binary}: {exc.strerror or exc}); {FIX}") from None
    if result.returncode != 0 or not (stage / ENTRY).is_file():
        said = "\n".join((result.stderr + result.stdout).strip().splitlines()[-8:])
        what = f"failed (exit code {result.returncode})" if result.returncode else "wrote no index"
        raise failure(f"Pagefind {what}{': ' + said if said else ''}; "
                      f"if the binary is broken, reinstall it: {FIX.removeprefix('install it with  ')}")
    search_order.stabilize(stage / BUNDLE)
    return Indexed(time.perf_counter() - started, reused=False)


def reuse_index(out: Path, stage: Path) -> Indexed | None:
    """Hard-link the previous build's index into the stage; None when there is no whole one to link."""
    started = time.perf_counter()
    source = out / BUNDLE
    if not (out / ENTRY).is_file():
        return None
    try:
        for path in sorted(source.rglob("*")):
            target = stage / path.relative_to(out)
            if path.is_dir():
                target.mkdir(parents=True, exist_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(path, target)
                except OSError:
                    target.write_bytes(path.read_bytes())
    except OSError:
        shutil.rmtree(stage / BUNDLE, ignore_errors=True)
        return None
    return Indexed(time.perf_counter() - started, reused=True)
