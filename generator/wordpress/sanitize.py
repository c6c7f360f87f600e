"""A post's HTML made safe before it is converted: an allowlist of elements and attributes (nh3, the Rust
`ammonia` sanitiser), so no script, style, event handler (`on…=`), `javascript:` or `data:` address, form,
object or embed survives, whatever its spelling. Frames stay only to become links (html_to_markdown.py).

nh3 parses as browsers do (the HTML standard's parser), so what comes out is well formed: unclosed tags are
closed where a browser closes them, and text that WordPress escaped (`&lt;script&gt;`) stays text."""
from __future__ import annotations

import re
from collections import Counter

import nh3

TAGS = {
    "a", "abbr", "acronym", "address", "article", "aside", "audio", "b", "bdi", "bdo", "big", "blockquote", "br",
    "button", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl",
    "dt", "em", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "i", "iframe", "img", "ins", "kbd", "label", "legend", "li", "main", "mark", "nav", "ol",
    "optgroup", "option", "p", "picture", "pre", "q", "s", "samp", "section", "select", "small", "source", "span",
    "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "time",
    "tr", "tt", "u", "ul", "var", "video", "wbr",
}
REMOVED_WITH_CONTENT = {"script", "style", "template", "noscript", "object", "embed", "svg", "math", "canvas",
                        "applet", "frameset", "noembed", "noframes", "head", "title", "xmp", "plaintext"}
ATTRIBUTES = {
    "*": {"id", "class", "lang", "dir", "title"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height", "data-src", "data-lazy-src", "data-id"},
    "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed", "type"}, "li": {"value"},
    "blockquote": {"cite"}, "q": {"cite"}, "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
    "time": {"datetime"}, "audio": {"src"}, "video": {"src", "poster"}, "source": {"src", "type"},
    "iframe": {"src"}, "sup": {"data-fn"},
}
SCHEMES = {"http", "https", "mailto", "tel"}
# What is taken out, counted for the report (the raw HTML, before sanitising)
DANGEROUS = re.compile(r"<(?P<tag>script|iframe|object|embed|form|svg|style|meta|applet|base|link)\b|"
                       r"(?P<handler>\son[a-z]+\s*=)|"
                       r"(?:href|src|action|data)\s*=\s*[\"']?\s*(?:javascript|vbscript|data)\s*(?::|&#)", re.I)


def clean(html: str) -> str:
    """The HTML with only allowed elements and attributes, and only http(s), mailto, tel or relative addresses."""
    return nh3.clean(html, tags=TAGS, clean_content_tags=REMOVED_WITH_CONTENT, attributes=ATTRIBUTES,
                     url_schemes=SCHEMES, link_rel=None, strip_comments=True)


def removed(html: str) -> str:
    """What sanitising takes out of this HTML, for the report: "1 script, 2 event handlers, 1 javascript:
    address" ("" when nothing)."""
    if "<" not in html:
        return ""
    counts: Counter = Counter()
    for m in DANGEROUS.finditer(html):
        if m.group("tag"):
            counts[m.group("tag").lower()] += 1
        elif m.group("handler"):
            counts["event handler (on…=)"] += 1
        else:
            counts["script address (javascript:, data:)"] += 1
    counts.pop("iframe", None)  # frames become links: said where they are converted
    return ", ".join(f"{n} {what}" for what, n in sorted(counts.items()))
