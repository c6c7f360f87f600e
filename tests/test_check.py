"""`check`: the build's errors and the warnings a build lets pass, each at its path:line; --strict for CI."""
from __future__ import annotations

import pytest

from generator.build.options import BuildOptions
from generator.build.checking import loose
from generator.build.checking import check
from generator.cli import main
from tests.sites import NOW, SITE_TOML, article, run, write_site
from tests.test_site_validation import broken_links as links_in_output

CLEAN = f"""
-- content/ar/2024/06/one.md --
{article("خبر أول", "2024-06-26", "نص [الثاني](../../07/two/) و[التقرير](report.pdf).", tags=["المرأة"])}
-- content/ar/2024/06/report.pdf --
%PDF
-- content/ar/2024/07/two.md --
{article("خبر ثان", "2024-07-02", "نص.", tags=["المرأة"])}
-- content/fr/2024/06/one.md --
{article("Premier", "2024-06-26", "Texte.")}
"""


def picture(path, size=(64, 40)):
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (10, 120, 200)).save(path)


def problems_of(root, **options):
    found, _ = check(BuildOptions(site=root, jobs=1, now=NOW, **options))
    return [str(p) for p in found]


def test_a_clean_site_has_nothing_to_say_and_writes_no_output(tmp_path):
    root = write_site(tmp_path, CLEAN)
    assert problems_of(root) == []
    assert not (root / "output").exists()


def test_errors_are_the_builds_with_path_and_line(tmp_path):
    root = write_site(tmp_path, CLEAN + f"""
-- content/ar/2024/08/bad.md --
---
title: خبر
date: 2024-13-01
---
نص.
-- content/ar/2024/08/same.md --
{article("خبر", "2024-07-02", slug="two")}
""")
    assert problems_of(root) == [  # every error of every file at once, as the build reports them
        'content/ar/2024/08/bad.md:3: date: "2024-13-01" is not a date: there is no month 13 (write YYYY-MM-DD, '
        "as in 2024-06-26, or with a time: 2024-06-26 10:00 or 2024-06-26T10:00:00+01:00)",
        "content/ar/2024/08/same.md:4: wants the URL /ar/2024/07/two/, which content/ar/2024/07/two.md has "
        "already; give one of them another slug:"]
    assert not (root / "output").exists()


def test_url_collisions_are_errors_too(tmp_path):
    root = write_site(tmp_path, CLEAN + f"""
-- content/ar/2024/07/other.md --
{article("خبر", "2024-07-02", slug="two")}
""")
    assert problems_of(root) == ["content/ar/2024/07/two.md:1: wants the URL /ar/2024/07/two/, which "
                                 "content/ar/2024/07/other.md has already; give one of them another slug:"]


def test_image_without_alt(tmp_path):
    root = write_site(tmp_path, CLEAN + f"""
-- content/ar/2024/08/pic.md --
{article("صورة", "2024-08-01", image="cover.jpg")}
-- content/ar/2024/08/ok.md --
{article("صورة", "2024-08-01", image="cover.jpg", image_alt="وصف")}
""")
    picture(root / "content/ar/2024/08/cover.jpg")
    assert problems_of(root) == [
        'content/ar/2024/08/pic.md:4: warning: image "cover.jpg" has no image_alt: describe the picture for '
        "readers who cannot see it",
    ]


FIVE_WORDS = "اعتبر-الإدارة-الأغلبية-الذاكرة-الاجتماعية"  # 38 letters: 76 bytes, 226 once percent-encoded


