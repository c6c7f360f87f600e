"""The `serve` command: build into a preview folder, serve it, rebuild once per burst of changes, reload.

The preview is built with drafts and future articles into <site>/.cache/preview/ (never output/, so a
draft cannot reach the deployable site). Only what changed is rebuilt (the build is incremental). A broken
edit never takes the preview down: the last good pages stay served, with a panel naming every problem at
its path:line, and the panel goes away with the next good build. Browsers reload through livereload.

This process only serves; the builds run in the builder (preview/builder.py, preview/passes.py), which it starts, listens to, starts
again if it dies, and stops with everything the builder started on Ctrl-C, SIGTERM or SIGHUP."""
from __future__ import annotations

import errno
import re
import signal
import sys

from ..config import CONFIG_FILE
from ..preview import hosts
from ..preview.builder import Builder, EditorCheck, Preview, Settings
from ..preview.panel import ASSET_PATH, ERROR_PAGE, PANEL_CSS, Reloads, inject, not_found_page

DEFAULT_PORT = 8000
PORT_TRIES = 50  # when the port is taken, the next ones are tried
BUILDER_CHECK = 0.5  # seconds between two looks at whether the builder still runs

NOTHING_DONE = "the preview did not start"  # after an error


def arguments(parser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on; default: 127.0.0.1 (this machine)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"port; default: {DEFAULT_PORT}, or the next free one; 0: any free port")
    parser.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes; default: every CPU")
    parser.add_argument("--clean", action="store_true", help="ignore the build cache for the first build")
    parser.add_argument("--no-search", dest="search", action="store_false",
                        help="do not build the search index (quicker rebuilds; the search page says it is off)")


def application(preview: Preview, port: int, host: str = "", editor_in_use=lambda: None,
                reloads: Reloads | None = None):
    """The tornado application: the preview folder, livereload's socket and script, the panel's CSS, and the
    editor at /admin/ (its page is left as it is: no livereload there, a writer's unsaved work would go);
    only for requests to the preview's own host names (hosts.py), the socket only from the preview's pages."""
    from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
    from livereload.watcher import Watcher as LiveReloadWatcher
    from tornado import escape, web

    reloads = reloads if reloads is not None else Reloads()

    class Socket(LiveReloadHandler):
        def check_origin(self, origin: str) -> bool:
            return hosts.allowed_origin(origin, port, host)

        def on_message(self, message):
            super().on_message(message)
            said = escape.json_decode(message)
            if isinstance(said, dict) and said.get("command") == "info" and reloads.missed(str(said.get("url", ""))):
                self.send_message({"command": "reload", "path": "*", "liveCSS": False, "liveImg": True})

    class Misdirected(web.RequestHandler):
        def prepare(self):
            self.set_status(421)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(f"421: this preview answers only to 127.0.0.1:{port} and localhost:{port}\n")

    class Guarded(web.Application):
        def find_handler(self, request, **kwargs):
            if not hosts.allowed(request.headers.get("Host", ""), port, host):
                return self.get_handler_delegate(request, Misdirected)
            return super().find_handler(request, **kwargs)

    from ..preview import editor

    LiveReloadHandler.watcher = LiveReloadWatcher()  # only read for its log line; we watch files ourselves
    LiveReloadHandler.live_css = False

    class Injector(web.OutputTransform):
        def __init__(self, request):
            super().__init__(request)
            self.method, self.path = request.method, request.path
            self.page = not request.path.startswith(editor.FOLDER)

        def transform_first_chunk(self, status_code, headers, chunk, finishing):
            html_page = headers.get("Content-Type", "").startswith("text/html")
            if self.method == "GET" and self.page and chunk and html_page:
                grown = inject(chunk, preview.problems)
                reloads.page_served(self.path)
                if "Content-Length" in headers:
                    headers["Content-Length"] = str(int(headers["Content-Length"]) + len(grown) - len(chunk))
                chunk = grown
            return status_code, headers, chunk

    class PanelStyle(web.RequestHandler):
        def get(self):
            self.set_header("Content-Type", "text/css; charset=utf-8")
            self.write(PANEL_CSS)

    class Pages(web.StaticFileHandler):
        def should_return_304(self) -> bool:
            return False  # the preview changes under the browser's feet: always send the file

        def set_extra_headers(self, path) -> None:
            self.set_header("Cache-Control", "no-store")

        def validate_absolute_path(self, root, absolute_path):
            if "\0" in absolute_path:  # /ar/%00: no file has such a name (os.path raises on it)
                raise web.HTTPError(400)
            return super().validate_absolute_path(root, absolute_path)

        def write_error(self, status_code, **kwargs) -> None:
            not_found = not_found_page(preview.out, self.request.path) if status_code == 404 else None
            self.set_header("Content-Type", "text/html; charset=utf-8")
            if preview.problems:
                self.finish(ERROR_PAGE)
            elif not_found is not None:
                self.finish(not_found.read_bytes())
            else:
                super().write_error(status_code, **kwargs)

    return Guarded([
        (r"/livereload", Socket),
        (r"/livereload\.js", LiveReloadJSHandler),
        (re.escape(ASSET_PATH), PanelStyle),
        *editor.routes(preview, port, editor_in_use),
        (r"/(.*)", Pages, {"path": str(preview.out), "default_filename": "index.html"}),
    ], transforms=[Injector], log_function=lambda handler: None)


