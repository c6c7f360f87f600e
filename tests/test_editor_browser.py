"""The browser editor in headless Chromium, on the local backend over a small magazine: a writer creates an
Arabic article with a picture and its French translation, edits a tag, and the files on disk are what a writer
would commit (`check --strict` passes, the pages build and link); the Arabic fields are right-to-left and the
French ones left-to-right whatever the editor's own language; nothing is fetched from another host.

The server is the real preview, `majalla serve` in a subprocess (tests/support/serving.py): a save is rebuilt
and the preview's page reloads with it. MAJALLA_EDITOR_SCREENSHOTS=docs/screenshots also saves docs/editor.md's
screenshots there."""
from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from PIL import Image

from generator.content.front_matter import FrontMatterLoader
from generator.build.options import BuildOptions
from generator.build.checking import check
from generator.text.arabic import slugify
from tests.sites import SITE_TOML, article, run, write_site
from tests.support import tools
from tests.support.editor import SECTIONS, TITLES, jpeg
from tests.support.serving import Server

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = os.environ.get("MAJALLA_EDITOR_SCREENSHOTS")
TEXT_FIELDS = ("title", "author", "dateline", "section", "tags", "summary", "image_alt", "image_caption",
               "translation_key", "slug", "aliases")
DIRECTIONS = """() => [...document.querySelectorAll(
    'input[id*="-field-"]:not([type=file]), textarea[id*="-field-"], [data-slate-editor="true"]')]
    .map(e => [e.id ? e.id.replace(/-field-\\d+$/, '') : 'body', getComputedStyle(e).direction,
               (e.closest('[lang]') || {}).lang || ''])"""
# the interface's words the test clicks on, in each interface language
WORDS = {
    "fr": {"login": "Se connecter", "collections": "Collections", "publish": "Publier", "now": "Publier maintenant",
           "published": "Publiée", "choose": "Choisir une image", "upload": "Téléverser une nouvelle ressource",
           "selected": "Choisir les éléments sélectionnés"},
    "ar": {"login": "دخول", "collections": "المجموعات", "publish": "نشر", "now": "النشر الآن", "published": "منشور"},
}


def magazine(root: Path, interface: str) -> Path:
    """A small magazine: one story in Arabic and French, and the editor's interface in `interface`."""
    root.mkdir(parents=True)
    return write_site(root, f"""
-- content/ar/2024/06/care-economy.md --
{article("الرباط: مؤتمر اقتصاد الرعاية", "2024-06-26T10:00:00+01:00", "نص المقال بالعربية.", author="سلمى العلوي",
         section="مجتمع", tags=["اقتصاد الرعاية", "المرأة"], translation_key="care-2024")}
-- content/fr/2024/06/economie-du-care.md --
{article("Rabat : conférence sur l’économie du care", "2024-06-26T10:00:00+01:00", "Le texte en français.",
         author="Salma Alaoui", section="Société", tags=["économie du care"], translation_key="care-2024")}
""", SITE_TOML + SECTIONS.replace('culture = ', 'society = { ar = "مجتمع", fr = "Société" }\nculture = ')
                   + f'\n[editor]\ninterface_language = "{interface}"\n')


@pytest.fixture(scope="module")
def chromium():
    with tools.browser() as b:
        yield b


@contextlib.contextmanager
def preview(site: Path):
    """`majalla serve` on the site, until the block ends; its `editor` is the editor's address."""
    server = Server(site)
    server.editor = server.url + "admin/"
    try:
        yield server
    finally:
        server.stop()


def open_editor(chromium, server, interface: str):
    """The editor in a fresh browser, logged in; `opened.calls` gets (action, status) of every backend call."""
    opened = tools.open_page(chromium, server.editor, 1280, 900, locale="fr-FR", timezone_id="Africa/Casablanca")
    opened.calls = []
    # a picture's upload, and the rebuild behind a save, wait on a builder that shares a busy machine's cores
    opened.page.set_default_timeout(90_000)

    def on_response(response) -> None:
        if response.url.endswith("/admin/api/v1") and response.request.method == "POST":
            opened.calls.append((response.request.post_data_json.get("action"), response.status))

    opened.page.on("response", on_response)
    opened.page.get_by_role("button", name=WORDS[interface]["login"]).click()
    opened.page.get_by_text(WORDS[interface]["collections"], exact=True).first.wait_for()
    return opened


def field(page, name: str, tag: str = "input"):
    return page.locator(f'{tag}[id^="{name}-field-"]').first