def test_the_slug_the_build_keeps_is_the_slug_check_accepts(tmp_path):
    """One rule for the length of a slug (text.py): the build keeps a slug of up to 200 bytes (100 Arabic
    letters) as it is, and `check` says nothing of it; a longer one is cut, and both say so."""
    root = write_site(tmp_path, CLEAN + f"""
-- content/ar/2024/08/{FIVE_WORDS}.md --
{article("خمس كلمات", "2024-08-01")}
-- content/ar/2024/08/given.md --
{article("مفتاح", "2024-08-02", slug=FIVE_WORDS + "-2")}
-- content/ar/2024/08/hundred.md --
{article("مئة", "2024-08-03", slug="ب" * 100)}
-- content/ar/2024/08/longer.md --
{article("أطول", "2024-08-04", slug="ت" * 101)}
-- content/ar/2024/08/{"-".join(["كلمة"] * 25)}.md --
{article("كلمات", "2024-08-05")}
""")
    assert problems_of(root) == [
        'content/ar/2024/08/longer.md:4: warning: the slug (from slug:) is 202 bytes, over 200 (100 Arabic '
        f'letters): the article\'s URL ends in "{"ت" * 100}"; give a shorter slug:',
        f'content/ar/2024/08/{"-".join(["كلمة"] * 25)}.md:1: warning: the slug (from its file name) is 224 bytes, '
        f'over 200 (100 Arabic letters): the article\'s URL ends in "{"-".join(["كلمة"] * 22)}"; rename the file '
        "or give it a shorter slug:",
    ]
    report = run(root)
    assert sorted(str(w) for w in report.warnings) == problems_of(root)  # the build says it too
    made = {p.parent.name for p in (root / "output/ar/2024/08").glob("*/index.html")}
    assert made == {FIVE_WORDS, FIVE_WORDS + "-2", "ب" * 100, "ت" * 100, "-".join(["كلمة"] * 22)}


def test_pictures_in_the_text_lead_somewhere(tmp_path):
    """`![what it shows](photo.jpg)` beside the article is published as its variants, not as photo.jpg: it
    is no link that leads nowhere, in any form a writer gives it; a link to a file that is not there still is."""
    body = ("![وصف](photo.jpg)\n\n![وصف ب](img/b.png)\n\n[![مصغرة](full.jpg)](full.jpg)\n\n"
            "![ثابت](/images/s.jpg)\n\n![رسم](drawing.svg)\n\n![سوق](صورة%20السوق.jpg)\n\n"
            "![السوق مرة أخرى](<صورة السوق.jpg>)\n\n![من الجذر](/ar/2024/09/photo.jpg)\n\n"
            "[الأصل](/ar/2024/09/photo.jpg)\n")
    root = write_site(tmp_path, CLEAN + f"""
-- content/ar/2024/09/pictures.md --
{article("صور", "2024-09-01", body)}
-- content/ar/2024/09/drawing.svg --
<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>
""")
    for name in ("photo.jpg", "img/b.png", "full.jpg", "صورة السوق.jpg"):
        picture(root / "content/ar/2024/09" / name)
    picture(root / "static/images/s.jpg")
    assert problems_of(root) == [  # photo.jpg is published beside the page, not at /ar/2024/09/photo.jpg
        'content/ar/2024/09/pictures.md:21: warning: link "/ar/2024/09/photo.jpg" leads nowhere: the site has no '
        "page or file at /ar/2024/09/photo.jpg"]
    run(root)
    assert links_in_output(root / "output") == [  # what a reader follows in the built pages: that link only
        "ar/2024/09/pictures/index.html: /ar/2024/09/photo.jpg -> no file ar/2024/09/photo.jpg"]
    (root / "content/ar/2024/09/pictures.md").write_text(article("صور", "2024-09-01", body.replace(
        "[الأصل](/ar/2024/09/photo.jpg)", "[الأصل](photo.jpg)")), encoding="utf-8")
    assert problems_of(root) == []
    assert main(["check", "--strict", "--site", str(root)]) == 0


