"""Related articles: most shared tags (after normalization), then the same section, then the nearest date."""
from __future__ import annotations

import hashlib
import heapq
from collections import Counter, defaultdict

from ..text.arabic import identity

LIMIT = 4
WINDOW = 12  # per shared tag, the stories nearest in time are considered: bounded work on huge archives


def related_inputs(editions, articles: dict) -> str:
    """The digest of all related_articles() reads: per language, the articles in order, their tags and
    section. A build whose articles only changed text finds the answer of the previous one by it."""
    data = [LIMIT, WINDOW] + [
        (e.code, [(i, sorted({identity(t) for t in articles[i].tags}),
                   identity(articles[i].section) if articles[i].section else None) for i in e.articles])
        for e in editions]
    return hashlib.sha256(repr(data).encode()).hexdigest()


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
        section_index = {}
        for i in ids:
            if section[i]:
                section_index[i] = len(by_section[section[i]])
                by_section[section[i]].append(i)
        for i in ids:
            shared = Counter()
            for key in tag_keys[i]:
                members = by_tag[key]
                n = index_in_tag[(key, i)]
                shared.update(members[max(0, n - WINDOW): n + WINDOW + 1])
            shared.pop(i, None)
            if len(shared) < LIMIT and section[i]:
                members = by_section[section[i]]
                n = section_index[i]
                for m in members[max(0, n - LIMIT): n + LIMIT + 1]:
                    if m != i:
                        shared[m] += 0
            here, mine = position[i], section[i]
            result[i] = tuple(heapq.nsmallest(LIMIT, shared, key=lambda j: (
                -shared[j], mine is None or mine != section[j], abs(here - position[j]), j)))
    return result