def directions(page) -> dict[str, tuple[str, str]]:
    return {name: (direction, lang) for name, direction, lang in page.evaluate(DIRECTIONS)}


def open_entry(page, server, collection: str, slug: str, title: str) -> None:
    """Open an article by its address (through its collection's list: going from one article's address to
    another's straight away, Decap keeps showing the first)."""
    page.goto(f"{server.editor}#/collections/{collection}")
    page.get_by_text(title, exact=True).first.wait_for()
    page.goto(f"{server.editor}#/collections/{collection}/entries/{slug}")
    page.wait_for_function("t => document.querySelector('input[id^=\"title-field-\"]')?.value === t", arg=title)


def publish(page, words: dict) -> None:
    page.get_by_role("button", name=words["publish"], exact=True).first.click()
    page.get_by_text(words["now"], exact=True).click()
    page.get_by_text(words["published"], exact=True).first.wait_for(timeout=15000)


def screenshot(page, tmp_path: Path, name: str) -> None:
    """The editor's top, its notices hidden (the last save's), quantized to 256 colours as the docs' others."""
    path = tmp_path / name
    page.evaluate("() => document.querySelectorAll('[class*=\"ControlPaneContainer\"]').forEach(e => e.scrollTo(0, 0))")
    page.screenshot(path=str(path), style=".Toastify { visibility: hidden; }")
    with Image.open(path) as image:
        assert image.size == (1280, 900)
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    if SCREENSHOTS:
        small.save(ROOT / SCREENSHOTS / name, optimize=True)


def front_matter(path: Path) -> tuple[dict, str]:
    _, fm, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.load(fm, FrontMatterLoader), body  # majalla's reading: dates stay text


