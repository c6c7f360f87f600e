"""Checking the site: the whole site validated by the build's own stages, nothing written to output/. The
`check` command prints it; the preview runs it after each build once the editor is in use.

Errors are the build's. Warnings are what a build lets pass but a reader would notice: a story missing a
translation site.toml expects, a picture without a description, two spellings of one tag, a slug the build
had to cut, a link that leads nowhere, a front-matter key nothing reads. Notes: drafts left old, tags
of two languages that translations share and site.toml's [tags] could link, pins and breaking strips that
have ended (content/pins.py). `--strict`
makes warnings fail (for CI): a valid site passes it with nothing to say."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from ..confine import owned_links
from ..content.known_sections import section_names
from ..content.links import broken_links
from ..content import pins
from ..content.old_drafts import OldDraft, old_drafts
from ..content.tag_pairs import TagPair, tag_pairs
from ..content.taxonomies import TAXONOMIES
from ..editor.publish import admin_copies
from ..errors import BuildError, Problem, Problems
from ..output.lock import building
from ..text.arabic import identity, whole_slug
from ..text.near_names import loose, near_groups  # noqa: F401 (loose: for tests)
from .cache import CACHE_FOLDER, Cache
from .options import BuildOptions, clock, load_config
from .output_plan import plan_output
from .reading import load_theme, read_site

NEAR_NAMES = tuple(t for t in TAXONOMIES if t.near_names)  # tags and sections spelled nearly alike are warned of
EXTRA_READ = re.compile(r"""\bextra(?:\.get\(\s*["']([^"']+)["']|\[\s*["']([^"']+)["']\s*\]|\.(\w+))""")


@dataclass(frozen=True)
class Checked:
    problems: list[Problem]  # every error and warning, sorted
    articles: int  # articles read
    old_drafts: tuple[OldDraft, ...] = ()  # notes: drafts dated old_draft_days ago or more
    tag_pairs: tuple[TagPair, ...] = ()  # notes: tags of two languages that site.toml's [tags] could link


def check(options: BuildOptions) -> tuple[list[Problem], int]:
    """(every problem of the site, sorted; the number of articles read). Nothing is written but the cache."""
    checked = check_site(options)
    return checked.problems, checked.articles


def check_site(options: BuildOptions) -> Checked:
    """Every problem of the site, the number of articles read and the old drafts."""
    root = options.site.resolve()
    try:
        config = load_config(replace(options, site=root))
        admin = admin_copies(config)  # the [editor] table is checked too
    except BuildError as exc:
        return Checked(sorted(exc.problems), 0)
    if links := owned_links(root):  # check writes the cache: never through a link
        return Checked(sorted(Problem(name, 0, why) for name, why in links), 0)
    with building(root / "output"):  # the cache is written by one of check and a build at a time
        return check_locked(options, root, config, admin)


def check_locked(options: BuildOptions, root, config, admin) -> Checked:
    drafts: list[OldDraft] = []
    pairs: list[TagPair] = []
    problems = Problems(root)
    cache = Cache(root / CACHE_FOLDER, warn=lambda m: problems.warn(CACHE_FOLDER, 0, m))
    articles = 0
    try:
        reading = read_site(options, config, load_theme(options, config), cache, problems)
        articles = len(reading.sources.articles)
        drafts = old_drafts(reading.parsed, clock(options), config.old_draft_days)
        problems.extend(article_warnings(reading.parsed, templates_read(reading.theme.env), problems.warnings))
        problems.extend(name_warnings(reading.parsed, set(section_names(config))))
        problems.extend(byline_warnings(reading.parsed, reading.site.profiles))
        problems.extend(pins.ended(reading.parsed, clock(options)))
        # links and translations are judged even when articles failed (every problem in one run), but not
        # a link or a missing version that a failed article may be once fixed
        failed = [s for s in reading.sources.articles if s.source not in {a.source for a in reading.parsed}]
        problems.extend(translation_warnings(reading.site, {(s.lang, rel_of(s.source)) for s in failed}))
        pairs = tag_pairs(reading.site)
        plan = plan_output(reading, problems, made=admin)
        files = {s.source: s.path for s in reading.sources.articles}
        problems.extend(broken_links(reading.site, set(plan.digests), files, reading.pictures.bodies,
                                     {whole_slug(PurePosixPath(s.source).stem) for s in failed}))
    except BuildError as exc:
        problems.extend(exc.problems)
    finally:
        cache.close()
    return Checked(sorted(set(problems.errors) | set(problems.warnings)), articles, tuple(drafts), tuple(pairs))


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
def name_warnings(parsed, named_sections=frozenset()) -> list[Problem]:
    """Per language, a tag (or section) spelled nearly like another: one warning at its first use. Sections
    of a language that site.toml's [sections] names (`named_sections`) are left to the build's own warning
    on a section [sections] lacks (content/known_sections.py)."""
    found = []
    for taxonomy in NEAR_NAMES:
        kind, single = taxonomy.kind, taxonomy.single
        uses: dict = defaultdict(lambda: defaultdict(list))  # lang -> identity -> [(article, spelling)]
        for a in parsed:
            if kind == "sections" and a.lang in named_sections:
                continue
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


def byline_warnings(parsed, profiles) -> list[Problem]:
    """An author or a translator written nearly like a name of a profile (authors/), but not as it: the byline would
    get a page of its own, without the profile (the credit of a translator, no link). One warning at its first use (the first file, by path)."""
    if not profiles:
        return []
    known = profiles.names()  # normalized name -> profile
    uses: dict = {}  # normalized name -> (article, key, the name as written), its first use
    for a in sorted(parsed, key=lambda a: a.source):
        for key, names in (("author", a.authors), ("translator", a.translators)):
            for name in names:
                k = identity(name)
                if k not in known:
                    uses.setdefault(k, (a, key, name))
    found = []
    for group in near_groups(list(known) + [k for k in uses if k not in known]):
        named = sorted(k for k in group if k in known)
        if not named:
            continue
        profile = known[named[0]]
        for k in sorted(group - set(named)):
            a, key, name = uses[k]
            nearest = next(n for _, n in profile.names if identity(n) == named[0])
            found.append(Problem(a.source, a.line(key), (
                f'{key} "{name}" is nearly "{nearest}" of {profile.source}: write the name as the profile does, '
                + ("or the byline gets a page of its own, without the profile" if key == "author" else
                   "or the credit is not linked to the profile")),
                warning=True))
    return found


# ---- the site: translations -------------------------------------------------------------------------------
def rel_of(source: str) -> str:
    """"2024/06/x" of "content/ar/2024/06/x.md": the path that makes translations by default."""
    return str(PurePosixPath(*PurePosixPath(source).parts[2:]).with_suffix(""))


def translation_warnings(site, failed=frozenset()) -> list[Problem]:
    """A story missing a version the site expects: one in each language of site.toml's expected_languages.
    Without that setting none is expected: a magazine may publish a story in one of its languages only.
    `failed`: (language, path) of the articles that did not parse: a version that may be one is not missing."""
    config = site.config
    expected = config.expected_languages
    if not expected:
        return []
    found = []
    for key, versions in sorted(site.translations.items()):
        rels = {site.articles[i].rel for i in versions.values()}
        missing = [code for code in expected if code not in versions and not any((code, r) in failed for r in rels)]
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
