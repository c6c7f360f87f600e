"""Drafts left for weeks: a translation stub never translated, a story started and forgotten. `check` lists
the drafts whose `date:` is older than site.toml's `old_draft_days` (default 14; 0 lists none).

Their age is counted from the article's `date:`, not from the file's modification time or its last commit:
`new` writes the date when it makes the file, the date is in the file (the same on every clone), while a
checkout sets every file's modification time to the time of the checkout and CI clones keep one commit of
history (actions/checkout's depth 1). The clock is the build's (SOURCE_DATE_EPOCH, or `now` in tests)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

@dataclass(frozen=True, order=True)
class OldDraft:
    """A note, not a warning: an old draft is no mistake, and `check --strict` passes with one."""

    path: str
    line: int
    since: dt.date
    days: int

    def __str__(self) -> str:
        days = f"{self.days} day{'s' if self.days != 1 else ''}"
        return (f"{self.path}:{self.line}: note: a draft since {self.since.isoformat()} ({days}): "
                f'finish (or translate) it and delete "draft: true", or delete the file if it is dropped')


def old_drafts(articles, now: dt.datetime, days: int) -> list[OldDraft]:
    """The drafts among `articles` dated `days` days or more before `now`, oldest first."""
    if days <= 0:
        return []
    found = []
    for a in articles:
        age = (now - a.date).days
        if a.draft and age >= days:
            found.append(OldDraft(a.source, a.line("draft"), a.date.date(), age))
    return sorted(found, key=lambda d: (d.since, d.path))