def test_a_writer_makes_an_arabic_article_with_a_picture_and_its_french_translation(chromium, tmp_path):
    site = magazine(tmp_path / "site", "fr")
    picture = tmp_path / "cover-test.jpg"
    picture.write_bytes(jpeg((180, 90, 40), (1200, 800)))
    words = WORDS["fr"]
    with preview(site) as server:
        opened = open_editor(chromium, server, "fr")
        page = opened.page
        assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["fr", "ltr"]
        # the preview of the article to come, in another tab: not found yet, reloaded by itself once it is saved
        shown = page.context.new_page()
        shown.goto(server.url + "ar/2024/07/" + slugify("الرِّباط: «Tanger Med» يُحطِّم الرقم القياسي") + "/")
        assert "يُحطِّم" not in shown.locator("body").inner_text()

        # the Arabic article, with a picture uploaded beside it
        page.goto(server.editor + "#/collections/articles_ar/new")
        field(page, "title").fill("الرِّباط: «Tanger Med» يُحطِّم الرقم القياسي")
        field(page, "date").fill("2024-07-01T00:30")
        field(page, "author").fill("سلمى العلوي، يوسف بناني")  # the Arabic comma separates names too
        field(page, "dateline").fill("طنجة")
        field(page, "section").click()
        page.get_by_text("اقتصاد", exact=True).click()
        field(page, "tags").fill("اقتصاد الرعاية, المرأة")
        field(page, "summary", "textarea").fill("ملخص قصير للمقال.")
        field(page, "image_alt").fill("رافعات الميناء")
        field(page, "image_caption").fill("ميناء طنجة المتوسط")
        page.get_by_role("button", name=words["choose"]).click()
        with page.expect_file_chooser() as chooser:
            page.get_by_text(words["upload"]).first.click()
        chooser.value.set_files(str(picture))
        choose = page.get_by_role("button", name=words["selected"])
        choose.wait_for()
        page.wait_for_function("b => !b.disabled", arg=choose.element_handle())
        choose.click()
        page.locator('[data-majalla-field="image_alt"]').wait_for()
        page.get_by_text("cover-test.jpg").first.wait_for()
        page.locator('[data-slate-editor="true"]').first.click()
        page.keyboard.type("نص المقال بالعربية، مع Tanger Med في وسطه.")
        arabic = directions(page)
        assert {name: arabic[name] for name in (*TEXT_FIELDS, "body")} == {
            name: ("rtl", "ar") for name in (*TEXT_FIELDS, "body")}
        publish(page, words)
        shown.get_by_role("heading", name="الرِّباط: «Tanger Med» يُحطِّم الرقم القياسي").wait_for(timeout=60000)
        # below the editor, the link to that page: its month in Casablanca time (the file is in 2024/06)
        to_page = page.locator("#majalla-page")
        to_page.wait_for()
        assert unquote(to_page.get_attribute("href")) == unquote(shown.url)
        assert "نص المقال بالعربية، مع Tanger Med في وسطه." in shown.locator("main").inner_text()
        assert shown.evaluate("document.documentElement.dir") == "rtl"

        # its French translation, from the link below the translation key: key, date and section filled in
        link = page.locator('[data-majalla-translate="fr"]')
        link.wait_for()
        key = field(page, "translation_key").input_value()
        assert key == "2024-07-الرباط-tanger-med-يحطم-الرقم-القياسي"  # as `majalla new` makes it
        link.click()
        page.wait_for_url(re.compile(r"#/collections/articles_fr/new\?"))
        page.locator('[data-majalla-field="title"][lang="fr"]').wait_for()  # the French form, not the Arabic one
        page.wait_for_function("() => document.querySelector('input[id^=\"title-field-\"]').value === ''")
        assert field(page, "translation_key").input_value() == key
        assert field(page, "date").input_value() == "2024-07-01T00:30"
        assert page.locator('[data-majalla-field="section"]').inner_text() == "Économie"
        field(page, "title").fill("Tanger Med bat son record")
        field(page, "author").fill("Salma Alaoui")
        page.locator('[data-slate-editor="true"]').first.click()
        page.keyboard.type("Texte de l'article en français, avec طنجة au milieu.")
        french = directions(page)
        assert {name: french[name] for name in (*TEXT_FIELDS, "body")} == {
            name: ("ltr", "fr") for name in (*TEXT_FIELDS, "body")}
        screenshot(page, tmp_path, "editor-fr.png")
        publish(page, words)

        # a tag of the Arabic article, edited
        page.goto(server.editor + "#/collections/articles_ar")
        page.get_by_text("«Tanger Med» يُحطِّم").first.click()
        field(page, "tags").wait_for()
        page.wait_for_function("() => document.querySelector('input[id^=\"tags-field-\"]').value !== ''")
        assert field(page, "tags").input_value() == "اقتصاد الرعاية, المرأة"
        field(page, "tags").fill("اقتصاد الرعاية, الحماية الاجتماعية")
        publish(page, words)
        shown.wait_for_function("() => document.body.innerText.includes('الحماية الاجتماعية')", timeout=60000)
        assert opened.external_requests == [] and opened.console_errors == []
        opened.close()
    assert [(action, status) for action, status in opened.calls if action == "persistEntry"] == [
        ("persistEntry", 200)] * 3
    assert all(status == 200 for _, status in opened.calls), opened.calls

    # on disk: the files a writer would have committed (the folder is the month in UTC: 2024/06)
    folder = site / "content/ar/2024/06"
    meta, body = front_matter(folder / "الرباط-tanger-med-يحطم-الرقم-القياسي.md")
    assert meta == {
        "title": "الرِّباط: «Tanger Med» يُحطِّم الرقم القياسي", "date": "2024-07-01 00:30:00",
        "author": ["سلمى العلوي", "يوسف بناني"], "dateline": "طنجة", "section": "اقتصاد",
        "tags": ["اقتصاد الرعاية", "الحماية الاجتماعية"], "summary": "ملخص قصير للمقال.", "image": "cover-test.jpg",
        "image_alt": "رافعات الميناء", "image_caption": "ميناء طنجة المتوسط", "translation_key": key,
        "slug": "الرباط-tanger-med-يحطم-الرقم-القياسي", "featured": False, "draft": False}
    assert body == "نص المقال بالعربية، مع Tanger Med في وسطه.\n"
    assert (folder / "cover-test.jpg").read_bytes() == picture.read_bytes()
    meta, body = front_matter(site / "content/fr/2024/06/tanger-med-bat-son-record.md")
    assert meta == {"title": "Tanger Med bat son record", "date": "2024-07-01 00:30:00", "author": ["Salma Alaoui"],
                    "section": "Économie", "translation_key": key, "slug": "tanger-med-bat-son-record",
                    "featured": False, "draft": False}

    # what `check --strict` says (nothing), and the pages built from them, linked to each other
    assert check(BuildOptions(site=site, jobs=1)) == ([], 4)
    run(site)
    ar = site / "output/ar/2024/07/الرباط-tanger-med-يحطم-الرقم-القياسي/index.html"
    fr = site / "output/fr/2024/07/tanger-med-bat-son-record/index.html"
    page_ar, page_fr = ar.read_text(encoding="utf-8"), fr.read_text(encoding="utf-8")
    assert 'hreflang="fr" href="https://example.ma/fr/2024/07/tanger-med-bat-son-record/"' in page_ar
    assert 'hreflang="ar"' in page_fr and "اقتصاد الرعاية" in page_ar and "الحماية الاجتماعية" in page_ar
    assert list(ar.parent.glob("cover-test-960w.*.webp")) and 'alt="رافعات الميناء"' in page_ar


