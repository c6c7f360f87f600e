"""Author profiles: one file per author, `authors/<key>.toml`, with the photo beside it. A newsroom of 200
contributors edits one small file per person (no merge conflicts between two desks, a contributor's file and
photo in one place, one file to delete when someone leaves); a mistake in one file is reported at its line,
`authors/salma-el-alaoui.toml:4: …`, like site.toml's, all at once.

    name = { ar = "سلمى العلوي", fr = "Salma El Alaoui" }   # or one name for every language
    role = { ar = "صحافية", fr = "Journaliste" }
    bio = { ar = "…", fr = "…" }
    photo = "salma-el-alaoui.jpg"                           # beside this file
    gender = "female"                                       # "male" or "female": the Arabic labels
    [links]
    site = "https://…"
    x = "https://x.com/…"
    facebook = "https://www.facebook.com/…"
    linkedin = "https://www.linkedin.com/in/…"

A byline (`author:`) or a `translator:` of any language that is one of the profile's names, once normalized
(text.arabic.identity), is that author: the page shows the profile's name in the page's language."""
from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from .. import confine
from ..config import Config, key_line, suggest, toml_error
from ..errors import Problems
from ..text.arabic import identity
from .sources import ignored, read_text

FOLDER = "authors"
KEYS = ("name", "role", "bio", "photo", "gender", "links")
GENDERS = ("female", "male")
LINKS = ("site", "x", "facebook", "linkedin")  # in the order pages show them
PHOTOS = (".jpg", ".jpeg", ".png", ".webp")
FILE_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Profile:
    key: str  # the file's name without .toml: "salma-el-alaoui"
    source: str  # "authors/salma-el-alaoui.toml"
    names: tuple[tuple[str, str], ...]  # (language, name); ("", name): one name for every language
    roles: tuple[tuple[str, str], ...]
    bios: tuple[tuple[str, str], ...]
    photo: str | None  # its source path: "authors/salma-el-alaoui.jpg"
    photo_line: int
    gender: str  # "female", "male" or ""
    links: tuple[tuple[str, str], ...]  # (kind, URL) in the order of LINKS
    name_line: int = 1

    def name(self, lang: str, default: str = "") -> str:
        return pick(self.names, lang, default)

    def role(self, lang: str, default: str = "") -> str:
        return pick(self.roles, lang, default)

    def bio(self, lang: str, default: str = "") -> str:
        return pick(self.bios, lang, default)


def pick(values: tuple[tuple[str, str], ...], lang: str, default: str) -> str:
    """The value of `lang`, else the one of every language, else the default language's, else the first."""
    found = dict(values)
    for code in (lang, "", default):
        if code in found:
            return found[code]
    return values[0][1] if values else ""


@dataclass(frozen=True)
class Profiles:
    """Every profile, and which one each name of it is."""

    profiles: tuple[Profile, ...]  # by key

    def __post_init__(self):
        object.__setattr__(self, "_by_name", {identity(name): p for p in self.profiles for _, name in p.names})
        object.__setattr__(self, "_by_key", {p.key: p for p in self.profiles})

    def find(self, name: str) -> Profile | None:
        """The profile a byline names (any of its names, in any language, normalized)."""
        return self._by_name.get(identity(name))

    def get(self, key: str) -> Profile | None:
        return self._by_key.get(key)

    def names(self) -> dict[str, Profile]:
        """{normalized name: profile}."""
        return dict(self._by_name)

    def __bool__(self) -> bool:
        return bool(self.profiles)


NO_PROFILES = Profiles(())


def files(root: Path) -> list[Path]:
    """The profile files of a site (the inputs of a build: their bytes are in its digest)."""
    folder = root / FOLDER
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not ignored(p.name))


def load_profiles(root: Path, config: Config, problems: Problems) -> Profiles:
    """Every authors/*.toml of the site; every mistake reported at its line."""
    folder = root / FOLDER
    if not folder.exists():
        return NO_PROFILES
    if why := confine.problem(folder, root):
        problems.error(FOLDER, 0, why)
        return NO_PROFILES
    found = []
    for path in files(root):
        name = unicodedata.normalize("NFC", path.name)
        if path.suffix.lower() in PHOTOS:
            continue  # a photo: read when a profile names it
        where = f"{FOLDER}/{name}"
        if path.suffix != ".toml":
            problems.error(where, 0, "is not an author profile (authors/<name>.toml) nor a photo "
                                     f"({', '.join(PHOTOS)}); move it out of authors/")
            continue
        if why := confine.problem(path, root):
            problems.error(where, 0, why)
            continue
        profile = read_profile(path, where, config, problems)
        if profile is not None:
            found.append(profile)
    claimed: dict = {}
    for p in found:
        for lang, name in p.names:
            other = claimed.setdefault(identity(name), p)
            if other is not p:
                problems.error(p.source, p.name_line, f'the name "{name}" is also the name of {other.source}: a byline would not know '
                               f"which author it is; give one of them another name")
    return Profiles(tuple(sorted(found, key=lambda p: p.key)))


