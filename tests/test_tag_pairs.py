"""Tags across languages (issue 21, item 3): site.toml's [tags] names a tag in each language, like [sections],
and its pages are then one page in every language (switcher, hreflang, sitemap alternates); `check` suggests
the [tags] line for two tags that the translations of the same stories carry."""
from __future__ import annotations

import re

import pytest

from generator.build.checking import check_site
from generator.build.options import BuildOptions
from generator.cli import main
from generator.errors import BuildError
from tests.sites import NOW, SITE_TOML, article, read, run, write_site
from tests.support.hreflang import head_of

BASE = "https://example.ma/"
TAGS = '''
[tags]
care = { ar = "اقتصاد الرعاية", fr = "Économie du care" }
'''
STORIES = f"""
-- content/ar/2024/06/care.md --
{article("مؤتمر اقتصاد الرعاية", tags=["اقتصاد الرعاية", "المرأة"], translation_key="care")}
-- content/fr/2024/06/care.md --
{article("Conférence sur l'économie du care", tags=["économie du care", "Femmes"], translation_key="care")}
-- content/ar/2024/07/nurseries.md --
{article("دور الحضانة", "2024-07-02", tags=["اقتصاد الرعاية", "المرأة"], translation_key="nurseries")}
-- content/fr/2024/07/nurseries.md --
{article("Les crèches", "2024-07-02", tags=["Économie du care", "femmes"], translation_key="nurseries")}
"""
AR_TAG, FR_TAG = "ar/tags/اقتصاد-الرعاية/", "fr/tags/économie-du-care/"
FR_LINK = "/fr/tags/%C3%A9conomie-du-care/"


def site(tmp_path, tags: str = TAGS):
    return write_site(tmp_path, STORIES, site_toml=SITE_TOML + tags)


def switcher_href(html: str, lang: str) -> str:
    nav = re.search(r'<nav class="languages".*?</nav>', html, re.S).group(0)
    return re.search(rf'<a href="([^"]+)" hreflang="{lang}"', nav).group(1)


def test_a_named_tag_is_one_page_in_both_languages(tmp_path):
    run(root := site(tmp_path))
    ar, fr = read(root, AR_TAG + "index.html"), read(root, FR_TAG + "index.html")
    assert switcher_href(ar, "fr") == FR_LINK  # both directions
    assert "/ar/tags/%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF-%D8%A7%D9%84%D8%B1%D8%B9%D8%A7%D9%8A%D8%A9/" == \
        switcher_href(fr, "ar")
    assert "data-untranslated" not in ar.split("</nav>")[0] and "data-untranslated" not in fr.split("</nav>")[0]
    for page in (AR_TAG, FR_TAG):
        alternates = dict(head_of(root / "output" / page / "index.html", BASE).alternates)
        assert set(alternates) == {"ar", "fr", "x-default"}, page
        assert alternates["fr"] == FR_TAG + "index.html"
    # the name site.toml gives is the one shown, whatever the spelling of the article («économie du care»)
    assert "<h1>Économie du care</h1>" in fr
    assert "<category term=\"Économie du care\"/>" in read(root, "fr/feed.xml")


def test_the_sitemap_gives_the_tag_pages_their_alternates(tmp_path):
    run(root := site(tmp_path))
    sitemap = read(root, "sitemap.xml")
    entry = next(u for u in sitemap.split("<url>") if f"<loc>{BASE}{FR_LINK[1:]}</loc>" in u)
    assert 'hreflang="ar" href="https://example.ma/ar/tags/' in entry and 'hreflang="fr"' in entry
    assert 'hreflang="x-default"' in entry


def test_without_the_table_the_pages_are_apart(tmp_path):
    run(root := site(tmp_path, tags=""))
    fr = read(root, FR_TAG + "index.html")
    assert switcher_href(fr, "ar") == "/ar/" and "data-untranslated" in fr
    assert head_of(root / "output" / FR_TAG / "index.html", BASE).alternates == ()