def test_in_the_arabic_interface_each_article_keeps_its_direction_and_mistakes_are_shown_at_their_line(
        chromium, tmp_path):
    site = magazine(tmp_path / "site", "ar")
    words = WORDS["ar"]
    before = (site / "content/ar/2024/06/care-economy.md").read_bytes()
    with preview(site) as server:
        opened = open_editor(chromium, server, "ar")
        page = opened.page
        assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
        # majalla's phrases are Decap's own keys (a misspelt one would silently stay English)
        missing = page.evaluate("""() => {
            const paths = (o, p) => Object.entries(o).flatMap(([k, v]) =>
                typeof v === 'object' ? paths(v, p + k + '.') : [p + k]);
            const en = new Set(paths(CMS.getLocale('en'), ''));
            return paths(CMS.getLocale('ar'), '').filter(k => !en.has(k));
        }""")
        assert missing == []
        assert page.evaluate("ts => ts.map(majallaSlugify)", TITLES) == [slugify(t) for t in TITLES]

        open_entry(page, server, "articles_fr", "2024/06/economie-du-care", "Rabat : conférence sur l’économie du care")
        french = directions(page)
        assert {name: french[name] for name in (*TEXT_FIELDS, "body")} == {
            name: ("ltr", "fr") for name in (*TEXT_FIELDS, "body")}

        open_entry(page, server, "articles_ar", "2024/06/care-economy", "الرباط: مؤتمر اقتصاد الرعاية")
        arabic = directions(page)
        assert {name: arabic[name] for name in (*TEXT_FIELDS, "body")} == {
            name: ("rtl", "ar") for name in (*TEXT_FIELDS, "body")}
        screenshot(page, tmp_path, "editor-ar.png")

        # a mistake majalla would stop the build on: the save is refused, the writer reads why and where
        assert opened.console_errors == []
        field(page, "aliases").fill("https://old.example.ma/2024/06/care/")
        page.get_by_role("button", name=words["publish"], exact=True).first.click()
        page.get_by_text(words["now"], exact=True).click()
        toast = page.get_by_text("content/ar/2024/06/care-economy.md:")
        toast.wait_for()
        assert 'alias "https://old.example.ma/2024/06/care/" is a full address' in toast.inner_text()
        assert opened.external_requests == []
        # what Decap says of any refused save: the answer's status, its error, and its own unhandled rejection
        expected = ("console: Failed to load resource: the server responded with a status of 422",
                    "console: API_ERROR: content/ar/2024/06/care-economy.md:10: alias", "pageerror: Object")
        assert (site / "content/ar/2024/06/care-economy.md").read_bytes() == before

        # a mistake only the build sees (the alias is the French article's address): saved, and what the build
        # says is shown below the editor, at its path, until the writer fixes it
        box = page.locator("#majalla-build")
        assert box.is_hidden()
        field(page, "aliases").fill("/fr/2024/06/economie-du-care/")
        publish(page, words)
        # at the line of its aliases: (the build names the article's line that asks for the page)
        box.get_by_text(re.compile(r"^content/ar/2024/06/care-economy\.md:\d+$")).wait_for(timeout=60000)
        assert "wants to write output/fr/2024/06/economie-du-care/index.html" in box.inner_text()
        saved = (site / "content/ar/2024/06/care-economy.md").read_text(encoding="utf-8").splitlines()
        line = next(n for n, text in enumerate(saved, 1) if text.startswith("aliases:"))
        assert f"content/ar/2024/06/care-economy.md:{line}: wants to write" in box.inner_text()
        assert box.evaluate("e => [e.lang, getComputedStyle(e).direction]") == ["en", "ltr"]
        field(page, "aliases").fill("")
        publish(page, words)
        page.locator("#majalla-build.majalla-saved").wait_for(timeout=60000)  # the link to the page alone
        assert "wants to write" not in box.inner_text()
        assert unquote(page.locator("#majalla-page").get_attribute("href")) == server.url + "ar/2024/06/care-economy/"
        assert [e for e in opened.console_errors if not e.startswith(expected)] == []
        assert opened.external_requests == []
        opened.close()
    assert [status for action, status in opened.calls if action == "persistEntry"] == [422, 200, 200]
    assert check(BuildOptions(site=site, jobs=1)) == ([], 2)
