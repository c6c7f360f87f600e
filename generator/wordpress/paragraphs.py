"""The paragraphs of a classic-editor post, as WordPress shows them (its documented `wpautop` behaviour),
made on the element tree rather than on the text, so block markup is never touched:

- in the post and in flow containers (div, blockquote, section…), text and inline elements between block
  elements are paragraphs, one per stretch between blank lines;
- in a list item, a definition or a table cell, such a run stays as it is unless blank lines divide it;
- a single line break inside a paragraph is a <br>, two <br> in a row are a paragraph break, line breaks
  at the edges of a block are nothing;
- nothing changes inside <pre>, and no <br> is made inside tables between cells, in lists between items,
  in figures, media elements or form menus.

Block-editor posts keep their saved HTML as it is, but for their `shortcode` blocks (blocks.py marks them)."""
from __future__ import annotations

import re

from .blocks import PARAGRAPHS_HERE
from .dom import Node

BLOCK = {"address", "article", "aside", "audio", "blockquote", "caption", "colgroup", "col", "dd", "details", "div",
         "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
         "header", "hgroup", "hr", "iframe", "legend", "li", "main", "nav", "ol", "p", "picture", "pre", "section",
         "select", "summary", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "tr", "ul", "video"}
FLOW = {"#root", "article", "aside", "blockquote", "details", "div", "fieldset", "footer", "form", "header", "main",
        "nav", "section"}
LOOSE = {"address", "caption", "dd", "dt", "legend", "li", "summary", "td", "th"}
STRUCTURE = {"table", "thead", "tbody", "tfoot", "tr", "ul", "ol", "dl", "colgroup"}  # only children matter here
KEEP = {"pre", "textarea", "select", "audio", "video", "figure", "picture", "iframe", "code", "kbd", "samp"}
BLANK = re.compile(r"[ \t]*\n[ \t]*\n\s*")


def make(root: Node, classic: bool) -> None:
    """Paragraphs for the whole tree of a classic post, or only inside the `shortcode` blocks of another."""
    if classic:
        container(root)
        return
    for node in list(root.elements("div")):
        if PARAGRAPHS_HERE in node.classes():
            container(node, flow=True)


def container(node: Node, flow: bool | None = None) -> None:
    flow = node.tag in FLOW if flow is None else flow
    children, out, run = node.children, [], []
    has_blocks = any(isinstance(c, Node) and c.tag in BLOCK for c in children)
    for child in children:
        if isinstance(child, Node) and child.tag in BLOCK:
            out.extend(pieces(run, flow or has_blocks))
            run = []
            descend(child)
            out.append(child)
        else:
            run.append(child)
    out.extend(pieces(run, flow or has_blocks))
    node.children = out


def descend(node: Node) -> None:
    if node.tag == "p":
        return  # split by container() at its parent's level: see paragraph_children
    if node.tag in FLOW or node.tag in LOOSE:
        container(node)
    elif node.tag in STRUCTURE:
        node.children = [c for c in node.children if not (isinstance(c, str) and not c.strip())]
        for child in node.children:
            if isinstance(child, Node):
                descend(child)


def pieces(run: list, wrap: bool) -> list:
    """The run of inline nodes between two blocks: split at blank lines (or <br><br>), trimmed, line breaks
    made <br>; each piece a <p> when `wrap` (or when there are several)."""
    groups, current = [], []
    for node in expand_paragraphs(run):
        if isinstance(node, str):
            parts = BLANK.split(node)
            for n, part in enumerate(parts):
                if n:
                    groups.append(current)
                    current = []
                if part:
                    current.append(part)
        elif node.tag == "br" and current and isinstance(current[-1], Node) and current[-1].tag == "br":
            current.pop()
            groups.append(current)
            current = []
        elif node.tag == "#break":
            groups.append(current)
            current = []
        else:
            current.append(node)
    groups.append(current)
    groups = [trim(g) for g in groups]
    groups = [g for g in groups if g]
    if not groups:
        return []
    if not wrap and len(groups) == 1:
        return breaks(groups[0])
    return [Node("p", {}, breaks(g)) for g in groups]


def expand_paragraphs(run: list) -> list:
    """A <p> inside a run (as an author wrote it) is one piece of its own."""
    out = []
    for node in run:
        if isinstance(node, Node) and node.tag == "p":
            out.append(Node("#break"))
            out.extend(node.children)
            out.append(Node("#break"))
        else:
            out.append(node)
    return out


def trim(group: list) -> list:
    while group and isinstance(group[0], str) and not group[0].strip():
        group = group[1:]
    while group and isinstance(group[-1], str) and not group[-1].strip():
        group = group[:-1]
    while group and isinstance(group[0], Node) and group[0].tag == "br":
        group = group[1:]
    while group and isinstance(group[-1], Node) and group[-1].tag == "br":
        group = group[:-1]
    if group and isinstance(group[0], str):
        group = [group[0].lstrip()] + group[1:]
    if group and isinstance(group[-1], str):
        group = group[:-1] + [group[-1].rstrip()]
    return group


def breaks(nodes: list) -> list:
    """Line breaks in text made <br> elements, inside inline elements too (not in KEEP ones); a line break
    right after a <br> is only space."""
    out: list = []
    for node in nodes:
        if isinstance(node, str):
            lines = node.split("\n")
            for n, line in enumerate(lines):
                if n:
                    if out and isinstance(out[-1], Node) and out[-1].tag == "br":
                        out.append(" ")
                    else:
                        out.append(Node("br"))
                    line = line.lstrip(" \t")
                if n < len(lines) - 1:
                    line = line.rstrip(" \t")
                if line:
                    out.append(line)
        else:
            if node.tag not in KEEP and node.children:
                node.children = breaks(node.children)
            out.append(node)
    return out
