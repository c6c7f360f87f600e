"""The catalogue of bad input: each case is a small change to a good site and what the build must say.

A case changes files of BASE (None deletes one; bytes are written as they are) and may run `setup` for
what a dict cannot hold (links, a 5 MB article). `errors` are the exact lines the build prints, in order;
the build must then exit with 1, print no traceback and leave the previous output/ byte for byte.
A case without `errors`, or whose lines are all warnings, must build (printing those warnings and no
other), and `shows` is text its page must contain. A case of `command="check"` runs `check --strict`
instead, whose lines before its summary are `errors`.
`{root}` in an argument or an error stands for the site folder, `{parent}` for the folder that holds it."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from tests.sites import SITE_TOML

GOOD_AR = "---\ntitle: خبر جيد\ndate: 2024-06-26\n---\nنص المقال.\n"
GOOD_FR = "---\ntitle: Une bonne nouvelle\ndate: 2024-06-26\n---\nLe texte.\n"
BASE = {
    "site.toml": SITE_TOML,
    "content/ar/2024/06/good.md": GOOD_AR,
    "content/fr/2024/06/good.md": GOOD_FR,
}
X = "content/ar/2024/06/x.md"  # the article most cases add
X_PAGE = "ar/2024/06/x/index.html"


@dataclass(frozen=True)
class Case:
    name: str
    files: dict = field(default_factory=dict)
    errors: tuple[str, ...] = ()
    args: tuple[str, ...] = ()
    setup: Callable[[Path], None] | None = None
    shows: tuple[str, str] | None = None  # (page, text) for a case that builds
    env: dict = field(default_factory=dict)  # environment variables of the build
    command: str = "build"  # or "check" (--strict), for what only `check` says

    @property
    def builds(self) -> bool:
        """A case whose lines are all warnings (or notes) builds, and prints them."""
        return all(": warning: " in line or ": note: " in line for line in self.errors)


def fm(*lines: str, body: str = "نص.") -> str:
    """An article whose front matter is LINES (line 2 of the file is the first of them)."""
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


def toml(old: str, new: str) -> dict:
    assert old in SITE_TOML, old
    return {"site.toml": SITE_TOML.replace(old, new, 1)}


def link(name: str, target: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target.format(root=root), path)
    return setup


def hard_link(name: str, outside: bool) -> Callable[[Path], None]:
    """`name`, a hard link to a file outside the site (`outside`) or to another file of the site."""
    def setup(root: Path) -> None:
        first = root.parent / "token.txt" if outside else root / "content/ar/2024/06/report.txt"
        first.write_text("a CI token\n", encoding="utf-8")
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        os.link(first, root / name)
    return setup


def big_article(root: Path) -> None:
    paragraph = "نص عربي طويل عن الاقتصاد والمجتمع في المغرب، " * 20 + "\n\n"
    body = paragraph * (5_000_000 // len(paragraph.encode()) + 1)
    text = fm("title: مقال طويل جدا", "date: 2024-06-26", body=body)
    assert len(text.encode()) > 5_000_000
    (root / X).write_text(text, encoding="utf-8")


SECTIONS = {"site.toml": SITE_TOML + '\n[sections]\neconomy = { ar = "اقتصاد", fr = "Économie" }\n'
            'society = { ar = "مجتمع", fr = "Société" }\n'}
OK_X = ("title: خبر", "date: 2024-06-26")  # good front matter for x.md, when another key is the mistake
THEME_ARTICLE = '{% extends "theme/article.html" %}\n{% block main %}\n'
PIN_SHAPE = "pinned: lead, pinned: picks, or with an end, pinned: then  slot: lead  and  until: 2025-07-01  on the next two lines"
DATE_FORMS = "(write YYYY-MM-DD, as in 2024-06-26, or with a time: 2024-06-26 10:00 or 2024-06-26T10:00:00+01:00)"
NOT_WRITTEN = "nothing was written (output/ is as it was)"
PROFILE = "authors/salma.toml"
SALMA = 'name = { ar = "سلمى العلوي", fr = "Salma El Alaoui" }\n[links]\nx = "https://x.com/salma"\n'
WINDOWS = ("a name Windows reserves (CON, PRN, AUX, NUL, COM1 to COM9, LPT1 to LPT9, with any extension): the site "
           "could not be checked out or built on Windows")

CASES = (
    # ---- the shape of the front matter ----------------------------------------------------------------
    Case("front matter not closed", {X: "---\ntitle: خبر\ndate: 2024-06-26\n\nنص.\n"},
         (f'{X}:1: front matter is not closed: add a line "---" after its last key',)),
    Case("no front matter", {X: "نص بلا مقدمة.\n"},
         (f'{X}:1: has no front matter: did you forget "---"? An article starts with a line "---", '
          'then "title: ..." and "date: ...", then "---"',)),
    Case("empty file", {X: ""},
         (f"{X}:1: is empty: an article starts with front matter (---, title:, date:, ---)",)),
    Case("only blank lines", {X: "\n\n   \n"},
         (f"{X}:1: is empty: an article starts with front matter (---, title:, date:, ---)",)),
    Case("invalid YAML: unclosed quote", {X: fm('title: "خبر', "date: 2024-06-26")},
         (f'{X}:2: the quote (") that opens here is never closed: end the value with " too: title: "خبر"',)),
    Case("invalid YAML: unclosed list", {X: fm(*OK_X, "tags: [أ, ب")},
         (f'{X}:4: the list ("[") that opens here is never closed: end it with "]": tags: [أ, ب]',)),
    Case("invalid YAML: bad indentation", {X: fm("title: خبر", "  date: 2024-06-26")},
         (f'{X}:3: "date:" starts with spaces: start it at the beginning of the line, like the other keys: '
          "date: 2024-06-26",)),
    Case("invalid YAML: a Python object tag", {X: fm("title: !!python/object/apply:os.system [ls]", "date: 2024-06-26")},
         (f"{X}:2: front matter is not valid YAML: could not determine a constructor for the tag "
          "'tag:yaml.org,2002:python/object/apply:os.system'",)),
    Case("a raw NUL character in the front matter", {X: fm(*OK_X, "dateline: الرباط\0")},
         (f"{X}:4: front matter holds the character U+0000, which YAML does not allow; remove it",)),
    Case("front matter is a list", {X: fm("- title", "- date")},
         (f"{X}:2: front matter is a list; it must be keys and values (title: ..., date: ...)",)),
    Case("front matter is a string", {X: fm("just a sentence")},
         (f"{X}:2: front matter is a string; it must be keys and values (title: ..., date: ...)",)),
    Case("a key given twice", {X: fm(*OK_X, "title: آخر")},
         (f'{X}:4: "title" is given twice (first at line 2)',)),
    # ---- title ------------------------------------------------------------------------------------------
    Case("missing title", {X: fm("date: 2024-06-26")}, (f'{X}:1: "title" is missing',)),
    Case("misspelled title: the warning comes with the error", {X: fm("titel: خبر", "date: 2024-06-26")},
         (f'{X}:1: "title" is missing', f'{X}:2: warning: unknown key "titel": did you mean "title"?')),
    Case("empty title", {X: fm("title:", "date: 2024-06-26")}, (f'{X}:2: "title" is empty',)),
    Case("blank title", {X: fm('title: "   "', "date: 2024-06-26")}, (f'{X}:2: "title" is empty',)),
    Case("title is a list", {X: fm("title: [أ, ب]", "date: 2024-06-26")},
         (f'{X}:2: "title" must be text, not a list',)),
    # ---- dates ------------------------------------------------------------------------------------------
    Case("missing date", {X: fm("title: خبر")}, (f'{X}:1: "date" is missing',)),
    Case("impossible date", {X: fm("title: خبر", "date: 2024-02-30")},
         (f'{X}:3: date: "2024-02-30" is not a date: 2024-02 has no day 30 {DATE_FORMS}',)),
    Case("month 13", {X: fm("title: خبر", "date: 2024-13-01")},
         (f'{X}:3: date: "2024-13-01" is not a date: there is no month 13 {DATE_FORMS}',)),
    Case("date in another format", {X: fm("title: خبر", "date: 26/06/2024")},
         (f'{X}:3: date: "26/06/2024" is not a date: the year comes first: 2024-06-26 {DATE_FORMS}',)),
    Case("date is a number", {X: fm("title: خبر", "date: 20240626")},
         (f"{X}:3: date: 20240626 is not a date {DATE_FORMS}",)),
    Case("offset out of range", {X: fm("title: خبر", "date: 2024-06-26T10:00:00+25:00")},
         (f'{X}:3: date: "2024-06-26T10:00:00+25:00" is not a date: the time or its offset is out of range '
          f"(hours 00 to 23, minutes 00 to 59, offsets up to ±23:59) {DATE_FORMS}",)),
    Case("date beyond year 9999 in UTC", {X: fm("title: خبر", "date: 9999-12-31T23:00:00-05:00")},
         (f'{X}:3: date: "9999-12-31T23:00:00-05:00" is too far in the past or the future (years 0001 to 9999; '
          f"{DATE_FORMS[1:]}",)),
    Case("updated is not a date", {X: fm(*OK_X, "updated: yesterday")},
         (f'{X}:4: updated: "yesterday" is not a date {DATE_FORMS}',)),
    # ---- tags, section, flags ---------------------------------------------------------------------------
    Case("tags is a string", {X: fm(*OK_X, "tags: اقتصاد")},
         (f'{X}:4: "tags" must be a list of text, not text ("اقتصاد") (write tags: [اقتصاد] for one)',)),
    Case("tags hold a number", {X: fm(*OK_X, "tags: [اقتصاد, 2024]")},
         (f'{X}:4: "tags" must hold only text; 2024 is a number (2024) (put it in quotes)',)),
    Case("tags is a mapping", {X: fm(*OK_X, "tags: {a: b}")},
         (f'{X}:4: "tags" must be a list of text, not a set of keys',)),
    Case("a tag of only punctuation", {X: fm(*OK_X, 'tags: ["!!!"]')},
         (f'{X}:4: tags: "!!!" has no letters or digits',)),
    Case("section is a list", {X: fm(*OK_X, "section: [أ, ب]")},
         (f'{X}:4: "section" must be text, not a list',)),
    Case('draft: "no"', {X: fm(*OK_X, 'draft: "no"')},
         (f'{X}:4: "draft" must be true or false, not text ("no")',)),
    Case("featured: a sentence", {X: fm(*OK_X, "featured: yes please")},
         (f'{X}:4: "featured" must be true or false, not text ("yes please")',)),
    Case("image not beside the article", {X: fm(*OK_X, "image: cover.jpg")},
         (f'{X}:4: image "cover.jpg" not found beside the article (looked for content/ar/2024/06/cover.jpg)',)),
    # ---- writers' everyday mistakes (issue 17) ---------------------------------------------------------
    Case("an Arabic comma in a tags list", {X: fm(*OK_X, "tags: [اقتصاد، مجتمع]")},
         (f'{X}:4: tags: "اقتصاد، مجتمع" is one tag with an Arabic comma («،») in it; separate tags with a '
          "Latin comma (,): tags: [اقتصاد, مجتمع]",)),
    Case("an Arabic semicolon in a tags list", {X: fm(*OK_X, "tags: [ثقافة, اقتصاد؛ مجتمع]")},
         (f'{X}:4: tags: "اقتصاد؛ مجتمع" is one tag with an Arabic semicolon («؛») in it; separate tags with '
          "a Latin comma (,): tags: [ثقافة, اقتصاد, مجتمع]",)),
    Case("a semicolon in a French tags list", {"content/fr/2024/06/x.md": fm(*OK_X, "tags: [économie; société]")},
         ('content/fr/2024/06/x.md:4: tags: "économie; société" is one tag with a semicolon («;») in it; separate '
          "tags with a Latin comma (,): tags: [économie, société]",)),
    Case("an Arabic comma in an author list", {X: fm(*OK_X, "author: [سلمى العلوي، أحمد بنعلي]")},
         (f'{X}:4: author: "سلمى العلوي، أحمد بنعلي" is one name with an Arabic comma («،») in it; separate '
          "names with a Latin comma (,): author: [سلمى العلوي, أحمد بنعلي]",)),
    Case("two authors in one string, with an Arabic comma", {X: fm(*OK_X, "author: سلمى العلوي، أحمد بنعلي")},
         (f'{X}:4: author: "سلمى العلوي، أحمد بنعلي" is one name with an Arabic comma («،») in it; separate '
          "names with a Latin comma (,): author: [سلمى العلوي, أحمد بنعلي]",)),
    Case("two tags in one string", {X: fm(*OK_X, "tags: اقتصاد، مجتمع")},
         (f'{X}:4: "tags" must be a list of text, not text ("اقتصاد، مجتمع") (write tags: [اقتصاد, مجتمع])',)),
    Case("a misspelled section", {**SECTIONS, X: fm(*OK_X, "section: اقتصد")},
         (f'{X}:4: warning: section "اقتصد" is not in site.toml\'s [sections]: did you mean "اقتصاد"? (write '
          "section: اقتصاد); a new section gets a page and a place in the navigation of its own: add it to "
          "[sections] if it is one",), shows=(X_PAGE, "اقتصد")),
    Case("a section site.toml does not name", {**SECTIONS, X: fm(*OK_X, "section: رياضة")},
         (f'{X}:4: warning: section "رياضة" is not in site.toml\'s [sections]: the sections of site.toml are '
          "اقتصاد, مجتمع; a new section gets a page and a place in the navigation of its own: add it to "
          "[sections] if it is one",), shows=(X_PAGE, "رياضة")),
    Case("a title with a colon, not in quotes", {X: fm("title: الرباط: انطلاق المؤتمر", "date: 2024-06-26")},
         (f'{X}:2: the title holds a colon (":"), which YAML reads as one more key: put the title in quotes: '
          'title: "الرباط: انطلاق المؤتمر"',)),
    Case("a French title with a colon and quotes", {X: fm('title: Rabat : le "sommet"', "date: 2024-06-26")},
         (f'{X}:2: the title holds a colon (":"), which YAML reads as one more key: put the title in quotes: '
          """title: 'Rabat : le "sommet"'""",)),
    Case("a tab in the front matter", {X: fm(*OK_X, "tags:", "\t- اقتصاد")},
         (f"{X}:5: the front matter holds a tab, which YAML does not allow there: replace the tab with spaces",)),
    Case("an unclosed single quote", {X: fm(*OK_X, "dateline: 'الرباط")},
         (f"{X}:4: the quote (') that opens here is never closed: end the value with ' too: dateline: 'الرباط'",)),
    Case("a date in Arabic-Indic digits builds", {X: fm("title: خبر بأرقام هندية", "date: ٢٠٢٤-٠٦-٠٥")},
         shows=("ar/2024/06/x/index.html", "خبر بأرقام هندية")),
    Case("a date and time in Persian digits builds", {X: fm("title: خبر بأرقام فارسية", "date: ۲۰۲۴-۰۶-۰۵ ۱۰:۳۰")},
         shows=("ar/2024/06/x/index.html", 'datetime="2024-06-05T10:30:00+01:00"')),
    Case("a date with slashes, in Arabic-Indic digits", {X: fm("title: خبر", "date: ٢٠٢٥/٠٢/٠٦")},
         (f'{X}:3: date: "٢٠٢٥/٠٢/٠٦" is not a date: write it with hyphens: 2025-02-06 {DATE_FORMS}',)),
    Case("an impossible date in Arabic-Indic digits", {X: fm("title: خبر", "date: ٢٠٢٤-٠٢-٣٠")},
         (f'{X}:3: date: "٢٠٢٤-٠٢-٣٠" is not a date: 2024-02 has no day 30 {DATE_FORMS}',)),
    Case("a day-first date that does not exist", {X: fm("title: خبر", "date: 30/02/2025")},
         (f'{X}:3: date: "30/02/2025" is not a date: the year comes first, and 2025-02 has no day 30 {DATE_FORMS}',)),
    Case("several mistakes in one front matter, YAML ones among them", {X: fm(
            "title: الرباط: انطلاق المؤتمر", "date: 31/01/2025", "tags: [اقتصاد، مجتمع", "author:", "\t- سلمى العلوي")},
         (f'{X}:2: the title holds a colon (":"), which YAML reads as one more key: put the title in quotes: '
          'title: "الرباط: انطلاق المؤتمر"',
          f'{X}:3: date: "31/01/2025" is not a date: the year comes first: 2025-01-31 {DATE_FORMS}',
          f'{X}:4: tags: "اقتصاد، مجتمع" is one tag with an Arabic comma («،») in it; separate tags with a '
          "Latin comma (,): tags: [اقتصاد, مجتمع]",
          f'{X}:4: the list ("[") that opens here is never closed: end it with "]": tags: [اقتصاد، مجتمع]',
          f"{X}:6: the front matter holds a tab, which YAML does not allow there: replace the tab with spaces")),
    Case("a translation stub left for weeks", {"content/fr/2024/06/stub.md": fm("title: Brouillon", "date: 2024-06-01",
                                                                             "draft: true", body="")},
         ('content/fr/2024/06/stub.md:4: note: a draft since 2024-06-01 (30 days): finish (or translate) it and '
          'delete "draft: true", or delete the file if it is dropped',),
         command="check", env={"SOURCE_DATE_EPOCH": "1719792000"}),  # 2024-07-01
    Case("a pin that has ended", {X: fm(*OK_X, "pinned:", "  slot: lead", "  until: 2024-06-28")},
         (f"{X}:4: note: pinned: the pin to lead ended on 2024-06-28 00:00: the story is back in its place by date; "
          "delete pinned: (with its slot and until) from the front matter",),
         command="check", env={"SOURCE_DATE_EPOCH": "1719792000"}),  # 2024-07-01
    Case("a breaking strip that has ended", {X: fm(*OK_X, "breaking: true")},
         (f"{X}:4: note: breaking: the strip ended on 2024-06-26 06:00: delete the line breaking: from the front "
          "matter",),
         command="check", env={"SOURCE_DATE_EPOCH": "1719792000"}),
    Case("an article with no text", {X: fm(*OK_X, body="")},
         (f'{X}:4: the article has no text: write it below this line ("---"), or add "draft: true" to its front '
          "matter to keep it out of the site until it is written",)),
    Case("an empty article with a wrong draft: only the draft is wrong", {X: fm(*OK_X, "draft: non", body="")},
         (f'{X}:4: "draft" must be true or false, not text ("non")',)),
    Case("a draft with no text builds (with --drafts)", {X: fm(*OK_X, "draft: true", body="\n")}, args=("--drafts",),
         shows=(X_PAGE, "خبر")),
    # ---- languages, URLs and translations ---------------------------------------------------------------
    Case("unknown language folder", {"content/en/x.md": fm("title: x", "date: 2024-06-26")},
         ('content/en: "en" is not a language of site.toml (ar, fr); add [languages.en] or rename the folder',)),
    Case("lang not in site.toml", {X: fm(*OK_X, "lang: en")},
         (f'{X}:4: lang "en" is not one of the languages in site.toml (ar, fr)',)),
    Case("two articles with one URL", {X: fm(*OK_X, "slug: good")},
         (f"{X}:4: wants the URL /ar/2024/06/good/, which content/ar/2024/06/good.md has already; "
          "give one of them another slug:",)),
    Case("translation_key shared in one language", {X: fm(*OK_X, "translation_key: 2024/06/good")},
         (f'{X}:4: translation_key "2024/06/good" is also used by content/ar/2024/06/good.md: '
          "a story has one version per language",)),
    # ---- slugs ------------------------------------------------------------------------------------------
    Case("slug of only punctuation", {X: fm(*OK_X, 'slug: "!!!"')},
         (f'{X}:4: slug "!!!" has no letters or digits',)),
    Case("slug with /", {X: fm(*OK_X, "slug: a/b")},
         (f'{X}:4: slug "a/b" may not contain "/", "\\" or ".."; it is one URL segment',)),
    Case("slug with ..", {X: fm(*OK_X, "slug: ../../../etc")},
         (f'{X}:4: slug "../../../etc" may not contain "/", "\\" or ".."; it is one URL segment',)),
    Case("slug with a backslash", {X: fm(*OK_X, 'slug: "a\\\\b"')},
         (f'{X}:4: slug "a\\b" may not contain "/", "\\" or ".."; it is one URL segment',)),
    Case("slug with NUL", {X: fm(*OK_X, 'slug: "a\\0b"')}, (f"{X}:4: slug 'a\\x00b' contains control characters",)),
    Case("slug with a control character", {X: fm(*OK_X, 'slug: "a\\x1bb"')},
         (f"{X}:4: slug 'a\\x1bb' contains control characters",)),
    Case("file name of only punctuation", {"content/ar/2024/06/!!!.md": fm(*OK_X)},
         ('content/ar/2024/06/!!!.md:1: the file name "!!!" gives an empty slug; rename the file or add "slug:"',)),
    # ---- encodings and sizes: bad ones fail, the rest build -------------------------------------------
    Case("not UTF-8", {X: "---\ntitle: Café\ndate: 2024-06-26\n---\nété\n".encode("latin-1")},
         (f"{X}:2: is not UTF-8 text (byte 0xe9); save it as UTF-8",)),
    Case("UTF-16", {X: fm(*OK_X).encode("utf-16")}, (f"{X}:1: is not UTF-8 text (byte 0xff); save it as UTF-8",)),
    Case("UTF-8 with a BOM builds", {X: ("\ufeff" + fm("title: خبر بعلامة", "date: 2024-06-26")).encode()},
         shows=(X_PAGE, "خبر بعلامة")),
    Case("CRLF line endings build", {X: fm("title: خبر ويندوز", "date: 2024-06-26", body="سطر\r\n\r\nفقرة").replace("\n", "\r\n").encode()},
         shows=(X_PAGE, "<p>فقرة</p>")),
    Case("CR line endings build", {X: fm("title: خبر ماك", "date: 2024-06-26", body="سطر\r\rفقرة").replace("\n", "\r").encode()},
         shows=(X_PAGE, "<p>فقرة</p>")),
    Case("a 5 MB article builds", setup=big_article, shows=(X_PAGE, "مقال طويل جدا")),
    Case("a very long slug is cut and builds", {X: fm(*OK_X, "slug: " + "ب" * 300)},
         shows=("ar/2024/06/" + "ب" * 100 + "/index.html", "خبر")),
    # ---- links ------------------------------------------------------------------------------------------
    Case("a link to a file outside the site", setup=link(X, "/etc/hostname"),
         errors=(f"{X}: is a link to a file outside the site; copy the file into the site instead",)),
    Case("a link to a folder outside the site", setup=link("content/ar/etc", "/etc"),
         errors=("content/ar/etc: is a link to a folder outside the site; copy what you need into the site instead",)),
    Case("a link that loops", setup=link("content/ar/loop", ".."),
         errors=("content/ar/loop: is a link to a folder that contains it (a loop); remove the link",)),
    Case("a link to nothing", setup=link(X, "missing.md"),
         errors=(f"{X}: is a link to missing.md, which does not exist",)),
    Case("a static file linked from outside", setup=link("static/x.txt", "/etc/hostname"),
         errors=("static/x.txt: is a link to a file outside the site; copy the file instead",)),
    # ---- templates and themes ---------------------------------------------------------------------------
    Case("template syntax error", {"templates/article.html": THEME_ARTICLE + "{% if %}\n{% endblock %}\n"},
         ("templates/article.html:3: Expected an expression, got 'end of statement block'",)),
    Case("template uses an undefined variable", {"templates/article.html": THEME_ARTICLE + "{{ nope }}\n{% endblock %}\n"},
         ("templates/article.html:3: 'nope' is undefined (rendering ar/2024/06/good/index.html and 1 other page)",)),
    Case("template includes a missing template", {"templates/article.html": '{% include "nope.html" %}\n'},
         ("templates/article.html:1: TemplateNotFound: nope.html (rendering ar/2024/06/good/index.html "
          "and 1 other page)",)),
    Case("template not UTF-8", {"templates/article.html": "{# ok #}\n{# café #}\n".encode("latin-1")},
         ("templates/article.html:2: is not UTF-8 text (byte 0xe9); save it as UTF-8",)),
    Case("theme that does not exist", toml('theme = "majalla"', 'theme = "nope"'),
         ('site.toml:5: theme "nope" not found: looked in themes/nope/ and in the themes that ship with '
          "majalla (majalla)",)),
    Case("UI strings not TOML", {"i18n/ar.toml": "x = \n"},
         ("i18n/ar.toml:1: not valid TOML: Invalid value",)),
    Case("UI strings not UTF-8", {"i18n/fr.toml": 'read_more = "Lire la suite"\nnext = "Page suivante é"\n'.encode("latin-1")},
         ("i18n/fr.toml:2: is not UTF-8 text (byte 0xe9); save it as UTF-8",)),
    # ---- site.toml --------------------------------------------------------------------------------------
    Case("no site.toml", {"site.toml": None},
         ("site.toml: no site.toml in {root}: is this a majalla site folder? (--site DIR names another; majalla init makes a new one)",)),
    Case("site.toml not TOML", toml("per_page = 2", "per_page = "), ("site.toml:6: not valid TOML: Invalid value",)),
    Case("bad base_url", toml("https://example.ma/", "example.ma"),
         ('site.toml:2: base_url "example.ma" is not a web address like "https://example.ma/"',)),
    Case("base_url not on the web", toml("https://example.ma/", "ftp://example.ma/"),
         ('site.toml:2: base_url "ftp://example.ma/" is not a web address like "https://example.ma/"',)),
    Case("unknown key", toml("per_page = 2", 'per_page = 2\ntheem = "x"'),
         ('site.toml:7: unknown key "theem"; did you mean "theme"?',)),
    Case("a language without dir", toml('dir = "ltr"\n', ""), ('site.toml:14: "dir" is required in [languages.fr]',)),
    Case("default_language not listed", toml('default_language = "ar"', 'default_language = "en"'),
         ('site.toml:3: default_language "en" is not one of the languages (ar, fr)',)),
    Case("per_page zero", toml("per_page = 2", "per_page = 0"), ("site.toml:6: per_page must be at least 1",)),
    Case("unknown time zone", toml('timezone = "Africa/Casablanca"', 'timezone = "Morocco/Rabat"'),
         ('site.toml:4: "Morocco/Rabat" is not a time zone (like "Africa/Casablanca")',)),
    # ---- the output folder ------------------------------------------------------------------------------
    Case("output is the site folder", args=("--output", "{root}"),
         errors=("{root}: cannot build into this output folder: it is the site folder itself",)),
    Case("output contains content/", args=("--output", "{root}/content"),
         errors=("{root}/content: cannot build into this output folder: it is inside the site's sources "
                 "(content/, templates/, static/, themes/ or i18n/)",)),
    Case("output is a folder of someone else's files", {"elsewhere/content/ar/a.md": GOOD_AR},
         args=("--output", "{root}/elsewhere"),
         errors=("{root}/elsewhere: cannot build into this output folder: it exists and was not made by "
                 "majalla (no .majalla file in it); empty it or choose another folder",)),
    Case("output contains the site folder", args=("--output", "{root}/.."),
         errors=("{parent}: cannot build into this output folder: it contains the site folder",)),
    # ---- the clock --------------------------------------------------------------------------------------
    Case("SOURCE_DATE_EPOCH not a number", env={"SOURCE_DATE_EPOCH": "yesterday"},
         errors=('SOURCE_DATE_EPOCH: "yesterday" is not a time: set it to a number of seconds since 1970-01-01 UTC',)),
    # ---- every mistake at once --------------------------------------------------------------------------
    Case("mistakes in several files are all reported",
         {X: fm("title: خبر", "date: 2024-13-01"), "content/fr/2024/06/y.md": fm("date: 2024-06-26"),
          "content/fr/2024/06/z.md": fm("title: z", "date: 2024-06-26", "draft: no please")},
         (f'{X}:3: date: "2024-13-01" is not a date: there is no month 13 {DATE_FORMS}',
          'content/fr/2024/06/y.md:1: "title" is missing',
          'content/fr/2024/06/z.md:4: "draft" must be true or false, not text ("no please")')),
)

# ---- issue 16: hostile input (one block, appended) -------------------------------------------------------
import shutil  # noqa: E402


def many_frames(article: Path) -> Path:
    """A GIF of 1001 different frames beside the article."""
    from PIL import Image

    frames = [Image.new("P", (2, 2), 0) for _ in range(1001)]
    for n, frame in enumerate(frames):
        frame.putpixel((n % 2, n // 2 % 2), 1 + n % 250)
    path = article.parent / "many.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=20)
    return path


CASES += (
    Case("a static file inside the generated robots.txt", {"static/robots.txt/x.txt": "x\n"},
         ("static/robots.txt/x.txt: wants to write output/robots.txt/x.txt, inside output/robots.txt, which the "
          "build makes as a file: rename one of them",)),
    Case("an alias at the generated sitemap.xml", {X: fm("title: خبر", "date: 2024-06-26", "aliases: [/sitemap.xml]")},
         (f"{X}:4: wants to write output/sitemap.xml/index.html, inside output/sitemap.xml, which the build makes as "
          "a file: rename one of them",)),
    Case("an alias at another article's address",
         {X: fm("title: خبر", "date: 2024-06-26", "aliases: [/ar/2024/06/good/]")},
         (f"{X}:4: wants to write output/ar/2024/06/good/index.html, which content/ar/2024/06/good.md writes "
          "already",)),
    Case("a date at the end of time builds (not published)", {X: fm("title: خبر مؤجل", "date: 9999-12-31")},
         shows=("ar/index.html", "خبر جيد")),
    Case("a date at the end of time builds with --future", {X: fm("title: خبر مؤجل", "date: 9999-12-31")},
         args=("--future",), shows=("ar/9999/12/x/index.html", "خبر مؤجل")),
    Case("a link into .git/", setup=link("content/ar/2024/06/config.txt", "{root}/.git/config"),
         errors=("content/ar/2024/06/config.txt: is a link into .git/, which is never read nor published; copy what "
                 "you need into the site instead",)),
    Case("a link into the build cache", setup=link("static/cache.sqlite", "{root}/.cache/majalla.sqlite"),
         errors=("static/cache.sqlite: is a link into .cache/, which is never read nor published; copy what you "
                 "need into the site instead",)),
    Case("a template linked from outside", setup=link("templates/article.html", "/etc/hostname"),
         errors=("templates/article.html: is a link to a file outside the site; copy the file into the site instead",)),
    Case("UI strings linked from outside", setup=link("i18n/ar.toml", "/etc/hostname"),
         errors=("i18n/ar.toml: is a link to a file outside the site; copy the file into the site instead",)),
    Case(".cache/images is a link", setup=lambda root: (shutil.rmtree(root / ".cache/images", ignore_errors=True),
                                                        os.symlink(root / "photos", root / ".cache/images")),
         errors=(".cache/images: is a link: majalla writes and removes files there, so it must be a folder of its own; "
                 "remove the link (the build makes the folder again)",)),
    Case("control characters in a title build (left out of feeds and sitemaps)",
         {X: fm('title: "خبر\\v فيه\\x01 محارف"', "date: 2024-06-26")}, shows=(X_PAGE, "محارف")),
    Case("a date before 1913 builds", {X: fm("title: خبر قديم", "date: 1900-01-01")},
         shows=("ar/1900/01/x/index.html", "خبر قديم")),
    Case("a YAML alias bomb", {X: fm("title: خبر", "date: 2024-06-26", 'a: &a ["x", "x", "x", "x", "x", "x"]',
                                    "b: &b [*a, *a, *a, *a, *a, *a]", "tags: [*b, *b, *b, *b, *b, *b]")},
         (f"{X}:5: front matter uses the YAML alias *a; write the value out instead (aliases are refused: a few of "
          "them can stand for millions of values)",)),
    Case("front matter nested 300 levels", {X: fm("title: خبر", "date: 2024-06-26", "x: " + "[" * 300 + "]" * 300)},
         (f"{X}:4: front matter nests lists and keys more than 32 levels deep",)),
    Case("101 tags", {X: fm("title: خبر", "date: 2024-06-26", "tags: [" + ", ".join(f"t{n}" for n in range(101)) + "]")},
         (f'{X}:4: "tags" holds 101 names; an article may have at most 100',)),
    Case("a list nested 250 levels", {X: fm("title: خبر", "date: 2024-06-26",
                                            body="".join("    " * n + "- x\n" for n in range(250)))},
         (f"{X}:38: the text nests lists or quotes more than 32 levels deep",)),
    Case("a GIF of 1001 frames", {X: fm("title: خبر", "date: 2024-06-26", "image: many.gif", "image_alt: صورة")},
         (f'{X}:4: image "many.gif": content/ar/2024/06/many.gif has 1001 frames of 2×2 px (0 megapixels in all); '
          "majalla takes at most 1000 frames and 120 megapixels in all: make it shorter or smaller",), setup=lambda root: many_frames(root / X)),
    Case("two names that differ only by Unicode normalization",
         {"content/ar/2024/06/caf\u00e9.md": GOOD_AR, "content/ar/2024/06/cafe\u0301.md": GOOD_AR},
         ("content/ar/2024/06/caf\u00e9.md: 2 files have this name, written in different Unicode forms (NFC and NFD, "
          "as a Mac may save it): 'content/ar/2024/06/caf\\xe9.md' and 'content/ar/2024/06/cafe\\u0301.md'; keep one",)),
    Case("image: a file: address", {X: fm("title: خبر", "date: 2024-06-26", "image: file:///etc/passwd", "image_alt: ص")},
         (f'{X}:4: image "file:///etc/passwd" is not a picture of the site nor a web address: give a file beside the '
          'article ("cover.jpg"), from the site root ("/images/x.jpg") or on the web ("https://…")',)),
    Case("image: a javascript: address", {X: fm("title: خبر", "date: 2024-06-26", "image: javascript:alert(1)",
                                                "image_alt: ص")},
         (f'{X}:4: image "javascript:alert(1)" is not a picture of the site nor a web address: give a file beside the '
          'article ("cover.jpg"), from the site root ("/images/x.jpg") or on the web ("https://…")',)),
    Case("image: out of the site", {X: fm("title: خبر", "date: 2024-06-26", "image: ../../../../etc/hostname",
                                          "image_alt: ص")},
         (f'{X}:4: image "../../../../etc/hostname" is not a picture of the site nor a web address: give a file '
          'beside the article ("cover.jpg"), from the site root ("/images/x.jpg") or on the web ("https://…")',)),
    Case("base_url with a password", toml('base_url = "https://example.ma/"', 'base_url = "https://ci:s3cret@example.ma/"'),
         ('site.toml:2: base_url "https://ci:s3cret@example.ma/" holds a user name or password; give the address '
          'only (like "https://example.ma/")',)),
    Case("base_url with a quote", toml('base_url = "https://example.ma/"', 'base_url = "https://example.ma/\\"x"'),
         ("site.toml:2: base_url 'https://example.ma/\"x' holds spaces, quotes or control characters; give the "
          'address only (like "https://example.ma/")',)),
    Case("a file name that is not UTF-8", setup=lambda root: (root / "content/ar/2024/06").joinpath(
        os.fsdecode(b"bad\xff.md")).write_text(GOOD_AR, encoding="utf-8"),
         errors=("content/ar/2024/06/bad\\xff.md: its name is not UTF-8 text (made on another system?); rename it",)),
    Case("a link to itself", setup=link("content/ar/2024/06/loop.md", "loop.md"),
         errors=("content/ar/2024/06/loop.md: is a link that leads back to itself (a loop); remove the link",)),
    Case("an alias part over 255 bytes", {X: fm("title: خبر", "date: 2024-06-26", "aliases: [/" + "a" * 256 + "/]")},
         (f'{X}:4: alias "/{"a" * 256}/" has a part longer than 255 bytes, more than a file name may be; shorten it',)),
    Case("a lone surrogate in a tag", {X: fm("title: خبر", "date: 2024-06-26", 'tags: ["\\ud800x"]')},
         (f'{X}:4: "tags" holds an escape that is not a character (a lone surrogate like \\ud800)',)),
    Case("SOURCE_DATE_EPOCH before 1970", env={"SOURCE_DATE_EPOCH": "-100"},
         errors=('SOURCE_DATE_EPOCH: "-100" is before 1970: SOURCE_DATE_EPOCH is a number of seconds since '
                 "1970-01-01 UTC",)),
    Case("a script in the text builds, with a note",
         {X: fm("title: خبر", "date: 2024-06-26", body="نص.\n\n<script>alert(1)</script>")},
         (f"{X}:7: note: <script> in the text is published as it is and runs in readers' browsers; refuse_scripts = "
          "true in site.toml refuses scripts in articles",), shows=(X_PAGE, "<script>alert(1)</script>")),
    Case("a script in the text, refused",
         {**toml('theme = "majalla"', 'theme = "majalla"\nrefuse_scripts = true'),
          X: fm("title: خبر", "date: 2024-06-26", body="نص.\n\n<img src=\"x.png\" onerror=\"alert(1)\">\n\n"
                                                      "[انقر](javascript:alert(2))")},
         (f"{X}:7: an event handler (onerror=) in the text: refuse_scripts = true in site.toml refuses scripts in "
          "articles; remove it (for a video or a map, link to it)",
          f'{X}:9: a javascript: address (href="javascript:alert(2)") in the text: refuse_scripts = true in site.toml '
          "refuses scripts in articles; remove it (for a video or a map, link to it)")),
    Case("an SVG picture with a script builds, with a note",
         {"content/ar/2024/06/map.svg": '<svg xmlns="http://www.w3.org/2000/svg">\n<rect onclick="alert(1)"/>\n</svg>\n'},
         ("content/ar/2024/06/map.svg:2: note: an event handler (onclick=) in an SVG picture, which is published as it "
          "is and runs it when opened; refuse_scripts = true in site.toml refuses scripts in pictures",),
         shows=("ar/2024/06/good/map.svg", 'onclick="alert(1)"')),
    Case("an SVG picture with a script, refused",
         {**toml('theme = "majalla"', 'theme = "majalla"\nrefuse_scripts = true'),
          "static/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n'},
         ("static/logo.svg:1: <script> in an SVG picture: refuse_scripts = true in site.toml refuses scripts in "
          "pictures; remove it, or export the picture again as plain SVG",)),
    Case("a file name Windows reserves", {"content/ar/2024/06/Con.md": GOOD_AR},
         (f'content/ar/2024/06/Con.md: its name "Con.md" is {WINDOWS}; rename it',)),
    Case("a slug Windows reserves", {X: fm("title: خبر", "date: 2024-06-26", "slug: nul")},
         (f'{X}:4: slug "nul" is {WINDOWS}; give another slug',)),
    Case("a tag Windows reserves", {X: fm("title: خبر", "date: 2024-06-26", "tags: [PRN]")},
         (f'{X}:4: tags: "PRN" would be the folder /ar/tags/prn/, {WINDOWS}; name it otherwise',)),
    Case("an alias Windows reserves", {X: fm("title: خبر", "date: 2024-06-26", "aliases: [/archive/com1.html]")},
         (f'{X}:4: alias "/archive/com1.html" has a part "com1.html", {WINDOWS}; write the alias without it',)),
    Case("an invisible character in a tag builds, with a warning",
         {X: fm("title: خبر", "date: 2024-06-26", 'tags: ["الحم\u200dاية"]')},
         (f'{X}:4: warning: tags: "الحم\u200dاية" holds an invisible character (U+200D ZERO WIDTH JOINER): it looks '
          'like "الحماية" but is another name; remove it, unless the language needs it (the non-joiner of Persian)',),
         shows=(X_PAGE, "الحم\u200dاية")),
    Case("an invisible character in a file name builds, with a warning", {"content/ar/2024/06/x\u202ey.md": GOOD_AR},
         ("content/ar/2024/06/x\u202ey.md: warning: its name holds an invisible character (U+202E RIGHT-TO-LEFT "
          'OVERRIDE): it looks like "xy.md" but is another name; remove it, unless the language needs it (the '
          "non-joiner of Persian)",), shows=("ar/2024/06/x-y/index.html", "خبر جيد")),
    Case("a hard link to a file outside the site", setup=hard_link("static/token.txt", outside=True),
         errors=("static/token.txt: is a hard link: the file has 2 names, 1 of them in the site, and the others may "
                 "be anywhere on this disk; copy the file into the site instead (cp, not ln)",)),
    Case("two names of one file inside the site build", setup=hard_link("content/ar/2024/06/copy.txt", outside=False),
         shows=("ar/2024/06/good/copy.txt", "a CI token")),
    Case("theme given as a path", toml('theme = "majalla"', 'theme = "/etc"'),
         ('site.toml:5: theme "/etc" is not a theme name: a theme is a folder of themes/ (or one that ships with '
          'majalla), named without / or ..',)),
    # author profiles (authors/<key>.toml, issue 21)
    Case("an author's link that is javascript:", {PROFILE: SALMA.replace("https://x.com/salma", "javascript:alert(1)")},
         (f'{PROFILE}:3: links.x: "javascript:alert(1)" is not a web address: write it whole, like '
          '"https://x.com/name"',)),
    Case("an author's link of an unknown site", {PROFILE: SALMA + 'instagram = "https://instagram.com/salma"\n'},
         (f'{PROFILE}:4: unknown link "instagram"; known keys: facebook, linkedin, site, x',)),
    Case("an author's gender in other words", {PROFILE: 'gender = "woman"\n' + SALMA},
         (f"{PROFILE}:1: gender must be \"female\" or \"male\" (for the Arabic labels «كاتبة», «كاتب»), not 'woman'",)),
    Case("an author's photo that is not there", {PROFILE: 'photo = "salma.jpg"\n' + SALMA},
         (f'{PROFILE}:1: photo "salma.jpg" not found beside the profile (looked for authors/salma.jpg)',)),
    Case("an author's photo out of authors/", {PROFILE: 'photo = "../static/x.jpg"\n' + SALMA},
         (f'{PROFILE}:1: photo "../static/x.jpg": give the name of a picture beside the profile in authors/, like '
          '"salma.jpg"',)),
    Case("an author's photo that is not a picture", {PROFILE: 'photo = "salma.jpg"\n' + SALMA, "authors/salma.jpg": "x"},
         (f'{PROFILE}:1: photo "salma.jpg": authors/salma.jpg is not an image (Pillow cannot read it as JPEG, PNG, '
          'WebP, GIF…)',)),
    Case("an author without a name", {PROFILE: 'role = "Journaliste"\n'},
         (f'{PROFILE}:1: "name" is required: the author\'s name, like name = {{{{ ar = "سلمى العلوي", fr = "Salma El '
          'Alaoui" }} (or one name for every language)',)),
    Case("an author's name in a language the site lacks", {PROFILE: SALMA.replace('fr = "Salma El Alaoui"', 'en = "Salma"')},
         (f'{PROFILE}:1: name: "en" is not one of the languages (ar, fr)',)),
    Case("an author profile not TOML", {PROFILE: SALMA.replace('x = "', 'x "')},
         (f"{PROFILE}:3: not valid TOML: Expected '=' after a key in a key/value pair",)),
    Case("two author profiles with one name", {PROFILE: SALMA, "authors/salma-2.toml": 'name = "سلمى العلوي"\n'},
         (f'{PROFILE}:1: the name "سلمى العلوي" is also the name of authors/salma-2.toml: a byline would not know '
          "which author it is; give one of them another name",)),
    # ---- corrections, series, expiry, Hijri dates (issue 21) -------------------------------------------
    Case("a correction without a date", {X: fm(*OK_X, "corrections:", "  - text: صُحّح الاسم.")},
         (f"{X}:5: corrections: entry 1 has no date: give the day of the correction, like  - date: 2024-06-27  "
          "(then its text)",)),
    Case("a correction with an impossible date", {X: fm(*OK_X, "corrections:", "  - date: 2024-06-31",
                                                        "    text: صُحّح الاسم.")},
         (f'{X}:5: corrections: entry 1: date: "2024-06-31" is not a date: 2024-06 has no day 31 {DATE_FORMS}',)),
    Case("a correction without text", {X: fm(*OK_X, "corrections:", "  - date: 2024-06-27", "    text:")},
         (f'{X}:6: corrections: entry 1 has no text: say what was corrected, like  text: "..."  under its date',)),
    Case("a correction dated before the article", {X: fm(*OK_X, "corrections:", "  - date: 2024-06-20",
                                                         "    text: صُحّح الاسم.")},
         (f"{X}:5: corrections: entry 1 is dated 2024-06-20, before the article was published (2024-06-26): a "
          "correction comes after publication; give its own date",)),
    Case("a correction's text with a colon", {X: fm(*OK_X, "corrections:", "  - date: 2024-06-27",
                                                    "    text: صُحّح الرقم: 120 لا 210.")},
         (f'{X}:6: the text holds a colon (":"), which YAML reads as one more key: put the text in quotes: '
          'text: "صُحّح الرقم: 120 لا 210."',)),
    Case("corrections written as one sentence", {X: fm(*OK_X, "corrections: صُحّح الاسم.")},
         (f'{X}:4: "corrections" must be a list of entries (each entry is a date and a text, like  - date: '
          '2024-06-27  then  text: "..."  on the next line)',)),
    Case("a part that is not a number", {X: fm(*OK_X, "series: ملف الماء", "part: الثاني")},
         (f'{X}:5: "part" must be a whole number (1 for the first part), not text ("الثاني")',)),
    Case("a part without a series", {X: fm(*OK_X, "part: 2")},
         (f'{X}:4: "part" places the article in a series: give the series too (series: ...)',)),
    Case("expires before the article's date", {X: fm(*OK_X, "expires: 2024-06-01")},
         (f"{X}:4: expires (2024-06-01 00:00) is not after the article's date (2024-06-26 00:00): give the day it "
          "is to be taken down, after publication",)),
    Case("expires is not a date", {X: fm(*OK_X, "expires: بعد شهر")},
         (f'{X}:4: expires: "بعد شهر" is not a date {DATE_FORMS}',)),
    Case("a pin to a slot the home page lacks", {X: fm(*OK_X, "pinned: top")},
         (f'{X}:4: pinned: "top" is not a slot of the home page: the slots are lead and picks ({PIN_SHAPE})',)),
    Case("a pin without its slot", {X: fm(*OK_X, "pinned: true")},
         (f"{X}:4: pinned: say which slot of the home page, not true: {PIN_SHAPE}",)),
    Case("a pin that ends before the article's date", {X: fm(*OK_X, "pinned:", "  slot: lead", "  until: 2024-06-01")},
         (f"{X}:6: pinned: until (2024-06-01 00:00) is not after the story's date (2024-06-26 00:00): give the day "
          "the pin ends, after the story's date, or leave until out (until removed)",)),
    Case("a pin until no date", {X: fm(*OK_X, "pinned: { slot: picks, until: soon }")},
         (f'{X}:4: pinned: until: "soon" is not a date {DATE_FORMS} ({PIN_SHAPE})',)),
    Case("breaking is not a date", {X: fm(*OK_X, "breaking: yes please")},
         (f'{X}:4: breaking: "yes please" is not a date {DATE_FORMS} (breaking: true (for breaking_hours of site.toml) or breaking: 2025-07-01T18:00 (until then))',)),
    Case("breaking ends before the article's date", {X: fm(*OK_X, "breaking: 2024-06-25T18:00")},
         (f"{X}:4: breaking (2024-06-25 18:00) is not after the story's date (2024-06-26 00:00): give the time the "
          "strip ends, after the story's date, or write breaking: true",)),
    Case("a series intro no series is named by", {"content/ar/series/water.md": "ملف عن الماء.\n"},
         ('content/ar/series/water.md: warning: no series of this language is named "water": name the file after a '
          "[series] key of site.toml or a series' address (none yet)",), shows=("ar/2024/06/good/index.html", "خبر جيد")),
    Case("a series in a language site.toml lacks", {"site.toml": SITE_TOML + '\n[series]\nwater = { ar = "ملف الماء", '
                                                                            'en = "Water" }\n'},
         ('site.toml:21: series.water: "en" is not one of the languages',)),
    Case("expired is neither notice nor remove", toml("per_page = 2", 'per_page = 2\nexpired = "hide"'),
         ('site.toml:7: expired must be "notice" (a short notice at the address) or "remove", not "hide"',)),
    Case("hijri_adjust of a week", toml("per_page = 2", "per_page = 2\nhijri_adjust = 7"),
         ("site.toml:7: hijri_adjust is a number of days from -3 to 3 (Morocco: often -1), not 7",)),
    Case("hijri is not true or false", toml('locale = "ar_MA"', 'locale = "ar_MA"\nhijri = "yes"'),
         ("site.toml:12: \"hijri\" must be true or false, not 'yes'",)),
)
