"""The documentation cannot drift: the pages made from the code are what scripts/docs.py writes, every link and
every file named leads somewhere, each writer's page has its versions in Arabic and French and links to them,
the Arabic pages read right to left, and every settings example is a valid site.toml.
(tests/test_docs_examples.py runs the commands the pages show.)"""
from __future__ import annotations

import importlib
import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from scripts import docs
from tests.sites import SITE_TOML
from tests.support.docs import (DOCS, LANGUAGES, REPO, anchors, blocks, headings, html, links, name, pages, tokens,
                                versions)

WRITERS = ("writing.md", "preview-and-check.md", "editor.md", "README.md")  # the pages in every language: docs/<lang>/<page>
LANGUAGE_NAMES = {"en": "English", "ar": "العربية", "fr": "Français"}


# ---- the pages made from the code ----------------------------------------------------------------------------
def test_the_generated_pages_are_what_scripts_docs_writes():
    stale = [str(path.relative_to(REPO)) for path in docs.stale()]
    assert not stale, f"{', '.join(stale)}: out of date; run  python scripts/docs.py  and commit what it writes"


def test_a_setting_without_words_stops_the_generator(monkeypatch):
    top, language = docs.settings_spec()
    monkeypatch.setattr(docs, "settings_spec", lambda: ({**top, "new_setting": (int, 3)}, language))
    with pytest.raises(docs.MissingWords, match="'new_setting'.*python scripts/docs.py"):
        docs.settings_page()


def test_a_mistake_without_a_fix_stops_the_generator(monkeypatch):
    monkeypatch.delitem(docs.notes.FIXES, "impossible date")
    with pytest.raises(docs.MissingWords, match="'impossible date'"):
        docs.errors_page()


def test_the_settings_page_lists_every_key_with_its_type_and_default():
    text = (DOCS / "settings.md").read_text(encoding="utf-8")
    top, language = docs.settings_spec()
    whole, each = text.split("\n## Each language", 1)
    for spec, part in ((top, whole), (language, each)):
        for key, (kind, default) in spec.items():
            row = next(line for line in part.splitlines() if line.startswith(f"| `{key}` |"))
            assert row.split(" | ")[1:3] == [docs.TYPE_WORDS[kind], docs.default_of(kind, default)], row
            assert ("required" in row) == (default is None), row


def test_the_error_catalogue_gives_every_message_of_the_bad_input_catalogue():
    from tests.bad_input_catalogue import CASES

    text = (DOCS / "errors.md").read_text(encoding="utf-8")
    for case in CASES:
        for error in case.errors:
            assert docs.code(docs.placeholders(error)) in text, error


# ---- links, files and languages ------------------------------------------------------------------------------
def local_target(page: Path, href: str) -> tuple[Path, str] | None:
    """(file, anchor) a link of the page leads to in this repository; None for a link to another site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("mailto:"):
        return None
    path = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    return path, unquote(parts.fragment)


@pytest.mark.parametrize("page", pages(), ids=name)
def test_every_link_leads_somewhere(page):
    broken = []
    for line, href in links(page):
        target = local_target(page, href)
        if target is None:
            continue
        path, fragment = target
        if not path.exists():
            broken.append(f"{name(page)}:{line}: {href}: no such file")
        elif fragment and path.suffix == ".md" and fragment not in anchors(path):
            broken.append(f"{name(page)}:{line}: {href}: {name(path)} has no heading with this anchor")
    assert not broken, "\n".join(broken)


REPO_PATH = re.compile(r"`((?:generator|themes|tests|scripts|benchmarks|docs|\.github|\.ci)/[^`\s<>*{}]*)`")


@pytest.mark.parametrize("page", pages(), ids=name)
def test_every_file_of_the_repository_a_page_names_exists(page):
    """`generator/pages/contract.py`, `themes/majalla/static/fonts/`…: a page that names a file of the repository
    names one that is there (a module that moves breaks the pages that name it, here)."""
    text = page.read_text(encoding="utf-8")
    missing = [m.group(1) for m in REPO_PATH.finditer(text) if not (REPO / m.group(1)).exists()]
    assert not missing, f"{name(page)} names files that do not exist: {', '.join(missing)}"


CODE_NAME = re.compile(r"`(generator(?:\.\w+)+)(?:\(\))?`")


def defined(dotted: str) -> bool:
    """Whether `generator.build.output_plan.plan_split`, `generator.pages.planner.Planner.plan_edition`… names
    something: the longest prefix that is a module of this repository, then attributes of it. (A module found
    elsewhere, as an editable install of another checkout may offer, is not this repository's.)"""
    parts = dotted.split(".")
    for n in range(len(parts), 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:n]))
        except ImportError:
            continue
        where = getattr(found, "__file__", None)
        if not where or not Path(where).resolve().is_relative_to(REPO):
            return False
        for attribute in parts[n:]:
            if not hasattr(found, attribute):
                return False
            found = getattr(found, attribute)
        return True
    return False


