"""Importing the same export again does no work (no post is converted) and says every file is unchanged;
a file edited by hand, an upload that changed, another option or another export is a full import again."""
from __future__ import annotations

import pytest

from generator.wordpress import importer
from tests.wordpress_fixtures import imported, post, write_export
from generator.wordpress.importer import Options, import_export
from benchmarks.make_wxr import SITE


@pytest.fixture
def counted(monkeypatch):
    calls = []
    real = importer.plan_import
    monkeypatch.setattr(importer, "plan_import", lambda *a: calls.append(1) or real(*a))
    return calls


def test_a_second_import_of_the_same_export_converts_nothing(tmp_path, counted):
    uploads = tmp_path / "uploads"
    (uploads / "2024/06").mkdir(parents=True)
    (uploads / "2024/06/a.jpg").write_bytes(b"a")
    export = write_export(tmp_path, post(1000, "x", "X", f'<p><img src="{SITE}/wp-content/uploads/2024/06/a.jpg" '
                                                        f'alt="a"> [vc_row]</p>'), post(1001, "y", "Y", "<p>T.</p>"))
    root, first = imported(tmp_path, export, uploads=uploads)
    assert len(first.new) == 3 and counted == [1]
    again = import_export(Options(export=export, site=root, uploads=uploads))
    assert counted == [1]  # nothing converted
    assert again.new == () and sorted(again.unchanged) == sorted(first.new)
    assert (again.articles, again.shortcodes, again.skipped) == (first.articles, first.shortcodes, first.skipped)
    (uploads / "2024/06/a.jpg").write_bytes(b"another picture")
    third = import_export(Options(export=export, site=root, uploads=uploads))
    assert counted == [1, 1] and third.kept == ("content/ar/2024/06/a.jpg",)
    third = import_export(Options(export=export, site=root, uploads=uploads, overwrite=True))
    assert counted == [1, 1, 1] and third.overwritten == ("content/ar/2024/06/a.jpg",)
    edited = root / first.articles[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nby hand\n", encoding="utf-8")
    fourth = import_export(Options(export=export, site=root, uploads=uploads))
    assert counted == [1, 1, 1, 1] and fourth.kept == (first.articles[0],)
    import_export(Options(export=export, site=root, uploads=uploads, comments=False))
    assert len(counted) == 5
