"""Scripts in what a site publishes as it is: an article's HTML (a `<script>`, an `on…=` event handler, a
`javascript:` address) and its SVG pictures (which run their scripts when opened on their own). The writers of
a site are trusted: by default these are published as they are, and said in a note; `refuse_scripts = true`
in site.toml makes each an error at its line (a site that merges contributors' pull requests)."""
from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

from ..confine import escape

SETTING = "refuse_scripts"
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "to", "from",
                  "values"}
# A cheap look first: most texts hold none of these, and are not parsed again
LOOK = re.compile(r"<script|\bon[a-z]+\s*=|script\s*:|&#|&colon;|&tab;|&newline;", re.I)
NOT_IN_URLS = re.compile(r"[\x00-\x20]+")  # what browsers drop from an address before reading its scheme


class Finder(HTMLParser):
    """(line in the text, what) of each script-like thing, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if tag == "script":
            self.found.append((line, "<script>"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((line, f"an event handler ({name}=)"))
            elif name in URL_ATTRIBUTES and value and script_url(value):
                self.found.append((line, f'a javascript: address ({name}="{value[:40]}")'))

    handle_startendtag = handle_starttag


def script_url(value: str) -> bool:
    return NOT_IN_URLS.sub("", value).lower().startswith(("javascript:", "vbscript:"))


def found_in(text: str) -> list[tuple[int, str]]:
    """Every script-like thing of an HTML or SVG text, (its line, what it is); [] for most texts, at once."""
    if not LOOK.search(text):
        return []
    finder = Finder()
    try:
        finder.feed(text)
        finder.close()
    except (AssertionError, ValueError):  # markup too broken to read: what was found before stands
        pass
    return finder.found


def source_line(what: str, lines: list[str], start: int) -> int:
    """The line of the Markdown (from `start`, the body's first) that writes `what`: found by its words."""
    needle = {"<script>": "<script"}.get(what) or re.search(r"\((\S+?=)", what).group(1).lower()
    needle = "javascript:" if what.startswith("a javascript:") else needle
    for n, line in enumerate(lines[start - 1:], start):
        if needle in line.lower():
            return n
    return start


def body_problems(html: str, text: str, start: int) -> list[tuple[int, str]]:
    """(line of the article file, what) of each kind of script in its body's HTML, once per kind."""
    seen, found = set(), []
    lines = text.splitlines()
    for _, what in found_in(html):
        kind = what.split(" (")[0]
        if kind not in seen:
            seen.add(kind)
            found.append((source_line(what, lines, start), what))
    return found


def body_message(what: str, refused: bool) -> str:
    if refused:
        return (f"{what} in the text: {SETTING} = true in site.toml refuses scripts in articles; remove it "
                "(for a video or a map, link to it)")
    return (f"{what} in the text is published as it is and runs in readers' browsers; {SETTING} = true in "
            "site.toml refuses scripts in articles")


def svg_message(what: str, refused: bool) -> str:
    if refused:
        return (f"{what} in an SVG picture: {SETTING} = true in site.toml refuses scripts in pictures; remove it, "
                "or export the picture again as plain SVG")
    return (f"{what} in an SVG picture, which is published as it is and runs it when opened; {SETTING} = true in "
            "site.toml refuses scripts in pictures")


def svg_problems(root: Path, files, refused: bool, problems) -> None:
    """Each script of the site's SVG pictures (beside the articles, `files`, and in static/): an error at its line
    when `refused`, else a note. A picture that cannot be read is the copy's to report."""
    svgs = [(f.source, f.path) for f in files if f.path.suffix.lower() == ".svg"]
    static = root / "static"
    if static.is_dir() and not escape(static, root):
        for folder, _, names in os.walk(static):
            svgs += [(Path(folder, n).relative_to(root).as_posix(), Path(folder, n)) for n in sorted(names)
                     if n.lower().endswith(".svg")]
    for source, path in sorted(svgs):
        if escape(path, root):
            continue
        try:
            text = path.read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        seen = set()
        for line, what in found_in(text):
            if what.split(" (")[0] not in seen:
                seen.add(what.split(" (")[0])
                (problems.error if refused else problems.note)(source, line, svg_message(what, refused))
