"""The editor's folder, /admin/: its page, its configuration, majalla's scripts and Decap's files.

`admin_files` is what `majalla serve` answers below /admin/ (with the local backend) and what a build puts
in output/admin/ when site.toml asks for it (with the GitHub backend): the same files, made from site.toml.
Every file is loaded from the site's own host: nothing from a CDN."""
from __future__ import annotations

import html
import json
import tomllib
from pathlib import Path

from ..config import Config
from . import vendor
from .cms_config import cms_config, collection_name, config_yaml, labels
from .settings import EditorSettings, OWN_LOCALES

PACKAGE = Path(__file__).resolve().parent
SCRIPTS = ("slugify.js", "majalla-editor.js")  # in js/, loaded after decap-cms.js in this order
STYLE = "majalla-editor.css"  # in js/: Decap mirrored for a right-to-left interface
PHRASES = PACKAGE / "phrases"
STATUS = "status.json"  # on the preview: the last build's problems (generator/preview/editor.py)
MEDIA_TYPES = {".html": "text/html; charset=utf-8", ".yml": "text/yaml; charset=utf-8",
               ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".wasm": "application/wasm",
               ".txt": "text/plain; charset=utf-8", ".json": "application/json"}


def media_type(name: str) -> str:
    """The Content-Type of a file of the editor's folder (Decap wants "yaml" in its config's)."""
    return MEDIA_TYPES.get(Path(name).suffix, "text/plain; charset=utf-8")


def phrases(locale: str) -> dict | None:
    """majalla's phrase table for an interface language Decap does not ship (Arabic), else None."""
    return tomllib.loads((PHRASES / f"{locale}.toml").read_text(encoding="utf-8")) if locale in OWN_LOCALES else None


def page_settings(config: Config, settings: EditorSettings, label: dict, local: bool = False) -> dict:
    """What majalla-editor.js is told: the interface language, each collection's language and links, and (on
    the preview) where the last build's problems are read."""
    sections: dict[str, dict[str, dict[str, str]]] = {lang.code: {} for lang in config.languages}
    for _, names in config.sections:
        names = dict(names)
        for code, name in names.items():
            sections[code][name] = {other: n for other, n in names.items() if other != code}
    collections = {}
    for language in config.languages:
        collections[collection_name(language.code)] = {
            "lang": language.code, "dir": language.dir, "translate": label[language.code]("editor_translate"),
            "others": [{"collection": collection_name(o.code), "name": o.name, "lang": o.code}
                       for o in config.languages if o.code != language.code],
            "sections": sections[language.code],
        }
    made = {"locale": settings.interface_language, "phrases": phrases(settings.interface_language),
            "collections": collections}
    if local:
        made["status"] = STATUS
    return made


def script_json(data) -> str:
    """JSON that may stand inside <script>: no "</" or "<!--" in it."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


def index_html(config: Config, settings: EditorSettings, label: dict, local: bool = False) -> bytes:
    title = config.language(config.default_language).title if config.default_language in config.codes else ""
    scripts = "".join(f'<script src="{name}"></script>\n' for name in (vendor.SCRIPT, *SCRIPTS))
    told = script_json(page_settings(config, settings, label, local))
    return (f'<!DOCTYPE html>\n<html lang="{settings.interface_language.replace("_", "-")}" '
            f'dir="{settings.interface_dir}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="robots" content="noindex">\n<title>{html.escape(title or config.title)} · CMS</title>\n'
            f'<link href="config.yml" type="text/yaml" rel="cms-config-url">\n'
            f'<link href="{STYLE}" rel="stylesheet">\n</head>\n<body>\n'
            f'<script type="application/json" id="majalla-editor">{told}'
            f'</script>\n<script>window.CMS_MANUAL_INIT = true;</script>\n{scripts}</body>\n</html>\n').encode("utf-8")


def shipped_files() -> dict[str, Path]:
    """{name below /admin/: file}: what is the same for every site (majalla's scripts, Decap's files)."""
    made = {name: PACKAGE / "js" / name for name in (*SCRIPTS, STYLE)}
    made.update({name: vendor.FOLDER / name for name in vendor.files()})
    made["LICENSE.txt"] = vendor.FOLDER / "LICENSE"
    return made


def made_files(config: Config, settings: EditorSettings, local: bool, site_url: str | None = None
               ) -> dict[str, bytes]:
    """{name below /admin/: bytes}: what is made from site.toml (the page, Decap's config)."""
    label = labels(config)
    return {"index.html": index_html(config, settings, label, local),
            "config.yml": config_yaml(cms_config(config, settings, local, site_url, label))}


def admin_files(config: Config, settings: EditorSettings, local: bool, site_url: str | None = None
                ) -> dict[str, bytes | Path]:
    """{name below /admin/: its bytes, or the file to send}. `local`: for the preview (`majalla serve`), whose
    backend is the site folder; else for the published site, whose backend is its GitHub repository."""
    return {**made_files(config, settings, local, site_url), **shipped_files()}
