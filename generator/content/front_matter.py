"""An article's front matter, read and written: one home for its YAML.

Read: the file split into its YAML and its body, the YAML read into keys, values and their lines, safely (no
implicit timestamps, size limits, the known mistakes hinted and read past).

Written as majalla writes it (`new`, `import-wordpress`), the YAML that the reader reads back with the same
values:

- the keys in the order of the writer's guide (docs/writing.md, "The front matter"), then any other key in the
  order given;
- Arabic and every other script as they are, never as \\u escapes; one line per value, however long; a list
  of names in brackets on one line;
- dates as plain text, `date: 2025-06-01T10:00:00+01:00`, as writers type them: the reader has no implicit
  timestamps (a date stays text there, to be checked), so the writer quotes only what that reader would take
  for something else than text (`"2030"`, `"yes"`, a title with `: `)."""
from __future__ import annotations

import frontmatter
import yaml

from . import front_matter_hints as hints, limits

NO_TIMESTAMPS = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class FrontMatterLoader(yaml.SafeLoader):
    """YAML without implicit timestamps: dates stay text, so that a wrong one is reported, not crashed on."""

    yaml_implicit_resolvers = NO_TIMESTAMPS


if yaml.__with_libyaml__:
    class FastLoader(yaml.CSafeLoader):
        """The same YAML read by libyaml, about ten times faster; a document it rejects is read again by
        FrontMatterLoader, whose messages and marks are the ones writers see."""

        yaml_implicit_resolvers = NO_TIMESTAMPS
else:  # pragma: no cover - PyYAML built without libyaml
    FastLoader = None

HANDLER = frontmatter.YAMLHandler()


def split(text: str) -> tuple[str | None, str, int, str]:
    """(front matter, body, line of the front matter's first line in the file, error)."""
    if not text.strip():
        return None, "", 1, "is empty: an article starts with front matter (---, title:, date:, ---)"
    if not HANDLER.detect(text):
        return None, "", 1, ('has no front matter: did you forget "---"? An article starts with a line "---", '
                             'then "title: ..." and "date: ...", then "---"')
    try:
        fm, body = HANDLER.split(text)
    except ValueError:
        return None, "", 1, 'front matter is not closed: add a line "---" after its last key'
    return fm, body, text[: text.index(fm)].count("\n") + 1 if fm else 2, ""


def load_mapping(fm: str, first_line: int, retries: int = 10) -> tuple[dict, dict, list[tuple[int, str]]]:
    """({key: value}, {key: line}, [(line, problem)]) from front matter YAML. A mistake whose fix is known
    (front_matter_hints) is reported, and the fixed text read on (`retries` times), for the other mistakes."""
    if refused := limits.front_matter(fm, first_line):
        return {}, {}, refused
    if FastLoader is not None:
        loader = None
        try:
            loader = FastLoader(fm)
            return read_mapping(loader, first_line)
        except yaml.YAMLError:
            pass  # reported below, as the pure-Python reader words it
        finally:
            if loader is not None:
                loader.dispose()
    try:
        loader = FrontMatterLoader(fm)
    except yaml.reader.ReaderError as exc:
        return {}, {}, [(first_line + fm[: exc.position].count("\n"),
                         f"front matter holds the character U+{exc.character:04X}, which YAML does not allow; "
                         f"remove it")]
    try:
        return read_mapping(loader, first_line)
    except yaml.MarkedYAMLError as exc:
        mistake = hints.yaml_mistake(fm, first_line, exc)
        if mistake:
            line, message, fixed = mistake
            if not retries or fixed == fm:
                return {}, {}, [(line, message)]
            values, lines, more = load_mapping(fixed, first_line, retries - 1)
            return values, lines, [(line, message), *more]
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        what = exc.problem or "unreadable"
        if exc.context and exc.context_mark and exc.context_mark.line != (mark.line if mark else -1):
            what += f" ({exc.context} at line {first_line + exc.context_mark.line})"
        return {}, {}, [(line, f"front matter is not valid YAML: {what}")]
    except yaml.YAMLError as exc:
        return {}, {}, [(first_line, f"front matter is not valid YAML: {exc}")]
    finally:
        loader.dispose()


