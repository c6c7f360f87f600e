"""The pages of docs/ that are made from the code, so that they cannot drift from it:

    python scripts/docs.py           # writes them
    python scripts/docs.py --check   # says which committed page differs from what it would write (exit code 1)

- docs/settings.md: every key of site.toml with its type and default, from the typed settings (settings_spec);
- docs/commands.md: every command and option, from the command line's own parser (command_parser: the commands
  generator/cli.py lists, each with the options its module of generator/commands/ adds), and the environment
  variables the generator reads;
- docs/errors.md: every mistake of tests/bad_input_catalogue.py with the exact message the build (or, for a case
  of `command="check"`, `check --strict`) gives: the messages tests/test_bad_input.py checks;
- docs/template-data.md: the theme contract of generator/pages/contract.py (every key, the templates that
  receive it, the fields of every view, the filters), and which templates of the shipped theme read each key.

The words the code does not hold (what a setting is for, how to fix a mistake, what a filter does) are in
scripts/docs_notes.py: a setting, a variable, a mistake, a filter or a field without them stops this script,
naming what to add there.
tests/test_docs.py fails when a committed page is not what this script writes."""
from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts import docs_notes as notes  # noqa: E402
from tests.support.docs import anchor  # noqa: E402

DOCS = ROOT / "docs"
CATALOGUE = ROOT / "tests" / "bad_input_catalogue.py"
SAMPLE_SETTINGS = ROOT / "site.toml"
REGENERATE = "python scripts/docs.py"


class MissingWords(Exception):
    """The code has something the notes do not explain, or the notes explain something the code has not."""


# ---- where the code keeps what the pages show: one place to change when a module moves -------------------
def settings_module():
    """The module of the typed settings of site.toml."""
    from generator import config

    return config


def settings_spec() -> tuple[dict, dict]:
    """The typed settings of site.toml: ({key: (type, default)} of the top level, the same of each
    [languages.<code>] table); a default of None means the key is required."""
    config = settings_module()
    return config.TOP_KEYS, config.LANGUAGE_KEYS


def command_parser() -> argparse.ArgumentParser:
    """The command line's parser with the options of every command (the CLI itself adds only those of the
    command that runs: generator/cli.py lists the commands, each module of generator/commands/ adds its own)."""
    from generator import cli

    parser = cli.parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in sub.choices.items():
        cli.command(name).arguments(command)
    return parser


def template_views() -> list[tuple[str, type]]:
    """(where templates meet it, class) of every view a template gets: the views of the theme contract."""
    from generator.pages import contract as c

    return [("`site`", c.Chrome), ("`page`", c.PageInfo),
            ("`article`, `lead`, `newer`, `older`, every item of `articles` and `related`", c.ArticleView),
            ("`article.picture`, `article.thumbnail`", c.Picture),
            ("a link: `site.sections`, `article.tags`, `term`…", c.Link), ("`head`", c.HeadMeta),
            ("every item of `entries` in feed.xml", c.FeedEntry), ("`search`", c.SearchView),
            ("every item of `notices` in 404.html", c.Notice)]


def template_names() -> dict[str, str]:
    """{name a template of the shipped theme reads: the templates that read it}."""
    import jinja2
    from jinja2 import meta

    from generator.pages import contract
    from generator.theme.templates import BUNDLED_THEMES

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(BUNDLED_THEMES / "majalla" / "templates"),
                             extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"])
    contract.install(env)
    read: dict[str, list[str]] = {}
    for template in env.list_templates():
        source = env.loader.get_source(env, template)[0]
        imported = set(re.findall(r"\bimport\s+[\"'][^\"']+[\"']\s+as\s+(\w+)", source))
        imported |= {n.strip() for m in re.findall(r"\bfrom\s+[\"'][^\"']+[\"']\s+import\s+([\w\s,]+?)"
                                                r"(?:\s+(?:with|without)\s+context)?\s*-?%", source)
                     for n in m.split(",")}
        for name in sorted(meta.find_undeclared_variables(env.parse(source)) - imported):
            read.setdefault(name, []).append(template)
    return {name: ", ".join(where) for name, where in sorted(read.items())}


def template_keys() -> dict[str, str]:
    """{key of the theme contract: the templates that receive it}, from generator/pages/contract.py."""
    from generator.pages import contract

    received = {key: "every template" for key in contract.EVERY_TEMPLATE}
    for template, (_, keys) in contract.TEMPLATES.items():
        for key in keys:
            if received.get(key) != "every template":
                received[key] = ", ".join(filter(None, (received.get(key), template)))
    return {key: received.get(key, "") for key in contract.KEYS}


