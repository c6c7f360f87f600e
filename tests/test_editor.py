"""The browser editor without a browser: the pinned Decap files, the settings, the config made from site.toml,
the local backend's protocol over a site folder, and majalla's slugify in JavaScript (run by node)."""
from __future__ import annotations

import base64
import io
import json
import os
import shutil
import subprocess
import tomllib
import unicodedata
from pathlib import Path

import pytest
import yaml
from PIL import Image

from generator.build.options import BuildOptions
from generator.build.checking import check
from generator.config import load
from generator.editor import admin, cms_config, files, protocol, settings, vendor
from generator.errors import BuildError
from generator.preview import hosts
from generator.text.arabic import slugify
from tests.sites import SITE_TOML, article, write_site
from tests.support import tools
from tests.support.editor import SECTIONS, TITLES, jpeg

ROOT = Path(__file__).resolve().parents[1]
def site_at(root: Path, text: str = "", site_toml: str = SITE_TOML) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    return write_site(root, text, site_toml)


@pytest.fixture
def site(tmp_path) -> Path:
    root = site_at(tmp_path / "site", f"""
-- content/ar/2024/06/care.md --
{article("اقتصاد الرعاية", "2024-06-26", section="اقتصاد", tags=["المرأة"], translation_key="care")}
-- content/fr/2024/06/care.md --
{article("L'économie du care", "2024-06-26", "Texte.", section="Économie", translation_key="care")}
-- content/ar/2024/06/notes.txt --
ليست صورة
""", SITE_TOML + SECTIONS)
    (root / "content/ar/2024/06/cover.jpg").write_bytes(jpeg())
    (root / "content/ar/2024/06/.hidden.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    return root


def backend(root: Path, **kw) -> protocol.SiteFolder:
    return protocol.SiteFolder(root.resolve(), load(root.resolve()), **kw)


def post(site: protocol.SiteFolder, action: str, content_type="application/json; charset=utf-8", **params):
    body = json.dumps({"branch": "main", "action": action, "params": {"branch": "main", **params}}).encode()
    return protocol.handle(site, body, content_type)


def new_article(path: str, raw: str, assets=()) -> dict:
    return {"dataFiles": [{"path": path, "slug": path.rsplit("/", 1)[-1][:-3], "raw": raw}],
            "assets": list(assets), "options": {"newEntry": True, "collectionName": "articles_ar",
                                                "useWorkflow": False, "hasSubfolders": True}}


def asset(path: str, data: bytes) -> dict:
    return {"path": path, "content": base64.b64encode(data).decode(), "encoding": "base64"}


# --------------------------------------------------------------------------
# Vendored Decap CMS
# --------------------------------------------------------------------------


def test_the_vendored_decap_files_are_the_pinned_release():
    assert vendor.verify() == []
    pinned = vendor.manifest()
    assert (pinned["package"], pinned["version"]) == ("decap-cms", "3.16.3")
    names = vendor.files()
    assert "decap-cms.js" in names and len([n for n in names if n.endswith(".decap-cms.js")]) == 94
    assert not [n for n in names if n.endswith(".map") or n == "cms.js" or n.endswith(".cms.js")]


def test_a_changed_missing_or_extra_vendored_file_is_found(tmp_path):
    folder = Path(shutil.copytree(vendor.FOLDER, tmp_path / "decap"))
    chunk = next(n for n in vendor.files() if n.endswith(".decap-cms.js"))
    (folder / chunk).write_bytes((folder / chunk).read_bytes() + b"\n")
    (folder / "decap-cms.js.LICENSE.txt").unlink()
    (folder / "cms.js").write_text("legacy", encoding="utf-8")
    assert vendor.verify(folder) == [f"{chunk}: not the file of decap-cms 3.16.3 (its SHA-256 differs)",
                                     "decap-cms.js.LICENSE.txt: missing",
                                     "cms.js: not a file of decap-cms 3.16.3; remove it"]
    pinned = json.loads((folder / vendor.MANIFEST).read_text())
    (folder / vendor.MANIFEST).write_text(json.dumps({**pinned, "version": "3.17.0"}))
    assert any("version is '3.17.0', the pin is '3.16.3'" in p for p in vendor.verify(folder))


def test_the_fetch_script_refuses_a_tarball_that_is_not_the_pinned_one_and_keeps_only_the_dist_files(tmp_path):
    with pytest.raises(SystemExit, match="not the pinned"):
        vendor.unpack(b"not the tarball", tmp_path)
    assert not any(tmp_path.iterdir())
    kept = [n for n in ("package/dist/decap-cms.js", "package/dist/1077.decap-cms.js", "package/dist/1077.cms.js",
                        "package/dist/cms.js", "package/dist/decap-cms.js.map", "package/dist/cms.css",
                        "package/dist/dd5d52671a5763720504.wasm", "package/dist/decap-cms.js.LICENSE.txt",
                        "package/dist/cms.js.LICENSE.txt", "package/package.json") if vendor.SHIPPED.match(n)]
    assert kept == ["package/dist/decap-cms.js", "package/dist/1077.decap-cms.js",
                    "package/dist/dd5d52671a5763720504.wasm", "package/dist/decap-cms.js.LICENSE.txt"]


def test_the_wheel_ships_the_editor_files():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "generator.editor" in data["packages"]
    patterns = data["package-data"]["generator.editor"]
    package = ROOT / "generator" / "editor"
    shipped = {p.relative_to(package).as_posix() for pattern in patterns for p in package.glob(pattern)}
    needed = {f"decap/{n}" for n in (*vendor.files(), *vendor.OURS)} | {f"js/{n}" for n in (*admin.SCRIPTS, admin.STYLE)}
    assert needed | {"phrases/ar.toml"} <= shipped


# --------------------------------------------------------------------------
# [editor] in site.toml
# --------------------------------------------------------------------------


def test_the_editor_settings_default_to_the_sites_language(tmp_path):
    ar = settings.load(load(site_at(tmp_path / "ar")))
    assert (ar.interface_language, ar.interface_dir, ar.publish, ar.branch) == ("ar", "rtl", False, "main")
    german = SITE_TOML.replace('default_language = "ar"', 'default_language = "de"').replace(
        "[languages.fr]", '[languages.de]\nname = "Deutsch"\ndir = "ltr"\nlocale = "de"\n\n[languages.fr]')
    assert settings.load(load(site_at(tmp_path / "de", "", german))).interface_language == "de"
    breton = german.replace('"de"', '"br"').replace("languages.de", "languages.br")
    assert settings.load(load(site_at(tmp_path / "br", "", breton))).interface_language == "en"


def test_the_editor_settings_are_checked_at_their_line(tmp_path):
    root = write_site(tmp_path, "", SITE_TOML + '''
[editor]
interface_language = "kab"
publish = true
repo = "not a repo"
auth_url = "auth.example.ma"
publsh = true
''')
    with pytest.raises(BuildError) as info:
        settings.load(load(root))
    lines = str(info.value).splitlines()
    assert lines[0].startswith('site.toml:21: the editor has no interface in "kab"; choose one of ar, bg,')
    assert lines[1:] == [
        'site.toml:23: repo "not a repo" is not a GitHub repository like "owner/magazine"',
        'site.toml:24: auth_url "auth.example.ma" is not a web address like "https://auth.example.ma"',
        'site.toml:25: unknown key [editor] "publsh"; did you mean "publish"?']
    (root / "site.toml").write_text(SITE_TOML + '[editor]\npublish = true\n', encoding="utf-8")
    with pytest.raises(BuildError, match=r'site.toml:20: publish = true needs repo = "owner/name"'):
        settings.load(load(root))


def test_a_site_with_an_editor_table_builds_and_checks(site):
    (site / "site.toml").write_text(SITE_TOML + SECTIONS + '[editor]\ninterface_language = "fr"\n', encoding="utf-8")
    (site / "content/ar/2024/06/notes.txt").unlink()
    assert check(BuildOptions(site=site, jobs=1)) == ([], 2)


# --------------------------------------------------------------------------
# Decap's config.yml, made from site.toml
# --------------------------------------------------------------------------

THREE = SITE_TOML.replace('[languages.fr]', '''[languages.fa]
name = "فارسی"
dir = "rtl"
locale = "fa_IR"
title = "مجله"

[languages.fr]''') + SECTIONS + '\n[editor]\ninterface_language = "fr"\n'

# The Persian collection, as expected: English labels (the site's i18n/fa.toml predates the editor), the
# section as text (no [sections] name in Persian), the date's hint in the site's timezone, said in Persian.
PERSIAN = '''
name: articles_fa
label: فارسی
label_singular: Article
folder: content/fa
create: true
extension: md
format: frontmatter
path: "{{year}}/{{month}}/{{slug}}"
slug: "{{fields.slug}}"
identifier_field: title
summary: "{{title}}"
sortable_fields: [{field: date, default_sort: desc}, title]
media_folder: ""
public_folder: ""
fields:
  - {name: title, label: Title, widget: string}
  - {name: date, label: Date, widget: datetime, hint: کازابلانکا time, format: "YYYY-MM-DD HH:mm:ss"}
  - {name: author, label: Author(s), widget: list, required: false, hint: "One name or several, separated by commas"}
  - {name: translator, label: Translator(s), widget: list, required: false,
     hint: "Who translated this version: one name or several, separated by commas"}
  - {name: dateline, label: Dateline, widget: string, required: false}
  - {name: section, label: Section, widget: string, required: false}
  - {name: tags, label: Tags, widget: list, required: false, hint: "One tag or several, separated by commas"}
  - {name: summary, label: Summary, widget: text, required: false}
  - {name: image, label: Picture, widget: image, required: false, choose_url: false}
  - {name: image_alt, label: Picture description, widget: string, required: false,
     hint: "What the picture shows, for readers who cannot see it"}
  - {name: image_caption, label: Caption, widget: string, required: false}
  - {name: image_credit, label: Picture credit, widget: string, required: false}
  - {name: body, label: Text, widget: markdown, required: false}
  - {name: translation_key, label: Translation key, widget: string, required: false,
     hint: "The same key on every version of the story; filled in when saved if left empty"}
  - {name: slug, label: Slug, widget: string, required: false,
     hint: "The last part of the article's address; made from the title if left empty"}
  - {name: featured, label: Featured, widget: boolean, required: false, default: false}
  - {name: draft, label: Draft, widget: boolean, required: false, default: false}
  - {name: updated, label: Updated, widget: datetime, required: false,
     hint: "The date of the last substantive update, کازابلانکا time", format: "YYYY-MM-DD HH:mm:ss"}
  - {name: aliases, label: Old addresses, widget: list, required: false,
     hint: "Earlier addresses of the article, from the site root, separated by commas"}
  - {name: corrections, label: Corrections, widget: list, required: false,
     hint: "One correction per mistake corrected after publication: its date and what was corrected",
     fields: [{name: date, label: Date of the correction, widget: datetime, format: "YYYY-MM-DD HH:mm:ss"},
              {name: text, label: What was corrected, widget: text}]}
  - {name: series, label: Series, widget: string, required: false,
     hint: "The name of the series (dossier) the article is a part of, the same in each of its parts"}
  - {name: part, label: Part number, widget: number, required: false, value_type: int, min: 1}
  - {name: expires, label: Taken down on, widget: datetime, required: false,
     hint: "The date the article is taken down from the site, کازابلانکا time", format: "YYYY-MM-DD HH:mm:ss"}
  - {name: pinned, label: Pinned on the home page, widget: object, required: false,
     hint: "A place on the home page, until a date (or until you remove it)", collapsed: true,
     fields: [{name: slot, label: Place, widget: select, required: false,
               options: [{label: Top story, value: lead}, {label: Editors’ picks, value: picks}]},
              {name: until, label: Until, widget: datetime, required: false, format: "YYYY-MM-DD HH:mm:ss"}]}
  - {name: breaking, label: Breaking news until, widget: datetime, required: false,
     hint: "A strip on every page, linking the story, until then, کازابلانکا time", format: "YYYY-MM-DD HH:mm:ss"}
'''


@pytest.fixture
def three(tmp_path) -> Path:
    root = site_at(tmp_path / "three", "-- i18n/fa.toml --\n" + (ROOT / "themes/majalla/i18n/en.toml").read_text(
        encoding="utf-8").split("\n# the browser editor", 1)[0] + "\n", THREE)
    return root


def test_the_config_has_a_collection_per_language_with_every_field_of_the_writers_guide(three):
    config = load(three)
    made = yaml.safe_load(cms_config.config_yaml(cms_config.cms_config(config, settings.load(config), local=True)))
    assert made["backend"] == {"name": "proxy", "proxy_url": "/admin/api/v1", "branch": "main"}
    assert (made["locale"], made["media_folder"], made["public_folder"]) == ("fr", "static/images", "/images")
    assert made["slug"] == {"encoding": "unicode", "clean_accents": False, "sanitize_replacement": "-"}
    assert [c["name"] for c in made["collections"]] == ["articles_ar", "articles_fa", "articles_fr"]
    ar, fa, fr = made["collections"]
    assert fa == yaml.safe_load(PERSIAN)
    assert ar == {**fa, "name": "articles_ar", "label": "العربية", "label_singular": "مقال", "folder": "content/ar",
                  "fields": ar["fields"]}
    assert [f["name"] for f in ar["fields"]] == [f["name"] for f in fa["fields"]] == [f["name"] for f in fr["fields"]]
    by_name = {f["name"]: f for f in ar["fields"]}
    assert by_name["section"] == {"name": "section", "label": "القسم", "widget": "select", "required": False,
                                  "options": ["اقتصاد", "ثقافة"]}
    assert by_name["date"]["hint"] == "بتوقيت الدار البيضاء" and by_name["tags"]["label"] == "الوسوم"
    french = {f["name"]: f for f in fr["fields"]}
    assert french["section"]["options"] == ["Économie", "Culture"] and french["date"]["hint"] == "Heure de Casablanca"
    assert (french["summary"]["label"], french["image_alt"]["label"]) == ("Chapeau", "Texte alternatif")
    # every front-matter key of the writer's guide but `lang` (the collection is the article's language)
    page = (ROOT / "docs/writing.md").read_text(encoding="utf-8").split("## The front matter", 1)[1]
    guide = {key for row in page.split("\n## The text", 1)[0].splitlines() if row.startswith("| `")
             for key in row.split("|")[1].strip().replace("`", "").split(", ")}
    assert guide - set(by_name) == {"lang"}


def test_the_published_config_commits_to_github(three):
    config = load(three)
    editor = settings.EditorSettings("ar", "rtl", True, "owner/magazine", "main", "https://auth.example.ma", "")
    made = yaml.safe_load(cms_config.config_yaml(cms_config.cms_config(config, editor, local=False,
                                                                        site_url=config.base_url)))
    assert made["backend"] == {"name": "github", "repo": "owner/magazine", "branch": "main",
                               "base_url": "https://auth.example.ma"}
    assert made["site_url"] == "https://example.ma/"


def test_every_label_is_in_every_language_of_the_theme():
    keys = {"editor_article", "editor_translate"} | {f"editor_{f.name}" for f in cms_config.FIELDS} | {
        f"editor_{f.name}_hint" for f in cms_config.FIELDS if f.hint}
    for path in sorted((ROOT / "themes/majalla/i18n").glob("*.toml")):
        strings = tomllib.loads(path.read_text(encoding="utf-8"))
        assert keys <= set(strings), f"{path.name} lacks {sorted(keys - set(strings))}"


def test_the_editors_page_says_what_each_collection_is_and_loads_only_its_own_files(three):
    config = load(three)
    made = admin.admin_files(config, settings.load(config), local=True)
    page = made["index.html"].decode()
    assert '<html lang="fr" dir="ltr">' in page
    data = json.loads(page.split('id="majalla-editor">', 1)[1].split("</script>", 1)[0])
    assert data["locale"] == "fr" and data["phrases"] is None
    assert data["collections"]["articles_fa"] == {
        "lang": "fa", "dir": "rtl", "translate": "Translate into:", "sections": {},
        "others": [{"collection": "articles_ar", "name": "العربية", "lang": "ar"},
                   {"collection": "articles_fr", "name": "Français", "lang": "fr"}]}
    assert data["collections"]["articles_ar"]["sections"]["اقتصاد"] == {"fr": "Économie"}
    loaded = [part.split('"', 1)[0] for part in page.split('src="')[1:] + page.split('href="')[1:]]
    assert loaded == ["decap-cms.js", "slugify.js", "majalla-editor.js", "config.yml", "majalla-editor.css"]
    assert all(name in made for name in loaded)
    assert all(isinstance(v, bytes) or v.is_file() for v in made.values())
    assert admin.media_type("config.yml") == "text/yaml; charset=utf-8"
    arabic = admin.admin_files(config, settings.EditorSettings("ar", "rtl", False, "", "main", "", ""), local=True)
    page = arabic["index.html"].decode()
    data = json.loads(page.split('id="majalla-editor">', 1)[1].split("</script>", 1)[0])
    assert '<html lang="ar" dir="rtl">' in page and data["phrases"]["auth"]["login"] == "دخول"


def test_the_theme_css_rule_holds_for_the_editors_stylesheet():
    css = (ROOT / "generator/editor/js/majalla-editor.css").read_text(encoding="utf-8")
    code = "\n".join(line.split("/*")[0] for line in css.splitlines())
    assert not [w for w in ("left", "right", "top", "bottom") if f"{w}:" in code.replace(" ", "")]


# --------------------------------------------------------------------------
# The local backend's protocol
# --------------------------------------------------------------------------


def test_info_and_the_listings_have_decap_servers_shapes(site):
    b = backend(site)
    assert post(b, "info").data == {"repo": "site", "publish_modes": ["simple"], "type": "local_fs"}
    listed = post(b, "entriesByFolder", folder="content/ar", extension="md", depth=3)
    assert listed.status == 200
    raw = (site / "content/ar/2024/06/care.md").read_bytes()
    assert listed.data == [{"data": raw.decode(), "file": {"path": "content/ar/2024/06/care.md", "label": None,
                                                            "id": protocol.digest(raw)}}]  # no .hidden.md, no .txt
    assert post(b, "entriesByFolder", folder="content/ar", extension="md", depth=2).data == []
    assert post(b, "entriesByFolder", folder="content/fr/2031", extension="md", depth=3).data == []
    both = post(b, "entriesByFiles", files=[{"path": "content/fr/2024/06/care.md", "label": "fr"},
                                            {"path": "content/fr/2024/06/gone.md"}]).data
    assert [e["file"]["label"] for e in both] == ["fr", None] and both[1]["data"] is None
    assert both[1]["file"]["id"] is None and both[0]["data"].startswith("---\ntitle: L'économie du care")
    assert post(b, "getEntry", path="content/ar/2024/06/new.md").data == {
        "data": None, "file": {"path": "content/ar/2024/06/new.md", "label": None, "id": None}}
    assert post(b, "getEntry", path="content/ar/2024/06/care.md").data["data"] == raw.decode()


def test_a_saved_articles_page_on_the_preview_is_where_the_build_puts_it(site):
    """Decap files an article dated in the first hour of a month (Casablanca time) in the previous month's folder
    (its month in UTC); its page is in its own month, as the build makes it, with its slug."""
    raw = article("أول ساعة من يوليوز", "2024-07-01 00:30:00", slug="أول-ساعة")
    (site / "content/ar/2024/06/first-hour.md").write_text(raw, encoding="utf-8")
    b = backend(site, preview_url="http://127.0.0.1:8000/")
    assert post(b, "getDeployPreview", collection="articles_ar", slug="2024/06/first-hour").data == {
        "url": "http://127.0.0.1:8000/ar/2024/07/%D8%A3%D9%88%D9%84-%D8%B3%D8%A7%D8%B9%D8%A9/", "status": "SUCCESS"}
    assert post(b, "getDeployPreview", collection="articles_fr", slug="2024/06/care").data["url"] == (
        "http://127.0.0.1:8000/fr/2024/06/care/")
    for collection, slug in (("articles_ar", "2024/06/gone"), ("articles_de", "2024/06/care"), ("x", "care")):
        assert post(b, "getDeployPreview", collection=collection, slug=slug).data is None, (collection, slug)
    assert post(b, "getDeployPreview", collection="articles_ar", slug="../../site").status == 422
    assert post(backend(site), "getDeployPreview", collection="articles_ar", slug="2024/06/care").data is None


def test_media_lists_pictures_only_within_a_budget(site):
    b = backend(site)
    (site / "content/ar/2024/06/second.png").write_bytes(b"\x89PNG" + b"0" * 100)
    (site / "static/images").mkdir(parents=True)
    found = post(b, "getMedia", mediaFolder="content/ar/2024/06").data
    assert [(m["name"], m["path"]) for m in found] == [("cover.jpg", "content/ar/2024/06/cover.jpg"),
                                                      ("second.png", "content/ar/2024/06/second.png")]
    assert base64.b64decode(found[0]["content"]) == jpeg() and found[0]["encoding"] == "base64"
    assert found[0]["id"] == protocol.digest(jpeg())
    assert post(b, "getMedia", mediaFolder="static/images").data == []
    small = backend(site, media_budget=len(jpeg()) + 50)
    assert [m["name"] for m in post(small, "getMedia", mediaFolder="content/ar/2024/06").data] == ["cover.jpg"]
    assert post(small, "getMediaFile", path="content/ar/2024/06/second.png").data["name"] == "second.png"
    refused = post(b, "getMediaFile", path="content/ar/2024/06/care.md")
    assert refused.status == 422 and "is not a picture" in refused.data["error"]


def test_a_new_article_and_its_picture_are_written_as_sent(site):
    b = backend(site)
    raw = article("مقال جديد", "2024-07-01 00:30:00", "نص.", image="new.jpg", image_alt="صورة", tgas=["x"])
    done = post(b, "persistEntry", **new_article("content/ar/2024/06/جديد.md", raw,
                                                [asset("content/ar/2024/06/new.jpg", jpeg((0, 0, 255)))]))
    assert done.status == 200
    assert done.data == {"message": "entry persisted", "warnings": [
        'content/ar/2024/06/جديد.md:6: warning: unknown key "tgas": did you mean "tags"?']}  # saved all the same
    assert (site / "content/ar/2024/06/جديد.md").read_bytes() == raw.encode()
    assert (site / "content/ar/2024/06/new.jpg").read_bytes() == jpeg((0, 0, 255))
    assert [p.name for p in (site / "content/ar/2024/06").iterdir() if p.name.endswith(".tmp")] == []
    again = post(b, "persistEntry", **new_article("content/ar/2024/06/جديد.md", raw))
    assert again.status == 422 and "exists already" in again.data["error"]


def test_another_articles_picture_of_the_same_name_is_never_replaced(site):
    b = backend(site)
    raw = article("مقال آخر", "2024-06-27", image="cover.jpg", image_alt="صورة")
    done = post(b, "persistEntry", **new_article("content/ar/2024/06/other.md", raw,
                                                [asset("content/ar/2024/06/cover.jpg", jpeg((0, 255, 0)))]))
    assert done.status == 422 and '"content/ar/2024/06/cover.jpg" exists already, with another picture' in done.data[
        "error"]
    assert (site / "content/ar/2024/06/cover.jpg").read_bytes() == jpeg()
    assert not (site / "content/ar/2024/06/other.md").exists()
    assert post(b, "persistMedia", asset=asset("content/ar/2024/06/cover.jpg", jpeg((0, 255, 0)))).status == 422
    same = post(b, "persistEntry", **new_article("content/ar/2024/06/other.md", raw,
                                                [asset("content/ar/2024/06/cover.jpg", jpeg())]))
    assert same.status == 200  # the same picture sent again (as with every save of its article)


def test_an_article_majalla_would_refuse_is_not_saved_and_the_writer_gets_every_problem_at_its_line(site):
    b = backend(site)
    raw = '---\ntitle: "عنوان"\ndate: 2024-13-01\ntags: اقتصاد\ndraft: نعم\n---\nنص.\n'
    done = post(b, "persistEntry", **new_article("content/ar/2024/06/خطأ.md", raw,
                                                [asset("content/ar/2024/06/x.jpg", jpeg())]))
    assert done.status == 422
    assert done.data["error"].splitlines() == [
        'content/ar/2024/06/خطأ.md:3: date: "2024-13-01" is not a date: there is no month 13 (write YYYY-MM-DD, as in '
        '2024-06-26, or with a time: 2024-06-26 10:00 or 2024-06-26T10:00:00+01:00)',
        'content/ar/2024/06/خطأ.md:4: "tags" must be a list of text, not text ("اقتصاد") (write tags: [اقتصاد] for one)',
        'content/ar/2024/06/خطأ.md:5: "draft" must be true or false, not text ("نعم")']
    assert not (site / "content/ar/2024/06/خطأ.md").exists() and not (site / "content/ar/2024/06/x.jpg").exists()
    edit = {"dataFiles": [{"path": "content/ar/2024/06/care.md", "raw": "---\ntitle: x\n---\nنص.\n"}], "assets": [],
            "options": {"newEntry": False}}
    before = (site / "content/ar/2024/06/care.md").read_bytes()
    done = post(b, "persistEntry", **edit)
    assert (done.status, done.data["error"]) == (422, 'content/ar/2024/06/care.md:1: "date" is missing')
    assert (site / "content/ar/2024/06/care.md").read_bytes() == before


@pytest.mark.parametrize("path", [
    "../outside.md", "/etc/passwd", "content/../site.toml", "content/ar/../../site.toml", "site.toml",
    "templates/article.html", "content\\ar\\x.md", "content/ar/x\0.md", "content//ar/x.md", "content/./ar/x.md",
    "content/ar/link/x.md", "content/xx/2024/x.md", "content/ar/x.html", "static/x.md", ""])
def test_a_path_outside_the_articles_is_refused_for_reading_writing_and_deleting(site, tmp_path, path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.md").write_text("---\ntitle: secret\ndate: 2024-01-01\n---\n", encoding="utf-8")
    os.symlink(outside, site / "content/ar/link")
    b = backend(site)
    raw = article("عنوان", "2024-06-26")
    for action, params in (("getEntry", {"path": path}), ("persistEntry", new_article(path, raw)),
                           ("deleteFiles", {"paths": [path]}), ("entriesByFolder", {"folder": path, "depth": 1})):
        if action == "entriesByFolder" and path == "content/ar/x.html":
            continue  # a folder of that name would be a folder of articles
        done = post(b, action, **params)
        assert done.status == 422, (action, done.data)
        assert "secret" not in done.body.decode()
    assert (outside / "x.md").is_file() and not (site.parent / "outside.md").exists()


def test_listing_does_not_follow_a_link_out_of_content(site, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.md").write_text("---\ntitle: secret\n---\n", encoding="utf-8")
    (outside / "x.jpg").write_bytes(jpeg())
    os.symlink(outside, site / "content/ar/2024/link")
    os.symlink(site / "content/ar/2024/06", site / "content/ar/2024/07")  # a link inside is followed
    b = backend(site)
    listed = [e["file"]["path"] for e in post(b, "entriesByFolder", folder="content/ar", depth=3).data]
    assert listed == ["content/ar/2024/06/care.md", "content/ar/2024/07/care.md"]
    assert post(b, "getMedia", mediaFolder="content/ar/2024/link").status == 422


def test_only_pictures_are_written_beside_articles(site):
    b = backend(site)
    raw = article("عنوان", "2024-06-26")
    for bad, why in ((asset("content/ar/2024/06/page.html", b"<script>"), "is not a picture the editor may use"),
                     (asset("content/ar/2024/06/fake.jpg", b"<script>alert(1)</script>"), "is not a picture majalla"),
                     (asset("content/ar/2024/06/fake.svg", b"hello"), "is not an SVG picture"),
                     ({"path": "content/ar/2024/06/x.jpg", "content": "%%%", "encoding": "base64"}, "not base64"),
                     (asset("content/ar/2024/06/.x.jpg", jpeg()), "majalla ignores files named like this")):
        done = post(b, "persistEntry", **new_article("content/ar/2024/06/ok.md", raw, [bad]))
        assert done.status == 422 and why in done.data["error"], done.data
    assert not (site / "content/ar/2024/06/ok.md").exists()
    done = post(b, "persistEntry", **new_article("content/ar/2024/06/.md", raw))  # a title of punctuation only
    assert done.status == 422 and "has no name: the title has no letter or digit" in done.data["error"]
    for name in ("notes.txt", "x.pdf"):
        done = post(b, "persistEntry", **new_article(f"content/ar/2024/06/{name}", raw))
        assert done.status == 422 and "is not an article" in done.data["error"]
    stored = post(b, "persistMedia", asset=asset("static/images/logo.png", b"GIF89a"))
    assert stored.status == 422 and "not a picture majalla can read" in stored.data["error"]
    png = io.BytesIO()
    Image.new("RGB", (8, 8)).save(png, "PNG")
    stored = post(b, "persistMedia", asset=asset("static/images/logo.png", png.getvalue()))
    assert stored.status == 200 and stored.data["path"] == "static/images/logo.png"
    assert (site / "static/images/logo.png").read_bytes() == png.getvalue()


def test_the_backend_takes_json_only(site):
    b = backend(site)
    for content_type in ("text/plain", None, "application/x-www-form-urlencoded", "multipart/form-data"):
        done = post(b, "info", content_type=content_type)
        assert done.status == 415 and "application/json" in done.data["error"]
    assert protocol.handle(b, b"{not json", "application/json").status == 400
    assert protocol.handle(b, b'["info"]', "application/json").status == 422
    assert post(b, "unpublishedEntries").data == {"error": "Unknown action unpublishedEntries"}
    assert post(b, "getEntry").status == 422  # no path


def test_deleting_articles_and_pictures_only(site):
    b = backend(site)
    done = post(b, "deleteFiles", paths=["content/ar/2024/06/care.md", "content/ar/2024/06/cover.jpg"])
    assert done.status == 200
    assert not (site / "content/ar/2024/06/care.md").exists() and not (site / "content/ar/2024/06/cover.jpg").exists()
    for path in ("content/ar/2024/06", "content/ar/2024/06/notes.txt", "site.toml"):
        assert post(b, "deleteFiles", paths=[path]).status == 422
    assert (site / "content/ar/2024/06/notes.txt").exists()
    assert post(b, "deleteFiles", paths=[]).status == 422
    assert post(b, "deleteFile", path="content/fr/2024/06/care.md").status == 200
    assert not (site / "content/fr/2024/06/care.md").exists()


def test_moving_an_article_moves_it_alone(site):
    b = backend(site)
    raw = (site / "content/ar/2024/06/care.md").read_text(encoding="utf-8")
    done = post(b, "persistEntry", dataFiles=[{"path": "content/ar/2024/06/care.md", "raw": raw,
                                               "newPath": "content/ar/2024/07/care.md"}], assets=[],
                options={"newEntry": False, "hasSubfolders": True})
    assert done.status == 200
    assert (site / "content/ar/2024/07/care.md").read_text(encoding="utf-8") == raw
    assert not (site / "content/ar/2024/06/care.md").exists()
    assert (site / "content/ar/2024/06/cover.jpg").exists()  # decap-server would have moved the folder's files


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(site, monkeypatch):
    b = backend(site)
    before = (site / "content/ar/2024/06/care.md").read_bytes()

    def broken(src, dst):
        raise OSError(28, "No space left on device", str(dst))

    monkeypatch.setattr(files.os, "replace", broken)
    raw = article("عنوان جديد", "2024-06-26")
    done = post(b, "persistEntry", dataFiles=[{"path": "content/ar/2024/06/care.md", "raw": raw}], assets=[],
                options={"newEntry": False})
    assert done.status == 500 and "No space left on device" in done.data["error"]
    assert (site / "content/ar/2024/06/care.md").read_bytes() == before
    assert sorted(p.name for p in (site / "content/ar/2024/06").iterdir()) == [
        ".hidden.md", "care.md", "cover.jpg", "notes.txt"]


def test_only_this_machines_editor_page_is_answered():
    assert hosts.foreign("127.0.0.1:8000", None, 8000) is None
    assert hosts.foreign("localhost:8000", "http://localhost:8000", 8000) is None
    assert hosts.foreign("[::1]:8000", "http://[::1]:8000", 8000) is None
    for host, origin in (("evil.example:8000", None), ("127.0.0.1:8001", None), (None, None),
                         ("127.0.0.1:8000", "http://evil.example"), ("127.0.0.1:8000", "https://127.0.0.1:8000"),
                         ("127.0.0.1:8000", "null"), ("127.0.0.1:8000", "http://127.0.0.1:9999")):
        assert hosts.foreign(host, origin, 8000), (host, origin)


# --------------------------------------------------------------------------
# majalla's slugify in JavaScript
# --------------------------------------------------------------------------


def run_slugify_js(titles: list[str]) -> list[str]:
    node = tools.require("node", shutil.which("node"))
    script = ("require(process.argv[1]); const titles = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify(titles.map(globalThis.majallaSlugify)));")
    done = subprocess.run([node, "-e", script, str(ROOT / "generator/editor/js/slugify.js")], input=json.dumps(titles),
                          capture_output=True, text=True, encoding="utf-8", check=True, timeout=120)
    return json.loads(done.stdout)


def test_the_editors_slugify_is_majallas():
    assert run_slugify_js(TITLES) == [slugify(t) for t in TITLES]
    assert slugify(TITLES[0]) == "الرباط-tanger-med-يحطم-الرقم-القياسي"


def test_the_editors_slugify_treats_every_character_as_majallas():
    """Each character Python's Unicode database knows, between two letters: letters and digits are kept,
    marks, punctuation and symbols become hyphens (or go: tashkeel), case and compatibility forms fold alike."""
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and unicodedata.category(chr(c)) != "Cn"]
    titles = [f"a{ch}b" for ch in chars]
    got = run_slugify_js(titles)
    assert [(f"U+{ord(ch):04X}", slugify(t), g) for ch, t, g in zip(chars, titles, got) if slugify(t) != g] == []
