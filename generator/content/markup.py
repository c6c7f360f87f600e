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

from ..text.arabic import cut_at_word, latin_runs, word_count
from ..text.typography import has_rules, typeset

EXTENSIONS = ("tables", "footnotes", "attr_list", "fenced_code", "toc", "sane_lists", "md_in_html")
SETTINGS_VERSION = "6"  # 6: `translator:`, corrections, series; bump when the converter's configuration or a parse's warnings change: parsed articles are re-made


@dataclass(frozen=True)
class Rendered:
    html: str
    toc: str  # a nested <ul> of the article's headings, "" when it has fewer than two
    first_paragraph: str  # plain text
    words: int
    links: tuple[str, ...]  # href and src values, in order, for attachments and the link check
    images: tuple[tuple[str, str], ...] = ()  # (src, alt) of every <img>, in order, for images.py


class LeftToRightBlocks(Treeprocessor):
    """Code stays left-to-right in right-to-left text; Latin runs inside Arabic are isolated in <bdi>; text
    gets its language's typography (text.typography: French spaces and apostrophes), code never."""

    SKIP = {"pre", "code", "script", "style", "bdi", "kbd", "samp", "math", "svg"}

    def __init__(self, md, rtl: bool, lang: str):
        super().__init__(md)
        self.rtl, self.lang = rtl, lang

    def run(self, root):
        if has_rules(self.lang):
            self.typeset(root)
        if self.rtl:
            self.isolate(root)
        return None

    def typeset(self, element):
        if element.tag in self.SKIP:
            return
        element.text = typeset(element.text, self.lang)
        for child in element:
            self.typeset(child)
            child.tail = typeset(child.tail, self.lang)

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


class ScrollingTables(Treeprocessor):
    """Each table in a box that scrolls sideways on a narrow screen and that the keyboard reaches (a region
    that scrolls must be focusable: WCAG 2.1.1, axe's scrollable-region-focusable)."""

    def run(self, root):
        for parent in list(root.iter()):
            for i, child in enumerate(list(parent)):
                if child.tag == "table":
                    box = etree.Element("div", {"class": "table-scroll", "tabindex": "0"})
                    box.tail, child.tail = child.tail, None
                    parent.remove(child)
                    box.append(child)
                    parent.insert(i, box)
        return None


def split_runs(text: str | None):
    """(text before the first Latin run, [<bdi> elements whose tails carry the text between runs]); the runs
    are text.arabic.latin_runs', as the templates' `isolate` filter finds them."""
    if not text:
        return text, []
    nodes, lead, last = [], None, 0
    for start, end in latin_runs(text):
        if start and text[start - 1] in "\x02\x03":
            continue  # a placeholder of Python-Markdown's HTML stash
        before = text[last:start]
        if nodes:
            nodes[-1].tail = before
        else:
            lead = before
        node = etree.Element("bdi")
        node.text = text[start:end]
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
    def __init__(self, rtl: bool, lang: str):
        super().__init__()
        self.rtl, self.lang = rtl, lang

    def extendMarkdown(self, md):
        md.treeprocessors.register(QuickInline(md), "inline", 20)
        md.treeprocessors.register(LeftToRightBlocks(md, self.rtl, self.lang), "majalla_bidi", 1)
        md.treeprocessors.register(ScrollingTables(md), "majalla_tables", 2)
        md.treeprocessors.register(LinkCollector(md), "majalla_links", 0)


def converter(rtl: bool, lang: str = "") -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[*EXTENSIONS, MajallaExtension(rtl, lang)],
        extension_configs={
            "toc": {"slugify": slugify_unicode, "toc_depth": "2-4", "permalink": False},
            "footnotes": {"BACKLINK_TITLE": ""},
        },
        output_format="html",
    )


_converters: dict[tuple[bool, str], markdown.Markdown] = {}
FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
FOOTNOTE_REF = re.compile(r'<sup id="fnref[^"]*">.*?</sup>', re.S)
CODE_OPEN = re.compile(r"<(pre|code|kbd|samp)(?=[\s>])")
TAG = re.compile(r"<[^>]+>")


def plain(fragment: str) -> str:
    return html.unescape(TAG.sub("", fragment))


def render(source: str, rtl: bool, lang: str = "") -> Rendered:
    """One article's Markdown as HTML, with a fresh converter state (no footnote leaks between articles), in
    the typography of `lang` (its language's code)."""
    key = (rtl, lang if has_rules(lang) else "")
    md = _converters.get(key)
    if md is None:
        md = _converters[key] = converter(*key)
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
