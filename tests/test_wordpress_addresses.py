"""Old addresses: each published post's WordPress address becomes an alias (a redirect page) wherever a static
host can serve it, a blog in a sub-folder included; what cannot be one is said in the report."""
from __future__ import annotations

from tests.sites import SITE_TOML
from tests.wordpress_fixtures import article_of, new_site, post, write_export
from generator.wordpress.importer import Options, import_export

BLOG = "https://asdaa.example.ma/blog"


def import_into(tmp_path, export, name="site", base_url="https://example.ma/"):
    root = new_site(tmp_path, name, SITE_TOML.replace('base_url = "https://example.ma/"', f'base_url = "{base_url}"'))
    return root, import_export(Options(export=export, site=root))


def test_a_blog_in_a_sub_folder_keeps_its_folder_unless_the_site_is_there_too(tmp_path):
    export = write_export(tmp_path, post(1000, "x", "X", "<p>T.</p>", link=f"{BLOG}/2024/06/01/x/"), blog_url=BLOG)
    root, report = import_into(tmp_path, export)
    assert article_of(root, report)[0]["aliases"] == ["/blog/2024/06/01/x/"]
    root, report = import_into(tmp_path, export, "in-blog", "https://example.ma/blog/")
    assert article_of(root, report)[0]["aliases"] == ["/2024/06/01/x/"]


def test_an_old_address_the_build_writes_or_none_at_all_is_reported(tmp_path):
    export = write_export(tmp_path, post(1000, "a", "A", "<p>T.</p>", link="https://asdaa.example.ma/sitemap.xml"),
                          post(1001, "b", "B", "<p>T.</p>", link="https://asdaa.example.ma/fr/feed.xml"),
                          post(1002, "c", "C", "<p>T.</p>", link=""),
                          post(1003, "d", "D", "<p>T.</p>", link="https://asdaa.example.ma/ar/"))
    root, report = import_into(tmp_path, export)
    assert all("aliases" not in article_of(root, report, n)[0] for n in range(4))
    assert [(left.what, left.why) for left in report.skipped_aliases] == [
        ("https://asdaa.example.ma/sitemap.xml", "/sitemap.xml is a file or page the build makes: no redirect"),
        ("https://asdaa.example.ma/fr/feed.xml", "/fr/feed.xml is a file or page the build makes: no redirect"),
        ("post 1002", "the export gives no old address (<link> is empty): no redirect"),
        ("https://asdaa.example.ma/ar/", "/ar is a file or page the build makes: no redirect")]
    from tests.sites import run
    run(root)
