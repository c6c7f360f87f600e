"""JSON-LD checked against schema.org by type: each node's @type must be one the site uses, each property one
that schema.org gives that type (or a type it inherits from), each date an ISO 8601 date, and nested nodes
are checked the same way. The vocabulary below is schema.org's own, for the types majalla writes."""
from __future__ import annotations

import datetime as dt

THING = {"@context", "@type", "@id", "name", "url", "description", "image", "sameAs", "mainEntityOfPage"}
CREATIVE_WORK = THING | {"headline", "author", "publisher", "datePublished", "dateModified", "inLanguage",
                         "keywords", "wordCount", "correction", "isPartOf", "position", "hasPart", "text"}
ARTICLE = CREATIVE_WORK | {"articleSection", "articleBody"}
PROPERTIES = {
    "NewsArticle": ARTICLE | {"dateline"},
    "CorrectionComment": CREATIVE_WORK,
    "CreativeWorkSeries": CREATIVE_WORK | {"startDate", "endDate"},
    "Person": THING,
    "Organization": THING | {"logo"},
    "NewsMediaOrganization": THING | {"logo"},
    "ImageObject": THING,
    "WebPage": CREATIVE_WORK,
    "WebSite": CREATIVE_WORK,
    "BreadcrumbList": THING | {"itemListElement"},
    "ListItem": THING | {"position", "item"},
}
DATES = {"datePublished", "dateModified", "startDate", "endDate"}


def problems(node, where: str = "$") -> list[str]:
    """What is wrong with a JSON-LD node (and the nodes inside it) by schema.org."""
    if isinstance(node, list):
        return [p for n, item in enumerate(node) for p in problems(item, f"{where}[{n}]")]
    if not isinstance(node, dict):
        return []
    kind = node.get("@type")
    if kind not in PROPERTIES:
        return [f"{where}: @type {kind!r} is not one of {sorted(PROPERTIES)}"]
    found = [f"{where}: {kind} has no property {key!r}" for key in node if key not in PROPERTIES[kind]]
    for key in DATES & set(node):
        try:
            dt.datetime.fromisoformat(node[key])
        except (TypeError, ValueError):
            found.append(f"{where}.{key}: {node[key]!r} is not an ISO 8601 date")
    for key, value in node.items():
        if isinstance(value, (dict, list)):
            found += problems(value, f"{where}.{key}")
    return found
