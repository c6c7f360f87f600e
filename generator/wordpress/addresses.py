"""The old site's addresses and the new ones: each imported post's WordPress address as a site path (its
alias, where the build writes a redirect), and the links between posts rewritten to the new articles, with
their #fragment, so that a link inside the archive never goes through the old site or a redirect.

An old address is a path from the new site's root: the path of the post on the old site, less the folder
the new site is served from when the old site was in that same folder (https://example.ma/blog/x/ for a
site at https://example.ma/blog/ is /x/; for a site at https://example.ma/ it stays /blog/x/)."""
from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

from ..content import aliases as old_urls

HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)


def site_path(url: str, base_path: str) -> tuple[str | None, str]:
    """An old address as a path of the new site ("/2024/06/26/سوق-السمك/"), or (None, why it cannot be one)."""
    parts = urlsplit(url)
    base = base_path.rstrip("/")
    path = parts.path[len(base):] if base and parts.path.startswith(base + "/") else parts.path
    return old_urls.normalize(path + (f"?{parts.query}" if parts.query else ""))


def hosts_of(*urls: str) -> frozenset[str]:
    return frozenset(h for h in ((urlsplit(u).hostname or "") for u in urls) if h)


@dataclass(frozen=True)
class Addresses:
    """Where each imported post was and is: old path -> new URL, WordPress id -> new URL."""

    hosts: frozenset[str]  # the old site's host names
    base_path: str  # the new site's folder ("/" or "/magazine/")
    by_path: dict  # "/2024/06/26/x/" -> "/ar/2024/06/x/"
    by_id: dict  # 123 -> "/ar/2024/06/x/"

    def target(self, url: str) -> tuple[str, str] | None:
        """(the new URL, the #fragment) of a link to a post of the old site, or None."""
        parts = urlsplit(html.unescape(url.strip()))
        root_relative = not parts.scheme and not parts.netloc and parts.path.startswith("/")
        if not root_relative and (parts.scheme not in ("http", "https") or (parts.hostname or "") not in self.hosts):
            return None
        query = parse_qs(parts.query)
        for key in ("p", "page_id"):
            if query.get(key, [""])[0].isdigit() and parts.path.rstrip("/") in ("", "/index.php"):
                new = self.by_id.get(int(query[key][0]))
                return (new, parts.fragment) if new else None
        path, _ = site_path(parts._replace(query="", fragment="").geturl(), self.base_path)
        new = self.by_path.get(path)
        return (new, parts.fragment) if new else None

    def link(self, url: str, anchor=lambda name: name) -> str | None:
        """The new address of a link to a post of the old site (fragment kept, as `anchor` names it), or None."""
        found = self.target(url)
        if found is None:
            return None
        new, fragment = found
        return quote(new) + (f"#{anchor(fragment)}" if fragment else "")

    def fragments(self, contents) -> dict:
        """{new URL: the #fragments other posts link to}, so that the target keeps those ids."""
        wanted: dict = defaultdict(set)
        for content in contents:
            for m in HREF.finditer(content):
                found = self.target(m.group(1) or m.group(2) or "")
                if found and found[1]:
                    wanted[found[0]].add(found[1])
        return wanted


def addresses_of(pairs, hosts: frozenset[str], base_path: str) -> Addresses:
    """`pairs`: (WordPress id, old address, new URL) of each published post."""
    by_path, by_id = {}, {}
    for post_id, link, new in pairs:
        by_id[post_id] = new
        path, _ = site_path(link, base_path) if link else (None, "")
        if path:
            by_path.setdefault(path, new)
    return Addresses(hosts, base_path, by_path, by_id)


def built_file(alias: str, codes: tuple[str, ...]) -> str:
    """Why an alias cannot be a redirect page because the build writes a file or page there ("" if it can):
    the home pages, /sitemap.xml, /robots.txt, /404.html, a language's feeds and 404 page, assets/, pagefind/."""
    segments = [s for s in alias.strip("/").split("/") if s]
    root_files = ("sitemap.xml", "robots.txt", "404.html")
    built = (not segments or segments[0] in ("assets", "pagefind", "old-links")
             or (len(segments) == 1 and (segments[0] in root_files or segments[0] in codes))
             or (segments[0] in codes and segments[-1] in ("feed.xml", "404.html")))
    return f"/{'/'.join(segments)} is a file or page the build makes: no redirect" if built else ""
