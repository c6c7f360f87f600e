"""The theme contract (generator/pages/contract.py): each template of the theme, rendered with exactly the keys
the contract lists for it, makes the page the build made, so a template that reads an undocumented key fails;
the table of docs/themes.md's "The contract" says the same."""
from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest

from generator.build import rendering
from generator.pages import contract, sitemaps
from generator.theme.templates import BUNDLED_THEMES
from tests.magazine import write_magazine
from tests.sites import SITE_TOML, article, run, write_site

REPO = Path(__file__).resolve().parents[1]
THEME = BUNDLED_THEMES / "majalla" / "templates"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """(renderer, page, bytes written) of every page of a magazine with a redirect, a correction (a language
    without one has no corrections page) and a sitemap index."""
    root = write_magazine(tmp_path_factory.mktemp("contract") / "site")
    write_site(root, f"""
-- content/fr/2025/10/ancien.md --
{article("Un article déplacé", "2025-10-02", "Texte.", aliases=["/vieux/chemin/"],
         corrections=[{"date": "2025-10-03", "text": "Le titre a été corrigé."}])}
-- content/fr/2025/10/episode.md --
{article("Un épisode d'un dossier", "2025-10-03", "Texte.", series="Le dossier")}
-- content/fr/2025/10/retire.md --
{article("Un article retiré", "2025-10-04", "Texte.", expires="2025-11-01")}
""")
    made = []
    real = rendering.Renderer.render

    def render(self, page):
        data = real(self, page)
        made.append((self, page, data))
        return data

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rendering.Renderer, "render", render)
        patch.setattr(sitemaps, "SITEMAP_LIMIT", 5)  # a sitemap index and its parts
        run(root, jobs=1)  # rendered in this process
        removed = write_site(tmp_path_factory.mktemp("contract") / "removed", f"""
-- content/ar/2025/10/gone.md --
{article("مقال محذوف", "2025-10-04", "نص.", expires="2025-11-01")}
""", site_toml=SITE_TOML.replace("per_page = 2\n", 'per_page = 2\nexpired = "remove"\n'))
        run(removed, jobs=1)  # an expired article removed: its address leads home (root.html)
    return made


def documented_only(renderer, page) -> bytes:
    """The page rendered again with only the keys the contract lists for its template."""
    given = renderer.context(page)
    context = {key: given[key] for key in contract.template_keys(page.template)}
    contract.forget_fragments()  # a fragment remembered from the build would not be rendered again
    return renderer.env.get_template(page.template).render(context).encode("utf-8")


def test_every_page_renders_the_same_with_only_the_documented_keys(rendered):
    different = [page.path for renderer, page, data in rendered if documented_only(renderer, page) != data]
    assert not different


def test_the_contract_lists_every_template_of_the_theme_and_the_magazine_renders_each(rendered):
    own = {p.relative_to(THEME).as_posix() for p in THEME.rglob("*") if p.is_file()}
    pages = own - {"base.html"} - {name for name in own if name.startswith("partials/")}
    assert set(contract.TEMPLATES) == pages
    assert {page.template for _, page, _ in rendered} == pages
    kinds = {page.template: set() for _, page, _ in rendered}
    for _, page, _ in rendered:
        kinds[page.template].add(page.context["page"].kind)
    assert kinds == {name: set(k) for name, (k, _) in contract.TEMPLATES.items()}


def test_a_key_left_out_of_the_contract_fails(rendered):
    renderer, page, _ = next(r for r in rendered if r[1].template == "home.html" and r[1].context["lead"])
    kinds, keys = contract.TEMPLATES["home.html"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(contract.TEMPLATES, "home.html", (kinds, tuple(k for k in keys if k != "lead")))
        with pytest.raises(jinja2.UndefinedError, match="'lead' is undefined"):
            documented_only(renderer, page)


def test_every_key_is_described_and_the_docs_table_says_the_contract():
    used = {k for _, keys in contract.TEMPLATES.values() for k in keys} | set(contract.EVERY_TEMPLATE)
    assert used == set(contract.KEYS)
    page = (REPO / "docs" / "themes.md").read_text(encoding="utf-8")
    section = page[page.index("\n## The contract"):]
    section = section[:section.index("\n## ", 1)]
    rows = {}  # template -> (its page kinds, the keys it receives): the first and the last cells of its row
    for line in section.splitlines():
        if re.match(r"^\| `[^`]+\.(html|xml|txt)` \|", line):
            cells = line.strip("|").split(" | ")
            rows[cells[0].strip(" `")] = (set(re.findall(r"`([a-z0-9_]+)`", cells[1])),
                                          set(re.findall(r"`([a-z_]+)`", cells[-1])))
    assert set(rows) == set(contract.TEMPLATES)
    for template, (kinds, keys) in contract.TEMPLATES.items():
        assert rows[template] == (set(kinds), set(keys)), template
    for name in [*contract.FILTERS, "remember"]:
        assert f"`{name}`" in section, name
