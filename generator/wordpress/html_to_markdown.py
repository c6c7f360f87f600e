"""A post's HTML as the Markdown of an article, keeping the structure a reader saw: paragraphs, headings
(shifted so the first level is h2, under the page's h1), lists at any depth, quotes, tables, definitions,
figures with their captions, code, footnotes.

What Markdown writes plainly is written so (`- item`, `> quote`, `| cell |`, fenced code, `![alt](src)`).
What it cannot (a table with a footer or merged cells, a list holding a figure, a definition list, a figure
holding a table) is written as its HTML elements marked `markdown="1"` (or `"span"`) for Python-Markdown's
md_in_html, with Markdown inside: the structure is kept, and links and pictures inside are still the site's
own (checked, given responsive variants). Nothing else is written as HTML: the input is sanitised first
(sanitize.py), and the output only ever holds the elements this module names."""
# long because: one recursive converter: block() calls the lists, quotes, tables, figures and islands,
#   which call blocks_of() and block() again for what they hold; split, its modules would import one another.
from __future__ import annotations

import re
from dataclasses import dataclass

from . import blocks, dom, inline, paragraphs, sanitize, shortcodes
from .dom import Node
from .inline import Context, anchor_name, assemble, attrs_html, paragraph

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
GALLERY_LISTS = {"wp-block-gallery", "blocks-gallery-grid", "gallery"}
BLOCK = paragraphs.BLOCK | {"video"}
LIST_INLINE_OK = {"ul", "ol", "p"}
QUOTE_OK = {"p", "ul", "ol", "blockquote", "hr"} | set(HEADINGS)
MORE = re.compile(r"<!--\s*(?:more|nextpage|noteaser)\b.*?-->", re.S)


@dataclass(frozen=True)
class Converted:
    markdown: str
    shortcodes_left: tuple[str, ...]
    notes: tuple[str, ...] = ()  # what could not be carried as it was, for the report


def to_markdown(content: str, attachments: dict, post_id: int, ctx: Context | None = None,
                reusable: dict | None = None, footnotes: list | None = None) -> Converted:
    """A post's content (as exported) as Markdown, with the plugins' shortcodes kept as text and notes."""
    ctx = ctx or Context()
    notes = ctx.notes
    classic = not blocks.has_blocks(content)
    text = MORE.sub("", content) if classic else blocks.render(content, reusable or {}, notes)
    expansion = shortcodes.expand(text, attachments, post_id)
    notes.extend(expansion.notes)
    removed = sanitize.removed(expansion.html)
    if removed:
        notes.append(f"left out as unsafe: {removed}")
    root = dom.parse(sanitize.clean(expansion.html))
    if dom.flatten_deep(root):
        notes.append(f"elements nested more than {dom.MAX_DEPTH} deep: their innermost parts kept as plain text")
    paragraphs.make(root, classic)
    prepare(root, ctx, footnotes or [])
    parts = blocks_of(root.children, ctx)
    notes_md = footnote_definitions(footnotes or [], ctx)
    markdown = "\n\n".join(p for p in parts + notes_md if p.strip())
    return Converted(markdown + "\n" if markdown else "", tuple(expansion.left), tuple(dict.fromkeys(notes)))


def prepare(root: Node, ctx: Context, footnotes: list) -> None:
    """The heading shift, the ids the post links to, the footnotes' numbers."""
    levels = [int(h.tag[1]) for h in root.elements(*HEADINGS)]
    ctx.shift = 2 - min(levels) if levels else 0
    linked = {a.get("href")[1:] for a in root.elements("a") if a.get("href").startswith("#") and len(a.get("href")) > 1}
    linked |= ctx.keep
    present = {n.get("id") for n in root.elements() if n.get("id")} | {a.get("name") for a in root.elements("a")}
    used = set()
    for old in sorted(linked & present):
        new = anchor_name(old)
        while new in used:
            new += "-1"
        used.add(new)
        ctx.ids[old] = new
    ctx.footnotes.update({f.get("id"): n for n, f in enumerate(footnotes, 1) if isinstance(f, dict) and f.get("id")})


