"""Decap CMS's local backend over the site folder: one request in, one answer out, no server needed.

The editor posts `{"action": A, "params": {...}}` as JSON to /admin/api/v1, the protocol of `decap-server` in
its `local_fs` mode (decap-server 3.11.3, decap-cms-backend-proxy 3.5.3); `handle` gives the answer it
would. Every path is checked (files.py); an article is saved only if majalla reads it without an error,
else the answer is 422 with every problem as `path:line: message`, which the editor shows the writer (the
article stays unsaved, to be fixed and saved again). Warnings (a picture without a description, a
misspelled key) do not stop a save, so a writer can save a draft as often as they like: they come back in
the answer, and `check` and the preview show them.

Who may send requests is the server's to check first (generator/preview/editor.py): this machine's own
editor page only."""
from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ..config import Config
from ..content.articles import ParseSettings, parse
from ..content.sources import CONTENT
from ..content.urls import Urls
from . import files
from .cms_config import collection_name
from .files import ARTICLE, Refused

MEDIA_BUDGET = 64 * 2**20  # the pictures of one getMedia answer, at most (they travel as base64 JSON)
MAX_DEPTH = 8


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes  # JSON, UTF-8

    @property
    def data(self):
        return json.loads(self.body)


@dataclass(frozen=True)
class SiteFolder:
    """What the backend knows of the site: its folder and its settings."""

    root: Path
    config: Config
    media_budget: int = MEDIA_BUDGET
    preview_url: str | None = None  # "http://127.0.0.1:8000/": the preview that shows a saved article

    @property
    def languages(self) -> tuple[str, ...]:
        return self.config.codes


def answer(status: int, data) -> Answer:
    return Answer(status, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def refused(status: int, message: str) -> Answer:
    return answer(status, {"error": message})


def handle(site: SiteFolder, body: bytes, content_type: str | None) -> Answer:
    """The answer to one POST of the editor to /admin/api/v1. One request at a time: a save checks that a new
    article's file is not there yet, then writes it."""
    if (content_type or "").split(";")[0].strip().lower() != "application/json":
        return refused(415, f"the editor's backend takes application/json, not {content_type!r}")
    try:
        request = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return refused(400, "the request is not JSON")
    if not isinstance(request, dict) or not isinstance(request.get("params", {}), dict):
        return refused(422, 'the request must be {"action": ..., "params": {...}}')
    action, params = request.get("action"), request.get("params") or {}
    run = ACTIONS.get(action) if isinstance(action, str) else None
    if run is None:
        return refused(422, f"Unknown action {action}")
    try:
        return run(site, params)
    except Refused as exc:
        return refused(422, str(exc))
    except (KeyError, TypeError, ValueError) as exc:
        return refused(422, f"{action}: a parameter is missing or of the wrong kind ({exc!r})")
    except OSError as exc:
        return refused(500, f"{action}: {exc.strerror or exc} ({exc.filename or ''})")


# ---- reading ----------------------------------------------------------------------------------------------
def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def entry(site: SiteFolder, rel: str, label=None) -> dict:
    """An article as the editor lists it; data null when it cannot be read."""
    try:
        data = files.article(site.root, rel, site.languages).path.read_bytes()
        text = data.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError, Refused):
        return {"data": None, "file": {"path": rel, "label": label, "id": None}}
    return {"data": text, "file": {"path": rel, "label": label, "id": digest(data)}}


def media(rel: str, data: bytes) -> dict:
    return {"id": digest(data), "content": base64.b64encode(data).decode("ascii"), "encoding": "base64",
            "path": rel, "name": rel.rsplit("/", 1)[-1]}


def info(site: SiteFolder, params: dict) -> Answer:
    return answer(200, {"repo": site.root.name, "publish_modes": ["simple"], "type": "local_fs"})


