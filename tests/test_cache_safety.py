"""The build cache never runs code: payloads planted in .cache/ (the parsed articles, the memo, the compiled
templates) are never executed, and the build still makes the right site from the sources."""
from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path

import jinja2

from generator.build.cache import CACHE_FOLDER, FILE
from generator.build.records import article_from_bytes, article_to_bytes
from generator.content.articles import ParseSettings, parse
from tests.sites import article, files, run, write_site


class Payload:
    """Unpickling this creates the canary file: what a poisoned pickle would do."""

    def __init__(self, canary: Path):
        self.canary = canary

    def __reduce__(self):
        return (Path.touch, (self.canary,))


def site_of(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site", "\n".join(
        f"-- content/{lang}/2024/06/story-{n}.md --\n"
        + article(f"عنوان {n}" if lang == "ar" else f"Titre {n}", f"2024-06-{10 + n}", tags=["أ", "ب"],
                  translation_key=f"story-{n}", extra_key={"nested": [1, "x"]})
        for n in range(4) for lang in ("ar", "fr")))


def plant_templates(root: Path, canary: Path) -> int:
    """Compiled templates that create the canary when loaded, under the names Jinja's own file cache and
    majalla's give them (the latter with a forged signature); the number of templates poisoned."""
    from generator.config import load
    from generator.theme.templates import environment, locate

    env = environment(load(root), locate(load(root)))
    naming = jinja2.BytecodeCache()
    folder = root / CACHE_FOLDER / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    names = env.list_templates()
    for name in names:
        source, filename, _ = env.loader.get_source(env, name)
        bucket = jinja2.bccache.Bucket(env, naming.get_cache_key(name, filename), naming.get_source_checksum(source))
        bucket.code = compile(f"open({str(canary)!r}, 'w').close()", filename, "exec")
        data = bucket.bytecode_to_string()
        (folder / f"__jinja2_{bucket.key}.cache").write_bytes(data)
        (folder / f"{bucket.key}.jbc").write_bytes(bytes(32) + data)
    return len(names)


def test_a_poisoned_cache_never_runs_and_the_build_still_works(tmp_path, monkeypatch):
    from generator.build import reading
    from generator.theme import templates

    monkeypatch.setattr(reading, "environment", templates.environment)  # the site's own .cache/templates/,
    root = site_of(tmp_path)  # as outside the tests (conftest shares one folder between a process's builds)
    canary = tmp_path / "canary"
    run(root)
    run(root, output=tmp_path / "clean", clean=True, base_url="https://preview.example.ma/")
    expected = files(tmp_path / "clean")

    db = sqlite3.connect(root / CACHE_FOLDER / FILE)
    payload = pickle.dumps(Payload(canary))
    keys = [k for (k,) in db.execute("SELECT key FROM parsed")]
    assert len(keys) == 8
    db.execute("UPDATE parsed SET article = ?", (payload,))
    db.execute("UPDATE parsed SET article = ? WHERE key = ?", ('[1, 2, 3]', keys[0]))  # data, of the wrong shape
    assert db.execute("UPDATE memo SET value = ?", (payload,)).rowcount == 1
    db.commit()
    db.close()
    assert plant_templates(root, canary) > 10

    report = run(root, base_url="https://preview.example.ma/")  # every page rendered: every template loaded
    assert not canary.exists(), "the cache ran code"
    assert report.parsed == 8  # the planted entries were refused and the articles parsed again
    assert files(root / "output") == expected


def test_an_article_goes_through_the_cache_unchanged(tmp_path):
    settings = ParseSettings("Africa/Casablanca", (("ar", "rtl"), ("fr", "ltr")))
    text = article("عنوان", "2024-03-31 02:30:00", tags=["أ"], aliases=["/old/"], image="x.jpg", translator="مترجم",
                   extra={"a": [1, 2.5, None, True, {"b": "ج"}]}, body="نص ![صورة](p.jpg) [رابط](https://x.ma/).")
    parsed = parse(text.encode(), "content/ar/2024/03/x.md", "ar", settings).article
    back = article_from_bytes(article_to_bytes(parsed))
    assert back == parsed
    assert back.date.tzinfo == parsed.date.tzinfo and back.date.utcoffset() == parsed.date.utcoffset()
    assert [type(getattr(back, f)) for f in ("tags", "images", "lines", "extra", "translators")] == [tuple] * 5


def test_front_matter_json_cannot_hold_is_parsed_again_rather_than_stored_changed(tmp_path):
    settings = ParseSettings("Africa/Casablanca", (("ar", "rtl"),))
    text = "---\ntitle: عنوان\ndate: 2024-06-26\nkinds: !!set {a, b}\nblob: !!binary aGVsbG8=\n---\nنص.\n"
    parsed = parse(text.encode(), "content/ar/x.md", "ar", settings).article
    try:
        article_to_bytes(parsed)
    except ValueError:
        pass
    else:
        raise AssertionError("a set and bytes would come back as other types")
    root = write_site(tmp_path / "site", "-- content/ar/2024/06/x.md --\n" + text)
    assert run(root).parsed == 1
    assert run(root, base_url="https://other.example.ma/").parsed == 1  # not taken from the cache


def test_compiled_templates_are_reused_when_signed_here_and_refused_when_tampered(tmp_path):
    from generator.theme.bytecode import SignedBytecodeCache, machine_key

    key = machine_key()
    assert key, "Linux gives a boot id"
    env = jinja2.Environment(loader=jinja2.DictLoader({"t.html": "{{ 1 + 1 }}"}),
                             bytecode_cache=SignedBytecodeCache(tmp_path, key))
    assert env.get_template("t.html").render() == "2"
    [stored] = tmp_path.glob("*.jbc")
    compiled = []
    again = jinja2.Environment(loader=env.loader, bytecode_cache=SignedBytecodeCache(tmp_path, key))
    again.compile = lambda *a, **k: compiled.append(1) or jinja2.Environment.compile(again, *a, **k)
    assert again.get_template("t.html").render() == "2" and compiled == []  # loaded, not compiled
    stored.write_bytes(stored.read_bytes()[:-1] + b"x")  # one byte changed: the signature fails
    third = jinja2.Environment(loader=env.loader, bytecode_cache=SignedBytecodeCache(tmp_path, key))
    third.compile = lambda *a, **k: compiled.append(1) or jinja2.Environment.compile(third, *a, **k)
    assert third.get_template("t.html").render() == "2" and compiled == [1]