def footnote_definitions(footnotes: list, ctx: Context) -> list[str]:
    out = []
    for n, note in enumerate(footnotes, 1):
        if isinstance(note, dict):
            text = assemble(inline.inline(dom.parse(sanitize.clean(str(note.get("content", "")))).children, ctx))
            out.append(f"[^{n}]: {text.replace(chr(10), ' ')}" if text else f"[^{n}]: {n}")
    return out


# ---- blocks -------------------------------------------------------------------------------------------------
def is_block(node) -> bool:
    return isinstance(node, Node) and node.tag in BLOCK


def blocks_of(children: list, ctx: Context) -> list[str]:
    """Markdown blocks of a sequence of nodes: block elements one by one, inline runs as paragraphs."""
    out, run = [], []
    for child in children:
        if is_block(child):
            out.append(paragraph_block(run, ctx))
            run = []
            out.extend(block(child, ctx))
        else:
            run.append(child)
    out.append(paragraph_block(run, ctx))
    return separate_lists([b for b in out if b and b.strip()])


def separate_lists(parts: list[str]) -> list[str]:
    """Two lists in a row stay two lists (Markdown would join them): an empty comment between them."""
    out = []
    for part in parts:
        if out and LIST_START.match(out[-1]) and LIST_START.match(part):
            out.append("<!-- -->")
        out.append(part)
    return out


LIST_START = re.compile(r"^(?:- |\d+\. )")


def paragraph_block(run: list, ctx: Context) -> str:
    if not run or all(isinstance(n, str) and not n.strip() for n in run):
        return ""
    text = paragraph(run, ctx)
    if text.startswith("<video"):
        return f'<p markdown="span">{text}</p>'
    return text


def anchor(node: Node, ctx: Context) -> str:
    return inline.anchor_of(node, ctx)


def block(node: Node, ctx: Context) -> list[str]:
    tag = node.tag
    lead = anchor(node, ctx) if tag not in HEADINGS else ""
    out = [lead] if lead else []
    if tag == "p":
        text = paragraph_block(node.children, ctx)
        return [lead + text] if text else out
    if tag in HEADINGS:
        return out + [heading(node, ctx)]
    if tag in ("ul", "ol"):
        if node.classes() & GALLERY_LISTS:
            return out + blocks_of([c for c in node.children if isinstance(c, Node)], ctx)
        return out + [markdown_list(node, ctx) if list_ok(node) else island(node, ctx)]
    if tag == "blockquote":
        return out + [quote(node, ctx) if quote_ok(node) else island(node, ctx)]
    if tag == "pre":
        return out + [fenced(node.text())]
    if tag == "table":
        return out + [pipe_table(node, ctx) or island(node, ctx)]
    if tag in ("dl", "details", "address"):
        return out + [island(node, ctx)]
    if tag == "figure":
        return out + [figure(node, ctx)]
    if tag == "hr":
        return out + ["* * *"]
    if tag in ("audio", "video"):
        return out + [inline.media(node, ctx, inline=False)]
    if tag in ("select", "textarea", "iframe"):
        return out + [paragraph([node], ctx)]
    return out + blocks_of(node.children, ctx)  # div, section…: what they hold


def heading(node: Node, ctx: Context) -> str:
    level = min(6, max(2, int(node.tag[1]) + ctx.shift))
    text = assemble(inline.inline(node.children, ctx)).replace("  \n", " ").replace("\n", " ").replace("#", "\\#")
    if not text.strip():
        return ""
    old = node.get("id")
    attrs = ""
    if old in ctx.ids and old not in ctx.placed:
        ctx.placed.add(old)
        attrs = f" {{#{ctx.ids[old]}}}"
    return f"{'#' * level} {text}{attrs}"


def fenced(text: str) -> str:
    text = text[1:] if text.startswith("\n") else text
    text = text.rstrip("\n")
    fence = "```"
    while fence in text:
        fence += "`"
    return f"{fence}\n{text}\n{fence}"


