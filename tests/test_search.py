"""The search issue, without a browser: what is indexed, the index as a step of the build (incremental,
deterministic, --no-search), and a missing or failing Pagefind. Browser tests: test_search_browser.py."""
from __future__ import annotations

import json
import os
import re
import stat
import tomllib
from pathlib import Path

import pytest
from markupsafe import Markup

from generator.search import index as search
from generator.search.forms import FORMS_MARK, search_forms
from generator.text.arabic import fold
from generator.cli import main
from generator.errors import BuildError
from tests.sites import article, files, read, run, write_site

ARTICLES = {
    "content/ar/2024/06/care.md": article("الحماية الإجتماعية في المغرب", "2024-06-26",
                                          "نصّ عن الحمايةِ الإجتماعيّة والـــمرأة.", section="مجتمع",
                                          tags=["الحماية الاجتماعية"]),
    "content/ar/2025/01/port.md": article("ميناء طنجة", "2025-01-14", "ٱلميناء عالج عشرة ملايين حاوية.",
                                          section="اقتصاد"),
    "content/fr/2024/06/care.md": article("La protection sociale", "2024-06-26", "Un texte.", section="Société"),
}


@pytest.fixture
def site(tmp_path):
    return write_site(tmp_path / "site", "".join(f"-- {path} --\n{text}" for path, text in ARTICLES.items()))


def entry(root):
    return json.loads((root / "output" / search.ENTRY).read_text(encoding="utf-8"))


def test_fold_matches_the_tag_identity_without_case():
    assert fold("الإجتماعيّة") == "الاجتماعية"
    assert fold("الـــمرأة") == "المراة"
    assert fold("ٱلرحمن آمال أحمد") == "الرحمن امال احمد"
    assert fold("Économie ﻻزم") == "Économie لازم"  # NFKC ligature; Latin case left to Pagefind


def test_search_forms_list_only_words_written_otherwise():
    forms = search_forms("الحماية الإجتماعية", Markup("<p>نصّ <b>الحماية</b>، الإجتماعية.</p>"), "Société")
    assert forms == f"{FORMS_MARK} الاجتماعية نص"
    assert search_forms("Protection sociale", "texte simple") == ""


def test_index_per_language_of_article_pages_only(site):
    report = run(site, search=True)
    assert report.search == "indexed"
    languages = entry(site)["languages"]
    assert {lang: info["page_count"] for lang, info in languages.items()} == {"ar": 2, "fr": 1}
    page = read(site, "ar/2024/06/care/index.html")
    body = page[page.index("<main"):page.index("</main>")]
    assert len(re.findall(r"data-pagefind-body", body)) == 4  # headline, body, tags, filters + forms
    assert 'data-pagefind-filter="section[data-value]" data-value="مجتمع"' in page
    assert 'data-pagefind-filter="year[data-value]" data-value="2024"' in page
    assert "الاجتماعية" in re.search(r'data-forms="([^"]*)"', page).group(1)
    for other in ("ar/index.html", "ar/tags/index.html", "ar/search/index.html", "ar/2024/index.html"):
        assert "data-pagefind-body" not in read(site, other), other
    home = read(site, "ar/index.html")
    assert "pagefind" not in home and "search." not in home.split("</head>")[0]  # no search JS off the search page
    assert re.search(r'<form class="search-box" role="search" action="/ar/search/" method="get">', home)


def test_search_pages_per_language_with_filters(site):
    run(site, search=True)
    ar, fr = read(site, "ar/search/index.html"), read(site, "fr/search/index.html")
    assert '<html lang="ar" dir="rtl">' in ar and '<html lang="fr" dir="ltr">' in fr
    assert '<label for="search-q">' in ar and 'id="search-q"' in ar
    assert re.findall(r'<option value="([^"]+)">', ar) == ["اقتصاد", "مجتمع", "2025", "2024"]
    assert 'hreflang="fr"' in ar and "/fr/search/" in ar  # the language switcher lands on the other search page
    assert 'data-bundle="/pagefind/"' in ar and re.search(r'src="/assets/search\.[0-9a-f]+\.js"', ar)
    assert "/search/" not in read(site, "sitemap.xml")


def test_the_index_is_deterministic_and_incremental(site, tmp_path):
    run(site, search=True)
    clean = files(site / "output")
    assert run(site, search=True).wrote is False  # nothing changed: nothing staged, the index kept as is
    (site / "static").mkdir()
    (site / "static" / "favicon.ico").write_text("ico")
    inode = (site / "output" / search.ENTRY).stat().st_ino
    report = run(site, search=True)  # no page changed: the previous index is linked into the new tree
    assert report.search == "kept" and (site / "output" / search.ENTRY).stat().st_ino == inode
    path = site / "content/ar/2025/01/port.md"
    path.write_text(path.read_text(encoding="utf-8").replace("حاوية", "حاوية وسفينة"), encoding="utf-8")
    assert run(site, search=True).search == "indexed"
    path.write_text(ARTICLES["content/ar/2025/01/port.md"], encoding="utf-8")
    run(site, search=True)
    (site / "static" / "favicon.ico").unlink()
    run(site, search=True)
    assert files(site / "output") == clean  # byte for byte, Pagefind's hash-map order included


def test_no_search_skips_and_removes_the_index(site):
    assert run(site).search == "off" and not (site / "output" / "pagefind").exists()
    assert (site / "output/ar/search/index.html").is_file()  # the page says the index is missing
    run(site, search=True)
    assert (site / "output" / search.ENTRY).is_file()
    assert main(["build", "--site", str(site), "--no-search", "-q"]) == 0
    assert not (site / "output" / "pagefind").exists()