def notes(root) -> list[str]:
    return [str(p) for p in check_site(BuildOptions(site=root, jobs=1, now=NOW)).tag_pairs]


def test_check_suggests_the_pairs_translations_share(tmp_path, capsys):
    root = site(tmp_path, tags="")
    found = notes(root)
    assert len(found) == 2, found
    care = next(n for n in found if "اقتصاد الرعاية" in n)
    assert care.startswith("content/ar/2024/06/care.md:4: note: ")
    assert care.endswith('add to site.toml\'s [tags]: economie-du-care = { ar = "اقتصاد الرعاية", fr = "économie du care" }')
    assert any('femmes = { ar = "المرأة", fr = "Femmes" }' in n for n in found)
    assert main(["check", "--site", str(root)]) == 0  # a note, not a warning: --strict passes too
    out = capsys.readouterr().out
    assert care in out and "2 tag pairs to link" in out
    assert main(["check", "--strict", "--site", str(root)]) == 0


def test_the_suggested_line_links_the_pages(tmp_path):
    root = site(tmp_path, tags="")
    lines = [n.split("[tags]: ", 1)[1] for n in notes(root)]
    (root / "site.toml").write_text(SITE_TOML + "\n[tags]\n" + "\n".join(lines) + "\n", encoding="utf-8")
    assert notes(root) == []
    run(root)
    assert switcher_href(read(root, FR_TAG + "index.html"), "ar").startswith("/ar/tags/%D8%A7")


def test_no_suggestion_for_named_tags_same_spellings_or_ties(tmp_path):
    found = notes(site(tmp_path / "named"))  # [tags] names the care tags: only the other pair is left
    assert len(found) == 1 and "المرأة" in found[0]
    twice = lambda ar, fr: "".join(f"""
-- content/ar/{n}.md --
{article("خبر", tags=ar, translation_key=n)}
-- content/fr/{n}.md --
{article("Nouvelle", tags=fr, translation_key=n)}
""" for n in ("a", "b"))  # noqa: E731
    root = write_site(tmp_path / "ties", twice(["COP22", "المناخ", "البيئة"], ["COP22", "Climat", "Environnement", "Maroc"]))
    assert notes(root) == []  # «COP22»: linked already; the others: which one translates which?
    root = write_site(tmp_path / "once", f"""
-- content/ar/a.md --
{article("خبر", tags=["المناخ"], translation_key="a")}
-- content/fr/a.md --
{article("Nouvelle", tags=["Climat"], translation_key="a")}
""")
    assert notes(root) == []  # one story is too little to go on
    root = write_site(tmp_path / "order", twice(["COP22", "المناخ", "البيئة"], ["COP22", "Climat", "Environnement"]))
    # of tags given together, in lists of one length, each is paired with the one at its place
    assert [n.split("[tags]: ")[1] for n in notes(root)] == [
        'environnement = { ar = "البيئة", fr = "Environnement" }', 'climat = { ar = "المناخ", fr = "Climat" }']


@pytest.mark.parametrize("table, message", [
    ('[tags]\ncare = "اقتصاد الرعاية"\n',
     'site.toml:21: tags.care must map language codes to names, like { ar = "اقتصاد الرعاية", fr = "Économie du care" }'),
    ('[tags]\ncare = { ar = "اقتصاد الرعاية", en = "Care economy" }\n', 'site.toml:21: tags.care: "en" is not one of the languages'),
    ('[tags]\ncare = { ar = "اقتصاد الرعاية" }\nwork = { ar = "اقتصاد الرّعاية" }\n',
     'site.toml:22: tags.work: "اقتصاد الرّعاية" (ar) is already the name of tags.care'),
])
def test_mistakes_in_the_table_are_reported_at_their_line(tmp_path, table, message):
    root = write_site(tmp_path, STORIES, site_toml=SITE_TOML + "\n" + table)
    with pytest.raises(BuildError) as caught:
        run(root)
    assert message in [str(p) for p in caught.value.problems]
