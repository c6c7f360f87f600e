"""hreflang clusters are valid on the whole built site, for any set of languages: every page A that lists
B as an alternate is listed back by B, with the same set (the sample and a generated site are checked in
test_site_validation.py; here a three-language site with a second right-to-left language, and the check
itself). The root page is a redirect to the default language's home: it is in no cluster."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.magazine import png
from tests.sites import SITE_TOML, article, read, run, write_site
from tests.support.hreflang import head_of, hreflang_problems

BASE = "https://example.ma/"
PERSIAN = '''
[languages.fa]
name = "فارسی"
dir = "rtl"
locale = "fa_IR"
title = "مجله آزمایشی"

[sections]
economy = { ar = "اقتصاد", fr = "Économie", fa = "اقتصاد" }
culture = { ar = "ثقافة", fr = "Culture" }
'''
STORIES = {
    # one story in all three languages, one in the two right-to-left ones, one in French only
    "content/ar/2024/06/port.md": article("ميناء طنجة", "2024-06-26", section="اقتصاد", tags=["موانئ", "تجارة"],
                                          translation_key="port", image="cover.png", image_alt="ميناء"),
    "content/fr/2024/06/port.md": article("Le port de Tanger", "2024-06-26", section="Économie", tags=["Ports"],
                                          translation_key="port"),
    "content/fa/2024/06/port.md": article("بندر طنجه", "2024-06-27", section="اقتصاد", tags=["تجارة"],
                                          translation_key="port"),
    "content/ar/2024/07/book.md": article("معرض الكتاب", "2024-07-02", section="ثقافة", translation_key="book"),
    "content/fa/2024/07/book.md": article("نمایشگاه کتاب", "2024-07-03", section="فرهنگ", translation_key="book"),
    "content/fr/2024/05/festival.md": article("Le festival", "2024-05-10", section="Culture"),
    **{f"content/ar/2023/0{n}/old-{n}.md": article(f"خبر قديم {n}", f"2023-0{n}-01", tags=["تجارة"])
       for n in range(1, 6)},  # a tag and a year with more than one page
}


def three_languages(root: Path, default: str = "ar", base: str = BASE) -> Path:
    write_site(root, "".join(f"-- {path} --\n{text}" for path, text in STORIES.items()),
               site_toml=SITE_TOML.replace('default_language = "ar"', f'default_language = "{default}"')
               .replace(BASE, base) + PERSIAN)
    (root / "content/ar/2024/06/cover.png").write_bytes(png())
    (root / "i18n").mkdir()  # the theme has no Persian strings: the site brings them
    shutil.copy(Path(__file__).resolve().parents[1] / "themes/majalla/i18n/en.toml", root / "i18n/fa.toml")
    return root


def alternates(root: Path, page: str) -> dict[str, str]:
    return dict(head_of(root / "output" / page, BASE).alternates)


@pytest.mark.parametrize("default", ["ar", "fr", "fa"])
def test_three_languages_two_of_them_right_to_left(tmp_path, default):
    root = three_languages(tmp_path, default)
    run(root)
    out = root / "output"
    assert hreflang_problems(out, BASE) == []
    homes = {"ar": "ar/index.html", "fr": "fr/index.html", "fa": "fa/index.html"}
    assert alternates(root, "fa/index.html") == {**homes, "x-default": homes[default]}
    assert alternates(root, "index.html") == {}  # the root redirect is no version of the homes
    assert f'url=/{default}/"' in read(root, "index.html")
    port = {lang: f"{lang}/2024/06/port/index.html" for lang in ("ar", "fr", "fa")}
    assert alternates(root, port["fa"]) == {**port, "x-default": port[default]}
    book = alternates(root, "fa/2024/07/book/index.html")  # no French version
    assert set(book) == {"ar", "fa"} | ({"x-default"} if default != "fr" else set())
    assert alternates(root, "fr/2024/05/festival/index.html") == {}  # no translation, no cluster
    assert set(alternates(root, "fa/sections/اقتصاد/index.html")) == {"ar", "fr", "fa", "x-default"}
    assert head_of(out / "fa/index.html", BASE).lang == "fa" and '<html lang="fa" dir="rtl">' in read(root, "fa/index.html")


def test_one_language_has_no_alternates(tmp_path):
    root = three_languages(tmp_path)
    text = (root / "site.toml").read_text(encoding="utf-8")
    text = text.split("[languages.fr]")[0] + "[sections]\neconomy = { ar = \"اقتصاد\" }\n"
    (root / "site.toml").write_text(text, encoding="utf-8")
    shutil.rmtree(root / "content/fr")
    shutil.rmtree(root / "content/fa")
    run(root)
    out = root / "output"
    assert hreflang_problems(out, BASE) == []
    assert all(not head_of(p, BASE).alternates for p in out.rglob("*.html"))


def test_a_site_in_a_sub_folder(tmp_path):
    root = three_languages(tmp_path, base="https://example.ma/magazine/")
    run(root)
    assert hreflang_problems(root / "output", "https://example.ma/magazine/") == []
    assert dict(head_of(root / "output/fr/index.html", "https://example.ma/magazine/").alternates)["x-default"] \
        == "ar/index.html"


def test_the_check_finds_every_broken_cluster(tmp_path):
    """The check itself, on hand-written pages: the root page as it was (it listed the homes, which did not
    list it back), a version that lists another set, a missing version, a version in the wrong language."""
    out = tmp_path / "output"

    def page(path: str, lang: str, canonical: str, **links: str) -> None:
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        alternate = "".join(f'<link rel="alternate" hreflang="{h.replace("_", "-")}" href="{BASE}{u}">'
                            for h, u in links.items())
        target.write_text(f'<!DOCTYPE html><html lang="{lang}"><head><link rel="canonical" href="{BASE}{canonical}">'
                          f"{alternate}</head><body></body></html>", encoding="utf-8")

    homes = dict(ar="ar/", fr="fr/", x_default="ar/")
    page("index.html", "ar", "ar/", **homes)
    page("ar/index.html", "ar", "ar/", **homes)
    page("fr/index.html", "fr", "fr/", **homes)
    page("ar/a/index.html", "ar", "ar/a/", ar="ar/a/", fr="fr/a/")
    page("fr/a/index.html", "fr", "fr/a/", fr="fr/a/")
    page("ar/b/index.html", "ar", "ar/b/", ar="ar/b/", fr="fr/gone/")
    page("ar/c/index.html", "ar", "ar/c/", ar="ar/c/", fr="ar/d/")
    page("ar/d/index.html", "ar", "ar/d/", ar="ar/c/", fr="ar/d/")
    assert hreflang_problems(out, BASE) == [
        "ar/a/index.html: lists fr/a/index.html (fr), which lists {'fr': 'fr/a/index.html'} instead of "
        "{'ar': 'ar/a/index.html', 'fr': 'fr/a/index.html'}",
        "ar/b/index.html: fr alternate 'fr/gone/index.html' is not a page of the site",
        "ar/c/index.html: ar/d/index.html is listed as fr but is in 'ar'",
        "ar/d/index.html: its own language ar is listed as ar/c/index.html",
        "ar/d/index.html: ar/d/index.html is listed as fr but is in 'ar'",
        "index.html: lists alternates ['ar/index.html', 'ar/index.html', 'fr/index.html'] but not itself",
        "index.html: is in a hreflang cluster but its canonical is ['ar/index.html']",
        "index.html: its own language ar is listed as ar/index.html",
    ]
