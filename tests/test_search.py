"""The search issue, without a browser: what is indexed, the index as a step of the build (in parts, each
indexed again only when its records change; deterministic; --no-search), and a missing or failing Pagefind.
Browser tests: test_search_browser.py and test_search_queries.py; the fold: test_search_fold.py."""
from __future__ import annotations

import gzip
import html
import json
import os
import re
import shutil
import stat
import tomllib
from pathlib import Path

import pytest
from generator.search import index as search
from generator.search import order as search_order
from generator.search import service
from generator.search.records import BUNDLE, ENTRY_FILE
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


def entries(root) -> dict[str, list[dict]]:
    """{lang: [each part's pagefind-entry.json]}"""
    found: dict = {}
    for path in sorted((root / "output" / BUNDLE).glob(f"*/*/{ENTRY_FILE}")):
        found.setdefault(path.parent.parent.name, []).append(json.loads(path.read_text(encoding="utf-8")))
    return found


def page_counts(root) -> dict[str, int]:
    return {lang: sum(info["page_count"] for e in parts for info in e["languages"].values())
            for lang, parts in entries(root).items()}


def indexed_records(monkeypatch) -> list[list[str]]:
    """Count the work: the URLs of the records of each index Pagefind is asked to make."""
    calls: list = []
    real = service.Service.index
    monkeypatch.setattr(service.Service, "index", lambda self, records: calls.append(
        sorted(r["url"] for r in records)) or real(self, records))
    return calls


def test_index_per_language_of_articles_from_their_records_not_their_pages(site):
    report = run(site, search=True)
    assert report.search == "indexed"
    assert page_counts(site) == {"ar": 2, "fr": 1}
    assert [list(e["languages"]) for e in entries(site)["ar"]] == [["und"]]  # folded by us: Pagefind stems not
    assert [list(e["languages"]) for e in entries(site)["fr"]] == [["fr"]]
    page = read(site, "ar/2024/06/care/index.html")
    assert "pagefind" not in page  # the theme no longer decides what is indexed
    home = read(site, "ar/index.html")
    assert "pagefind" not in home and "search." not in home.split("</head>")[0]  # no search JS off the search page
    assert re.search(r'<form class="search-box" role="search" action="/ar/search/" method="get">', home)


