"""Limits on what one article may hold, so that a few bytes of input never cost minutes and gigabytes: each
one refused with the file's line and the limit (listed in the README)."""
from __future__ import annotations

import yaml

MAX_DEPTH = 32  # levels of lists and keys inside each other, in front matter and in the text
MAX_NAMES = {"tags": 100, "author": 20, "aliases": 100}  # names in one article's list


def front_matter(fm: str, first_line: int) -> list[tuple[int, str]]:
    """[(line, problem)] for YAML aliases (a 3-line "billion laughs" expands to gigabytes) and nesting deeper
    than MAX_DEPTH (deep YAML exhausts the recursion of its reader). Front matter that cannot hold either
    (no "*", fewer lines and brackets than the limit) is not read twice."""
    if "*" not in fm and fm.count("\n") + fm.count("[") + fm.count("{") < MAX_DEPTH:
        return []
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    depth = 0
    try:
        for event in yaml.parse(fm, Loader=loader):
            line = first_line + event.start_mark.line
            if isinstance(event, yaml.AliasEvent):
                return [(line, f"front matter uses the YAML alias *{event.anchor}; write the value out instead "
                               "(aliases are refused: a few of them can stand for millions of values)")]
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH + 1:  # the front matter's own keys are the first level
                    return [(line, f"front matter nests lists and keys more than {MAX_DEPTH} levels deep")]
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return []  # not YAML: the reader says where
    return []


def names(key: str, count: int) -> str | None:
    """The problem of a list of `count` names under `key`, past its limit."""
    limit = MAX_NAMES.get(key)
    if limit is None or count <= limit:
        return None
    return f'"{key}" holds {count} names; an article may have at most {limit}'


def text_depth(body: str, first_line: int) -> list[tuple[int, str]]:
    """[(line, problem)] for lists and quotes nested more than MAX_DEPTH levels in the text: Markdown reads
    them by recursion (a list nests by 4 spaces, a quote by ">")."""
    for n, line in enumerate(body.split("\n")):
        expanded = line.expandtabs(4)
        stripped = expanded.lstrip(" ")
        marks = stripped[: len(stripped) - len(stripped.lstrip("> "))].count(">")
        if (len(expanded) - len(stripped)) // 4 + marks > MAX_DEPTH:
            return [(first_line + n, f"the text nests lists or quotes more than {MAX_DEPTH} levels deep")]
    return []


def not_text(value: str) -> bool:
    """Does `value` hold a lone surrogate ("\\ud800" in YAML): not a character, and not writable as UTF-8?"""
    return any("\ud800" <= ch <= "\udfff" for ch in value)
