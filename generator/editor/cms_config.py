"""The editor's configuration (Decap CMS's config.yml), made from site.toml: never written by hand.

One folder collection per language, `articles_<code>` over `content/<code>/`, each article at
`<yyyy>/<mm>/<slug>.md`, the versions of a story linked by `translation_key` (majalla's own model: each
version has its own slug, so Decap's `i18n`, which wants one file name in every language, is not used).
Every front-matter key of the writer's guide is a field with its widget, labelled in the collection's
language from the theme's UI strings (`editor_<key>`, `editor_<key>_hint`). `lang` is not one: the collection
is the article's language.

Decap fills `{{year}}/{{month}}` from the date in UTC, so an article dated in the first hour of a month
(Casablanca time) is filed in the previous month's folder; its URL, made by majalla from the date in the
site's timezone, is not affected."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from typing import Callable

import yaml
from babel.dates import get_timezone_location

from ..config import Config, Language
from ..content.sources import CONTENT
from ..theme.strings import MissingString, load_strings
from ..theme.templates import BUNDLED_THEMES, locate
from .settings import EditorSettings

API_PATH = "api/v1"  # below the editor's folder: /admin/api/v1
MEDIA_FOLDER = "static/images"  # the pictures of the whole site: /images/x.jpg
DATE_FORMAT = "YYYY-MM-DD HH:mm:ss"  # wall time, no offset: majalla reads it in the site's timezone
HEADER = "# Made by majalla from site.toml (do not edit: it is made again each time).\n"


@dataclass(frozen=True)
class Field:
    """A front-matter key in the editor: its widget and the Decap options it always has."""

    name: str
    widget: str
    required: bool = False
    extra: dict = field(default_factory=dict)  # Decap options it always has
    hint: bool = False  # the label has a hint: editor_<name>_hint

    def decap(self, label: Callable[..., str], **options) -> dict:
        made = {"name": self.name, "label": label(f"editor_{self.name}"), "widget": self.widget}
        if not self.required:
            made["required"] = False
        if self.hint:
            made["hint"] = label(f"editor_{self.name}_hint")
        return {**made, **self.extra, **options}


# The writer's guide, key by key, in the order a writer fills them in.
FIELDS = (
    Field("title", "string", required=True),
    Field("date", "datetime", required=True, extra={"format": DATE_FORMAT}, hint=True),
    Field("author", "list", hint=True),
    Field("translator", "list", hint=True),
    Field("dateline", "string"),
    Field("section", "select"),  # the [sections] names of the collection's language; text when there are none
    Field("tags", "list", hint=True),
    Field("summary", "text"),
    Field("image", "image", extra={"choose_url": False}),
    Field("image_alt", "string", hint=True),
    Field("image_caption", "string"),
    Field("image_credit", "string"),
    Field("body", "markdown"),
    Field("translation_key", "string", hint=True),
    Field("slug", "string", hint=True),
    Field("featured", "boolean", extra={"default": False}),
    Field("draft", "boolean", extra={"default": False}),
    Field("updated", "datetime", extra={"format": DATE_FORMAT}, hint=True),
    Field("aliases", "list", hint=True),
    Field("corrections", "list", hint=True),  # each a date and a text (collection() gives their fields)
    Field("series", "string", hint=True),
    Field("part", "number", extra={"value_type": "int", "min": 1}),
    Field("expires", "datetime", extra={"format": DATE_FORMAT}, hint=True),
    Field("pinned", "object", extra={"collapsed": True}, hint=True),  # a slot and an end (collection() gives them)
    Field("breaking", "datetime", extra={"format": DATE_FORMAT}, hint=True),  # the strip's end (true: `majalla` files)
)


def collection_name(code: str) -> str:
    return f"articles_{code}"


def section_names(config: Config, code: str) -> list[str]:
    """The names of [sections] in one language, in site.toml's order."""
    return [dict(names)[code] for _, names in config.sections if code in dict(names)]


