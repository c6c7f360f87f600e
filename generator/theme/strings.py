"""A theme's UI strings, per language: i18n/<lang>.toml of the theme, overridden key by key by the site's,
with CLDR plural forms."""
from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from babel import Locale

from ..config import Config, toml_error
from ..confine import problem
from ..content.sources import read_text
from ..errors import BuildError, Problem
from .templates import BUNDLED_THEMES


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
            if why := problem(path, config.root, (BUNDLED_THEMES,)):
                problems.append(Problem(display(config, path), 0, why))
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
