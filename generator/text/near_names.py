"""Names spelled nearly alike: a tag, a section or an author written two ways by two writers, and the known
name nearest a misspelled one. Arabic-aware: hamza seats, ة/ه, ى/ي, tashkeel, the article ال and accents
do not count, and a name with digits (COP21, COP22) is never "nearly" another."""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict

from .arabic import identity

NEAR_LENGTH = 8  # names at least this long are near duplicates when one letter apart (any letter changed)
SHORT_LENGTH = 5  # names at least this long are near duplicates when one has a letter more (اقتصد, اقتصاد)
LOOSE = str.maketrans({"ة": "ه", "ى": "ي", "ـ": None, "ء": None, "-": " ", "_": " ", "'": " ", "’": " "})


def loose(name: str) -> str:
    """A tag's identity with more folded: ة/ه, ى/ي, hamza seats, accents, the article ال, spaces and hyphens."""
    text = unicodedata.normalize("NFKD", identity(name))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn").translate(LOOSE)
    words = re.findall(r"\w+", text)
    return "".join(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in words)


def deletions(form: str):
    return (form[:n] + form[n + 1:] for n in range(len(form)))


def near_groups(keys) -> list[set[str]]:
    """Identities that are the same once loosened; or, for long names, one letter apart; or, for names of
    SHORT_LENGTH letters and more, one the other with a letter left out (a changed letter in a short name
    is often another word: «علم», «عالم» are too short; «Liban», «Libya» differ by a letter changed)."""
    parent = {k: k for k in keys}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    buckets: dict = defaultdict(list)
    forms: dict = defaultdict(list)
    loosened = {k: loose(k) for k in keys}
    for k in sorted(keys):
        form = loosened[k]
        buckets[("=", form)].append(k)
        forms[form].append(k)
        if len(form) >= NEAR_LENGTH and not any(ch.isdigit() for ch in form):
            buckets[("~", form)].append(k)
            for shorter in deletions(form):
                buckets[("~", shorter)].append(k)
    for k in sorted(keys):
        form = loosened[k]
        if len(form) > SHORT_LENGTH and not any(ch.isdigit() for ch in form):
            for shorter in deletions(form):
                if shorter in forms:
                    buckets[("=", shorter)].append(k)
    for members in buckets.values():
        for k in members[1:]:
            parent[find(k)] = find(members[0])
    groups: dict = defaultdict(set)
    for k in keys:
        groups[find(k)].add(k)
    return [g for g in groups.values() if len(g) > 1]


def nearest(name: str, known) -> str | None:
    """The name of `known` nearest `name` once both are loosened; None when none is near enough."""
    by_form = {}
    for k in known:
        by_form.setdefault(loose(k), k)
    close = difflib.get_close_matches(loose(name), list(by_form), n=1, cutoff=0.6)
    return by_form[close[0]] if close else None