# ---- lists and quotes in Markdown -----------------------------------------------------------------------------
def list_ok(node: Node) -> bool:
    if node.tag == "ol" and (node.get("type") or "reversed" in node.attrs):
        return False
    for li in node.children:
        if not isinstance(li, Node):
            continue
        if li.tag != "li" or li.get("value"):
            return False
        for c in li.children:
            if isinstance(c, Node) and c.tag in BLOCK:
                if c.tag not in LIST_INLINE_OK or (c.tag in ("ul", "ol") and not list_ok(c)):
                    return False
                if c.tag in ("ul", "ol") and c.classes() & GALLERY_LISTS:
                    return False
    return True


def markdown_list(node: Node, ctx: Context) -> str:
    start = node.get("start")
    number = int(start) if node.tag == "ol" and start.isdigit() else 1
    lines, loose = [], False
    for li in (c for c in node.children if isinstance(c, Node) and c.tag == "li"):
        marker = f"{number}. " if node.tag == "ol" else "- "
        number += 1
        parts = blocks_of(li.children, ctx)  # once: each item's blocks are converted once, whatever the depth
        loose = loose or len(parts) > 1
        lead = anchor(li, ctx)
        body = [lead + parts[0]] if parts else [lead or ""]
        body += parts[1:]
        item = "\n\n".join(body) if body else ""
        pad = " " * 4
        text = item.replace("\n", "\n" + pad)
        text = re.sub(r"\n {4}(?=\n)", "\n", text)
        lines.append(marker + text if text.strip() else marker.rstrip())
    return ("\n\n" if loose else "\n").join(lines)


def quote_ok(node: Node) -> bool:
    for c in node.children:
        if isinstance(c, Node) and c.tag in BLOCK:
            if c.tag not in QUOTE_OK:
                return False
            if c.tag in ("ul", "ol") and not list_ok(c):
                return False
            if c.tag == "blockquote" and not quote_ok(c):
                return False
    return True


def quote(node: Node, ctx: Context) -> str:
    inner = "\n\n".join(blocks_of(node.children, ctx))
    return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))


# ---- tables -------------------------------------------------------------------------------------------------
def rows_of(table: Node) -> list[tuple[str, Node]]:
    rows = []
    for part in table.children:
        if not isinstance(part, Node):
            continue
        if part.tag == "tr":
            rows.append(("tbody", part))
        elif part.tag in ("thead", "tbody", "tfoot"):
            rows.extend((part.tag, tr) for tr in part.children if isinstance(tr, Node) and tr.tag == "tr")
    return rows


def cells_of(tr: Node) -> list[Node]:
    return [c for c in tr.children if isinstance(c, Node) and c.tag in ("td", "th")]


def pipe_table(node: Node, ctx: Context) -> str:
    """A simple table (one header row of th, no footer, caption or merged cells, one line of inline text a
    cell) as a pipe table; "" when the table is not simple."""
    rows = rows_of(node)
    if not rows or any(isinstance(c, Node) and c.tag in ("caption", "colgroup", "col") for c in node.children):
        return ""
    if any(part == "tfoot" for part, _ in rows):
        return ""
    head = cells_of(rows[0][1])
    if not head or any(c.tag != "th" for c in head) or any(part == "thead" for part, _ in rows[1:]):
        return ""
    width = len(head)
    lines = []
    for n, (_, tr) in enumerate(rows):
        cells = cells_of(tr)
        if len(cells) != width or any(c.get("colspan") or c.get("rowspan") for c in cells):
            return ""
        texts = []
        for cell in cells:
            if any(isinstance(x, Node) and (x.tag in BLOCK or x.tag == "br") for x in cell.elements()):
                return ""
            text = assemble(inline.inline(cell.children, ctx))
            if "\n" in text:
                return ""
            texts.append(text)
        lines.append("| " + " | ".join(texts) + " |")
        if n == 0:
            lines.append("|" + "|".join(" --- " for _ in texts) + "|")
    return "\n".join(lines)


