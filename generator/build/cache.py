"""The build cache (.cache/majalla.sqlite): parsed articles by content digest, and what output/ holds.

A cache that is corrupt, foreign or from another majalla version is discarded with a warning, never trusted.
Only the build's main process writes; render workers open it read-only to fetch article bodies."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..content.articles import Article
from ..errors import Problem
from .records import article_from_bytes, article_to_bytes, memo_from_text, memo_to_text

CACHE_FOLDER = ".cache"  # in the site folder: this cache, the compiled templates, the pictures, the preview
SCHEMA = 6  # 6: articles and memos as JSON, not pickles
APPLICATION = "majalla-cache"
FILE = "majalla.sqlite"
BUSY_SECONDS = 60  # a write waits this long for another process (check, the preview) to finish its own


@dataclass(frozen=True)
class Summary:
    """What a build reported, kept so that a build with the same inputs reports the same without working."""

    pages: dict  # lang -> HTML pages
    files: int  # files of the output
    since: float  # the build's clock (a timestamp): the output is right from then...
    warnings: tuple[tuple, ...]  # (path, line, message), and "note" after them for a note
    search: str  # what the report said of the search index

    def to_json(self) -> str:
        return json.dumps({"pages": self.pages, "files": self.files, "since": self.since,
                           "warnings": [list(w) for w in self.warnings], "search": self.search}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "Summary":
        data = json.loads(text)
        return cls(data["pages"], data["files"], data["since"], tuple(tuple(w) for w in data["warnings"]),
                   data.get("search", "off"))


@dataclass(frozen=True)
class LastBuild:
    """The last successful build of an output folder."""

    inputs: str  # the digest of every input
    valid_until: float  # ...until then: the next scheduled article comes due, or one leaves the news window
    summary: Summary

    def holds(self, inputs: str, now: float) -> bool:
        """Is its output still what a build of these inputs at this time would make?"""
        return self.inputs == inputs and self.summary.since <= now < self.valid_until


class Cache:
    def __init__(self, folder: Path, warn=None):
        self.folder = folder
        self.path = folder / FILE
        self.warn = warn or (lambda message: None)
        self.db = self.open()

    def open(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            db = sqlite3.connect(self.path, timeout=BUSY_SECONDS)
            db.execute("PRAGMA journal_mode=WAL")
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if tables:
                meta = dict(db.execute("SELECT key, value FROM meta")) if "meta" in tables else {}
                expected = {"application": APPLICATION, "schema": str(SCHEMA), "version": __version__}
                if any(meta.get(k) != v for k, v in expected.items()):
                    db.close()
                    self.warn(f"{self.path}: made by another version of majalla; starting a new cache")
                    return self.reset()
                return db
            return self.create(db)
        except sqlite3.DatabaseError as exc:
            self.warn(f"{self.path}: the build cache is unreadable ({exc}); starting a new one")
            return self.reset()

    def reset(self) -> sqlite3.Connection:
        for suffix in ("", "-wal", "-shm"):
            try:
                os.remove(str(self.path) + suffix)
            except FileNotFoundError:
                pass
        return self.create(sqlite3.connect(self.path, timeout=BUSY_SECONDS))

    @staticmethod
    def create(db: sqlite3.Connection) -> sqlite3.Connection:
        db.execute("PRAGMA journal_mode=WAL")
        db.executescript("""
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE IF NOT EXISTS parsed (key TEXT PRIMARY KEY, article BLOB NOT NULL, warnings TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS bodies (key TEXT PRIMARY KEY, html TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS outputs (folder TEXT, path TEXT, digest TEXT, PRIMARY KEY (folder, path));
            CREATE TABLE IF NOT EXISTS stats (source TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, settings TEXT,
                                              key TEXT);
            CREATE TABLE IF NOT EXISTS memo (name TEXT PRIMARY KEY, inputs TEXT, value TEXT);
            CREATE TABLE IF NOT EXISTS builds (folder TEXT PRIMARY KEY, inputs TEXT, valid_until REAL,
                                               summary TEXT);
        """)
        db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                       [("application", APPLICATION), ("schema", str(SCHEMA)), ("version", __version__)])
        db.commit()
        return db

    @classmethod
    def clear(cls, folder: Path) -> None:
        """Forget everything: the parsed articles, the output records, the compiled templates."""
        for suffix in ("", "-wal", "-shm"):
            try:
                os.remove(str(folder / FILE) + suffix)
            except FileNotFoundError:
                pass
        shutil.rmtree(folder / "templates", ignore_errors=True)

    # ---- parse keys by file size and time: an unchanged file is not read again ---------------------------
    def stats(self, settings: str) -> dict[str, tuple[int, int, str]]:
        """{source: (size, mtime_ns, parse key)} recorded for files parsed with these settings."""
        return {source: (size, mtime, key) for source, size, mtime, key in self.db.execute(
            "SELECT source, size, mtime, key FROM stats WHERE settings = ?", (settings,))}

    def record_stats(self, settings: str, rows: list[tuple[str, int, int, str]]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO stats VALUES (?, ?, ?, ?, ?)",
                            [(source, size, mtime, settings, key) for source, size, mtime, key in rows])
        self.db.commit()

    # ---- parsed articles ------------------------------------------------------------------------
    def parsed(self, keys: list[str]) -> dict[str, tuple[Article, tuple[Problem, ...]]]:
        """{key: (article, its warnings)} for the keys the cache holds."""
        found, wanted = {}, set(keys)
        for key, text, warnings in self.db.execute("SELECT key, article, warnings FROM parsed"):
            if key in wanted:
                try:
                    found[key] = (article_from_bytes(text), tuple(
                        Problem(*w[:3], warning=True, note=len(w) > 3) for w in json.loads(warnings))
                       if warnings != "[]" else ())
                except Exception:  # noqa: BLE001 - whatever an unreadable entry raises, it is parsed again
                    pass  # an entry this version cannot read is parsed again
        return found

    def store_parsed(self, rows: list[tuple[str, Article, str, tuple[Problem, ...]]]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO bodies VALUES (?, ?)", [(key, html) for key, _, html, _ in rows])
        self.db.executemany("INSERT OR REPLACE INTO parsed VALUES (?, ?, ?)", [
            (key, data, json.dumps([(w.path, w.line, w.message) + (("note",) if w.note else ()) for w in warnings],
                                   ensure_ascii=False))
            for key, data, warnings in ((key, storable(a), warnings) for key, a, _, warnings in rows) if data])
        self.db.commit()

    def keep_parsed(self, keys: set[str]) -> None:
        """Forget the parsed articles this build did not use (edited or deleted files)."""
        stale = [k for (k,) in self.db.execute("SELECT key FROM parsed") if k not in keys]
        self.db.executemany("DELETE FROM parsed WHERE key = ?", [(k,) for k in stale])
        self.db.executemany("DELETE FROM bodies WHERE key = ?", [(k,) for k in stale])
        self.db.commit()

    # ---- output records -----------------------------------------------------------------------------
    def outputs(self, folder: Path) -> dict[str, str]:
        return dict(self.db.execute("SELECT path, digest FROM outputs WHERE folder = ?", (str(folder),)))

    def record_outputs(self, folder: Path, digests: dict[str, str]) -> None:
        self.db.execute("DELETE FROM outputs WHERE folder = ?", (str(folder),))
        self.db.executemany("INSERT INTO outputs VALUES (?, ?, ?)",
                            [(str(folder), p, d) for p, d in sorted(digests.items())])
        self.db.commit()

    def update_outputs(self, folder: Path, changed: dict[str, str], removed) -> None:
        """After a patch: the records of the files it wrote and removed; the others stay."""
        self.db.executemany("DELETE FROM outputs WHERE folder = ? AND path = ?", [(str(folder), p) for p in removed])
        self.db.executemany("INSERT OR REPLACE INTO outputs VALUES (?, ?, ?)",
                            [(str(folder), p, d) for p, d in sorted(changed.items())])
        self.db.commit()

    # ---- results of whole-site computations, by the digest of their inputs ----------------------------
    def memo(self, name: str, inputs: str, make):
        """make()'s value, or the one stored under `name` when it was made from the same inputs."""
        row = self.db.execute("SELECT value FROM memo WHERE name = ? AND inputs = ?", (name, inputs)).fetchone()
        if row:
            try:
                return memo_from_text(row[0])
            except (ValueError, TypeError, AttributeError):  # unreadable: made again
                pass
        value = make()
        try:
            text = memo_to_text(value)
        except ValueError:
            return value
        self.db.execute("INSERT OR REPLACE INTO memo VALUES (?, ?, ?)", (name, inputs, text))
        self.db.commit()
        return value

    # ---- the last successful build of an output folder ---------------------------------------------
    def last_build(self, folder: Path) -> LastBuild | None:
        row = self.db.execute("SELECT inputs, valid_until, summary FROM builds WHERE folder = ?",
                              (str(folder),)).fetchone()
        if row is None:
            return None
        try:
            return LastBuild(row[0], row[1], Summary.from_json(row[2]))
        except (ValueError, KeyError, TypeError):  # a summary in another shape: as if there were none
            return None

    def record_build(self, folder: Path, inputs: str, valid_until: float, summary: Summary) -> None:
        self.db.execute("INSERT OR REPLACE INTO builds VALUES (?, ?, ?, ?)",
                        (str(folder), inputs, valid_until, summary.to_json()))
        self.db.commit()

    def forget_build(self, folder: Path) -> None:
        """The folder was written outside a build (the preview's saved article first): the next build of
        it works, whatever its inputs."""
        self.db.execute("DELETE FROM builds WHERE folder = ?", (str(folder),))
        self.db.commit()

    def close(self) -> None:
        self.db.close()


def storable(article: Article) -> bytes | None:
    """The article as the cache stores it; None when it cannot be stored exactly (it is parsed again)."""
    try:
        return article_to_bytes(article)
    except ValueError:
        return None


class StoredBodies:
    """Read-only access to article bodies, opened lazily in whichever process renders."""

    def __init__(self, path: Path, keys: dict[str, str]):
        self.path, self.keys = path, keys
        self.db = None
        self.pid = None

    def __getitem__(self, article_id: str) -> str:
        if self.pid != os.getpid():
            self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            self.pid = os.getpid()
        row = self.db.execute("SELECT html FROM bodies WHERE key = ?", (self.keys[article_id],)).fetchone()
        return row[0] if row else ""

