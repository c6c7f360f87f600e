"""A theme's templates: where the theme is, the Jinja environment that reads them (the site's templates/ first),
and the digest of each template with everything it includes."""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path, PurePath

import jinja2
from jinja2 import meta

from .. import confine
from ..config import CONFIG_FILE, Config, key_line
from ..errors import BuildError, Problem
from .bytecode import bytecode_cache

PACKAGE = Path(__file__).resolve().parents[1]  # generator/
# The themes that ship with majalla: the project's themes/ in a checkout (the folder beside pyproject.toml),
# the same folders as package data once installed (pyproject.toml maps themes/ onto generator/themes/).
BUNDLED_THEMES = PACKAGE.parent / "themes" if (PACKAGE.parent / "pyproject.toml").is_file() else PACKAGE / "themes"


def locate(config: Config) -> Path:
    """The theme folder: the site's own themes/<name>, else the one shipped with majalla. Never a folder
    elsewhere: `theme` is a name, and a theme folder that is a link out of the site is refused."""
    name = config.theme
    if not name or name != PurePath(name).name or name in (".", "..") or "\\" in name:
        raise BuildError([Problem(CONFIG_FILE, theme_line(config),
                                  f'theme "{name}" is not a theme name: a theme is a folder of themes/ '
                                  "(or one that ships with majalla), named without / or ..")])
    for base in (config.root / "themes", BUNDLED_THEMES):
        if (base / name / "templates").is_dir():
            if why := confine.problem(base / name, config.root, (BUNDLED_THEMES,)):
                raise BuildError([Problem(shown(base / name, config.root), 0, why)])
            return base / name
    raise BuildError([Problem(CONFIG_FILE, theme_line(config),
                              f'theme "{config.theme}" not found: looked in themes/{config.theme}/ and in the '
                              f"themes that ship with majalla ({', '.join(shipped()) or 'none'})")])


def shipped() -> list[str]:
    return sorted(p.name for p in BUNDLED_THEMES.iterdir() if (p / "templates").is_dir()) if BUNDLED_THEMES.is_dir() else []


def theme_line(config: Config) -> int:
    """The line of site.toml that names the theme (1 when it names none: the default)."""
    try:
        return key_line((config.root / CONFIG_FILE).read_text(encoding="utf-8-sig"), None, "theme")
    except OSError:
        return 1


def environment(config: Config, theme_dir: Path, cache: Path | None = None) -> jinja2.Environment:
    """Site templates/ first, then the theme's; "theme/<name>" always reaches the theme's own file,
    so a site template can extend the one it overrides."""
    theme_loader = jinja2.FileSystemLoader(theme_dir / "templates")
    loaders = [jinja2.FileSystemLoader(config.root / "templates")] if (config.root / "templates").is_dir() else []
    loader = jinja2.ChoiceLoader([*loaders, theme_loader, jinja2.PrefixLoader({"theme": theme_loader})])
    return jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(("html", "xml", "htm"), default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"],
        bytecode_cache=bytecode_cache(cache),  # signed: a foreign .cache/ never runs
    )


def source_file(env: jinja2.Environment, name: str) -> Path | None:
    """The file a template name is read from, following the loaders in the order Jinja2 does."""
    def find(loader, name):
        if isinstance(loader, jinja2.ChoiceLoader):
            return next((f for f in (find(inner, name) for inner in loader.loaders) if f), None)
        if isinstance(loader, jinja2.PrefixLoader):
            prefix, _, rest = name.partition(loader.delimiter)
            return find(loader.mapping[prefix], rest) if prefix in loader.mapping else None
        if isinstance(loader, jinja2.FileSystemLoader):
            return next((Path(p, name) for p in loader.searchpath if Path(p, name).is_file()), None)
        return None
    return find(env.loader, name)


@lru_cache(maxsize=1024)
def references(env: jinja2.Environment, source: str) -> tuple[frozenset, bool]:
    """(the templates `source` extends, includes or imports by name; whether it names one otherwise). Kept
    for the preview's kept environment: parsing every template again was a tenth of a one-edit rebuild."""
    try:
        found = list(meta.find_referenced_templates(env.parse(source)))
    except jinja2.TemplateSyntaxError:
        found = []
    return frozenset(r for r in found if r), None in found


def template_digests(env: jinja2.Environment) -> dict[str, str]:
    """{template name: digest of its source and of every template it extends, includes or imports}."""
    sources, refs = {}, {}
    dynamic = False
    for name in sorted(env.list_templates()):
        try:
            source, _, _ = env.loader.get_source(env, name)
        except UnicodeDecodeError:  # reported by the build's template check, at its line
            source = source_file(env, name).read_bytes().decode("utf-8", "replace")
        sources[name] = source
        refs[name], name_dynamic = references(env, source)
        dynamic |= name_dynamic
    everything = hashlib.sha256("\0".join(f"{n}\0{s}" for n, s in sorted(sources.items())).encode()).hexdigest()
    digests = {}
    for name in sources:
        if dynamic:
            digests[name] = everything[:24]
            continue
        seen, todo = set(), [name]
        while todo:
            current = todo.pop()
            if current in seen or current not in sources:
                continue
            seen.add(current)
            todo.extend(refs[current])
        h = hashlib.sha256()
        for n in sorted(seen):
            h.update(f"{n}\0{sources[n]}\0".encode())
        digests[name] = h.hexdigest()[:24]
    return digests


def check_sources(env: jinja2.Environment, root: Path, theme_dir: Path) -> None:
    """The template folders, and every link in them, lead inside the site or the themes that ship with
    majalla: a link in templates/ (to a file, or to a folder) never brings another file in, nor through
    {% include %}. Each link that leaves is a problem at its path."""
    problems = []
    for folder in (root / "templates", theme_dir / "templates"):
        if not folder.is_dir():
            continue
        links = [folder] if folder.is_symlink() else []
        for parent, dirs, names in os.walk(folder):
            links.extend(Path(parent, n) for n in dirs + names if Path(parent, n).is_symlink())
        for link in links:
            if why := confine.problem(link, root, (BUNDLED_THEMES,)):
                problems.append(Problem(shown(link, root), 0, why))
    if not problems:  # then the files Jinja finds, through the links it follows
        for name in env.list_templates():
            path = source_file(env, name)
            if path is not None and (why := confine.problem(path, root, (BUNDLED_THEMES,))):
                problems.append(Problem(shown(path, root), 0, why))
    if problems:
        raise BuildError(sorted(set(problems)))


def shown(path: Path, root: Path) -> str:
    """A path as problems name it: from the site folder when it is inside it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
