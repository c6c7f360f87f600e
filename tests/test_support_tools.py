"""Proves the test helpers in tests/support/tools.py work, on a tiny site.

Tests that need vnu, Chromium or axe-core skip locally when those are
missing and fail on CI (CI set), via tools.require().
"""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.support import tools

VALID_AR = """<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>مجلة — الصفحة الرئيسية</title>
</head>
<body>
<header><a href="/">مجلة</a></header>
<main>
<h1>أخبار اليوم</h1>
<p>هذه صفحة اختبار صغيرة مكتوبة باللغة العربية لمجلة إخبارية ثنائية اللغة.</p>
<img src="pixel.svg" alt="صورة اختبار" width="10" height="10">
</main>
</body>
</html>
"""

# Unclosed <span> inside a <div>, stray </p>, and an <img> without alt.
INVALID = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>broken</title></head>
<body>
<div><span>oops</div></p>
<img src="pixel.svg">
</body>
</html>
"""

EXTERNAL_IMG = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>external</title></head>
<body><main><h1>External image</h1>
<img src="https://example.org/x.png" alt="remote">
</main></body>
</html>
"""

NO_ALT = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>no alt</title></head>
<body><main><h1>Missing alt</h1>
<img id="naked" src="pixel.svg" width="10" height="10">
</main></body>
</html>
"""

PIXEL_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#036"/></svg>\n'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    (root / "index.html").write_text(VALID_AR, encoding="utf-8")
    (root / "bad page.html").write_text(INVALID, encoding="utf-8")  # space on purpose
    (root / "external.html").write_text(EXTERNAL_IMG, encoding="utf-8")
    (root / "noalt.html").write_text(NO_ALT, encoding="utf-8")
    (root / "pixel.svg").write_text(PIXEL_SVG, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def chromium_browser():
    with tools.browser() as b:
        yield b


@pytest.fixture(scope="module")
def base_url(site: Path):
    with tools.serve_directory(site) as url:
        yield url


# --------------------------------------------------------------------------
# require()
# --------------------------------------------------------------------------


def test_require_returns_what_was_found():
    assert tools.require("thing", Path("/x")) == Path("/x")


def test_require_skips_locally(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="frobnicator"):
        tools.require("frobnicator", None)


def test_require_fails_on_ci(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="frobnicator"):
        tools.require("frobnicator", None)


def test_env_var_overrides_tool_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    fake = tmp_path / "axe.js"
    fake.write_text("// fake")
    monkeypatch.setenv("MAJALLA_AXE_JS", str(fake))
    assert tools.axe_js() == fake
    monkeypatch.setenv("MAJALLA_VNU_JAR", str(tmp_path / "missing.jar"))
    assert tools.vnu_jar() is None


# --------------------------------------------------------------------------
# vnu
# --------------------------------------------------------------------------


def test_vnu_accepts_a_valid_arabic_page_and_reports_the_errors_of_an_invalid_one(site: Path):
    """One vnu run (a Java start is the most of its cost) for the valid page, the invalid one and a missing one."""
    tools.require("vnu.jar", tools.vnu_jar())
    tools.require("java", tools.java())
    bad = site / "bad page.html"
    errors = tools.validate_html([site / "index.html", bad, site / "missing.html"])
    assert errors, "vnu reported nothing for an invalid page"
    assert any("missing.html:0: file does not exist" in e for e in errors)
    vnu_errors = [e for e in errors if "missing.html" not in e]
    # Every error names the invalid file (with its space decoded) and a line: none the valid page.
    assert all(e.startswith(f"{bad}:") for e in vnu_errors), vnu_errors
    assert any("“span”" in e for e in vnu_errors), vnu_errors
    assert any(e.startswith(f"{bad}:5:") for e in vnu_errors), vnu_errors


def test_vnu_batch_of_many_files(tmp_path: Path):
    """One vnu run over a couple of thousand files (argument file, no
    ARG_MAX trouble), finding the single broken one among them."""
    tools.require("vnu.jar", tools.vnu_jar())
    tools.require("java", tools.java())
    deep = tmp_path / ("a-rather-long-directory-name-" * 3) / "مقالات"
    deep.mkdir(parents=True)
    paths = []
    for i in range(2000):
        p = deep / f"article-{i:05d}-{'x' * 40}.html"
        p.write_text(INVALID if i == 1234 else VALID_AR, encoding="utf-8")
        paths.append(p)
    errors = tools.validate_html(paths)
    assert errors
    assert {e.split(":", 1)[0] for e in errors} == {str(paths[1234])}


# --------------------------------------------------------------------------
# serve_directory
# --------------------------------------------------------------------------


def test_serve_directory_serves_utf8_html(base_url: str):
    assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/")
    with urllib.request.urlopen(base_url) as resp:  # directory -> index.html
        assert resp.status == 200
        assert resp.headers["Content-Type"] == "text/html; charset=utf-8"
        assert "أخبار اليوم" in resp.read().decode("utf-8")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(base_url + "nope.html")
    assert err.value.code == 404


# --------------------------------------------------------------------------
# Browser
# --------------------------------------------------------------------------


def test_browser_renders_arabic_page_rtl(chromium_browser, base_url: str):
    opened = tools.open_page(chromium_browser, base_url + "index.html", 390, 844)
    try:
        page = opened.page
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        assert page.evaluate("document.documentElement.lang") == "ar"
        assert page.viewport_size == {"width": 390, "height": 844}
        assert page.evaluate("document.querySelector('img').naturalWidth") == 10
        assert opened.external_requests == []
        assert opened.console_errors == []
    finally:
        opened.close()


def test_browser_blocks_and_records_external_requests(chromium_browser, base_url: str):
    opened = tools.open_page(chromium_browser, base_url + "external.html", 1280, 800)
    try:
        assert opened.external_requests == ["https://example.org/x.png"]
        # Aborted, so the image never loaded...
        assert opened.page.evaluate("document.querySelector('img').naturalWidth") == 0
        # ...and Chromium's "Failed to load resource" noise for it is not
        # counted as a console error.
        assert opened.console_errors == []
    finally:
        opened.close()


def test_browser_records_page_errors(chromium_browser, base_url: str):
    opened = tools.open_page(chromium_browser, base_url + "index.html")
    try:
        with opened.page.expect_event("pageerror"):  # thrown later: wait for it, not for a while
            opened.page.evaluate("setTimeout(() => { throw new Error('boom') }, 0)")
        assert any("boom" in e for e in opened.console_errors), opened.console_errors
    finally:
        opened.close()


# --------------------------------------------------------------------------
# axe-core
# --------------------------------------------------------------------------


def test_axe_finds_missing_alt(chromium_browser, base_url: str):
    opened = tools.open_page(chromium_browser, base_url + "noalt.html")
    try:
        violations = tools.run_axe(opened.page)
    finally:
        opened.close()
    by_id = {v["id"]: v for v in violations}
    assert "image-alt" in by_id, violations
    assert by_id["image-alt"]["impact"] == "critical"
    assert by_id["image-alt"]["targets"] == ["#naked"]
    assert by_id["image-alt"]["help"]


def test_axe_clean_page_has_no_serious_violations(chromium_browser, base_url: str):
    opened = tools.open_page(chromium_browser, base_url + "index.html", 390, 844)
    try:
        assert tools.run_axe(opened.page) == []
        # Running twice on the same page must not inject axe twice or break.
        assert tools.run_axe(opened.page) == []
    finally:
        opened.close()


def test_axe_works_under_strict_csp(chromium_browser, tmp_path: Path):
    """A page whose CSP forbids inline scripts still gets axe (fallback)."""
    (tmp_path / "pixel.svg").write_text(PIXEL_SVG, encoding="utf-8")
    (tmp_path / "csp.html").write_text(
        NO_ALT.replace(
            '<meta charset="utf-8">',
            '<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" '
            "content=\"default-src 'self'\">",
        ),
        encoding="utf-8",
    )
    with tools.serve_directory(tmp_path) as url:
        opened = tools.open_page(chromium_browser, url + "csp.html")
        try:
            ids = {v["id"] for v in tools.run_axe(opened.page)}
            # Injecting axe must not leave CSP noise among the page's errors.
            assert opened.console_errors == []
        finally:
            opened.close()
    assert "image-alt" in ids
