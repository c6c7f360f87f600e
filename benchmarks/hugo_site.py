#!/usr/bin/env python3
"""Lay a majalla site out for Hugo, for benchmarks/archive.py: python benchmarks/hugo_site.py SITE OUT

The same articles (content/<lang>/**.md), their front matter mapped to Hugo's (date as RFC 3339 in the
site's time zone, tags, sections and authors as taxonomies, drafts left out), and a minimal theme that
makes what majalla makes of them: an article page, the home page, paginated lists of every section, tag,
author and year (Hugo's taxonomy and section pages), and the feeds Hugo makes by default. The theme is
small, as majalla's is not: the comparison favours Hugo, if anything."""
from __future__ import annotations

import argparse
import shutil
import sys
import tomllib
from pathlib import Path

import frontmatter
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.text import dates  # noqa: E402

LAYOUTS = {
    "_default/baseof.html": """<!doctype html><html lang="{{ .Site.Language.Lang }}" dir="{{ .Site.Language.LanguageDirection | default "ltr" }}">
<head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}</title></head>
<body><header><a href="{{ "/" | relLangURL }}">{{ .Site.Title }}</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>""",
    "_default/single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02" }}</time>
<ul>{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ .Content }}</article>
<nav>{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>{{ end }}""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ $pager := .Paginate .Pages }}
<ol>{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time> {{ .Summary }}</li>{{ end }}</ol>
{{ with $pager.Next }}<a href="{{ .URL }}">next</a>{{ end }}{{ end }}""",
    "index.html": """{{ define "main" }}{{ $pager := .Paginate (where .Site.RegularPages "Type" "posts") }}
<ol>{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol>{{ end }}""",
}


def convert(site: Path, out: Path) -> int:
    config = tomllib.loads((site / "site.toml").read_text(encoding="utf-8"))
    zone = config.get("timezone", "Africa/Casablanca")
    if out.exists():
        shutil.rmtree(out)
    count = 0
    for source in sorted((site / "content").rglob("*.md")):
        post = frontmatter.loads(source.read_text(encoding="utf-8"))
        if post.get("draft"):
            continue
        rel = source.relative_to(site / "content")
        lang = rel.parts[0]
        meta = {"title": str(post["title"]), "date": dates.parse(post["date"], zone).isoformat(),
                "type": "posts", "url": f"/{lang}/{'/'.join(rel.parts[1:-1])}/{post.get('slug') or source.stem}/"}
        for key, taxonomy in (("tags", "tags"), ("section", "sections"), ("author", "authors")):
            value = post.get(key)
            if value:
                meta[taxonomy] = [str(v) for v in value] if isinstance(value, list) else [str(value)]
        if post.get("summary"):
            meta["summary"] = str(post["summary"])
        target = out / "content" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + post.content + "\n",
                          encoding="utf-8")
        count += 1
    languages = "".join(
        f'[languages.{code}]\ncontentDir = "content/{code}"\nweight = {n}\ntitle = "{lang.get("title", "")}"\n'
        f'languageDirection = "{lang.get("dir", "ltr")}"\n\n'
        for n, (code, lang) in enumerate(config["languages"].items(), 1))
    (out / "hugo.toml").write_text(
        f'baseURL = "{config["base_url"]}"\ndefaultContentLanguage = "{config["default_language"]}"\n'
        f'defaultContentLanguageInSubdir = true\ntimeZone = "{zone}"\ndisableKinds = []\n'
        f'[pagination]\npagerSize = {config.get("per_page", 12)}\n\n'
        f'[taxonomies]\ntag = "tags"\nsection = "sections"\nauthor = "authors"\n\n'
        f'[markup.goldmark.renderer]\nunsafe = true\n\n{languages}', encoding="utf-8")
    for name, text in LAYOUTS.items():
        path = out / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description="lay a majalla site out for Hugo")
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    print(f"{convert(args.site, args.out)} articles laid out for Hugo in {args.out}")


if __name__ == "__main__":
    main()
