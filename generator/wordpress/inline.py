"""Text and inline elements as the Markdown of the build (Python-Markdown with its tables, footnotes,
attr_list and md_in_html extensions): what was text stays text, escaped for that Markdown, and what was
markup is written as its Markdown (emphasis, links, pictures, code) or as the inline HTML element it is
(sub, sup, del, ins, mark, q, abbr…), which that Markdown passes through.

Escaping: `\\`, `` ` ``, `*`, `[`, `]`, `{`, `|` and a `_` that could start or end emphasis get a backslash;
`&`, `<`, `>` become entities (so `&lt;script&gt;` stays the text `<script>`); at the start of a line, `#`,
`-`, `+`, a number followed by `.` (in any script's digits: `1.`, `١.`, `۱.`), `=` and `~~~` cannot start a
heading, a list, a rule or a code block."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from .dom import Node

WHITESPACE = re.compile(r"[ \t\n\r\f]+")
BREAK = "\x00"  # a hard line break, until the paragraph is assembled
UNDERSCORE = re.compile(r"(?<!\w)_|_(?!\w)")
LINE_START = re.compile(r"^(?:(?P<mark>[#+\-])|(?P<number>\d+)\.|(?P<equal>=)|(?P<tilde>~~~))", re.M)
URL_UNSAFE = re.compile(r"[\s()<>\"`\\]")
BARE_URL = re.compile(r"^https?://[^\s<>\"]+$")
RAW_INLINE = {"sub": "sub", "sup": "sup", "del": "del", "s": "s", "strike": "s", "ins": "ins", "mark": "mark",
              "small": "small", "u": "u", "q": "q", "cite": "cite", "dfn": "dfn", "abbr": "abbr", "acronym": "abbr",
              "bdi": "bdi", "kbd": "kbd", "samp": "samp", "var": "var", "time": "time"}
RAW_ATTRIBUTES = {"abbr": ("title",), "time": ("datetime",), "q": (), "bdo": ("dir",), "span": ("lang", "dir")}
EMPHASIS = {"b": "**", "strong": "**", "i": "*", "em": "*"}
SPACED = {"option", "label", "button", "legend", "select", "textarea", "li", "dt", "dd", "td", "th", "p", "div",
          "tr", "caption", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "address"}


@dataclass
class Context:
    """What converting one post needs from the importer, and what it notes for the report."""

    link: Callable[[str], str] = lambda url: url  # a link's address on the new site
    image: Callable[[str], str] = lambda url: url  # a picture's address (a file beside the article, or as is)
    media: Callable[[str], tuple[str, bool]] = lambda url: (url, False)  # (address, True when a local file)
    alt_of: Callable[[int], str] = lambda attachment_id: ""  # the alt text of an attachment of the export
    footnotes: dict = field(default_factory=dict)  # footnote id -> its number
    ids: dict = field(default_factory=dict)  # id linked to in the post and found in it -> its id here
    placed: set = field(default_factory=set)  # those ids given to an element already
    keep: frozenset = frozenset()  # ids other posts link to (#fragment): kept where they are found
    shift: int = 0  # added to heading levels
    notes: list = field(default_factory=list)


RESERVED_IDS = {"top", "main", "content", "share-title", "related-title", "latest-title", "search-box-q", "comments"}


def anchor_name(old: str) -> str:
    """The id an element of a post gets here for its WordPress id (or name): what a URL fragment can hold,
    and none the page itself uses (the theme's ids, the footnotes' fn…)."""
    new = re.sub(r"[^\w-]", "-", old).strip("-") or "id"
    while new in RESERVED_IDS or new.startswith(("fn", "fnref")):
        new += "-1"
    return new


def escape(text: str) -> str:
    """Text (whitespace collapsed) as Markdown that shows exactly it."""
    text = WHITESPACE.sub(" ", text).replace("\\", "\\\\")
    for ch in "`*[]{|":
        text = text.replace(ch, "\\" + ch)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return UNDERSCORE.sub(r"\\_", text)


def escape_line_starts(text: str) -> str:
    def fix(m: re.Match) -> str:
        if m.group("mark"):
            return "\\" + m.group("mark")
        if m.group("number"):
            return m.group("number") + "\\."
        if m.group("equal"):
            return "&#61;"
        return "&#126;~~"
    return LINE_START.sub(fix, text)


def url(address: str) -> str:
    """An address as a Markdown link destination: what would end or break it percent-encoded."""
    return URL_UNSAFE.sub(lambda m: "%{:02X}".format(ord(m.group(0))) if m.group(0) != "\\" else "%5C", address.strip())


def title(node: Node) -> str:
    text = " ".join(node.get("title").split())
    return f' "{text.replace(chr(34), "&quot;")}"' if text else ""


def attrs_html(node: Node, names) -> str:
    out = []
    for name in names:
        value = node.get(name).strip()
        if value or (name in node.attrs and name == "reversed"):
            out.append(f' {name}="{escape_attr(value)}"' if value else f" {name}")
    return "".join(out)


def escape_attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def paragraph(nodes: list, ctx: Context) -> str:
    """Inline nodes as one Markdown paragraph (line breaks as hard breaks); "" when there is nothing to see."""
    text = assemble(inline(nodes, ctx))
    if BARE_URL.match(text.replace("\\_", "_")) and not any(isinstance(n, Node) for n in nodes):
        address = text.replace("\\_", "_").replace("&amp;", "&")
        return f"[{escape(address)}]({url(ctx.link(address))})"  # a URL alone: WordPress's auto-embed
    return text


def assemble(text: str) -> str:
    text = re.sub(r" *\x00 *", BREAK, re.sub(r" {2,}", " ", text)).strip(" " + BREAK)
    text = re.sub(BREAK + "+", BREAK, text)
    return escape_line_starts(text.replace(BREAK, "  \n"))


def inline(nodes: list, ctx: Context) -> str:
    out = []
    for n, node in enumerate(nodes):
        if isinstance(node, str):
            out.append(escape(node))
            continue
        neighbours = [nodes[k] for k in (n - 1, n + 1) if 0 <= k < len(nodes)]
        out.append(element(node, ctx, any(isinstance(x, Node) and x.tag in EMPHASIS for x in neighbours)))
    return "".join(out)


def element(node: Node, ctx: Context, beside_emphasis: bool = False) -> str:
    tag, anchor = node.tag, anchor_of(node, ctx)
    if tag in EMPHASIS:
        return anchor + emphasis(node, ctx, EMPHASIS[tag], beside_emphasis)
    if tag == "a":
        return anchor + link(node, ctx)
    if tag == "img":
        return anchor + image(node, ctx)
    if tag == "br":
        return BREAK
    if tag in ("code", "tt"):
        return anchor + code_span(node.text())
    if tag == "sup" and node.get("data-fn"):
        number = ctx.footnotes.get(node.get("data-fn"))
        return f"[^{number}]" if number else f"<sup>{escape(node.text().strip())}</sup>"
    if tag in RAW_INLINE:
        inner = inline(node.children, ctx)
        name = RAW_INLINE[tag]
        return f"{anchor}<{name}{attrs_html(node, RAW_ATTRIBUTES.get(name, ()))}>{inner}</{name}>" if inner.strip() else inner
    if tag in ("span", "bdo") and (node.get("lang") or node.get("dir")):
        inner = inline(node.children, ctx)
        return f"{anchor}<{tag}{attrs_html(node, RAW_ATTRIBUTES[tag])}>{inner}</{tag}>" if inner.strip() else inner
    if tag == "iframe":
        return anchor + frame_link(node, ctx)
    if tag in ("audio", "video"):
        return anchor + media(node, ctx, inline=True)
    if tag in ("input", "wbr", "hr", "source", "col", "colgroup"):
        return " " if tag == "hr" else ""
    if tag == "picture":
        img = next(node.elements("img"), None)
        return anchor + (image(img, ctx) if img is not None else "")
    inner = inline(node.children, ctx)
    return f"{anchor} {inner} " if tag in SPACED else anchor + inner


def anchor_of(node: Node, ctx: Context) -> str:
    """An element whose id the post links to keeps it, as an empty <span id> before it."""
    for name in ("id", "name") if node.tag == "a" else ("id",):
        old = node.get(name)
        if old in ctx.ids and old not in ctx.placed:
            ctx.placed.add(old)
            return f'<span id="{escape_attr(ctx.ids[old])}"></span>'
    return ""


def emphasis(node: Node, ctx: Context, marker: str, beside: bool) -> str:
    inner = inline(node.children, ctx)
    core = inner.strip(" ")
    if not core.strip(BREAK + " "):
        return inner
    lead, trail = " " if inner[:1] == " " else "", " " if inner[-1:] == " " else ""
    if beside or BREAK in core or core[0] in "*_\\" or core[-1] in "*_":
        name = "strong" if marker == "**" else "em"
        return f"{lead}<{name}>{core}</{name}>{trail}"
    return f"{lead}{marker}{core}{marker}{trail}"


def code_span(text: str) -> str:
    text = WHITESPACE.sub(" ", text)
    if not text.strip():
        return text
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") or fence != "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def link(node: Node, ctx: Context) -> str:
    text = inline(node.children, ctx)
    href = node.get("href").strip()
    if not href or not text.strip(" " + BREAK):
        return text
    if href.startswith("#"):
        if href[1:] not in ctx.ids:
            ctx.notes.append(f'a link to "{href}", which the post does not have: kept as text')
            return text
        href = "#" + ctx.ids[href[1:]]
    else:
        href = ctx.link(href)
    lead, trail = " " if text[:1] == " " else "", " " if text[-1:] == " " else ""
    return f"{lead}[{text.strip(' ')}]({url(href)}{title(node)}){trail}"


def image_source(node: Node) -> str:
    src = node.get("src").strip()
    lazy = node.get("data-lazy-src").strip() or node.get("data-src").strip()
    return lazy if lazy and (not src or src.startswith("data:") or "placeholder" in src or "lazy" in src) else src


def image(node: Node, ctx: Context) -> str:
    src = image_source(node)
    if not src:
        ctx.notes.append("a picture without an address: left out")
        return ""
    alt = " ".join(node.get("alt").split())
    if not alt:
        wp_image = re.search(r"\bwp-image-(\d+)\b", node.get("class"))
        alt = ctx.alt_of(int(wp_image.group(1))) if wp_image else ""
    return f"![{escape(alt)}]({url(ctx.image(src))}{title(node)})"


def frame_link(node: Node, ctx: Context) -> str:
    src = node.get("src").strip()
    if not src.startswith(("http://", "https://", "//")):
        return ""
    src = "https:" + src if src.startswith("//") else src
    ctx.notes.append(f"an embedded frame ({src}) made a link: the site loads nothing from other hosts")
    return f"[{escape(src)}]({url(src)})"


def media(node: Node, ctx: Context, inline: bool) -> str:
    """An uploaded audio or video file as the element that plays it (with a link to it inside, shown where
    it cannot play); a file elsewhere as a link to it, as the site loads nothing from other hosts."""
    src = node.get("src").strip() or next((s.get("src") for s in node.elements("source") if s.get("src")), "")
    if not src:
        return ""
    address, local = ctx.media(src)
    name = escape(address.rsplit("/", 1)[-1] or address)
    fallback = f"[{name}]({url(address)})"
    if not local:
        return fallback
    attrs = f'controls preload="{"none" if node.tag == "audio" else "metadata"}" src="{escape_attr(address)}"'
    if node.tag == "audio" or inline:
        return f"<{node.tag} {attrs}>{fallback}</{node.tag}>"
    return f'<video {attrs} markdown="span">{fallback}</video>'
