"""A small server for the editor's browser test: /admin/ and its backend over a site folder, on 127.0.0.1.

It serves `generator.editor.admin.admin_files` and answers POST /admin/api/v1 with
`generator.editor.protocol.handle`, after `protocol.refusal`: what `majalla serve` is to do (phase 2 of issue 22
puts them on the preview's own server). Every backend call is kept in `calls`, for the test to look at."""
from __future__ import annotations

import contextlib
import http.server
import io
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from PIL import Image

from generator.config import load
from generator.editor import protocol, settings
from generator.editor.admin import admin_files, media_type

SECTIONS = '''
[sections]
economy = { ar = "اقتصاد", fr = "Économie" }
culture = { ar = "ثقافة", fr = "Culture" }
'''
# Titles whose slug is easy to get wrong: tashkeel, tatweel, guillemets, the Arabic comma, apostrophes, accents,
# underscores, digits of both scripts, ligatures (NFKC), a Turkish dotted I, a title of punctuation only, and
# titles long enough to be cut at 200 bytes.
TITLES = [
    "الرِّباط: «Tanger Med» يُحطِّم الرقم القياسي",
    "Tanger Med : test de l'éditeur",
    "مـــدرسة ٱلْمَدْرَسَةُ، في مكناس؟",
    "L’économie du care — « enfin » reconnue",
    "COP22_Marrakech 2016 ٢٠٢٤",
    "ﷺ ﬁnance ﬀ Ⅻ ①",
    "İstanbul ΣΑΣ Straße",
    "«»،؛؟!…",
    "",
    "ا" * 120,
    "كلمة " * 45,
    "mot-" * 70,
    "a" * 199 + "é",
]


def jpeg(color=(200, 80, 40), size=(64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG")
    return out.getvalue()


@dataclass
class EditorServer:
    url: str  # "http://127.0.0.1:PORT/admin/"
    calls: list = field(default_factory=list)  # (action, status, answer's JSON)


@contextlib.contextmanager
def serve_editor(root: Path) -> Iterator[EditorServer]:
    """Serve the editor of the site at ROOT (its config read once, as it is now) until the block ends."""
    config = load(root.resolve())
    files = admin_files(config, settings.load(config), local=True)
    site = protocol.Site(root.resolve(), config)
    one_at_a_time = threading.Lock()  # as on the preview's server, whose one thread answers every request

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002
            pass

        def send(self, status: int, ctype: str, data: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):  # noqa: N802
            path = self.path.split("?", 1)[0]
            name = "index.html" if path == "/admin/" else path.removeprefix("/admin/")
            if not path.startswith("/admin/") or name not in files:
                return self.send(404, "text/plain; charset=utf-8", b"not found")
            found = files[name]
            self.send(200, media_type(name), found.read_bytes() if isinstance(found, Path) else found)

        def do_POST(self):  # noqa: N802
            if self.path != "/admin/api/v1":
                return self.send(404, "text/plain; charset=utf-8", b"not found")
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            port = self.server.server_address[1]
            with one_at_a_time:
                answer = (protocol.refusal(self.headers.get("Host"), self.headers.get("Origin"), port)
                          or protocol.handle(site, body, self.headers.get("Content-Type")))
            try:
                action = json.loads(body).get("action")
            except ValueError:
                action = None
            server.calls.append((action, answer.status, answer.data))
            self.send(answer.status, "application/json; charset=utf-8", answer.body)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server = EditorServer(f"http://127.0.0.1:{httpd.server_address[1]}/admin/")
    thread = threading.Thread(target=httpd.serve_forever, name="serve_editor", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
