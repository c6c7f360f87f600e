"""`new`: an article file with its front matter filled in, translation stubs, never an overwrite."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator import config as site_config
from generator.content.articles import ParseSettings, parse
from generator.cli import main
from generator.errors import Problems
from generator.commands.new import plan, write
from generator.text.arabic import SLUG_MAX_BYTES, slugify
from tests.sites import SITE_TOML, article, run, write_site

SECTIONS = SITE_TOML + '\n[sections]\nsociety = { ar = "مجتمع", fr = "Société" }\n'
# 23:30 UTC on 31 May is already 1 June in Casablanca (+01:00): the folder follows the site's timezone
NOW = dt.datetime(2025, 5, 31, 23, 30, tzinfo=dt.timezone.utc)


def parsed(root: Path, path: Path):
    config = site_config.load(root)
    settings = ParseSettings(config.timezone, tuple((l.code, l.dir) for l in config.languages))
    lang = path.relative_to(root).parts[1]
    result = parse(path.read_bytes(), path.relative_to(root).as_posix(), lang, settings)
    assert not result.problems, result.problems
    return result.article


def new(root: Path, title: str, **options):
    problems = Problems(root)
    drafts = plan(site_config.load(root), title, options.pop("lang", "ar"), NOW, problems, **options)
    return drafts, problems


def test_arabic_title_to_slug_path_and_front_matter(tmp_path):
    root = write_site(tmp_path, "", site_toml=SECTIONS)
    drafts, problems = new(root, "الرباط: مؤتمر «اقتصاد الرعاية» الأوّل", section="مجتمع",
                           tags=["اقتصاد الرعاية", "المرأة"], authors=["سلمى العلوي"])
    assert not problems.errors
    [path] = write(drafts)
    assert path == root / "content/ar/2025/06/الرباط-مؤتمر-اقتصاد-الرعاية-الأول.md"
    a = parsed(root, path)
    assert a.title == "الرباط: مؤتمر «اقتصاد الرعاية» الأوّل"
    assert a.date.isoformat() == "2025-06-01T00:30:00+01:00"
    assert (a.section, a.tags, a.authors) == ("مجتمع", ("اقتصاد الرعاية", "المرأة"), ("سلمى العلوي",))
    assert a.translation_key == "2025-06-الرباط-مؤتمر-اقتصاد-الرعاية-الأول" and a.draft  # its text is to be written


def test_translation_stub_is_a_draft_with_the_same_key_and_the_section_in_its_language(tmp_path):
    root = write_site(tmp_path, "", site_toml=SECTIONS)
    drafts, problems = new(root, "خبر مترجم", section="مجتمع", translations=("fr",))
    original, stub = (parsed(root, p) for p in write(drafts))
    assert stub.source == "content/fr/2025/06/خبر-مترجم.md"
    assert stub.translation_key == original.translation_key and stub.draft and stub.section == "Société"
    for a in (original, stub):  # written and translated: published
        text = (root / a.source).read_text(encoding="utf-8").replace("draft: true\n", "") + "نص.\n"
        (root / a.source).write_text(text, encoding="utf-8")
    run(root, now=NOW + dt.timedelta(days=1))
    page = (root / "output/ar/2025/06/خبر-مترجم/index.html").read_text(encoding="utf-8")
    assert 'hreflang="fr" href="https://example.ma/fr/2025/06/' in page


def test_refuses_to_overwrite_and_writes_nothing(tmp_path, capsys):
    root = write_site(tmp_path, "-- content/fr/2026/01/x.md --\nwhatever\n")
    site = ["--site", str(root)]
    assert main(["new", "x", "--lang", "ar", *site]) == 0
    written = capsys.readouterr().out.split()
    assert len(written) == 1 and written[0].startswith("content/ar/") and written[0].endswith("/x.md")
    before = (root / written[0]).read_bytes()
    assert main(["new", "x", "--lang", "ar", *site]) == 1
    assert "exists already" in capsys.readouterr().err
    assert (root / written[0]).read_bytes() == before
    # the translation stub would overwrite: neither file is written
    stub = root / "content/fr/2025/06/x.md"
    stub.parent.mkdir(parents=True)
    stub.write_text("mine", encoding="utf-8")
    drafts, problems = new(root, "y", lang="ar", translations=("fr",), slug="x")
    assert [p.path for p in problems.errors] == ["content/fr/2025/06/x.md"]
    assert stub.read_text() == "mine" and not (root / "content/ar/2025/06/x.md").exists()


def test_long_titles_make_the_slug_the_build_makes_and_bad_input_is_refused(tmp_path):
    root = write_site(tmp_path, "")
    title = " ".join(["كلمة"] * 60)
    drafts, problems = new(root, title)
    slug = drafts[0].path.stem
    assert slug == slugify(title) == "-".join(["كلمة"] * 22)  # the build's rule: as many words as 200 bytes hold
    assert len(slug.encode()) <= SLUG_MAX_BYTES and not slug.endswith("-")
    _, problems = new(root, "؟!…")
    assert "empty slug" in problems.errors[0].message
    _, problems = new(root, "x", lang="de")
    assert '"de" is not a language' in problems.errors[0].message


def test_a_long_arabic_headline_keeps_its_words_and_passes_check_strict(tmp_path, capsys):
    """As a writer does it: `new` with a long headline, then the build and `check --strict` (what CI runs)."""
    root = write_site(tmp_path, "")
    title = ("الرباط: انطلاق أشغال المؤتمر الدولي الأول حول اقتصاد الرعاية "
             "بمشاركة خبراء ومسؤولين من أكثر من ثلاثين دولة")
    site = ["--site", str(root)]
    assert main(["new", title, "--author", "سلمى العلوي", *site]) == 0
    out = capsys.readouterr()
    [written] = out.out.split()
    assert 'delete the line "draft: true"' in out.err  # how to publish it, once its text is written
    slug = Path(written).stem
    assert slug == "-".join(title.replace(":", "").split())  # every word: 194 bytes (550 percent-encoded), within the rule
    text = (root / written).read_text(encoding="utf-8").replace("draft: true\n", "")
    (root / written).write_text(text + "نص المقال.\n", encoding="utf-8")
    report = run(root, now=dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=1))
    assert not report.warnings
    assert (root / "output" / Path(written).relative_to("content").parent / slug / "index.html").is_file()
    assert main(["check", "--strict", *site]) == 0


def test_a_new_article_is_a_draft_until_its_text_is_written(tmp_path, capsys):
    """`new` then a build, as a writer in a hurry does: the empty story is not published as the newest one;
    the message says how to publish it, and the build says what an article without text needs."""
    root = write_site(tmp_path, "-- content/ar/2024/06/old.md --\n" + article("خبر قديم"))
    site = ["--site", str(root)]
    assert main(["new", "خبر عاجل", "--translation", "fr", *site]) == 0
    out = capsys.readouterr()
    written = out.out.split()
    assert len(written) == 2 and out.err == (
        'They are drafts (draft: true), shown only by "majalla serve" (and builds with --drafts). To publish: '
        "write (or translate) each one's text below the front matter, set date: to the time of publication, "
        'and delete the line "draft: true".\n')
    assert all("draft: true\n" in (root / w).read_text(encoding="utf-8") for w in written)
    assert main([*site, "-q"]) == 0 and not list((root / "output/ar").glob("20*/*/خبر-عاجل"))
    path = root / written[0]
    path.write_text(path.read_text(encoding="utf-8").replace("draft: true\n", ""), encoding="utf-8")
    assert main([*site, "-q"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{written[0]}:5: the article has no text: write it below this line (\"---\"), or add \"draft: true\" to "
        "its front matter to keep it out of the site until it is written")


def test_translator_goes_to_the_translation_stubs(tmp_path, capsys):
    root = write_site(tmp_path, "", site_toml=SECTIONS)
    assert main(["new", "مؤتمر اقتصاد الرعاية", "--site", str(root), "--author", "سلمى العلوي",
                 "--translation", "fr", "--translator", "Youssef El Idrissi"]) == 0
    ar, fr = capsys.readouterr().out.split()
    assert "translator" not in (root / ar).read_text(encoding="utf-8")  # the original is not a translation
    stub = parsed(root, root / fr)
    assert stub.translators == ("Youssef El Idrissi",) and stub.draft
    drafts, problems = new(root, "خبر", translators=["Youssef El Idrissi"])
    assert [str(p) for p in problems.errors] == [
        "--translator: credits the translator of a translation: give --translation LANG too"]
def test_a_part_of_a_series_with_its_translation_and_an_expiry(tmp_path):
    """issue 21: --series, --part and --expires; the translation stub gets the series' name from [series]."""
    root = write_site(tmp_path, "", site_toml=SITE_TOML + '\n[series]\ncare = { ar = "اقتصاد الرعاية", fr = "Le care" }\n')
    drafts, problems = new(root, "الحلقة الثانية", series="اقتصاد الرعاية", part=2, expires="2025-07-01",
                           translations=("fr",))
    assert not problems.errors
    ar, fr = (parsed(root, path) for path in write(drafts))
    assert (ar.series, ar.part, fr.series, fr.part) == ("اقتصاد الرعاية", 2, "Le care", 2)
    assert ar.expires.isoformat() == fr.expires.isoformat() == "2025-07-01T00:00:00+01:00"
    _, problems = new(root, "خبر", part=2)
    assert [p.message for p in problems.errors] == ["--part is a place in a series, from 1: give --series too"]
    _, problems = new(root, "خبر", expires="01/07/2025")
    assert [p.message for p in problems.errors][0].startswith('"01/07/2025" is not a date: the year comes first')


