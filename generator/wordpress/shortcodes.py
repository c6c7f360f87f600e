"""WordPress shortcodes in post HTML, expanded as a plain WordPress site expands them.

Only the shortcodes WordPress itself registers are expanded: [caption] (a figure with its caption),
[gallery] (a figure per picture, from the export's attachments), [audio] and [video] (the media file),
[playlist] (a list of its tracks) and [embed] (a link). A plugin's shortcode ([contact-form-7 …],
[vc_row]) is shown as the text it is, as WordPress shows it once the plugin is gone, and reported.
`[[name]]` is WordPress's way to write a registered shortcode as text. Shortcodes inside <pre> and
<code> are left as text: a post that shows one in code means the text (WordPress would expand a registered
one even there), and nothing there is reported."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

REGISTERED = ("caption", "wp_caption", "gallery", "playlist", "audio", "video", "embed")
AUDIO_KEYS = ("src", "mp3", "m4a", "ogg", "oga", "flac", "wav", "wma")
VIDEO_KEYS = ("src", "mp4", "m4v", "webm", "ogv", "wmv", "flv", "mov")
NAME = re.compile(r"\[(\[?)([A-Za-z][\w-]*)(?=[\s/\]])")  # [name, [[name
ATTR = re.compile(r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)"""
                  r"""|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)""")
MARKUP = re.compile(r"<!--.*?(?:-->|$)|<[^>]*>", re.S)
CODE_TAG = re.compile(r"<(/?)(pre|code)\b", re.I)
IMAGE_START = re.compile(r"\s*((?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*</a>)?)(.*)", re.S | re.I)


@dataclass(frozen=True)
class Attachment:
    id: int
    url: str
    alt: str
    caption: str
    parent: int = 0
    order: int = 0
    title: str = ""


@dataclass
class Expansion:
    """The HTML with shortcodes expanded; the shortcodes of plugins left as text; what else to say."""

    html: str
    left: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def attributes(text: str) -> dict:
    """name="v", name='v', name=v, and positional values as "0", "1"…; names lower-cased."""
    out, n = {}, 0
    for m in ATTR.finditer(html.unescape(re.sub("[\u00a0\u200b]", " ", text))):
        if m.group(1) or m.group(3) or m.group(5):
            key = (m.group(1) or m.group(3) or m.group(5)).lower()
            out[key] = next(g for g in (m.group(2), m.group(4), m.group(6)) if g is not None)
        else:
            out[str(n)] = next(g for g in (m.group(7), m.group(8), m.group(9)) if g is not None)
            n += 1
    return out


def plugin_like(name: str, attrs: str, closed: bool) -> bool:
    """Prose in brackets ([sic], [1], [Update]) is not a shortcode; a lower-case name with attributes, a
    closing tag, or a plugin's prefix (vc_row, contact-form-7) is."""
    return name == name.lower() and ("=" in attrs or closed or "_" in name or "-" in name)


def protected(text: str) -> list[tuple[int, int]]:
    """The spans where a shortcode is not looked for: inside tags and comments, and inside <pre> and <code>."""
    spans, depth, start = [], 0, 0
    for m in MARKUP.finditer(text):
        spans.append((m.start(), m.end()))
        tag = CODE_TAG.match(m.group(0))
        if tag is None:
            continue
        if tag.group(1):
            depth = max(0, depth - 1)
            if depth == 0:
                spans.append((start, m.end()))
        else:
            if depth == 0:
                start = m.start()
            depth += 1
    if depth:
        spans.append((start, len(text)))
    return sorted(spans)


def expand(text: str, attachments: dict[int, Attachment], post_id: int) -> Expansion:
    out = Expansion("")
    out.html = walk(text, attachments, post_id, out)
    return out


def inside(spans, at: int) -> bool:
    return any(a <= at < b for a, b in spans)


