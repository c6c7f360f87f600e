"""An article's old URLs (`aliases:`): checked, normalized site paths; the build writes a redirect page at each.
WordPress's short links (`/?p=123`, `/?page_id=45`, in a folder or after index.php) are the one kind with a
query string: the root and not-found pages find them (pages/old_links.py)."""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

from . import names

SEGMENT_BYTES = 255  # one folder or file name on any file system
FILE_SUFFIXES = (".html", ".htm")  # an alias ending so is a file; any other is a folder with index.html
WORDPRESS_ID = re.compile(r"(?:index\.php)?\?(p|page_id)=0*([0-9]{1,19})")  # after the folder: "?p=123"


def normalize(alias: str) -> tuple[str | None, str]:
    """("/2024/06/26/اقتصاد-الرعاية/", "") or (None, why the alias cannot be a redirect page).

    Percent-decoded, NFC, with a leading slash and, unless it names an .html file, a trailing slash."""
    text = alias.strip()
    parts = urlsplit(text)
    if parts.scheme or parts.netloc or text.startswith("//"):
        return None, f'alias "{alias}" is a full address; write only its path (/2024/06/26/old-slug/)'
    if parts.query or "?" in text:
        return short_link(alias)
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
    if any(names.reserved(s) for s in segments):
        part = next(s for s in segments if names.reserved(s))
        return None, f'alias "{alias}" has a part "{part}", {names.RESERVED_WHY}; write the alias without it'
    if any(len(s.encode()) > SEGMENT_BYTES for s in segments):
        return None, (f'alias "{alias}" has a part longer than {SEGMENT_BYTES} bytes, more than a file name may '
                      "be; shorten it")
    folder = not segments[-1].lower().endswith(FILE_SUFFIXES)
    return "/" + "/".join(segments) + ("/" if folder else ""), ""


def short_link(alias: str) -> tuple[str | None, str]:
    """("/?p=123", "") for WordPress's `[folder/][index.php]?p=123` or `?page_id=45`, the ID without leading
    zeros; (None, why) for any other query string."""
    head, _, tail = alias.strip().partition("?")
    folder, _, last = head.rpartition("/")
    found = WORDPRESS_ID.fullmatch(f"{last}?{tail}") if head.startswith("/") and last in ("", "index.php") else None
    path, why = normalize(folder + "/") if found else (None, "")
    if path is None:
        return None, why or (f'alias "{alias}" has a query string (?…): a static host cannot serve it, so no '
                             "redirect page can be written for it (only WordPress's /?p=123 and /?page_id=45 are "
                             "kept: the root page finds them)")
    return f"{path}?{found.group(1)}={int(found.group(2))}", ""