def entries_by_folder(site: SiteFolder, params: dict) -> Answer:
    folder = files.target(site.root, params["folder"], site.languages)
    if folder.lang is None:
        raise Refused(f'"{folder.rel}" is not a language folder of the site')
    if params.get("extension", "md").lstrip(".") != ARTICLE.lstrip("."):
        raise Refused("the editor lists articles (.md) only")
    depth = params.get("depth", 1)
    if isinstance(depth, bool) or not isinstance(depth, int) or not 1 <= depth <= MAX_DEPTH:
        raise Refused(f"depth must be a whole number from 1 to {MAX_DEPTH}")
    return answer(200, [entry(site, rel) for rel in files.listing(folder, (ARTICLE,), depth)])


def entries_by_files(site: SiteFolder, params: dict) -> Answer:
    return answer(200, [entry(site, f["path"], f.get("label")) for f in params["files"]])


def get_entry(site: SiteFolder, params: dict) -> Answer:
    files.article(site.root, params["path"], site.languages)  # refused here, not as "missing"
    return answer(200, entry(site, params["path"]))


def get_media(site: SiteFolder, params: dict) -> Answer:
    """The pictures directly in a folder (the whole file of each, in base64): never the articles or other
    files beside them, and no more than the budget; those left out are still shown when an article uses
    them (getMediaFile)."""
    folder = files.target(site.root, params["mediaFolder"], site.languages)
    found, spent = [], 0
    for rel in files.listing(folder, files.PICTURES, 1):
        data = files.target(site.root, rel, site.languages).path.read_bytes()
        spent += len(data)
        if spent > site.media_budget:
            break
        found.append(media(rel, data))
    return answer(200, found)


def get_media_file(site: SiteFolder, params: dict) -> Answer:
    found = files.picture(site.root, params["path"], site.languages)
    return answer(200, media(found.rel, found.path.read_bytes()))


def get_deploy_preview(site: SiteFolder, params: dict) -> Answer:
    """The address of a saved article on the preview (the editor's "view" link), as the build makes it: the
    month of its date in the site's timezone (not the folder's), its slug. None off the preview."""
    lang = next((code for code in site.languages if params["collection"] == collection_name(code)), None)
    if site.preview_url is None or lang is None:
        return answer(200, None)
    found = files.article(site.root, f"{CONTENT}/{lang}/{params['slug']}{ARTICLE}", site.languages)
    try:
        data = found.path.read_bytes()
    except OSError:
        return answer(200, None)
    article = parse(data, unicodedata.normalize("NFC", found.rel), found.lang, parse_settings(site.config)).article
    if article is None:
        return answer(200, None)
    urls = Urls(site.config.with_options(base_url=site.preview_url))
    return answer(200, {"url": urls.absolute(urls.article(article.lang, article.date, article.slug)),
                        "status": "SUCCESS"})


# ---- writing ----------------------------------------------------------------------------------------------
def picture_bytes(site: SiteFolder, asset: dict) -> tuple[files.Target, bytes]:
    """A picture sent by the editor: where it goes and its bytes; Refused unless it is one, and when another
    picture of that name is there (it is never replaced)."""
    found = files.writable(files.picture(site.root, asset["path"], site.languages))
    if asset.get("encoding", "base64") != "base64":
        raise Refused(f'"{found.rel}": the editor sends pictures in base64, not {asset.get("encoding")!r}')
    try:
        data = base64.b64decode(asset["content"], validate=True)
    except (binascii.Error, ValueError):
        raise Refused(f'"{found.rel}" is not base64') from None
    if found.rel.lower().endswith(files.PASS_THROUGH):
        if b"<svg" not in data[:4096]:
            raise Refused(f'"{found.rel}" is not an SVG picture')
    else:
        try:
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            raise Refused(f'"{found.rel}" is not a picture majalla can read (JPEG, PNG, WebP, GIF...)') from None
    if found.path.is_file() and found.path.read_bytes() != data:
        # the articles of a month share their folder: this may be another article's picture
        raise Refused(f'"{found.rel}" exists already, with another picture (another article\'s?): rename your '
                      f"picture before you upload it, or choose the one that is there")
    return found, data


