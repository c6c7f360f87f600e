"""The corrections page of each language, /<lang>/corrections/: every correction of its articles, the latest
first, each with the story it corrects (the newsroom's public record of its mistakes). A language without
corrections has none: it would say nothing, and nothing links to it (an article links it only when it has a
correction), so it is in no sitemap, and the language switcher of another language's corrections page says
there is no version in this one (pages/planner.py registers only the languages that have one)."""
from __future__ import annotations

from ..content.model import Edition
from .contract import Chrome
from .page import PageInputs, Planned

SEGMENT = "corrections"


def corrections_path(inputs: PageInputs, code: str) -> str:
    return inputs.urls.path(code, SEGMENT)


def corrected(site, edition: Edition) -> bool:
    """Whether a language has a corrections page: one of its articles has a correction."""
    return any(site.articles[i].corrections for i in edition.articles)


def plan_corrections(inputs: PageInputs, edition: Edition, chrome: Chrome) -> list[Planned]:
    path = corrections_path(inputs, edition.code)
    if not inputs.wants(path) or not corrected(inputs.site, edition):
        return []
    site = inputs.site
    found = [(c.date.timestamp(), i, n, c) for i in edition.articles
             for n, c in enumerate(site.articles[i].corrections)]
    found.sort(key=lambda row: (-row[0], row[1], row[2]))
    return [Planned(path, "corrections.html", edition.code, f"content/{edition.code}/", "corrections",
                    inputs.strings[edition.code]("corrections"), ("corrections",),
                    dict(site=chrome, corrections=tuple((inputs.cards[i], c) for _, i, _, c in found)))]
