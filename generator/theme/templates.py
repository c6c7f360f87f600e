"""The theme: its templates (with site-level overrides), its UI strings and its fingerprinted assets."""
from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import jinja2
from babel import Locale
from jinja2 import meta

from ..config import Config, toml_error
from ..content.articles import read_text
from ..errors import BuildError, Problem

PACKAGE = Path(__file__).resolve().parents[1]  # generator/
# The themes that ship with majalla: the project's themes/ in a checkout (the folder beside pyproject.toml),
# the same folders as package data once installed (pyproject.toml maps themes/ onto generator/themes/).
BUNDLED_THEMES = PACKAGE.parent / "themes" if (PACKAGE.parent / "pyproject.toml").is_file() else PACKAGE / "themes"
ASSET_ROOT = "assets"  # theme static files are published under /assets/
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


def locate(config: Config) -> Path:
    """The theme folder: the site's own themes/<name>, else the one shipped with majalla."""
    for base in (config.root / "themes", BUNDLED_THEMES):
        if (base / config.theme / "templates").is_dir():
            return base / config.theme
    raise BuildError([Problem("site.toml", line_of(config.root / "site.toml", "theme"),
                              f'theme "{config.theme}" not found: looked in themes/{config.theme}/ and in the '
                              f"themes that ship with majalla ({', '.join(shipped()) or 'none'})")])


def shipped() -> list[str]:
    return sorted(p.name for p in BUNDLED_THEMES.iterdir() if (p / "templates").is_dir()) if BUNDLED_THEMES.is_dir() else []


def line_of(path: Path, key: str) -> int:
    try:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(rf"^\s*{re.escape(key)}\s*=", line):
                return n
    except OSError:
        pass
    return 1


class MissingString(Exception):
    def __init__(self, key: str, lang: str):
        self.key, self.lang = key, lang
        super().__init__(f'missing UI string "{key}" for language "{lang}"')


@dataclass(frozen=True)
class Strings:
    """A language's UI strings. A value may be a table of CLDR plural forms (zero/one/two/few/many/other)."""

    lang: str
    locale: str
    values: dict
    sources: tuple[str, ...]
    digest: str

    def __call__(self, key: str, count: int | None = None, **params) -> str:
        if key not in self.values:
            raise MissingString(key, self.lang)
        value = self.values[key]
        if isinstance(value, dict):
            if count is None:
                raise MissingString(f"{key} (needs a count)", self.lang)
            form = "zero" if count == 0 and "zero" in value else Locale.parse(self.locale).plural_form(count)
            value = value.get(form, value.get("other"))
            if value is None:
                raise MissingString(f"{key}.{form}", self.lang)
        return value.format(count=count, **params) if (count is not None or params) else value


def load_strings(config: Config, theme_dir: Path) -> dict[str, Strings]:
    """{lang: Strings}: the theme's i18n/<lang>.toml, overridden key by key by the site's i18n/<lang>.toml."""
    problems, result = [], {}
    for language in config.languages:
        values, sources, h = {}, [], hashlib.sha256()
        for path in (theme_dir / "i18n" / f"{language.code}.toml", config.root / "i18n" / f"{language.code}.toml"):
            if not path.is_file():
                continue
            data = path.read_bytes()
            h.update(data)
            try:
                values.update(tomllib.loads(data.decode("utf-8-sig")))
            except tomllib.TOMLDecodeError as exc:
                problems.append(Problem(display(config, path), *toml_error(exc)))
            except UnicodeDecodeError:
                problems.append(Problem(display(config, path), *read_text(data)[1:]))
            sources.append(display(config, path))
        if not sources:
            problems.append(Problem(display(config, theme_dir / "i18n"), 0,
                                    f'no UI strings for language "{language.code}": add i18n/{language.code}.toml '
                                    f"to the theme or to the site (copy i18n/fr.toml or i18n/ar.toml and translate it)"))
        result[language.code] = Strings(language.code, language.locale, values, tuple(sources), h.hexdigest()[:16])
    if problems:
        raise BuildError(problems)
    return result


def display(config: Config, path: Path) -> str:
    try:
        return path.relative_to(config.root).as_posix()
    except ValueError:
        return path.as_posix()


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
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(cache)) if cache else None,
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
        try:
            found = list(meta.find_referenced_templates(env.parse(source)))
        except jinja2.TemplateSyntaxError:
            found = []
        dynamic |= None in found
        refs[name] = {r for r in found if r}
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


@dataclass(frozen=True)
class Asset:
    source: Path
    target: str  # output path, relative: "assets/style.3f2a1b4c.css"
    data: bytes | None  # rewritten content (CSS), else None: copy the file


def assets(config: Config, theme_dir: Path) -> tuple[dict[str, str], tuple[Asset, ...]]:
    """Theme static files, fingerprinted: ({"style.css": "/assets/style.<hash>.css"}, files to publish).

    CSS files have their url(...) references rewritten to the fingerprinted names."""
    static = theme_dir / "static"
    if not static.is_dir():
        return {}, ()
    files = sorted(p for p in static.rglob("*") if p.is_file() and not p.name.startswith("."))
    names, published = {}, []
    base = config.base_path
    for path in sorted(files, key=lambda p: p.suffix == ".css"):  # CSS last: it refers to the others
        rel = PurePosixPath(path.relative_to(static).as_posix())
        data = path.read_bytes()
        rewritten = None
        if path.suffix == ".css":
            text = data.decode("utf-8")

            def swap(match, folder=rel.parent):
                target = str(PurePosixPath(folder, match.group(2)))
                target = posix_normpath(target)
                url = names.get(target)
                return f"url({match.group(1)}{url}{match.group(1)})" if url else match.group(0)

            rewritten = CSS_URL.sub(swap, text).encode()
            data = rewritten
        digest = hashlib.sha256(data).hexdigest()[:10]
        target = str(rel.with_name(f"{rel.stem}.{digest}{rel.suffix}"))
        names[str(rel)] = f"{base}{ASSET_ROOT}/{target}"
        published.append(Asset(path, f"{ASSET_ROOT}/{target}", rewritten))
    return names, tuple(published)


def posix_normpath(path: str) -> str:
    parts = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)
