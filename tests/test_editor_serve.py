"""The editor on the real preview (`majalla serve` in a subprocess), over HTTP: /admin/ and its backend are served
to this machine's own page only, a save through the backend is rebuilt into the preview, and a mistake is
refused with its line. The writer's whole session in Chromium is tests/test_editor_browser.py."""
from __future__ import annotations

import base64
import html
import http.client
import json

import pytest

from generator.commands.serve import editor_line
from generator.preview import editor as preview_editor
from generator.preview import hosts
from tests.sites import SITE_TOML, article, write_site
from tests.support.editor import SECTIONS, jpeg
from tests.support.serving import Server, wait_until

STORY = "content/ar/2024/06/story.md"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    site = write_site(tmp_path_factory.mktemp("editor-serve"), f"""
-- {STORY} --
{article("قصة للمعاينة", "2024-06-26", "النص الأول للقصة.", section="اقتصاد", tags=["القراءة"])}
""", SITE_TOML + SECTIONS)
    server = Server(site)
    yield server
    server.stop()




def request(server: Server, method: str, path: str, body: bytes | None = None, **headers) -> tuple[int, bytes]:
    """One request with exactly these headers (Host among them, when given)."""
    names = {k.replace("_", "-"): v for k, v in headers.items()}
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=names)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def post(server: Server, data: dict, **headers) -> tuple[int, dict]:
    headers = {"Host": f"127.0.0.1:{server.port}", "Origin": f"http://127.0.0.1:{server.port}",
               "Content_Type": "application/json", **headers}
    status, body = request(server, "POST", preview_editor.API, json.dumps(data).encode("utf-8"), **headers)
    return status, json.loads(body)


def test_serve_says_where_the_editor_is_and_serves_it_without_livereload(served):
    served.wait_for_line("Write in the browser: ", 30)
    assert f"Write in the browser: http://127.0.0.1:{served.port}/admin/" in served.lines
    status, page = served.get("/admin/")
    assert status == 200 and 'rel="cms-config-url"' in page and '<script src="decap-cms.js"></script>' in page
    assert "livereload" not in page  # the editor's page is never reloaded under the writer's unsaved work
    status, config = served.get("/admin/config.yml")
    assert status == 200 and "name: proxy" in config and "proxy_url: /admin/api/v1" in config
    assert "- اقتصاد" in config  # the section names of site.toml, as it is now
    status, script = served.fetch("/admin/decap-cms.js")
    assert status == 200 and len(script) > 1_000_000
    assert 'src="/livereload.js"' in served.get("/ar/2024/06/story/")[1]  # the magazine's pages still reload
    # loading the editor's files is not using it: the builder does not check the site after its builds (yet)
    code, body = served.fetch("/admin/status.json")
    assert code == 200 and json.loads(body) == {"builds": 1, "checked": False, "errors": [], "warnings": []}


def test_a_page_of_another_host_is_refused(served):
    own = f"127.0.0.1:{served.port}"
    assert request(served, "GET", "/admin/", Host=own)[0] == 200
    assert request(served, "GET", "/admin/", Host=f"localhost:{served.port}")[0] == 200
    for host in (f"evil.example:{served.port}", "127.0.0.1:1", "evil.example"):  # not the preview's: 421
        status, body = request(served, "GET", "/admin/config.yml", Host=host)
        assert status == 421 and b"127.0.0.1" in body, host
        status, body = request(served, "POST", preview_editor.API, b'{"action": "info"}', Host=host,
                               Origin=f"http://127.0.0.1:{served.port}", Content_Type="application/json")
        assert status == 421, host
    host = f"10.0.0.1:{served.port}"  # an address the preview's pages answer (--host), but not the editor's
    status, body = request(served, "GET", "/admin/config.yml", Host=host)
    assert status == 403 and b"127.0.0.1" in body, host
    status, answer = post(served, {"action": "info"}, Host=host)
    assert status == 403 and "refuses" in answer["error"], host


def test_a_post_from_another_origin_is_refused(served):
    assert post(served, {"action": "info"}) == (200, {"repo": served.site.name, "publish_modes": ["simple"],
                                                      "type": "local_fs"})
    for origin in ("http://evil.example", f"https://127.0.0.1:{served.port}", "null", "http://127.0.0.1:1",
                   f"http://evil.example:{served.port}"):
        status, answer = post(served, {"action": "info"}, Origin=origin)
        assert status == 403 and origin in answer["error"], origin
    # a form of another site posts text/plain (no preflight): refused too, whatever its Origin
    status, answer = post(served, {"action": "info"}, Content_Type="text/plain")
    assert status == 415


def test_a_save_larger_than_the_limit_is_refused_before_it_is_read(served):
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
    try:
        connection.putrequest("POST", preview_editor.API, skip_host=True, skip_accept_encoding=True)
        for name, value in (("Host", f"127.0.0.1:{served.port}"), ("Origin", f"http://127.0.0.1:{served.port}"),
                            ("Content-Type", "application/json"), ("Content-Length", str(preview_editor.MAX_BODY + 1))):
            connection.putheader(name, value)
        connection.endheaders()  # and not one byte of the body
        response = connection.getresponse()
        assert response.status == 413 and "at most 64 MB" in json.loads(response.read())["error"]
    finally:
        connection.close()