def test_near_duplicate_tags(tmp_path):
    root = write_site(tmp_path, CLEAN + f"""
-- content/ar/2024/08/a.md --
{article("أ", "2024-08-01", tags=["الحماية الاجتماعية", "المغرب"])}
-- content/ar/2024/08/b.md --
{article("ب", "2024-08-02", tags=["الحماية الاجتماعية", "المغربي"])}
-- content/ar/2024/08/c.md --
{article("ج", "2024-08-03", tags=["الحمايه الاجتماعيه"])}
-- content/fr/2024/08/a.md --
{article("A", "2024-08-01", tags=["Économie sociale", "COP22"])}
-- content/fr/2024/08/b.md --
{article("B", "2024-08-02", tags=["economie socaile", "COP21"])}
-- content/fr/2024/08/c.md --
{article("C", "2024-08-03", tags=["économie sociale"])}
""")
    found = [p for p in problems_of(root) if "nearly" in p]
    assert found == [
        'content/ar/2024/08/c.md:4: warning: tag "الحمايه الاجتماعيه" is nearly tag "الحماية الاجتماعية" '
        "(2 articles): they are two tags unless spelled alike",
        'content/fr/2024/08/b.md:4: warning: tag "economie socaile" is nearly tag "Économie sociale" '
        "(2 articles): they are two tags unless spelled alike",
    ]
    assert loose("الأمن الغذائي") == loose("الامن الغذائى") == loose("أمن غذائي")


def test_links_to_missing_pages_and_files(tmp_path):
    body = ("[ok](/ar/2024/07/two/) [ok](https://example.ma/fr/2024/06/one/) [ok](/ar/) [ok](#notes) "
            "[ok](https://other.example/x) [ok](mailto:a@b.ma) [ok](../../07/two)\n\n"
            "[gone](/ar/2024/07/nothing/)\n\n"
            "[gone](missing.pdf)\n\n"
            "[source](../07/two.md)\n\n"
            "[gone](https://example.ma/fr/nothing/)\n")
    root = write_site(tmp_path, CLEAN + f"""
-- content/ar/2024/06/links.md --
{article("روابط", "2024-06-27", body)}
""")
    found = problems_of(root)
    assert found == [
        'content/ar/2024/06/links.md:7: warning: link "/ar/2024/07/nothing/" leads nowhere: '
        "the site has no page or file at /ar/2024/07/nothing/",
        'content/ar/2024/06/links.md:9: warning: link "missing.pdf" leads nowhere: '
        "the site has no page or file at /ar/2024/06/links/missing.pdf",
        "content/ar/2024/06/links.md:11: warning: link \"../07/two.md\" points at an article's file; "
        "link to its page instead: /ar/2024/07/two/",
        'content/ar/2024/06/links.md:13: warning: link "https://example.ma/fr/nothing/" leads nowhere: '
        "the site has no page or file at /fr/nothing/",
    ]


def test_unknown_keys_unless_a_template_reads_them(tmp_path):
    root = write_site(tmp_path, CLEAN + f"""
-- content/ar/2024/08/keys.md --
{article("مفاتيح", "2024-08-01", kicker="عاجل", photographer="سعاد", tgas=["x"])}
-- templates/article.html --
{{% extends "theme/article.html" %}}
{{% block main %}}<p>{{{{ article.extra.kicker }}}}</p>{{{{ super() }}}}{{% endblock %}}
""")
    found = problems_of(root)
    assert found == [
        'content/ar/2024/08/keys.md:5: warning: unknown key "photographer": no template reads it '
        "(it is kept as article.extra.photographer)",
        'content/ar/2024/08/keys.md:6: warning: unknown key "tgas": did you mean "tags"?',
    ]


def test_missing_translations_only_where_site_toml_expects_them(tmp_path):
    root = write_site(tmp_path, CLEAN + f"""
-- content/fr/2024/08/alone.md --
{article("Seul", "2024-08-01")}
""")
    assert problems_of(root) == []  # a story in one language only is a magazine's choice, not a mistake
    for expected, stories in (('["ar"]', ["content/fr/2024/08/alone.md"]),
                              ('["ar", "fr"]', ["content/ar/2024/07/two.md", "content/fr/2024/08/alone.md"])):
        toml = SITE_TOML.replace("per_page = 2", f"per_page = 2\nexpected_languages = {expected}")
        (root / "site.toml").write_text(toml, encoding="utf-8")
        found = problems_of(root)
        assert [p.split(":")[0] for p in found] == stories
    assert found[0] == ("content/ar/2024/07/two.md:1: warning: no Français version of this story (site.toml "
                        'expects every story in ar, fr); give the translation translation_key: "2024/07/two" or '
                        "the same path below content/<lang>/")
    assert "no العربية version of this story (site.toml expects every story in ar, fr)" in found[1]


