"""The words of the generated pages that the code does not hold: what each setting of site.toml is for, and
how to fix each mistake of tests/bad_input_catalogue.py. scripts/docs.py stops, naming what to add here, when a
setting or a mistake has no words (and when words here name a setting or a mistake that is gone)."""
from __future__ import annotations

# site.toml, the top level: key -> what it does (its type and default come from the code)
SETTINGS = {
    "title": "The magazine's name, for every language that gives no `title` of its own.",
    "base_url": "The address the site is served from, like `\"https://example.ma/\"`; a sub-folder works too "
                "(`\"https://example.github.io/magazine/\"`), and a missing `/` at the end is added. Permalinks, "
                "feeds, sitemaps and canonical URLs are made with it. `--base-url URL` replaces it for one build "
                "(a preview deployment).",
    "default_language": "The code of the language `/` leads to: its home is the site's home, it is first on the "
                        "root `404.html` and it is the `x-default` of hreflang. `majalla new` writes in it unless "
                        "given `--lang`. One of the codes of `[languages]`.",
    "timezone": "The time zone (IANA name) of dates written without an offset (`date: 2024-06-26 10:00`). An "
                "article's year and month, in its URL and in the archive, are those of its date in this zone; "
                "`majalla new` dates an article now, in this zone.",
    "theme": "The theme's folder name: the site's own `themes/<name>/` if there is one, else a theme that ships "
             "with majalla.",
    "per_page": "Articles per page of the home page and of every list (tag, section, author, year, month); at "
                "least 1.",
    "feed_limit": "The newest articles each Atom feed holds; at least 1.",
    "search_part_pages": "The most articles in one part of a language's search index; at least 1. A language's "
                         "articles are split by a hash of their URL into a power of two of parts of at most this "
                         "many, and an edited article indexes its part again, not the whole index. A site of fewer "
                         "articles has one part per language. [Search](site.md#search).",
    "feed_content": "`\"full\"`: feeds carry each article's whole text; `\"summary\"`: only its summary.",
    "languages": "One table per language, `[languages.<code>]` (below). The code is the name of its folder in "
                 "`content/` (`ar`, `fr`, `pt-BR`); the tables' order is the language switcher's. At least one.",
    "sections": "A section's name in each language, one line per section: `economy = { ar = \"اقتصاد\", fr = "
                "\"Économie\" }`. The pages of one section are then linked across languages, the name given here "
                "is the one shown, and the navigation lists the sections in this order. The key (`economy`) is "
                "only an identifier; a name may belong to one key only. Once it names the sections of a language, "
                "an article of that language whose `section:` is not among them gets a warning naming the nearest "
                "one.",
    "tags": "A tag's name in each language, one line per tag: `care-economy = { ar = \"اقتصاد الرعاية\", fr = "
            "\"économie du care\" }`. The pages of the tag are then one page in every language (the language "
            "switcher, hreflang, the sitemap's alternates), and the name given here is the one shown. A tag it does "
            "not name keeps its own page in each language. `majalla check` suggests, as notes, the lines for tags "
            "that the translations of the same stories give together. The key is only an identifier; a name may "
            "belong to one key only.",
    "expected_languages": "The languages every story should have a version in, like `[\"ar\"]`: `majalla check` "
                          "warns about a story that misses one. Read by `check` only: it changes nothing in the "
                          "built site.",
    "editor": "The browser editor (`/admin/`, see [writing in the browser](editor.md)): `interface_language` "
              "(its buttons and menus; default: `default_language` when the editor speaks it, else `\"en\"`), "
              "`publish` (`true`: the build puts the editor in `output/admin/`, saving into GitHub; default: "
              "`false`), `repo` (`\"owner/name\"`, needed with `publish`), `branch` (default `\"main\"`), "
              "`auth_url` and `auth_endpoint` (the OAuth provider). A mistake is reported at its line.",
    "refuse_scripts": "`true`: a `<script>`, an event handler (`onclick=`, `onerror=`…) or a `javascript:` address "
                      "in an article's text or in an SVG picture (beside the articles or in `static/`) is an error at "
                      "its line. For a site that publishes contributors' pull requests or imported content. With "
                      "`false` (the default) they are published as they are, and `build` and `check` say so in a note "
                      "(which fails nothing).",
    "old_draft_days": "`majalla check` lists, as notes, the drafts dated this many days ago or more (a translation "
                      "stub left untranslated, a story started and forgotten); 0 lists none. The age is counted "
                      "from the draft's `date:` (which `majalla new` sets), not from the file's time, which is that "
                      "of the checkout on a fresh clone. A note fails nothing, not even `check --strict`. Read by "
                      "`check` only.",
    "series": "A series' (dossier's) name in each language, one line per series, as `[sections]` does: `care = "
              "{ ar = \"ملف اقتصاد الرعاية\", fr = \"Dossier : l'économie du care\" }`. The pages of one series "
              "are then linked across languages and the name given here is shown; the key (`care`) also names "
              "its intro, `content/<lang>/series/care.md`.",
    "expired": "What the address of an expired article (`expires:`) holds: `\"notice\"`, a short notice (its "
               "title and the day it was taken down, not indexed by search engines), or `\"remove\"`, a page "
               "that leads to the language's home. Either way it leaves every list, feed, sitemap and the search, "
               "and its old addresses (`aliases:`, `/?p=123`) lead to its notice, or home.",
    "breaking_hours": "How long `breaking: true` shows a story's breaking-news strip on every page of its language, "
                      "in hours after its `date:` (1 to 168); `breaking: 2025-07-01T18:00` gives the end itself.",
    "hijri_adjust": "Days added to the Umm al-Qura date before it is shown (for the languages whose `hijri` is "
                    "`true`), from -3 to 3: Morocco's official Hijri calendar, set by the sighting of the moon, is "
                    "often a day behind Umm al-Qura (`-1`).",
}

