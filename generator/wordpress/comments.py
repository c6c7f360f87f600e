"""Readers' comments as a read-only archive at the end of the article: the approved comments (not pingbacks,
trackbacks, pending, spam or trashed ones), oldest first, each its author's name, its date and its text.

Published as plain text, never as HTML: whatever markup a comment holds is shown as its text (links as
their words), escaped for Markdown. An author's e-mail, IP address and website are never read (wxr.py
does not keep them), so they cannot be published."""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import dom, sanitize
from .inline import escape, escape_line_starts
from .wxr import Comment

HEADINGS = {"ar": "تعليقات القراء", "fr": "Commentaires des lecteurs", "fa": "نظرهای خوانندگان"}
HEADING = "Readers' comments"
CLASS = "wordpress-comments"
BLANK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Archive:
    markdown: str  # "" when no comment is kept
    kept: int
    left: int  # pending, spam, trashed comments, pingbacks and trackbacks


def kept(comment: Comment) -> bool:
    return comment.approved == "1" and comment.type in ("", "comment")


def text_of(content: str) -> list[str]:
    """A comment's paragraphs as escaped Markdown text (its markup shown as text, never as HTML)."""
    plain = dom.parse(sanitize.clean(content.replace("<br", "\n<br"))).text()
    return [escape_line_starts(escape(part)) for part in BLANK.split(plain.replace("\r", "")) if part.strip()]


def archive(comments: tuple[Comment, ...], lang: str) -> Archive:
    shown = sorted((c for c in comments if kept(c)), key=lambda c: (c.date_gmt or c.date, c.id))
    left = sum(1 for c in comments if not kept(c))
    if not shown:
        return Archive("", 0, left)
    parts = [f'<section class="{CLASS}" markdown="1">', f"## {HEADINGS.get(lang, HEADING)}"]
    for c in shown:
        who = escape(" ".join(c.author.split()) or "—")
        when = (c.date or c.date_gmt)[:10]
        paragraphs = text_of(c.content) or [""]
        parts.append(f"**{who}**, {when}:  \n" + "\n\n".join(paragraphs))
    parts.append("</section>")
    return Archive("\n\n".join(parts) + "\n", len(shown), left)
