"""Names that look right and are not: invisible characters (zero-width joiners, bidi controls, other
default-ignorable code points) in a file name or a tag, and the names Windows reserves (CON, NUL, AUX, PRN,
COM1-9, LPT1-9, with any extension, in any case) as a file, a folder or a URL segment.

Invisible characters are a warning: the site works everywhere, but two names that look alike are two
addresses, two tags (and some are legitimate: the zero-width non-joiner of Persian). A reserved name is an
error: a file or folder so named cannot be checked out nor written on Windows (git refuses the clone, and a
writer's `majalla serve` could not write the page), and the fix is one rename."""
from __future__ import annotations

import unicodedata

RESERVED = {"con", "prn", "aux", "nul", *(f"{p}{n}" for p in ("com", "lpt") for n in "123456789¹²³")}
RESERVED_WHY = ("a name Windows reserves (CON, PRN, AUX, NUL, COM1 to COM9, LPT1 to LPT9, with any extension): "
                "the site could not be checked out or built on Windows")
# Default_Ignorable_Code_Point characters that are not format characters (Cf): fillers, variation selectors
IGNORABLE = {0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0, *range(0x180B, 0x1810), *range(0xFE00, 0xFE10),
             *range(0xE0100, 0xE01F0)}


def reserved(segment: str) -> bool:
    """Is `segment` (a file or folder name, a URL segment) one Windows reserves, "con", "NUL.txt", "aux.md"?"""
    return segment.split(".")[0].rstrip(" ").lower() in RESERVED


def invisible(text: str) -> list[str]:
    """The invisible characters of `text`, as "U+200D ZERO WIDTH JOINER", each once."""
    if text.isascii():  # no invisible character is ASCII: most names, looked at once per build
        return []
    found = [ch for ch in text if unicodedata.category(ch) == "Cf" or ord(ch) in IGNORABLE]
    return [f"U+{ord(ch):04X} {unicodedata.name(ch, 'an unnamed character')}" for ch in dict.fromkeys(found)]


def shown(text: str) -> str:
    """`text` as it looks: without its invisible characters."""
    return "".join(ch for ch in text if not invisible(ch))


def invisible_message(what: str, text: str) -> str | None:
    """The warning for `what` ("its name", 'tag "x"') when `text` holds invisible characters, else None."""
    found = invisible(text)
    if not found:
        return None
    return (f"{what} holds {'an invisible character' if len(found) == 1 else 'invisible characters'} "
            f"({', '.join(found)}): it looks like \"{shown(text)}\" but is another name; remove "
            f"{'it' if len(found) == 1 else 'them'}, unless the language needs it (the non-joiner of Persian)")
