"""A small bilingual magazine for the feed, sitemap and head-metadata tests: translations, a section
named in both languages, a Latin-first Arabic title, an image, relative links, news of the last days.

The build's clock is tests.sites.NOW (2026-01-01T00:00Z): the news window is 2025-12-30T00:00Z to NOW."""
from __future__ import annotations

import struct
import zlib
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.sites import SITE_TOML, article, write_site

BASE = "https://example.ma"
SECTIONS = '''
[sections]
economy = { ar = "اقتصاد", fr = "Économie" }
'''
TOML = SITE_TOML.replace("per_page = 2\n", "per_page = 2\nfeed_limit = 3\n") + SECTIONS
BODY = ("فقرة أولى مع [التقرير](report.pdf) و[الوسوم](/ar/tags/) وحاشية[^1].\n\n"
        "![صورة](cover.png)\n\n[^1]: الحاشية.")


def png() -> bytes:
    """A valid 1×1 PNG."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xc0\x40\x30")) + chunk(b"IEND", b""))


def write_magazine(root: Path, toml: str = TOML) -> Path:
    write_site(root, f"""
-- content/ar/2025/12/tanger-med.md --
{article("Tanger Med: رقم قياسي جديد للحاويات", "2025-12-31T10:00:00+01:00", BODY, author="يوسف الإدريسي",
         dateline="طنجة", section="اقتصاد", tags=["ميناء طنجة المتوسط", "النقل البحري"], image="cover.png",
         image_alt="سفينة حاويات", summary="أرقام قياسية للميناء.")}
-- content/fr/2025/12/tanger-med.md --
{article("Tanger Med : nouveau record", "2025-12-31T11:00:00+01:00", "Premier [rapport](report.pdf).",
         author="Youssef El Idrissi", dateline="Tanger", section="Économie", tags=["Transport maritime"])}
-- content/ar/2025/12/older.md --
{article("خبر أقدم من يومين", "2025-12-29T10:00:00+01:00", "نص.", author="سلمى العلوي", section="مجتمع",
         tags=["النقل البحري"])}
-- content/ar/2025/12/yesterday.md --
{article("خبر الأمس", "2025-12-30T20:00:00+01:00", "نص.", author="مجلة الاختبار", section="اقتصاد")}
-- content/fr/2025/11/securite.md --
{article("L'attaque </script><!-- & <b>« titre »</b>", "2025-11-02", "Texte.", author="Salma El Alaoui")}
-- content/ar/2024/06/first.md --
{article("خبر من الأرشيف", "2024-06-26", "نص.")}
""", site_toml=toml)
    (root / "content/ar/2025/12/cover.png").write_bytes(png())
    (root / "content/ar/2025/12/report.pdf").write_bytes(b"%PDF-1.4\n")
    (root / "content/fr/2025/12/report.pdf").write_bytes(b"%PDF-1.4\n")
    return root


def output_file(out: Path, url: str) -> Path:
    """The file of output/ an absolute or site URL points at."""
    path = unquote(urlsplit(url).path).lstrip("/")
    return out / (path + "index.html" if path.endswith("/") or not path else path)
