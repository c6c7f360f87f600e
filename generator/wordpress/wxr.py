"""Read a WordPress eXtended RSS (WXR) export safely: no entity expansion, no external entities (defusedxml).

The export becomes plain frozen records (Export, Item, WordPressTerm, Comment); what they mean is decided in importer.py.
Items are read as they stream by (each <item> made a record at its end tag, then its elements freed), so a
large export costs its text, not its element tree. As WordPress's own importer does, the `wp:` elements are
those of whatever namespace the document binds to the prefix `wp` (WXR 1.0 to 1.2, http:// or https://, or
any other URI), and a document without `wp:wxr_version` is not an export."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from ..errors import BuildError, Problem
from .files import CHUNK, Document, documents, encoding_of

PREFIXES = ("wp", "excerpt", "content", "dc")
KNOWN = (("wordpress.org/export/", "wp"), ("purl.org/rss/1.0/modules/content", "content"),
         ("purl.org/dc/elements", "dc"))
VERSION = re.compile(r"^\d+\.\d+$")
NOT_WXR = ("is not a WordPress export (WXR): expected <rss> with a <channel> of wp: elements and a "
           "<wp:wxr_version>; make one in WordPress with Tools → Export")


@dataclass(frozen=True)
class WordPressTerm:
    """A category, tag or other term of an item, as the export gives it (not content.model.Term, a page of the site)."""

    domain: str  # category, post_tag, language (Polylang), post_translations (Polylang), post_format...
    slug: str  # nicename, as WordPress stores it (percent-encoded for Arabic); "" for a plain RSS category
    name: str


@dataclass(frozen=True)
class Comment:
    """A reader's comment, without what must never be published: no e-mail, no IP, no website."""

    id: int
    parent: int
    author: str
    date: str  # the site's local time
    date_gmt: str
    content: str  # HTML
    approved: str  # "1", "0", "spam", "trash"
    type: str  # "" or "comment", "pingback", "trackback"...


@dataclass(frozen=True)
class Item:
    """One <item>: a post, page, attachment, revision, menu entry, reusable block..."""

    line: int
    source: str  # the document it comes from, for messages
    id: int
    type: str
    status: str
    title: str
    link: str
    guid: str
    creator: str  # the author's login
    content: str  # HTML (with shortcodes and block comments)
    excerpt: str
    name: str  # the slug, percent-encoded
    password: str
    date: str  # "2024-06-26 10:30:00", the WordPress site's local time
    date_gmt: str  # "0000-00-00 00:00:00" for drafts never published
    modified: str
    modified_gmt: str
    parent: int
    order: int  # menu_order: a gallery's order
    attachment_url: str
    sticky: bool
    terms: tuple[WordPressTerm, ...]
    meta: tuple[tuple[str, str], ...]
    comments: tuple[Comment, ...]

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"

    def terms_of(self, domain: str) -> tuple[WordPressTerm, ...]:
        return tuple(t for t in self.terms if t.domain == domain)

    def meta_value(self, key: str) -> str:
        return next((v for k, v in self.meta if k == key), "")


@dataclass(frozen=True)
class Export:
    source: str  # the file, as given, for messages
    title: str
    site_url: str  # where the blog was: "https://old.example.ma" or ".../blog" (base_blog_url, else <link>)
    home_url: str  # where WordPress was installed, the root of /wp-content/uploads/ (base_site_url, else site_url)
    language: str  # the channel's <language>: "ar", "en-US"... ("" when it has none)
    authors: tuple[tuple[str, str], ...]  # (login, display name)
    categories: tuple[tuple[int, str, str], ...]  # (term id, taxonomy, slug) of the channel's terms
    items: tuple[Item, ...]
    notes: tuple[str, ...] = ()  # what the reader had to decide (an encoding it did not trust)


