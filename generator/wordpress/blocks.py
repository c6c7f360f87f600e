"""Block-editor (Gutenberg) posts as the HTML a reader saw: the saved HTML of each block, with what WordPress
makes at view time from elsewhere carried in when the export has it.

A block is delimited by HTML comments, `<!-- wp:name {"json":"attributes"} -->…<!-- /wp:name -->`, or one
void comment `<!-- wp:name {…} /-->`; a name without a namespace is a core block, and text between blocks
is shown as it is. What is carried: reusable blocks and synced patterns (`wp:block {"ref":N}`, the export's
`wp_block` items) inlined, guarded against cycles; embeds made a link to the embedded page (never a frame);
a cover's background picture made a picture; the `shortcode` block's text made paragraphs, as WordPress
does there only. What cannot be: blocks WordPress makes from the rest of the site at view time (latest
posts, archives, a search form…), dropped and named in the report. Footnotes (WordPress 6.3+) stay where
they are: their references are read by the converter, their text comes from the post's `footnotes` meta."""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

# An opening, closing or void delimiter: `<!-- wp:ns/name {…} -->`; its attributes are a JSON object ending
# right before the closing `-->` (or `/-->`), after at least one space.
DELIMITER = re.compile(r"<!--\s+(?P<close>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+"
                       r"(?:(?P<attrs>\{.*?\})\s+)?(?P<void>/)?-->", re.S)
# Blocks WordPress renders at view time from the site (not from the post): nothing of the post to carry.
FROM_THE_SITE = {"archives", "calendar", "categories", "latest-comments", "latest-posts", "rss", "search",
                 "tag-cloud", "page-list", "page-list-item", "loginout", "social-links", "social-link", "navigation",
                 "navigation-link", "navigation-submenu", "home-link", "query", "query-pagination", "query-title",
                 "query-no-results", "post-template", "template-part", "legacy-widget", "widget-group", "avatar",
                 "read-more", "term-description", "comments", "comment-template", "post-comments-form"}
FROM_THE_SITE_PREFIXES = ("post-", "site-", "comment", "query-")
PROVIDERS = {"youtube": "YouTube", "vimeo": "Vimeo", "twitter": "Twitter", "x": "X", "facebook": "Facebook",
             "instagram": "Instagram", "soundcloud": "SoundCloud", "spotify": "Spotify", "tiktok": "TikTok",
             "dailymotion": "Dailymotion", "wordpress-tv": "WordPress.tv", "flickr": "Flickr", "reddit": "Reddit",
             "tumblr": "Tumblr", "ted": "TED", "scribd": "Scribd", "slideshare": "SlideShare", "imgur": "Imgur"}
EMBED_WRAPPER = re.compile(r'<div class="wp-block-embed__wrapper">\s*(.*?)\s*</div>', re.S)
URL_TEXT = re.compile(r"^https?://[^\s<>\"]+$")
CODE = re.compile(r"(<(?:pre|code|textarea)\b.*?</(?:pre|code|textarea)>)", re.S | re.I)
URL_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.M)  # WordPress's auto-embed: a URL alone on a line
BACKGROUND_VIDEO = re.compile(r"<video\b[^>]*\bwp-block-cover__video-background\b[^>]*>(?:\s*</video>)?", re.I)
FIRST_TAG = re.compile(r"^(\s*<[a-z][a-z0-9]*\b[^>]*>)", re.I)
PARAGRAPHS_HERE = "majalla-autop"  # the class of a <div> whose text is made paragraphs (paragraphs.py)


@dataclass
class Block:
    name: str  # "core/paragraph"; "" for text between blocks
    attrs: dict
    parts: list = field(default_factory=list)  # strings and Blocks, in order


def has_blocks(content: str) -> bool:
    return DELIMITER.search(content) is not None


def parse(text: str) -> list[Block]:
    """The blocks of a post, in order; a closer without its opener is text, an opener never closed runs to
    the end."""
    top: list = []
    stack: list[Block] = []
    pos = 0

    def add(part) -> None:
        (stack[-1].parts if stack else top).append(part)

    for m in DELIMITER.finditer(text):
        if m.start() > pos:
            add(text[pos:m.start()])
        pos = m.end()
        name = m["name"] if "/" in m["name"] else f"core/{m['name']}"
        if m["close"]:
            if not any(b.name == name for b in stack):
                add(m.group(0))
                continue
            while stack:
                block = stack.pop()
                add(block)
                if block.name == name:
                    break
            continue
        try:
            attrs = json.loads(m["attrs"]) if m["attrs"] else {}
        except ValueError:
            attrs = {}
        block = Block(name, attrs if isinstance(attrs, dict) else {})
        if m["void"]:
            add(block)
        else:
            stack.append(block)
    if pos < len(text):
        add(text[pos:])
    while stack:
        block = stack.pop()
        add(block)
    return [Block("", {}, [p]) if isinstance(p, str) else p for p in top]


