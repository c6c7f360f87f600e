"""The corrections page of each language, /<lang>/corrections/: every correction of its articles, the latest
first, each with the story it corrects (the newsroom's public record of its mistakes)."""
from __future__ import annotations

from ..content.model import Edition
from .contract import Chrome
from .page import PageInputs, Planned

SEGMENT = "corrections"


def corrections_path(inputs: PageInputs, code: str) -> str:
    return inputs.urls.path(code, SEGMENT)


def plan_corrections(inputs: PageInputs, edition: Edition, chrome: Chrome) -> list[Planned]:
    path = corrections_path(inputs, edition.code)
    if not inputs.wants(path):
        return []
    site = inputs.site
    found = [(c.date.timestamp(), i, n, c) for i in edition.articles
             for n, c in enumerate(site.articles[i].corrections)]
    found.sort(key=lambda row: (-row[0], row[1], row[2]))
    return [Planned(path, "corrections.html", edition.code, f"content/{edition.code}/", "corrections",
                    inputs.strings[edition.code]("corrections"), ("corrections",),
                    dict(site=chrome, corrections=tuple((inputs.cards[i], c) for _, i, _, c in found)))]
