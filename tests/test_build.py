"""The build issue: whole small sites built into tmp_path, assertions on the files written."""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote

import pytest

from generator.errors import BuildError
from tests.sites import article, files, read, run, write_site


def html_attr(html: str, tag: str) -> dict:
    m = re.search(rf"<{tag}\b([^>]*)>", html)
    return dict(re.findall(r'(\w[\w-]*)="([^"]*)"', m.group(1))) if m else {}


CARE = article("الرباط: مؤتمر اقتصاد الرعاية", "2024-06-26T10:00:00+01:00", "الفقرة الأولى عن **المؤتمر**.\n\nفقرة ثانية.",
               author="سلمى العلوي", section="مجتمع", tags=["الحماية الإجتماعية", "اقتصاد الرعاية"], featured=True)


@pytest.fixture
def site(tmp_path):
    return write_site(tmp_path, f"""
-- content/ar/2024/06/care-economy.md --
{CARE}
-- content/fr/2024/06/care-economy.md --
{article("Rabat : conférence sur l'économie du care", "2024-06-26T11:00:00+01:00", "Premier paragraphe.",
         author="Salma El Alaoui", section="Société", tags=["Protection sociale"])}
-- content/ar/2024/07/second.md --
{article("خبر ثان", "2024-07-02", "نص.", section="مجتمع", tags=["الحماية الاجتماعية"], slug="خبر-ثان")}
-- content/ar/2024/08/third.md --
{article("خبر ثالث", "2024-08-15 09:00:00", "نص.", section="اقتصاد", tags=["الحماية الاجتماعية"])}
-- content/ar/2025/01/fourth.md --
{article("خبر رابع", "2025-01-05", "نص.", tags=["الحمايه"])}
""")


def test_urls_and_language_attributes(site):
    run(site)
    out = site / "output"
    for path in ["index.html", "ar/index.html", "fr/index.html", "ar/2024/06/care-economy/index.html",
                 "ar/2024/07/خبر-ثان/index.html", "ar/tags/index.html", "ar/archive/index.html",
                 "ar/2024/index.html", "ar/2024/06/index.html", "ar/sections/مجتمع/index.html",
                 "ar/authors/سلمى-العلوي/index.html", "ar/feed.xml", "ar/tags/اقتصاد-الرعاية/feed.xml",
                 "sitemap.xml", "robots.txt", "404.html", "fr/2024/06/care-economy/index.html"]:
        assert (out / path).is_file(), path
    for page in out.rglob("*.html"):
        attrs = html_attr(page.read_text(encoding="utf-8"), "html")
        lang = page.relative_to(out).parts[0]
        expected = ("fr", "ltr") if lang == "fr" else ("ar", "rtl")
        assert (attrs.get("lang"), attrs.get("dir")) == expected, page


def test_links_are_percent_encoded_and_match_files(site):
    run(site)
    out = site / "output"
    hrefs = set()
    for page in out.rglob("*.html"):
        hrefs.update(re.findall(r'href="(/[^"#]*)"', page.read_text(encoding="utf-8")))
    assert quote("/ar/2024/07/خبر-ثان/") in hrefs
    from urllib.parse import unquote
    for href in hrefs:
        assert href == quote(unquote(href), safe="/-_.~"), href
        target = out / unquote(href).lstrip("/")
        assert target.is_file() or (target / "index.html").is_file(), href


def test_tags_merge_across_spellings_and_show_most_frequent(site):
    run(site)
    tags = read(site, "ar/tags/index.html")
    assert "الحماية الاجتماعية" in tags and "الحماية الإجتماعية" not in tags
    tag = "ar/tags/الحماية-الاجتماعية/"
    listed = read(site, tag + "index.html") + read(site, tag + "page/2/index.html")  # 3 stories, 2 a page
    for title in ("مؤتمر اقتصاد الرعاية", "خبر ثان", "خبر ثالث"):  # «الإجتماعية» once, «الاجتماعية» twice
        assert title in listed, title
    assert "خبر رابع" in read(site, "ar/tags/الحمايه/index.html")  # a different word (ه), its own tag
    assert "خبر رابع" not in listed
    assert len(list((site / "output/ar/tags").glob("الحماية*"))) == 1


