"""Nothing outside the site is read or published: one case per way in (a link in content/, static/, a theme's
static/ and templates/, i18n/, the top-level folders themselves as links, `theme` naming a folder elsewhere,
links to .git/, .cache/ or /proc/self/environ), each with a canary outside the site that must never reach
output/. Each case is an error at the link's path; the previous output/ stays as it was."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.build.options import BuildOptions
from generator.build.checking import check
from generator.errors import BuildError
from generator.theme.templates import BUNDLED_THEMES
from tests.sites import NOW, article, files, run, write_site

CANARY = "CANARY-7f3a"
OUT_FILE = "is a link to a file outside the site; copy the file into the site instead"
OUT_FOLDER = "is a link to a folder outside the site; copy what you need into the site instead"


def into(folder: str) -> str:
    return f"is a link into {folder}/, which is never read nor published; copy what you need into the site instead"


def link(root: Path, name: str, target) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    os.symlink(target, path)


def own_theme(root: Path) -> Path:
    theme = root / "themes/mine"
    shutil.copytree(BUNDLED_THEMES / "majalla", theme)
    toml = root / "site.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('theme = "majalla"', 'theme = "mine"'), encoding="utf-8")
    return theme


def set_theme(root: Path, value: str) -> None:
    toml = root / "site.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('theme = "majalla"', f'theme = "{value}"'), encoding="utf-8")


# name -> (setup(root, outside), expected problems); `outside` is a folder beside the site holding the canary:
# secret.txt, a copy of content/ (ar/x.md titled with it), a theme, templates, i18n/ar.toml, a picture folder.
CASES = {
    "content file to outside": (lambda r, o: link(r, "content/ar/2024/06/x.md", o / "content/ar/x.md"),
                                [f"content/ar/2024/06/x.md: {OUT_FILE}"]),
    "content file into .git": (lambda r, o: link(r, "content/ar/2024/06/config.txt", r / ".git/config"),
                               [f"content/ar/2024/06/config.txt: {into('.git')}"]),
    "content file into .cache": (lambda r, o: link(r, "content/ar/2024/06/cache.txt", r / ".cache/secret.txt"),
                                 [f"content/ar/2024/06/cache.txt: {into('.cache')}"]),
    "content folder into .git": (lambda r, o: link(r, "content/ar/git", r / ".git"),
                                 [f"content/ar/git: {into('.git')}"]),
    "content/ itself": (lambda r, o: link(r, "content", o / "content"), [f"content: {OUT_FOLDER}"]),
    "content/<lang> itself": (lambda r, o: link(r, "content/fr", o / "content/ar"), [f"content/fr: {OUT_FOLDER}"]),
    "static file to /proc/self/environ": (lambda r, o: link(r, "static/env.txt", "/proc/self/environ"),
                                          ["static/env.txt: is a link to a file outside the site; copy the file instead"]),
    "static file into .git": (lambda r, o: link(r, "static/config.txt", r / ".git/config"),
                              [f"static/config.txt: {into('.git')}"]),
    "static/robots.txt to outside": (lambda r, o: link(r, "static/robots.txt", o / "secret.txt"),
                                     ["static/robots.txt: is a link to a file outside the site; copy the file instead"]),
    "static/ itself": (lambda r, o: link(r, "static", o / "static"), [f"static: {OUT_FOLDER}"]),
    "templates/ itself": (lambda r, o: link(r, "templates", o / "templates"), [f"templates: {OUT_FOLDER}"]),
    "a template to outside": (lambda r, o: link(r, "templates/article.html", o / "templates/article.html"),
                              [f"templates/article.html: {OUT_FILE}"]),
    "a template folder to outside, then include": (
        lambda r, o: (link(r, "templates/evil", o / "included"),
                      (r / "templates/article.html").write_text('{% extends "theme/article.html" %}{% block main %}'
                                                                '{% include "evil/secret.txt" %}{% endblock %}')),
        [f"templates/evil: {OUT_FOLDER}"]),
    "i18n file to outside": (lambda r, o: link(r, "i18n/ar.toml", o / "i18n/ar.toml"), [f"i18n/ar.toml: {OUT_FILE}"]),
    "i18n/ itself": (lambda r, o: link(r, "i18n", o / "i18n"), [f"i18n/ar.toml: {OUT_FILE}"]),
    "themes/ itself": (lambda r, o: (own_theme(r), shutil.move(r / "themes", o / "themes-moved"),
                                     link(r, "themes", o / "themes-moved")),
                       [f"themes/mine: {OUT_FOLDER}"]),
    "a theme's static file to outside": (lambda r, o: link(own_theme(r), "static/secret.css", o / "secret.txt"),
                                         [f"themes/mine/static/secret.css: {OUT_FILE}"]),
    "a theme's static/ itself": (lambda r, o: (shutil.copytree(own_theme(r) / "static", o / "theme-static"),
                                              link(r, "themes/mine/static", o / "theme-static")),
                                 [f"themes/mine/static: {OUT_FOLDER}"]),
    "a theme's template folder to outside": (lambda r, o: link(own_theme(r), "templates/partials/evil", o / "included"),
                                             [f"themes/mine/templates/partials/evil: {OUT_FOLDER}"]),
    "theme = absolute path": (lambda r, o: set_theme(r, str(o / "theme")),
                              [None]),  # the message names the path: checked below
    "theme = ../../x": (lambda r, o: ((r / "themes").mkdir(), set_theme(r, "../../outside/theme")), [None]),
    "site.toml to outside": (lambda r, o: (shutil.copy(r / "site.toml", o / "site.toml"),
                                          link(r, "site.toml", o / "site.toml")), [f"site.toml: {OUT_FILE}"]),
    "a picture through static/images to outside": (
        lambda r, o: (link(r, "static/images", o / "pictures"),
                      (r / "content/ar/2024/06/good.md").write_text(article("خبر", image="/images/p.png", image_alt="ص"),
                                                                     encoding="utf-8")),
        ['content/ar/2024/06/good.md:4: image "/images/p.png": static/images/p.png ' + OUT_FILE]),
}


def outside_folder(where: Path) -> Path:
    o = where / "outside"
    (o / "content/ar").mkdir(parents=True)
    (o / "secret.txt").write_text(f"{CANARY}\n")
    (o / "content/ar/x.md").write_text(article(f"عنوان {CANARY}"), encoding="utf-8")
    (o / "static").mkdir()
    (o / "static/x.txt").write_text(CANARY)
    shutil.copytree(BUNDLED_THEMES / "majalla/templates", o / "templates")
    (o / "templates/article.html").write_text(CANARY)
    (o / "included").mkdir()
    (o / "included/secret.txt").write_text(CANARY)
    (o / "i18n").mkdir()
    (o / "i18n/ar.toml").write_text((BUNDLED_THEMES / "majalla/i18n/ar.toml").read_text(encoding="utf-8")
                                    .replace("\n", f"\n# {CANARY}\n", 1), encoding="utf-8")
    shutil.copytree(BUNDLED_THEMES / "majalla", o / "theme")
    (o / "theme/static/canary.txt").write_text(CANARY)
    (o / "pictures").mkdir()
    from tests.magazine import png
    (o / "pictures/p.png").write_bytes(png())
    return o


@pytest.mark.parametrize("case", sorted(CASES))
def test_nothing_outside_the_site_is_read(tmp_path, case, monkeypatch):
    monkeypatch.setenv("MAJALLA_TEST_SECRET", CANARY)  # what /proc/self/environ would publish
    root = write_site(tmp_path / "site", "-- content/ar/2024/06/good.md --\n" + article("خبر"))
    (root / ".git").mkdir()
    (root / ".git/config").write_text(f"[remote] token = {CANARY}\n")
    run(root)
    (root / ".cache/secret.txt").write_text(CANARY)
    before = files(root / "output")
    outside = outside_folder(tmp_path)
    setup, expected = CASES[case]
    setup(root, outside)
    if expected == [None]:
        given = str(outside / "theme") if "absolute" in case else "../../outside/theme"
        expected = [f'site.toml:5: theme "{given}" is not a theme name: a theme is a folder of themes/ (or one that '
                    "ships with majalla), named without / or .."]
    with pytest.raises(BuildError) as failed:
        run(root)
    assert [str(p) for p in failed.value.problems if not p.warning] == expected
    assert files(root / "output") == before
    assert not any(CANARY.encode() in data for data in files(root / "output").values())
    problems, _ = check(BuildOptions(site=root, now=NOW))
    assert [str(p) for p in problems if not p.warning] == expected


def test_links_that_stay_inside_the_site_are_followed(tmp_path):
    root = write_site(tmp_path / "site", "-- content/ar/2024/06/good.md --\n" + article("خبر")
                      + "-- shared/notes.txt --\nملاحظات\n")
    link(root, "content/ar/2024/06/notes.txt", root / "shared/notes.txt")
    link(root, "static/notes.txt", root / "shared/notes.txt")
    run(root)
    assert (root / "output/ar/2024/06/good/notes.txt").read_text(encoding="utf-8") == "ملاحظات\n"
    assert (root / "output/notes.txt").read_text(encoding="utf-8") == "ملاحظات\n"