def fake_pagefind(tmp_path, script: str):
    path = tmp_path / "pagefind"
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


@pytest.mark.parametrize("script", [
    None,  # missing
    'site=$2; mkdir -p "$site/pagefind"; echo half > "$site/pagefind/pagefind.js"; echo "Error: disk full" >&2; exit 3',
    'exit 0',  # says it worked but wrote no index
])
def test_a_missing_or_failing_pagefind_leaves_output_whole(site, tmp_path, monkeypatch, script):
    run(site)
    before = files(site / "output")
    binary = fake_pagefind(tmp_path, script) if script else tmp_path / "nowhere" / "pagefind"
    monkeypatch.setenv("MAJALLA_PAGEFIND", str(binary))
    with pytest.raises(BuildError) as failed:
        run(site, search=True)
    message = str(failed.value.problems[0])
    assert 'pip install "pagefind[bin]"' in message and "--no-search" in message
    if script and "disk full" in script:
        assert "Error: disk full" in message and "exit code 3" in message
    if script == "exit 0":
        assert "Pagefind wrote no index" in message
    assert files(site / "output") == before
    assert not [p for p in site.iterdir() if p.name.startswith(".output.")]  # no staged tree left behind


def test_missing_package_names_the_fix(site, monkeypatch):
    import builtins

    real = builtins.__import__

    def without_pagefind(name, *args, **kwargs):
        if name == "pagefind_bin":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.delenv("MAJALLA_PAGEFIND", raising=False)
    monkeypatch.setattr(builtins, "__import__", without_pagefind)
    with pytest.raises(BuildError, match=r'the Pagefind binary is missing; install it with  pip install "pagefind\[bin\]"'):
        run(site, search=True)
    assert not (site / "output").exists()


def test_nothing_else_may_write_into_the_index_folder(site):
    (site / "static" / "pagefind").mkdir(parents=True)
    (site / "static" / "pagefind" / "x.js").write_text("")
    with pytest.raises(BuildError, match=r"static/pagefind/x.js: wants to write output/pagefind/x.js"):
        run(site, search=True)
    run(site)  # without search the folder is free


def test_the_index_follows_the_base_path(tmp_path):
    root = write_site(tmp_path / "sub", f"-- content/ar/a.md --\n{ARTICLES['content/ar/2024/06/care.md']}")
    text = (root / "site.toml").read_text(encoding="utf-8").replace("https://example.ma/", "https://example.ma/mag/")
    (root / "site.toml").write_text(text, encoding="utf-8")
    run(root, search=True)
    page = read(root, "ar/search/index.html")
    assert 'data-bundle="/mag/pagefind/"' in page and 'action="/mag/ar/search/"' in read(root, "ar/index.html")
    assert (root / "output" / search.ENTRY).is_file()


def test_pagefind_is_a_core_dependency(monkeypatch):
    project = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())["project"]
    assert "pagefind[bin]>=1.1" in project["dependencies"]
    monkeypatch.delenv("MAJALLA_PAGEFIND", raising=False)
    assert os.access(search.executable(), os.X_OK)


NOTHING_YET = {"ar": "لا توجد مقالات للبحث فيها بعد.",
               "fr": "Rien à rechercher pour l’instant\u202f: aucun article n’a encore été publié."}


def says_nothing_yet(root, lang: str) -> bool:
    page = read(root, f"{lang}/search/index.html")
    return (NOTHING_YET[lang] in page and 'class="search"' not in page and "search." not in page.split("</head>")[0]
            and f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in page)


@pytest.mark.parametrize("drafts", [False, True], ids=["fresh", "drafts-only"])
def test_a_site_with_no_published_article_builds_and_says_there_is_nothing_to_search(tmp_path, drafts):
    """A new site, or an import of drafts only: Pagefind refuses to index no page, so there is no index,
    and each language's search page says, in its language, that there is nothing to search yet."""
    drafted = {path: text.replace("---\n", "---\ndraft: true\n", 1) for path, text in ARTICLES.items()}
    root = write_site(tmp_path, "".join(f"-- {p} --\n{t}" for p, t in drafted.items()) if drafts else "")
    (root / "content/ar").mkdir(parents=True, exist_ok=True)
    report = run(root, search=True)
    assert report.search == "empty" and not (root / "output" / search.BUNDLE).exists()
    assert says_nothing_yet(root, "ar") and says_nothing_yet(root, "fr")
    assert run(root, search=True).search == "empty"  # and again, with nothing changed
    assert main(["build", "--site", str(root), "-q"]) == 0  # the command, as a writer runs it


def test_publishing_the_first_article_makes_the_index_and_unpublishing_the_last_removes_it(tmp_path):
    draft = ARTICLES["content/ar/2024/06/care.md"].replace("---\n", "---\ndraft: true\n", 1)
    root = write_site(tmp_path / "site", f"-- content/ar/2024/06/care.md --\n{draft}")
    run(root, search=True)
    empty = files(root / "output")
    path = root / "content/ar/2024/06/care.md"
    path.write_text(ARTICLES["content/ar/2024/06/care.md"], encoding="utf-8")
    assert run(root, search=True).search == "indexed"
    assert {lang for lang in entry(root)["languages"]} == {"ar"}
    assert 'class="search"' in read(root, "ar/search/index.html")
    assert says_nothing_yet(root, "fr")  # Pagefind would answer a French search from the Arabic index
    path.write_text(draft, encoding="utf-8")
    assert run(root, search=True).search == "empty"
    assert files(root / "output") == empty  # the index is gone with the last article
