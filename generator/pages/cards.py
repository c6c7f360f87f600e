"""The cards of the articles and the people: what a list, the navigation and an article's byline show of an
article (an `ArticleView`), of a term (a `Link` without its count) and of an author or translator (an
`AuthorView`). Each is made when first asked for and kept."""
from __future__ import annotations

import math

from ..content.corrections import last_change
from ..content.model import Edition, Site, Term
from ..text import hijri
from ..text.arabic import identity
from ..text.typography import typeset
from .contract import ArticleView, AuthorView, Link

# Silent reading speed in words a minute, by language (Trauzettel-Klosinski et al., "Standardized assessment
# of reading performance: the IReST", 2012). Arabic is read markedly slower than Latin-script languages;
# a word is counted as readers see it (with its attached و/ب/ال, see text.word_count).
READING_SPEED = {"ar": 138, "de": 179, "en": 228, "es": 218, "fr": 195, "he": 187, "it": 188, "nl": 202,
                 "pt": 181, "tr": 166}
DEFAULT_READING_SPEED = 200
PROFILE_LINKS = {"site": "site", "x": "X", "facebook": "Facebook", "linkedin": "LinkedIn"}  # a link's kind -> its text


def reading_minutes(words: int, lang: str) -> int:
    """Whole minutes to read `words` words in `lang` (`ar`, or `ar-MA`), at least one."""
    speed = READING_SPEED.get(lang.split("-")[0].split("_")[0].lower(), DEFAULT_READING_SPEED)
    return max(1, math.ceil(words / speed))


class Lazy(dict):
    """Key -> its view, made by `make(key)` when first asked for: a planner that plans only some pages makes
    only the cards they show."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, key):
        card = self[key] = self.make(key)
        return card


class CardMaker:
    """Makes the cards of one site: `card(article id)`, `nav(term)`, `person(lang, name)`. `leads`: article
    id -> its processed lead picture (pictures.Lead); `photos`: author profile key -> the Picture of their
    photo; `edition_day`: the newest story's day (pages.front), which makes a card "today"."""

    def __init__(self, site: Site, leads: dict, photos: dict, edition_day):
        self.site, self.leads, self.photos, self.edition_day = site, leads, photos, edition_day
        self.config, self.urls = site.config, site.urls
        self.links: dict = {}  # term path -> its Link in the navigation

    def nav(self, term: Term) -> Link:
        """A term as cards and the navigation show it: without its count (0), so that publishing one article
        does not change every page that shows one of its tags."""
        found = self.links.get(term.path)
        if found is None:
            found = self.links[term.path] = Link(term.name, self.urls.link(term.path), 0, term.key)
        return found

    def card(self, i: str) -> ArticleView:
        site, a = self.site, self.site.articles[i]
        edition = site.edition(a.lang)
        path = site.paths[i]
        lead = self.leads.get(i)
        image = lead.url if lead else self.image_url(a.image, path)
        remote = image if image and "://" in image else None  # not processed: shared as it is
        section = edition.term("sections", identity(a.section)) if a.section else None
        return ArticleView(
            id=i, lang=a.lang, title=typeset(a.title, a.lang), url=self.urls.link(path), permalink=self.urls.absolute(path),
            date=a.date, updated=last_change(a.updated, a.corrections), authors=self.author_links(edition, a.authors),
            dateline=a.dateline, section=self.nav(section) if section else None, tags=self.tag_links(edition, a.tags),
            summary=typeset(a.summary, a.lang),
            image=image, image_alt=a.image_alt, image_caption=typeset(a.image_caption, a.lang),
            image_credit=typeset(a.image_credit, a.lang),
            featured=a.featured, draft=a.draft, future=a.date > site.now,
            reading_minutes=reading_minutes(a.words, a.lang),
            translation_key=a.translation_key, extra=dict(a.extra),
            picture=lead.picture if lead else None, thumbnail=lead.thumbnail if lead else None,
            social_image=lead.social if lead else remote,
            social_width=lead.social_size[0] if lead else 0, social_height=lead.social_size[1] if lead else 0,
            today=a.date.date() == self.edition_day and (a.date.hour, a.date.minute) != (0, 0),
            corrections=a.corrections, hijri=hijri.shown(self.config, a.lang, a.date),
        )

    def author_links(self, edition: Edition, names) -> tuple[Link, ...]:
        """The links of an article's authors that have a page, each once."""
        terms = (self.author_term(edition, n) for n in names)
        return tuple(dict.fromkeys(self.nav(t) for t in terms if t))

    def tag_links(self, edition: Edition, names) -> tuple[Link, ...]:
        """The links of an article's tags that have a page, each once however it is spelled."""
        tags, seen = [], set()
        for name in names:
            term = edition.term("tags", identity(name))
            if term and term.key not in seen:
                seen.add(term.key)
                tags.append(self.nav(term))
        return tuple(tags)

    def author_term(self, edition: Edition, name: str) -> Term | None:
        """The page of an author (or a translator with a profile) named as written: a profile's names, in any
        language, are one page, the profile's name in this language."""
        profile = self.site.profiles.find(name)
        if profile is not None:
            name = profile.name(edition.code, self.config.default_language)
        return edition.term("authors", identity(name))

    def person(self, lang: str, name: str) -> AuthorView:
        """An author or a translator of the language, named as written, with their profile when they have one."""
        term = self.author_term(self.site.edition(lang), name)
        url = self.urls.link(term.path) if term else None
        p = self.site.profiles.find(name)
        if p is None:
            return AuthorView("", lang, term.name if term else name, url)
        default = self.config.default_language
        links = tuple(Link(PROFILE_LINKS[kind], link, 0, kind) for kind, link in p.links)
        return AuthorView(p.key, lang, p.name(lang, default), url, p.role(lang, default), p.bio(lang, default),
                          p.gender, self.photos.get(p.key), links)

    def image_url(self, image: str | None, page_path: str) -> str | None:
        """The address of an article's `image:` as written: another host's as it is, a site path's or one
        beside the article's made a link."""
        if not image:
            return None
        if "://" in image or image.startswith("//"):
            return image
        if image.startswith("/"):
            return self.urls.link(self.urls.path() + image.lstrip("/"))
        return self.urls.link(page_path + image)
