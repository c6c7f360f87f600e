"""Approved comments become a read-only archive under the article: plain text (never HTML), the author's name
and date, never an e-mail, IP address or website; the rest are counted as left out; comments=False leaves
them all out."""
from __future__ import annotations

import lxml.html

from benchmarks.make_wxr import cdata
from generator.wordpress.report import render
from tests.sites import run
from tests.wordpress_fixtures import article_of, imported, post, write_export


def comment(cid: int, author: str, content: str, approved: str = "1", kind: str = "comment") -> str:
    return (f"<wp:comment><wp:comment_id>{cid}</wp:comment_id><wp:comment_author>{cdata(author)}</wp:comment_author>"
            f"<wp:comment_author_email>{cdata(f'r{cid}@mail.example')}</wp:comment_author_email>"
            f"<wp:comment_author_url>https://r{cid}.example/</wp:comment_author_url>"
            f"<wp:comment_author_IP>{cdata(f'196.200.0.{cid}')}</wp:comment_author_IP>"
            f"<wp:comment_date>2024-06-0{cid} 10:00:00</wp:comment_date>"
            f"<wp:comment_date_gmt>2024-06-0{cid} 09:00:00</wp:comment_date_gmt>"
            f"<wp:comment_content>{cdata(content)}</wp:comment_content>"
            f"<wp:comment_approved>{approved}</wp:comment_approved><wp:comment_type>{kind}</wp:comment_type>"
            f"<wp:comment_parent>0</wp:comment_parent></wp:comment>")


COMMENTS = (comment(2, "سعيد", 'رد <b>جميل</b> &lt;script&gt;alert(1)&lt;/script&gt; <a href="https://spam.example/">رابط</a>'
                               '<script>alert(2)</script>\n\n# ليس عنوانا'),
            comment(1, "Fatima *Zahra*", "Premier !"), comment(3, "x", "en attente", "0"),
            comment(4, "spam", "buy", "spam"), comment(5, "Blog", "pinged", "1", "pingback"))


def test_approved_comments_are_an_archive_of_plain_text(tmp_path):
    export = write_export(tmp_path, post(1000, "x", "X", "<p>Texte.</p>", comments=COMMENTS))
    root, report = imported(tmp_path, export)
    body = article_of(root, report)[1]
    assert "mail.example" not in body and "196.200" not in body and "r2.example" not in body
    assert body.index("Premier") < body.index("جميل")  # oldest first
    assert report.comments == (2, 3)
    assert "comments: 2 approved kept under their articles" in render(report)
    run(root)
    page = lxml.html.fromstring((root / "output/ar/2024/06/x/index.html").read_bytes())
    [section] = page.xpath('//section[@class="wordpress-comments"]')
    assert section.xpath("./h2")[0].text_content() == "تعليقات القراء"
    text = " ".join(section.text_content().split())
    assert "Fatima *Zahra*, 2024-06-01: Premier !" in text
    assert "سعيد, 2024-06-02: رد جميل <script>alert(1)</script> رابط # ليس عنوانا" in text
    assert not section.xpath(".//a|.//b|.//script|.//h1") and "pinged" not in text and "attente" not in text


def test_comments_can_be_left_out(tmp_path):
    export = write_export(tmp_path, post(1000, "x", "X", "<p>Texte.</p>", comments=COMMENTS))
    root, report = imported(tmp_path, export, comments=False)
    assert article_of(root, report)[1] == "Texte.\n" and report.comments == (0, 5)


def test_the_command_line_leaves_comments_out_with_no_comments(tmp_path):
    """`import-wordpress --no-comments`: the option the writer has for comments=False."""
    import subprocess
    import sys
    from pathlib import Path

    from tests.wordpress_fixtures import new_site

    export = write_export(tmp_path, post(1000, "x", "X", "<p>Texte.</p>", comments=COMMENTS))
    root = new_site(tmp_path)
    build_py = Path(__file__).resolve().parents[1] / "build.py"
    done = subprocess.run([sys.executable, str(build_py), "import-wordpress", str(export), "--site", str(root),
                           "--no-comments"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    [written] = [p for p in (root / "content").rglob("*.md")]
    assert "wordpress-comments" not in written.read_text(encoding="utf-8")
    assert "سعيد" not in written.read_text(encoding="utf-8")
