"""Tags that translate each other: `check` suggests a [tags] line of site.toml for two tags of two languages that
the translations of the same stories carry, so that their pages are linked across languages (switcher,
hreflang, sitemap). A note, not a warning: two lists left apart is no mistake."""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..text.arabic import identity, slugify

MIN_STORIES = 2  # one story is too little to go on: a note for each tag of each new story would drown the others
BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")  # a TOML key without quotes


@dataclass(frozen=True, order=True)
class TagPair:
    """Two tags of two languages used together by the versions of `stories` stories."""

    path: str  # the article that carries the first tag (its first story's)
    line: int  # its tags: line
    names: tuple[tuple[str, str], ...]  # (language, the tag's name), in site.toml's order of languages
    stories: int

    @property
    def key(self) -> str:
        """A key for the [tags] line: the name in Latin letters, accents left out ("economie-du-care"), when
        there is one; else the first name's slug, quoted (a TOML key of other letters needs quotes)."""
        for _, name in self.names:
            folded = slugify("".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)))
            if BARE_KEY.match(folded):
                return folded
        return json.dumps(slugify(self.names[0][1]) or "tag", ensure_ascii=False)

    def __str__(self) -> str:
        names = ", ".join(f'{lang} = "{name}"' for lang, name in self.names)
        uses = f"{self.stories} stor{'ies' if self.stories != 1 else 'y'}"
        return (f"{self.path}:{self.line}: note: the tags " + " and ".join(f"«{n}»" for _, n in self.names)
                + f" are given by the versions of {uses} in two languages; to link their pages across languages, "
                f"add to site.toml's [tags]: {self.key} = {{ {names} }}")


def tag_pairs(site) -> list[TagPair]:
    """For each two languages, the tags of one that the translations of the same stories carry with a tag of the
    other, when each is the other's most frequent companion in at least half of the stories either is used in
    and in MIN_STORIES stories at least; of two pairs as frequent, the one
    whose tags are at one place of their lists (of one length) wins, else neither is suggested. Tags [tags]
    already pairs, and tags of one normalized spelling (linked already), are left out."""
    config, articles = site.config, site.articles
    named = {(lang, identity(name)) for _, names in config.tags for lang, name in names}
    order = {code: n for n, code in enumerate(config.codes)}
    together: dict = defaultdict(Counter)  # (lang a, lang b) -> Counter of (key a, key b)
    aligned: Counter = Counter()  # (lang a, lang b, key a, key b) -> stories that give them at one place of the list
    uses: Counter = Counter()  # (lang, key) -> translated stories that carry it
    spelled: dict = {}  # (lang, key) -> (the name as first written, article, line)
    for key in sorted(site.translations):
        versions = sorted(site.translations[key].items(), key=lambda v: order.get(v[0], len(order)))
        if len(versions) < 2:
            continue
        tags = {}
        for lang, i in versions:
            a = articles[i]
            keys = []
            for name in a.tags:
                k = identity(name)
                if (lang, k) not in named and k not in keys:
                    keys.append(k)
                    spelled.setdefault((lang, k), (name, i, a.line("tags")))
            tags[lang] = keys
        langs = [lang for lang, _ in versions]
        for n, la in enumerate(langs):
            for lb in langs[n + 1:]:
                shared = set(tags[la]) & set(tags[lb])  # one spelling in both: linked already
                left = [k for k in tags[la] if k not in shared]
                right = [k for k in tags[lb] if k not in shared]
                same_length = len(left) == len(right)  # places compare only between lists of one length
                for n_a, ka in enumerate(left):
                    uses[(la, lb, "a", ka)] += 1
                    for n_b, kb in enumerate(right):
                        together[(la, lb)][(ka, kb)] += 1
                        aligned[(la, lb, ka, kb)] += same_length and n_a == n_b
                for kb in right:
                    uses[(la, lb, "b", kb)] += 1
    found = []
    for (la, lb), counts in sorted(together.items()):
        # a translator keeps the order of the tags, most often: of two pairs as frequent, the one at one place wins
        score = {pair: (n, aligned[(la, lb, *pair)]) for pair, n in counts.items()}
        best_a: dict = {}
        best_b: dict = {}
        for (ka, kb), value in sorted(score.items(), key=lambda kv: ((-kv[1][0], -kv[1][1]), kv[0])):
            best_a.setdefault(ka, (kb, value))
            best_b.setdefault(kb, (ka, value))
        for ka, (kb, value) in sorted(best_a.items()):
            n = value[0]
            if n < MIN_STORIES or best_b[kb][0] != ka or n * 2 < max(uses[(la, lb, "a", ka)], uses[(la, lb, "b", kb)]):
                continue
            if sum(1 for (x, y), v in score.items() if (x == ka or y == kb) and v == value) > 1:
                continue  # a tie: no way to tell which tag translates which
            name_a, i, line = spelled[(la, ka)]
            found.append(TagPair(i, line, ((la, name_a), (lb, spelled[(lb, kb)][0])), n))
    return sorted(found)