@dataclass
class Rendering:
    reusable: dict  # id -> content of the export's wp_block items
    notes: list = field(default_factory=list)  # what could not be carried, for the report
    refs: tuple = ()  # the reusable blocks being inlined (a cycle guard)


MAX_DEPTH = 100  # blocks nested deeper are shown as their saved HTML, unrendered (no recursion limit reached)


def render(text: str, reusable: dict, notes: list) -> str:
    """The HTML of a block post, its blocks rendered as above; `notes` gets what was not carried."""
    r = Rendering(reusable, notes)
    return "".join(render_block(b, r) for b in parse(text))


def saved_html(b: Block) -> str:
    """A block's saved HTML as it is, without recursion: its text parts in order."""
    out, stack = [], [b]
    while stack:
        part = stack.pop()
        if isinstance(part, str):
            out.append(part)
        else:
            stack.extend(reversed(part.parts))
    return "".join(out)


def render_block(b: Block, r: Rendering, depth: int = 0) -> str:
    short = b.name.removeprefix("core/")
    if depth > MAX_DEPTH:
        if not any("nested more than" in n for n in r.notes):
            r.notes.append(f"blocks nested more than {MAX_DEPTH} deep: the innermost shown as saved")
        return saved_html(b)
    if not b.name:
        return autoembed("".join(b.parts))
    if short in FROM_THE_SITE or (b.name.startswith("core/") and short.startswith(FROM_THE_SITE_PREFIXES)):
        r.notes.append(f'a "{short}" block (WordPress made it from the rest of the site): left out')
        return ""
    if short == "block":
        return reusable(b, r, depth)
    if short in ("footnotes", "more", "nextpage"):
        return ""
    inner = "".join(p if isinstance(p, str) else render_block(p, r, depth + 1) for p in b.parts)
    if short == "shortcode":
        return f'<div class="{PARAGRAPHS_HERE}">{inner}</div>'
    if short in ("embed", "video-embed") or short.startswith("core-embed/") or b.name.startswith("core-embed/"):
        return embed(b, inner)
    if short == "cover":
        return cover(b, inner)
    return inner


def autoembed(text: str) -> str:
    """A URL alone on a line of text between blocks made a link to it, as WordPress embeds it (never in code)."""
    parts = CODE.split(text)
    return "".join(part if n % 2 else URL_LINE.sub(lambda m: f'<p><a href="{m.group(1)}">{m.group(1)}</a></p>', part)
                   for n, part in enumerate(parts))


def reusable(b: Block, r: Rendering, depth: int) -> str:
    ref = b.attrs.get("ref")
    if ref in r.refs:
        r.notes.append(f"reusable block {ref} includes itself: left out the second time")
        return ""
    content = r.reusable.get(ref) if isinstance(ref, int) else None
    if content is None:
        r.notes.append(f"reusable block {ref} is not in the export (export All content): left out")
        return ""
    inner = Rendering(r.reusable, r.notes, r.refs + (ref,))
    return "".join(render_block(x, inner, depth + 1) for x in parse(content))


def provider(b: Block) -> str:
    slug = str(b.attrs.get("providerNameSlug") or b.name.rpartition("/")[2].removeprefix("core-embed/") or "")
    return PROVIDERS.get(slug, slug.replace("-", " ").title() if slug not in ("embed", "") else "")


def embed(b: Block, inner: str) -> str:
    """The embedded page as a link to it (the address as its text, the provider as its title)."""
    m = EMBED_WRAPPER.search(inner)
    url = str(b.attrs.get("url") or "").strip()
    if not url and m and URL_TEXT.match(html.unescape(m.group(1))):
        url = html.unescape(m.group(1))
    if not url:
        return inner
    name = provider(b)
    title = f' title="{html.escape(name)}"' if name else ""
    link = f'<p><a href="{html.escape(url)}"{title}>{html.escape(url)}</a></p>'
    if m:
        return inner[:m.start()] + link + inner[m.end():]
    return link + inner


def cover(b: Block, inner: str) -> str:
    """A cover whose picture is only a CSS background (WordPress 5.x) gets it as a picture; a background video
    is left out (it is not content: it plays muted, in a loop, under the text)."""
    url = b.attrs.get("url")
    if b.attrs.get("backgroundType") == "video":  # a moving background, muted and looping: decoration
        return BACKGROUND_VIDEO.sub("", inner)
    if not isinstance(url, str) or not url or "<img" in inner:
        return inner
    image = f'<img src="{html.escape(url)}" alt="{html.escape(str(b.attrs.get("alt") or ""))}">'
    m = FIRST_TAG.match(inner)
    return inner[:m.end()] + image + inner[m.end():] if m else image + inner