@pytest.mark.parametrize("value, message", [
    ('["ar", "de"]', "site.toml:7: expected_languages: 'de' is not one of the languages (ar, fr)"),
    ('"ar"', 'site.toml:7: "expected_languages" must be a list (like ["ar", "fr"]), not \'ar\''),
])
def test_expected_languages_is_validated(tmp_path, value, message):
    root = write_site(tmp_path, CLEAN, site_toml=SITE_TOML.replace("per_page = 2", f"per_page = 2\nexpected_languages = {value}"))
    assert problems_of(root) == [message]


def test_strict_turns_warnings_into_failure(tmp_path, capsys):
    root = write_site(tmp_path, CLEAN + f"""
-- content/ar/2024/08/pic.md --
{article("صورة", "2024-08-01", image="/logo.png")}
""")
    from PIL import Image

    (root / "static").mkdir()
    Image.new("RGB", (32, 32), (200, 30, 30)).save(root / "static/logo.png")
    site = ["--site", str(root)]
    assert main(["check", *site]) == 0
    out = capsys.readouterr()
    assert "content/ar/2024/08/pic.md:4: warning: image" in out.out and "1 warning" in out.out
    assert main(["check", "--strict", *site]) == 1
    assert "--strict: warnings fail" in capsys.readouterr().err
    (root / "content/ar/2024/08/pic.md").write_text(article("صورة", "2024-08-01", image="/logo.png",
                                                            image_alt="الشعار"), encoding="utf-8")
    assert main(["check", "--strict", *site]) == 0
    (root / "content/ar/2024/08/pic.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    assert main(["check", *site]) == 1
    assert 'content/ar/2024/08/pic.md:1: "date" is missing' in capsys.readouterr().out


def test_keys_read_by_templates_in_every_form():
    import jinja2

    from generator.build.checking import templates_read

    env = jinja2.Environment(loader=jinja2.DictLoader({
        "a.html": "{{ article.extra.mood }} {{ article.extra['credit'] }} {% if article.extra.get(\"source\") %}x{% endif %}",
    }))
    assert templates_read(env) == {"mood", "credit", "source"}


def test_near_duplicates_of_short_names_but_not_true_pairs(tmp_path):
    """A letter left out of a short name (اقتصد for اقتصاد) is a near duplicate; a changed letter or a digit
    in a short name is another word (Liban, Libya; COP21, COP22), and a name too short to tell is left alone."""
    from generator.build.checking import near_groups

    assert near_groups(["اقتصاد", "اقتصد"]) == [{"اقتصاد", "اقتصد"}]
    assert near_groups(["Région", "Régon", "region"]) == [{"Région", "Régon", "region"}]
    for pair in (["COP21", "COP22"], ["COP21", "COP2"], ["Liban", "Libya"], ["علم", "عالم"], ["مصر", "مصرف"],
                 ["المغرب", "المغربي"]):
        assert near_groups(pair) == [], pair
    root = write_site(tmp_path, CLEAN + f"""
-- content/ar/2024/08/a.md --
{article("أ", "2024-08-01", section="اقتصاد", tags=["اقتصاد"])}
-- content/ar/2024/08/b.md --
{article("ب", "2024-08-02", section="اقتصاد", tags=["اقتصاد"])}
-- content/ar/2024/08/c.md --
{article("ج", "2024-08-03", section="اقتصد", tags=["اقتصد"])}
""")
    assert [p for p in problems_of(root) if "nearly" in p] == [
        'content/ar/2024/08/c.md:4: warning: section "اقتصد" is nearly section "اقتصاد" (2 articles): they are '
        "two sections unless spelled alike",
        'content/ar/2024/08/c.md:5: warning: tag "اقتصد" is nearly tag "اقتصاد" (2 articles): they are two tags '
        "unless spelled alike",
    ]
    # with [sections] naming the section, the build's own warning names it once (not "nearly" too)
    (root / "site.toml").write_text(SITE_TOML + '\n[sections]\neconomy = { ar = "اقتصاد" }\n', encoding="utf-8")
    assert [p for p in problems_of(root) if ":4:" in p] == [
        'content/ar/2024/08/c.md:4: warning: section "اقتصد" is not in site.toml\'s [sections]: did you mean '
        '"اقتصاد"? (write section: اقتصاد); a new section gets a page and a place in the navigation of its own: '
        "add it to [sections] if it is one"]


def test_old_drafts_are_listed_by_their_date_as_notes(tmp_path, capsys, monkeypatch):
    """A translation stub left for weeks is listed (its date: is its age, whatever the file's mtime); a fresh
    draft is not; it is a note, not a warning: `check --strict` passes. old_draft_days sets the age."""
    from generator.build.checking import check_site

    root = write_site(tmp_path, CLEAN + f"""
-- content/fr/2024/07/two.md --
{article("Deux", "2025-11-20T10:00:00+01:00", "", draft=True)}
-- content/ar/2025/12/fresh.md --
{article("مسودة", "2025-12-25", "", draft=True)}
-- content/ar/2025/01/older.md --
{article("مسودة قديمة", "2025-01-02", "نص لم يكتمل.", draft=True)}
""")
    notes = [str(n) for n in check_site(BuildOptions(site=root, jobs=1, now=NOW)).old_drafts]
    assert notes == [
        'content/ar/2025/01/older.md:4: note: a draft since 2025-01-02 (364 days): finish (or translate) it and '
        'delete "draft: true", or delete the file if it is dropped',
        'content/fr/2024/07/two.md:4: note: a draft since 2025-11-20 (41 days): finish (or translate) it and '
        'delete "draft: true", or delete the file if it is dropped']
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(NOW.timestamp())))
    assert main(["check", "--strict", "--site", str(root)]) == 0
    out = capsys.readouterr().out
    assert out == "\n".join(notes) + "\nchecked 6 articles: 0 errors, 0 warnings, 2 old drafts\n"
    for days, listed in (("60", 1), ("0", 0), ("400", 0)):
        (root / "site.toml").write_text(SITE_TOML.replace("per_page = 2", f"old_draft_days = {days}"), encoding="utf-8")
        assert len(check_site(BuildOptions(site=root, jobs=1, now=NOW)).old_drafts) == listed
    (root / "site.toml").write_text(SITE_TOML.replace("per_page = 2", "old_draft_days = -1"), encoding="utf-8")
    assert problems_of(root) == ["site.toml:6: old_draft_days must be 0 (list no draft) or more days"]


