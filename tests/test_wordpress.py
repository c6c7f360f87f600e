"""Moving off WordPress: a realistic WXR export (tests/data/wordpress-export.xml) imported into a site,
every field of the Markdown it writes checked, the site built, old URLs redirected, unsafe XML refused."""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from generator.content.front_matter import FrontMatterLoader
from generator.cli import main
from generator.errors import BuildError
from generator.wordpress.importer import Options, import_export
from tests.sites import SITE_TOML, article, files, read, run, write_site
from tests.support import tools

DATA = Path(__file__).parent / "data"
EXPORT = DATA / "wordpress-export.xml"
UPLOADS = DATA / "wordpress-uploads"
MARKET_AR = "content/ar/2024/06/سوق-السمك-الجديد.md"
MARKET_FR = "content/fr/2024/06/nouveau-marche-aux-poissons.md"
FESTIVAL = "content/ar/2024/07/مهرجان-طنجة-للموسيقى.md"
DRAFT = "content/ar/2024/08/تقرير-عن-أسعار-الخضر-في-الأسواق.md"


def site_folder(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    root.mkdir()
    (root / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    return root


def split(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    fm, body = text[4:].split("\n---\n", 1)
    return yaml.load(fm, FrontMatterLoader), body  # as majalla reads it: dates stay text


@pytest.fixture
def imported(tmp_path):
    root = site_folder(tmp_path)
    report = import_export(Options(export=EXPORT, site=root, uploads=UPLOADS))
    return root, report


def test_every_published_post_and_draft_becomes_one_file(imported):
    root, report = imported
    articles = sorted(p.relative_to(root).as_posix() for p in (root / "content").rglob("*.md"))
    assert articles == sorted([MARKET_AR, MARKET_FR, FESTIVAL, DRAFT])
    assert report.articles == tuple(sorted(articles))
    assert sorted(p for p in report.new if p.endswith(".md")) == sorted(articles)


def test_arabic_post_fields(imported):
    root, _ = imported
    meta, body = split(root / MARKET_AR)
    assert meta == {
        "title": "الدار البيضاء: سوق السمك الجديد يفتح أبوابه للزوار",
        "date": "2024-06-26T10:30:00+01:00",
        "updated": "2024-06-27T09:15:00+01:00",
        "author": "سلمى بناني",
        "section": "اقتصاد",
        "tags": ["الصيد البحري", "الموانئ", "مجتمع"],  # its second category
        "translation_key": "2024/06/سوق-السمك-الجديد",
        "summary": "افتتح سوق جديد للسمك في الدار البيضاء بستين كشكا وغرف تبريد حديثة.",
        "image": "marche-poisson.jpg",
        "image_alt": "أكشاك السمك الطازج تحت سقف السوق الجديد",
        "image_caption": "أكشاك السوق في الصباح الباكر",
        "aliases": ["/2024/06/26/سوق-السمك-الجديد/", "/?p=101"],
    }
    assert list(meta) == ["title", "date", "updated", "author", "section", "tags", "translation_key", "summary",
                          "image", "image_alt", "image_caption", "aliases"]
    assert "<!--" not in body and "wp:" not in body
    assert body.startswith("فتح السوق الجديد للسمك أبوابه صباح الأربعاء")
    assert "**ستين كشكا**" in body
    # [caption] -> a figure with its caption; the linked full-size picture kept as a link
    assert ('<figure markdown="span">\n[![أكشاك السمك الطازج](marche-poisson-1024x683.jpg)](marche-poisson.jpg)\n'
            '<figcaption markdown="span">الأكشاك في الساعات الأولى من الصباح</figcaption>\n</figure>') in body
    # a Gutenberg image block with its caption
    assert ('![قاعة البيع بالمزاد](salle-criee.jpg)\n<figcaption markdown="span">قاعة البيع بالمزاد عند وصول '
            '*المراكب*</figcaption>') in body
    assert "## ماذا يتغير بالنسبة للبحارة؟" in body
    assert "- ساعات الفتح: من السادسة صباحا إلى الثانية زوالا\n- موقف للسيارات يسع مئتي سيارة" in body
    assert "[ملفنا عن الموانئ](https://asdaa.example.ma/2024/05/12/" in body
    for name in ("marche-poisson.jpg", "marche-poisson-1024x683.jpg", "salle-criee.jpg"):
        assert (root / "content/ar/2024/06" / name).read_bytes() == (UPLOADS / "2024/06" / name).read_bytes()


def test_french_translation_fields(imported):
    root, report = imported
    meta, body = split(root / MARKET_FR)
    assert meta == {
        "title": "Casablanca : le nouveau marché aux poissons ouvre ses portes",
        "date": "2024-06-26T12:00:00+01:00",
        "author": "Karim Tazi",
        "section": "Économie",
        "tags": ["Pêche maritime", "Ports & docks"],
        "translation_key": "2024/06/سوق-السمك-الجديد",
        "image": "https://asdaa.example.ma/wp-content/uploads/2024/06/port-casablanca.jpg",
        "image_alt": "Les quais du port au coucher du soleil",
        "aliases": ["/fr/2024/06/26/nouveau-marche-aux-poissons/", "/?p=102"],
    }
    # classic editor: blank lines are paragraphs, a single line break stays a line break
    assert body.startswith("Le nouveau marché aux poissons du quartier du port a accueilli ses premiers clients "
                           "mercredi matin, après **deux ans de travaux**.  \nSoixante étals réfrigérés")
    # [gallery ids="201,202"]: the attachments, with their alt text and caption; 202 is not in the uploads
    assert ('![أكشاك السمك الطازج تحت سقف السوق الجديد](marche-poisson.jpg)\n'
            '<figcaption markdown="span">أكشاك السوق في الصباح الباكر</figcaption>') in body
    assert "![Les quais du port au coucher du soleil](https://asdaa.example.ma/wp-content/uploads/2024/06/port-casablanca.jpg)" in body
    assert "[gallery" not in body
    assert (root / "content/fr/2024/06/marche-poisson.jpg").is_file()
    assert (MARKET_FR, "https://asdaa.example.ma/wp-content/uploads/2024/06/port-casablanca.jpg") in report.images_missing


def test_site_timezone_decides_the_month_and_default_category_is_no_section(imported):
    root, report = imported
    meta, body = split(root / FESTIVAL)
    # 2024-06-30 23:45 UTC is 1 July 00:45 in Casablanca: the file is in 2024/07
    assert meta == {
        "title": "طنجة: مهرجان الموسيقى يختتم دورته بحضور جماهيري",
        "date": "2024-07-01T00:45:00+01:00",
        "author": "سلمى بناني",
        "section": "ثقافة",  # «غير مصنف» (Uncategorized) comes first in the export, and is skipped
        "tags": ["الموسيقى"],
        "aliases": ["/2024/07/01/مهرجان-طنجة-للموسيقى/", "/?p=103"],
    }
    assert body.endswith('\\[contact-form-7 id="77" title="نموذج الاتصال"\\]\n')  # kept as text, as WordPress shows it
    assert report.shortcodes == ((FESTIVAL, '[contact-form-7 id="77" title="نموذج الاتصال"]'),)


def test_draft_is_kept_as_draft_without_alias(imported):
    root, report = imported
    meta, body = split(root / DRAFT)
    assert meta == {"title": "تقرير عن أسعار الخضر في الأسواق", "date": "2024-08-02T09:00:00+01:00",
                    "author": "سلمى بناني", "section": "اقتصاد", "draft": True}
    assert body == "مسودة: أرقام الأسبوع الأول من غشت، في انتظار تأكيدها.\n"


def test_report_says_what_was_left_and_why(imported):
    _, report = imported
    reasons = {s.what: s.why for s in report.skipped}
    assert reasons["post 105 «Brève retirée»"] == "trashed"
    assert reasons["post 106 «ملاحظات داخلية للتحرير»"] == "private"
    assert reasons["revision 107 «الدار البيضاء: سوق السمك الجديد يفتح أبوابه للزوار»"] == "a revision"
    assert reasons["attachment 201 «سوق السمك»"].startswith("an attachment")
    assert reasons["nav_menu_item 120 «الرئيسية»"] == 'post type "nav_menu_item"'
    assert len(report.skipped) == 6
    assert [p.what for p in report.pages] == ["page 110 «من نحن»"]
    assert re.fullmatch(r".*wordpress-export\.xml:\d+", report.pages[0].where)
    assert report.skipped_aliases == ()

    from generator.wordpress.report import render
    text = render(report)
    for expected in ("imported 4 articles: 4 new", "trashed", "private", "page 110 «من نحن»",
                     "shortcodes left as text: 1", "contact-form-7", "images missing from the uploads folder: 1",
                     "port-casablanca.jpg"):
        assert expected in text


def test_imported_site_builds_with_redirects_and_translations(imported):
    root, _ = imported
    report = run(root)
    assert report.pages["ar"] and report.pages["fr"]
    out = root / "output"
    ar_url = "/ar/2024/06/" + quote("سوق-السمك-الجديد") + "/"
    page = read(root, "ar/2024/06/سوق-السمك-الجديد/index.html")
    assert '<figcaption>الأكشاك في الساعات الأولى من الصباح</figcaption>' in page
    assert (out / "ar/2024/06/سوق-السمك-الجديد/marche-poisson.jpg").is_file()
    assert 'hreflang="fr" href="https://example.ma/fr/2024/06/nouveau-marche-aux-poissons/"' in page
    assert (out / "ar/2024/07/مهرجان-طنجة-للموسيقى/index.html").is_file()
    assert not list(out.rglob("*الخضر*"))  # the draft
    redirect = read(root, "2024/06/26/سوق-السمك-الجديد/index.html")
    assert f'<meta http-equiv="refresh" content="0; url={ar_url}">' in redirect
    assert f'<link rel="canonical" href="https://example.ma{ar_url}">' in redirect
    assert f'<a href="{ar_url}">' in redirect
    assert "/fr/2024/06/nouveau-marche-aux-poissons/" in read(root, "fr/2024/06/26/nouveau-marche-aux-poissons/index.html")
    assert "2024/06/26" not in read(root, "sitemap.xml")
    assert run(root, drafts=True).pages["ar"] > report.pages["ar"]


def test_redirect_page_is_valid_html(imported):
    root, _ = imported
    run(root)
    pages = [root / "output/2024/06/26/سوق-السمك-الجديد/index.html",
             root / "output/fr/2024/06/26/nouveau-marche-aux-poissons/index.html"]
    assert tools.validate_html(pages) == []


def test_without_uploads_pictures_stay_on_the_old_site(tmp_path):
    root = site_folder(tmp_path)
    report = import_export(Options(export=EXPORT, site=root))
    meta, body = split(root / MARKET_AR)
    assert meta["image"] == "https://asdaa.example.ma/wp-content/uploads/2024/06/marche-poisson.jpg"
    assert "](https://asdaa.example.ma/wp-content/uploads/2024/06/salle-criee.jpg)" in body
    assert not list((root / "content").rglob("*.jpg"))
    assert report.images_missing == ()
    assert (MARKET_AR, "https://asdaa.example.ma/wp-content/uploads/2024/06/salle-criee.jpg") in report.images_linked
    run(root)


def test_rerun_writes_nothing_and_never_overwrites(imported):
    root, first = imported
    again = import_export(Options(export=EXPORT, site=root, uploads=UPLOADS))
    assert again.new == () and again.kept == ()
    assert sorted(again.unchanged) == sorted(first.new)
    edited = root / MARKET_FR
    edited.write_text(edited.read_text(encoding="utf-8").replace("Karim Tazi", "K. Tazi"), encoding="utf-8")
    (root / FESTIVAL).unlink()
    third = import_export(Options(export=EXPORT, site=root, uploads=UPLOADS))
    assert third.new == (FESTIVAL,) and third.kept == (MARKET_FR,)
    assert "K. Tazi" in edited.read_text(encoding="utf-8")
    fourth = import_export(Options(export=EXPORT, site=root, uploads=UPLOADS, overwrite=True))
    assert fourth.overwritten == (MARKET_FR,)
    assert "author: Karim Tazi" in edited.read_text(encoding="utf-8")


def test_command_line(tmp_path, capsys):
    root = site_folder(tmp_path)
    assert main(["import-wordpress", str(EXPORT), "--site", str(root), "--uploads", str(UPLOADS)]) == 0
    out = capsys.readouterr().out
    assert "imported 4 articles: 4 new" in out and "skipped 6:" in out
    assert main(["import-wordpress", str(EXPORT), "--site", str(root), "--lang", "es"]) == 1
    assert "--lang es: not a language of site.toml" in capsys.readouterr().err


def variant(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    text = EXPORT.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "export.xml"
    path.write_text(text, encoding="utf-8")
    return path


BOMB = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
]>
"""


@pytest.mark.parametrize("doctype,message", [
    (BOMB, 'refused: it declares the entity "lol"'),
    ('<?xml version="1.0"?>\n<!DOCTYPE rss [\n <!ENTITY secret SYSTEM "file:///etc/passwd">\n]>\n',
     'refused: it declares the external entity "secret" (file:///etc/passwd)'),
])
def test_xml_bomb_and_external_entity_are_refused(tmp_path, capsys, doctype, message):
    text = EXPORT.read_text(encoding="utf-8").replace('<?xml version="1.0" encoding="UTF-8" ?>\n', doctype, 1)
    text = text.replace("<title>أصداء الساحل</title>", "<title>&lol2;&secret;</title>")
    export = tmp_path / "export.xml"
    export.write_text(text, encoding="utf-8")
    root = site_folder(tmp_path)
    with pytest.raises(BuildError) as caught:
        import_export(Options(export=export, site=root))
    [problem] = caught.value.problems
    assert problem.path == str(export) and problem.line == 3
    assert problem.message.startswith(message)
    assert not (root / "content").exists()
    assert main(["import-wordpress", str(export), "--site", str(root)]) == 1
    assert f"{export}:3: {message}" in capsys.readouterr().err


def test_broken_or_foreign_xml_is_an_error_at_its_line(tmp_path):
    root = site_folder(tmp_path)
    broken = variant(tmp_path, ("<wp:post_id>103</wp:post_id>", "<wp:post_id>103</wp:postid>"))
    with pytest.raises(BuildError) as caught:
        import_export(Options(export=broken, site=root))
    line = next(n for n, text in enumerate(broken.read_text(encoding="utf-8").splitlines(), 1) if "</wp:postid>" in text)
    assert caught.value.problems[0].line == line
    assert "is not well-formed XML" in caught.value.problems[0].message
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0"?><rss><channel><title>x</title></channel></rss>', encoding="utf-8")
    with pytest.raises(BuildError, match="is not a WordPress export"):
        import_export(Options(export=feed, site=root))


def test_an_export_with_https_namespaces_is_read_alike(tmp_path):
    """WordPress.com and the Theme Unit Test data write xmlns:wp="https://wordpress.org/export/1.2/"."""
    export = variant(tmp_path, ('xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"',
                                'xmlns:excerpt="https://wordpress.org/export/1.2/excerpt/"'),
                     ('xmlns:wp="http://wordpress.org/export/1.2/"', 'xmlns:wp="https://wordpress.org/export/1.2/"'))
    (tmp_path / "https").mkdir()
    (tmp_path / "http").mkdir()
    root, other = site_folder(tmp_path / "https"), site_folder(tmp_path / "http")
    report = import_export(Options(export=export, site=root))
    plain = import_export(Options(export=EXPORT, site=other))
    assert report.articles == plain.articles and len(report.articles) >= 4
    assert files(root / "content") == files(other / "content")


def test_a_plain_permalink_is_kept_as_its_short_link(tmp_path):
    """WordPress's "plain" permalinks (/?p=103) are its short links: an alias the root page finds (old_links)."""
    link = "https://asdaa.example.ma/2024/07/01/%d9%85%d9%87%d8%b1%d8%ac%d8%a7%d9%86-%d8%b7%d9%86%d8%ac%d8%a9-%d9%84%d9%84%d9%85%d9%88%d8%b3%d9%8a%d9%82%d9%89/"
    export = variant(tmp_path, (f"<link>{link}</link>", "<link>https://asdaa.example.ma/?p=103</link>"))
    root = site_folder(tmp_path)
    report = import_export(Options(export=export, site=root))
    meta, _ = split(root / FESTIVAL)
    assert meta["aliases"] == ["/?p=103"]
    assert not [left for left in report.skipped_aliases if left.where == FESTIVAL]


def test_without_polylang_posts_take_the_given_language_and_wpml_groups_translate(tmp_path):
    export = variant(
        tmp_path,
        ('<category domain="language" nicename="ar"><![CDATA[العربية]]></category>\n\t\t<category domain="post_tag" '
         'nicename="%d8%a7%d9%84%d8%b5', '<category domain="post_tag" nicename="%d8%a7%d9%84%d8%b5'),
        ('<category domain="post_translations" nicename="pll_667bf3a2d81c4"><![CDATA[pll_667bf3a2d81c4]]></category>\n'
         '\t\t<wp:postmeta>\n\t\t\t<wp:meta_key><![CDATA[_edit_last]]>',
         '<wp:postmeta><wp:meta_key>_wpml_import_translation_group</wp:meta_key><wp:meta_value>7</wp:meta_value>'
         '</wp:postmeta>\n\t\t<wp:postmeta>\n\t\t\t<wp:meta_key><![CDATA[_edit_last]]>'),
        ('<category domain="language" nicename="fr"><![CDATA[Français]]></category>\n\t\t<category domain="post_tag" '
         'nicename="peche-maritime">', '<category domain="post_tag" nicename="peche-maritime">'),
        ('<category domain="post_translations" nicename="pll_667bf3a2d81c4"><![CDATA[pll_667bf3a2d81c4]]></category>\n'
         '\t\t<wp:postmeta>\n\t\t\t<wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key>\n\t\t\t<wp:meta_value><![CDATA[202]]>',
         '<wp:postmeta><wp:meta_key>_wpml_import_language_code</wp:meta_key><wp:meta_value>fr</wp:meta_value>'
         '</wp:postmeta><wp:postmeta><wp:meta_key>_wpml_import_translation_group</wp:meta_key><wp:meta_value>7'
         '</wp:meta_value></wp:postmeta>\n\t\t<wp:postmeta>\n\t\t\t<wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key>'
         '\n\t\t\t<wp:meta_value><![CDATA[202]]>'),
    )
    root = site_folder(tmp_path)
    report = import_export(Options(export=export, site=root, lang="fr"))
    # the Arabic market story lost its language: it takes --lang; the French one keeps WPML's. Both are then
    # French in one translation group, which cannot be: they are not linked, and the report says so
    moved = root / "content/fr/2024/06/سوق-السمك-الجديد.md"
    assert "translation_key" not in split(moved)[0] and "translation_key" not in split(root / MARKET_FR)[0]
    assert [path for path, note in report.notes if "translation group (wpml:7)" in note] == [MARKET_FR]
    assert (root / FESTIVAL).is_file()


# ---- aliases in front matter, for any article -------------------------------------------------------
def test_alias_is_normalized_and_redirects(tmp_path):
    root = write_site(tmp_path, f"""
-- content/ar/2024/06/x.md --
{article("خبر", "2024-06-26", aliases=["2024/06/26/%D8%AE%D8%A8%D8%B1", "/old/story.html", "/ar/2024/06/x/"])}
""")
    run(root)
    target = '/ar/2024/06/x/'
    assert f'url={target}"' in read(root, "2024/06/26/خبر/index.html")
    assert f'url={target}"' in read(root, "old/story.html")


@pytest.mark.parametrize("alias,message", [
    ("/../../etc/", "leaves the site's folder"),
    ("/?s=12", "query string"),
    ("https://old.example.ma/x/", "is a full address"),
])
def test_bad_alias_is_an_error_at_its_line(tmp_path, alias, message):
    root = write_site(tmp_path, f"""
-- content/ar/2024/06/x.md --
{article("خبر", "2024-06-26", aliases=[alias])}
""")
    with pytest.raises(BuildError) as caught:
        run(root)
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == ("content/ar/2024/06/x.md", 4)
    assert message in problem.message


def test_alias_colliding_with_another_page_names_both_files(tmp_path):
    root = write_site(tmp_path, f"""
-- content/ar/2024/06/x.md --
{article("خبر", "2024-06-26", aliases=["/ar/2024/06/y/"])}
-- content/ar/2024/06/y.md --
{article("خبر آخر", "2024-06-27")}
""")
    with pytest.raises(BuildError) as caught:
        run(root)
    text = str(caught.value)
    assert "content/ar/2024/06/x.md" in text and "content/ar/2024/06/y.md" in text
    assert "ar/2024/06/y/index.html" in text
    shutil.rmtree(root / "output", ignore_errors=True)


# ---- shortcodes and HTML, one by one ----------------------------------------------------------------
def convert(html: str, post_id: int = 1) -> tuple[str, tuple[str, ...]]:
    from generator.wordpress.shortcodes import Attachment
    from generator.wordpress.html_to_markdown import to_markdown
    from generator.wordpress.inline import Context

    attachments = {7: Attachment(7, "https://old.ma/wp-content/uploads/a.jpg", "أ", "", parent=1, order=2),
                   8: Attachment(8, "https://old.ma/wp-content/uploads/b.jpg", "ب", "تعليق ب", parent=1, order=1)}
    local = lambda url: url.rsplit("/", 1)[-1] if "/wp-content/uploads/" in url else url  # noqa: E731
    converted = to_markdown(html, attachments, post_id, Context(link=local, image=local))
    return converted.markdown, converted.shortcodes_left


def test_prose_in_brackets_and_escaped_shortcodes_stay_text():
    assert convert("قال [sic] كذا، والمرجع [1]. اكتبوا [[gallery]] لعرض الصور.") == \
        ("قال \\[sic\\] كذا، والمرجع \\[1\\]. اكتبوا \\[gallery\\] لعرض الصور.\n", ())


def test_gallery_without_ids_shows_the_post_pictures_in_their_order():
    markdown, left = convert("[gallery]")
    assert markdown.index("![ب](b.jpg)") < markdown.index("![أ](a.jpg)") and left == ()
    assert '<figcaption markdown="span">تعليق ب</figcaption>' in markdown
    markdown, left = convert('[gallery ids="7,99"]')  # a picture the export lacks: left out (and said)
    assert markdown.strip() == '<figure markdown="span">\n![أ](a.jpg)\n</figure>' and left == ()


def test_unknown_enclosing_shortcode_keeps_its_text_and_embeds_become_links():
    markdown, left = convert('[vc_row][vc_column]<p>النص يبقى</p>[/vc_column][/vc_row]\n\n'
                             '[embed]https://www.youtube.com/watch?v=abc[/embed]\n\n'
                             '<iframe src="https://player.example.com/v/1"></iframe>\n\n'
                             '[caption width="300" caption="وصف في الخاصية"]<img src="https://old.ma/wp-content/uploads/c.jpg" alt="ج">[/caption]')
    assert "\\[vc_row\\]" in markdown and "\\[/vc_row\\]" in markdown and "النص يبقى" in markdown
    assert left == ("[vc_row]", "[vc_column]")
    assert "[https://www.youtube.com/watch?v=abc](https://www.youtube.com/watch?v=abc)" in markdown
    assert "[https://player.example.com/v/1](https://player.example.com/v/1)" in markdown
    assert '![ج](c.jpg)\n<figcaption markdown="span">وصف في الخاصية</figcaption>' in markdown


def test_preformatted_text_keeps_its_blank_lines():
    markdown, _ = convert("سطر\n\n<pre>a = 1\n\nb = 2</pre>")
    assert "a = 1\n\nb = 2" in markdown and markdown.startswith("سطر\n\n")
