"""An article's old URLs (`aliases:`): checked, normalized site paths; the build writes a redirect page at each."""
from __future__ import annotations

import unicodedata
from urllib.parse import unquote, urlsplit

SEGMENT_BYTES = 255  # one folder or file name on any file system
FILE_SUFFIXES = (".html", ".htm")  # an alias ending so is a file; any other is a folder with index.html


def normalize(alias: str) -> tuple[str | None, str]:
    """("/2024/06/26/اقتصاد-الرعاية/", "") or (None, why the alias cannot be a redirect page).

    Percent-decoded, NFC, with a leading slash and, unless it names an .html file, a trailing slash."""
    text = alias.strip()
    parts = urlsplit(text)
    if parts.scheme or parts.netloc or text.startswith("//"):
        return None, f'alias "{alias}" is a full address; write only its path (/2024/06/26/old-slug/)'
    if parts.query or "?" in text:
        return None, (f'alias "{alias}" has a query string (?…): a static host cannot serve it, so no redirect '
                      f"page can be written for it")
    if parts.fragment or "#" in text:
        return None, f'alias "{alias}" has a #fragment, which never reaches the server; remove it'
    try:
        path = unicodedata.normalize("NFC", unquote(parts.path, errors="strict"))
    except UnicodeDecodeError:
        return None, f'alias "{alias}" has percent-escapes that are not UTF-8 text'
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in path) or "\\" in path:
        return None, f"alias {alias!r} contains control characters or a backslash"
    segments = [s for s in path.split("/") if s]
    if any(s in ("..", ".") for s in segments):
        return None, f'alias "{alias}" leaves the site\'s folder ("..", "."); write a path from the site root'
    if not segments:
        return "/", ""
    if any(len(s.encode()) > SEGMENT_BYTES for s in segments):
        return None, (f'alias "{alias}" has a part longer than {SEGMENT_BYTES} bytes, more than a file name may '
                      "be; shorten it")
    folder = not segments[-1].lower().endswith(FILE_SUFFIXES)
    return "/" + "/".join(segments) + ("/" if folder else ""), ""
