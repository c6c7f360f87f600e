"""The Markdown pages of the repository (README.md, docs/**/*.md) read as a git host reads them (CommonMark with
tables): their code blocks, links, headings and the anchors a git host gives those headings."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
LANGUAGES = ("ar", "fr")  # the languages the writers' pages are translated into: docs/<lang>/<page>.md
PARSER = MarkdownIt("commonmark").enable("table")


def pages() -> list[Path]:
    """README.md and every page of docs/."""
    return [REPO / "README.md", *sorted(DOCS.rglob("*.md"))]


def name(page: Path) -> str:
    return page.relative_to(REPO).as_posix()


@lru_cache(maxsize=None)
def tokens(page: Path) -> tuple:
    return tuple(PARSER.parse(page.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Block:
    """A fenced code block: ```lang word key=value…"""

    page: Path
    line: int  # of its opening fence, 1-based
    lang: str
    text: str
    attrs: dict = field(default_factory=dict)  # key=value words of its info string

    @property
    def where(self) -> str:
        return f"{name(self.page)}:{self.line}"


def blocks(page: Path) -> list[Block]:
    found = []
    for t in tokens(page):
        if t.type == "fence":
            words = t.info.split()
            attrs = dict(w.split("=", 1) for w in words[1:] if "=" in w)
            found.append(Block(page, t.map[0] + 1, words[0] if words else "", t.content, attrs))
    return found


def links(page: Path) -> list[tuple[int, str]]:
    """(line, target) of every link and image of the page."""
    found = []
    for t in tokens(page):
        if t.type != "inline":
            continue
        for child in t.children or ():
            if child.type == "link_open":
                found.append((t.map[0] + 1, child.attrs.get("href", "")))
            elif child.type == "image":
                found.append((t.map[0] + 1, child.attrs.get("src", "")))
    return found


def text_of(inline) -> str:
    """The text a reader sees of an inline token: its words and code, without the Markdown marks."""
    return "".join(c.content for c in inline.children or () if c.type in ("text", "code_inline"))


def headings(page: Path) -> list[tuple[int, str]]:
    """(level, text) of every heading."""
    all_tokens = tokens(page)
    return [(int(t.tag[1]), text_of(all_tokens[n + 1])) for n, t in enumerate(all_tokens) if t.type == "heading_open"]


def anchor(heading: str) -> str:
    """The anchor a git host gives a heading (as GitHub does): lower case, punctuation and symbols dropped,
    letters (Arabic ones too), digits, marks, hyphens and underscores kept, each space a hyphen."""
    kept = "".join(ch for ch in heading.lower() if unicodedata.category(ch)[0] in "LNM" or ch in " -_")
    return kept.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    """The anchors of a page's headings; a repeated one gets -1, -2… as on a git host."""
    seen: dict[str, int] = {}
    found = set()
    for _, text in headings(page):
        base = anchor(text)
        n = seen.get(base, 0)
        seen[base] = n + 1
        found.add(base if n == 0 else f"{base}-{n}")
    return found


def html(page: Path) -> str:
    """The page as HTML, its raw HTML kept (a git host keeps `<div dir="rtl">`)."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(page.read_text(encoding="utf-8"))


def versions(page: Path) -> dict[str, Path]:
    """{language: file} of a writer's page in every language it exists in ("en" for docs/<page>.md)."""
    rel = page.relative_to(DOCS)
    base = Path(*rel.parts[1:]) if rel.parts[0] in LANGUAGES else rel
    found = {"en": DOCS / base} if (DOCS / base).is_file() else {}
    found.update({lang: DOCS / lang / base for lang in LANGUAGES if (DOCS / lang / base).is_file()})
    return found
