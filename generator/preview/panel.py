"""What the preview adds to the pages it serves: livereload's script and, after a failed build, a panel naming
every problem at its path:line; and the 404 page nearest a missing address (serve.py serves them)."""
from __future__ import annotations

import html
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import Problem
from ..pages.not_found import FILE as NOT_FOUND

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
    Cloudflare Pages does and as the recipes of docs/publishing.md make other hosts do. None when there is none."""
    parts = [p for p in unquote(request_path).split("/") if p not in ("", ".", "..")]
    for n in range(len(parts), -1, -1):
        page = out.joinpath(*parts[:n], NOT_FOUND)
        if os.path.isfile(page):  # False for a name too long or with a NUL, where Path.is_file raises
            return page
    return None


class Reloads:
    """Which reload each page the preview served was served after. A reload told while a browser was loading
    a page (its socket not yet connected: two builds a tenth of a second apart) would be lost, and the page
    stay as it was; when that page's socket then says which page it shows, it is told to reload again."""

    def __init__(self):
        self.count = 0  # reloads told
        self.served: dict[str, int] = {}  # page path -> the count when it was last served

    def page_served(self, path: str) -> None:
        self.served[path] = self.count

    def told(self) -> None:
        self.count += 1

    def missed(self, url: str) -> bool:
        """Was the page at `url` (as its socket names it) served before the last reload told?"""
        return self.served.get(urlsplit(url).path, self.count) < self.count