def read_mapping(loader, first_line: int) -> tuple[dict, dict, list[tuple[int, str]]]:
    """load_mapping's result from a loader; YAML errors are raised."""
    node = loader.get_single_node()
    if node is None:
        return {}, {}, []
    if not isinstance(node, yaml.MappingNode):
        kind = {"tag:yaml.org,2002:seq": "a list", "tag:yaml.org,2002:str": "a string"}.get(node.tag, "not keys")
        return {}, {}, [(first_line + node.start_mark.line,
                         f"front matter is {kind}; it must be keys and values (title: ..., date: ...)")]
    values, lines, problems = {}, {}, []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = first_line + key_node.start_mark.line
        if not isinstance(key, str):
            problems.append((line, f"{key!r} is not a key name"))
            continue
        if key in values:
            problems.append((line, f'"{key}" is given twice (first at line {lines[key]})'))
            continue
        values[key] = loader.construct_object(value_node, deep=True)
        lines[key] = line
        if isinstance(value_node, yaml.SequenceNode):  # "corrections.0", "corrections.0.date": each entry's line
            for n, item in enumerate(value_node.value):
                lines[f"{key}.{n}"] = first_line + item.start_mark.line
                if isinstance(item, yaml.MappingNode):
                    for sub, _ in item.value:
                        if isinstance(sub, yaml.ScalarNode):
                            lines.setdefault(f"{key}.{n}.{sub.value}", first_line + sub.start_mark.line)
        elif isinstance(value_node, yaml.MappingNode):  # "pinned.until": a key's line in a set of keys
            for sub, _ in value_node.value:
                if isinstance(sub, yaml.ScalarNode):
                    lines.setdefault(f"{key}.{sub.value}", first_line + sub.start_mark.line)
    return values, lines, problems


# ---- written ----------------------------------------------------------------------------------------

ORDER = (  # docs/writing.md's table of keys (tests/test_new.py holds them to it)
    "title", "date", "updated", "author", "translator", "dateline", "section", "tags", "translation_key", "slug",
    "summary", "image", "image_alt", "image_caption", "image_credit", "featured", "draft", "lang", "aliases",
    "corrections", "series", "part", "expires", "pinned", "breaking",
)
PLACE = {key: n for n, key in enumerate(ORDER)}

DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter: the same bytes, 6 times as fast


class Dumper(DUMPER):
    """Quotes a text only where the front matter's reader (YAML without implicit timestamps) would read it as
    another type."""

    yaml_implicit_resolvers = NO_TIMESTAMPS  # the reader's: Loader and Dumper share PyYAML's resolvers


def represent_list(dumper: Dumper, data: list):
    """A list of names on one line, in brackets, as the guide writes them (`tags: [السياحة, النقل البحري]`); a
    list of entries (`corrections:`) one entry a line."""
    flow = bool(data) and all(isinstance(v, (str, int, float, bool)) for v in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


Dumper.add_representer(list, represent_list)


def ordered(meta: dict) -> dict:
    """`meta` with its keys in the guide's order, the others after them as they came."""
    return dict(sorted(meta.items(), key=lambda kv: PLACE.get(kv[0], len(ORDER))))


def front_matter(meta: dict) -> str:
    """The front matter block, from its first "---" line to its last."""
    text = yaml.dump(ordered(meta), Dumper=Dumper, allow_unicode=True, sort_keys=False, width=10_000,
                     default_flow_style=False)
    return f"---\n{text}---\n"


def dump(meta: dict, body: str) -> bytes:
    """A whole article file: its front matter, then its text."""
    return (front_matter(meta) + body).encode("utf-8")
