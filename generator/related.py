"""Related articles: most shared tags (after normalization), then the same section, then the nearest date."""
from __future__ import annotations

from collections import defaultdict

from .text import identity

LIMIT = 4
WINDOW = 24  # per shared tag, the stories nearest in time are considered: bounded work on huge archives


def related_articles(editions, articles: dict) -> dict:
    result = {}
    for edition in editions:
        ids = edition.articles
        position = {i: n for n, i in enumerate(ids)}
        tag_keys = {i: {identity(t) for t in articles[i].tags} for i in ids}
        section = {i: identity(articles[i].section) if articles[i].section else None for i in ids}
        by_tag = defaultdict(list)
        for i in ids:
            for key in sorted(tag_keys[i]):
                by_tag[key].append(i)
        index_in_tag = {}
        for key, members in by_tag.items():
            for n, i in enumerate(members):
                index_in_tag[(key, i)] = n
        by_section = defaultdict(list)
        for i in ids:
            if section[i]:
                by_section[section[i]].append(i)
        for i in ids:
            candidates = set()
            for key in tag_keys[i]:
                members = by_tag[key]
                n = index_in_tag[(key, i)]
                candidates.update(members[max(0, n - WINDOW): n + WINDOW + 1])
            candidates.discard(i)
            if len(candidates) < LIMIT and section[i]:
                members = by_section[section[i]]
                n = members.index(i)
                candidates.update(m for m in members[max(0, n - LIMIT): n + LIMIT + 1] if m != i)

            def score(j):
                shared = len(tag_keys[i] & tag_keys[j])
                same_section = section[i] is not None and section[i] == section[j]
                return (-shared, not same_section, abs(position[i] - position[j]), j)

            result[i] = tuple(sorted(candidates, key=score)[:LIMIT])
    return result
