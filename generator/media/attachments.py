"""Files that are copied, not rendered: the files beside articles, static/, the theme's assets."""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from ..content.model import Site
from ..confine import escape, message, problem
from ..content.sources import ROBOTS_ADDITIONS, STATIC, Sources, ignored, source_of
from ..errors import Problems




@dataclass(frozen=True)
class Copy:
    target: str  # relative to output/
    source: Path
    digest: str
    producer: str
    data: bytes | None = None  # content to write instead of the source file (rewritten CSS)


def stat_digest(path: Path) -> str:
    st = path.stat()
    return f"copy:{st.st_size}:{st.st_mtime_ns}:{path}"


NOT_LOCAL = ("http://", "https://", "/", "#", "mailto:")  # another site, a site path, an anchor, an address


def local_reference(link: str) -> str | None:
    """A link that points at a file beside the article ("cover.jpg", "docs/report.pdf"), else None."""
    if link.startswith(NOT_LOCAL):  # most links of an article: decided without parsing them
        return None
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    path = unquote(parts.path)
    if path.endswith("/") or ".." in PurePosixPath(path).parts or path.endswith(".md"):
        return None
    return str(PurePosixPath(path))


def plan_copies(root: Path, sources: Sources, parsed, site: Site, assets, problems: Problems, pictures) -> list[Copy]:
    """A file beside an article is copied next to the page of each published article of its folder that
    uses it (as `image:` or a relative link); a file no article uses is copied next to every article of its
    folder, or, in a folder without articles, to the same path below /<lang>/. A picture shown only as a
    picture is published as its variants (`pictures`, planned by pictures.py); an image file published under
    its own name is a clean copy of it (no metadata)."""
    urls = site.urls
    by_source = {f.source: f for f in sources.files}
    folder_of = lambda source: str(PurePosixPath(source).parent)  # noqa: E731
    used: set = set()
    copies: list[Copy] = list(pictures.copies)
    articles_in: dict = defaultdict(list)

    def publish(f, target: str, producer: str) -> Copy:
        clean = pictures.clean(f)
        return Copy(target, clean[0], clean[1], producer) if clean else make(f.path, target, producer)

    for a in parsed:
        articles_in[folder_of(a.source)].append(a)
        refs = ([a.image] if a.image else []) + list(a.links)
        as_variants = Counter(pictures.replaced.get(a.source, ()))
        for ref in refs:
            rel = local_reference(ref)
            if rel is None:
                continue
            source = f"{folder_of(a.source)}/{rel}"
            if source in by_source:
                used.add(source)
                if as_variants[ref]:
                    as_variants[ref] -= 1  # shown as a picture: its variants are published instead
                elif a.source in site.articles:
                    page = urls.file(site.paths[a.source])
                    copies.append(publish(by_source[source], str(PurePosixPath(page).parent / rel), a.source))
    for f in sources.files:
        if f.source in used:
            continue
        folder = folder_of(f.source)
        published = [a for a in articles_in.get(folder, []) if a.source in site.articles]
        if articles_in.get(folder):
            for a in published:
                page = urls.file(site.paths[a.source])
                copies.append(publish(f, str(PurePosixPath(page).parent / PurePosixPath(f.source).name), f.source))
        else:
            below = PurePosixPath(*PurePosixPath(f.source).parts[1:])  # content/ar/x/y.pdf -> ar/x/y.pdf
            copies.append(publish(f, urls.file(urls.path() + str(below)), f.source))
    copies.extend(static_files(root, problems))
    for asset in assets:
        digest = hashlib.sha256(asset.data).hexdigest() if asset.data is not None else stat_digest(asset.source)
        copies.append(Copy(asset.target, asset.source, digest, f"theme: {asset.source.name}", asset.data))
    unique = {}
    for c in copies:
        unique.setdefault((c.target, c.producer), c)
    return sorted(unique.values(), key=lambda c: (c.target, c.producer))


def make(path: Path, target: str, producer: str) -> Copy:
    return Copy(target, path, stat_digest(path), producer)


def static_files(root: Path, problems: Problems) -> list[Copy]:
    static = root / STATIC
    if not static.is_dir():
        return []
    if why := problem(static, root):
        problems.error("static", 0, why)
        return []
    copies = []
    for path in sorted(static.rglob("*")):  # links to folders are not followed
        if any(ignored(part) for part in path.relative_to(static).parts) or not path.is_file():
            continue
        if path.is_symlink() and (why := escape(path, root)):
            problems.error(source_of(root, path), 0, "is a link to a file outside the site; copy the file instead"
                           if why == "outside" else message(why))
            continue
        if path.relative_to(root).as_posix() == ROBOTS_ADDITIONS:
            continue  # its lines are added to the generated robots.txt
        rel = path.relative_to(static).as_posix()
        copies.append(make(path, rel, source_of(root, path)))
    return copies