def test_newsroom_options_round_trip_through_the_build(tmp_path):
    """issue 21: --pinned (with --pinned-until), --breaking-until, with every other field; what `new` writes (by
    the front-matter writer the WordPress importer uses too) is read back by the build with the same values,
    Arabic as it is, the keys in the order of the writer's guide."""
    root = write_site(tmp_path, "", site_toml=SECTIONS + '\n[series]\nwater = { ar = "ملف: الماء", fr = "Dossier : l\'eau" }\n')
    title = 'الرباط: «اقتصاد الرعاية» و"الحماية" #1'
    drafts, problems = new(root, title, section="مجتمع", tags=["2030", "yes", "المرأة"],
                           authors=["سلمى العلوي", "Youssef"], series="ملف: الماء", part=2, expires="2025-08-01",
                           pinned="lead", pinned_until="2025-06-15", breaking_until="2025-06-01T18:00",
                           translations=("fr",), translators=["Youssef El Idrissi"])
    assert not problems.errors, problems.errors
    ar_path, fr_path = write(drafts)
    text = ar_path.read_text(encoding="utf-8")
    assert "\\u" not in text and "«اقتصاد الرعاية»" in text and "date: 2025-06-01T00:30:00+01:00\n" in text
    keys = [line.split(":")[0] for line in text.splitlines()[1:-2] if line and not line.startswith((" ", "-"))]
    assert keys == ["title", "date", "author", "section", "tags", "translation_key", "draft", "series", "part",
                    "expires", "pinned", "breaking"]  # the guide's order
    a, stub = parsed(root, ar_path), parsed(root, fr_path)
    zone = dt.timezone(dt.timedelta(hours=1))
    assert (a.title, a.authors, a.section, a.tags) == (title, ("سلمى العلوي", "Youssef"), "مجتمع", ("2030", "yes", "المرأة"))
    assert (a.series, a.part, a.expires) == ("ملف: الماء", 2, dt.datetime(2025, 8, 1, tzinfo=zone))
    assert a.pinned == ("lead", dt.datetime(2025, 6, 15, tzinfo=zone))
    assert a.breaking == dt.datetime(2025, 6, 1, 18, 0, tzinfo=zone) and a.draft
    assert (stub.series, stub.section, stub.translators) == ("Dossier : l'eau", "Société", ("Youssef El Idrissi",))
    assert (stub.pinned, stub.breaking, stub.expires, stub.draft) == (a.pinned, a.breaking, a.expires, True)
    drafts, problems = new(root, "خبر عاجل", pinned="picks", breaking=True, slug="flash")
    [path] = write(drafts)
    b = parsed(root, path)
    assert b.pinned == ("picks", None) and b.breaking == b.date + dt.timedelta(hours=6)