def test_every_error_and_warning_in_one_run(tmp_path, capsys):
    """A link that leads nowhere and a missing translation are reported with the errors, not once they are
    fixed; a link to (or a version in) an article that failed to parse is not: it is there once fixed."""
    body = "[غائب](/ar/2024/07/nothing/)\n\n[المعطوب](/ar/2024/08/broken/)"
    toml = SITE_TOML.replace("per_page = 2", 'per_page = 2\nexpected_languages = ["ar"]')
    root = write_site(tmp_path, CLEAN + f"""
-- content/ar/2024/08/links.md --
{article("روابط", "2024-08-01", body)}
-- content/ar/2024/08/broken.md --
---
title: خبر
date: 2024-13-01
---
نص.
-- content/fr/2024/08/broken.md --
{article("Cassé", "2024-08-01")}
-- content/fr/2024/08/alone.md --
{article("Seul", "2024-08-01")}
""", site_toml=toml)
    found = problems_of(root)
    assert [p.split(": ")[0] for p in found] == [
        "content/ar/2024/08/broken.md:3", "content/ar/2024/08/links.md:5", "content/fr/2024/08/alone.md:1"]
    assert "leads nowhere" in found[1] and "no العربية version" in found[2]
    # the build too: the plan's errors with the articles' (a static file over the home page)
    (root / "static/ar").mkdir(parents=True)
    (root / "static/ar/index.html").write_text("<p>x</p>", encoding="utf-8")
    assert main(["--site", str(root), "-q"]) == 1
    err = capsys.readouterr().err
    assert 'content/ar/2024/08/broken.md:3: date: "2024-13-01"' in err
    assert "static/ar/index.html: wants to write output/ar/index.html" in err