def template_filters() -> list[str]:
    """The filters and functions majalla gives templates, besides Jinja's own."""
    import jinja2

    from generator.pages import contract

    env = jinja2.Environment()
    builtin = set(env.filters) | set(env.globals)
    contract.install(env)
    return sorted((set(env.filters) | set(env.globals)) - builtin)


def environment_variables() -> list[str]:
    """The environment variables the generator reads (os.environ.get("X") or os.environ["X"] in its code)."""
    found = set()
    for path in sorted((ROOT / "generator").rglob("*.py")):
        found |= set(re.findall(r"""environ(?:\.get\(\s*|\[\s*)["']([A-Z][A-Z0-9_]*)["']""",
                                path.read_text(encoding="utf-8")))
    return sorted(found)


def catalogue():
    """The cases of the bad-input catalogue, and the group each belongs to (the catalogue's "# ---- x ----"
    comments, without the "(issue N)" that tells maintainers where a group came from), as [(group, [case, ...])]
    in the catalogue's order."""
    from tests.bad_input_catalogue import CASES

    source = CATALOGUE.read_text(encoding="utf-8")
    headings = [(n, m.group(1)) for n, line in enumerate(source.splitlines(), 1)
                if (m := re.match(r"\s*# -+ (.+?)(?: \(issue \d+\))? -+\s*$", line))]
    lines = {}  # case name -> the line of its Case(...)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Case" and node.args \
                and isinstance(node.args[0], ast.Constant):
            lines[node.args[0].value] = node.lineno
    groups: list = []
    for case in CASES:
        line = lines.get(case.name, 0)
        group = next((h for n, h in reversed(headings) if n < line), "other mistakes")
        if not groups or groups[-1][0] != group:
            groups.append((group, []))
        groups[-1][1].append(case)
    return groups


# ---- Markdown ---------------------------------------------------------------------------------------------
def source_of(module) -> str:
    return Path(module.__file__).resolve().relative_to(ROOT).as_posix()


def header(sources: str) -> str:
    return (f"<!-- Written by scripts/docs.py from {sources}: do not edit this page, edit those and run "
            f"`{REGENERATE}`. -->\n")


def code(text: str) -> str:
    """`text` as a code span in a table cell: enough backticks around it, its pipes escaped."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or longest else ""
    return f"{fence}{pad}{text}{pad}{fence}".replace("|", "\\|")


def cell(text: str) -> str:
    """Text for a table cell: on one line, its pipes escaped, and outside code spans its angle brackets too (a
    git host would take `<lang>` for an HTML tag)."""
    parts = re.split(r"(`+[^`]*?`+)", " ".join(text.split()))
    return "".join(p if p.startswith("`") else p.replace("<", "&lt;").replace(">", "&gt;")
                   for p in parts).replace("|", "\\|")


def literal(text: str) -> str:
    """Text of the code, not Markdown, for a table cell: `i18n["fr"]("key")` is not a link."""
    return cell(re.sub(r"([\\`*\[\]])", r"\\\1", text))


def title(text: str) -> str:
    """A heading's first letter in capitals, unless its first word is a file name (site.toml)."""
    first = text.split()[0] if text.split() else ""
    return text if "." in first or "_" in first else text[:1].upper() + text[1:]


