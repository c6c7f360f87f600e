"""What to write instead: the fix of a writer's everyday front-matter mistakes, spelled out as the line to write.

Writers read the messages, not the guide: each hint here names the mistake in the writer's terms and gives
the corrected line (`tags: [اقتصاد, مجتمع]`, `title: "الرباط: انطلاق المؤتمر"`)."""
from __future__ import annotations

import re

# what an Arabic keyboard types for "," (and a French writer's habit): never inside one tag or name
ARABIC_SEPARATORS = {"،": "an Arabic comma", "؛": "an Arabic semicolon", ";": "a semicolon"}
SEPARATORS = re.compile("[,،؛;]")
ENTITY = re.compile(r"&[A-Za-z0-9#]{1,6};")  # "&amp;" in a name is text, not a list: its ";" separates nothing
NAME_OF = {"tags": "tag", "author": "name", "translator": "name"}


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
    hidden = ENTITY.sub(lambda m: m.group().replace(";", "\0"), text)  # an entity's ";" separates nothing
    return [part.strip().replace("\0", ";") for part in SEPARATORS.split(hidden) if part.strip()]


def string_for_list(key: str, value: str) -> str:
    """The fix of `tags: اقتصاد` (one name) or `tags: اقتصاد، مجتمع` (several, with any comma)."""
    names = split_names(value)
    if len(names) > 1:
        return f" (write {flow_list(key, names)})"
    return f" (write {flow_list(key, names or [value])} for one)"


def separator_in_list(key: str, items: tuple[str, ...]) -> str | None:
    """A message when a name of a tags:/author: list holds «،» or «؛»: the writer meant two names."""
    for item in items:
        found = [ch for ch in ARABIC_SEPARATORS if ch in ENTITY.sub("", item)]
        if not found:
            continue
        ch = found[0]
        fixed = [name for i in items for name in (split_names(i) if any(c in ENTITY.sub("", i) for c in ARABIC_SEPARATORS)
                                                 else [i])]
        what = NAME_OF.get(key, "name")
        return (f'{key}: "{item}" is one {what} with {ARABIC_SEPARATORS[ch]} («{ch}») in it; separate '
                f"{what}s with a Latin comma (,): {flow_list(key, fixed)}")
    return None


def closing_line(text: str) -> int:
    """The line of the "---" that closes the front matter (the second line that is "---")."""
    marks = [n for n, line in enumerate(text.splitlines(), 1) if line.rstrip() == "---"]
    return marks[1] if len(marks) > 1 else 1


NO_TEXT = ('the article has no text: write it below this line ("---"), or add "draft: true" to its front matter '
           "to keep it out of the site until it is written")


# ---- YAML mistakes: the line to write instead ------------------------------------------------------------
KEY_VALUE = re.compile(r"^([^\s:#'\"\[{-][^:]*?):[ \t]+(.*\S)\s*$")
INDENTED_KEY = re.compile(r"^([ \t]+)([^\s:#-][^:]*?):(\s|$)")


def yaml_quoted(value: str) -> str:
    """A value in the quotes a writer reads most easily: double, or single when it holds a double quote."""
    if '"' in value and "'" not in value:
        return f"'{value}'"
    return quoted(value)


def yaml_mistake(fm: str, first_line: int, exc) -> tuple[int, str, str] | None:
    """(line, message, the front matter with that line fixed) for the YAML errors writers make most, each
    message with its fix; None for the others. `exc` is PyYAML's MarkedYAMLError on `fm`, whose first line
    is `first_line` of the file. The fixed text lets the reader go on, to report the next mistakes too."""
    lines = fm.split("\n")
    problem, mark, context = exc.problem or "", exc.problem_mark, exc.context_mark

    def line_of(m) -> str:
        return lines[m.line] if m is not None and m.line < len(lines) else ""

    def fixed(m, line: str) -> str:
        return "\n".join(lines[:m.line] + [line] + lines[m.line + 1:])

    if "'\\t'" in problem and mark is not None:
        return first_line + mark.line, ("the front matter holds a tab, which YAML does not allow there: "
                                        "replace the tab with spaces"), fixed(mark, line_of(mark).replace("\t", "  "))
    if problem == "mapping values are not allowed here" and mark is not None:
        raw = line_of(mark)
        indented = INDENTED_KEY.match(raw)
        stripped = raw.strip()
        bullet = "- " if stripped.startswith("- ") else ""  # a key of a list's entry (corrections:)
        pair = KEY_VALUE.match(stripped[len(bullet):])
        if pair and (not (indented or bullet) or ":" in pair.group(2)):  # a colon in the value, not a stray indent
            key, value = pair.group(1).strip(), pair.group(2)
            line = f"{key}: {yaml_quoted(value)}"
            return first_line + mark.line, (f'the {key} holds a colon (":"), which YAML reads as one more key: put '
                                            f"the {key} in quotes: {line}"), fixed(mark, raw[:len(raw) - len(raw.lstrip())]
                                                                                 + bullet + line)
        if indented:
            key = indented.group(2)
            return first_line + mark.line, (f'"{key}:" starts with spaces: start it at the beginning of the line, '
                                            f"like the other keys: {raw.strip()}"), fixed(mark, raw.strip())
    if exc.context == "while scanning a quoted scalar" and "end of stream" in problem and context is not None:
        quote = fm[context.index] if context.index < len(fm) else '"'
        line = line_of(context).rstrip() + quote
        return first_line + context.line, (f"the quote ({quote}) that opens here is never closed: end the value "
                                           f"with {quote} too: {line.strip()}"), fixed(context, line)
    if exc.context == "while parsing a flow sequence" and context is not None and "]" not in line_of(context):
        line = line_of(context).rstrip() + "]"
        return first_line + context.line, ('the list ("[") that opens here is never closed: end it with "]": '
                                           f"{line.strip()}"), fixed(context, line)
    return None