def test_a_save_is_rebuilt_into_the_preview_and_a_mistake_is_refused_at_its_line(served):
    raw = article("خبر من المحرر", "2024-06-27", "نص كتب في المتصفح.", section="اقتصاد")
    path = "content/ar/2024/06/from-the-editor.md"
    status, answer = post(served, {"action": "persistEntry", "params": {
        "dataFiles": [{"path": path, "slug": "2024/06/from-the-editor", "raw": raw}], "assets": [],
        "options": {"newEntry": True}}})
    assert status == 200 and answer["message"] == "entry persisted"
    assert (served.site / path).read_text(encoding="utf-8") == raw
    served.wait_for("/ar/2024/06/from-the-editor/", lambda t: "نص كتب في المتصفح" in t, timeout=60)

    broken = raw.replace("date: 2024-06-27", "date: 2024-13-40")
    status, answer = post(served, {"action": "persistEntry", "params": {
        "dataFiles": [{"path": path, "slug": "2024/06/from-the-editor", "raw": broken}], "assets": [],
        "options": {"newEntry": False}}})
    assert status == 422 and answer["error"].startswith(f"{path}:3: ") and "2024-13-40" in answer["error"]
    assert (served.site / path).read_text(encoding="utf-8") == raw  # not saved


def status(served: Server) -> dict:
    code, body = served.fetch("/admin/status.json")
    assert code == 200
    return json.loads(body)


def test_the_editor_reads_what_the_build_of_a_save_found(served):
    assert request(served, "GET", "/admin/status.json", Host="evil.example")[0] == 421
    before = status(served)
    assert before["builds"] >= 1 and before["errors"] == []
    path = "content/ar/2024/06/with-a-picture.md"
    raw = article("خبر بصورة", "2024-06-28", "نص.", section="اقتصاد", image="harbour.jpg")  # no image_alt
    picture = {"path": "content/ar/2024/06/harbour.jpg", "content": base64.b64encode(jpeg()).decode("ascii"),
               "encoding": "base64"}
    code, answer = post(served, {"action": "persistEntry", "params": {
        "dataFiles": [{"path": path, "slug": "2024/06/with-a-picture", "raw": raw}], "assets": [picture],
        "options": {"newEntry": True}}})
    assert code == 200
    # (the check after the last build may be reading the files already: it may say so before this save's build)
    built = lambda s: s["builds"] > before["builds"] and any(w.startswith(path) for w in s["warnings"])  # noqa: E731
    wait_until(lambda: built(status(served)), 60, "the save is built")
    found = status(served)
    assert found["errors"] == []
    assert [w for w in found["warnings"] if w.startswith(path)] == [
        f'{path}:5: warning: image "harbour.jpg" has no image_alt: describe the picture for readers who cannot see it']


def test_once_the_editor_is_in_use_what_check_finds_after_a_save_is_read_too(served):
    path = "content/ar/2024/06/a-near-tag.md"
    raw = article("خبر عن الكتب", "2024-06-29", "نص.", section="اقتصاد", tags=["قراءة"])  # nearly «القراءة»
    code, _ = post(served, {"action": "persistEntry", "params": {
        "dataFiles": [{"path": path, "slug": "2024/06/a-near-tag", "raw": raw}], "assets": [],
        "options": {"newEntry": True}}})
    assert code == 200
    warning = (f'{path}:5: warning: tag "قراءة" is nearly tag "القراءة" (1 article): they are two tags unless '
               f"spelled alike")
    wait_until(lambda: warning in status(served)["warnings"], 60, "the save is built and checked")
    assert status(served)["checked"] is True


def test_a_mistake_of_the_editor_table_is_shown_on_the_editors_page_and_the_preview(tmp_path):
    site = write_site(tmp_path, f"-- {STORY} --\n{article('قصة', '2024-06-26', 'نص.')}",
                      SITE_TOML + '[editor]\ninterface_language = "kab"\n')
    line = (SITE_TOML + '[editor]\ninterface_language = "kab"\n').splitlines().index('interface_language = "kab"') + 1
    server = Server(site)
    try:
        status, page = server.get("/admin/")
        assert status == 500 and f'site.toml:{line}: the editor has no interface in "kab"' in html.unescape(page)
        assert f"site.toml:{line}" in server.get("/")[1]  # the preview's panel says it too
        (site / "site.toml").write_text(SITE_TOML + '[editor]\ninterface_language = "fr"\n', encoding="utf-8")
        assert server.get("/admin/")[0] == 200  # made again at each load: fixed, it opens
    finally:
        server.stop()


def test_the_editor_answers_this_machine_only_whatever_address_serve_listens_on():
    assert [hosts.from_this_machine(ip) for ip in ("127.0.0.1", "::1", "::ffff:127.0.0.1")] == [True] * 3
    assert [hosts.from_this_machine(ip) for ip in ("192.168.1.20", "10.0.0.2", "fd00::2", "", None)] == [False] * 5
    assert editor_line("127.0.0.1", 8000) == "Write in the browser: http://127.0.0.1:8000/admin/"
    assert editor_line("0.0.0.0", 8000) == "Write in the browser: http://127.0.0.1:8000/admin/"
    assert editor_line("::", 8000) == "Write in the browser: http://[::1]:8000/admin/"
    assert "this machine only" in editor_line("192.168.1.20", 8000)