def read_profile(path: Path, where: str, config: Config, problems: Problems) -> Profile | None:
    key = unicodedata.normalize("NFC", path.stem)
    text, line, message = read_text(path.read_bytes())
    if text is None:
        problems.error(where, line, message)
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.error(where, *toml_error(exc))
        return None
    before = len(problems.errors)
    at = lambda k, table=None: key_line(text, table, k)  # noqa: E731
    if not FILE_KEY.match(key):
        problems.error(where, 0, f'"{path.name}": name the file with small Latin letters, digits and hyphens, '
                                 f'like "salma-el-alaoui.toml" (it is the author\'s key)')
    for k in data:
        if k not in KEYS:
            problems.error(where, at(k), f'unknown key "{k}"{suggest(k, KEYS)}')
    codes = config.codes

    def texts(k: str, required: bool = False) -> tuple[tuple[str, str], ...]:
        value = data.get(k)
        if value is None:
            if required:
                problems.error(where, 1, f'"{k}" is required: the author\'s name, like {k} = {{ ar = "سلمى العلوي", '
                                         f'fr = "Salma El Alaoui" }} (or one name for every language)')
            return ()
        if isinstance(value, str):
            value = {"": value}
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            problems.error(where, at(k), f'"{k}" must be text, or a table of text per language like '
                                         f'{{ ar = "…", fr = "…" }}')
            return ()
        result = []
        for lang, v in value.items():
            v = unicodedata.normalize("NFC", v).strip()
            if lang and lang not in codes:
                problems.error(where, at(k), f'{k}: "{lang}" is not one of the languages ({", ".join(codes)})')
            elif not v:
                problems.error(where, at(k), f'"{k}" holds an empty text' + (f" for {lang}" if lang else ""))
            elif any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in v):
                problems.error(where, at(k), f'"{k}" holds a control character; remove it')
            else:
                result.append((lang, v))
        return tuple(sorted(result))

    names = texts("name", required=True)
    roles, bios = texts("role"), texts("bio")
    gender = data.get("gender", "")
    if gender not in ("", *GENDERS):
        problems.error(where, at("gender"), f'gender must be "female" or "male" (for the Arabic labels «كاتبة», '
                                            f'«كاتب»), not {gender!r}')
        gender = ""
    photo, photo_line = None, 0
    if "photo" in data:
        photo_line = at("photo")
        photo = check_photo(data["photo"], path, where, photo_line, problems)
        if photo and (why := confine.problem(path.parent / PurePosixPath(photo).name, path.parent.parent)):
            problems.error(where, photo_line, f"photo: {why}")
            photo = None
    links = []
    table = data.get("links", {})
    if not isinstance(table, dict):
        problems.error(where, at("links"), 'links must be a table: [links], then site = "https://…", x = "https://…"')
        table = {}
    for kind, url in table.items():
        line = at(kind, "links")
        if kind not in LINKS:
            problems.error(where, line, f'unknown link "{kind}"{suggest(kind, LINKS)}')
        elif why := link_problem(url):
            problems.error(where, line, f"links.{kind}: {why}")
        else:
            links.append((kind, url.strip()))
    if len(problems.errors) > before:
        return None
    links.sort(key=lambda kv: LINKS.index(kv[0]))
    return Profile(key, where, names, roles, bios, photo, photo_line, gender, tuple(links), at("name"))


def link_problem(url) -> str | None:
    """Why a profile's link may not be published: only a web address (http or https) is."""
    if not isinstance(url, str):
        return f"must be a web address in quotes, not {url!r}"
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return f'"{url}" is not a web address: write it whole, like "https://x.com/name"'
    if "@" in parts.netloc or any(ch.isspace() or ch in "\"'<>\\`" or ord(ch) < 32 for ch in url):
        return f"{url!r} holds spaces, quotes, a user name or control characters; give the address only"
    return None


def check_photo(value, path: Path, where: str, line: int, problems: Problems) -> str | None:
    """The photo's source path ("authors/x.jpg"): a file beside the profile."""
    if not isinstance(value, str) or not value.strip():
        problems.error(where, line, 'photo must be the name of a picture beside the profile, like "salma.jpg"')
        return None
    value = value.strip()
    rel = PurePosixPath(value)
    if rel.is_absolute() or ".." in rel.parts or "://" in value or "\\" in value or len(rel.parts) != 1:
        problems.error(where, line, f'photo "{value}": give the name of a picture beside the profile in authors/, '
                                    f'like "{path.stem}.jpg"')
        return None
    if rel.suffix.lower() not in PHOTOS:
        problems.error(where, line, f'photo "{value}" is not a picture ({", ".join(PHOTOS)})')
        return None
    file = path.parent / value
    if not file.is_file():
        problems.error(where, line, f'photo "{value}" not found beside the profile (looked for {FOLDER}/{value})')
        return None
    return f"{FOLDER}/{unicodedata.normalize('NFC', value)}"
