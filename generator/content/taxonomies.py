"""The taxonomies, declared once: how articles are grouped (tags, sections, authors), the front-matter key
that names them, the URL segment of their pages, whether each term has a feed and its pages are in the
sitemap. The model, the page kinds, the feeds, the head and `check` read this table."""
from __future__ import annotations

from dataclasses import dataclass

from .articles import Article


@dataclass(frozen=True)
class Taxonomy:
    kind: str  # the plural: Term.kind, the key of Edition.terms: "tags"
    single: str  # one of them: the page kind of a term's page ("tag"), and how a message names one
    key: str  # the front-matter key that names them: "tags" (a list), "section", "author" (one or a list)
    attribute: str  # where an Article holds them: "tags", "section" (one name or None), "authors"
    segment: str  # the URL segment of their pages: /<lang>/<segment>/<slug>/
    feed: bool  # each term has a feed of its own: /<lang>/<segment>/<slug>/feed.xml
    sitemap: bool  # the terms' pages are in the sitemap
    near_names: bool  # `check` warns of two names of one language spelled nearly alike
    groups: str = ""  # the table of site.toml that names a term in every language ([sections], [tags], [series])
    own_pages: bool = False  # its terms' pages are a page kind of their own (pages/series.py), not list.html

    def names(self, article: Article) -> tuple[str, ...]:
        """The names an article gives in this taxonomy, as written."""
        value = getattr(article, self.attribute)
        return value if isinstance(value, tuple) else ((value,) if value else ())


TAXONOMIES = (
    Taxonomy("tags", "tag", "tags", "tags", "tags", feed=True, sitemap=True, near_names=True, groups="tags"),
    Taxonomy("sections", "section", "section", "section", "sections", feed=True, sitemap=True, near_names=True,
             groups="sections"),
    Taxonomy("authors", "author", "author", "authors", "authors", feed=True, sitemap=True, near_names=False),
    Taxonomy("series", "series", "series", "series", "series", feed=True, sitemap=True, near_names=True,
             groups="series", own_pages=True),  # issue 21: content/series.py
)
