"""Audio, video and embeds: a file that comes with --uploads plays in an <audio>/<video> element, any other is a
link to it (never a third-party frame); [audio] without a file plays the post's first attached audio file, as
WordPress does, and [audio URL] takes the URL."""
from __future__ import annotations

from benchmarks.make_wxr import SITE
from tests.wordpress_fixtures import article_of, attachment, imported, post, write_export

MP3 = f"{SITE}/wp-content/uploads/2024/06/interview.mp3"


def test_bare_audio_plays_the_first_attached_audio_file(tmp_path):
    uploads = tmp_path / "uploads"
    (uploads / "2024/06").mkdir(parents=True)
    (uploads / "2024/06/interview.mp3").write_bytes(b"ID3")
    export = write_export(tmp_path, post(1000, "x", "X", "<p>Listen:</p>\n\n[audio]"),
                          attachment(900, f"{SITE}/wp-content/uploads/2024/06/photo.jpg", parent=1000),
                          attachment(901, MP3, parent=1000))
    root, report = imported(tmp_path, export, name="linked")
    assert f"[interview.mp3]({MP3})" in article_of(root, report)[1]
    root, report = imported(tmp_path, export, uploads=uploads)
    body = article_of(root, report)[1]
    assert '<audio controls preload="none" src="interview.mp3">[interview.mp3](interview.mp3)</audio>' in body
    assert (root / "content/ar/2024/06/interview.mp3").read_bytes() == b"ID3"


def test_audio_with_its_address_written_alone(tmp_path):
    export = write_export(tmp_path, post(1000, "x", "X", f"[audio {MP3}]"))
    root, report = imported(tmp_path, export)
    assert article_of(root, report)[1] == f"[interview.mp3]({MP3})\n"
    assert report.shortcodes == ()


def test_a_url_alone_on_a_line_is_a_link_but_not_in_code(tmp_path):
    from generator.wordpress.html_to_markdown import to_markdown

    markdown = to_markdown("<!-- wp:paragraph --><p>a</p><!-- /wp:paragraph -->\n<pre>\nhttps://example.com/x\n</pre>"
                           "\n\nhttps://www.youtube.com/watch?v=1\n", {}, 1).markdown
    assert markdown == ("a\n\n```\nhttps://example.com/x\n```\n\n"
                        "[https://www.youtube.com/watch?v=1](https://www.youtube.com/watch?v=1)\n")
