"""The editor on the preview's server (`majalla serve`): /admin/ and its local backend, for this machine only.

GET /admin/ gives the editor's page and config.yml, made from site.toml as it is at that moment (a section
added there is in the editor at the next load), and the files every site shares (Decap's, majalla's
scripts). POST /admin/api/v1 is Decap's local backend: `protocol.handle` over the site folder, run on the
server's one thread, so requests are answered one at a time (generator/editor/ makes the files and the
answers; this module only serves them). A save writes into content/; the builder, which watches it,
rebuilds, and the preview's pages reload. GET /admin/status.json tells the editor's page what
that build found (its errors, its warnings), which the page shows the writer at their path:line.

Every request must come from this machine (the connection's address) and from the preview's own page (Host,
and Origin on a POST: generator/preview/hosts.py). A request body is at most MAX_BODY (pictures travel in
base64): a larger one is refused before it is read."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from tornado import web

from ..config import load
from ..editor import protocol, settings
from ..editor.admin import STATUS, made_files, media_type, shipped_files
from ..editor.cms_config import API_PATH
from ..errors import BuildError
from .hosts import foreign, from_this_machine

FOLDER = "/admin/"
API = FOLDER + API_PATH
MAX_BODY = 64 * 2**20  # one save: an article and its pictures, base64 (a 40 MB photo is 54 MB of it)
JSON = "application/json; charset=utf-8"


def routes(preview, port: int, in_use=lambda: None) -> list:
    """The tornado routes of /admin/ for the site of PREVIEW (generator/preview/builder.py), served on PORT.
    `in_use()` is called when the editor's page talks to its backend (the builder then checks the site)."""
    where = {"root": preview.root, "port": port}
    return [
        (re.escape(FOLDER.rstrip("/")), web.RedirectHandler, {"url": FOLDER}),
        (re.escape(API), Backend, {**where, "in_use": in_use}),
        (re.escape(FOLDER + STATUS), Status, {**where, "preview": preview}),
        (re.escape(FOLDER) + "(.*)", Files, {**where, "shipped": shipped_files()}),
    ]


def status(preview) -> dict:
    """What the editor's page shows after a save: the last build's errors (the preview shows the last good
    version meanwhile) and warnings, with what `check` found after it once it has (near-duplicate tags, a
    missing translation...), each as path:line: message; how many builds there were, and whether the last
    one is checked."""
    build, found = preview.checked
    checked = build == preview.builds and not preview.problems
    warnings = sorted(set(preview.warnings) | set(found if checked else ()))
    return {"builds": preview.builds, "checked": checked, "errors": [str(p) for p in preview.problems],
            "warnings": [str(p) for p in warnings]}


def problems_page(exc: BuildError) -> bytes:
    items = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in exc.problems)
    return (f'<!DOCTYPE html><html lang="en" dir="ltr"><head><meta charset="utf-8"><title>majalla: the editor '
            f"cannot start</title></head><body><h1>The editor cannot start: site.toml has a mistake</h1>"
            f"<ul>{items}</ul><p>Fix it and load this page again.</p></body></html>").encode("utf-8")


class Guarded(web.RequestHandler):
    """A handler of /admin/: it answers this machine's own editor page only."""

    def initialize(self, root: Path, port: int, **kwargs) -> None:
        self.root, self.port = root, port

    def refusal(self, origin: bool) -> str | None:
        if not from_this_machine(self.request.remote_ip):
            return "the editor answers on this machine only (http://127.0.0.1/admin/)"
        headers = self.request.headers
        return foreign(headers.get("Host"), headers.get("Origin") if origin else None, self.port)

    def refuse(self, status: int, message: str) -> None:
        self.set_status(status)
        self.set_header("Content-Type", JSON)
        self.finish(json.dumps({"error": message}, ensure_ascii=False).encode("utf-8"))

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")


class Files(Guarded):
    """The editor's page, its config (made now) and the files it loads."""

    def initialize(self, root: Path, port: int, shipped: dict) -> None:
        super().initialize(root, port)
        self.shipped = shipped

    def get(self, name: str) -> None:
        reason = self.refusal(origin=False)
        if reason:
            return self.refuse(403, reason)
        name = name or "index.html"
        if name in self.shipped:
            data = self.shipped[name].read_bytes()
        elif name in ("index.html", "config.yml"):
            try:
                config = load(self.root)
                data = made_files(config, settings.load(config), local=True)[name]
            except BuildError as exc:
                self.set_status(500)
                self.set_header("Content-Type", "text/html; charset=utf-8")
                return self.finish(problems_page(exc))
        else:
            raise web.HTTPError(404)
        self.set_header("Content-Type", media_type(name))
        self.finish(data)


class Status(Guarded):
    """GET /admin/status.json: status(preview)."""

    def initialize(self, root: Path, port: int, preview) -> None:
        super().initialize(root, port)
        self.preview = preview

    def get(self) -> None:
        reason = self.refusal(origin=False)
        if reason:
            return self.refuse(403, reason)
        self.set_header("Content-Type", JSON)
        self.finish(json.dumps(status(self.preview), ensure_ascii=False).encode("utf-8"))


@web.stream_request_body
class Backend(Guarded):
    """POST /admin/api/v1: Decap's local backend."""

    def initialize(self, root: Path, port: int, in_use) -> None:
        super().initialize(root, port)
        self.in_use = in_use

    def prepare(self) -> None:
        self.chunks: list[bytes] = []
        reason = self.refusal(origin=True)
        if reason:
            return self.refuse(403, f"the editor's backend refuses this request: {reason}")
        if self.request.method != "POST":
            return self.refuse(405, "the editor's backend takes POST requests only")
        length = self.request.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > MAX_BODY:
            return self.refuse(413, f"this save is {int(length) // 2**20} MB: the editor takes at most "
                                    f"{MAX_BODY // 2**20} MB at a time (make the pictures smaller)")
        self.request.connection.set_max_body_size(MAX_BODY)

    def data_received(self, chunk: bytes) -> None:
        self.chunks.append(chunk)

    def post(self) -> None:
        try:
            config = load(self.root)
        except BuildError as exc:
            return self.refuse(422, "\n".join(str(p) for p in exc.problems))
        site = protocol.SiteFolder(self.root, config, preview_url=f"http://{self.request.host}/")  # its own: checked
        answer = protocol.handle(site, b"".join(self.chunks),
                                 self.request.headers.get("Content-Type"))
        if answer.status == 200:
            self.in_use()
        self.set_status(answer.status)
        self.set_header("Content-Type", JSON)
        self.finish(answer.body)
