"""Markdown to HTML with Python-Markdown: one configured converter, reset before every article."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from xml.etree import ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode
from markdown.treeprocessors import InlineProcessor, Treeprocessor

from ..text.arabic import LATIN_RUN, LATIN_RUN_END, cut_at_word, word_count

EXTENSIONS = ("tables", "footnotes", "attr_list", "fenced_code", "toc", "sane_lists", "md_in_html")
SETTINGS_VERSION = "4"  # bump when the converter's configuration or a parse's warnings change: parsed articles are re-made


@dataclass(frozen=True)
class Rendered:
    html: str
    toc: str  # a nested <ul> of the article's headings, "" when it has fewer than two
    first_paragraph: str  # plain text
    words: int
    links: tuple[str, ...]  # href and src values, in order, for attachments and the link check
    images: tuple[tuple[str, str], ...] = ()  # (src, alt) of every <img>, in order, for images.py


class LeftToRightBlocks(Treeprocessor):
    """Code stays left-to-right in right-to-left text; Latin runs inside Arabic are isolated in <bdi>."""

    SKIP = {"pre", "code", "script", "style", "bdi", "kbd", "samp", "math", "svg"}

    def __init__(self, md, rtl: bool):
        super().__init__(md)
        self.rtl = rtl

    def run(self, root):
        if self.rtl:
            self.isolate(root)
        return None

    def isolate(self, element):
        if element.tag in self.SKIP:
            return
        children = list(element)
        lead, nodes = split_runs(element.text)
        element.text = lead
        for i, node in enumerate(nodes):
            element.insert(i, node)
        for child in children:
            self.isolate(child)
            lead, nodes = split_runs(child.tail)
            child.tail = lead
            at = list(element).index(child) + 1
            for i, node in enumerate(nodes):
                element.insert(at + i, node)


def split_runs(text: str | None):
    """(text before the first Latin run, [<bdi> elements whose tails carry the text between runs])."""
    if not text:
        return text, []
    nodes, lead, last = [], None, 0
    for match in LATIN_RUN.finditer(text):
        if match.start() and text[match.start() - 1] in "\x02\x03":
            continue  # a placeholder of Python-Markdown's HTML stash
        trail = LATIN_RUN_END.search(match.group(0))
        end = match.end() - (len(trail.group(0)) if trail else 0)
        if end <= match.start():
            continue
        before = text[last:match.start()]
        if nodes:
            nodes[-1].tail = before
        else:
            lead = before
        node = etree.Element("bdi")
        node.text = text[match.start():end]
        nodes.append(node)
        last = end
    if not nodes:
        return text, []
    nodes[-1].tail = text[last:]
    return lead, nodes


# What every inline pattern of these extensions starts with: code, escapes, links, images and footnotes,
# autolinks and raw HTML, entities, emphasis, hard line breaks.
INLINE_PATTERNS = ("backtick", "escape", "reference", "link", "image_link", "image_reference", "short_reference",
                   "short_image_ref", "autolink", "automail", "linebreak", "html", "entity", "em_strong", "footnote")
INLINE_MARKUP = re.compile(r"[`\\\[<&*_]|  \n")


class QuickInline(InlineProcessor):
    """Python-Markdown's inline processor, which tries each of its patterns on every run of text in turn:
    a run holding none of the characters they start with is left as it is at once (most sentences of an
    article; a third of the conversion time). The output is the same."""

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802
        if INLINE_MARKUP.search(data) is None:
            return data
        return InlineProcessor._InlineProcessor__handleInline(self, data, patternIndex)


class LinkCollector(Treeprocessor):
    def run(self, root):
        self.md.majalla_links = [
            el.get(attr) for el in root.iter() for attr in ("href", "src") if el.get(attr) is not None
        ]
        self.md.majalla_images = [(el.get("src"), el.get("alt") or "") for el in root.iter("img") if el.get("src")]
        return None


class MajallaExtension(Extension):
    def __init__(self, rtl: bool):
        super().__init__()
        self.rtl = rtl

    def extendMarkdown(self, md):
        md.treeprocessors.register(QuickInline(md), "inline", 20)
        md.treeprocessors.register(LeftToRightBlocks(md, self.rtl), "majalla_bidi", 1)
        md.treeprocessors.register(LinkCollector(md), "majalla_links", 0)


def converter(rtl: bool) -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[*EXTENSIONS, MajallaExtension(rtl)],
        extension_configs={
            "toc": {"slugify": slugify_unicode, "toc_depth": "2-4", "permalink": False},
            "footnotes": {"BACKLINK_TITLE": ""},
        },
        output_format="html",
    )


_converters: dict[bool, markdown.Markdown] = {}
FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
FOOTNOTE_REF = re.compile(r'<sup id="fnref[^"]*">.*?</sup>', re.S)
CODE_OPEN = re.compile(r"<(pre|code|kbd|samp)(?=[\s>])")
TAG = re.compile(r"<[^>]+>")


def plain(fragment: str) -> str:
    return html.unescape(TAG.sub("", fragment))


def render(source: str, rtl: bool) -> Rendered:
    """One article's Markdown as HTML, with a fresh converter state (no footnote leaks between articles)."""
    md = _converters.get(rtl)
    if md is None:
        md = _converters[rtl] = converter(rtl)
    md.reset()
    md.majalla_links, md.majalla_images = [], []
    body = CODE_OPEN.sub(r'<\1 dir="ltr"', md.convert(source))
    toc = md.toc if len(getattr(md, "toc_tokens", [])) > 1 or any(t["children"] for t in md.toc_tokens) else ""
    first = FIRST_PARAGRAPH.search(body)
    return Rendered(
        html=body,
        toc=toc,
        first_paragraph=cut_at_word(plain(FOOTNOTE_REF.sub("", first.group(1))), 300) if first else "",
        words=word_count(plain(body)),
        links=tuple(md.majalla_links),
        images=tuple(md.majalla_images),
    )
