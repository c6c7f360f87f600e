"""The hreflang alternates of a whole built site, checked as a search engine reads them.

A page that lists alternates is one version in a cluster of versions of one page. The cluster is valid
when every page A that lists B is listed back by B, with the same set: each version lists every version,
itself included, under the hreflang of its language (and x-default for one of them); each is the canonical
URL of itself; each hreflang names the language the page is in. The sitemap's alternates are the same
graph. `hreflang_problems(out)` returns what breaks this, one line per problem; [] for a valid site."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Head:
    lang: str
    canonical: tuple[str, ...]  # output files the canonical links lead to
    alternates: tuple[tuple[str, str], ...]  # (hreflang, output file), in the order of the page


def file_of(url: str, base: str) -> str:
    """The output file (relative to output/) an absolute URL or site path leads to; "" for another site."""
    parts, home = urlsplit(url), urlsplit(base)
    path, prefix = unquote(parts.path), home.path or "/"
    if (parts.scheme, parts.netloc) not in (("", ""), (home.scheme, home.netloc)) or not path.startswith(prefix):
        return ""
    inner = path[len(prefix):]
    return inner + "index.html" if inner.endswith("/") or not inner else inner


def head_of(page: Path, base: str) -> Head:
    doc = lxml_html.fromstring(page.read_bytes())
    links = doc.xpath("//head/link[@rel='alternate'][@hreflang]")
    return Head(doc.get("lang") or "",
                tuple(file_of(e.get("href"), base) for e in doc.xpath("//head/link[@rel='canonical']")),
                tuple((e.get("hreflang"), file_of(e.get("href"), base)) for e in links))


def sitemap_graph(out: Path, base: str) -> dict[str, tuple[tuple[str, str], ...]]:
    """{output file: its (hreflang, output file) alternates} of every sitemap of the site."""
    graph = {}
    for sitemap in sorted(out.glob("sitemap*.xml")):
        root = ET.parse(sitemap).getroot()
        for url in root.iter(f"{SITEMAP}url"):
            graph[file_of(url.findtext(f"{SITEMAP}loc"), base)] = tuple(
                (a.get("hreflang"), file_of(a.get("href"), base)) for a in url.findall(f"{XHTML}link"))
    return graph


def hreflang_problems(out: Path, base: str) -> list[str]:
    """Every way the site's hreflang clusters are broken. `base` is the site's base_url."""
    heads = {p.relative_to(out).as_posix(): head_of(p, base) for p in sorted(out.rglob("*.html"))}
    problems = []
    for name, head in heads.items():
        if not head.alternates:
            continue
        cluster = dict(head.alternates)
        if len(cluster) != len(head.alternates):
            problems.append(f"{name}: lists one hreflang twice: {[h for h, _ in head.alternates]}")
        if name not in cluster.values():
            problems.append(f"{name}: lists alternates {sorted(cluster.values())} but not itself")
        if head.canonical != (name,):
            problems.append(f"{name}: is in a hreflang cluster but its canonical is {list(head.canonical)}")
        if cluster.get(head.lang) not in (None, name):
            problems.append(f"{name}: its own language {head.lang} is listed as {cluster[head.lang]}")
        for hreflang, target in head.alternates:
            other = heads.get(target)
            if other is None:
                problems.append(f"{name}: {hreflang} alternate {target!r} is not a page of the site")
                continue
            if dict(other.alternates) != cluster:
                problems.append(f"{name}: lists {target} ({hreflang}), which lists "
                                f"{dict(other.alternates) or 'no alternates'} instead of {cluster}")
            if hreflang != "x-default" and other.lang != hreflang:
                problems.append(f"{name}: {target} is listed as {hreflang} but is in {other.lang!r}")
        if "x-default" in cluster and cluster["x-default"] not in {v for k, v in cluster.items() if k != "x-default"}:
            problems.append(f"{name}: x-default {cluster['x-default']} is none of the languages' versions")
    for name, alternates in sitemap_graph(out, base).items():
        page = heads.get(name)
        if page is not None and dict(alternates) != dict(page.alternates):
            problems.append(f"sitemap: {name} has the alternates {dict(alternates)}, its page {dict(page.alternates)}")
    return problems
