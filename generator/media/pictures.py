"""Which pictures each article shows: the variants to make (images.py) and to publish, the views for
templates, and the <picture> markup that replaces an <img> of an article body when a page is rendered.

A picture used only as a picture (`image:` or `![alt](photo.jpg)`) is published as its variants alone: the
original file, with its EXIF and GPS position, is not. An image file published under its own name (linked
with `[text](photo.jpg)`, or not used by any article of its folder) is published as a clean copy: upright,
full size, no metadata."""
# long because: one pass over every article's pictures (Pictures: the lead, the body's, the authors'
#   photos) and its rewriting of the body's <img>; the rewriting (rewrite, PictureBodies) can go to a module of its own
#   once issue 20's changes to it (the lead picture's loading) are merged.
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from .. import confine
from ..content.model import Site
from ..content.sources import Source, Sources
from ..errors import Problems
from ..pages.contract import Picture, fingerprint
from ..theme.settings import PictureSizes
from . import images
from .attachments import Copy, local_reference
from .images import ImageError, Info, Job, Store, Variant

# `sizes` defaults for the majalla theme: the article column is 60rem wide less its padding.
NAMES = {"picture": "", "card": "-card", "social": "-social", "portrait": "-portrait"}


@dataclass(frozen=True)
class Found:
    """A local picture reference, resolved."""

    path: Path  # on disk
    source: str  # "content/ar/2024/06/photo.jpg" or "static/images/x.jpg"
    folder: str  # the site path its variants are published in: "/ar/2024/06/slug/", "/images/"
    stem: str
    producer: str


@dataclass(frozen=True)
class Lead:
    url: str  # the largest fallback variant
    picture: Picture
    thumbnail: Picture
    social: str  # absolute URL
    social_size: tuple[int, int]


