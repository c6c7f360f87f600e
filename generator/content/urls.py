"""Where things live: site paths, their percent-encoded links, absolute permalinks, files on disk."""
from __future__ import annotations

from urllib.parse import urlsplit

from ..config import Config
from ..text.arabic import url_quote


class Urls:
    """URL building for one site: every path starts with base_url's path ("/" or "/magazine/")."""

    def __init__(self, config: Config):
        self.base = config.base_path
        parts = urlsplit(config.base_url)
        self.origin = f"{parts.scheme}://{parts.netloc}"

    def path(self, *segments: object, file: str | None = None) -> str:
        """"/ar/2024/06/slug/" (unquoted, for the model), or ".../feed.xml" with `file`."""
        inner = "/".join(str(s) for s in segments if s not in (None, ""))
        path = self.base + (inner + "/" if inner else "")
        return path + file if file else path

    def article(self, lang: str, date, slug: str) -> str:
        """An article's path, "/ar/2024/06/slug/": the month of its date in the site's timezone."""
        return self.path(lang, date.year, f"{date.month:02d}", slug)

    @staticmethod
    def link(path: str) -> str:
        """The href of a path: percent-encoded UTF-8."""
        return url_quote(path)

    def absolute(self, path: str) -> str:
        return self.origin + url_quote(path)

    def file(self, path: str) -> str:
        """The output file of a path, relative to output/: ".../slug/index.html", "ar/feed.xml"."""
        inner = path[len(self.base):] if path.startswith(self.base) else path.lstrip("/")
        return inner + "index.html" if inner.endswith("/") or not inner else inner

    def paginated(self, first: str, number: int) -> str:
        return first if number == 1 else f"{first}page/{number}/"
