"""What to write instead: the fix of a writer's everyday front-matter mistakes, spelled out as the line to write.

Writers read the messages, not the guide: each hint here names the mistake in the writer's terms and gives
the corrected line (`tags: [اقتصاد, مجتمع]`, `title: "الرباط: انطلاق المؤتمر"`)."""
from __future__ import annotations

import re

ARABIC_SEPARATORS = {"،": "Arabic comma", "؛": "Arabic semicolon"}  # what an Arabic keyboard types for ","
SEPARATORS = re.compile("[,،؛]")
NAME_OF = {"tags": "tag", "author": "name"}


def flow_list(key: str, items) -> str:
    """The line `key: [a, b]`, an item quoted when YAML would misread it bare."""
    return f"{key}: [" + ", ".join(flow_item(i) for i in items) + "]"


def flow_item(item: str) -> str:
    if re.search(r"""[\[\]{}:#,"'&*!|>%@`]""", item) or item != item.strip() or not item:
        return quoted(item)
    return item


def quoted(text: str) -> str:
    """A YAML scalar in double quotes (backslashes and quotes escaped)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def split_names(text: str) -> list[str]:
    return [part.strip() for part in SEPARATORS.split(text) if part.strip()]


def string_for_list(key: str, value: str) -> str:
    """The fix of `tags: اقتصاد` (one name) or `tags: اقتصاد، مجتمع` (several, with any comma)."""
    names = split_names(value)
    if len(names) > 1:
        return f" (write {flow_list(key, names)})"
    return f" (write {flow_list(key, names or [value])} for one)"


def separator_in_list(key: str, items: tuple[str, ...]) -> str | None:
    """A message when a name of a tags:/author: list holds «،» or «؛»: the writer meant two names."""
    for item in items:
        found = [ch for ch in ARABIC_SEPARATORS if ch in item]
        if not found:
            continue
        ch = found[0]
        fixed = [name for i in items for name in (split_names(i) if any(c in i for c in ARABIC_SEPARATORS) else [i])]
        what = NAME_OF.get(key, "name")
        return (f'{key}: "{item}" is one {what} with an {ARABIC_SEPARATORS[ch]} («{ch}») in it; separate '
                f"{what}s with a Latin comma (,): {flow_list(key, fixed)}")
    return None


def closing_line(text: str) -> int:
    """The line of the "---" that closes the front matter (the second line that is "---")."""
    marks = [n for n, line in enumerate(text.splitlines(), 1) if line.rstrip() == "---"]
    return marks[1] if len(marks) > 1 else 1


NO_TEXT = ('the article has no text: write it below this line ("---"), or add "draft: true" to its front matter '
           "to keep it out of the site until it is written")
