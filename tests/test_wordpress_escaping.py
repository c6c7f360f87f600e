"""No text of an export becomes live markup in the built site: escaped code in a title, an excerpt, a tag, a
category, an author's name, a picture's alt or caption, a footnote or the body is shown as the text it is;
raw script there is dropped. Checked in the built pages' HTML, every page of the site."""
from __future__ import annotations

import lxml.html

from benchmarks.make_wxr import SITE
from tests.sites import run
from tests.wordpress_fixtures import attachment, imported, post, write_export

ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"
RAW = '</script><script>alert(3)</script><img src=x onerror="alert(4)">'
SHOWN = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def test_escaped_and_raw_script_anywhere_in_an_export_never_runs(tmp_path):
    content = (f'<p>{ESCAPED} {RAW}</p><figure class="wp-block-image"><img src="{SITE}/wp-content/uploads/a.jpg" '
               f'alt="{ESCAPED}"><figcaption>{ESCAPED}{RAW}</figcaption></figure>'
               f'<p>a note<sup data-fn="n1" class="fn"><a href="#n1" id="n1-link">1</a></sup></p>')
    item = post(1000, "x", f"Title {ESCAPED} {RAW}", content,
                categories=(("category", "c", f"Cat {ESCAPED}"), ("post_tag", "t", f"Tag {ESCAPED}")),
                meta=(("_thumbnail_id", "900"), ("footnotes", '[{"id":"n1","content":"%s"}]' % (ESCAPED + RAW).replace('"', '\\"'))))
    item = item.replace("<excerpt:encoded><![CDATA[]]></excerpt:encoded>",
                        f"<excerpt:encoded><![CDATA[Summary {ESCAPED} {RAW}]]></excerpt:encoded>")
    export = write_export(tmp_path, item, attachment(900, f"{SITE}/wp-content/uploads/b.jpg", ESCAPED))
    export.write_text(export.read_text(encoding="utf-8").replace("سلمى بناني", f"Salma {ESCAPED}"), encoding="utf-8")
    root, report = imported(tmp_path, export)
    assert len(report.articles) == 1
    run(root)
    pages = list((root / "output").rglob("*.html"))
    assert len(pages) > 5
    shown = False
    for page in pages:
        tree = lxml.html.fromstring(page.read_bytes())
        for script in tree.iter("script"):
            assert script.get("src") or script.get("type") in ("application/ld+json", "application/json"), page
            assert "alert" not in (script.text or "").replace("\\u003c", "<").split("</script")[0] or \
                script.get("type") == "application/ld+json", page
            assert "</script" not in (script.text or "").lower(), page
        for element in tree.iter():
            assert not any(a.lower().startswith("on") for a in element.attrib), (page, element.tag)
            assert not (element.tag == "img" and element.get("src") == "x"), page
        shown = shown or SHOWN in tree.text_content()
    assert shown
    article = (root / "output/ar/2024/06/x/index.html").read_text(encoding="utf-8")
    body = lxml.html.fromstring(article).xpath('//div[@class="body"]')[0].text_content()
    assert body.count(SHOWN) >= 3  # the text, the caption, the footnote
