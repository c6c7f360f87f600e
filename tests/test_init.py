"""`init`: a new, empty magazine that builds and passes `check --strict` at once; never an overwrite."""
from __future__ import annotations

import tomllib

from generator import config as site_config
from generator.cli import main


def init(site, *args):
    return main(["init", "--site", str(site), *args])


def test_a_new_site_builds_and_checks_and_takes_its_first_article(tmp_path, capsys):
    site = tmp_path / "مجلتي"
    assert init(site) == 0
    assert capsys.readouterr().err.count("majalla new") == 1  # says what to do next
    config = site_config.load(site)
    assert config.title == "مجلتي" and config.default_language == "ar"
    assert [(l.code, l.dir, l.locale) for l in config.languages] == [("ar", "rtl", "ar_MA"), ("fr", "ltr", "fr_MA")]
    assert (site / ".gitignore").read_text() == "output/\n.cache/\n"
    assert (site / "content" / "ar").is_dir() and (site / "content" / "fr").is_dir()
    assert main(["--site", str(site), "-q"]) == 0
    assert main(["check", "--site", str(site), "--strict"]) == 0
    assert main(["new", "--site", str(site), "أول مقال", "--translation", "fr"]) == 0
    assert main(["--site", str(site), "-q", "--drafts"]) == 0
    home = (site / "output" / "ar" / "index.html").read_text(encoding="utf-8")
    assert 'lang="ar" dir="rtl"' in home and "مجلتي" in home


def test_it_never_overwrites_a_site_and_writes_nothing_on_a_mistake(tmp_path, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / "site.toml").write_text("title = 'mine'\n", encoding="utf-8")
    assert init(site) == 1
    assert "site.toml: exists already" in capsys.readouterr().err
    assert (site / "site.toml").read_text(encoding="utf-8") == "title = 'mine'\n" and sorted(site.iterdir()) == [site / "site.toml"]

    other = tmp_path / "other"
    assert init(other, "--title", "a\nb", "--base-url", "ftp://x", "--languages", "ar", "ar", "x1") == 1
    err = capsys.readouterr().err
    assert "control characters" in err and "ftp://x" in err and "given twice" in err and '"x1"' in err  # all at once
    assert not other.exists()


def test_quotes_in_the_title_and_languages_the_theme_has_no_strings_for(tmp_path, capsys):
    site = tmp_path / "site"
    title = 'مجلة "الغد" \\ 2026'
    assert init(site, "--title", title, "--languages", "fa", "en", "--base-url", "https://example.ir") == 0
    data = tomllib.loads((site / "site.toml").read_text(encoding="utf-8"))
    assert data["title"] == title and data["base_url"] == "https://example.ir/"
    assert data["languages"]["fa"] == {"name": "فارسی", "dir": "rtl", "locale": "fa", "title": title}
    assert data["languages"]["en"]["dir"] == "ltr" and not (site / "i18n" / "en.toml").exists()  # the theme has en
    assert "translate them" in capsys.readouterr().err
    assert tomllib.loads((site / "i18n" / "fa.toml").read_text(encoding="utf-8"))["home"] == "Home"
    assert main(["--site", str(site), "-q"]) == 0  # a language without the theme's strings still builds
    assert 'lang="fa" dir="rtl"' in (site / "output" / "fa" / "index.html").read_text(encoding="utf-8")


def test_a_gitignore_already_there_is_kept(tmp_path, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / ".gitignore").write_text("*.swp\n", encoding="utf-8")
    assert init(site) == 0
    assert (site / ".gitignore").read_text(encoding="utf-8") == "*.swp\n"
    assert ".gitignore: add output/ and .cache/" in capsys.readouterr().err
