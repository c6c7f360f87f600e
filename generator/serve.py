"""The `serve` command: build into a preview folder, serve it, rebuild once per burst of changes, reload.

The preview is built with drafts and future articles into <site>/.cache/preview/ (never output/, so a
draft cannot reach the deployable site). Only what changed is rebuilt (the build is incremental). A broken
edit never takes the preview down: the last good pages stay served, with a panel naming every problem at
its path:line, and the panel goes away with the next good build. Browsers reload through livereload."""
from __future__ import annotations

import datetime as dt
import errno
import html
import os
import re
import signal
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from .build import CACHE_FOLDER, Options, build
from .cli import command
from .config import CONFIG_FILE
from .errors import BuildError, Problem
from .not_found import FILE as NOT_FOUND
from .sources import CONTENT
from .theme import BUNDLED_THEMES
from .watcher import Watcher

PREVIEW_FOLDER = "preview"  # below .cache/
DEFAULT_PORT = 8000
PORT_TRIES = 50  # when the port is taken, the next ones are tried
WATCHED = (CONTENT, "templates", "static", "i18n", "themes", CONFIG_FILE)
PANEL_ID = "majalla-preview-error"
ASSET_PATH = "/_majalla/preview.css"
PANEL_CSS = b"""#majalla-preview-error{position:fixed;inset-block-start:0;inset-inline:0;z-index:2147483647;
max-block-size:70vh;overflow:auto;margin:0;padding:1rem 1.5rem;background:#fff3f2;color:#4a0500;
border-block-end:4px solid #b3261e;box-shadow:0 4px 18px rgb(0 0 0/.3);font:15px/1.5 system-ui,sans-serif;
text-align:start}
#majalla-preview-error h2{margin:0 0 .4rem;font-size:1.05rem}
#majalla-preview-error p{margin:0 0 .4rem}
#majalla-preview-error ul{margin:0;padding-inline-start:1.2rem}
#majalla-preview-error code{font-family:ui-monospace,monospace;font-weight:700;unicode-bidi:isolate}
"""
BODY_OPEN = re.compile(rb"<body\b[^>]*>", re.I)
HEAD_END = re.compile(rb"</head\s*>", re.I)


@command("serve", "preview the site while you write: build, serve on 127.0.0.1:8000, rebuild and reload on "
                  "every change (drafts and future articles shown)")
def serve_command(parser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on; default: 127.0.0.1 (this machine)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"port; default: {DEFAULT_PORT}, or the next free one; 0: any free port")
    parser.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes; default: every CPU")
    parser.add_argument("--clean", action="store_true", help="ignore the build cache for the first build")
    parser.add_argument("--no-search", dest="search", action="store_false",
                        help="do not build the search index (quicker rebuilds; the search page says it is off)")
    parser.set_defaults(run=run_serve)


# ---- the preview's state ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Outcome:
    problems: tuple[Problem, ...]  # the errors of this build; () when it succeeded
    warnings: tuple[Problem, ...]
    rendered: int
    wrote: bool
    seconds: float


class Preview:
    """Builds the preview folder and remembers what the last build found."""

    def __init__(self, site: Path, base_url: str, jobs: int | None = None, clean: bool = False,
                 search: bool = True):
        self.root = site.resolve()
        self.out = self.root / CACHE_FOLDER / PREVIEW_FOLDER
        self.base_url, self.jobs, self.clean, self.search = base_url, jobs, clean, search
        self.problems: tuple[Problem, ...] = ()  # read by the request handlers, set by the builder thread
        self.lock = threading.Lock()

    def watched(self) -> list[Path]:
        """What the preview depends on: content, templates, static files, UI strings, themes, site.toml.
        Never output/ nor .cache/ (where the preview itself is written)."""
        return [self.root / name for name in WATCHED] + [BUNDLED_THEMES]

    def rebuild(self) -> Outcome:
        started = time.perf_counter()
        with self.lock:
            try:
                report = build(Options(site=self.root, output=self.out, drafts=True, future=True,
                                       base_url=self.base_url, jobs=self.jobs, clean=self.clean,
                                       search=self.search, live=True))
                self.clean = False
                self.problems = ()
                return Outcome((), report.warnings, report.rendered, report.wrote, time.perf_counter() - started)
            except BuildError as exc:
                problems = tuple(p for p in exc.problems if not p.warning)
                warnings = tuple(p for p in exc.problems if p.warning)
            except Exception as exc:  # a bug must not take the preview down either
                traceback.print_exc()
                problems = (Problem("majalla", 0, f"internal error: {type(exc).__name__}: {exc} "
                                    "(please report it; the traceback is in the terminal)"),)
                warnings = ()
            self.problems = problems
            return Outcome(problems, warnings, 0, False, time.perf_counter() - started)


# ---- what the browser gets ------------------------------------------------------------------------------
def panel(problems) -> bytes:
    items = "".join(f"<li><code>{html.escape(where(p))}</code>: {html.escape(p.message)}</li>" for p in problems)
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    return (f'<aside id="{PANEL_ID}" role="alert" lang="en" dir="ltr">'
            f"<h2>The preview is not up to date: the last change has {count}</h2>"
            f"<p>Fix it and save: this page reloads by itself. Below is the last good version.</p>"
            f"<ul>{items}</ul></aside>").encode()


def where(problem: Problem) -> str:
    return f"{problem.path}:{problem.line}" if problem.line else problem.path