def labels(config: Config) -> dict[str, Callable[..., str]]:
    """{code: label(key)}: the theme's UI strings (with the site's own), in each language; a key the language's
    files lack (a site's own i18n/fa.toml made before the editor) is said in English."""
    theme_dir = locate(config)
    strings = load_strings(config, theme_dir)
    english = {}
    for path in (BUNDLED_THEMES / "majalla" / "i18n" / "en.toml", theme_dir / "i18n" / "en.toml"):
        if path.is_file():
            english.update(tomllib.loads(path.read_text(encoding="utf-8")))

    def label_in(language: Language) -> Callable[..., str]:
        city = get_timezone_location(config.timezone, locale=language.locale, return_city=True)

        def label(key: str) -> str:
            try:
                text = strings[language.code](key)
            except MissingString:
                text = english[key]
            return text.format(city=city) if "{city}" in text else text
        return label
    return {language.code: label_in(language) for language in config.languages}


def collection(config: Config, language: Language, label: Callable[..., str]) -> dict:
    sections = section_names(config, language.code)
    fields = []
    for f in FIELDS:
        if f.name == "section":
            fields.append(f.decap(label, options=sections) if sections else f.decap(label, widget="string"))
        elif f.name == "corrections":
            fields.append(f.decap(label, fields=[
                {"name": "date", "label": label("editor_correction_date"), "widget": "datetime", "format": DATE_FORMAT},
                {"name": "text", "label": label("editor_correction_text"), "widget": "text"}]))
        elif f.name == "pinned":
            fields.append(f.decap(label, fields=[
                {"name": "slot", "label": label("editor_pinned_slot"), "widget": "select", "required": False,
                 "options": [{"label": label("lead_story"), "value": "lead"}, {"label": label("picks"), "value": "picks"}]},
                {"name": "until", "label": label("editor_pinned_until"), "widget": "datetime", "required": False,
                 "format": DATE_FORMAT}]))
        else:
            fields.append(f.decap(label))
    return {
        "name": collection_name(language.code),
        "label": language.name,
        "label_singular": label("editor_article"),
        "folder": f"{CONTENT}/{language.code}",
        "create": True,
        "extension": "md",
        "format": "frontmatter",
        "path": "{{year}}/{{month}}/{{slug}}",
        "slug": "{{fields.slug}}",  # filled, for a new article, by the editor's script as `majalla new` would
        "identifier_field": "title",
        "summary": "{{title}}",
        "sortable_fields": [{"field": "date", "default_sort": "desc"}, "title"],
        "media_folder": "",  # pictures beside the article: image: cover.jpg
        "public_folder": "",
        "fields": fields,
    }


def backend(settings: EditorSettings, local: bool) -> dict:
    """The preview's own files (`majalla serve`), or the site's GitHub repository for the published editor."""
    if local:
        return {"name": "proxy", "proxy_url": f"/admin/{API_PATH}", "branch": settings.branch}
    made = {"name": "github", "repo": settings.repo, "branch": settings.branch}
    if settings.auth_url:
        made["base_url"] = settings.auth_url
    if settings.auth_endpoint:
        made["auth_endpoint"] = settings.auth_endpoint
    return made


def cms_config(config: Config, settings: EditorSettings, local: bool, site_url: str | None = None,
               label: dict[str, Callable[..., str]] | None = None) -> dict:
    """Decap's configuration for this site: `local` for the preview, else for the published site. `label`:
    labels(config), when the caller has them."""
    label = label or labels(config)
    made = {
        "backend": backend(settings, local),
        "locale": settings.interface_language,
        "media_folder": MEDIA_FOLDER,
        "public_folder": "/images",
        # Decap's own links would take the month in UTC, not the article's address: on the preview, majalla's
        # script links a saved article to its page (the backend's getDeployPreview gives the build's address)
        "show_preview_links": False,
        "slug": {"encoding": "unicode", "clean_accents": False, "sanitize_replacement": "-"},
    }
    if site_url:
        made["site_url"] = made["display_url"] = site_url
    made["collections"] = [collection(config, language, label[language.code]) for language in config.languages]
    return made


def config_yaml(made: dict) -> bytes:
    return (HEADER + yaml.safe_dump(made, allow_unicode=True, sort_keys=False, width=120)).encode("utf-8")


def folder_languages(config: Config) -> dict[str, str]:
    """{"content/ar": "ar", ...}: the collections' folders and their languages."""
    return {f"{CONTENT}/{lang.code}": lang.code for lang in config.languages}


__all__ = ["FIELDS", "cms_config", "config_yaml", "collection_name", "folder_languages", "section_names"]