# site.toml, each [languages.<code>] table
LANGUAGE_SETTINGS = {
    "name": "The language's name as its readers write it, in the language switcher: `\"العربية\"`, "
            "`\"Français\"`.",
    "dir": "`\"rtl\"` (right to left: Arabic, Hebrew, Persian) or `\"ltr\"`; every page of the language carries it.",
    "locale": "The CLDR locale of its dates, month names, digits, plural forms and `og:locale`: `\"ar_MA\"` "
              "(«26 يونيو 2024», «غشت», Western digits), `\"fr_MA\"`.",
    "title": "The magazine's name in this language; when empty, the top-level `title`.",
    "hijri": "`true`: its articles show their Hijri date beside the Gregorian one («الموافق 20 ذو الحجة 1445 هـ», "
             "Arabic month names for an Arabic locale), from the Umm al-Qura calendar moved by `hijri_adjust`; "
             "the day's Hijri date is then in `site.hijri_today` for a masthead (and the site changes at midnight).",
}

# the environment variables the generator reads: name -> what it does
ENVIRONMENT = {
    "SOURCE_DATE_EPOCH": "The build's clock, in seconds since 1970-01-01 UTC (as in reproducible builds): it "
                         "decides which dated articles are due, and the `<updated>` of a feed without entries. "
                         "Unset: the real time. `SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)` is the time of the "
                         "last commit.",
    "MAJALLA_PAGEFIND": "The Pagefind program that builds the search index, instead of the one the "
                        "`pagefind[bin]` package installed.",
}

