"""Scripts in articles and SVG pictures: published as they are with a note, or refused with
`refuse_scripts = true` (generator/content/scripts.py). The catalogue holds the messages; here, what is and is
not a script, and that a note stays a note when the article comes from the cache."""
from __future__ import annotations

import pytest

from generator.content.scripts import found_in
from generator.errors import BuildError
from tests.sites import SITE_TOML, article, run, write_site


@pytest.mark.parametrize("html", [
    "<script>alert(1)</script>", "<SCRIPT SRC=//x.js></SCRIPT>", '<img src=x ONERROR="alert(1)">',
    '<a href=" java\tscript:alert(1)">x</a>', '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt&colon;alert(1)">x</a>', '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<form action="javascript:alert(1)"><button>x</button></form>', '<svg onload=alert(1)>',
    '<details open ontoggle="alert(1)">', '<iframe src="vbscript:msgbox(1)"></iframe>',
])
def test_scripts_are_found_however_written(html):
    assert found_in(html)


@pytest.mark.parametrize("html", [
    "<p>json=1 and on = off, a script: the word</p>", "<p><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></p>",
    '<a href="https://example.ma/javascript:x">x</a>', '<p>onload="x" in prose</p>', '<img src="a.png" alt="onerror=">',
])
def test_text_about_scripts_is_not_one(html):
    assert found_in(html) == []


def test_a_note_stays_a_note_from_the_cache_and_the_setting_makes_it_an_error(tmp_path):
    body = "نص.\n\n<img src='x.png' onerror='alert(1)'>"
    root = write_site(tmp_path / "site", f"""
-- content/ar/2024/06/a.md --
{article("أ", body=body)}
-- content/ar/2024/06/b.md --
{article("ب")}
""")
    first = run(root)
    (root / "content/ar/2024/06/b.md").write_text(article("ب", body="نص آخر."), encoding="utf-8")
    again = run(root)  # a.md comes from the cache, its note with it
    for report in (first, again):
        assert [(w.path, w.line, w.note) for w in report.warnings] == [("content/ar/2024/06/a.md", 7, True)]
    (root / "site.toml").write_text("refuse_scripts = true\n" + SITE_TOML, encoding="utf-8")
    with pytest.raises(BuildError) as failed:
        run(root)
    assert [(p.path, p.line, p.warning) for p in failed.value.problems] == [("content/ar/2024/06/a.md", 7, False)]
    (root / "site.toml").write_text("refuse_scripts = false\n" + SITE_TOML, encoding="utf-8")
    assert [w.note for w in run(root).warnings] == [True]