class Pictures:
    """Plans every picture of the published articles; collects the copies to publish and the jobs to run."""

    def __init__(self, root: Path, sources: Sources, site: Site, store: Store, sizes: PictureSizes,
                 problems: Problems):
        self.root, self.site, self.store, self.sizes, self.problems = root, site, store, sizes, problems
        self.urls = site.urls
        self.files = {f.source: f for f in sources.files}
        self.on_disk = {s.source: s.path for s in sources.articles}
        self.leads: dict[str, Lead] = {}
        self.bodies: dict[str, dict[str, Picture]] = {}  # article id -> {src as written: picture}
        self.replaced: dict[str, list[str]] = {}  # article id -> references published as variants only
        self.copies: list[Copy] = []
        self.wanted: dict[str, tuple[Path, Info, dict, tuple[str, int]]] = {}  # source -> what to make of it
        self.infos: dict[str, Info | ImageError] = {}
        self.failed: set[str] = set()  # files named like pictures, published under their name, that are not
        self.photos: dict[str, Picture] = {}  # author profile key -> its photo (authors/*.toml)
        self.profiles_said: set[str] = set()  # pictures whose malformed colour profile was said

    # ---- planning ---------------------------------------------------------------------------------
    def plan(self) -> "Pictures":
        for i in sorted(self.site.articles):
            a = self.site.articles[i]
            if a.image:
                self.plan_lead(a)
            pictures = {}
            for src, alt in a.images:
                where = (a.source, self.line_of(a.source, src))
                found = self.resolve(src, a, where)
                if found is None:
                    continue
                info = self.probe(found, src, where)
                if info is None:
                    continue
                if not alt.strip():
                    self.problems.warn(*where, f'picture "{src}" has no alt text: write ![what it shows]({src})')
                pictures[src] = self.view(found, info, "picture", self.sizes.body_sizes, where)
                self.replaced.setdefault(i, []).append(src)
            if pictures:
                self.bodies[i] = pictures
        for profile in self.site.profiles.profiles:
            if profile.photo:
                self.plan_photo(profile)
        return self

    def plan_photo(self, profile) -> None:
        """An author's photo: square variants in /authors/, never the original (its EXIF and GPS position)."""
        where = (profile.source, profile.photo_line)
        name = PurePosixPath(profile.photo)
        found = Found(self.root / profile.photo, profile.photo, self.urls.path("authors"), name.stem, profile.source)
        info = self.probe(found, name.name, where, "photo")
        if info is not None:
            self.photos[profile.key] = self.view(found, info, "portrait", self.sizes.portrait_sizes, where)

    def plan_lead(self, a) -> None:
        where = (a.source, a.line("image"))
        found = self.resolve(a.image, a, where)
        if found is None:
            return
        info = self.probe(found, a.image, where)
        if info is None:
            return
        if not a.image_alt:
            self.problems.warn(*where, f'image "{a.image}" has no image_alt: describe the picture for readers '
                                       "who cannot see it")
        picture = self.view(found, info, "picture", self.sizes.body_sizes, where)
        thumbnail = self.view(found, info, "card", self.sizes.card_sizes, where)
        social = self.publish(found, info, "social", where)[0]
        self.leads[a.source] = Lead(picture.src, picture, thumbnail,
                                    self.urls.absolute(self.path_of(found, social)), (social.width, social.height))
        self.replaced.setdefault(a.source, []).append(a.image)

    def resolve(self, ref: str, a, where) -> Found | None:
        """The file a reference names; None (and an error when it is missing) for what is not processed."""
        rel = local_reference(ref)
        if rel is not None:
            folder = str(PurePosixPath(a.source).parent)
            source = f"{folder}/{rel}"
            f = self.files.get(source)
            if f is None:
                self.problems.error(*where, f'image "{ref}" not found beside the article (looked for {source})')
                return None
            page = PurePosixPath(self.site.paths[a.source]) / PurePosixPath(rel).parent
            found = Found(f.path, source, str(page).rstrip("/") + "/", PurePosixPath(rel).stem, a.source)
        else:
            parts = urlsplit(ref)
            outside = ".." in PurePosixPath(unquote(parts.path)).parts
            if parts.scheme.lower() not in ("", "http", "https", "data") or outside:
                self.problems.error(*where, f'image "{ref}" is not a picture of the site nor a web address: give a '
                                            'file beside the article ("cover.jpg"), from the site root '
                                            '("/images/x.jpg") or on the web ("https://…")')
                return None
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                return None  # a picture on another site, or inline data: shown as it is
            rel = unquote(parts.path).lstrip("/")
            if not rel:
                return None
            if (self.root / "static" / rel).is_file():
                path, source = self.root / "static" / rel, f"static/{rel}"
                if why := confine.escape(path, self.root):
                    self.problems.error(*where, f'image "{ref}": static/{rel} {confine.message(why)}')
                    return None
            elif f"content/{rel}" in self.files:
                path, source = self.files[f"content/{rel}"].path, f"content/{rel}"
            else:
                self.problems.error(*where, f'image "{ref}" not found (looked for static/{rel} and content/{rel})')
                return None
            parent = str(PurePosixPath(rel).parent)
            found = Found(path, source, self.urls.path(parent if parent != "." else ""),
                          PurePosixPath(rel).stem, source)
        return None if found.path.suffix.lower() in images.PASS_THROUGH else found

    def probe(self, found: Found, ref: str, where, what: str = "image") -> Info | None:
        if found.source not in self.infos:
            try:
                self.infos[found.source] = self.store.probe(found.path, found.source)
            except ImageError as exc:
                self.infos[found.source] = exc
            except OSError as exc:
                self.infos[found.source] = ImageError(f"cannot be read: {exc.strerror or exc}")
        info = self.infos[found.source]
        if isinstance(info, ImageError):
            self.problems.error(*where, f'{what} "{ref}": {found.source} {info}')
            self.failed.add(found.source)  # said once: not warned again as a file published under its name
            return None
        self.note_profile(found.source, info, where)
        return info

    def note_profile(self, source: str, info: Info, where) -> None:
        """A malformed colour profile is left out of the files made: said once per picture, as a note."""
        if info.profile and source not in self.profiles_said:
            self.profiles_said.add(source)
            self.problems.note(*where, f"{source}: its colour profile (ICC) is not well-formed ({info.profile}); "
                                       "it is left out, and the picture is shown in standard colours (sRGB): "
                                       "export the picture again to keep its own")

    def publish(self, found: Found, info: Info, kind: str, where) -> tuple[Variant, ...]:
        """The variants of one kind: wanted from the cache, copied to the output beside the page."""
        made = images.variants(info, kind, self.sizes)
        entry = self.wanted.setdefault(found.source, (found.path, info, {}, where))
        for v in made:
            entry[2][v.name] = v
            target = self.urls.file(self.path_of(found, v))
            self.copies.append(Copy(target, self.store.path(v.name), f"image:{v.name}", found.producer))
        return made

    def path_of(self, found: Found, v: Variant) -> str:
        """The site path of a variant: "/ar/2024/06/slug/cover-960w.1a2b3c4d.webp"."""
        return f"{found.folder}{found.stem}{NAMES[v.kind]}-{v.width}w.{v.name[:8]}.{v.ext}"

    def view(self, found: Found, info: Info, kind: str, sizes: str, where) -> Picture:
        made = self.publish(found, info, kind, where)
        url = lambda v: self.urls.link(self.path_of(found, v))  # noqa: E731
        fallback = [v for v in made if v.format != "webp"]
        webp = [v for v in made if v.format == "webp"] if fallback else []
        fallback = fallback or list(made)
        largest = fallback[-1]
        return Picture(src=url(largest), srcset=", ".join(f"{url(v)} {v.width}w" for v in fallback),
                       type=largest.mime, webp=", ".join(f"{url(v)} {v.width}w" for v in webp),
                       width=largest.width, height=largest.height, sizes=sizes)

    def clean(self, f: Source) -> tuple[Path, str] | None:
        """An image file published under its own name: (its clean copy in the cache, its digest)."""
        if f.path.suffix.lower() not in images.RASTER:
            return None
        where = (f.source, 0)
        info = self.infos.get(f.source)
        if info is None:
            try:
                info = self.infos[f.source] = self.store.probe(f.path, f.source)
            except (ImageError, OSError) as exc:
                info = self.infos[f.source] = ImageError(str(exc))
        if isinstance(info, ImageError):  # not shown as a picture: published as it is, with a warning
            if f.source not in self.failed:
                self.failed.add(f.source)
                self.problems.warn(f.source, 0, f"{info}; it is published as it is")
            return None
        self.note_profile(f.source, info, where)
        (v,) = images.variants(info, "clean", self.sizes)
        self.wanted.setdefault(f.source, (f.path, info, {}, where))[2][v.name] = v
        return self.store.path(v.name), f"image:{v.name}"

    def line_of(self, source: str, ref: str) -> int:
        """The line of the body that holds a reference (1 when it cannot be found)."""
        try:
            lines = self.on_disk[source].read_text(encoding="utf-8-sig").splitlines()
        except (KeyError, OSError, UnicodeDecodeError):
            return 1
        start = next((n for n, line in enumerate(lines[1:], 2) if line.strip() == "---"), 0) \
            if lines and lines[0].strip() == "---" else 0  # the body starts after the front matter
        for n, line in enumerate(lines[start:], start + 1):
            if ref in line or unquote(ref) in line or html.escape(ref) in line:
                return n
        return 1

    # ---- results ----------------------------------------------------------------------------------
    def jobs(self) -> list[Job]:
        """What the cache lacks, one job per source."""
        todo, claimed = [], set()  # two sources with the same bytes share their variants
        for source in sorted(self.wanted):
            path, info, variants, where = self.wanted[source]
            missing = tuple(v for name, v in sorted(variants.items())
                            if name not in claimed and not self.store.has(name))
            claimed.update(variants)
            if missing:
                todo.append(Job(path, info, missing, where))
        return todo

    def cached_names(self) -> set[str]:
        return {name for _, _, variants, _ in self.wanted.values() for name in variants}

    def body_digest(self, article_id: str) -> str:
        pictures = self.bodies.get(article_id)
        return fingerprint(sorted((src, p.digest) for src, p in pictures.items())) if pictures else ""


