"""Posts no editor meant but old exports hold: markup or blocks nested thousands deep convert without a
traceback (what lies deepest kept as text), each list item is converted once whatever the depth, and a post
that still cannot be converted is skipped with its file:line."""
from __future__ import annotations

from generator.wordpress import html_to_markdown, importer
from generator.wordpress.html_to_markdown import to_markdown
from tests.wordpress_fixtures import imported, post, write_export


def test_blocks_nested_thousands_deep_are_converted():
    converted = to_markdown("<!-- wp:group -->" * 3000 + "<p>deep</p>" + "<!-- /wp:group -->" * 3000, {}, 1)
    assert converted.markdown == "deep\n"
    assert converted.notes == ("blocks nested more than 100 deep: the innermost shown as saved",)


def test_each_list_item_is_converted_once(monkeypatch):
    calls = []
    real = html_to_markdown.blocks_of
    monkeypatch.setattr(html_to_markdown, "blocks_of", lambda children, ctx: calls.append(1) or real(children, ctx))
    depth = 16
    markdown = to_markdown("<ul><li>x" * depth + "</li></ul>" * depth, {}, 1).markdown
    assert markdown.count("- x") == depth and markdown.rstrip().endswith(" " * 4 * (depth - 1) + "- x")
    assert len(calls) <= 3 * depth  # once per item and per list (2 ** depth before)


def test_a_post_that_cannot_be_converted_is_skipped_at_its_line(tmp_path, monkeypatch):
    def too_deep(content, *args):
        if "deep" in content:
            raise RecursionError("maximum recursion depth exceeded")
        return real(content, *args)

    real = importer.to_markdown
    monkeypatch.setattr(importer, "to_markdown", too_deep)
    export = write_export(tmp_path, post(1000, "x", "X", "<p>deep</p>"), post(1001, "y", "Y", "<p>fine</p>"))
    root, report = imported(tmp_path, export)
    assert report.articles == ("content/ar/2024/06/y.md",)
    [left] = [s for s in report.skipped if s.what.startswith("post 1000")]
    assert left.where.startswith(f"{export}:") and "nested too deeply" in left.why
