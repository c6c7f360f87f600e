"""Render planned pages with Jinja2, in worker processes that share the plan by fork."""
from __future__ import annotations

import traceback
from pathlib import Path

import jinja2
from babel.numbers import format_decimal
from markupsafe import Markup

from ..errors import Problem
from ..pages.contract import View
from ..pages.feeds import absolute_links
from ..pages.planner import Page
from ..text import dates
from ..text.arabic import first_strong_is_latin, isolate_latin
from ..theme.templates import MissingString, Strings


def install_filters(env: jinja2.Environment) -> None:
    env.filters["date"] = lambda when, locale, style="long": dates.format_when(when, locale, style) if when else ""
    env.filters["isodate"] = lambda when: when.isoformat() if when else ""
    env.filters["isolate"] = isolate_latin
    env.filters["number"] = lambda n, locale: format_decimal(n, locale=locale)
    env.filters["rtl_title"] = rtl_title
    env.filters["month_name"] = dates.month_name
    env.filters["absolute_links"] = absolute_links
    env.globals["remember"] = remember


_remembered: dict = {}  # what remember() made in this process, for this build


def remember(*key, caller):
    """`{% call remember("card", site, a, variant) %}…{% endcall %}`: the fragment is rendered once per
    process and build for one key (a view stands for its digest), then reused: an article's card is on a
    dozen list pages. The key must name everything the fragment shows (`site` for the page's language)."""
    key = tuple(v.digest if isinstance(v, View) else v for v in key)
    found = _remembered.get(key)
    if found is None:
        found = _remembered[key] = caller()
    return found


def rtl_title(text: str, direction: str) -> str:
    """A title for <title> and og:title: in a right-to-left language, a title that starts with a Latin
    word is prefixed with RIGHT-TO-LEFT MARK so that tabs and share cards show it right to left."""
    if direction == "rtl" and first_strong_is_latin(text):
        return "\u200f" + text
    return text


class Renderer:
    """Everything a worker needs; created in the parent before the pool forks."""

    def __init__(self, env: jinja2.Environment, strings: dict[str, Strings], bodies, root: Path, theme_dir: Path):
        self.env, self.strings, self.bodies = env, strings, bodies
        self.root, self.theme_dir = root, theme_dir

    def render(self, page: Page) -> bytes:
        context = dict(page.context)
        context["t"] = self.strings[page.lang]
        context["i18n"] = self.strings  # another language's strings: i18n["fr"]("not_found")
        if page.bodies:
            bodies = {i: Markup(self.bodies[i]) for i in page.bodies}
            context["bodies"] = bodies
            context["body"] = bodies[page.bodies[0]]
        else:
            context["bodies"], context["body"] = {}, Markup("")
        return self.env.get_template(page.template).render(context).encode("utf-8")

    def problem(self, exc: Exception, page: Page) -> Problem:
        """A template failure as `template:line: message`, naming the page it happened on."""
        where, line = self.template_location(exc)
        if isinstance(exc, MissingString):
            sources = self.strings[exc.lang].sources
            return Problem(sources[0] if sources else f"i18n/{exc.lang}.toml", 0,
                           f'missing UI string "{exc.key}" (used by {where}:{line})')
        if isinstance(exc, jinja2.UndefinedError):
            message = exc.message
        elif isinstance(exc, jinja2.TemplateSyntaxError):
            message = exc.message or str(exc)
        else:
            message = f"{type(exc).__name__}: {exc}"
        return Problem(where, line, message)

    def template_location(self, exc: Exception) -> tuple[str, int]:
        if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
            return self.display(exc.filename), exc.lineno or 0
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".html", ".xml", ".txt"))]
        if frames:
            return self.display(frames[-1].filename), frames[-1].lineno or 0
        return "templates", 0

    def display(self, filename: str) -> str:
        path = Path(filename)
        for base in (self.root, self.theme_dir.parent.parent):
            try:
                return path.resolve().relative_to(base.resolve()).as_posix()
            except ValueError:
                continue
        return path.as_posix()


# ---- the worker side ------------------------------------------------------------------------------
_job: dict = {}


def prepare(renderer: Renderer, pages: list[Page], stage_path: Path) -> None:
    """Called in the parent just before the pool forks: the workers inherit this state."""
    _job.update(renderer=renderer, pages=pages, stage=stage_path)
    _remembered.clear()  # templates may have changed since the last build of a live preview


def render_chunk(indices: list[int]) -> list[tuple[int, Problem | None]]:
    renderer, pages, stage = _job["renderer"], _job["pages"], _job["stage"]
    results = []
    for index in indices:
        page = pages[index]
        try:
            data = renderer.render(page)
        except Exception as exc:  # a template mistake: reported with its template line
            results.append((index, renderer.problem(exc, page)))
            continue
        finally:
            for lazy in (page.context.get("page"), page.context.get("head")):
                if hasattr(lazy, "release"):
                    lazy.release()
        (stage / page.path).write_bytes(data)  # its folder was made before the fork
        results.append((index, None))
    return results

