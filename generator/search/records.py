"""What the search index holds, from what the build already has: one record per published article (its
title and its text, without the footnotes' marks and back-links; what a result shows; the filters), never read back from the HTML pages,
so no template decides what is indexed and a template edit re-indexes nothing.

Each language's records are split into parts by a hash of their URL (a part holds at most
`search_part_pages` articles; their number is a power of two, so a site below that has one part and
exactly one index). A part is one Pagefind bundle in pagefind/<lang>/<nn>/, a folder that keeps its name
while the number of parts does not change, so the search page (which names them) changes only then, not
with every edit. Pagefind names every file of a bundle but its entry after the file's content: a changed
part's new files go into output/ before its new entry, its old ones are removed after (search.index,
output.stage's journal), so a page never sees an entry naming a file not there. The search page merges the
parts (search.js, Pagefind's mergeIndex)."""
from __future__ import annotations

import hashlib
import html
import json
import math
import re
from dataclasses import dataclass

from ..text import dates
from ..text.arabic import identity
from .fold import TABLE, TABLE_DIGEST, fold_text

BUNDLE = "pagefind"  # the folder of the index, below output/
ENTRY_FILE = "pagefind-entry.json"
SCHEME = "3"  # bump when what is indexed changes in a way the record digests do not show
FOLDED_BY_US = set(TABLE["prefix_languages"])  # the fold's proclitic rule is their stemmer: Pagefind's is not
INLINE = "a|abbr|b|bdi|bdo|cite|code|del|dfn|em|i|ins|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var|wbr"
INLINE_TAG = re.compile(rf"</?(?:{INLINE})\b[^>]*>", re.I)
TAG = re.compile(r"<[^>]*>")
# a footnote's mark in the text (<sup id="fnref:1">…1…</sup>) and its back-link «↩»: not the article's words
FOOTNOTE_MARKS = re.compile(r'<sup id="fnref[^"]*">.*?</sup>|<a class="footnote-backref"[^>]*>.*?</a>', re.S)


@dataclass(frozen=True)
class Record:
    """One article as the index sees it. `digest` covers everything the index is made of."""

    article: str  # the article's id (its source file)
    url: str  # the href of its page
    lang: str
    digest: str


@dataclass(frozen=True)
class Part:
    lang: str
    number: int
    digest: str
    records: tuple[Record, ...]  # in URL order

    @property
    def folder(self) -> str:
        """Its folder below output/."""
        return f"{BUNDLE}/{self.lang}/{self.name}"

    @property
    def name(self) -> str:
        return f"{self.number:02d}"

    @property
    def entry(self) -> str:
        """The path that stands for the whole part in the build's output records."""
        return f"{self.folder}/{ENTRY_FILE}"


def fingerprint(value) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()[:24]


def record_of(site, article_id: str, version: str) -> Record:
    a = site.articles[article_id]
    url = site.urls.link(site.paths[article_id])
    digest = fingerprint([SCHEME, TABLE_DIGEST, version, url, a.lang, a.title, a.body_digest,
                          shown_section(site, a), a.date.isoformat()])
    return Record(article_id, url, a.lang, digest)


def shown_section(site, a) -> str:
    term = site.edition(a.lang).term("sections", identity(a.section)) if a.section else None
    return term.name if term else ""


def parts_count(pages: int, part_pages: int) -> int:
    """The number of parts for `pages` records: a power of two, each part at most `part_pages` on average."""
    return 1 << max(0, math.ceil(math.log2(max(1, math.ceil(pages / part_pages)))))


def bucket(url: str, count: int) -> int:
    return int(hashlib.sha1(url.encode()).hexdigest(), 16) % count


def plan_parts(site, edition, part_pages: int, version: str) -> tuple[Part, ...]:
    """The parts of one language's index (none when it has no article)."""
    records = sorted((record_of(site, i, version) for i in edition.articles), key=lambda r: r.url)
    count = parts_count(len(records), part_pages)
    buckets: list[list[Record]] = [[] for _ in range(count)]
    for r in records:
        buckets[bucket(r.url, count)].append(r)
    return tuple(Part(edition.code, n, fingerprint([edition.code, count, [(r.url, r.digest) for r in rs]]), tuple(rs))
                 for n, rs in enumerate(buckets) if rs)


# ---- at indexing time: the text ---------------------------------------------------------------------------
def plain_text(body_html: str) -> str:
    """The text of a body: a block's tags part words, an inline one does not (<strong>و</strong>هو); the
    footnotes' marks and back-links are left out (a mark would join its number to the word before it)."""
    return html.unescape(TAG.sub(" ", INLINE_TAG.sub("", FOOTNOTE_MARKS.sub("", body_html))))


@dataclass(frozen=True)
class Shown:
    """What a result shows of a record (the fragment's content and meta), and what is indexed."""

    url: str
    words: str  # the text as written: title and body (not the tags), one space between words
    meta: dict
    filters: dict
    language: str  # as Pagefind is told
    folded: str  # one folded word for each word of `words`
    folded_title: str


def shown(site, record: Record, part: int, body_html: str) -> Shown:
    """What is indexed of a record of part number `part`. The part is a filter too: search.js asks each
    part apart when it must tell whether a part's answer only stands in for a word the part lacks
    (Pagefind then answers with the longest word it has that starts the query's)."""
    a = site.articles[record.article]
    locale = site.edition(a.lang).language.locale
    section = shown_section(site, a)
    words = " ".join(" ".join(part.split()) for part in (a.title, plain_text(body_html)) if part.strip())
    meta = {"title": a.title, "date": dates.format_when(a.date, locale, "long"), "iso": a.date.isoformat()}
    filters = {"year": [str(a.date.year)], "part": [f"{part:02d}"]}
    if section:
        meta["section"] = section
        filters["section"] = [section]
    return Shown(record.url, words, meta, filters, "und" if a.lang in FOLDED_BY_US else a.lang, fold_text(words),
                 fold_text(a.title))
