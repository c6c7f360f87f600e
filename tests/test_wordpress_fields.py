"""What each post's front matter says, case by case: its language (Polylang, WPML, the export's own
<language>, --lang), its title as text, featured (sticky) posts, Polylang's "-2" slugs, its section and tags."""
from __future__ import annotations

from tests.wordpress_fixtures import article_of, imported, post, write_export


def test_posts_take_the_language_of_the_export_when_nothing_else_gives_one(tmp_path):
    export = write_export(tmp_path, post(1000, "x", "Le titre", "<p>Texte.</p>"), language="fr-FR")
    root, report = imported(tmp_path, export)
    assert report.articles == ("content/fr/2024/06/x.md",)
    root, report = imported(tmp_path, export, name="given", lang="ar")  # --lang wins
    assert report.articles == ("content/ar/2024/06/x.md",)
    other = write_export(tmp_path, post(1000, "x", "Title", "<p>Text.</p>"), name="en.xml", language="en-US")
    root, report = imported(tmp_path, other, name="unknown")  # not a language of the site: its default
    assert report.articles == ("content/ar/2024/06/x.md",)


def test_a_sticky_post_is_featured(tmp_path):
    export = write_export(tmp_path, post(1000, "x", "X", "<p>T.</p>", is_sticky=1), post(1001, "y", "Y", "<p>T.</p>"))
    root, report = imported(tmp_path, export)
    assert article_of(root, report, 0)[0]["featured"] is True
    assert "featured" not in article_of(root, report, 1)[0]


def test_polylang_translation_gets_its_original_slug_back(tmp_path):
    pair = ("post_translations", "pll_1", "pll_1")
    export = write_export(
        tmp_path, post(1000, "synchronized-post", "Synchronized", "<p>T.</p>", categories=(("language", "ar", "ar"), pair)),
        post(1001, "synchronized-post-2", "Synchronisé", "<p>T.</p>", link="https://asdaa.example.ma/fr/synchronized-post-2/",
             categories=(("language", "fr", "fr"), pair)),
        post(1002, "route-66", "Route 66", "<p>T.</p>", categories=(("language", "fr", "fr"),)))
    root, report = imported(tmp_path, export)
    assert report.articles == ("content/ar/2024/06/synchronized-post.md", "content/fr/2024/06/route-66.md",
                               "content/fr/2024/06/synchronized-post.md")
    meta = article_of(root, report, 2)[0]
    assert meta["aliases"] == ["/fr/synchronized-post-2/", "/?p=1001"]
    assert meta["translation_key"] == article_of(root, report, 0)[0]["translation_key"]


def test_title_with_markup_is_its_text_and_said(tmp_path):
    export = write_export(tmp_path, post(1000, "x", "Markup: Title <em>With</em> <b>Mark<sup>up</sup></b> &amp; more", "<p>T.</p>"))
    root, report = imported(tmp_path, export)
    assert article_of(root, report)[0]["title"] == "Markup: Title With Markup & more"
    assert [n for _, n in report.notes] == ["its title held markup (Markup: Title <em>With</em> <b>Mark<sup>up</sup></b> "
                                            "&amp; more): kept as its text"]


def test_a_draft_with_zero_dates_takes_its_last_change(tmp_path):
    zero = "0000-00-00 00:00:00"
    export = write_export(tmp_path, post(1000, "x", "X", "<p>T.</p>", status="draft", post_date=zero, post_date_gmt=zero,
                                         post_modified="2024-06-20 10:00:00", post_modified_gmt="2024-06-20 09:00:00"))
    root, report = imported(tmp_path, export)
    meta = article_of(root, report)[0]
    assert (meta["date"], meta["draft"]) == ("2024-06-20T10:00:00+01:00", True) and report.skipped == ()


def test_yoast_primary_category_is_the_section_and_the_others_are_tags(tmp_path):
    categories = (("category", "sport", "رياضة"), ("category", "economy", "اقتصاد"), ("category", "culture", "ثقافة"),
                  ("post_tag", "t", "وسم"))
    chosen = post(1000, "x", "X", "<p>T.</p>", categories=categories, meta=(("_yoast_wpseo_primary_category", "3"),))
    plain = post(1001, "y", "Y", "<p>T.</p>", categories=categories)
    export = write_export(tmp_path, chosen, plain, categories=(("أخبار", "news"), ("اقتصاد", "economy"),
                                                              ("ثقافة", "culture"), ("رياضة", "sport")))
    root, report = imported(tmp_path, export)
    meta = article_of(root, report, 0)[0]
    assert (meta["section"], meta["tags"]) == ("ثقافة", ["وسم", "رياضة", "اقتصاد"])
    meta = article_of(root, report, 1)[0]
    assert (meta["section"], meta["tags"]) == ("رياضة", ["وسم", "اقتصاد", "ثقافة"])
    assert ("content/ar/2024/06/x.md", "section: ثقافة; its other categories made tags: رياضة, اقتصاد") in report.notes


def test_a_translation_group_with_two_posts_of_one_language_links_only_the_first(tmp_path):
    pair = ("post_translations", "pll_1", "pll_1")
    export = write_export(
        tmp_path, post(1000, "a", "A", "<p>T.</p>", categories=(("language", "ar", "ar"), pair)),
        post(1001, "b", "B", "<p>T.</p>", categories=(("language", "fr", "fr"), pair)),
        post(1002, "c", "C", "<p>T.</p>", categories=(("language", "ar", "ar"), pair)))
    root, report = imported(tmp_path, export)
    keys = {path: article_of(root, report, n)[0].get("translation_key") for n, path in enumerate(report.articles)}
    assert keys == {"content/ar/2024/06/a.md": "2024/06/a", "content/fr/2024/06/b.md": "2024/06/a",
                    "content/ar/2024/06/c.md": None}
    assert report.notes == (("content/ar/2024/06/c.md", "its translation group (polylang:pll_1) has another post in "
                             "its language (content/ar/2024/06/a.md): not linked as a translation"),)
    from tests.sites import run
    run(root)
