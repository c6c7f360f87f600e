"""What a build is asked for (the command line's options, or the preview's), and what follows from it: the
site's settings with those options applied, the build's clock, the number of worker processes."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from .. import config as site_config
from ..errors import BuildError, Problem
from ..text import dates


@dataclass(frozen=True)
class BuildOptions:
    site: Path
    output: Path | None = None  # default: <site>/output
    drafts: bool = False
    future: bool = False
    base_url: str | None = None
    jobs: int | None = None  # default: every CPU
    clean: bool = False
    search: bool = True  # build the Pagefind index (--no-search skips it)
    search_later: bool = False  # the preview's first pass: leave the index and the search pages as they are
    # (a later build with search brings them up to date)
    now: dt.datetime | None = None  # the clock, for tests; default: SOURCE_DATE_EPOCH, else the real time
    progress: object = None  # a callable(phase, done, total), for the CLI's progress bar
    live: bool = False  # a long-running preview: compiled templates are kept between builds
    wait: bool = True  # another build is writing the output folder: wait for it (else stop: --no-wait)


def jobs_of(options: BuildOptions) -> int:
    return max(1, options.jobs or os.cpu_count() or 1)


def clock(options: BuildOptions) -> dt.datetime:
    try:
        return options.now or dates.build_time(os.environ)
    except dates.DateError as exc:
        raise BuildError([Problem("SOURCE_DATE_EPOCH", 0, str(exc))]) from None


def load_config(options: BuildOptions) -> site_config.Config:
    """site.toml of `options.site`, with the options that change settings (--drafts, --future, --base-url)."""
    config = site_config.load(options.site)
    changes = dict(drafts=options.drafts, future=options.future)
    if options.base_url:
        changes["base_url"] = site_config.parse_base_url(options.base_url)
    return config.with_options(**changes)