def inject(page: bytes, problems) -> bytes:
    """The livereload script (and, after a failed build, the problem panel) added to an HTML page."""
    head = f'<link rel="stylesheet" href="{ASSET_PATH}"><script src="/livereload.js"></script>'.encode()
    found = HEAD_END.search(page)
    page = page[:found.start()] + head + page[found.start():] if found else head + page
    if problems:
        body = BODY_OPEN.search(page)
        at = body.end() if body else (page.find(head) + len(head))
        page = page[:at] + panel(problems) + page[at:]
    return page


ERROR_PAGE = (b'<!DOCTYPE html><html lang="en" dir="ltr"><head><meta charset="utf-8">'
              b"<title>majalla: the build failed</title></head><body></body></html>")


def not_found_page(out: Path, request_path: str) -> Path | None:
    """The 404.html nearest a missing address, up to the root one: /fr/x/ answers with fr/404.html, as
    Cloudflare Pages does and as the README's recipes make other hosts do. None when there is none."""
    parts = [p for p in unquote(request_path).split("/") if p not in ("", ".", "..")]
    for n in range(len(parts), -1, -1):
        page = out.joinpath(*parts[:n], NOT_FOUND)
        if os.path.isfile(page):  # False for a name too long or with a NUL, where Path.is_file raises
            return page
    return None


def application(preview: Preview):
    """The tornado application: the preview folder, livereload's socket and script, the panel's CSS."""
    from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
    from livereload.watcher import Watcher as LiveReloadWatcher
    from tornado import web

    LiveReloadHandler.watcher = LiveReloadWatcher()  # only read for its log line; we watch files ourselves
    LiveReloadHandler.live_css = False

    class Injector(web.OutputTransform):
        def __init__(self, request):
            super().__init__(request)
            self.method = request.method

        def transform_first_chunk(self, status_code, headers, chunk, finishing):
            if self.method == "GET" and chunk and headers.get("Content-Type", "").startswith("text/html"):
                grown = inject(chunk, preview.problems)
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

        def write_error(self, status_code, **kwargs) -> None:
            not_found = not_found_page(preview.out, self.request.path) if status_code == 404 else None
            self.set_header("Content-Type", "text/html; charset=utf-8")
            if preview.problems:
                self.finish(ERROR_PAGE)
            elif not_found is not None:
                self.finish(not_found.read_bytes())
            else:
                super().write_error(status_code, **kwargs)

    return web.Application([
        (r"/livereload", LiveReloadHandler),
        (r"/livereload\.js", LiveReloadJSHandler),
        (re.escape(ASSET_PATH), PanelStyle),
        (r"/(.*)", Pages, {"path": str(preview.out), "default_filename": "index.html"}),
    ], transforms=[Injector], log_function=lambda handler: None)


def reload_browsers() -> None:
    from livereload.handlers import LiveReloadHandler

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


def run_serve(args) -> int:
    from tornado.httpserver import HTTPServer
    from tornado.ioloop import IOLoop

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
    preview = Preview(args.site, url, jobs=args.jobs, clean=args.clean, search=args.search)
    loop = IOLoop.current()
    seen_warnings: set = set()

    def report(outcome: Outcome, changed: tuple[str, ...] = ()) -> None:
        for w in outcome.warnings:
            if w not in seen_warnings and not args.quiet:
                print(w, file=sys.stderr)
            seen_warnings.add(w)
        stamp = dt.datetime.now().strftime("%H:%M:%S")
        if outcome.problems:
            for p in outcome.problems:
                print(p, file=sys.stderr)
            n = len(outcome.problems)
            print(f"[{stamp}] {n} error{'s' if n != 1 else ''}: the preview keeps the last good version "
                  f"and shows the problems in the browser", file=sys.stderr, flush=True)
        elif changed or args.verbose:
            what = f" ({describe(changed, preview.root)})" if changed else ""
            say(args, f"[{stamp}] rebuilt in {outcome.seconds:.2f} s: {outcome.rendered} page"
                      f"{'s' if outcome.rendered != 1 else ''} rendered{what}")

    def changed(paths: tuple[str, ...]) -> None:
        had_problems = bool(preview.problems)
        outcome = preview.rebuild()
        report(outcome, paths)
        if outcome.wrote or outcome.problems or had_problems:
            loop.add_callback(reload_browsers)

    watcher = Watcher(preview.watched, changed)  # its first look is before the first build: no edit is lost
    say(args, f"building the preview of {preview.root} (drafts and future articles included)…")
    report(preview.rebuild())
    server = HTTPServer(application(preview))
    server.add_sockets(sockets)
    watcher.start()
    loop.asyncio_loop.add_signal_handler(signal.SIGTERM, loop.stop)
    print(f"Serving {url} — press Ctrl+C to stop", flush=True)
    try:
        loop.start()
    except KeyboardInterrupt:
        pass
    finally:
        watcher.stop()
        server.stop()
    say(args, "stopped")
    return 0


def say(args, message: str) -> None:
    if not args.quiet:
        print(message, flush=True)


def describe(paths: tuple[str, ...], root: Path) -> str:
    shown = []
    for p in paths[:3]:
        try:
            shown.append(Path(p).relative_to(root).as_posix())
        except ValueError:
            shown.append(p)
    more = f" and {len(paths) - 3} more" if len(paths) > 3 else ""
    return ", ".join(shown) + more
