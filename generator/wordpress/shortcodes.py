"""WordPress shortcodes in post HTML: [caption] and [gallery] become figures, [embed], [audio] and [video]
links; any other shortcode is kept visibly (as code) and reported, so nothing is lost without a word."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

# [name attrs], [name attrs /], and [[name]] (WordPress's way to write a shortcode as text).
OPEN = re.compile(r"\[(\[?)([A-Za-z][A-Za-z0-9_-]*)((?:\s[^\[\]]*?)?)\s*(/?)\](\]?)")
ATTR = re.compile(r"""([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)|"([^"]*)"|'([^']*)'|(\S+)""")
WELL_KNOWN = {"caption", "wp_caption", "gallery", "embed", "audio", "video", "playlist"}
IMG_OR_LINKED_IMG = re.compile(r"^\s*(<a\b[^>]*>\s*<img\b[^>]*>\s*</a>|<img\b[^>]*>)", re.S | re.I)


@dataclass(frozen=True)
class Attachment:
    id: int
    url: str
    alt: str
    caption: str
    parent: int = 0
    order: int = 0


@dataclass
class Expansion:
    """The HTML with shortcodes expanded, and what could not be converted (kept visibly)."""

    html: str
    left: list[str] = field(default_factory=list)


def attributes(text: str) -> dict:
    """WordPress's shortcode_parse_atts: name="v", name='v', name=v; positional values as "0", "1"..."""
    out, n = {}, 0
    for m in ATTR.finditer(html.unescape(text.replace("\u00a0", " "))):
        if m.group(1) or m.group(3) or m.group(5):
            key = (m.group(1) or m.group(3) or m.group(5)).lower()
            out[key] = next(g for g in (m.group(2), m.group(4), m.group(6)) if g is not None)
        else:
            out[str(n)] = next(g for g in (m.group(7), m.group(8), m.group(9)) if g is not None)
            n += 1
    return out


def looks_like_shortcode(name: str, attrs: str, enclosing: bool) -> bool:
    """Prose in brackets ([sic], [1]) is not a shortcode; a name WordPress knows, or one with attributes,
    a closing tag, or a plugin's prefix (vc_row, contact-form-7) is."""
    if name.lower() in WELL_KNOWN:
        return True
    return name == name.lower() and ("=" in attrs or enclosing or "_" in name or "-" in name)


def expand(text: str, attachments: dict[int, Attachment], post_id: int) -> Expansion:
    out = Expansion("")
    out.html = walk(text, attachments, post_id, out)
    return out


def walk(text: str, attachments: dict, post_id: int, out: Expansion) -> str:
    parts, pos = [], 0
    while (m := OPEN.search(text, pos)) is not None:
        parts.append(text[pos:m.start()])
        escaped, name, attrs, closed, escaped_end = m.groups()
        close = None if closed else re.compile(rf"\[/{re.escape(name)}\]").search(text, m.end())
        if escaped and escaped_end:  # [[gallery]] is the text "[gallery]"
            parts.append(m.group(0)[1:-1])
            pos = m.end()
            continue
        if escaped:
            parts.append("[")
            pos = m.start() + 1
            continue
        if not looks_like_shortcode(name, attrs, close is not None):
            parts.append(m.group(0))
            pos = m.end()
            continue
        inner = text[m.end():close.start()] if close else None
        end = close.end() if close else m.end()
        opening = m.group(0)
        converted = convert(name.lower(), attributes(attrs), inner, attachments, post_id)
        if converted is None:
            out.left.append(opening)
            kept = f"<code>{html.escape(opening)}</code>"
            if inner is not None:
                kept += walk(inner, attachments, post_id, out) + f"<code>{html.escape(f'[/{name}]')}</code>"
            parts.append(kept)
        else:
            parts.append(walk(converted, attachments, post_id, out))  # a caption may hold shortcodes
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def convert(name: str, attrs: dict, inner: str | None, attachments: dict, post_id: int) -> str | None:
    """The HTML for one shortcode, or None when it cannot be converted."""
    if name in ("caption", "wp_caption"):
        return caption(attrs, inner or "")
    if name == "gallery":
        return gallery(attrs, attachments, post_id)
    if name == "embed" and inner and inner.strip().startswith(("http://", "https://")):
        return link(inner.strip())
    if name in ("audio", "video"):
        src = attrs.get("src") or next((v for k, v in attrs.items() if k in ("mp3", "m4a", "ogg", "wav", "mp4",
                                                                              "webm", "ogv")), "")
        return link(src) if src else None
    return None


def caption(attrs: dict, inner: str) -> str | None:
    m = IMG_OR_LINKED_IMG.match(inner)
    if not m:
        return None
    text = inner[m.end():].strip() or attrs.get("caption", "")
    return figure(m.group(1), text)


def gallery(attrs: dict, attachments: dict, post_id: int) -> str | None:
    if attrs.get("ids"):
        ids = [int(x) for x in re.findall(r"\d+", attrs["ids"])]
    else:  # a gallery of the images attached to the post
        ids = [a.id for a in sorted(attachments.values(), key=lambda a: (a.order, a.id)) if a.parent == post_id]
    found = [attachments[i] for i in ids if i in attachments]
    if not found or len(found) < len(ids):
        return None
    return "".join(figure(f'<img src="{html.escape(a.url)}" alt="{html.escape(a.alt)}">', html.escape(a.caption))
                   for a in found)


def figure(image: str, caption_html: str) -> str:
    caption_part = f"<figcaption>{caption_html}</figcaption>" if caption_html.strip() else ""
    return f"\n\n<figure>{image}{caption_part}</figure>\n\n"


def link(url: str) -> str:
    return f'\n\n<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>\n\n'