# ---- figures --------------------------------------------------------------------------------------------------
def figure(node: Node, ctx: Context) -> str:
    """Pictures with their caption as <figure markdown="span"> (the pictures in Markdown); any other figure
    (a table, a quote, an embed, a gallery of figures) as an island."""
    captions = [c for c in node.children if isinstance(c, Node) and c.tag == "figcaption"]
    rest = [c for c in node.children if c not in captions and not (isinstance(c, str) and not c.strip())]
    if rest and all(is_picture(c) for c in rest):
        lines = [inline.inline([c], ctx) for c in rest]
        lines = [line.strip() for line in lines if line.strip()]
        lines += [span_element(c, ctx) for c in captions]
        lines = [line for line in lines if line]
        if not lines:
            return ""
        return f'<figure{attrs_html(node, ())} markdown="span">\n' + "\n".join(lines) + "\n</figure>"
    return island(node, ctx)


def is_picture(node) -> bool:
    if not isinstance(node, Node):
        return False
    if node.tag in ("img", "picture"):
        return True
    if node.tag in ("a", "div", "p", "span"):
        kids = [c for c in node.children if not (isinstance(c, str) and not c.strip())]
        return bool(kids) and all(is_picture(c) for c in kids)
    return False


# ---- islands: the HTML elements Markdown cannot write, with Markdown inside -----------------------------------
ISLAND_ATTRIBUTES = {"ol": ("start", "reversed", "type"), "li": ("value",), "td": ("colspan", "rowspan"),
                     "th": ("colspan", "rowspan", "scope")}
SHOWN_EMPTY_NOTHING = {"dl", "figure", "details", "address", "blockquote"}  # left out when they show nothing
ISLAND_CONTAINERS = {"ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "dl", "dt",
                     "dd", "figure", "figcaption", "details", "summary", "caption", "address"}


def island(node: Node, ctx: Context) -> str:
    tag = node.tag
    if tag not in ISLAND_CONTAINERS:
        return "\n\n".join(blocks_of(node.children, ctx))
    if tag in SHOWN_EMPTY_NOTHING and not node.text().strip() and not any(
            True for _ in node.elements("img", "audio", "video", "iframe")):
        return ""  # nothing a reader sees (WordPress's empty caption <dl>s)
    attrs = attrs_html(node, ISLAND_ATTRIBUTES.get(tag, ()))
    structural = tag in ("ul", "ol", "table", "thead", "tbody", "tfoot", "tr", "dl")
    if tag in ("ul", "ol") and node.classes() & GALLERY_LISTS:
        return "\n\n".join(blocks_of([c for c in node.children if isinstance(c, Node)], ctx))
    if structural:
        inner = [island(c, ctx) for c in node.children if isinstance(c, Node)]
        inner = [i for i in inner if i]
        return f'<{tag}{attrs} markdown="1">\n' + "\n".join(inner) + f"\n</{tag}>"
    if not any(is_block(c) for c in node.children):
        return span_element(node, ctx, attrs)
    inner, run = [], []
    for child in node.children:  # a caption stays the caption of its figure (or details)
        if isinstance(child, Node) and child.tag in ("figcaption", "summary"):
            inner += blocks_of(run, ctx) + [island(child, ctx)]
            run = []
        else:
            run.append(child)
    inner += blocks_of(run, ctx)
    lead = anchor(node, ctx)
    return f'<{tag}{attrs} markdown="1">\n' + lead + "\n\n".join(i for i in inner if i) + f"\n</{tag}>"


def span_element(node: Node, ctx: Context, attrs: str = "") -> str:
    """An element holding only inline content: <figcaption markdown="span">…</figcaption>."""
    text = assemble(inline.inline(node.children, ctx)).replace("  \n", "<br>\n")
    lead = anchor(node, ctx)
    if not (lead + text).strip() and node.tag in ("figcaption", "summary", "caption"):
        return ""
    return f'<{node.tag}{attrs} markdown="span">{lead}{text}</{node.tag}>'


def plain_title(title: str) -> tuple[str, bool]:
    """A post title (HTML, as WordPress stores it) as text; True when it held markup."""
    root = dom.parse(sanitize.clean(title))
    text = " ".join(root.text().split())
    return text, "<" in title and any(True for _ in root.elements())