def test_newsroom_options_are_checked_before_anything_is_written(tmp_path, capsys):
    root = write_site(tmp_path, "")
    _, problems = new(root, "خبر", pinned_until="2025-06-15")
    assert [str(p) for p in problems.errors] == ["--pinned-until: ends a pin: give --pinned lead or --pinned picks too"]
    _, problems = new(root, "خبر", pinned="lead", pinned_until="2025-05-01", breaking=True, breaking_until="قريبا")
    assert [str(p) for p in problems.errors] == [
        "--pinned-until: 2025-05-01 00:00 is not after the article's date, now (2025-06-01 00:30): give a later one",
        '--breaking-until: "قريبا" is not a date (write YYYY-MM-DD, as in 2024-06-26, or with a time: 2024-06-26 '
        "10:00 or 2024-06-26T10:00:00+01:00)",
        "--breaking: give --breaking (for breaking_hours of site.toml) or --breaking-until TIME, not both"]
    with pytest.raises(SystemExit):
        main(["new", "خبر", "--pinned", "top", "--site", str(root)])
    assert "invalid choice: 'top' (choose from 'lead', 'picks')" in capsys.readouterr().err
    assert not (root / "content").exists()


def test_the_writer_keeps_the_keys_in_the_order_of_the_guide():
    from generator.content.front_matter import ORDER

    guide = (Path(__file__).resolve().parents[1] / "docs/writing.md").read_text(encoding="utf-8")
    table = guide.split("| key | needed | what it is |")[1].split("\n\n")[0]
    keys = [k for row in table.splitlines()[2:] for k in re.findall(r"`(\w+)`", row.split("|")[1])]
    assert keys == list(ORDER)
