"""Text fidelity of an import, measured: for each imported published post, the words a reader saw in WordPress
against the words of the article body on the built page, and the structure of both (list depth, items,
cells, rows, headings, quotes, figures, captions, pictures, code blocks, definitions, struck and raised text).

The WordPress side is the post's HTML as WordPress renders it before `wpautop`: blocks rendered (reusable
blocks inlined, footnotes from the post's meta) and shortcodes expanded, by the importer's own blocks.py and
shortcodes.py, which model what WordPress does there; `wpautop` adds only <p> and <br>, which change no word
and no counted structure, so it is not needed. What is measured is everything after: sanitising, the
conversion to Markdown, and the build. Deliberate differences are normalised on the WordPress side and named
here: the <ul>/<li> of a gallery are figures (not list items), an empty element that shows nothing (an empty
caption <dl>) is not counted, the build's comment archive is not part of the body, and the words of a link to
an audio or video file (the file's name, where WordPress showed its player) are not counted."""
from __future__ import annotations

import difflib
import html as htmllib
import json
import re
import unicodedata
from urllib.parse import unquote
from collections import Counter
from dataclasses import dataclass

import lxml.html
import nh3

from generator.wordpress import blocks, shortcodes

SKIP = {"script", "style", "template", "noscript", "iframe", "object", "embed", "audio", "video", "svg", "canvas",
        "head", "title"}
BLOCKS = {"option", "select", "textarea", "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
          "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
          "img", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul"}
GALLERY = {"wp-block-gallery", "blocks-gallery-grid", "gallery"}
URLS = re.compile(r"https?://\S+|www\.\S+")
WORD = re.compile(r"\w+")
MEDIA_FILE = re.compile(r"\.(?:mp3|m4a|ogg|oga|flac|wav|wma|mp4|m4v|webm|ogv|wmv|flv|mov)(?:[?#].*)?$", re.I)
COUNTED = {"items": "li", "cells": "td|th", "rows": "tr", "headings": "h1|h2|h3|h4|h5|h6", "quotes": "blockquote",
           "figures": "figure", "captions": "figcaption", "pictures": "img", "code": "pre", "definitions": "dt|dd",
           "struck": "del|s|strike", "raised": "sub|sup"}


def words(root) -> list[str]:
    out: list[str] = []

    def walk(node) -> None:
        if not isinstance(node.tag, str) or node.tag in SKIP:
            if node.tail:
                out.append(node.tail)
            return
        edge = " " if node.tag in BLOCKS else ""
        out.append(edge + (node.text or ""))
        for child in node:
            walk(child)
        out.append(edge)
        if node.tail:
            out.append(node.tail)

    stack_limit_safe(root, walk)
    text = unicodedata.normalize("NFKC", "".join(out)).replace("\u0640", "")
    return [w.casefold() for w in WORD.findall(URLS.sub(" ", text))]


def stack_limit_safe(root, walk) -> None:
    import sys
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 10_000))
    try:
        walk(root)
    finally:
        sys.setrecursionlimit(old)


def shows_nothing(node) -> bool:
    return not node.text_content().strip() and not node.xpath(".//img")


def structure(root, wordpress: bool) -> dict:
    counts = {}
    for name, tags in COUNTED.items():
        found = root.xpath("|".join(f".//{t}" for t in tags.split("|")))
        found = [e for e in found if not any(a.tag in SKIP for a in e.iterancestors())]
        if wordpress:
            if name == "items":
                found = [e for e in found if not set(e.getparent().get("class", "").split()) & GALLERY]
            found = [e for e in found if not (e.tag in ("dt", "dd") and shows_nothing(e.getparent()))]
        counts[name] = len(found)
    counts["list depth"] = max((len([a for a in e.iterancestors() if a.tag in ("ul", "ol")
                                     and not (wordpress and set(a.get("class", "").split()) & GALLERY)])
                                for e in root.xpath(".//li")), default=0)
    return counts