@pytest.mark.parametrize("page", pages(), ids=name)
def test_every_name_of_the_code_a_page_gives_is_defined(page):
    """`generator.build.output_plan.plan_split`, `generator.output.stage.recover()`: a page that names a module, a
    class, a function or a constant of the code by its dotted name names one that is there, so a module that moves
    or a name that changes lists, here, the lines of the docs to update."""
    text = page.read_text(encoding="utf-8")
    missing = sorted({m.group(1) for m in CODE_NAME.finditer(text) if not defined(m.group(1))})
    assert not missing, f"{name(page)} names what the code does not define: {', '.join(missing)}"


@pytest.mark.parametrize("base", WRITERS)
def test_each_writers_page_exists_in_every_language_and_links_to_the_others(base):
    for lang in ("en", *LANGUAGES):
        page = DOCS / base if lang == "en" else DOCS / lang / base
        assert page.is_file(), f"{name(page)} is missing: the writers' pages are in {', '.join(LANGUAGES)} too"
        found = versions(page)
        top = page.read_text(encoding="utf-8").split("\n\n", 1)[0]  # the first paragraph: the language links
        linked = {local_target(page, href)[0] for _, href in links(page) if f"]({href})" in top}
        for other, path in found.items():
            if other != lang:
                assert path.resolve() in linked, f"{name(page)} has no link to its {other} version at its top"
                assert f"[{LANGUAGE_NAMES[other]}]" in top, top
        assert f"**{LANGUAGE_NAMES[lang]}**" in top, f"{name(page)}: its own language, in bold, at its top"


@pytest.mark.parametrize("base", [page for page in WRITERS if page != "README.md"])  # not the indexes
def test_each_writers_page_says_in_every_language_what_the_english_one_says(base):
    """A change to a writer's page is a change to its versions: the same sections, in the same order, and the same
    kinds of examples (a sentence may differ; a section or an example missing in one language is drift)."""
    def outline(page: Path) -> tuple[list, list]:
        return [level for level, _ in headings(page)], [(b.lang, sorted(b.attrs)) for b in blocks(page)]

    english = outline(DOCS / base)
    for lang in LANGUAGES:
        assert outline(DOCS / lang / base) == english, \
            f"docs/{lang}/{base} has not the sections and examples of docs/{base}: translate what changed"


def test_the_readme_leads_to_the_docs_of_every_language():
    readme = REPO / "README.md"
    linked = {local_target(readme, href)[0] for _, href in links(readme) if local_target(readme, href)}
    for index in [DOCS / "README.md", *(DOCS / lang / "README.md" for lang in LANGUAGES)]:
        assert index.resolve() in linked, f"README.md has no link to {name(index)}"


def test_the_readme_stays_short_and_maps_every_page_of_the_docs():
    """The README is what majalla is, its quick start and a map of docs/: a new section goes into a page of docs/
    (and the map), so that a writer and a maintainer each find their page instead of scrolling past the other's."""
    readme = REPO / "README.md"
    sections = [text for level, text in headings(readme) if level == 2]
    assert sections == ["Quick start", "Documentation"], \
        f"README.md has the sections {sections}: write the new one as a page of docs/, and add it to the map"
    mapped = {local_target(readme, href)[0] for _, href in links(readme) if local_target(readme, href)}
    unmapped = [name(p) for p in sorted(DOCS.rglob("*.md")) if p.resolve() not in mapped]
    assert not unmapped, f"the map of README.md's Documentation leaves out {', '.join(unmapped)}"


def test_every_page_of_the_docs_is_linked_from_the_docs_index():
    index = DOCS / "README.md"
    reached, todo = set(), [index]
    while todo:  # every page reachable from the index, through the pages it links to
        page = todo.pop()
        if page in reached:
            continue
        reached.add(page)
        for _, href in links(page):
            target = local_target(page, href)
            if target and target[0].suffix == ".md" and target[0].is_relative_to(DOCS) and target[0].is_file():
                todo.append(target[0])
    unreached = [name(p) for p in sorted(DOCS.rglob("*.md")) if p.resolve() not in reached]
    assert not unreached, f"no way to these pages from docs/README.md: {', '.join(unreached)}"


