"""The published editor: the build writes output/admin/ only when site.toml's [editor] says `publish = true`,
with the site's GitHub repository as its backend, as part of the incremental plan (a change writes it again,
`publish = false` removes it), never in the sitemap or the search index; a bad [editor] table stops the build
and `check` at its line."""
from __future__ import annotations

import pytest
import yaml

from generator.build.options import BuildOptions
from generator.build.checking import check
from generator.editor import vendor
from generator.errors import BuildError
from tests.sites import SITE_TOML, article, files, run, write_site
from tests.support.editor import SECTIONS

PUBLISHED = SITE_TOML + SECTIONS + '''
[editor]
publish = true
repo = "majalla-news/magazine"
auth_url = "https://auth.example.ma"
'''


@pytest.fixture
def site(tmp_path):
    return write_site(tmp_path, f"""
-- content/ar/2024/06/story.md --
{article("قصة", "2024-06-26", "النص.", section="اقتصاد")}
-- content/fr/2024/06/story.md --
{article("Une histoire", "2024-06-26", "Le texte.", section="Économie")}
""", PUBLISHED)


def set_toml(site, text: str) -> None:
    (site / "site.toml").write_text(text, encoding="utf-8")


def test_publish_writes_the_editor_with_the_github_backend_and_nowhere_else(site):
    report = run(site, search=True)
    admin = site / "output/admin"
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {"name": "github", "repo": "majalla-news/magazine", "branch": "main",
                                 "base_url": "https://auth.example.ma"}
    assert config["site_url"] == "https://example.ma/"
    assert [c["folder"] for c in config["collections"]] == ["content/ar", "content/fr"]
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<script src="decap-cms.js"></script>' in page and 'name="robots" content="noindex"' in page
    assert "livereload" not in page
    for name in vendor.files():
        assert (admin / name).read_bytes() == (vendor.FOLDER / name).read_bytes(), name
    assert report.pages == {"ar": report.pages["ar"], "fr": report.pages["fr"]}  # HTML pages: admin/ is not one
    for sitemap in (site / "output").rglob("sitemap*.xml"):
        assert "/admin/" not in sitemap.read_text(encoding="utf-8")
    indexed = (site / "output/pagefind").rglob("*")
    assert not any("admin" in p.name for p in indexed)
    assert check(BuildOptions(site=site, jobs=1)) == ([], 2)


def test_without_publish_there_is_no_admin_folder(site):
    set_toml(site, SITE_TOML + SECTIONS + '[editor]\ninterface_language = "fr"\n')
    run(site)
    assert not (site / "output/admin").exists()
    set_toml(site, SITE_TOML)
    run(site)
    assert not (site / "output/admin").exists()


def test_the_editor_is_part_of_the_incremental_build(site):
    first = run(site)
    assert first.copied > len(vendor.files())
    again = run(site)
    assert (again.wrote, again.rendered, again.copied) == (False, 0, 0)

    before = files(site / "output")
    set_toml(site, PUBLISHED.replace('repo = "majalla-news/magazine"', 'repo = "majalla-news/magazine"\n'
                                     'branch = "production"'))
    changed = run(site)
    assert (changed.rendered, changed.copied, changed.removed) == (0, 1, 0)  # config.yml alone
    after = files(site / "output")
    assert [name for name in after if after[name] != before.get(name)] == ["admin/config.yml"]
    assert "branch: production" in after["admin/config.yml"].decode("utf-8")

    set_toml(site, SITE_TOML + SECTIONS)
    removed = run(site)
    assert removed.removed == len([name for name in after if name.startswith("admin/")])
    assert (removed.rendered, removed.copied) == (0, 0)
    assert not (site / "output/admin").exists()
    assert files(site / "output") == {n: d for n, d in after.items() if not n.startswith("admin/")}


def test_a_bad_editor_table_stops_the_build_and_check_at_its_line(site):
    run(site)
    before = files(site / "output")
    bad = PUBLISHED.replace('repo = "majalla-news/magazine"', 'repo = "not a repo"')
    set_toml(site, bad)
    with pytest.raises(BuildError) as info:
        run(site)
    line = bad.splitlines().index('repo = "not a repo"') + 1
    assert str(info.value) == f'site.toml:{line}: repo "not a repo" is not a GitHub repository like "owner/magazine"'
    assert files(site / "output") == before
    problems, _ = check(BuildOptions(site=site, jobs=1))
    assert [str(p) for p in problems] == [str(info.value)]


def test_a_static_file_in_the_editors_folder_is_a_collision(site):
    write_site(site, "-- static/admin/index.html --\n<p>mine</p>\n")
    with pytest.raises(BuildError) as info:
        run(site)
    assert str(info.value) == ("static/admin/index.html: wants to write output/admin/index.html, which site.toml "
                               "[editor] publish writes already")