def reload_browsers(reloads: Reloads) -> None:
    from livereload.handlers import LiveReloadHandler

    reloads.told()
    LiveReloadHandler.reload_waiters("*")


# ---- the command ----------------------------------------------------------------------------------------
def listen(host: str, port: int):
    """Sockets on the first free port from `port` (any free port for 0), and that port."""
    from tornado.netutil import bind_sockets

    candidates = [port] if port == 0 else list(range(port, port + PORT_TRIES)) + [0]
    for candidate in candidates:
        try:
            sockets = bind_sockets(candidate, host)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                continue
            raise
        return sockets, sockets[0].getsockname()[1]
    raise OSError(errno.EADDRINUSE, "no free port")


def url_host(host: str) -> str:
    if host in ("", "0.0.0.0"):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


def editor_line(host: str, port: int) -> str:
    """Where the writer opens the editor: it answers this machine only."""
    if host in ("", "0.0.0.0", "::", "127.0.0.1", "localhost", "::1"):
        return f"Write in the browser: http://{url_host(host)}:{port}/admin/"
    return ("the editor answers on this machine only: serve on 127.0.0.1 (the default) to write in the "
            "browser at /admin/")


def run(args) -> int:
    from tornado.httpserver import HTTPServer
    from tornado.ioloop import IOLoop, PeriodicCallback

    if not (args.site / CONFIG_FILE).is_file():
        print(f"{args.site / CONFIG_FILE}: not found: is this a majalla site folder? (--site DIR names another)",
              file=sys.stderr)
        return 1
    try:
        sockets, port = listen(args.host, args.port)
    except OSError as exc:
        print(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if args.port and port != args.port:
        say(args, f"port {args.port} is taken; using {port}")
    url = f"http://{url_host(args.host)}:{port}/"
    settings = Settings(args.site, url, jobs=args.jobs, clean=args.clean, search=args.search, quiet=args.quiet,
                        verbose=args.verbose)
    preview = Preview(settings)  # here, only what the pages served need: the folder, the last problems
    builder = Builder(settings)
    reloads = Reloads()
    server = HTTPServer(application(preview, port, "" if args.host in ("", "0.0.0.0", "::") else args.host,
                                    builder.editor_in_use, reloads))
    loop = IOLoop.current()
    serving, failed = False, False

    def hear(fd: int) -> None:
        nonlocal serving
        try:
            for built in builder.heard():
                if isinstance(built, EditorCheck):
                    preview.checked = (preview.builds, built.warnings)
                    continue
                if built.first:  # a saved article's page, written before the build: the last build's report stays
                    if serving:
                        reload_browsers(reloads)
                    continue
                preview.problems, preview.warnings = built.problems, built.warnings
                preview.builds += 1
                if not serving:  # the first build is done: its pages can be served
                    serving = True
                    server.add_sockets(sockets)
                    print(f"Serving {url} — press Ctrl+C to stop", flush=True)
                    say(args, editor_line(args.host, port))
                elif built.reload:
                    reload_browsers(reloads)
        except (EOFError, OSError):  # the builder is gone: look_after_builder sees to it
            loop.remove_handler(fd)

    def start_builder() -> None:
        loop.add_handler(builder.start(), lambda fd, events: hear(fd), IOLoop.READ)

    def look_after_builder() -> None:
        nonlocal failed
        ended = builder.ended()
        if not ended:
            return
        hear(builder.connection.fileno())  # what it said before it went
        loop.remove_handler(builder.connection.fileno())
        if builder.reported:  # it could build: what killed it (memory, a signal) may not come back
            print(f"the preview's builder stopped ({ended}); starting it again", file=sys.stderr, flush=True)
            builder.stop()
            start_builder()
        else:
            print(f"the preview's builder stopped ({ended}) before it could build the preview", file=sys.stderr,
                  flush=True)
            failed = True
            loop.stop()

    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        loop.asyncio_loop.add_signal_handler(number, loop.stop)
    say(args, f"building the preview of {preview.root} (drafts and future articles included)…")
    try:
        start_builder()
        PeriodicCallback(look_after_builder, BUILDER_CHECK * 1000).start()
        loop.start()
    except KeyboardInterrupt:
        pass
    finally:
        builder.stop()
        server.stop()
        for s in sockets:
            s.close()
    if failed:
        return 1
    say(args, "stopped")
    return 0


def say(args, message: str) -> None:
    if not args.quiet:
        print(message, flush=True)