class Directions(HTMLParser):
    """The direction every piece of text and every code block of an HTML fragment is shown in."""

    VOID = {"br", "hr", "img", "input", "meta", "link"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.text_dirs: list[tuple[str | None, str]] = []  # (direction, text) of text outside <pre>
        self.code_dirs: list[str | None] = []  # direction of each <pre>

    def direction(self) -> str | None:
        return next((d for _, d in reversed(self.stack) if d), None)

    def handle_starttag(self, tag, attrs):
        if tag == "pre":
            self.code_dirs.append(self.direction())
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs).get("dir")))

    def handle_startendtag(self, tag, attrs):  # <hr />: opens nothing
        pass

    def handle_endtag(self, tag):
        while any(t == tag for t, _ in self.stack):
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if data.strip() and not any(t == "pre" for t, _ in self.stack):
            self.text_dirs.append((self.direction(), data.strip()))


@pytest.mark.parametrize("page", sorted((DOCS / "ar").glob("*.md")), ids=name)
def test_the_arabic_pages_read_right_to_left_and_their_code_left_to_right(page):
    shown = Directions()
    shown.feed(html(page))
    language_links = page.read_text(encoding="utf-8").split("\n\n", 1)[0]
    not_rtl = [text for d, text in shown.text_dirs if d != "rtl" and text not in language_links]
    assert not not_rtl, f"{name(page)}: text outside <div dir=\"rtl\">: {not_rtl[:3]}"
    assert all(d == "ltr" for d in shown.code_dirs), \
        f"{name(page)}: a code block not inside <div dir=\"ltr\"> reads right to left: {shown.code_dirs}"


LRM = "\u200e"  # LEFT-TO-RIGHT MARK


@pytest.mark.parametrize("page", sorted((DOCS / "ar").glob("*.md")), ids=name)
def test_the_code_spans_of_the_arabic_pages_stand_between_left_to_right_marks(page):
    """In right-to-left text, `--lang fr` shows as `fr lang--` and `content/` as `/content` unless the span is
    held left to right: each code span of the text is written between two U+200E (invisible) marks."""
    bare = []
    for t in tokens(page):
        children = t.children or () if t.type == "inline" else ()
        for n, child in enumerate(children):
            if child.type == "code_inline":
                before = children[n - 1].content if n and children[n - 1].type == "text" else ""
                after = children[n + 1].content if n + 1 < len(children) and children[n + 1].type == "text" else ""
                if not (before.endswith(LRM) and after.startswith(LRM)):
                    bare.append(f"{name(page)}:{t.map[0] + 1}: `{child.content}`")
    assert not bare, "code spans without a U+200E mark on each side:\n" + "\n".join(bare)


# ---- settings examples ----------------------------------------------------------------------------------------
def toml_text(data: dict, table: str = "") -> str:
    """A TOML document of the values a site.toml holds (text, numbers, lists of text, tables of those)."""
    lines, tables = [], []
    for key, value in data.items():
        if isinstance(value, dict):
            tables.append((f"{table}.{key}" if table else key, value))
        else:
            lines.append(f"{key} = {toml_value(value)}")
    out = ([f"[{table}]"] if table else []) + lines
    return "\n".join(out + [toml_text(v, t) for t, v in tables]) + "\n"


def toml_value(value) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return "[" + ", ".join(toml_value(v) for v in value) + "]"


SETTINGS_KEYS = set(docs.settings_spec()[0])
TOML_BLOCKS = [b for page in pages() for b in blocks(page) if b.lang == "toml"]


@pytest.mark.parametrize("block", TOML_BLOCKS, ids=lambda b: b.where)
def test_every_toml_example_is_valid_and_a_settings_one_is_a_valid_site_toml(block, tmp_path):
    data = tomllib.loads(block.text)
    if not set(data) <= SETTINGS_KEYS:  # the UI strings of a theme, netlify.toml…
        return
    site = tomllib.loads(SITE_TOML)
    site.update(data)
    (tmp_path / "site.toml").write_text(toml_text(site), encoding="utf-8")
    docs.settings_module().load(tmp_path)  # raises, with the line and the mistake, when the example is not a valid setting
