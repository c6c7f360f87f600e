"""Read a WordPress eXtended RSS (WXR) export safely: no entity expansion, no external entities (defusedxml).

The export becomes plain frozen records (Export, Item, Term); what they mean is decided in importer.py."""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from ..errors import BuildError, Problem

LINE = "{majalla}line"  # where an element starts in the export, set while parsing
CHUNK = 1 << 20


@dataclass(frozen=True)
class Term:
    domain: str  # category, post_tag, language (Polylang), post_translations (Polylang), post_format...
    slug: str  # nicename, as WordPress stores it (percent-encoded for Arabic)
    name: str


@dataclass(frozen=True)
class Item:
    """One <item>: a post, page, attachment, revision, menu entry..."""

    line: int
    id: int
    type: str
    status: str
    title: str
    link: str
    creator: str  # the author's login
    content: str  # HTML (with shortcodes and block comments)
    excerpt: str
    name: str  # the slug, percent-encoded
    password: str
    date: str  # "2024-06-26 10:30:00", the WordPress site's local time
    date_gmt: str  # "0000-00-00 00:00:00" for drafts never published
    modified_gmt: str
    parent: int
    order: int  # menu_order: a gallery's order
    attachment_url: str
    terms: tuple[Term, ...]
    meta: tuple[tuple[str, str], ...]

    def terms_of(self, domain: str) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.domain == domain)

    def meta_value(self, key: str) -> str:
        return next((v for k, v in self.meta if k == key), "")


@dataclass(frozen=True)
class Export:
    source: str  # the file, as given, for messages
    title: str
    site_url: str  # where the blog was: "https://old.example.ma" or ".../blog"
    authors: tuple[tuple[str, str], ...]  # (login, display name)
    items: tuple[Item, ...]


class LineBuilder(ElementTree.TreeBuilder):
    """A tree builder that notes the line where each <item> starts."""

    parser = None

    def start(self, tag, attrs):
        element = super().start(tag, attrs)
        if tag == "item" and self.parser is not None:
            element.set(LINE, str(self.parser.parser.CurrentLineNumber))
        return element


def refused(exc: DefusedXmlException) -> str:
    if isinstance(exc, EntitiesForbidden):
        if exc.sysid or exc.pubid:
            return (f'refused: it declares the external entity "{exc.name}" ({exc.sysid or exc.pubid}), which would '
                    f"make the reader open another file or address; a WordPress export has none")
        return (f'refused: it declares the entity "{exc.name}"; entities can expand into gigabytes '
                f"(an XML bomb), and a WordPress export has none")
    if isinstance(exc, ExternalReferenceForbidden):
        return (f"refused: it refers to an external resource ({exc.sysid or exc.pubid}); "
                f"a WordPress export has none")
    if isinstance(exc, DTDForbidden):
        return "refused: it has a document type declaration (<!DOCTYPE …>), which a WordPress export has not"
    return f"refused: {exc}"


def parse(path: Path, shown: str) -> ElementTree.Element:
    builder = LineBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    builder.parser = parser
    try:
        with path.open("rb") as f:
            while chunk := f.read(CHUNK):
                parser.feed(chunk)
        return parser.close()
    except OSError as exc:
        raise BuildError([Problem(shown, 0, f"cannot be read: {exc.strerror or exc}")]) from None
    except DefusedXmlException as exc:
        raise BuildError([Problem(shown, parser.parser.CurrentLineNumber, refused(exc))]) from None
    except ElementTree.ParseError as exc:
        line = exc.position[0] if exc.position else 0
        raise BuildError([Problem(shown, line, f"is not well-formed XML ({exc}); export it again from "
                                                f"WordPress (Tools → Export) and do not edit it by hand")]) from None


def prefix(tag: str) -> tuple[str, str]:
    """("wp", "post_id") for "{http://wordpress.org/export/1.2/}post_id": WXR 1.0, 1.1 and 1.2 alike,
    under http:// or https:// (both are written by WordPress and the tools that make exports)."""
    if not tag.startswith("{"):
        return "", tag
    ns, _, name = tag[1:].partition("}")
    if ns.startswith(("http://wordpress.org/export/", "https://wordpress.org/export/")):
        return ("excerpt" if ns.rstrip("/").endswith("excerpt") else "wp"), name
    if ns.startswith("http://purl.org/rss/1.0/modules/content"):
        return "content", name
    if ns.startswith("http://purl.org/dc/elements"):
        return "dc", name
    return ns, name


def fields(element: ElementTree.Element) -> dict:
    """{"wp:post_id": text, ...}: the first child of each name, text stripped of surrounding space."""
    out: dict = {}
    for child in element:
        ns, name = prefix(child.tag)
        out.setdefault(f"{ns}:{name}" if ns else name, (child.text or "").strip())
    return out


def number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 0


def item_of(element: ElementTree.Element) -> Item:
    f = fields(element)
    terms = tuple(Term(c.get("domain", ""), c.get("nicename", ""), html.unescape((c.text or "").strip()))
                  for c in element.findall("category"))
    meta = []
    for m in element:
        if prefix(m.tag) == ("wp", "postmeta"):
            values = fields(m)
            meta.append((values.get("wp:meta_key", ""), values.get("wp:meta_value", "")))
    content = next((c.text or "" for c in element if prefix(c.tag) == ("content", "encoded")), "")
    return Item(
        line=number(element.get(LINE, "0")), id=number(f.get("wp:post_id", "0")),
        type=f.get("wp:post_type", "post"), status=f.get("wp:status", ""),
        title=html.unescape(f.get("title", "")), link=f.get("link", ""), creator=f.get("dc:creator", ""),
        content=content, excerpt=f.get("excerpt:encoded", ""), name=f.get("wp:post_name", ""),
        password=f.get("wp:post_password", ""), date=f.get("wp:post_date", ""),
        date_gmt=f.get("wp:post_date_gmt", ""), modified_gmt=f.get("wp:post_modified_gmt", ""),
        parent=number(f.get("wp:post_parent", "0")), order=number(f.get("wp:menu_order", "0")),
        attachment_url=f.get("wp:attachment_url", ""),
        terms=terms, meta=tuple(meta),
    )


def read(path: Path, shown: str | None = None) -> Export:
    """The export at `path`; a BuildError (`file:line: message`) when it is unsafe, broken or not WXR."""
    shown = shown or str(path)
    root = parse(path, shown)
    channel = root.find("channel")
    if root.tag != "rss" or channel is None or not any(prefix(c.tag)[0] == "wp" for c in channel):
        raise BuildError([Problem(shown, 1, "is not a WordPress export (WXR): expected <rss> with a <channel> "
                                            "of wp: elements; make one in WordPress with Tools → Export")])
    top = fields(channel)
    authors = []
    for a in channel:
        if prefix(a.tag) == ("wp", "author"):
            values = fields(a)
            login = values.get("wp:author_login", "")
            authors.append((login, html.unescape(values.get("wp:author_display_name", "")) or login))
    return Export(
        source=shown, title=html.unescape(top.get("title", "")),
        site_url=top.get("wp:base_blog_url") or top.get("link", ""),
        authors=tuple(authors), items=tuple(item_of(e) for e in channel.findall("item")),
    )
