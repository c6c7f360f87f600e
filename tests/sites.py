"""Whole small sites written inline in a test, Hugo-style:

    site = write_site(tmp_path, '''
    -- content/ar/2024/06/x.md --
    ---
    title: عنوان
    date: 2024-06-26
    ---
    نص.
    ''')

A site.toml (Arabic + French, per_page 2) is added unless the text gives one."""
from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

from generator.build.options import BuildOptions
from generator.build.pipeline import BuildReport, build

SITE_TOML = '''title = "مجلة الاختبار"
base_url = "https://example.ma/"
default_language = "ar"
timezone = "Africa/Casablanca"
theme = "majalla"
per_page = 2

[languages.ar]
name = "العربية"
dir = "rtl"
locale = "ar_MA"
title = "مجلة الاختبار"

[languages.fr]
name = "Français"
dir = "ltr"
locale = "fr_MA"
title = "Le magazine de test"
'''
BLOCK = re.compile(r"^-- (.+?) --$", re.M)
NOW = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def write_site(root: Path, text: str, site_toml: str | None = SITE_TOML) -> Path:
    text = textwrap.dedent(text)
    parts = BLOCK.split(text)
    for name, body in zip(parts[1::2], parts[2::2]):
        path = root / name.strip()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body.lstrip("\n"), encoding="utf-8")
    if site_toml is not None and not (root / "site.toml").exists():
        (root / "site.toml").write_text(site_toml, encoding="utf-8")
    return root


def article(title: str, date: str = "2024-06-26", body: str = "نص المقال.", **keys) -> str:
    """The text of one article file, front matter keys in the order given."""
    import yaml

    meta = {"title": title, "date": date, **keys}
    lines = [f"{k}: {v}" if k == "date" else yaml.safe_dump({k: v}, allow_unicode=True).strip() for k, v in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


def run(root: Path, **options) -> BuildReport:
    options.setdefault("jobs", 1)
    options.setdefault("now", NOW)
    options.setdefault("search", False)  # Pagefind costs ~0.3 s a build: tests of search ask for it
    return build(BuildOptions(site=root, **options))


def one_worker_plans_every_language(monkeypatch) -> list:
    """Make every build of a site of two languages or more use the split plan (planning.plan_split, used on
    large sites) with a pool of ONE forked worker, so that one worker plans every language in turn, whatever
    the scheduling; returns the list that gets one item per split plan."""
    from generator.build import output_plan as planning
    from generator import workers

    monkeypatch.setattr(planning, "SPLIT_FROM", 0)
    monkeypatch.setattr(planning, "workers", lambda jobs: workers.workers(1))
    calls: list = []
    real = planning.plan_split
    monkeypatch.setattr(planning, "plan_split", lambda *args: calls.append(1) or real(*args))
    return calls


def read(root: Path, path: str) -> str:
    return (root / "output" / path).read_text(encoding="utf-8")


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
