"""The article page and the home page's lead story in Chromium (issue 20): the standfirst said once, whatever
the summary is, and the lead pictures' `sizes` the width they are shown at."""
from __future__ import annotations

import re

import pytest
from PIL import Image

from tests.sites import article, run, write_site
from tests.support import tools
from tests.test_theme_browser import chromium  # noqa: F401 (the module's fixture)

OWN_AR = "ملخص كتبه المحرر لا يرد في النص."
FIRST_AR = "سجل ميناء Tanger Med: 10 ملايين حاوية خلال السنة الماضية، حسب التقرير السنوي."
FIRST_FR = "Le port a-t-il battu son record ? Oui : 10 millions de conteneurs, l'an dernier."
NOTED_AR = "فقرة أولى فيها حاشية وبعدها كلام كثير عن الميناء."
STORIES = {  # name: (language, front matter, text, what the page must show once)
    "own": ("ar", {"summary": OWN_AR}, FIRST_AR + "\n\nبقية النص.", [OWN_AR, FIRST_AR]),
    "first": ("ar", {"summary": FIRST_AR}, FIRST_AR + "\n\nبقية النص.", [FIRST_AR]),
    "first-fr": ("fr", {"summary": FIRST_FR}, FIRST_FR + "\n\nLa suite.", [FIRST_FR]),
    "own-fr": ("fr", {"summary": "Un résumé : le sien !"}, FIRST_FR + "\n\nLa suite.", ["Un résumé : le sien !", FIRST_FR]),
    "wordpress": ("ar", {"summary": FIRST_AR.replace(" ", "  ")}, "<p>" + FIRST_AR.replace(" ", "&nbsp;", 2) + "</p>\n\nبقية.",
                  [FIRST_AR]),  # an excerpt with its spaces doubled, a text with no-break spaces
    "footnote": ("ar", {}, NOTED_AR.replace("حاشية", "حاشية[^1]") + "\n\nبقية النص.\n\n[^1]: الحاشية.", [NOTED_AR]),
}
STANDFIRST = {"own": True, "own-fr": True, "first": False, "first-fr": False, "wordpress": False, "footnote": False}


@pytest.fixture(scope="module")
def magazine(tmp_path_factory):
    root = tmp_path_factory.mktemp("articles")
    text = "".join(f"-- content/{lang}/2025/01/{name}.md --\n{article(name, '2025-01-10', body, **keys)}"
                   for name, (lang, keys, body, _) in STORIES.items())
    text += f"-- content/ar/2025/01/lead.md --\n{article('الخبر الرئيسي', '2025-01-12', 'نص.', image='lead.jpg', image_alt='صورة', featured=True)}"
    root = write_site(root, text)
    Image.new("RGB", (2000, 1125), (90, 120, 150)).save(root / "content/ar/2025/01/lead.jpg", quality=80)
    run(root)
    with tools.serve_directory(root / "output") as base:
        yield base


def seen(chromium, url: str, width: int = 375) -> dict:  # noqa: F811
    opened = tools.open_page(chromium, url, width, 800)
    try:
        return opened.page.evaluate("""() => {
            document.querySelectorAll('.footnote-ref').forEach(e => e.remove());  // what the summary leaves out
            return {text: document.querySelector('main').innerText.replace(/\\s+/g, ' '),
            standfirst: [...document.querySelectorAll('.standfirst')].map(e => e.innerText)}; }""")
    finally:
        opened.close()


def typeset(text: str) -> str:
    """The text as a French page shows it (narrow no-break spaces, curly apostrophes), spaces made one space."""
    text = re.sub(r"\s+", " ", text.replace("'", "’").replace("&nbsp;", " "))
    return re.sub(r"\s([:;?!])", r" \1", text)


@pytest.mark.parametrize("name", sorted(STORIES))
def test_the_page_says_the_summary_once(magazine, chromium, name):  # noqa: F811
    """A summary of the writer's own is the standfirst; one that the text starts with (a WordPress excerpt, the
    first paragraph when the writer gave none) is not shown again above it."""
    lang, _, _, once = STORIES[name]
    page = seen(chromium, f"{magazine}{lang}/2025/01/{name}/")
    text = re.sub(r"\s", " ", page["text"])
    for words in once:
        assert text.count(re.sub(r"\s", " ", typeset(words))) == 1, (words, text)
    assert bool(page["standfirst"]) == STANDFIRST[name], page["standfirst"]


@pytest.mark.parametrize("path,selector", [("ar/", ".card-lead img"), ("ar/2025/01/lead/", ".lead-image img")])
def test_a_lead_picture_claims_the_width_it_is_shown_at(magazine, chromium, path, selector):  # noqa: F811
    """The width `sizes` gives (a picture of 480 px offered as 480w is as wide, in CSS pixels, as `sizes` says)
    against the width the picture is shown at, from a phone to a wide screen."""
    for width in (360, 412, 600, 735, 799, 800, 1024, 1100, 1280, 1600):
        opened = tools.open_page(chromium, magazine + path, width, 800)
        try:
            claimed, shown = opened.page.evaluate("""async selector => {
                const img = document.querySelector(selector), probe = new Image();
                const small = img.srcset.split(', ').find(c => c.endsWith(' 480w')).split(' ')[0];
                probe.sizes = img.sizes; probe.srcset = small + ' 480w';
                document.body.append(probe); await probe.decode();
                return [probe.naturalWidth, img.getBoundingClientRect().width]; }""", selector)
        finally:
            opened.close()
        assert abs(claimed - shown) <= 8, (path, width, claimed, shown)
