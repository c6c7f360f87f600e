"""Every XML file the build writes is well-formed, and its dates RFC 3339, whatever the input: control
characters XML does not allow (\\v, \\x01, U+FFFE) in a title, a tag or site.toml, and dates before 1913
(Casablanca's local mean time, an offset of -00:30:20)."""
from __future__ import annotations

import datetime as dt
import re

from lxml import etree

from tests.sites import SITE_TOML, run, write_site
from tests.test_sitemaps import XSD

BAD = "\v\x01\ufffe\x1f"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
NOW = dt.datetime(2024, 6, 27, 12, tzinfo=dt.timezone.utc)  # the newest article is in the news sitemap


def hostile_site(tmp_path):
    toml = SITE_TOML.replace('title = "مجلة الاختبار"', 'title = "مجلة\\u000b الاختبار\\u0001"', 1)
    return write_site(tmp_path / "site", f'''
-- content/ar/2024/06/x.md --
---
title: "خبر\\v فيه\\x01 محارف\\uFFFE تحكم\\x1f"
date: 2024-06-26T10:00:00+01:00
tags: ["وسم\\v", "آخر\\x01"]
author: "كاتب\\x02"
summary: "ملخص\\x0b"
---
نص{BAD}المقال.
-- content/ar/1900/01/old.md --
---
title: خبر قديم
date: 1900-01-01
updated: 1912-12-31 23:00:00
---
نص قديم.
-- content/fr/1900/01/old.md --
---
title: Un vieil article
date: 1900-01-01
---
Texte.
''', toml)


def test_every_xml_file_is_well_formed_with_rfc3339_dates(tmp_path):
    root = hostile_site(tmp_path)
    run(root, now=NOW)
    out = root / "output"
    xml_files = sorted(out.rglob("*.xml"))
    assert len(xml_files) >= 7 and (out / "news-sitemap.xml") in xml_files
    dates = []
    for path in xml_files:
        tree = etree.parse(str(path))  # raises on a file that is not well-formed
        for element in tree.iter():
            if isinstance(element.tag, str) and etree.QName(element).localname in (
                    "updated", "published", "lastmod", "publication_date"):
                dates.append(element.text)
        assert not any(ch in path.read_text(encoding="utf-8") for ch in BAD), path
    assert dates and all(RFC3339.match(d) for d in dates), [d for d in dates if not RFC3339.match(d)]
    assert "1900-01-01T00:30:20+00:00" in dates  # midnight of local mean time, given in UTC
    urlset = etree.XMLSchema(etree.parse(str(XSD / "urlset.xsd")))
    urlset.assertValid(etree.parse(str(out / "sitemap.xml")))
    news = etree.XMLSchema(etree.parse(str(XSD / "sitemap-news.xsd")))
    news_doc = etree.parse(str(out / "news-sitemap.xml"))
    for url in news_doc.getroot():
        news_part = url.find("{http://www.google.com/schemas/sitemap-news/0.9}news")
        news.assertValid(etree.ElementTree(news_part))