# ---- bodies, at render time ---------------------------------------------------------------------------
IMG = re.compile(r"<img\b([^>]*?)\s*/?>")
ATTR = re.compile(r'([^\s=/>"]+)(?:\s*=\s*"([^"]*)")?')
REPLACED_ATTRS = ("src", "srcset", "sizes", "width", "height", "loading", "decoding")


def rewrite(body: str, pictures: dict[str, Picture]) -> str:
    """Every <img> of a body whose src is a processed picture becomes a responsive <picture>."""
    if not pictures:
        return body

    def one(match: re.Match) -> str:
        attrs = ATTR.findall(match.group(1))
        src = next((html.unescape(v) for k, v in attrs if k == "src"), None)
        picture = pictures.get(src) if src is not None else None
        if picture is None:
            return match.group(0)
        kept = "".join(f' {k}="{v}"' for k, v in attrs if k not in REPLACED_ATTRS)
        return picture_html(picture, kept)

    return IMG.sub(one, body)


def picture_html(p: Picture, attributes: str) -> str:
    """The markup of the theme's picture macro, for pictures inside article bodies (loaded lazily)."""
    e = html.escape
    source = f'<source type="image/webp" srcset="{e(p.webp)}" sizes="{e(p.sizes)}">' if p.webp else ""
    return (f'<picture>{source}<img{attributes} src="{e(p.src)}" srcset="{e(p.srcset)}" sizes="{e(p.sizes)}" '
            f'width="{p.width}" height="{p.height}" loading="lazy" decoding="async"></picture>')


class PictureBodies:
    """Article bodies with their pictures rewritten: wraps the cache's bodies in the render workers."""

    def __init__(self, bodies, pictures: dict[str, dict[str, Picture]]):
        self.inner, self.pictures = bodies, pictures

    def __getitem__(self, article_id: str) -> str:
        return rewrite(self.inner[article_id], self.pictures.get(article_id, {}))