HTML_TAGS = {
    "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "bdi", "bdo", "big", "blockquote",
    "br", "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup", "data", "dd", "del", "details",
    "dfn", "dialog", "div", "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "font", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "i", "iframe", "img", "input", "ins", "kbd",
    "label", "legend", "li", "main", "map", "mark", "menu", "meter", "nav", "noscript", "object", "ol", "optgroup",
    "option", "output", "p", "param", "picture", "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "section",
    "select", "small", "source", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "template", "textarea", "tfoot", "th", "thead", "time", "tr", "track", "tt", "u", "ul", "var", "video", "wbr"}
PARSER = lxml.html.HTMLParser(huge_tree=True)  # 400 nested <font> are deeper than libxml2's default limit


def as_a_browser_reads(html: str) -> str:
    """The HTML well formed as the HTML standard's parser makes it (html5ever, through nh3, with every element
    kept and only classes), so lxml reads it as a browser would: void <embed>, implied end tags."""
    return nh3.clean(html, tags=HTML_TAGS - SKIP, attributes={"*": {"class"}}, link_rel=None, strip_comments=True,
                     clean_content_tags=SKIP)


def wordpress_html(item, attachments: dict, reusable: dict) -> str:
    """The post as WordPress renders it before wpautop: blocks, footnotes, shortcodes."""
    content = item.content
    notes: list = []
    if blocks.has_blocks(content):
        rendered = blocks.render(content, reusable, notes)
        if "wp:footnotes" in content:
            try:
                meta = json.loads(item.meta_value("footnotes") or "[]")
            except ValueError:
                meta = []
            rendered += "<ol>" + "".join(f"<li>{n.get('content', '')}</li>" for n in meta if isinstance(n, dict)) + "</ol>"
        content = rendered
    return as_a_browser_reads(shortcodes.expand(content, attachments, item.id).html)


@dataclass(frozen=True)
class Measure:
    title: str
    words: float  # min(recall, precision) of the word multisets
    order: float  # difflib ratio of the word sequences
    counts: tuple[int, int]  # WordPress words, built words
    structure: dict  # name -> (WordPress, built), only where they differ
    missing: tuple[str, ...]
    extra: tuple[str, ...]

    @property
    def passes(self) -> bool:
        return self.words >= 0.99 and self.order >= 0.99 and not self.structure

    def line(self) -> str:
        diff = "; ".join(f"{k} {a}→{b}" for k, (a, b) in self.structure.items())
        return (f"{self.words:.3f} {self.order:.3f} {self.counts[0]}/{self.counts[1]} «{self.title[:50]}» {diff}"
                f"{' missing: ' + ' '.join(self.missing[:8]) if self.missing else ''}"
                f"{' extra: ' + ' '.join(self.extra[:8]) if self.extra else ''}")


def measure(item, built_page: bytes, attachments: dict, reusable: dict) -> Measure:
    source = wordpress_html(item, attachments, reusable)
    wp = lxml.html.fragment_fromstring(source or "<p></p>", create_parent="div", parser=PARSER)
    page = lxml.html.fromstring(built_page)
    [body] = page.xpath('//div[@class="body"]')
    for archive in body.xpath('.//section[@class="wordpress-comments"]'):
        archive.getparent().remove(archive)
    for player in body.xpath(".//a[@href]"):  # a link named for its audio or video file: WordPress's player
        href = player.get("href")
        if MEDIA_FILE.search(href) and player.text_content().strip() == unquote(href.split("?")[0].rsplit("/", 1)[-1]):
            player.text, player[:] = "", []
    a, b = words(wp), words(body)
    common = sum((Counter(a) & Counter(b)).values())
    recall = common / len(a) if a else 1.0
    precision = common / len(b) if b else 1.0
    order = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() if a or b else 1.0
    sa, sb = structure(wp, True), structure(body, False)
    diff = {k: (sa[k], sb[k]) for k in sa if sa[k] != sb[k]}
    return Measure(htmllib.unescape(item.title), min(recall, precision), order, (len(a), len(b)), diff,
                   tuple((Counter(a) - Counter(b)).elements()), tuple((Counter(b) - Counter(a)).elements()))
