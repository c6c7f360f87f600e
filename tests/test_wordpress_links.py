"""Links inside the archive: a link from one post to another (by its address, or ?p=ID) becomes a link to
the new article, its #fragment kept and the id it names kept in the target; a link to a #fragment of the
post itself keeps working; the built site's links all resolve (check --strict)."""
from __future__ import annotations

import lxml.html

from benchmarks.make_wxr import SITE
from generator.cli import main
from tests.sites import run
from tests.wordpress_fixtures import article_of, imported, post, write_export


def test_links_between_posts_go_to_the_new_articles_with_their_fragment(tmp_path, capsys):
    content = ('<h2 id="part">Part</h2><p><a href="#part">to part</a> '
               f'<a href="{SITE}/2024/06/01/other/#sec">other section</a> '
               f'<a href="http://asdaa.example.ma/2024/06/01/other/">other, http</a> '
               f'<a href="/?p=1001#top">other by id</a> <a href="{SITE}/2024/06/01/gone/">gone</a></p>')
    export = write_export(tmp_path, post(1000, "x", "X", content),
                          post(1001, "other", "Other", '<h2 id="sec">Sec</h2><p id="top">t</p>'))
    root, report = imported(tmp_path, export)
    body = article_of(root, report, 1)[1]
    assert ("[to part](#part) [other section](/ar/2024/06/other/#sec) [other, http](/ar/2024/06/other/) "
            "[other by id](/ar/2024/06/other/#top-1) "
            f"[gone]({SITE}/2024/06/01/gone/)") in body
    run(root)
    page = lxml.html.fromstring((root / "output/ar/2024/06/other/index.html").read_bytes())
    assert page.xpath('//div[@class="body"]//*[@id="sec"]') and page.xpath('//div[@class="body"]//*[@id="top-1"]')
    assert main(["check", "--strict", "--site", str(root)]) == 0, capsys.readouterr()
