"""Links inside articles: where a Markdown link to this site leads, whether anything is there, and the body of
an article with its links made absolute (for feeds)."""
from __future__ import annotations

import posixpath
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

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


def broken_links(site, outputs, files: dict[str, Path], pictures: dict, pending=frozenset()) -> list[Problem]:
    """A warning for every link of a published article to a page or file of this site that does not exist.

    `outputs`: every path the build writes (relative to output/); `files`: article source -> file on disk;
    `pictures`: article source -> {src: picture} of the pictures of its body published as variants;
    `pending`: the slugs of articles that failed to parse: a link to a page of that name may be theirs."""
    config = site.config
    found = []
    for i in sorted(site.articles):
        a = site.articles[i]
        text = None
        for link in checked_links(a, pictures.get(i, {})):
            path = target(link, site.paths[i], config.base_url)
            if path is None or exists(path, config.base_path, outputs):
                continue
            if pending and posixpath.basename(path.rstrip("/")) in pending:
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


# Attributes of the body HTML whose URLs a feed reader must get absolute.
URL_ATTRIBUTE = re.compile(r'(\s(?:href|src|poster|cite)=")([^"]*)(")')
SRCSET_ATTRIBUTE = re.compile(r'(\ssrcset=")([^"]*)(")')
# Characters XML 1.0 does not allow: a body holding one would make the whole feed unreadable.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def absolute(url: str, base: str) -> str:
    return urljoin(base, url) if url and not url.startswith(("data:", "javascript:")) else url


def absolute_links(html: str, base: str) -> str:
    """Body HTML for a feed: every href/src/srcset made absolute against the article's permalink,
    characters XML forbids removed. Plain text (not Markup), so that the feed template escapes it."""
    return absolute_body(str(html), base)


@lru_cache(maxsize=4096)
def absolute_body(html: str, base: str) -> str:
    """absolute_links, made once per article and permalink in a process: an article is in several feeds
    (its language's, its tags', its section's, its authors'), and this was 5 % of a full build."""
    html = NOT_XML.sub("", html)
    html = URL_ATTRIBUTE.sub(lambda m: m.group(1) + absolute(m.group(2), base) + m.group(3), html)

    def srcset(match):
        items = []
        for item in match.group(2).split(","):
            words = item.strip().split(None, 1)
            if words:
                items.append(" ".join([absolute(words[0], base), *words[1:]]))
        return match.group(1) + ", ".join(items) + match.group(3)

    return SRCSET_ATTRIBUTE.sub(srcset, html) if "srcset=" in html else html
