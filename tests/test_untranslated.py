"""Untranslated stories and lists: the language switcher of a page that has no version in another language
leads to that language's home and says so, in that language (issue 21); a page that has one leads to it."""
from __future__ import annotations

import re

from tests.sites import article, read, run, write_site


def switcher(html: str) -> dict[str, str]:
    """{language code: the <li> of its link} of a page's language switcher."""
    nav = re.search(r'<nav class="languages".*?</nav>', html, re.S).group(0)
    return {re.search(r'hreflang="([^"]+)"', li).group(1): li for li in re.findall(r"<li.*?</li>", nav, re.S)}


def site(tmp_path):
    return write_site(tmp_path, f"""
-- content/ar/2024/06/both.md --
{article("خبر بلغتين", tags=["موانئ"], section="اقتصاد")}
-- content/fr/2024/06/both.md --
{article("Nouvelle en deux langues", tags=["Ports"])}
-- content/ar/2024/07/arabic-only.md --
{article("خبر بالعربية وحدها", "2024-07-02", tags=["موانئ"])}
-- content/fr/2024/08/french-only.md --
{article("Nouvelle en français seulement", "2024-08-03")}
""")


def test_a_story_without_a_french_version_says_so_and_leads_home(tmp_path):
    run(root := site(tmp_path))
    links = switcher(read(root, "ar/2024/07/arabic-only/index.html"))
    fr = links["fr"]
    assert 'href="/fr/"' in fr and "data-untranslated" in fr and 'lang="fr"' in fr
    assert "pas en français" in fr  # said in French, to a reader who wants French
    assert "Cet article n’est pas traduit en français" in fr
    assert "data-untranslated" not in links["ar"] and 'aria-current="true"' in links["ar"]


def test_a_story_without_an_arabic_version_says_so_in_arabic(tmp_path):
    run(root := site(tmp_path))
    ar = switcher(read(root, "fr/2024/08/french-only/index.html"))["ar"]
    assert 'href="/ar/"' in ar and "data-untranslated" in ar
    assert "غير متوفر بالعربية" in ar and "هذا المقال غير مترجم إلى العربية" in ar


def test_a_translated_story_leads_to_its_translation_without_a_label(tmp_path):
    run(root := site(tmp_path))
    for page, other, target in (("ar/2024/06/both/index.html", "fr", "/fr/2024/06/both/"),
                                ("fr/2024/06/both/index.html", "ar", "/ar/2024/06/both/")):
        link = switcher(read(root, page))[other]
        assert f'href="{target}"' in link and "data-untranslated" not in link


def test_lists_without_a_counterpart_say_so(tmp_path):
    run(root := site(tmp_path))
    tag = switcher(read(root, "ar/tags/موانئ/index.html"))["fr"]  # «موانئ» and «Ports» are not paired
    assert 'href="/fr/"' in tag and "Cette page n’existe pas en français" in tag
    month = switcher(read(root, "fr/2024/08/index.html"))["ar"]  # no Arabic story in August
    assert 'href="/ar/"' in month and "هذه الصفحة غير متوفرة بالعربية" in month
    # lists every language has: no label
    for page in ("ar/index.html", "ar/tags/index.html", "ar/archive/index.html", "ar/2024/06/index.html"):
        assert "data-untranslated" not in read(root, page), page


def test_pages_without_versions_have_no_label(tmp_path):
    run(root := site(tmp_path))
    for page in ("404.html", "ar/404.html", "fr/404.html"):
        assert "data-untranslated" not in read(root, page), page
