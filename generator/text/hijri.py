"""Hijri dates beside Gregorian ones: the Umm al-Qura calendar (the `hijridate` package, which covers 1343-1500
AH, 1924-2077 CE), moved by site.toml's `hijri_adjust` days (Morocco's official calendar, set by the sighting of
the moon, is often a day behind Umm al-Qura: -1). Month names in Arabic for an Arabic locale, else transliterated."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from hijridate import Gregorian

FRENCH_MONTHS = ("mouharram", "safar", "rabia al-awal", "rabia ath-thani", "joumada al-oula", "joumada ath-thania",
                 "rajab", "chaabane", "ramadan", "chaoual", "dhou al-qi’da", "dhou al-hijja")


@lru_cache(maxsize=4096)
def hijri_date(day: dt.date, adjust: int, locale: str) -> str | None:
    """«20 ذو الحجة 1445 هـ» (ar), «20 dhou al-hijja 1445 H» (fr), «20 Dhu al-Hijjah 1445 AH» (others) for
    the Gregorian `day` moved by `adjust` days; None outside the calendar's range."""
    try:
        h = Gregorian.fromdate(day + dt.timedelta(days=adjust)).to_hijri()
    except (OverflowError, ValueError):
        return None
    language = locale.replace("-", "_").split("_")[0].lower()
    if language == "ar":
        return f"{h.day} {h.month_name('ar')} {h.year} {h.notation('ar')}"
    if language == "fr":
        return f"{h.day} {FRENCH_MONTHS[h.month - 1]} {h.year} H"
    return f"{h.day} {h.month_name('en')} {h.year} {h.notation('en')}"


def shown(config, lang: str, when: dt.datetime | None) -> str | None:
    """The Hijri date of `when` (in the site's timezone) on the pages of `lang`, if that language shows one."""
    if when is None:
        return None
    language = config.language(lang)
    return hijri_date(when.date(), config.hijri_adjust, language.locale) if language.hijri else None