# tests/bad_input_catalogue.py: the name of a case that fails -> how to fix it
FIXES = {
    # author profiles (authors/<key>.toml, issue 21)
    "an author's link that is javascript:": "Give the address of the page, whole: `x = \"https://x.com/name\"` (only "
                                            "web addresses are published).",
    "an author's link of an unknown site": "Use one of the links it lists (`site` for any other page of the author).",
    "an author's gender in other words": "Write `gender = \"female\"` or `gender = \"male\"`, or remove the line.",
    "an author's photo that is not there": "Put the photo beside the profile in `authors/`, or fix its name (names "
                                           "are case-sensitive).",
    "an author's photo that is not a picture": "Save the photo again as JPEG, PNG or WebP.",
    "an author's photo out of authors/": "Copy the photo into `authors/` and give its name alone.",
    "an author without a name": "Add `name = { ar = \"…\", fr = \"…\" }` (or one name in quotes for every language).",
    "an author's name in a language the site lacks": "Use a code of site.toml's `[languages]`.",
    "an author profile not TOML": "Write the line as `key = \"value\"`.",
    "two author profiles with one name": "Merge the two files, or give one of the authors a name of their own.",
    # hostile or unusual input (issue 16)
    "a static file inside the generated robots.txt": "Rename the folder `static/robots.txt/`: the build writes "
                                                     "`robots.txt` itself (its additions go in the file "
                                                     "`static/robots.txt`).",
    "an alias at the generated sitemap.xml": "Give the alias another address: the build writes `/sitemap.xml` "
                                             "itself.",
    "an alias at another article's address": "Remove the alias: that address is another article's own page, "
                                              "which stays where it is.",
    "a link into .git/": "Copy the file you need into the site instead of linking to `.git/`.",
    "a link into the build cache": "Copy the file you need into the site instead of linking into `.cache/`.",
    "a template linked from outside": "Copy the template into the site's `templates/` instead of linking to it.",
    "UI strings linked from outside": "Copy the strings file into the site's `i18n/` instead of linking to it.",
    ".cache/images is a link": "Remove the link: the build makes `.cache/images/` again as a folder of its own.",
    "a YAML alias bomb": "Write each value out in full: `&name` and `*name` are refused in front matter.",
    "front matter nested 300 levels": "Keep lists and keys at most 32 levels inside each other.",
    "101 tags": "Keep the 100 tags that matter most (at most 20 authors and 100 aliases too).",
    "a list nested 250 levels": "Keep lists and quotes at most 32 levels inside each other.",
    "a GIF of 1001 frames": "Make the animation shorter or smaller (at most 1000 frames and 120 megapixels in "
                            "all), or use a still picture.",
    "two names that differ only by Unicode normalization": "Keep one of the two files (a Mac may save a name "
                                                           "in another Unicode form).",
    "image: a file: address": "Give a picture beside the article (`cover.jpg`), from the site root "
                              "(`/images/x.jpg`) or on the web (`https://…`).",
    "image: a javascript: address": "Give a picture beside the article (`cover.jpg`), from the site root "
                                    "(`/images/x.jpg`) or on the web (`https://…`).",
    "image: out of the site": "Copy the picture into the site, beside the article, and give its name.",
    "base_url with a password": "Give the address only: `base_url = \"https://example.ma/\"`.",
    "base_url with a quote": "Give the address only, without spaces or quotes: "
                             "`base_url = \"https://example.ma/\"`.",
    "a file name that is not UTF-8": "Rename the file (it was made on a system with another encoding).",
    "a link to itself": "Remove the link.",
    "a hard link to a file outside the site": "Copy the file into the site (`cp`, not `ln`); a hard link is the "
                                              "file itself, wherever its other name is.",
    "a file name Windows reserves": "Rename the file (`con.md` to `con-x.md`, say): Windows cannot hold a file named "
                                    "`con`, `nul`, `aux`, `prn`, `com1`… whatever its extension.",
    "a slug Windows reserves": "Give another `slug:`; the article's folder could not be made on Windows.",
    "a tag Windows reserves": "Name the tag (or section) otherwise: its page's folder could not be made on Windows.",
    "an alias Windows reserves": "Leave that alias out: its redirect page could not be made on Windows.",
    "an invisible character in a tag builds, with a warning": "Retype the name without the invisible character "
                                                              "(often pasted from a word processor or a web page).",
    "an invisible character in a file name builds, with a warning": "Rename the file, typing its name again.",
    "a script in the text builds, with a note": "Nothing to do if the script is meant; to refuse scripts, set "
                                                "`refuse_scripts = true` in site.toml.",
    "a script in the text, refused": "Remove the script, the event handler or the `javascript:` link; for a video "
                                     "or a map, link to its page.",
    "an SVG picture with a script builds, with a note": "Nothing to do if the script is meant; to refuse scripts, set "
                                                        "`refuse_scripts = true` in site.toml.",
    "an SVG picture with a script, refused": "Remove the script from the picture, or export it again as plain SVG "
                                             "(Inkscape: *Save as → Plain SVG*; or run it through SVGO).",
    "an alias part over 255 bytes": "Shorten the alias: no part between two `/` may be longer than a file "
                                    "name (255 bytes).",
    "a lone surrogate in a tag": "Remove the `\\ud800`-like escape: write the character itself.",
    "SOURCE_DATE_EPOCH before 1970": "Give a number of seconds since 1970-01-01 UTC (like `git log -1 "
                                     "--format=%ct`).",
    "theme given as a path": "Give a theme's name: a folder of `themes/`, or `majalla`.",
    # corrections, series, expiry, Hijri dates (issue 21)
    "a correction without a date": "Give each correction its day: `- date: 2024-06-27`, then `text: …` on the "
                                   "next line.",
    "a correction with an impossible date": "Write a day that exists.",
    "a correction without text": "Say what was corrected after `text:`.",
    "a correction dated before the article": "Date the correction the day it was made, after the article's "
                                             "`date:`.",
    "a correction's text with a colon": "Put the text in quotes: `text: \"…\"`.",
    "corrections written as one sentence": "Write a list: `corrections:`, then `- date: 2024-06-27` and `text: "
                                           "…` for each correction.",
    "a part that is not a number": "Write the part's number: `part: 2`.",
    "a part without a series": "Add the series it is a part of: `series: …` (or remove `part:`).",
    "expires before the article's date": "Give the day the article is to be taken down, after its `date:`.",
    "expires is not a date": "Write the day it is to be taken down: `expires: 2024-07-15`.",
    "a pin to a slot the home page lacks": "Write `pinned: lead` (the lead story) or `pinned: picks` (the "
                                           "editors' picks).",
    "a pin without its slot": "Name the slot: `pinned: lead` or `pinned: picks`.",
    "a pin that ends before the article's date": "Give `until:` a day after the article's `date:`, or remove "
                                                 "`until:` (the pin then lasts until you remove it).",
    "a pin until no date": "Write the day the pin ends: `until: 2025-07-01`.",
    "breaking is not a date": "Write `breaking: true` (for `breaking_hours` of site.toml) or the time the strip "
                              "ends: `breaking: 2025-07-01T18:00`.",
    "breaking ends before the article's date": "Give a time after the article's `date:`, or write `breaking: true`.",
    "a series intro no series is named by": "Name the intro after a key of `[series]` (`care.md`) or a series' "
                                            "address, or remove it.",
    "a series in a language site.toml lacks": "Name the series only in the languages of `[languages]`.",
    "expired is neither notice nor remove": "Write `expired = \"notice\"` or `expired = \"remove\"`.",
    "hijri_adjust of a week": "Give a number of days from -3 to 3: `hijri_adjust = -1` for Morocco.",
    "hijri is not true or false": "Write `hijri = true` (or `false`).",
    # the shape of the front matter
    "front matter not closed": "Add a line `---` after the last key, before the text.",
    "no front matter": "Start the file with `---`, then `title:` and `date:`, then `---`.",
    "empty file": "Write the front matter and the text, or remove the file.",
    "only blank lines": "Write the front matter and the text, or remove the file.",
    "invalid YAML: unclosed quote": "Close the quote: `title: \"…\"`. A title that holds a colon needs the "
                                    "quotes.",
    "invalid YAML: unclosed list": "Close the list with `]`: `tags: [أ, ب]`.",
    "invalid YAML: bad indentation": "Start every key at the beginning of its line.",
    "invalid YAML: a Python object tag": "Remove the `!!` tag: a value is text, a number, a date, true/false "
                                         "or a list.",
    "a raw NUL character in the front matter": "Remove the invisible character (it came with a copy and paste).",
    "front matter is a list": "Write keys and values (`title: …`), not a list of `- …`.",
    "front matter is a string": "Write keys and values (`title: …`), one a line.",
    "a key given twice": "Keep one of the two lines.",
    # title
    "missing title": "Add `title: …`.",
    "misspelled title: the warning comes with the error": "Spell the key `title:`.",
    "empty title": "Write the headline after `title:`.",
    "blank title": "Write the headline after `title:`.",
    "title is a list": "Write the headline as text: `title: …`.",
    # dates
    "missing date": "Add `date: 2024-06-26` (or with a time: `2024-06-26T10:00:00+01:00`).",
    "impossible date": "Write a day that exists.",
    "month 13": "Write the month as 01 to 12.",
    "date in another format": "Write the year first: `2024-06-26`.",
    "date is a number": "Write it with hyphens: `2024-06-26`.",
    "offset out of range": "Write a real offset, like `+01:00`, or none (then the site's time zone is "
                           "meant).",
    "date beyond year 9999 in UTC": "Write a real date.",
    "updated is not a date": "Write the date of the update like `date:`: `updated: 2024-06-27`.",
    # tags, section, flags
    "tags is a string": "Put the tags in brackets: `tags: [اقتصاد]`.",
    "tags hold a number": "Quote the tag: `tags: [اقتصاد, \"2024\"]`.",
    "tags is a mapping": "Write a list: `tags: [أ, ب]`.",
    "a tag of only punctuation": "Give the tag letters or digits, or remove it.",
    "section is a list": "Give one section: `section: مجتمع`.",
    "draft: \"no\"": "Write `draft: true` or `draft: false`, without quotes (or remove the line).",
    "featured: a sentence": "Write `featured: true` or remove the line.",
    "image not beside the article": "Put the picture in the article's folder, or fix its name (names are "
                                    "case-sensitive).",
    # writers' everyday mistakes
    "an Arabic comma in a tags list": "Separate the tags with a Latin comma (`,`), as the message writes the line.",
    "an Arabic semicolon in a tags list": "Separate the tags with a Latin comma (`,`), as the message writes the "
                                          "line.",
    "a semicolon in a French tags list": "Separate the tags with a comma (`,`), not a semicolon.",
    "an Arabic comma in an author list": "Separate the names with a Latin comma (`,`), as the message writes the "
                                         "line.",
    "two authors in one string, with an Arabic comma": "Make a list of the names, in brackets and with a Latin "
                                                       "comma: `author: [سلمى العلوي, أحمد بنعلي]`.",
    "two tags in one string": "Make a list of the tags, in brackets and with a Latin comma: `tags: [اقتصاد, مجتمع]`.",
    "a misspelled section": "Write the name it suggests; if the section is a new one, add it to `[sections]` of "
                            "site.toml.",
    "a section site.toml does not name": "Use one of the sections it lists, or add the new section to "
                                         "`[sections]` of site.toml.",
    "a title with a colon, not in quotes": "Put the title in quotes, as the message writes the line.",
    "a French title with a colon and quotes": "Put the title in single quotes (it holds double ones), as the "
                                              "message writes the line.",
    "a tab in the front matter": "Replace the tab with spaces (two, for an item of a list).",
    "an unclosed single quote": "Close the quote at the end of the value, as the message writes the line.",
    "a date with slashes, in Arabic-Indic digits": "Write it with hyphens, year first: `2025-02-06` (Arabic-Indic "
                                                   "digits are welcome: `٢٠٢٥-٠٢-٠٦`).",
    "an impossible date in Arabic-Indic digits": "Write a day that exists.",
    "a day-first date that does not exist": "Write the year first, and a day that exists: `2025-02-28`.",
    "several mistakes in one front matter, YAML ones among them": "Fix each line: every mistake of the front "
                                                                  "matter is reported in one run, YAML ones too.",
    "a pin that has ended": "Delete `pinned:` and its `slot:` and `until:` lines: past its `until:` the pin does "
                            "nothing (a note: it fails nothing, not even `check --strict`).",
    "a breaking strip that has ended": "Delete the line `breaking:`: past its end the strip is no longer shown (a "
                                       "note: it fails nothing, not even `check --strict`).",
    "a translation stub left for weeks": "Translate it (or finish it) and delete `draft: true`, or delete the file "
                                         "if the story is dropped; `old_draft_days` in site.toml sets the age.",
    "an article with no text": "Write the text below the front matter's closing `---`, or add `draft: true` until "
                               "it is written.",
    "an empty article with a wrong draft: only the draft is wrong": "Write `draft: true`: the article is then a "
                                                                    "draft, and may have no text yet.",
    # languages, URLs and translations
    "unknown language folder": "Move the folder into a language's folder, or add the language to site.toml.",
    "lang not in site.toml": "Use a code of site.toml's `[languages]`, or remove `lang:`.",
    "two articles with one URL": "Give one of the two articles another `slug:` (or move it to another month).",
    "translation_key shared in one language": "Give the other story its own `translation_key:`: one key links "
                                              "the versions of one story, one per language.",
    # slugs
    "slug of only punctuation": "Give the slug letters or digits.",
    "slug with /": "Write one word or several joined by hyphens: `slug: a-b`.",
    "slug with ..": "Write one word or several joined by hyphens.",
    "slug with a backslash": "Write one word or several joined by hyphens.",
    "slug with NUL": "Remove the invisible character.",
    "slug with a control character": "Remove the invisible character.",
    "file name of only punctuation": "Rename the file with letters or digits, or add `slug:`.",
    # encodings and sizes
    "not UTF-8": "Save the file as UTF-8 (every editor can: \"Save with encoding\").",
    "UTF-16": "Save the file as UTF-8.",
    # links
    "a link to a file outside the site": "Copy the file into the site instead of linking to it.",
    "a link to a folder outside the site": "Copy what you need into the site.",
    "a link that loops": "Remove the link.",
    "a link to nothing": "Remove the link, or put back the file it points at.",
    "a static file linked from outside": "Copy the file into `static/`.",
    # templates and themes
    "template syntax error": "Fix the template at that line (an `{% if %}` needs a condition).",
    "template uses an undefined variable": "Use a name the page gets (see [the theme contract](themes.md)), or "
                                           "`{% if x is defined %}`.",
    "template includes a missing template": "Create the template, or fix its name.",
    "template not UTF-8": "Save the template as UTF-8.",
    "theme that does not exist": "Fix `theme =` in site.toml, or put the theme in `themes/<name>/`.",
    "UI strings not TOML": "Write each string as `key = \"text\"`.",
    "UI strings not UTF-8": "Save the file as UTF-8.",
    # site.toml
    "no site.toml": "Run majalla in the site's folder, or give it with `--site DIR`; `majalla init` makes a new site.",
    "site.toml not TOML": "Give the key a value: `per_page = 12`.",
    "bad base_url": "Write the whole address: `base_url = \"https://example.ma/\"`.",
    "base_url not on the web": "Use an `http://` or `https://` address.",
    "unknown key": "Fix the key's spelling, or remove it.",
    "a language without dir": "Add `dir = \"rtl\"` or `dir = \"ltr\"` to the language.",
    "default_language not listed": "Use one of the language codes of `[languages]`.",
    "per_page zero": "Give at least 1.",
    "unknown time zone": "Use an IANA time zone name, like `\"Africa/Casablanca\"`.",
    # the output folder
    "output is the site folder": "Give `--output` a folder of its own, like `output`.",
    "output contains content/": "Give `--output` a folder outside the site's sources.",
    "output is a folder of someone else's files": "Empty the folder, or choose another one.",
    "output contains the site folder": "Give `--output` a folder beside or inside the site, not above it.",
    # the clock
    "SOURCE_DATE_EPOCH not a number": "Set it to seconds since 1970 (`$(git log -1 --format=%ct)`), or unset it.",
    # every mistake at once
    "mistakes in several files are all reported": "Fix each line; the build reports them all at once.",
}

