"""Helpers for tests that need external tools: vnu (HTML validation),
headless Chromium via Playwright, axe-core (accessibility) and a tiny static
HTTP server for built sites.

Tools are looked up, never installed, here: ``.ci/run`` installs them.  Use
``require(name, found)`` so a missing tool skips the test locally but fails it
on CI (where the environment variable ``CI`` is set).

Typical use::

    from tests.support import tools

    jar = tools.require("vnu.jar", tools.vnu_jar())
    assert tools.validate_html(pages) == []

    with tools.serve_directory(site_dir) as base, tools.browser() as b:
        opened = tools.open_page(b, base + "index.html", 390, 844)
        assert opened.external_requests == []
        assert tools.run_axe(opened.page) == []
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import unquote, urlsplit

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
TOOLS_DIR = REPO_ROOT / ".tools" / "node_modules"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
# Schemes that never leave the machine (Playwright does not route most of
# them anyway).
LOCAL_SCHEMES = frozenset({"data", "blob", "about", "file", "chrome", "chrome-extension"})


# --------------------------------------------------------------------------
# Finding tools
# --------------------------------------------------------------------------


def _from_env_or(var: str, default: Path) -> Path | None:
    value = os.environ.get(var)
    path = Path(value) if value else default
    return path if path.is_file() else None


def vnu_jar() -> Path | None:
    """Path of vnu.jar ($MAJALLA_VNU_JAR, else .tools/), or None."""
    return _from_env_or("MAJALLA_VNU_JAR", TOOLS_DIR / "vnu-jar" / "build" / "dist" / "vnu.jar")


def axe_js() -> Path | None:
    """Path of axe.min.js ($MAJALLA_AXE_JS, else .tools/), or None."""
    return _from_env_or("MAJALLA_AXE_JS", TOOLS_DIR / "axe-core" / "axe.min.js")


def java() -> Path | None:
    """Path of the java executable, or None."""
    found = shutil.which("java")
    return Path(found) if found else None


def chromium() -> Path | None:
    """Path of the system Chromium ($MAJALLA_CHROMIUM, else /usr/bin/chromium
    or whatever `chromium` is on PATH), or None."""
    value = os.environ.get("MAJALLA_CHROMIUM")
    if value:
        return Path(value) if Path(value).is_file() else None
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def playwright() -> Any:
    """The `playwright.sync_api` module, or None when it is not installed."""
    try:
        import playwright.sync_api as sync_api
    except ImportError:
        return None
    return sync_api


def require(thing: str, found: Any) -> Any:
    """Return `found` if truthy.  Otherwise skip the test, or fail it when
    the CI environment variable is set: on CI these tests must run."""
    if found:
        return found
    reason = f"{thing} not available (run .ci/run, or see tests/support/tools.py)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; on CI it is required", pytrace=False)
    pytest.skip(reason)


# --------------------------------------------------------------------------
# HTML validation (vnu)
# --------------------------------------------------------------------------


def _url_to_path(url: str) -> str:
    if url.startswith("file:"):
        return unquote(urlsplit(url).path)
    return url


def validate_html(paths: list[Path] | list[str], *, timeout: float = 900) -> list[str]:
    """Validate HTML files (or directories, walked by vnu) in ONE vnu run.

    Returns error lines ``"path:line: message"``; an empty list means valid.
    Warnings and info messages are ignored (``--errors-only``).  A path that
    does not exist is reported as an error (vnu itself silently skips it).

    The whole command line goes through a java @argument-file, so thousands
    of files cost one JVM start and no "argument list too long".
    """
    jar = require("vnu.jar", vnu_jar())
    java_exe = require("java", java())
    errors: list[str] = []
    targets: list[str] = []
    for p in paths:
        p = Path(p)
        if not p.exists():
            errors.append(f"{p}:0: file does not exist")
        else:
            targets.append(str(p.resolve()))
    if not targets:
        return errors

    # -XX:TieredStopAtLevel=1 -XX:+UseSerialGC: a short run, so the quick compiler only and one collector
    # thread: half the CPU time of the defaults, for the same report
    args = ["-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(jar), "--errors-only", "--format", "json",
            "--stdout", "--exit-zero-always", *targets]
    with tempfile.TemporaryDirectory(prefix="majalla-vnu-") as tmp:
        argfile = Path(tmp) / "args"
        # java @argfile syntax: one argument a line, double-quoted and with
        # backslashes escaped so spaces and odd characters survive.
        argfile.write_text(
            "\n".join('"' + a.replace("\\", "\\\\").replace('"', '\\"') + '"' for a in args) + "\n",
            encoding="utf-8",
        )
        proc = subprocess.run(
            [str(java_exe), f"@{argfile}"],
            capture_output=True, text=True, encoding="utf-8", timeout=timeout,
        )
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        raise RuntimeError(
            f"vnu did not produce JSON (exit {proc.returncode}):\n"
            f"{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
        ) from None
    if proc.returncode != 0:
        raise RuntimeError(f"vnu failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}")

    for msg in report.get("messages", []):
        if msg.get("type") == "info":  # defensive: --errors-only drops these
            continue
        where = _url_to_path(msg.get("url", "?"))
        line = msg.get("lastLine", msg.get("firstLine", 0))
        kind = msg.get("subType") or msg.get("type", "error")
        prefix = "" if kind == "error" else f"{kind}: "
        errors.append(f"{where}:{line}: {prefix}{msg.get('message', '').strip()}")
    return errors


# --------------------------------------------------------------------------
# Serving a built site
# --------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".mjs": "text/javascript; charset=utf-8",
        ".json": "application/json",
        ".xml": "application/xml",
        ".svg": "image/svg+xml",
        ".webp": "image/webp",
        ".avif": "image/avif",
        ".woff2": "font/woff2",
        ".woff": "font/woff",
        ".webmanifest": "application/manifest+json",
    }

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # browsers drop connections; no tracebacks on stderr


@contextlib.contextmanager
def serve_directory(path: Path | str, handler_class: type | None = None) -> Iterator[str]:
    """Serve `path` over HTTP on 127.0.0.1 (ephemeral port) in a thread (with `handler_class`, a subclass of
    _QuietHandler, for a host's own rules). Yields the base URL, ending with "/"."""
    root = Path(path).resolve()
    if not root.is_dir():
        raise NotADirectoryError(root)
    handler = functools.partial(handler_class or _QuietHandler, directory=str(root))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="serve_directory", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --------------------------------------------------------------------------
# Browser (Playwright + system Chromium)
# --------------------------------------------------------------------------


@contextlib.contextmanager
def browser(*, headless: bool = True) -> Iterator[Any]:
    """Launch the system Chromium through Playwright; yields a Browser."""
    sync_api = require("playwright (python package)", playwright())
    exe = require("chromium", chromium())
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(exe), headless=headless, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@dataclass
class OpenedPage:
    """A page plus what was seen while it loaded (lists keep growing while
    the page lives, e.g. after clicks)."""

    page: Any
    external_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def close(self) -> None:
        self.page.context.close()


def is_local_url(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


def open_page(
    browser: Any,
    url: str,
    width: int = 1280,
    height: int = 800,
    *,
    wait_until: str = "load",
    **context_options: Any,
) -> OpenedPage:
    """Open `url` in a fresh context with a width x height viewport.

    Every request to a host other than 127.0.0.1/localhost is aborted and
    its URL recorded in `external_requests`.  Console errors and uncaught
    page errors go to `console_errors`, except Chromium's own
    "Failed to load resource" messages for the requests aborted here.
    Extra keyword arguments go to `browser.new_context` (e.g. locale,
    color_scheme, reduced_motion).
    """
    context = browser.new_context(viewport={"width": width, "height": height}, **context_options)
    page = context.new_page()
    opened = OpenedPage(page=page)

    def route(route: Any) -> None:
        request_url = route.request.url
        if is_local_url(request_url):
            route.continue_()
        else:
            opened.external_requests.append(request_url)
            route.abort("blockedbyclient")

    def on_console(msg: Any) -> None:
        if msg.type != "error":
            return
        source = (msg.location or {}).get("url", "")
        if source in opened.external_requests and msg.text.startswith("Failed to load resource"):
            return
        if not source and msg.text.startswith("Executing inline script violates"):
            return  # a tool's injected script (add_script_tag) hit the page's CSP
        opened.console_errors.append(f"console: {msg.text} ({source})" if source else f"console: {msg.text}")

    def on_page_error(error: Any) -> None:
        opened.console_errors.append(f"pageerror: {error}")

    context.route("**/*", route)
    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    page.goto(url, wait_until=wait_until)
    return opened


# --------------------------------------------------------------------------
# Accessibility (axe-core)
# --------------------------------------------------------------------------

_AXE_RUN = """async (options) => {
  const result = await axe.run(document, options);
  return result.violations.map(v => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.map(n => n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(' | ')),
  }));
}"""


def run_axe(
    page: Any,
    *,
    impacts: tuple[str, ...] = ("serious", "critical"),
    options: dict | None = None,
) -> list[dict]:
    """Run axe-core on the page's current document and return violations of
    the given impacts as dicts {id, impact, help, helpUrl, targets}."""
    script = require("axe-core (axe.min.js)", axe_js())
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        has_csp_meta = page.evaluate(
            "() => !!document.querySelector('meta[http-equiv=\"Content-Security-Policy\" i]')"
        )
        injected = False
        if not has_csp_meta:
            try:
                page.add_script_tag(path=str(script))
                injected = True
            except Exception:
                pass  # CSP sent as an HTTP header: fall back below
        if not injected:
            # A Content-Security-Policy forbids the inline <script> that
            # add_script_tag makes; evaluate() is not subject to the CSP.
            page.evaluate(script.read_text(encoding="utf-8") + "\n;undefined")
    violations = page.evaluate(_AXE_RUN, options or {"resultTypes": ["violations"]})
    return [v for v in violations if v.get("impact") in impacts]
