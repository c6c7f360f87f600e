"""An article's body: its Markdown, within the nesting limit, made HTML (content.markup), its scripts found
(content.scripts: refused, or noted, as site.toml says)."""
from __future__ import annotations

from ..errors import Problem
from . import limits, markup, scripts


def render_body(source: str, text: str, body: str, lang: str, rtl: bool, refuse_scripts: bool,
                problems: list[Problem]) -> markup.Rendered | None:
    """The body of the file `text` as HTML, or None when it cannot be: its problems added to `problems`
    (a refused script fails the article, as does any error found before)."""
    first_line = text.count("\n") - body.count("\n") + 1  # the body's first line in the file
    for line, message in limits.text_depth(body, first_line):
        problems.append(Problem(source, line, message))
        return None
    rendered = markup.render(body, rtl, lang)
    for line, what in scripts.body_problems(rendered.html, text, first_line):
        problems.append(Problem(source, line, scripts.body_message(what, refuse_scripts), warning=not refuse_scripts,
                                note=not refuse_scripts))
    if refuse_scripts and any(not p.warning for p in problems):
        return None
    return rendered