# docs/template-data.md: the filters and functions majalla adds to Jinja2's
FILTERS = {
    "date": "`when | date(site.locale)`: «26 يونيو 2024», «26 juin 2024»; a style may follow: `\"short\"`, "
            "`\"medium\"`, `\"long\"` (the default), `\"full\"`, or a CLDR pattern.",
    "isodate": "`when | isodate`: `2024-06-26T10:00:00+01:00`, for `<time datetime>` and feeds.",
    "isolate": "`text | isolate`: escaped, each Latin run inside right-to-left text in `<bdi>`.",
    "number": "`n | number(site.locale)`: a number as the language writes it.",
    "rtl_title": "`title | rtl_title(site.dir)`: a right-to-left mark before an RTL title that starts with a Latin "
                 "word, for `<title>` and `og:title`.",
    "month_name": "`m | month_name(site.locale)`: the month's name, «غشت», «août».",
    "absolute_links": "`body | absolute_links(article.permalink)`: every link and picture of the HTML made "
                      "absolute, for feeds.",
    "remember": "`{% call remember(\"card\", site, a) %}…{% endcall %}`: the fragment is made once per build for "
                "these arguments (a view stands for its digest), then reused; they must name all it shows.",
}

# docs/template-data.md: what a field of a view is, where the code has no comment beside it
# ("Class.field" for one class, "field" for every class that has it)
FIELDS = {
    "lang": "the language's code: `ar`",
    "dir": "`rtl` or `ltr`",
    "locale": "the language's CLDR locale: `ar_MA`",
    "title": "the title: the site's, the page's, the article's headline",
    "url": "its address on the site, percent-encoded: for `href`",
    "permalink": "its whole address, with `base_url`: for canonical links and feeds",
    "Chrome.base_url": "`base_url` of site.toml (or `--base-url`), ending with `/`",
    "Chrome.home": "the language's home, a site address",
    "Chrome.default_language": "the code of the default language",
    "Chrome.feed": "the language's feed, a site address",
    "Chrome.assets": "{theme file: its published address}: `site.assets[\"style.css\"]`",
    "Chrome.generator": "`majalla <version>`",
    "PageInfo.number": "which page of a list this is, from 1",
    "PageInfo.total": "how many pages the list has",
    "PageInfo.prev_url": "the list's previous page, or `None`",
    "PageInfo.next_url": "the list's next page, or `None`",
    "PageInfo.first_url": "the list's first page",
    "date": "its date of publication, in the site's time zone",
    "updated": "its last update, or `None`",
    "authors": "its authors, links to their pages",
    "dateline": "where it is filed from, or `None`",
    "section": "its section, a link, or `None`",
    "tags": "its tags, links to their pages",
    "summary": "its teaser: `summary:`, or its first paragraph",
    "image_alt": "what the lead picture shows",
    "image_caption": "the lead picture's caption",
    "featured": "`featured: true`",
    "draft": "`draft: true` (seen in the preview only)",
    "future": "dated after the build's clock (seen in the preview only)",
    "reading_minutes": "the minutes it takes to read, at the language's reading speed",
    "translation_key": "the key its versions share",
    "extra": "{key: value} of the front-matter keys majalla does not know: `article.extra.source`",
    "social_width": "the share picture's width, or 0",
    "social_height": "the share picture's height, or 0",
    "Picture.height": "the largest variant's height",
    "Link.name": "what the link says: a tag's name, a language's name, a page's number",
    "Link.key": "what it stands for: a language's code, a tag's normalized name, `current` for this page",
    "HeadMeta.description": "the page's description: the article's summary, the site's title…",
    "FeedEntry.article": "the article, as a card (ArticleView)",
    "FeedEntry.image_type": "the MIME type of its picture",
    "SearchView.sections": "the language's sections, links with their counts: the filter by section",
    "SearchView.years": "the years of its articles, links with their counts: the filter by year",
}