def walk(text: str, attachments: dict, post_id: int, out: Expansion) -> str:
    if "[" not in text:
        return text
    spans, parts, pos = protected(text), [], 0
    for m in NAME.finditer(text):
        if m.start() < pos or inside(spans, m.start()):
            continue
        escaped, name = m.group(1), m.group(2)
        close_at = text.find("]", m.end())
        if close_at < 0:
            break
        attrs, self_closing = text[m.end():close_at], False
        if "[" in attrs:
            continue
        if attrs.endswith("/"):
            attrs, self_closing = attrs[:-1], True
        end, inner = close_at + 1, None
        closer = f"[/{name}]"
        if not self_closing:
            at = text.find(closer, end)
            if at >= 0 and (name in REGISTERED or plugin_like(name, attrs, True)):
                inner, end = text[end:at], at + len(closer)
        if name not in REGISTERED:
            if not escaped and plugin_like(name, attrs, inner is not None):
                out.left.append(text[m.start():close_at + 1])
            continue
        if escaped:  # [[caption]] is the text [caption]
            if text.startswith("]", end):
                parts.append(text[pos:m.start()] + text[m.start() + 1:end])
                pos = end + 1
            continue
        parts.append(text[pos:m.start()])
        parts.append(walk(convert(name, attributes(attrs), inner, attachments, post_id, out), attachments, post_id, out))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def convert(name: str, attrs: dict, inner: str | None, attachments: dict, post_id: int, out: Expansion) -> str:
    """The HTML for one registered shortcode."""
    if name in ("caption", "wp_caption"):
        return caption(attrs, inner or "")
    if name == "gallery":
        return gallery(attrs, attachments, post_id, out)
    if name == "playlist":
        return playlist(attrs, attachments, post_id, out)
    if name == "embed":
        url = (inner or attrs.get("src") or attrs.get("0") or "").strip()
        return link(url) if url.startswith(("http://", "https://")) else ""
    keys = AUDIO_KEYS if name == "audio" else VIDEO_KEYS
    src = next((attrs[k] for k in keys if attrs.get(k)), "")
    if not src and attrs.get("0", "").startswith(("http://", "https://", "/")):
        src = attrs["0"]  # [audio https://…/x.mp3]: WordPress ignores it; the author meant the file
        out.notes.append(f"[{name} {src}]: its address written without src= was taken as the file")
    if not src:  # as WordPress does: the first audio (video) file attached to the post
        src = next((a.url for a in sorted(attachments.values(), key=lambda a: (a.order, a.id))
                    if a.parent == post_id and extension(a.url) in keys), "")
    if not src:
        out.notes.append(f"[{name}] without a file: left out")
        return ""
    poster = f' poster="{html.escape(attrs["poster"])}"' if name == "video" and attrs.get("poster") else ""
    return f'<{name} controls src="{html.escape(src)}"{poster}></{name}>'


def extension(url: str) -> str:
    return url.split("?", 1)[0].rsplit("/", 1)[-1].rpartition(".")[2].lower()


def caption(attrs: dict, inner: str) -> str:
    """WordPress's caption: the picture, and its caption text (the `caption` attribute or the words after the
    picture); without a width or a caption, only the picture is shown."""
    text = attrs.get("caption")
    m = IMAGE_START.match(inner)
    if text is None and m:
        inner, text = m.group(1), m.group(2).strip()
    try:
        width = int(re.match(r"\s*(\d*)", attrs.get("width", "")).group(1) or 0)
    except ValueError:
        width = 0
    if width < 1 or not (text or "").strip():
        return inner
    return f'\n<figure class="wp-caption">{inner}<figcaption>{text}</figcaption></figure>\n'


def ids_of(attrs: dict, attachments: dict, post_id: int) -> list[int]:
    if attrs.get("ids") or attrs.get("include"):
        ids = [int(x) for x in re.findall(r"\d+", attrs.get("ids") or attrs.get("include"))]
    else:  # the pictures attached to the post (or to the post id=)
        parent = int(attrs["id"]) if attrs.get("id", "").isdigit() else post_id
        ids = [a.id for a in sorted(attachments.values(), key=lambda a: (a.order, a.id)) if a.parent == parent]
    exclude = {int(x) for x in re.findall(r"\d+", attrs.get("exclude", ""))}
    return [i for i in ids if i not in exclude]


def gallery(attrs: dict, attachments: dict, post_id: int, out: Expansion) -> str:
    ids = ids_of(attrs, attachments, post_id)
    missing = [i for i in ids if i not in attachments]
    if missing:
        out.notes.append(f"[gallery]: picture{'s' if len(missing) > 1 else ''} {', '.join(map(str, missing))} "
                         f"not in the export: left out")
    figures = []
    for a in (attachments[i] for i in ids if i in attachments):
        image = f'<img src="{html.escape(a.url)}" alt="{html.escape(a.alt)}">'
        if attrs.get("link") == "file":
            image = f'<a href="{html.escape(a.url)}">{image}</a>'
        cap = f"<figcaption>{html.escape(a.caption)}</figcaption>" if a.caption.strip() else ""
        figures.append(f'<figure class="gallery-item">{image}{cap}</figure>')
    return f'\n<div class="gallery">{"".join(figures)}</div>\n' if figures else ""


def playlist(attrs: dict, attachments: dict, post_id: int, out: Expansion) -> str:
    tracks = [attachments[i] for i in ids_of(attrs, attachments, post_id) if i in attachments]
    out.notes.append("[playlist]: made a list of links to its tracks")
    items = "".join(f'<li><a href="{html.escape(a.url)}">{html.escape(a.title or a.url.rsplit("/", 1)[-1])}</a></li>'
                    for a in tracks)
    return f"\n<ol>{items}</ol>\n" if items else ""


def link(url: str) -> str:
    return f'\n<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>\n'
