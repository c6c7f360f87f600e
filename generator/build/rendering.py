"""Render planned pages with Jinja2, in worker processes that share the plan by fork, into the stage; copy the
files that are copied meanwhile."""
from __future__ import annotations

import gc
import os
import re
import shutil
import traceback
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..errors import Problem, Problems
from ..media.attachments import Copy
from ..output.stage import Stage
from ..pages import contract
from ..pages.planner import Page
from ..theme.strings import MissingString, Strings
from ..workers import workers

CHUNK = 64  # pages per task sent to a worker

# characters XML 1.0 does not allow in a document (\v, \x01, U+FFFE...): left out of the XML files written
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class Renderer:
    """Everything a worker needs; created in the parent before the pool forks."""

    def __init__(self, env: jinja2.Environment, strings: dict[str, Strings], bodies, root: Path, theme_dir: Path):
        self.env, self.strings, self.bodies = env, strings, bodies
        self.root, self.theme_dir = root, theme_dir

    def render(self, page: Page) -> bytes:
        text = self.env.get_template(page.template).render(self.context(page))
        if page.path.endswith(".xml"):  # a feed or sitemap: well-formed whatever a title or site.toml holds
            text = NOT_XML.sub("", text)
        return text.encode("utf-8")

    def context(self, page: Page) -> dict:
        """What the page's template gets: the planned context, the UI strings, the bodies it shows."""
        context = dict(page.context)
        context["t"] = self.strings[page.lang]
        context["i18n"] = self.strings  # another language's strings: i18n["fr"]("not_found")
        if page.bodies:
            bodies = {i: Markup(self.bodies[i]) for i in page.bodies}
            context["bodies"] = bodies
            context["body"] = bodies[page.bodies[0]]
        else:
            context["bodies"], context["body"] = {}, Markup("")
        return context

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
    contract.forget_fragments()  # templates may have changed since the last build of a live preview


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


def render_pages(renderer: Renderer, pages: list[Page], todo: list[int], stage: Stage, jobs: int,
                 problems: Problems, progress, meanwhile=lambda: None) -> None:
    """Render pages[todo] into the stage; `meanwhile` (copying files) runs in this process while the
    workers render."""
    for n in todo:  # create the folders once, here, rather than racing in the workers
        stage.target(pages[n].path)
    prepare(renderer, pages, stage.path)
    chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
    done, failures = 0, {}
    if jobs > 1 and len(chunks) > 1:
        gc.freeze()  # the plan is shared with the forked workers: keep the collector from copying its pages
        try:
            with workers(jobs) as pool:
                rendered = pool.imap_unordered(render_chunk, chunks)
                meanwhile()
                for results in rendered:
                    done += collect(results, pages, failures)
                    if progress:
                        progress("render", done, len(todo))
        finally:
            gc.unfreeze()
    else:
        meanwhile()
        for chunk in chunks:
            done += collect(render_chunk(chunk), pages, failures)
            if progress:
                progress("render", done, len(todo))
    _job.clear()  # the plan is let go of with the build (a preview's builder would hold it until the next one)
    for problem, paths in failures.items():  # one line per mistake, however many pages it broke
        paths = sorted(paths)
        more = f" and {len(paths) - 1} other page{'s' if len(paths) > 2 else ''}" if len(paths) > 1 else ""
        problems.error(problem.path, problem.line, f"{problem.message} (rendering {paths[0]}{more})")


def collect(results, pages: list[Page], failures: dict) -> int:
    for index, problem in results:
        if problem is not None:
            failures.setdefault(problem, []).append(pages[index].path)
    return len(results)


def write_copy(copy: Copy, stage: Stage) -> None:
    """A copied file (not rendered) into the stage: a picture of the image cache hard-linked, else copied."""
    target = stage.target(copy.target)
    if copy.data is not None:
        target.write_bytes(copy.data)
        return
    if copy.digest.startswith("image:"):  # a picture of .cache/images/: written once, never changed
        try:
            os.link(copy.source, target)  # a tenth of a copy's cost, for thousands of pictures
            return
        except OSError:
            pass  # another file system
    shutil.copyfile(copy.source, target)