def fragments(root) -> dict[str, dict]:
    """{url: fragment} of every part of the index."""
    found = {}
    for path in (root / "output" / BUNDLE).glob("*/*/fragment/*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        fragment = json.loads(raw[raw.index(b"{"):])
        found[fragment["url"]] = fragment
    return found


def test_the_index_holds_the_text_not_the_tags_nor_the_footnote_marks(tmp_path):
    """An excerpt shows the article's text: not its tag list, not a footnote's number joined to the word
    before it («المدرسة1»), not the footnote's back-link «↩» (they were indexed before)."""
    root = write_site(tmp_path / "site", "-- content/ar/2024/06/note.md --\n" + article(
        "خبر بحاشية", "2024-06-26", "نص عن المدرسة[^1] في مكناس.\n\n[^1]: حاشية المقال هنا.",
        tags=["وسمفريد", "وسم ثان"]))
    run(root, search=True)
    content = fragments(root)["/ar/2024/06/note/"]["content"]
    assert content.split() == "خبر بحاشية نص عن المدرسة في مكناس. حاشية المقال هنا.".split()
    page = read(root, "ar/2024/06/note/index.html")
    assert "footnote-backref" in page and "fnref" in page and "وسمفريد" in page  # the page has them all


def test_search_pages_per_language_with_filters(site):
    run(site, search=True)
    ar, fr = read(site, "ar/search/index.html"), read(site, "fr/search/index.html")
    assert '<html lang="ar" dir="rtl">' in ar and '<html lang="fr" dir="ltr">' in fr
    assert '<label for="search-q">' in ar and 'id="search-q"' in ar
    assert re.findall(r'<option value="([^"]+)">', ar) == ["اقتصاد", "مجتمع", "2025", "2024"]
    assert 'hreflang="fr"' in ar and "/fr/search/" in ar  # the language switcher lands on the other search page
    assert 'data-bundle="/pagefind/ar/"' in ar and re.search(r'src="/assets/search\.[0-9a-f]+\.js"', ar)
    parts = re.search(r'data-parts="([^"]*)"', ar).group(1).split()
    assert len(parts) == 1 and (site / "output/pagefind/ar" / parts[0] / ENTRY_FILE).is_file()
    assert '"proclitics"' in html.unescape(re.search(r'data-fold="([^"]*)"', ar).group(1))
    assert "/search/" not in read(site, "sitemap.xml")


def test_the_index_is_deterministic_and_incremental(site, tmp_path, monkeypatch):
    run(site, search=True)
    clean = files(site / "output")
    calls = indexed_records(monkeypatch)
    assert run(site, search=True).wrote is False  # nothing changed: nothing staged, the index kept as is
    (site / "static").mkdir()
    (site / "static" / "favicon.ico").write_text("ico")
    entry = next((site / "output" / BUNDLE).glob(f"ar/*/{ENTRY_FILE}"))
    inode = entry.stat().st_ino
    report = run(site, search=True)  # no article changed: the parts stay as they are
    assert report.search == "kept" and entry.stat().st_ino == inode and calls == []
    path = site / "content/ar/2025/01/port.md"
    path.write_text(path.read_text(encoding="utf-8").replace("حاوية", "حاوية وسفينة"), encoding="utf-8")
    assert run(site, search=True).search == "indexed"
    assert calls == [["/ar/2024/06/care/", "/ar/2025/01/port/"]]  # the Arabic index only
    assert entry.stat().st_ino != inode and len(list((site / "output" / BUNDLE).glob(f"ar/*/{ENTRY_FILE}"))) == 1
    path.write_text(ARTICLES["content/ar/2025/01/port.md"], encoding="utf-8")
    run(site, search=True)
    (site / "static" / "favicon.ico").unlink()
    run(site, search=True)
    assert files(site / "output") == clean  # byte for byte, Pagefind's hash-map order included


def test_the_index_put_back_in_hash_map_order_is_sorted_to_the_same_bytes(site, tmp_path):
    """search.order reads and writes Pagefind's CBOR with cbor2: a bundle whose filter lists come in another order
    (as Pagefind's hash maps give them) is made byte for byte the bundle of a clean build, names included."""
    run(site, search=True)
    part = next((site / "output" / BUNDLE).glob(f"ar/*/{ENTRY_FILE}")).parent
    clean = files(part)
    entry = json.loads((part / ENTRY_FILE).read_text(encoding="utf-8"))
    info = entry["languages"][next(iter(entry["languages"]))]
    meta_path = part / f"pagefind.{info['hash']}.pf_meta"
    meta = search_order.load(meta_path)
    assert len(meta[3]) >= 2  # section, year, part: filters to put out of order
    shuffled = []
    for n, (name, file_hash) in enumerate(meta[3]):
        path = part / "filter" / f"{file_hash}.pf_filter"
        content = search_order.load(path)
        content[1].reverse()
        path.unlink()
        wrong = f"und_{n:0{len(file_hash) - 4}x}"
        (part / "filter" / f"{wrong}.pf_filter").write_bytes(search_order.dump(content))
        shuffled.append([name, wrong])
    assert any(len(search_order.load(p)[1]) > 1 for p in (part / "filter").iterdir())
    meta[3] = shuffled[::-1]
    meta_path.unlink()
    info["hash"] = "und_" + "0" * len(info["hash"].rpartition("_")[2])  # a name of the same length, wrong
    (part / f"pagefind.{info['hash']}.pf_meta").write_bytes(search_order.dump(meta))
    (part / ENTRY_FILE).write_text(json.dumps(entry), encoding="utf-8")
    assert files(part) != clean
    assert search_order.stabilize(part) is True
    assert files(part) == clean


def test_no_search_skips_and_removes_the_index(site):
    assert run(site).search == "off" and not (site / "output" / "pagefind").exists()
    assert (site / "output/ar/search/index.html").is_file()  # the page says the index is missing
    run(site, search=True)
    assert page_counts(site) == {"ar": 2, "fr": 1}
    assert main(["build", "--site", str(site), "--no-search", "-q"]) == 0
    assert not (site / "output" / "pagefind").exists()


def fake_pagefind(tmp_path, script: str):
    path = tmp_path / "pagefind"
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


@pytest.mark.parametrize("script", [
    None,  # missing
    'head -c 8 >/dev/null; echo "Error: disk full" >&2; exit 3',  # fails on the first request
    'exit 0',  # answers nothing
    "head -c 8 >/dev/null; echo 'eyJtZXNzYWdlX2lkIjogMSwgInBheWxvYWQiOiB7InR5cGUiOiAiRXJyb3IiLCAibWVzc2FnZSI6ICJubyJ9fQ==,'; sleep 5",
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
        assert "Pagefind failed" in message and "stopped (exit code 0)" in message
    if script and "sleep" in script:
        assert "Pagefind failed" in message and ": no;" in message  # what it answered
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
    assert 'data-bundle="/mag/pagefind/ar/"' in page and 'action="/mag/ar/search/"' in read(root, "ar/index.html")
    assert page_counts(root) == {"ar": 1}
    assert '"url":"/mag/ar/' in gzip.decompress(next((root / "output" / BUNDLE).glob("ar/*/fragment/*")).read_bytes()).decode()


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
    assert set(entries(root)) == {"ar"}
    assert 'class="search"' in read(root, "ar/search/index.html")
    assert says_nothing_yet(root, "fr")  # Pagefind would answer a French search from the Arabic index
    path.write_text(draft, encoding="utf-8")
    assert run(root, search=True).search == "empty"
    assert files(root / "output") == empty  # the index is gone with the last article


def archive(root: Path, count: int = 40, part_pages: int = 5) -> Path:
    """A site of `count` Arabic articles (and one French) whose index is in parts of about `part_pages`."""
    texts = {f"content/ar/2024/{1 + n % 12:02d}/a{n:02d}.md": article(f"خبر {n}", f"2024-{1 + n % 12:02d}-{1 + n % 27:02d}",
                                                                       f"نص المقال رقم {n} عن المدرسة والمرأة.")
             for n in range(count)}
    texts["content/fr/2024/06/care.md"] = ARTICLES["content/fr/2024/06/care.md"]
    root = write_site(root, "".join(f"-- {p} --\n{t}" for p, t in texts.items()))
    toml = root / "site.toml"
    toml.write_text(f"search_part_pages = {part_pages}\n" + toml.read_text(encoding="utf-8"), encoding="utf-8")
    return root


def test_one_edit_indexes_one_part_and_a_template_edit_none(tmp_path, monkeypatch):
    root = archive(tmp_path / "site")
    run(root, search=True)
    assert len(entries(root)["ar"]) == 8 and page_counts(root) == {"ar": 40, "fr": 1}
    calls = indexed_records(monkeypatch)
    path = root / "content/ar/2024/03/a14.md"
    path.write_text(path.read_text(encoding="utf-8").replace("المدرسة", "المدرسة الجديدة"), encoding="utf-8")
    assert run(root, search=True).search == "indexed"
    assert len(calls) == 1 and "/ar/2024/03/a14/" in calls[0] and 2 <= len(calls[0]) <= 10  # its part only
    assert len(entries(root)["ar"]) == 8
    (root / "templates").mkdir()
    (root / "templates/article.html").write_text(
        (Path(__file__).resolve().parents[1] / "themes/majalla/templates/article.html").read_text(encoding="utf-8")
        .replace("<article", "<article data-edited", 1), encoding="utf-8")
    report = run(root, search=True)
    assert report.rendered >= 40 and report.search == "kept" and len(calls) == 1  # a template edit: no part
    clean = archive(tmp_path / "clean")  # the same sources, built once from nothing
    (clean / "content/ar/2024/03/a14.md").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copytree(root / "templates", clean / "templates")
    run(clean, search=True)
    assert files(root / "output") == files(clean / "output")  # the incremental output, byte for byte
    assert len(calls) == 1 + 9  # the clean build indexed all 8 Arabic parts and the French one


def whole_parts(out: Path, lang: str) -> list[str]:
    """What is wrong with the parts the search page in `out` names: each must be there, whole."""
    page = (out / lang / "search/index.html").read_text(encoding="utf-8")
    wrong = []
    for name in re.search(r'data-parts="([^"]*)"', page).group(1).split():
        folder = out / BUNDLE / lang / name
        try:
            info = json.loads((folder / ENTRY_FILE).read_text(encoding="utf-8"))["languages"]
            if not all((folder / f"pagefind.{i['hash']}.pf_meta").stat().st_size for i in info.values()):
                wrong.append(f"{name}: empty metadata")
            if not list((folder / "fragment").iterdir()) or not (folder / "pagefind.js").stat().st_size:
                wrong.append(f"{name}: no fragments or no pagefind.js")
        except (OSError, ValueError) as exc:
            wrong.append(f"{name}: {exc}")
    return wrong


def bundles(out: Path, lang: str) -> dict[str, dict[str, bytes]]:
    """{part folder: {file: bytes}} of the parts the search page in `out` names."""
    page = (out / lang / "search/index.html").read_text(encoding="utf-8")
    return {name: files(out / BUNDLE / lang / name)
            for name in re.search(r'data-parts="([^"]*)"', page).group(1).split()}


def test_the_search_page_never_names_a_part_not_whole_while_a_patch_goes_in(tmp_path, monkeypatch):
    """A one-article edit is moved into output/ file by file (a patch): at every step, each part the search
    page names is one bundle whole, the old one or the new one (its entry names only files there, with their
    bytes: new files go in before the entry, old ones go after); the search page itself does not change."""
    from generator.output import stage as staging

    root = archive(tmp_path / "site")
    run(root, search=True)
    out = root / "output"
    before, steps = bundles(out, "ar"), []
    real_replace, real_unlink = staging.os.replace, staging.os.unlink

    def check(real):
        def step(*args):
            result = real(*args)
            if str(args[-1 if real is real_replace else 0]).startswith(str(out) + "/"):
                steps.append(bundles(out, "ar"))
            return result
        return step

    monkeypatch.setattr(staging.os, "replace", check(real_replace))
    monkeypatch.setattr(staging.os, "unlink", check(real_unlink))
    path = root / "content/ar/2024/03/a14.md"
    path.write_text(path.read_text(encoding="utf-8").replace("المدرسة", "المدرسة الجديدة"), encoding="utf-8")
    search_page = read(root, "ar/search/index.html")
    run(root, search=True)
    monkeypatch.undo()
    after = bundles(out, "ar")
    assert read(root, "ar/search/index.html") == search_page
    assert len([n for n in after if after[n] != before[n]]) == 1  # the edited article's part
    assert len(steps) > 5 and not [p for p in root.iterdir() if p.name.startswith(".output.")]  # a patch, done
    for seen in steps:
        for name, held in seen.items():
            entry = held.get(ENTRY_FILE)
            whole = next((b[name] for b in (before, after) if b[name][ENTRY_FILE] == entry), None)
            assert whole is not None, f"part {name}: an entry of neither bundle"
            assert {f: held.get(f) for f in whole} == whole, f"part {name}: its entry names a file not there whole"


def test_one_edit_changes_its_pages_its_lists_and_one_part(tmp_path):
    """After a one-article edit, the files of output/ that changed (written again, even with the same bytes)
    are the article's page, the pages that list it, and files of one part of the index: not the search
    pages, not a part's files that stay the same (pagefind.js, the wasm)."""
    root = archive(tmp_path / "site")
    run(root, search=True)
    out = root / "output"

    def held():
        return {p.relative_to(out).as_posix(): (p.stat().st_ino, p.read_bytes())
                for p in sorted(out.rglob("*")) if p.is_file()}

    before = held()
    path = root / "content/ar/2024/03/a14.md"
    path.write_text(path.read_text(encoding="utf-8").replace("المدرسة", "المدرسة الجديدة"), encoding="utf-8")
    run(root, search=True)
    after = held()
    changed = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    index = {p for p in changed if p.startswith(BUNDLE + "/")}
    assert len({p.split("/")[2] for p in index}) == 1 and {p.split("/")[1] for p in index} == {"ar"}
    part = f"{BUNDLE}/ar/{next(iter(index)).split('/')[2]}/"
    assert ENTRY_FILE in {p.removeprefix(part) for p in index}
    unchanged = {p.removeprefix(part) for p in after if p.startswith(part)} - {p.removeprefix(part) for p in index}
    assert {"pagefind.js", "pagefind-worker.js"} <= unchanged and any(p.startswith("wasm.") for p in unchanged)
    pages = changed - index
    assert "ar/2024/03/a14/index.html" in pages and not [p for p in pages if "/search/" in p]
    url = "/ar/2024/03/a14/"
    assert [p for p in pages if url not in after[p][1].decode("utf-8", "replace")] == []  # each shows it
    assert len(pages) < 12, sorted(pages)


def test_the_preview_shows_a_saved_article_before_the_index_catches_up(tmp_path, monkeypatch):
    """The preview's first pass after a save (search_later) writes the article's page and leaves the search
    index and pages as they were, whole; the next pass indexes the changed part, as a build would have."""
    root = archive(tmp_path / "site")
    run(root, search=True)
    out = root / "output"
    calls = indexed_records(monkeypatch)
    search_page = read(root, "ar/search/index.html")
    parts_before = sorted(p.parent.name for p in (out / BUNDLE / "ar").glob(f"*/{ENTRY_FILE}"))
    path = root / "content/ar/2024/03/a14.md"
    path.write_text(path.read_text(encoding="utf-8").replace("المدرسة", "المدرسة الجديدة"), encoding="utf-8")
    first = run(root, search=True, search_later=True)
    assert "المدرسة الجديدة" in read(root, "ar/2024/03/a14/index.html") and calls == []
    assert read(root, "ar/search/index.html") == search_page and whole_parts(out, "ar") == []
    assert sorted(p.parent.name for p in (out / BUNDLE / "ar").glob(f"*/{ENTRY_FILE}")) == parts_before
    assert first.search == "kept"
    second = run(root, search=True)
    assert second.search == "indexed" and len(calls) == 1 and "/ar/2024/03/a14/" in calls[0]
    assert second.rendered_paths == ()  # the article's page was written already; the search page is the same
    assert read(root, "ar/search/index.html") == search_page and whole_parts(out, "ar") == []
    assert run(root, search=True).wrote is False
