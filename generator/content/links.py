"""Links inside articles: where a Markdown link to this site leads, and whether anything is there."""
from __future__ import annotations

import posixpath
import re
import unicodedata
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import Problem


def target(link: str, page: str, base_url: str) -> str | None:
    """The site path (unquoted, from the server root) a link on the page at `page` leads to;
    None for a link that leaves the site or stays on the page (#notes, mailto:, another host)."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        base = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or parts.netloc != base.netloc:
            return None
        path = parts.path or "/"
    elif not parts.path:
        return None
    else:
        path = parts.path
    path = unicodedata.normalize("NFC", unquote(path))
    if not path.startswith("/"):
        path = posixpath.join(page if page.endswith("/") else posixpath.dirname(page) + "/", path)
    folder = path.endswith(("/", "/.", "/..")) or path in (".", "..")
    path = posixpath.normpath(path)
    if path.startswith("//"):
        path = path[1:]
    return path + "/" if folder and path != "/" else path


def exists(path: str, base_path: str, outputs) -> bool:
    """Whether the built site has a page or file at `path` (a folder means its index.html)."""
    if not (path + "/").startswith(base_path):
        return False
    inner = path[len(base_path):] if path.startswith(base_path) else ""
    if not inner or inner.endswith("/"):
        return inner + "index.html" in outputs
    return inner in outputs or inner + "/index.html" in outputs


PICTURE_BEFORE = re.compile(r"!\[[^\]]*\]\(\s*<?$")  # what stands before the src of ![alt](src)


def line_of(text: str, link: str) -> int:
    """The first line of the article's file that holds the link, preferring one where it is not the src of
    a picture shown as its variants (0 when it is written some other way)."""
    first = 0
    for form in dict.fromkeys((link, unquote(link), link.replace("&", "&amp;"))):
        for number, line in enumerate(text.splitlines(), 1):
            at = line.find(form)
            while at >= 0:
                if not PICTURE_BEFORE.search(line[:at]):
                    return number
                first = first or number
                at = line.find(form, at + 1)
    return first


def checked_links(a, shown) -> list[str]:
    """The links of an article to check, once each: every href, and every picture's src but those of the
    pictures `shown` as their variants (`![alt](photo.jpg)`: the page shows photo-960w.….webp, not photo.jpg)."""
    left = Counter(a.links)
    left.subtract(src for src, _ in a.images if src in shown)
    return [link for link in dict.fromkeys(a.links) if left[link] > 0]


def broken_links(site, outputs, files: dict[str, Path], pictures: dict) -> list[Problem]:
    """A warning for every link of a published article to a page or file of this site that does not exist.

    `outputs`: every path the build writes (relative to output/); `files`: article source -> file on disk;
    `pictures`: article source -> {src: picture} of the pictures of its body published as variants."""
    config = site.config
    found = []
    for i in sorted(site.articles):
        a = site.articles[i]
        text = None
        for link in checked_links(a, pictures.get(i, {})):
            path = target(link, site.paths[i], config.base_url)
            if path is None or exists(path, config.base_path, outputs):
                continue
            if text is None:
                text = files[i].read_text(encoding="utf-8", errors="replace") if i in files else ""
            found.append(Problem(i, line_of(text, link), message(link, path, a.source, site), warning=True))
    return found


def message(link: str, path: str, source: str, site) -> str:
    if path.endswith(".md"):
        linked = posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(urlsplit(link).path)))
        linked = unicodedata.normalize("NFC", linked)
        if linked in site.articles:
            return (f'link "{link}" points at an article\'s file; link to its page instead: '
                    f"{site.urls.link(site.paths[linked])}")
    return f'link "{link}" leads nowhere: the site has no page or file at {path}'