def table(head: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join("---" for _ in head) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def words_for(what: str, known, explained: dict, where: str) -> None:
    """Stop unless `explained` (a dict of scripts/docs_notes.py) has words for exactly the names `known`."""
    missing = [k for k in known if k not in explained]
    gone = [k for k in explained if k not in known]
    if missing or gone:
        said = []
        if missing:
            said.append(f"{what} without words in scripts/docs_notes.py {where}: " + ", ".join(map(repr, missing)))
        if gone:
            said.append(f"words in scripts/docs_notes.py {where} for {what} that no longer exist: "
                        + ", ".join(map(repr, gone)))
        raise MissingWords("; ".join(said) + f"; fix that, then run {REGENERATE}")


# ---- docs/settings.md -------------------------------------------------------------------------------------
TYPE_WORDS = {str: "text", int: "whole number", bool: "true or false", list: "list", dict: "table"}


def default_of(kind: type, default) -> str:
    if default is None:
        return "required"
    if kind is dict and not default:
        return "none"
    return code(json.dumps(default, ensure_ascii=False) if not isinstance(default, bool) else str(default).lower())


def type_of(kind: type) -> str:
    if kind not in TYPE_WORDS:
        raise MissingWords(f"a setting's type {kind.__name__} has no name in scripts/docs.py TYPE_WORDS")
    return TYPE_WORDS[kind]


def settings_page() -> str:
    top, language = settings_spec()
    words_for("settings", top, notes.SETTINGS, "SETTINGS")
    words_for("language settings", language, notes.LANGUAGE_SETTINGS, "LANGUAGE_SETTINGS")
    rows = lambda spec, words: [(code(k), type_of(t), default_of(t, d), cell(words[k]))  # noqa: E731
                                for k, (t, d) in spec.items()]
    head = ("key", "type", "default", "what it does")
    sample = SAMPLE_SETTINGS.read_text(encoding="utf-8").rstrip("\n")
    return (
        header(f"the typed settings of {source_of(settings_module())} and scripts/docs_notes.py")
        + "\n# Settings: site.toml\n\n"
        "`site.toml`, at the root of the site's folder, holds the magazine's settings in "
        "[TOML](https://toml.io/). majalla reads every key below and nothing else: an unknown key is reported "
        "with the known key it is nearest to, and every mistake in the file is reported at its line, all at "
        "once (see [the error catalogue](errors.md#sitetoml)). Any change of a setting that shapes the site "
        "rebuilds every page.\n\n"
        "## The whole site\n\n" + table(head, rows(top, notes.SETTINGS)) +
        "\n## Each language: `[languages.<code>]`\n\n"
        "One table per language; its code is the name of its folder in `content/`.\n\n"
        + table(head, rows(language, notes.LANGUAGE_SETTINGS)) +
        "\n## An example: the sample magazine's site.toml\n\n"
        "The `site.toml` of this repository, which the sample magazine builds with:\n\n"
        f"```toml\n{sample}\n```\n\n"
        "Some things are not settings but options of one build (`--base-url`, `--drafts`, `--future`, "
        "`--output`): see [the commands](commands.md).\n"
    )


# ---- docs/commands.md -------------------------------------------------------------------------------------
def option_names(action: argparse.Action) -> str:
    if not action.option_strings:
        return code((action.metavar or action.dest).upper())
    takes = action.nargs != 0
    value = action.metavar or action.dest.upper()
    if action.nargs in ("+", "*"):
        value = f"{value} [{value} …]"
    return ", ".join(code(f"{name} {value}" if takes else name) for name in action.option_strings)


def commands_page() -> str:
    parser = command_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    names = sorted(sub.choices, key=lambda n: (n != "build", n))
    helps = {a.dest: a.help for a in sub._choices_actions}
    variables = environment_variables()
    words_for("environment variables", variables, notes.ENVIRONMENT, "ENVIRONMENT")
    from generator import cli

    out = [header(f"the command line's parser ({source_of(cli)} and the modules of generator/commands/) and "
                  "scripts/docs_notes.py"),
           "\n# Commands\n\n"
           "`majalla COMMAND [options]`, in the site's folder (or with `--site DIR`). Without a command it builds "
           "the site: `majalla` is `majalla build`. In a clone of majalla, `python build.py` is the same command "
           "as `majalla`. `majalla --version` says which version it is, `majalla COMMAND --help` lists the "
           "options below.\n\n"
           f"Exit codes: 0 done; 1 an error (said at its `path:line`; with `check --strict`, a warning too); 2 a mistake "
           f"in the command line itself; 130 stopped by Ctrl-C; {cli.PIPE_CLOSED} the reader "
           "of the output went away (`majalla import-wordpress export.xml | head`): the work is done as it would "
           "have been, the rest of the output goes nowhere, without a traceback.\n\n"]
    out.append(table(("command", "what it does"), [(f"[{code('majalla ' + n)}](#majalla-{n})", cell(helps[n]))
                                                   for n in names]))
    for name in names:
        command = sub.choices[name]
        positionals = [a for a in command._actions if not a.option_strings]
        usage = " ".join([f"majalla {name}", *[(a.metavar or a.dest).upper() for a in positionals], "[options]"])
        out.append(f"\n## majalla {name}\n\n{cell(title(helps[name]))}.\n\n```\n{usage}\n```\n\n")
        rows = [(option_names(a), cell(a.help or "")) for a in command._actions  # a hidden one kept for scripts aside
                if not isinstance(a, argparse._HelpAction) and a.help != argparse.SUPPRESS]
        out.append(table(("option", "what it does"), rows))
    out.append("\n## Environment variables\n\n")
    out.append(table(("variable", "what it does"), [(code(v), cell(notes.ENVIRONMENT[v])) for v in variables]))
    return "".join(out)


# ---- docs/errors.md ---------------------------------------------------------------------------------------
def placeholders(text: str) -> str:
    """The catalogue's {root} (the site folder) and {parent} (the folder that holds it), as a writer's."""
    return text.replace("{root}", "~/magazine").replace("{parent}", "~")


def mistake_line(case, errors: tuple[str, ...]) -> str | None:
    """The line of the case's files that the first error names, when it shows the mistake."""
    for error in errors:
        match = re.match(r"^(.+?):(\d+): ", error)
        if not match:
            continue
        data = case.files.get(match.group(1))
        if not isinstance(data, str):
            continue
        lines = data.splitlines()
        number = int(match.group(2))
        if 1 <= number <= len(lines) and lines[number - 1].strip() not in ("", "---") \
                and not any(ch < " " and ch != "\t" for ch in lines[number - 1]):
            return lines[number - 1]
    return None


def said_by(case) -> str:
    """What a case's command is, after its name, when it is not the build: `check` alone says notes."""
    return "" if case.command == "build" else f" (said by {code('majalla ' + case.command)})"


def errors_page() -> str:
    groups = catalogue()
    said = [c.name for _, cases in groups for c in cases if c.errors]  # errors, or warnings and notes only
    words_for("mistakes of tests/bad_input_catalogue.py", said, notes.FIXES, "FIXES")
    head = ("mistake", "what majalla says", "fix")
    out = [header("tests/bad_input_catalogue.py (every message checked by tests/test_bad_input.py) and "
                  "scripts/docs_notes.py"),
           "\n# The error catalogue\n\n"
           "Every mistake majalla knows, with the exact message it gives and how to fix it. A message is "
           "`file:line: what is wrong`, often with the fix in it; line 1 stands for the file as a whole (a "
           "key that is missing has no line of its own), and a message without a line is about a whole file "
           "or folder. The build reports every mistake of every file at once, then ends with `N errors; "
           "nothing was written (output/ is as it was)` and exit code 1: the site already built stays as it "
           "was. A line with `warning:` does not stop the build (`majalla check --strict` makes it); a line "
           "with `note:`, which only `majalla check` says, stops nothing, not even `--strict`. "
           "How to read them, with an example: [previewing and checking](preview-and-check.md#when-something-"
           "goes-wrong).\n\n"
           "The mistakes below are those of `tests/bad_input_catalogue.py`, each made in a small site; "
           "`~/magazine` stands for the site's folder. A mistake in `content/ar/2024/06/x.md` is the same "
           "in any article.\n\n"]
    out.append("".join(f"- [{cell(title(group))}](#{anchor(title(group))})\n" for group, cases in groups
                       if any(c.errors for c in cases)))
    out.append("- [What is not a mistake](#what-is-not-a-mistake)\n")
    for group, cases in groups:
        rows = []
        for case in cases:
            if not case.errors:
                continue
            errors = tuple(placeholders(e) for e in case.errors)
            line = mistake_line(case, errors)
            name = cell(title(case.name)) + said_by(case)
            rows.append((name + (f": {code(line)}" if line else ""), "<br>".join(code(e) for e in errors),
                         cell(notes.FIXES[case.name])))
        if rows:
            out.append(f"\n## {title(group)}\n\n" + table(head, rows))
    builds = [c.name for _, cases in groups for c in cases if not c.errors]
    out.append("\n## What is not a mistake\n\nThese build like any other article (a slug that is cut gets a warning saying so):\n\n")
    out.append("".join(f"- {cell(title(name))}\n" for name in builds))
    return "".join(out)


# ---- docs/template-data.md -------------------------------------------------------------------------------
def field_comments(cls: type) -> dict[str, str]:
    """{field: the comment written beside it (and on the comment lines right below) in the class's source}."""
    import inspect

    lines, first = inspect.getsourcelines(cls)
    found, last = {}, None
    for line in lines:
        match = re.match(r"\s+(\w+)\s*:\s*[^#]*?(?:#\s*(.*))?$", line)
        comment = re.match(r"\s+#\s*(.*)$", line)
        if comment and last:
            found[last] = (found.get(last, "") + " " + comment.group(1)).strip()
        elif match and not line.strip().startswith(("def ", "@", "class ", '"')):
            last = match.group(1)
            found[last] = match.group(2) or ""
        else:
            last = None
    return found


def fields_of(cls: type) -> list[tuple[str, str]]:
    """(field, its type as written) of a view, its digest aside."""
    hints = getattr(cls, "__annotations__", {})
    return [(k, v if isinstance(v, str) else getattr(v, "__forward_arg__", None) or getattr(v, "__name__", str(v)))
            for k, v in hints.items() if k != "digest"]


def template_data_page() -> str:
    from generator.pages import contract

    read, received = template_names(), template_keys()
    outside = sorted(set(read) - set(received))
    if outside:
        raise MissingWords(f"the majalla theme reads {', '.join(map(repr, outside))}, which the theme contract "
                           f"(KEYS and TEMPLATES of generator/pages/contract.py) does not list; fix that, then run "
                           f"{REGENERATE}")
    filters = template_filters()
    words_for("template filters and functions", filters, notes.FILTERS, "FILTERS")
    out = [header(f"the theme contract, {source_of(contract)}, the shipped theme's templates and "
                  "scripts/docs_notes.py"),
           "\n# What templates get\n\n"
           f"The names a template of a theme may use, and the fields of each view: the theme contract, "
           f"`{source_of(contract)}`. Each template receives the names the contract lists for it, and only "
           "those: `tests/test_theme_contract.py` renders every page of a magazine with exactly these names, so a "
           "template of the theme that reads another one fails. A name a page does not have is an error naming the "
           "template's line (templates are strict). Which template makes which page: [the contract]"
           "(themes.md#the-contract-what-each-template-gets); how to change a template: "
           "[themes and templates](themes.md).\n\n"
           "## The names\n\n"]
    out.append(table(("name", "what it holds", "received by", "read by the majalla theme in"),
                     [(code(n), literal(contract.KEYS[n]), cell(received[n]), cell(read.get(n, "–")))
                      for n in contract.KEYS]))
    views = template_views()
    explained = {f"{cls.__name__}.{f}" for _, cls in views for f, _ in fields_of(cls) if not field_comments(cls).get(f)}
    unused = [k for k in notes.FIELDS if k not in explained and not any(e.endswith("." + k) for e in explained)]
    missing = [k for k in sorted(explained) if k not in notes.FIELDS and k.split(".", 1)[1] not in notes.FIELDS]
    if missing or unused:
        raise MissingWords(f"fields of views without a comment in the code nor words in scripts/docs_notes.py "
                           f"FIELDS: {missing}; words in FIELDS for no such field: {unused}; fix that, then run "
                           f"{REGENERATE}")
    for where, cls in views:
        comments = field_comments(cls)
        out.append(f"\n## {cls.__name__}\n\n{where[0].upper() + where[1:]}{'' if where.endswith('…') else '.'}\n\n")
        out.append(table(("field", "type", "what it is"),
                         [(code(f), code(t), cell(comments.get(f) or notes.FIELDS.get(f"{cls.__name__}.{f}")
                                                  or notes.FIELDS[f])) for f, t in fields_of(cls)]))
    out.append("\n## Filters and functions\n\nBesides those of Jinja2:\n\n")
    out.append(table(("filter or function", "what it does"), [(code(f), cell(notes.FILTERS[f])) for f in filters]))
    return "".join(out)


# ---- the command ------------------------------------------------------------------------------------------
def pages() -> dict[Path, str]:
    """Every generated page: {its file: its text}."""
    return {DOCS / "settings.md": settings_page(), DOCS / "commands.md": commands_page(),
            DOCS / "errors.md": errors_page(), DOCS / "template-data.md": template_data_page()}


def stale() -> list[Path]:
    """The generated pages whose committed text differs from what this script writes."""
    return [path for path, text in pages().items()
            if not path.is_file() or path.read_text(encoding="utf-8") != text]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the pages of docs/ that are made from the code.")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when a page is out of date")
    args = parser.parse_args(argv)
    try:
        if args.check:
            old = stale()
            for path in old:
                print(f"{path.relative_to(ROOT)} is out of date: run {REGENERATE}", file=sys.stderr)
            return 1 if old else 0
        for path, text in pages().items():
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
                print(f"wrote {path.relative_to(ROOT)}")
    except MissingWords as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
