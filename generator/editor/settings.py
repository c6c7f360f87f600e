"""The `[editor]` table of site.toml: the editor's own language, and whether the published site has one.

    [editor]
    interface_language = "ar"   # the editor's buttons and menus; default: default_language (else English)
    publish = true              # the build puts the editor in output/admin/ (default: false)
    repo = "owner/magazine"     # the GitHub repository it commits to (needed with publish)
    branch = "main"             # default: "main"
    auth_url = "https://auth.example.ma"   # the OAuth provider for GitHub (default: Netlify's)

Every mistake is reported at its line, as site.toml's others are."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..config import CONFIG_FILE, Config, check_keys, key_line
from ..errors import Problems

TABLE = "editor"
KEYS: dict[str, tuple[type, object]] = {
    "interface_language": (str, ""),
    "publish": (bool, False),
    "repo": (str, ""),
    "branch": (str, "main"),
    "auth_url": (str, ""),
    "auth_endpoint": (str, ""),
}
# The interface languages Decap CMS 3.16.3 ships (decap-cms-locales 3.8.2), and Arabic, which majalla adds
# (phrases/ar.toml). Decap's own names: "nb_no", "zh_Hans"...
DECAP_LOCALES = ("bg", "ca", "cs", "da", "de", "en", "es", "fa", "fr", "gr", "he", "hr", "hu", "it", "ja", "ko",
                 "lt", "mk", "nb_no", "nl", "nn_no", "pl", "pt", "ro", "ru", "sk", "sl", "sr_Cyrl", "sv", "th",
                 "tr", "ua", "uk", "vi", "zh_Hans", "zh_Hant")
OWN_LOCALES = ("ar",)
RTL_LOCALES = ("ar", "fa", "he")
REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


@dataclass(frozen=True)
class EditorSettings:
    interface_language: str  # a Decap locale, or one of OWN_LOCALES
    interface_dir: str  # "rtl" or "ltr": the direction of the editor's own interface
    publish: bool
    repo: str
    branch: str
    auth_url: str
    auth_endpoint: str


def interface_locales() -> tuple[str, ...]:
    return tuple(sorted(DECAP_LOCALES + OWN_LOCALES))


def default_interface(config: Config) -> str:
    return config.default_language if config.default_language in interface_locales() else "en"


def load(config: Config) -> EditorSettings:
    """The [editor] table of CONFIG's site.toml (the defaults when it has none). Raises BuildError."""
    problems = Problems(config.root)
    path = config.root / CONFIG_FILE
    text = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
    table = tomllib.loads(text).get(TABLE, {}) if text else {}
    values = check_keys(table if isinstance(table, dict) else {}, KEYS, TABLE, CONFIG_FILE, text, problems)
    line = lambda key: key_line(text, TABLE, key)  # noqa: E731
    ui = values["interface_language"] or default_interface(config)
    if ui not in interface_locales():
        problems.error(CONFIG_FILE, line("interface_language"),
                       f'the editor has no interface in "{ui}"; choose one of {", ".join(interface_locales())}')
        ui = "en"
    if values["repo"] and not REPO.match(values["repo"]):
        problems.error(CONFIG_FILE, line("repo"), f'repo "{values["repo"]}" is not a GitHub repository like '
                       f'"owner/magazine"')
    if values["publish"] and not values["repo"]:
        problems.error(CONFIG_FILE, line("publish"), 'publish = true needs repo = "owner/name": the GitHub '
                       "repository the published editor commits to")
    url = urlsplit(values["auth_url"])
    if values["auth_url"] and (url.scheme not in ("http", "https") or not url.netloc):
        problems.error(CONFIG_FILE, line("auth_url"), f'auth_url "{values["auth_url"]}" is not a web address '
                       f'like "https://auth.example.ma"')
    problems.raise_if_any()
    languages = {lang.code: lang.dir for lang in config.languages}
    direction = languages.get(ui, "rtl" if ui in RTL_LOCALES else "ltr")
    return EditorSettings(ui, direction, values["publish"], values["repo"], values["branch"] or "main",
                          values["auth_url"].rstrip("/"), values["auth_endpoint"])
