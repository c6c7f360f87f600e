"""Author profiles and translators (issue 21, items 1 and 2): authors/<key>.toml gives an author's name in each
language, role, bio, photo, gender and links; their pages show it, bylines link to it, JSON-LD gives a Person with
sameAs; `translator:` credits the translator («ترجمة», «Traduit par»), linked to their page when they have a
profile. An author without a profile works as before; a mistake in a profile is reported at its line."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html
from PIL import Image

from generator.build.checking import check
from generator.build.options import BuildOptions
from generator.cli import main
from generator.errors import BuildError
from tests.sites import NOW, article, files, read, run, write_site
from tests.support.hreflang import head_of

BASE = "https://example.ma/"
SALMA = '''name = { ar = "سلمى العلوي", fr = "Salma El Alaoui" }
role = { ar = "صحافية", fr = "Journaliste" }
bio = { ar = "تغطي الحماية الاجتماعية.", fr = "Elle couvre la protection sociale." }
photo = "salma.jpg"
gender = "female"

[links]
site = "https://salma.example.org/"
x = "https://x.com/salma"
linkedin = "https://www.linkedin.com/in/salma"
'''
YOUSSEF = '''name = { ar = "يوسف الإدريسي", fr = "Youssef El Idrissi" }
role = "Traducteur"
gender = "male"
'''
STORIES = f"""
-- authors/salma.toml --
{SALMA}
-- authors/youssef.toml --
{YOUSSEF}
-- content/ar/2024/06/care.md --
{article("مؤتمر اقتصاد الرعاية", author="Salma El Alaoui", translation_key="care")}
-- content/fr/2024/06/care.md --
{article("La conférence du care", author="Salma El Alaoui", translator="Youssef El Idrissi", translation_key="care")}
-- content/ar/2024/07/port.md --
{article("ميناء طنجة", "2024-07-02", author="عمر الفاسي", translator="يوسف الإدريسي", translation_key="port")}
-- content/fr/2024/07/port.md --
{article("Le port de Tanger", "2024-07-02", author="Omar El Fassi", translation_key="port")}
-- content/ar/2024/08/other.md --
{article("خبر آخر", "2024-08-02", author=["سلمى العلوي", "كريم"], translator="مترجم بلا ملف")}
"""
SALMA_AR, SALMA_FR = "ar/authors/سلمى-العلوي/", "fr/authors/salma-el-alaoui/"
YOUSSEF_AR, YOUSSEF_FR = "ar/authors/يوسف-الادريسي/", "fr/authors/youssef-el-idrissi/"
# schema.org: the properties of a Person and of a NewsArticle that majalla gives (all are schema.org's own)
PERSON = {"@type", "name", "url", "jobTitle", "image", "sameAs"}
NEWS_ARTICLE = {"@context", "@type", "mainEntityOfPage", "url", "headline", "description", "datePublished",
                "dateModified", "author", "inLanguage", "publisher", "image", "articleSection", "keywords", "dateline",
                "wordCount", "translator"}


def portrait(path: Path, size=(300, 400)) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (120, 80, 60)).save(path, "JPEG")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("authors"), STORIES)
    portrait(root / "authors/salma.jpg")
    run(root)
    return root


def page(root: Path, path: str):
    return lxml_html.fromstring((root / "output" / path / "index.html").read_bytes())


def jsonld(doc, kind: str) -> dict:
    found = [json.loads(e.text) for e in doc.xpath("//script[@type='application/ld+json']")]
    return next(d for d in found if d["@type"] == kind)


def is_person(data: dict) -> None:
    assert data["@type"] == "Person" and data["name"], data
    assert set(data) <= PERSON, set(data) - PERSON
    for url in [data.get("url"), data.get("image"), *data.get("sameAs", [])]:
        assert url is None or re.match(r"https?://", url), url


@pytest.mark.parametrize("path, name, kicker, role", [
    (SALMA_AR, "سلمى العلوي", "كاتبة", "صحافية"), (SALMA_FR, "Salma El Alaoui", "Autrice", "Journaliste")])
def test_an_authors_page_shows_the_profile_in_its_language(built, path, name, kicker, role):
    doc = page(built, path)
    card = doc.xpath("//header[contains(@class, 'author-card')]")[0]
    assert card.findtext(".//h1") == name and card.xpath(".//p[@class='kicker']")[0].text == kicker
    assert card.xpath(".//p[@class='author-role']")[0].text == role
    assert card.xpath(".//p[@class='author-bio']")[0].text
    assert [a.get("href") for a in card.xpath(".//ul[@class='author-links']//a")] == [
        "https://salma.example.org/", "https://x.com/salma", "https://www.linkedin.com/in/salma"]
    img = card.xpath(".//img")[0]
    assert img.get("src").startswith("/authors/salma-portrait-") and img.get("width") == img.get("height")
    assert (built / "output" / img.get("src").lstrip("/")).is_file()
    profile = jsonld(doc, "ProfilePage")
    assert profile["url"] == BASE + doc.xpath("//link[@rel='canonical']/@href")[0][len(BASE):]
    person = profile["mainEntity"]
    is_person(person)
    assert person["name"] == name and person["jobTitle"] == role and person["image"].startswith(BASE + "authors/")
    assert person["sameAs"] == ["https://salma.example.org/", "https://x.com/salma", "https://www.linkedin.com/in/salma"]


def test_the_photo_is_published_as_square_variants_only(built):
    out = files(built / "output" / "authors")
    assert out and all(re.match(r"salma-portrait-\d+w\.[0-9a-f]{8}\.(jpg|webp)$", name) for name in out), list(out)
    assert "salma.jpg" not in out  # the original (its EXIF, its GPS position) is not published
    for name in out:
        with Image.open(built / "output" / "authors" / name) as im:
            assert im.width == im.height


def test_a_male_authors_page_says_so_in_arabic(built):
    doc = page(built, YOUSSEF_AR)  # a translator with a profile: his page lists what he translated
    assert doc.xpath("//p[@class='kicker']")[0].text == "كاتب" and doc.findtext(".//h1") == "يوسف الإدريسي"
    assert doc.xpath("//main//h2[contains(@class, 'card-title')]/a")[0].text == "ميناء طنجة"


def test_the_profiles_pages_are_one_page_in_both_languages(built):
    for here, there in ((SALMA_AR, SALMA_FR), (SALMA_FR, SALMA_AR), (YOUSSEF_AR, YOUSSEF_FR)):
        alternates = dict(head_of(built / "output" / here / "index.html", BASE).alternates)
        assert alternates[there[:2]] == there + "index.html", here
    sitemap = read(built, "sitemap.xml")
    entry = next(u for u in sitemap.split("<url>") if f"<loc>{BASE}{SALMA_FR}</loc>" in u)
    assert 'hreflang="ar"' in entry


def test_a_byline_written_in_latin_letters_links_to_the_profile_in_arabic(built):
    doc = page(built, "ar/2024/06/care")
    byline = doc.xpath("//p[@class='byline']/a")
    assert [(a.text, a.get("href")) for a in byline] == [
        ("سلمى العلوي", "/ar/authors/%D8%B3%D9%84%D9%85%D9%89-%D8%A7%D9%84%D8%B9%D9%84%D9%88%D9%8A/")]
    assert byline[0].get("rel") == "author" and doc.xpath("//p[@class='byline']")[0].text.startswith("بقلم")
    data = jsonld(doc, "NewsArticle")
    assert set(data) <= NEWS_ARTICLE, set(data) - NEWS_ARTICLE
    (author,) = data["author"]
    is_person(author)
    assert author["sameAs"][1] == "https://x.com/salma" and author["jobTitle"] == "صحافية"
    assert "translator" not in data
    # both bylines of one profile, in one language, are one page
    assert not (built / "output/ar/authors/salma-el-alaoui").exists()


@pytest.mark.parametrize("path, label, name, href", [
    ("fr/2024/06/care", "Traduit par", "Youssef El Idrissi", "/fr/authors/youssef-el-idrissi/"),
    ("ar/2024/07/port", "ترجمة", "يوسف الإدريسي",
     "/ar/authors/%D9%8A%D9%88%D8%B3%D9%81-%D8%A7%D9%84%D8%A7%D8%AF%D8%B1%D9%8A%D8%B3%D9%8A/")])
def test_a_translator_is_credited_and_linked_to_the_profile(built, path, label, name, href):
    doc = page(built, path)
    credit = doc.xpath("//p[contains(@class, 'translators')]")[0]
    assert credit.text.strip() == label
    assert [(a.text, a.get("href")) for a in credit.xpath("a")] == [(name, href)]
    (translator,) = jsonld(doc, "NewsArticle")["translator"]
    is_person(translator)
    assert translator["name"] == name and translator["url"] == BASE + href[1:]


def test_a_translator_without_a_profile_is_credited_without_a_link_nor_a_page(built):
    doc = page(built, "ar/2024/08/other")
    credit = doc.xpath("//p[contains(@class, 'translators')]")[0]
    assert credit.xpath("a") == [] and "مترجم بلا ملف" in credit.text_content()
    assert jsonld(doc, "NewsArticle")["translator"] == [{"@type": "Person", "name": "مترجم بلا ملف"}]
    assert not any("مترجم" in p.name for p in (built / "output/ar/authors").iterdir())


def test_an_author_without_a_profile_works_as_before(built):
    doc = page(built, "ar/2024/08/other")
    assert [a.text for a in doc.xpath("//p[@class='byline']/a")] == ["سلمى العلوي", "كريم"]
    karim = page(built, "ar/authors/كريم")
    assert karim.xpath("//header[contains(@class, 'author-card')]") == []
    assert karim.xpath("//p[@class='kicker']")[0].text == "كاتب" and karim.findtext(".//h1") == "كريم"
    assert "ProfilePage" not in (built / "output/ar/authors/كريم/index.html").read_text(encoding="utf-8")
    assert jsonld(doc, "NewsArticle")["author"][1] == {"@type": "Person", "name": "كريم",
                                                        "url": BASE + "ar/authors/%D9%83%D8%B1%D9%8A%D9%85/"}


def test_the_feeds_name_the_profile_and_the_translator(built):
    fr = read(built, "fr/feed.xml")
    entry = next(e for e in fr.split("<entry>") if "La conférence du care" in e)
    assert f"<author><name>Salma El Alaoui</name><uri>{BASE}{SALMA_FR}</uri></author>" in entry
    assert f"<contributor><name>Youssef El Idrissi</name><uri>{BASE}{YOUSSEF_FR}</uri></contributor>" in entry
    ar = read(built, "ar/feed.xml")
    entry = next(e for e in ar.split("<entry>") if "خبر آخر" in e)
    assert "<contributor><name>مترجم بلا ملف</name></contributor>" in entry
    assert f"<author><name>سلمى العلوي</name>" in next(e for e in ar.split("<entry>") if "مؤتمر" in e)


def test_a_changed_profile_changes_its_pages(tmp_path):
    root = write_site(tmp_path, STORIES)
    portrait(root / "authors/salma.jpg")
    run(root)
    (root / "authors/salma.toml").write_text(SALMA.replace("Journaliste", "Rédactrice en chef"), encoding="utf-8")
    run(root)
    assert "Rédactrice en chef" in read(root, SALMA_FR + "index.html")
    assert "Rédactrice en chef" in read(root, "fr/2024/06/care/index.html")  # the JSON-LD of her articles


BAD = {  # name -> (the profile's text, the message)
    "javascript link": (SALMA.replace("https://x.com/salma", "javascript:alert(1)"),
                        'authors/salma.toml:9: links.x: "javascript:alert(1)" is not a web address: write it whole, '
                        'like "https://x.com/name"'),
    "unknown link": (SALMA + 'instagram = "https://instagram.com/salma"\n',
                     'authors/salma.toml:11: unknown link "instagram"; known keys: facebook, linkedin, site, x'),
    "unknown key": (SALMA.replace("gender =", "gendre ="), 'authors/salma.toml:5: unknown key "gendre"; did you mean "gender"?'),
    "gender": (SALMA.replace('"female"', '"f"'),
               "authors/salma.toml:5: gender must be \"female\" or \"male\" (for the Arabic labels «كاتبة», «كاتب»), not 'f'"),
    "photo missing": (SALMA.replace("salma.jpg", "salma.png"),
                      'authors/salma.toml:4: photo "salma.png" not found beside the profile (looked for authors/salma.png)'),
    "photo outside": (SALMA.replace('"salma.jpg"', '"../content/ar/x.jpg"'),
                      'authors/salma.toml:4: photo "../content/ar/x.jpg": give the name of a picture beside the profile '
                      'in authors/, like "salma.jpg"'),
    "no name": (SALMA.replace('name = { ar = "سلمى العلوي", fr = "Salma El Alaoui" }\n', ""),
                'authors/salma.toml:1: "name" is required: the author\'s name, like name = { ar = "سلمى العلوي", '
                'fr = "Salma El Alaoui" } (or one name for every language)'),
    "unknown language": (SALMA.replace('fr = "Journaliste"', 'en = "Journalist"'),
                         'authors/salma.toml:2: role: "en" is not one of the languages (ar, fr)'),
    "not TOML": (SALMA.replace("gender = ", "gender "), "authors/salma.toml:5: not valid TOML: "),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_mistake_in_a_profile_is_reported_at_its_line_and_output_is_kept(tmp_path, case, capsys):
    root = write_site(tmp_path, STORIES)
    portrait(root / "authors/salma.jpg")
    run(root)
    before = files(root / "output")
    text, message = BAD[case]
    (root / "authors/salma.toml").write_text(text, encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        run(root)
    said = [str(p) for p in caught.value.problems]
    assert any(s.startswith(message) for s in said), said
    assert files(root / "output") == before
    assert main(["build", "--site", str(root), "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_two_profiles_with_one_name_are_an_error(tmp_path):
    root = write_site(tmp_path, STORIES + "-- authors/salma-2.toml --\nname = \"Salma El Alaoui\"\n")
    portrait(root / "authors/salma.jpg")
    with pytest.raises(BuildError) as caught:
        run(root)
    assert 'authors/salma.toml:1: the name "Salma El Alaoui" is also the name of authors/salma-2.toml: a byline ' \
           "would not know which author it is; give one of them another name" in [str(p) for p in caught.value.problems]


def test_check_warns_about_a_byline_near_a_profiles_name(tmp_path):
    root = write_site(tmp_path, STORIES + f"""
-- content/fr/2024/09/typo.md --
{article("Une coquille", "2024-09-01", author="Salma El Aloui")}
-- content/ar/2024/09/typo.md --
{article("خطأ مطبعي", "2024-09-01", author="كريم", translator="يوسف الادريسى")}
""")
    portrait(root / "authors/salma.jpg")
    found, _ = check(BuildOptions(site=root, jobs=1, now=NOW))
    said = [str(p) for p in found]
    assert 'content/fr/2024/09/typo.md:4: warning: author "Salma El Aloui" is nearly "Salma El Alaoui" of ' \
           "authors/salma.toml: write the name as the profile does, or the byline gets a page of its own, without " \
           "the profile" in said
    # a translator too: «ى» for «ي» makes another name (the hamza alone would not)
    assert 'content/ar/2024/09/typo.md:5: warning: translator "يوسف الادريسى" is nearly "يوسف الإدريسي" of ' \
           "authors/youssef.toml: write the name as the profile does, or the credit is not linked to the profile" in said
    assert not any("كريم" in s for s in said)  # an author without a profile, near none: nothing to say
