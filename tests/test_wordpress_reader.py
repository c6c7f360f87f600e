"""Reading exports as WordPress and its hosts write them: any URI bound to the `wp` prefix, .xml.gz and .zip
archives (several .xml files in one), an export declared ISO-8859-1 whose bytes are UTF-8, and the real
exports of ../shared/wordpress/ (the Theme Unit Test data, theme-preview, Polylang's test data)."""
from __future__ import annotations

import gzip
import zipfile
from pathlib import Path

import pytest

from generator.errors import BuildError
from generator.wordpress import wxr
from generator.wordpress.importer import Options, import_export
from tests.sites import SITE_TOML
from tests.sites import files as tree
from tests.wordpress_fixtures import export_text, post

DATA = Path(__file__).parent / "data"
EXPORT = DATA / "wordpress-export.xml"
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "wordpress"
EN_SITE = SITE_TOML.replace('default_language = "ar"', 'default_language = "en"').replace(
    '[languages.ar]\nname = "العربية"\ndir = "rtl"\nlocale = "ar_MA"\ntitle = "مجلة الاختبار"',
    '[languages.en]\nname = "English"\ndir = "ltr"\nlocale = "en_GB"\ntitle = "The test magazine"')


def site(tmp_path: Path, name: str = "site", toml: str = SITE_TOML) -> Path:
    root = tmp_path / name
    root.mkdir(parents=True)
    (root / "site.toml").write_text(toml, encoding="utf-8")
    return root


def test_any_uri_bound_to_the_wp_prefix_is_read(tmp_path):
    """WordPress's importer takes the namespaces the document binds to its prefixes, whatever they are."""
    text = EXPORT.read_text(encoding="utf-8")
    for old, new in (('xmlns:wp="http://wordpress.org/export/1.2/"', 'xmlns:wp="https://example.com/anything/"'),
                     ('xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"',
                      'xmlns:excerpt="https://example.com/other/"')):
        assert old in text
        text = text.replace(old, new)
    other = tmp_path / "other.xml"
    other.write_text(text, encoding="utf-8")
    assert wxr.read(other).items == wxr.read(EXPORT, str(other)).items


def test_a_document_without_wxr_version_is_not_an_export(tmp_path):
    text = EXPORT.read_text(encoding="utf-8").replace("<wp:wxr_version>1.2</wp:wxr_version>", "")
    path = tmp_path / "x.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BuildError, match="is not a WordPress export") as caught:
        wxr.read(path)
    assert caught.value.problems[0].line == 1


def test_gzip_and_zip_exports_give_the_same_files(tmp_path):
    data = EXPORT.read_bytes()
    gz = tmp_path / "export.xml.gz"
    gz.write_bytes(gzip.compress(data, mtime=0))
    half = data.index(b"\t<item>", len(data) // 2)
    first = data[:half] + b"</channel></rss>\n"
    second = data[:data.index(b"\t<wp:author>")] + data[half:]  # the channel again, then the other items
    archive = tmp_path / "export.zip"  # WordPress.com: several .xml files in one archive
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("site.wordpress.2024-09-01.001.xml", second)
        z.writestr("site.wordpress.2024-09-01.000.xml", first)
    reports = {}
    for name, path in (("xml", EXPORT), ("gz", gz), ("zip", archive)):
        reports[name] = import_export(Options(export=path, site=site(tmp_path, name)))
    assert reports["gz"].articles == reports["zip"].articles == reports["xml"].articles
    assert len(reports["xml"].articles) == 4
    plain = tree(tmp_path / "xml" / "content")
    assert tree(tmp_path / "gz" / "content") == plain and tree(tmp_path / "zip" / "content") == plain


def test_zip_without_xml_and_zip_bomb_are_refused(tmp_path):
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as z:
        z.writestr("readme.txt", "x")
    with pytest.raises(BuildError, match="holds no .xml file"):
        wxr.read(empty)
    bomb = tmp_path / "bomb.xml.gz"
    bomb.write_bytes(gzip.compress(EXPORT.read_bytes() + b"<!--" + b" " * (200 << 20) + b"-->", mtime=0))
    with pytest.raises(BuildError, match="zip bomb"):
        wxr.read(bomb)


def test_latin1_declared_export_whose_bytes_are_utf8_is_read_as_utf8(tmp_path):
    text = EXPORT.read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="ISO-8859-1"', 1)
    path = tmp_path / "old.xml"
    path.write_bytes(text.encode("utf-8"))
    export = wxr.read(path)
    assert any(t.name == "اقتصاد" for i in export.items for t in i.terms)
    assert export.notes and "declared ISO-8859-1 but its bytes are UTF-8" in export.notes[0]
    report = import_export(Options(export=path, site=site(tmp_path)))
    from generator.wordpress.report import render
    assert "its bytes are UTF-8" in render(report)


def test_windows_1252_bytes_declared_utf8_are_read_and_said(tmp_path):
    """Old tools wrote exports in windows-1252 and declared them UTF-8: expat would stop at the first é."""
    text = export_text(post(1000, "ete", "L’été à Rabat", "<p>Déjà vu, très cher.</p>"), language="fr")
    path = tmp_path / "cp.xml"
    path.write_bytes(text.replace("صحيفة إلكترونية", "Journal").replace("سلمى بناني", "Salma Bennani")
                     .encode("cp1252"))
    export = wxr.read(path)
    [post_item] = [i for i in export.items if i.type == "post"]
    assert post_item.title == "L’été à Rabat" and "Déjà vu, très cher." in post_item.content
    assert "read as windows-1252" in export.notes[0]


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/wordpress is not there")
@pytest.mark.parametrize("name,count", [("themeunittestdata.wordpress.xml", 30), ("theme-preview.xml", 2),
                                        ("polylang-test-import.xml", 4)])
def test_the_real_exports_are_read(tmp_path, name, count):
    export = wxr.read(SHARED / name)
    assert sum(1 for i in export.items if i.type == "post") >= count
    toml = EN_SITE.replace("[languages.fr]", "[languages.fr]") if "polylang" in name else EN_SITE
    report = import_export(Options(export=SHARED / name, site=site(tmp_path, toml=toml)))
    assert len(report.articles) >= count