@pytest.mark.parametrize("month,name", list(enumerate(
    ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"], 1)))
def test_moroccan_month_names(tmp_path, month, name):
    site = write_site(tmp_path, f"""
-- content/ar/x.md --
{article("خبر", f"2024-{month:02d}-15")}
""")
    run(site)
    page = read(site, "ar/2024/%02d/x/index.html" % month)
    assert f"15 {name} 2024" in page
    assert name in read(site, "ar/archive/index.html")


def test_french_dates(site):
    run(site)
    assert "26 juin 2024" in read(site, "fr/2024/06/care-economy/index.html")


def test_translations_both_ways(site):
    run(site)
    ar = read(site, "ar/2024/06/care-economy/index.html")
    fr = read(site, "fr/2024/06/care-economy/index.html")
    assert 'hreflang="fr" href="https://example.ma/fr/2024/06/care-economy/"' in ar
    assert 'hreflang="ar" href="https://example.ma/ar/2024/06/care-economy/"' in fr
    # the switcher lands on the translation, or on the other language's home where there is none
    assert 'href="/fr/2024/06/care-economy/" hreflang="fr"' in ar
    second = read(site, "ar/2024/07/خبر-ثان/index.html")
    assert 'href="/fr/" hreflang="fr"' in second


def test_translation_key_links_different_paths(tmp_path):
    site = write_site(tmp_path, f"""
-- content/ar/a.md --
{article("خبر", translation_key="story")}
-- content/fr/b.md --
{article("Nouvelle", translation_key="story")}
""")
    run(site)
    assert 'href="/fr/2024/06/b/" hreflang="fr"' in read(site, "ar/2024/06/a/index.html")


def test_pagination(site):
    run(site)
    out = site / "output"
    # 4 Arabic articles, one is the lead: 3 in the latest list, 2 per page
    assert (out / "ar/page/2/index.html").is_file() and not (out / "ar/page/3").exists()
    assert 'rel="next"' in read(site, "ar/index.html") and 'rel="prev"' in read(site, "ar/page/2/index.html")
    assert (out / "ar/tags/الحماية-الاجتماعية/page/2/index.html").is_file()


def test_drafts_and_future(tmp_path):
    site = write_site(tmp_path, f"""
-- content/ar/draft.md --
{article("مسودة", draft=True)}
-- content/ar/future.md --
{article("مستقبل", "2030-01-01")}
-- content/ar/now.md --
{article("اليوم")}
""")
    run(site)
    assert not (site / "output/ar/2024/06/draft").exists()
    assert not (site / "output/ar/2030").exists()
    run(site, drafts=True, future=True)
    assert (site / "output/ar/2024/06/draft/index.html").is_file()
    assert (site / "output/ar/2030/01/future/index.html").is_file()


def test_files_beside_articles_and_static(tmp_path):
    site = write_site(tmp_path, f"""
-- content/ar/2024/a.md --
{article("أ", body="[التقرير](report.pdf)", image="cover.jpg", image_alt="صورة")}
-- content/ar/2024/report.pdf --
%PDF-1.4
-- content/ar/media/logo.svg --
<svg/>
-- static/favicon.ico --
ico
-- static/robots.txt --
Disallow: /private/
""")
    from PIL import Image
    Image.new("RGB", (100, 60), "teal").save(site / "content/ar/2024/cover.jpg")
    run(site)
    out = site / "output"
    assert (out / "ar/2024/06/a/report.pdf").is_file()
    assert list((out / "ar/2024/06/a").glob("cover-100w.*.webp"))  # the picture, as its variants (images.py)
    assert not (out / "ar/2024/06/a/cover.jpg").exists()
    assert (out / "ar/media/logo.svg").is_file()
    assert (out / "favicon.ico").read_text() == "ico\n"
    assert "Disallow: /private/" in (out / "robots.txt").read_text()


def test_site_templates_override_and_extend_the_theme(tmp_path):
    site = write_site(tmp_path, f"""
-- content/ar/a.md --
{article("أ")}
-- templates/article.html --
{{% extends "theme/article.html" %}}
{{% block main %}}<p class="house-style">override</p>{{{{ super() }}}}{{% endblock %}}
""")
    run(site)
    page = read(site, "ar/2024/06/a/index.html")
    assert '<p class="house-style">override</p>' in page and "<h1" in page


def test_markdown_features_and_bidi(tmp_path):
    body = ("## عنوان فرعي\n\nشارك **OCP** في COP22.[^1]\n\n| أ | ب |\n|---|---|\n| 1 | 2 |\n\n"
            "```python\nprint(1)\n```\n\nنص\n{: .lead }\n\n[^1]: ملاحظة.")
    other_body = "نص آخر.[^1]\n\n[^1]: ملاحظة أخرى."
    site = write_site(tmp_path, f"""
-- content/ar/a.md --
{article("أ", body=body)}
-- content/ar/b.md --
{article("ب", body=other_body)}
""")
    run(site)
    page = read(site, "ar/2024/06/a/index.html")
    assert 'id="عنوان-فرعي"' in page
    assert "<table>" in page and 'class="footnote"' in page
    assert '<pre dir="ltr"><code dir="ltr" class="language-python">' in page
    assert "<bdi>COP22</bdi>" in page
    assert 'class="lead"' in page
    other = read(site, "ar/2024/06/b/index.html")
    assert other.count('id="fn:1"') == 1 and "ملاحظة.<" not in other  # a fresh state per article


def test_nfd_file_names_are_normalized(tmp_path):
    import unicodedata
    name = unicodedata.normalize("NFD", "économie")
    site = write_site(tmp_path, f"""
-- content/fr/{name}.md --
{article("Économie")}
""")
    run(site)
    assert (site / "output" / "fr/2024/06" / unicodedata.normalize("NFC", "économie") / "index.html").is_file()


def test_errors_name_file_and_line_and_keep_previous_output(tmp_path):
    site = write_site(tmp_path, f"""
-- content/ar/good.md --
{article("جيد")}
""")
    run(site)
    before = files(site / "output")
    write_site(site, """
-- content/ar/bad-date.md --
---
title: خبر
date: 2024-13-01
---
نص
-- content/fr/no-title.md --
---
date: 2024-01-01
---
texte
-- content/ar/bad-yaml.md --
---
title: خبر
tags: [a, b
date: 2024-01-01
---
-- content/en/x.md --
---
title: x
---
""")
    with pytest.raises(BuildError) as info:
        run(site)
    messages = [str(p) for p in info.value.problems]
    assert any(m.startswith('content/ar/bad-date.md:3: date: "2024-13-01" is not a date') for m in messages)
    assert 'content/fr/no-title.md:1: "title" is missing' in messages
    assert 'content/ar/bad-yaml.md:3: the list ("[") that opens here is never closed: end it with "]": tags: [a, b]' in messages
    assert any(m.startswith('content/en: "en" is not a language of site.toml') for m in messages)
    assert files(site / "output") == before


def test_two_articles_with_one_url(tmp_path):
    site = write_site(tmp_path, f"""
-- content/ar/a.md --
{article("أ", slug="same")}
-- content/ar/b.md --
{article("ب", slug="same")}
""")
    with pytest.raises(BuildError) as info:
        run(site)
    assert [str(p) for p in info.value.problems] == [
        "content/ar/b.md:4: wants the URL /ar/2024/06/same/, which content/ar/a.md has already; "
        "give one of them another slug:"]


def test_template_error_at_its_line(tmp_path):
    site = write_site(tmp_path, f"""
-- content/ar/a.md --
{article("أ")}
-- templates/tags.html --
{{% extends "base.html" %}}
{{% block main %}}
{{{{ no_such_thing.name }}}}
{{% endblock %}}
-- templates/archive.html --
{{% extends "base.html" %}}
{{% block main %}}{{% if %}}{{% endblock %}}
""")
    with pytest.raises(BuildError) as info:
        run(site)
    messages = [str(p) for p in info.value.problems]
    assert any(m.startswith("templates/archive.html:2: ") for m in messages), messages


def test_undefined_variable_in_template(tmp_path):
    site = write_site(tmp_path, f"""
-- content/ar/a.md --
{article("أ")}
-- templates/tags.html --
{{% extends "base.html" %}}
{{% block main %}}
{{{{ no_such_thing.name }}}}
{{% endblock %}}
""")
    with pytest.raises(BuildError) as info:
        run(site)
    assert [str(p).split(" (rendering")[0] for p in info.value.problems] == [
        "templates/tags.html:3: 'no_such_thing' is undefined"]


def test_config_errors(tmp_path):
    site = write_site(tmp_path, "", site_toml=None)
    (site / "site.toml").write_text('''title = "x"
base_url = "example.ma"
default_language = "en"
tittle = "y"

[languages.ar]
name = "العربية"
locale = "ar_MA"
''', encoding="utf-8")
    with pytest.raises(BuildError) as info:
        run(site)
    messages = [str(p) for p in info.value.problems]
    assert 'site.toml:4: unknown key "tittle"; did you mean "title"?' in messages
    assert 'site.toml:2: base_url "example.ma" is not a web address like "https://example.ma/"' in messages
    assert 'site.toml:3: default_language "en" is not one of the languages (ar)' in messages
    assert 'site.toml:6: "dir" is required in [languages.ar]' in messages


def test_refuses_dangerous_output_folders(site):
    for out in (site, site / "content", site.parent):
        with pytest.raises(BuildError, match="cannot build into this output folder"):
            run(site, output=out)
    foreign = site / "mine"
    foreign.mkdir()
    (foreign / "thesis.txt").write_text("precious")
    with pytest.raises(BuildError, match="not made by majalla"):
        run(site, output=foreign)
    assert (foreign / "thesis.txt").read_text() == "precious"


def test_root_redirects_to_default_language(site):
    run(site)
    root = read(site, "index.html")
    assert 'http-equiv="refresh" content="0; url=/ar/"' in root


def test_base_url_with_a_path(site):
    run(site, base_url="https://example.github.io/magazine")
    page = read(site, "ar/2024/06/care-economy/index.html")
    assert 'href="/magazine/ar/"' in page
    assert '<link rel="canonical" href="https://example.github.io/magazine/ar/2024/06/care-economy/">' in page
    assert (site / "output/ar/2024/06/care-economy/index.html").is_file()


def test_datetime_without_offset_uses_site_timezone(tmp_path):
    site = write_site(tmp_path, f"""
-- content/ar/a.md --
{article("أ", "2024-06-30 23:30:00")}
""")
    run(site)
    assert 'datetime="2024-06-30T23:30:00+01:00"' in read(site, "ar/2024/06/a/index.html")


def test_table_of_contents_for_articles_with_subheads(tmp_path):
    body = "مقدمة.\n\n## الأول\n\nنص.\n\n## الثاني\n\nنص."
    site = write_site(tmp_path, f"""
-- content/ar/a.md --
{article("أ", body=body)}
-- content/ar/b.md --
{article("ب", body="نص بلا عناوين.")}
""")
    run(site)
    page = read(site, "ar/2024/06/a/index.html")
    assert '<nav class="toc"' in page and 'href="#الأول"' in page and 'id="الثاني"' in page
    assert '<nav class="toc"' not in read(site, "ar/2024/06/b/index.html")
