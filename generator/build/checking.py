"""Checking the site: the whole site validated by the build's own stages, nothing written to output/. The
`check` command prints it; the preview runs it after each build once the editor is in use.

Errors are the build's. Warnings are what a build lets pass but a reader would notice: a story missing a
translation site.toml expects, a picture without a description, two spellings of one tag, a slug the build
had to cut, a link that leads nowhere, a front-matter key nothing reads. `--strict` makes warnings fail (for
CI): a valid site passes it with nothing to say."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import replace

from ..confine import owned_links
from ..content.links import broken_links
from ..content.taxonomies import TAXONOMIES
from ..editor.publish import admin_copies
from ..errors import BuildError, Problem, Problems
from ..output.lock import building
from ..text.arabic import identity
from .cache import CACHE_FOLDER, Cache
from .options import BuildOptions, load_config
from .output_plan import plan_output
from .reading import load_theme, read_site

NEAR_LENGTH = 8  # names at least this long are near duplicates when one letter apart too
NEAR_NAMES = tuple(t for t in TAXONOMIES if t.near_names)  # tags and sections spelled nearly alike are warned of
LOOSE = str.maketrans({"ة": "ه", "ى": "ي", "ـ": None, "ء": None, "-": " ", "_": " ", "'": " ", "’": " "})
EXTRA_READ = re.compile(r"""\bextra(?:\.get\(\s*["']([^"']+)["']|\[\s*["']([^"']+)["']\s*\]|\.(\w+))""")


def check(options: BuildOptions) -> tuple[list[Problem], int]:
    """(every problem of the site, sorted; the number of articles read). Nothing is written but the cache."""
    root = options.site.resolve()
    try:
        config = load_config(replace(options, site=root))
        admin = admin_copies(config)  # the [editor] table is checked too
    except BuildError as exc:
        return sorted(exc.problems), 0
    if links := owned_links(root):  # check writes the cache: never through a link
        return sorted(Problem(name, 0, why) for name, why in links), 0
    with building(root / "output"):  # the cache is written by one of check and a build at a time
        return check_locked(options, root, config, admin)


def check_locked(options: BuildOptions, root, config, admin) -> tuple[list[Problem], int]:
    problems = Problems(root)
    cache = Cache(root / CACHE_FOLDER, warn=lambda m: problems.warn(CACHE_FOLDER, 0, m))
    articles = 0
    try:
        reading = read_site(options, config, load_theme(options, config), cache, problems)
        articles = len(reading.sources.articles)
        problems.extend(article_warnings(reading.parsed, templates_read(reading.theme.env), problems.warnings))
        problems.extend(name_warnings(reading.parsed))
        if not problems.errors:  # links and translations are judged on a site that builds
            problems.extend(translation_warnings(reading.site))
            plan = plan_output(reading, problems, made=admin)
            files = {s.source: s.path for s in reading.sources.articles}
            problems.extend(broken_links(reading.site, set(plan.digests), files, reading.pictures.bodies))
    except BuildError as exc:
        problems.extend(exc.problems)
    finally:
        cache.close()
    return sorted(set(problems.errors) | set(problems.warnings)), articles


# ---- one article at a time --------------------------------------------------------------------------------
def templates_read(env) -> set[str]:
    """The front-matter keys the templates read as `article.extra.<key>`: those are not unknown."""
    keys = set()
    for name in env.list_templates():
        source, _, _ = env.loader.get_source(env, name)
        for match in EXTRA_READ.finditer(source):
            keys.add(next(g for g in match.groups() if g))
    return keys


def article_warnings(parsed, known_extra: set[str], already) -> list[Problem]:
    warned = {(p.path, p.line) for p in already if p.message.startswith("unknown key")}
    found = []
    for a in parsed:
        warn = lambda line, message: found.append(Problem(a.source, line, message, warning=True))  # noqa: E731
        # a picture without image_alt, a slug too long (cut): the build itself warns (pictures.py, articles.py)
        for key, _ in a.extra:
            line = a.line(key)
            if key not in known_extra and (a.source, line) not in warned:
                warn(line, f'unknown key "{key}": no template reads it (it is kept as article.extra.{key})')
    return found


# ---- names: near duplicates -------------------------------------------------------------------------------
def loose(name: str) -> str:
    """A tag's identity with more folded: ة/ه, ى/ي, hamza seats, accents, the article ال, spaces and hyphens."""
    text = unicodedata.normalize("NFKD", identity(name))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn").translate(LOOSE)
    words = re.findall(r"\w+", text)
    return "".join(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in words)


def near_groups(keys) -> list[set[str]]:
    """Identities that are the same once loosened, or (for long names) one letter apart: union-find."""
    parent = {k: k for k in keys}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    buckets: dict = defaultdict(list)
    for k in sorted(keys):
        form = loose(k)
        buckets[("=", form)].append(k)
        if len(form) >= NEAR_LENGTH and not any(ch.isdigit() for ch in form):
            buckets[("~", form)].append(k)
            for n in range(len(form)):
                buckets[("~", form[:n] + form[n + 1:])].append(k)
    for members in buckets.values():
        for k in members[1:]:
            parent[find(k)] = find(members[0])
    groups: dict = defaultdict(set)
    for k in keys:
        groups[find(k)].add(k)
    return [g for g in groups.values() if len(g) > 1]


def name_warnings(parsed) -> list[Problem]:
    """Per language, a tag (or section) spelled nearly like another: one warning at its first use."""
    found = []
    for taxonomy in NEAR_NAMES:
        kind, single = taxonomy.kind, taxonomy.single
        uses: dict = defaultdict(lambda: defaultdict(list))  # lang -> identity -> [(article, spelling)]
        for a in parsed:
            for name in dict.fromkeys(taxonomy.names(a)):
                uses[a.lang][identity(name)].append((a, name))
        for lang, by_key in sorted(uses.items()):
            for group in near_groups(list(by_key)):
                ranked = sorted(group, key=lambda k: (-len(by_key[k]), k))
                main = ranked[0]
                main_name = Counter(n for _, n in by_key[main]).most_common(1)[0][0]
                for k in ranked[1:]:
                    a, name = min(by_key[k], key=lambda use: use[0].source)
                    found.append(Problem(a.source, a.line(taxonomy.key), (
                        f'{single} "{name}" is nearly {single} "{main_name}" ({len(by_key[main])} article'
                        f"{'s' if len(by_key[main]) != 1 else ''}): they are two {kind} unless spelled alike"),
                        warning=True))
    return found


# ---- the site: translations -------------------------------------------------------------------------------
def translation_warnings(site) -> list[Problem]:
    """A story missing a version the site expects: one in each language of site.toml's expected_languages.
    Without that setting none is expected: a magazine may publish a story in one of its languages only."""
    config = site.config
    expected = config.expected_languages
    if not expected:
        return []
    found = []
    for key, versions in sorted(site.translations.items()):
        missing = [code for code in expected if code not in versions]
        if not missing:
            continue
        names = ", ".join(config.language(code).name for code in missing)
        why = "site.toml expects every story in " + ", ".join(expected)
        for lang, i in sorted(versions.items()):
            a = site.articles[i]
            found.append(Problem(i, a.line("translation_key"), (
                f"no {names} version of this story ({why}); give the translation translation_key: "
                f'"{key}" or the same path below content/<lang>/'), warning=True))
    return found
