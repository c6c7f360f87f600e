"""Old addresses: each published post's WordPress address becomes an alias (a redirect page) wherever a static
host can serve it, a blog in a sub-folder included; what cannot be one is said in the report."""
from __future__ import annotations

from tests.sites import SITE_TOML
from tests.wordpress_fixtures import article_of, new_site, post, write_export
from generator.content.front_matter import FrontMatterLoader
from generator.wordpress.importer import Options, import_export

BLOG = "https://asdaa.example.ma/blog"


def import_into(tmp_path, export, name="site", base_url="https://example.ma/"):
    root = new_site(tmp_path, name, SITE_TOML.replace('base_url = "https://example.ma/"', f'base_url = "{base_url}"'))
    return root, import_export(Options(export=export, site=root))


def test_a_blog_in_a_sub_folder_keeps_its_folder_unless_the_site_is_there_too(tmp_path):
    export = write_export(tmp_path, post(1000, "x", "X", "<p>T.</p>", link=f"{BLOG}/2024/06/01/x/"), blog_url=BLOG)
    root, report = import_into(tmp_path, export)
    assert article_of(root, report)[0]["aliases"] == ["/blog/2024/06/01/x/", "/blog/?p=1000"]
    root, report = import_into(tmp_path, export, "in-blog", "https://example.ma/blog/")
    assert article_of(root, report)[0]["aliases"] == ["/2024/06/01/x/", "/?p=1000"]


def test_an_old_address_the_build_writes_or_none_at_all_is_reported(tmp_path):
    export = write_export(tmp_path, post(1000, "a", "A", "<p>T.</p>", link="https://asdaa.example.ma/sitemap.xml"),
                          post(1001, "b", "B", "<p>T.</p>", link="https://asdaa.example.ma/fr/feed.xml"),
                          post(1002, "c", "C", "<p>T.</p>", link=""),
                          post(1003, "d", "D", "<p>T.</p>", link="https://asdaa.example.ma/ar/"))
    root, report = import_into(tmp_path, export)
    # each keeps only its short link, which the root page finds (pages/old_links.py)
    assert [article_of(root, report, n)[0]["aliases"] for n in range(4)] == [[f"/?p={n}"] for n in range(1000, 1004)]
    assert [(left.what, left.why) for left in report.skipped_aliases] == [
        ("https://asdaa.example.ma/sitemap.xml", "/sitemap.xml is a file or page the build makes: no redirect"),
        ("https://asdaa.example.ma/fr/feed.xml", "/fr/feed.xml is a file or page the build makes: no redirect"),
        ("post 1002", "the export gives no old address (<link> is empty): no redirect"),
        ("https://asdaa.example.ma/ar/", "/ar is a file or page the build makes: no redirect")]
    from tests.sites import run
    run(root)


def test_every_servable_old_address_of_the_real_exports_lands_on_its_article(tmp_path):
    import json
    import re

    import pytest
    import yaml

    from tests.sites import NOW, run
    from tests.test_wordpress_fidelity import EN, SHARED

    export = SHARED / "themeunittestdata.wordpress.xml"
    if not export.is_file():
        pytest.skip(f"{export} is not there")
    root = new_site(tmp_path, toml=EN)
    report = import_export(Options(export=export, site=root))
    run(root)
    landed = 0
    for path in report.articles:
        meta = yaml.load((root / path).read_text(encoding="utf-8")[4:].split("\n---\n")[0], FrontMatterLoader)
        if meta.get("draft") or meta["date"] >= NOW.isoformat():  # scheduled posts are not built yet
            continue
        for alias in meta.get("aliases", []):
            if "?" in alias:  # a short link: in the map the root page reads
                part = json.loads((root / "output/old-links" / f"{alias[-2:].replace('=', '0')}.json").read_text())
                assert (root / "output" / part[alias].strip("/") / "index.html").is_file(), alias
                landed += 1
                continue
            redirect = (root / "output" / alias.strip("/") / "index.html").read_text(encoding="utf-8")
            target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', redirect).group(1)
            assert (root / "output" / target.strip("/") / "index.html").is_file(), (alias, target)
            landed += 1
    skipped = {left.what for left in report.skipped_aliases}
    assert landed >= 90 and not skipped


def test_an_old_address_like_a_built_file_elsewhere_is_an_alias(tmp_path):
    export = write_export(tmp_path, post(1000, "a", "A", "<p>T.</p>", link=f"{BLOG}/sitemap.xml"),
                          post(1001, "b", "B", "<p>T.</p>", link="https://asdaa.example.ma/news/feed.xml"),
                          post(1002, "c", "C", "<p>T.</p>", link="https://asdaa.example.ma/ar/tags/x/feed.xml"))
    root, report = import_into(tmp_path, export)
    assert [article_of(root, report, n)[0].get("aliases") for n in range(3)] == [
        ["/blog/sitemap.xml/", "/?p=1000"], ["/news/feed.xml/", "/?p=1001"], ["/?p=1002"]]
    assert [left.what for left in report.skipped_aliases] == ["https://asdaa.example.ma/ar/tags/x/feed.xml"]
    from tests.sites import run
    run(root)


def test_each_page_of_a_post_split_with_nextpage_leads_to_the_article(tmp_path):
    for name, content in (("classic", "<p>one</p><!--nextpage--><p>two</p><!--nextpage--><p>three</p>"),
                          ("blocks", "<!-- wp:paragraph --><p>one</p><!-- /wp:paragraph --><!-- wp:nextpage -->\n"
                                     "<!--nextpage-->\n<!-- /wp:nextpage --><!-- wp:paragraph --><p>two</p>"
                                     "<!-- /wp:paragraph -->")):
        export = write_export(tmp_path, post(1000, "x", "X", content), name=f"{name}.xml")
        root, report = import_into(tmp_path, export, name)
        meta, body = article_of(root, report)
        pages = content.count("<!--nextpage-->") + 1
        assert meta["aliases"] == ["/2024/06/01/x/"] + [f"/2024/06/01/x/{n}/" for n in range(2, pages + 1)] + ["/?p=1000"]
        assert body.split() == ["one", "two", "three"][:pages]
        assert [n for _, n in report.notes] == [f"a post of {pages} pages (<!--nextpage-->) is one article here; "
                                                f"the old address of each page leads to it"]
