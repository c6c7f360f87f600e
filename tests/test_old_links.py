"""WordPress's old links with a query string (`/?p=123`, `/?page_id=45`, `/blog/index.php?p=7`) land on their
article on a static host: the aliases `/?p=…` of the articles make a map (old-links/NN.json) that the root page
and the not-found page read (old-links/find.js). A hostile `?p=` finds nothing and injects nothing."""
from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest

from generator.content.aliases import normalize
from generator.errors import BuildError
from tests.sites import article, read, run, write_site
from tests.support import tools

SITE = f"""
-- content/ar/2024/06/market.md --
{article("سوق الأحد", aliases=["/?p=123", "/blog/index.php?page_id=0045", "/2019/01/souk/"])}
-- content/ar/2024/06/port.md --
{article("الميناء", aliases=["/?p=7"])}
-- content/fr/2024/06/port.md --
{article("Le port", aliases=["/blog/?p=99", "/?p=223"])}
"""


def test_short_links_are_aliases_and_other_query_strings_are_not():
    assert normalize("/?p=123") == ("/?p=123", "")
    assert normalize("/index.php?p=0123") == ("/?p=123", "")
    assert normalize("/blog/index.php?page_id=45") == ("/blog/?page_id=45", "")
    assert normalize("/%D9%85%D8%AF%D9%88%D9%86%D8%A9/?p=5") == ("/مدونة/?p=5", "")
    for bad in ("/?p=abc", "/?p=1&q=2", "/?s=x", "/x.php?p=1", "/?p=1#top", "?p=1", "/?p=", "/../?p=1",
                "/?p=" + "9" * 20, "/?p=1<script>"):
        path, why = normalize(bad)
        assert path is None and why, bad


def test_the_map_and_the_script_are_written_only_when_an_article_has_one(tmp_path):
    root = write_site(tmp_path / "site", SITE)
    run(root)
    out = root / "output"
    parts = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (out / "old-links").glob("*.json")}
    assert len(parts) == 100  # every part, so that an unknown ID is not a 404
    parts = {name: entries for name, entries in parts.items() if entries}
    assert parts == {"23.json": {"/?p=123": "/ar/2024/06/market/", "/?p=223": "/fr/2024/06/port/"},
                     "45.json": {"/blog/?page_id=45": "/ar/2024/06/market/"}, "07.json": {"/?p=7": "/ar/2024/06/port/"},
                     "99.json": {"/blog/?p=99": "/fr/2024/06/port/"}}
    assert not (out / "ar/2024/06/market/index.html").read_text(encoding="utf-8").count("old-links")
    assert (out / "2019/01/souk/index.html").is_file() and not list(out.rglob("*\\?*"))  # no page at "?p="
    assert '<script src="/old-links/find.js" data-home="/ar/"></script>' in read(root, "index.html")
    assert '<noscript><meta http-equiv="refresh"' in read(root, "index.html")
    assert '<script src="/old-links/find.js" defer></script>' in read(root, "404.html")
    plain = write_site(tmp_path / "plain", f"-- content/ar/2024/06/x.md --\n{article('خبر')}\n")
    run(plain)
    assert not (plain / "output/old-links").exists() and "find.js" not in read(plain, "index.html")
    assert '<meta http-equiv="refresh" content="0; url=/ar/">' in read(plain, "index.html")


def test_one_old_link_in_two_articles_is_an_error_naming_both(tmp_path):
    root = write_site(tmp_path / "site", SITE + f"-- content/ar/2024/06/other.md --\n{article('آخر', aliases=['/index.php?p=7'])}\n")
    with pytest.raises(BuildError) as failed:
        run(root)
    assert [str(p) for p in failed.value.problems] == [
        'content/ar/2024/06/port.md:4: alias "/?p=7" is an old link of content/ar/2024/06/other.md already; keep it '
        "in one article"]


class StaticHost(tools._QuietHandler):
    """A static host as GitHub Pages is: a file, a folder's index.html, else /404.html with status 404; a strict
    Content-Security-Policy on every answer (scripts of the site only)."""

    def end_headers(self):
        self.send_header("Content-Security-Policy", "default-src 'self'; script-src 'self'")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_file() or (path.is_dir() and (path / "index.html").is_file()):
            return super().send_head()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@contextlib.contextmanager
def static_host(folder: Path):
    with tools.serve_directory(folder, StaticHost) as url:
        yield url.rstrip("/")


def test_old_links_land_on_their_article_in_a_browser(tmp_path):
    root = write_site(tmp_path / "site", SITE)
    run(root)
    expected = {
        "/?p=123": "/ar/2024/06/market/",
        "/?p=7": "/ar/2024/06/port/",
        "/index.php?p=0007": "/ar/2024/06/port/",  # the not-found page (no index.php here) finds it too
        "/?page_id=45&utm_source=x": "/ar/",  # page_id 45 was in /blog/: not at the root
        "/nowhere/?p=5": None,  # the not-found page, whose script finds nothing: it stays
        "/blog/index.php?page_id=45": "/ar/2024/06/market/",
        "/blog/?p=99#comments": "/fr/2024/06/port/#comments",
        "/?p=223": "/fr/2024/06/port/",
        "/?p=124": "/ar/",  # unknown: the root page goes to the home page
        "/?p=%3Cscript%3Ealert(1)%3C/script%3E": "/ar/",  # not digits: ignored
        "/?p=javascript:alert(1)": "/ar/",
        "/?p=123%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E": "/ar/",
        "/?page_id=__proto__": "/ar/",
        "/": "/ar/",
    }
    with tools.browser() as browser, static_host(root / "output") as host:
        for old, new in expected.items():
            opened = tools.open_page(browser, host + old)
            page = opened.page
            dialogs = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            want = host + new if new else None
            if want and want != host + old:
                page.wait_for_url(want, timeout=10_000)
            elif new is None:  # stays on the not-found page, whose script has nothing to do
                page.wait_for_load_state("load")
                assert page.locator("h1").count() == 1
            assert page.url == (want or host + old), old
            errors = [e for e in opened.console_errors  # the not-found page's own status, as a static host answers
                      if not (e.startswith("console: Failed to load resource: the server responded with a status of 404")
                              and e.endswith((f"({host}{old})", f"({host}{old.partition('#')[0]})")))]
            assert not dialogs and not errors, (old, errors)
            assert not opened.external_requests
            opened.close()