def parse_settings(config: Config) -> ParseSettings:
    return ParseSettings.of(config)


def read_as_majalla(site: SiteFolder, found: files.Target, raw: str) -> tuple[list, list]:
    """(errors, warnings) of an article's text, as the build would read it at that path."""
    source = unicodedata.normalize("NFC", found.rel)
    problems = parse(raw.encode("utf-8"), source, found.lang, parse_settings(site.config)).problems
    return [p for p in problems if not p.warning], [p for p in problems if p.warning]


def persist_entry(site: SiteFolder, params: dict) -> Answer:
    """Save an article (and the pictures sent with it): all checked first, then the pictures, then the text."""
    data_files = params.get("dataFiles") or [params["entry"]]
    options = params.get("options") or {}
    articles, errors, warnings = [], [], []
    for f in data_files:
        found = files.writable(files.article(site.root, f["path"], site.languages))
        if not isinstance(f["raw"], str):
            raise Refused(f'"{found.rel}": raw must be text')
        if options.get("newEntry") and found.path.exists():
            raise Refused(f'"{found.rel}" exists already: give the new article another title or slug')
        moved = files.writable(files.article(site.root, f["newPath"], site.languages)) if f.get("newPath") else None
        if moved is not None and moved.path.exists() and moved.path != found.path:
            raise Refused(f'"{moved.rel}" exists already: the article cannot move there')
        found_errors, found_warnings = read_as_majalla(site, moved or found, f["raw"])
        errors += found_errors
        warnings += found_warnings
        articles.append((found, moved, f["raw"].encode("utf-8")))
    if errors:
        return refused(422, "\n".join(str(p) for p in sorted(errors)))
    pictures = [picture_bytes(site, a) for a in params.get("assets") or []]
    for found, data in pictures:
        files.write(found.path, data)
    for found, moved, data in articles:
        files.write(found.path, data)
    if articles and all(moved for _, moved, _ in articles):  # only the article moves, never its neighbours
        for found, moved, _ in articles:
            if moved.path != found.path:
                moved.path.parent.mkdir(parents=True, exist_ok=True)
                found.path.replace(moved.path)
    return answer(200, {"message": "entry persisted", "warnings": [str(p) for p in sorted(warnings)]})


def persist_media(site: SiteFolder, params: dict) -> Answer:
    found, data = picture_bytes(site, params["asset"])
    files.write(found.path, data)
    return answer(200, media(found.rel, data))


def delete(site: SiteFolder, rel: str) -> None:
    rel_name = rel if isinstance(rel, str) else ""
    checked = files.picture if files.is_picture(rel_name) else files.article
    found = checked(site.root, rel, site.languages)
    if found.path.is_dir():
        raise Refused(f'"{found.rel}" is a folder: the editor deletes articles and pictures only')
    found.path.unlink(missing_ok=True)


def delete_file(site: SiteFolder, params: dict) -> Answer:
    delete(site, params["path"])
    return answer(200, {"message": f"deleted file {params['path']}"})


def delete_files(site: SiteFolder, params: dict) -> Answer:
    paths = params["paths"]
    if not isinstance(paths, list) or not paths:
        raise Refused("paths must be a list of at least one path")
    for rel in paths:
        delete(site, rel)
    return answer(200, {"message": "deleted files " + ", ".join(paths)})


# The actions of decap-server's local_fs mode. Those of its git mode (unpublishedEntries... for the editorial
# workflow) and the notes of Decap 3's client are refused as it refuses them: "Unknown action".
ACTIONS = {
    "info": info,
    "entriesByFolder": entries_by_folder,
    "entriesByFiles": entries_by_files,
    "getEntry": get_entry,
    "persistEntry": persist_entry,
    "getMedia": get_media,
    "getMediaFile": get_media_file,
    "persistMedia": persist_media,
    "deleteFile": delete_file,
    "deleteFiles": delete_files,
    "getDeployPreview": get_deploy_preview,
}
