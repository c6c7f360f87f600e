"""A section that site.toml's [sections] does not name: most often a misspelling (`section: اقتصد`), which
would make a section page of its own and a new entry in the navigation of every page of its language."""
from __future__ import annotations

from ..config import Config
from ..errors import Problem
from ..text.arabic import identity
from ..text.near_names import nearest


def section_names(config: Config) -> dict[str, tuple[str, ...]]:
    """{language: the section names [sections] gives in it, in its order}."""
    names: dict = {}
    for _, by_lang in config.sections:
        for lang, name in by_lang:
            names.setdefault(lang, []).append(name)
    return {lang: tuple(found) for lang, found in names.items()}


def unknown_sections(config: Config, articles) -> list[Problem]:
    """A warning at the `section:` line of each article whose section is not one [sections] names in its
    language (when [sections] names any in it), with the nearest known name or, when none is near, all."""
    named = section_names(config)
    identities = {lang: {identity(n) for n in names} for lang, names in named.items()}
    found = []
    for a in articles:
        known = named.get(a.lang)
        if not a.section or not known or identity(a.section) in identities[a.lang]:
            continue
        close = nearest(a.section, known)
        if close:
            fix = f'did you mean "{close}"? (write section: {close})'
        else:
            fix = f"the sections of site.toml are {', '.join(known)}"
        found.append(Problem(a.source, a.line("section"), (
            f'section "{a.section}" is not in site.toml\'s [sections]: {fix}; a new section gets a page and a '
            f"place in the navigation of its own: add it to [sections] if it is one"), warning=True))
    return found