class Reader(ElementTree.TreeBuilder):
    """A tree builder that keeps the channel's own elements, makes each <item> a record as it ends (then
    drops its elements), and notes the namespaces bound to each prefix."""

    def __init__(self, shown: str):
        super().__init__()
        self.shown, self.parser, self.items, self.bound, self.depth = shown, None, [], {}, 0
        self.names: dict[str, str] = {}  # namespace URI -> the WXR prefix it stands for

    def start_ns(self, prefix: str, uri: str) -> None:
        if prefix in PREFIXES:
            self.bound.setdefault(prefix, uri)
            self.names.setdefault(uri, prefix)

    def start(self, tag, attrs):
        element = super().start(tag, attrs)
        if tag == "item":
            element.set("{majalla}line", str(self.parser.parser.CurrentLineNumber))
        return element

    def end(self, tag):
        element = super().end(tag)
        if tag == "item":
            self.items.append(self.item_of(element))
            element.clear()
        return element

    def prefix(self, tag: str) -> tuple[str, str]:
        """("wp", "post_id") for "{<the URI bound to wp:>}post_id"."""
        if not tag.startswith("{"):
            return "", tag
        ns, _, name = tag[1:].partition("}")
        known = self.names.get(ns)
        if known is None:
            known = next((p for part, p in KNOWN if part in ns), ns)
            if known == "wp" and ns.rstrip("/").endswith("excerpt"):
                known = "excerpt"
        return known, name

    def fields(self, element) -> dict:
        """{"wp:post_id": text, ...}: the first child of each name, text stripped of surrounding space."""
        out: dict = {}
        for child in element:
            ns, name = self.prefix(child.tag)
            out.setdefault(f"{ns}:{name}" if ns else name, (child.text or "").strip())
        return out

    def item_of(self, element) -> Item:
        f = self.fields(element)
        terms = tuple(WordPressTerm(c.get("domain", ""), c.get("nicename", ""), html.unescape((c.text or "").strip()))
                      for c in element.findall("category"))
        meta, comments, content = [], [], ""
        for child in element:
            kind = self.prefix(child.tag)
            if kind == ("wp", "postmeta"):
                values = self.fields(child)
                meta.append((values.get("wp:meta_key", ""), values.get("wp:meta_value", "")))
            elif kind == ("wp", "comment"):
                comments.append(self.comment_of(child))
            elif kind == ("content", "encoded") and not content:
                content = child.text or ""
        return Item(
            line=number(element.get("{majalla}line", "0")), source=self.shown, id=number(f.get("wp:post_id", "0")),
            type=f.get("wp:post_type", "post") or "post", status=f.get("wp:status", ""),
            title=f.get("title", ""), link=f.get("link", ""), guid=f.get("guid", ""), creator=f.get("dc:creator", ""),
            content=content, excerpt=f.get("excerpt:encoded", ""), name=f.get("wp:post_name", ""),
            password=f.get("wp:post_password", ""), date=f.get("wp:post_date", ""),
            date_gmt=f.get("wp:post_date_gmt", ""), modified=f.get("wp:post_modified", ""),
            modified_gmt=f.get("wp:post_modified_gmt", ""), parent=number(f.get("wp:post_parent", "0")),
            order=number(f.get("wp:menu_order", "0")), attachment_url=f.get("wp:attachment_url", ""),
            sticky=f.get("wp:is_sticky", "0") == "1", terms=terms, meta=tuple(meta), comments=tuple(comments),
        )

    def comment_of(self, element) -> Comment:
        f = self.fields(element)  # comment_author_email, _IP and _url are never read
        return Comment(id=number(f.get("wp:comment_id", "0")), parent=number(f.get("wp:comment_parent", "0")),
                       author=html.unescape(f.get("wp:comment_author", "")), date=f.get("wp:comment_date", ""),
                       date_gmt=f.get("wp:comment_date_gmt", ""), content=f.get("wp:comment_content", ""),
                       approved=f.get("wp:comment_approved", ""), type=f.get("wp:comment_type", ""))


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


def parse(document: Document, encoding: str | None) -> tuple[ElementTree.Element, Reader]:
    reader = Reader(document.shown)
    parser = DefusedXMLParser(target=reader, encoding=encoding, forbid_dtd=False, forbid_entities=True,
                              forbid_external=True)
    reader.parser = parser
    shown = document.shown
    try:
        with document.open() as f:
            while chunk := f.read(CHUNK):
                parser.feed(chunk)
        return parser.close(), reader
    except OSError as exc:
        raise BuildError([Problem(shown, 0, f"cannot be read: {exc.strerror or exc}")]) from None
    except DefusedXmlException as exc:
        raise BuildError([Problem(shown, parser.parser.CurrentLineNumber, refused(exc))]) from None
    except ElementTree.ParseError as exc:
        line = exc.position[0] if exc.position else 0
        raise BuildError([Problem(shown, line, f"is not well-formed XML ({exc}); export it again from "
                                               f"WordPress (Tools → Export) and do not edit it by hand")]) from None


def number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 0


def read_document(document: Document):
    """(channel fields, reader, notes) of one XML document of an export."""
    encoding, said = encoding_of(document)
    root, reader = parse(document, encoding)
    channel = root.find("channel")
    top = reader.fields(channel) if channel is not None else {}
    if root.tag != "rss" or channel is None or not VERSION.match(top.get("wp:wxr_version", "")):
        raise BuildError([Problem(document.shown, 1, NOT_WXR)])
    return channel, top, reader, (said,) if said else ()


def read(path, shown: str | None = None) -> Export:
    """The export at `path` (.xml, .xml.gz or .zip); a BuildError (`file:line: message`) when it is unsafe,
    broken or not WXR."""
    path = Path(path)
    shown = shown or str(path)
    title = site_url = home_url = language = ""
    authors, categories, items, notes = [], [], [], []
    for document in documents(path, shown):
        channel, top, reader, said = read_document(document)
        notes.extend(said)
        title = title or html.unescape(top.get("title", ""))
        site_url = site_url or top.get("wp:base_blog_url") or top.get("link", "") or top.get("wp:base_site_url", "")
        home_url = home_url or top.get("wp:base_site_url", "")
        language = language or top.get("language", "")
        for child in channel:
            kind = reader.prefix(child.tag)
            if kind == ("wp", "author"):
                values = reader.fields(child)
                login = values.get("wp:author_login", "")
                authors.append((login, html.unescape(values.get("wp:author_display_name", "")) or login))
            elif kind in (("wp", "category"), ("wp", "tag"), ("wp", "term")):
                values = reader.fields(child)
                taxonomy = {"category": "category", "tag": "post_tag"}.get(kind[1]) or values.get("wp:term_taxonomy", "")
                slug = values.get("wp:category_nicename") or values.get("wp:tag_slug") or values.get("wp:term_slug", "")
                categories.append((number(values.get("wp:term_id", "")), taxonomy, slug))
        items.extend(reader.items)
    return Export(source=shown, title=title, site_url=site_url, home_url=home_url or site_url, language=language,
                  authors=tuple(dict.fromkeys(authors)), categories=tuple(categories), items=tuple(items),
                  notes=tuple(notes))
