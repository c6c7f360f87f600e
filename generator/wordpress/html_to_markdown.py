"""WordPress post HTML to clean Markdown (markdownify): block comments dropped, shortcodes expanded,
classic-editor line breaks made paragraphs (as WordPress's wpautop does), figures kept with their captions."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from markdownify import MarkdownConverter

from . import shortcodes

BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.S)
MORE = re.compile(r"<!--\s*(?:more|nextpage|noteaser)\b.*?-->", re.S)
PRE = re.compile(r"<pre\b.*?</pre>", re.S | re.I)
BLOCK_START = re.compile(
    r"^<(?:p|div|h[1-6]|ul|ol|li|dl|blockquote|figure|table|pre|hr|section|article|aside|iframe|form|address|"
    r"video|audio|object|embed|script|style|details|nav|header|footer|!--)", re.I)
BLANK_LINE = re.compile(r"\n[ \t]*\n")
MANY_BLANK = re.compile(r"\n{3,}")
BLANK_WITH_SPACES = re.compile(r"^[ \t]+$", re.M)
TRAILING_SPACE = re.compile(r"(?<=\S)[ \t]+$", re.M)


@dataclass(frozen=True)
class Converted:
    markdown: str
    shortcodes_left: tuple[str, ...]


def autop(text: str) -> str:
    """Text separated by blank lines becomes paragraphs, single line breaks <br>: what WordPress shows for
    a classic-editor post. Chunks that already are blocks (<p>, <h2>, <figure>, <ul>...) are left alone."""
    kept: list[str] = []

    def stash(m: re.Match) -> str:
        kept.append(m.group(0))
        return f"\x00{len(kept) - 1}\x00"

    text = PRE.sub(stash, text.replace("\r\n", "\n").replace("\r", "\n"))
    chunks = []
    for chunk in BLANK_LINE.split(text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if BLOCK_START.match(chunk) or chunk.startswith("\x00"):
            chunks.append(chunk)
        else:
            chunks.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    text = "\n\n".join(chunks)
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)


class WordPressMarkdown(MarkdownConverter):
    """markdownify with WordPress's figures, iframes as links, and every file URL passed through `local`
    (which copies an upload beside the article and returns its new name, or returns the URL unchanged)."""

    def __init__(self, local: Callable[[str], str], **options):
        super().__init__(**options)
        self.local = local

    def convert_img(self, el, text, *args, **kwargs):
        if el.get("src"):
            el["src"] = self.local(el["src"])
        return super().convert_img(el, text, *args, **kwargs)

    def convert_a(self, el, text, *args, **kwargs):
        if el.get("href"):
            el["href"] = self.local(el["href"])
        return super().convert_a(el, text, *args, **kwargs)

    def convert_iframe(self, el, text, *args, **kwargs):
        src = el.get("src", "")
        return f"\n\n<{src}>\n\n" if src.startswith(("http://", "https://")) else ""

    def convert_figcaption(self, el, text, *args, **kwargs):
        return text

    def convert_figure(self, el, text, *args, **kwargs):
        images = [img for img in el.find_all("img") if img.find_parent("figcaption") is None]
        if not images or el.find("figure") is not None:  # no picture, or a gallery of figures
            return f"\n\n{text.strip()}\n\n" if text.strip() else ""
        lines = [image_markdown(img, self.local) for img in images]
        caption = el.find("figcaption")
        if caption is not None:
            words = " ".join(convert_fragment(caption.decode_contents(), self.local).split())
            if words:
                lines.append(f'<figcaption markdown="span">{words}</figcaption>')
        return '\n\n<figure markdown="span">\n' + "\n".join(lines) + "\n</figure>\n\n"


def image_markdown(img, local: Callable[[str], str]) -> str:
    src = local(img.get("src", ""))
    alt = " ".join(img.get("alt", "").split()).replace("[", "\\[").replace("]", "\\]")
    md = f"![{alt}]({src})"
    parent = img.parent
    if parent is not None and parent.name == "a" and parent.get("href"):
        md = f"[{md}]({local(parent['href'])})"
    return md


OPTIONS = dict(heading_style="ATX", bullets="-", strong_em_symbol="*", escape_misc=False, autolinks=True)


def convert_fragment(html: str, local: Callable[[str], str]) -> str:
    return WordPressMarkdown(local, **OPTIONS).convert(html)


def to_markdown(content: str, attachments: dict, post_id: int, local: Callable[[str], str]) -> Converted:
    """A post's content (as exported) as Markdown, with the shortcodes that were kept as text."""
    text = MORE.sub("", BLOCK_COMMENT.sub("", content))
    expansion = shortcodes.expand(text, attachments, post_id)
    markdown = convert_fragment(autop(expansion.html), local)
    markdown = BLANK_WITH_SPACES.sub("", markdown)
    markdown = TRAILING_SPACE.sub(lambda m: "  " if m.group(0) == "  " else "", markdown)  # "  ": a line break
    markdown = MANY_BLANK.sub("\n\n", markdown).strip()
    return Converted(markdown + "\n" if markdown else "", tuple(expansion.left))
