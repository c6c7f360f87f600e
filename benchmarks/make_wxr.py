"""Write a synthetic WordPress export (WXR 1.2) for benchmarks and importer tests.

    python make_wxr.py OUT.xml --posts 5000            # ~50 MB: the issue-18 speed target
    python make_wxr.py OUT.xml --edge-cases            # small: one post per failure listed in issue 18

The big export is realistic and deterministic (same arguments, same bytes): Arabic and French posts, half of
them Gutenberg (paragraph, heading, list, quote, image, gallery, table, embed blocks), half classic editor
(blank-line paragraphs, [caption], [gallery]); Polylang language and translation terms; 2-3 categories with a
Yoast primary category, 3-6 tags; a featured image and 1-2 attachments per post; 0-6 comments (approved,
pending, spam, pingbacks); revisions, drafts, pages and menu items as WordPress writes them.
The edge-case export holds what real exports hold and the importer got wrong (see the notes beside this file).
No network, no third-party module: the standard library only."""
from __future__ import annotations

import argparse
import random
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote

SITE = "https://asdaa.example.ma"
WP_NS = "http://wordpress.org/export/1.2/"

AR_WORDS = ("الحكومة المغرب الدار البيضاء الرباط طنجة مراكش فاس الاقتصاد السوق الأسعار المواطنين البرلمان الوزير "
            "المدينة الجهة المشروع الاستثمار الفلاحة الصيد البحري الميناء المهرجان الثقافة الموسيقى الشباب التعليم "
            "الجامعة الصحة المستشفى الطريق السيارة القطار الماء الأمطار الجفاف الطاقة الشمسية الرياح التشغيل البطالة "
            "الصادرات الواردات الدرهم البنك المركزي التضخم النمو الميزانية الضرائب الجمعية المجتمع المدني الانتخابات "
            "الحزب الأغلبية المعارضة الرياضة الكرة المنتخب الملعب البطولة الجمهور الصحافة الإعلام التقرير الدراسة").split()
FR_WORDS = ("le la les un une des du de et à au aux en dans pour par sur avec sans entre gouvernement Maroc Casablanca "
            "Rabat Tanger Marrakech économie marché prix citoyens parlement ministre ville région projet investissement "
            "agriculture pêche port festival culture musique jeunes éducation université santé hôpital route autoroute "
            "train eau pluie sécheresse énergie solaire emploi chômage exportations dirham banque inflation croissance "
            "budget impôts association société élections parti majorité opposition sport football équipe stade "
            "championnat public presse rapport étude été a sont ont fait dit selon après avant déjà très plus").split()
AR_CATEGORIES = [("اقتصاد", "economy"), ("ثقافة", "culture"), ("مجتمع", "society"), ("سياسة", "politics"),
                 ("رياضة", "sport"), ("غير مصنف", "uncategorized-ar")]
FR_CATEGORIES = [("Économie", "economie"), ("Culture", "culture-fr"), ("Société", "societe"),
                 ("Politique", "politique"), ("Sport", "sport-fr"), ("Non classé", "non-classe")]


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def pct(text: str) -> str:
    """WordPress's nicename/post_name: percent-encoded UTF-8, lower-case hex."""
    return quote(text.replace(" ", "-"), safe="-").lower()


class Writer:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.next_id = 10
        self.chunks: list[str] = []

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id

    def sentence(self, lang: str, n: int | None = None) -> str:
        words = AR_WORDS if lang == "ar" else FR_WORDS
        n = n or self.rng.randint(8, 22)
        text = " ".join(self.rng.choice(words) for _ in range(n))
        return text + ("." if lang == "fr" else ".")

    def paragraph(self, lang: str) -> str:
        return " ".join(self.sentence(lang) for _ in range(self.rng.randint(2, 4)))


def item(fields: dict, *, title: str, link: str, creator: str, content: str, excerpt: str = "",
         categories: tuple = (), meta: tuple = (), comments: tuple = ()) -> str:
    lines = ["\t<item>", f"\t\t<title>{cdata(title)}</title>", f"\t\t<link>{link}</link>",
             "\t\t<pubDate>Wed, 26 Jun 2024 10:30:00 +0000</pubDate>", f"\t\t<dc:creator>{cdata(creator)}</dc:creator>",
             f'\t\t<guid isPermaLink="false">{SITE}/?p={fields["post_id"]}</guid>', "\t\t<description></description>",
             f"\t\t<content:encoded>{cdata(content)}</content:encoded>",
             f"\t\t<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>"]
    for key, value in fields.items():
        lines.append(f"\t\t<wp:{key}>{cdata(str(value)) if isinstance(value, str) else value}</wp:{key}>")
    for domain, nicename, name in categories:
        lines.append(f'\t\t<category domain="{domain}" nicename="{nicename}">{cdata(name)}</category>')
    for key, value in meta:
        lines.append(f"\t\t<wp:postmeta>\n\t\t\t<wp:meta_key>{cdata(key)}</wp:meta_key>\n"
                     f"\t\t\t<wp:meta_value>{cdata(value)}</wp:meta_value>\n\t\t</wp:postmeta>")
    lines.extend(comments)
    lines.append("\t</item>")
    return "\n".join(lines)


def post_fields(post_id: int, name: str, date: datetime, *, status="publish", post_type="post", parent=0,
                password="", order=0, attachment_url="") -> dict:
    local = date.strftime("%Y-%m-%d %H:%M:%S")
    gmt = (date - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S") if status != "draft" else "0000-00-00 00:00:00"
    fields = {"post_id": post_id, "post_date": local, "post_date_gmt": gmt, "post_modified": local,
              "post_modified_gmt": gmt if status != "draft" else local, "comment_status": "open",
              "ping_status": "open", "post_name": name, "status": status, "post_parent": parent,
              "menu_order": order, "post_type": post_type, "post_password": password, "is_sticky": 0}
    if attachment_url:
        fields["attachment_url"] = attachment_url
    return fields


def comment(w: Writer, cid: int, lang: str, date: datetime, approved: str, ctype: str = "comment") -> str:
    author = w.rng.choice(["سعيد", "Fatima Zahra", "أمين ب.", "Youssef", "مريم"])
    body = w.sentence(lang)
    if w.rng.random() < 0.2:
        body += " <a href=\"https://example.org/\">lien</a>"
    return (f"\t\t<wp:comment>\n\t\t\t<wp:comment_id>{cid}</wp:comment_id>\n"
            f"\t\t\t<wp:comment_author>{cdata(author)}</wp:comment_author>\n"
            f"\t\t\t<wp:comment_author_email>{cdata(f'reader{cid}@example.org')}</wp:comment_author_email>\n"
            f"\t\t\t<wp:comment_author_url>https://reader{cid}.example.org/</wp:comment_author_url>\n"
            f"\t\t\t<wp:comment_author_IP>{cdata(f'196.200.{cid % 250}.{cid % 97}')}</wp:comment_author_IP>\n"
            f"\t\t\t<wp:comment_date>{cdata(date.strftime('%Y-%m-%d %H:%M:%S'))}</wp:comment_date>\n"
            f"\t\t\t<wp:comment_date_gmt>{cdata(date.strftime('%Y-%m-%d %H:%M:%S'))}</wp:comment_date_gmt>\n"
            f"\t\t\t<wp:comment_content>{cdata(body)}</wp:comment_content>\n"
            f"\t\t\t<wp:comment_approved>{cdata(approved)}</wp:comment_approved>\n"
            f"\t\t\t<wp:comment_type>{cdata(ctype)}</wp:comment_type>\n"
            f"\t\t\t<wp:comment_parent>0</wp:comment_parent>\n\t\t\t<wp:comment_user_id>0</wp:comment_user_id>\n"
            f"\t\t</wp:comment>")


def gutenberg_body(w: Writer, lang: str, images: list[tuple[int, str, str]]) -> str:
    parts = []
    for n in range(w.rng.randint(4, 8)):
        kind = w.rng.random()
        if kind < 0.55:
            parts.append(f"<!-- wp:paragraph -->\n<p>{w.paragraph(lang)}</p>\n<!-- /wp:paragraph -->")
        elif kind < 0.65:
            parts.append(f'<!-- wp:heading -->\n<h2 class="wp-block-heading">{w.sentence(lang, 5)}</h2>\n'
                         f"<!-- /wp:heading -->")
        elif kind < 0.75:
            items = "".join(f"<!-- wp:list-item -->\n<li>{w.sentence(lang, 7)}</li>\n<!-- /wp:list-item -->\n"
                            for _ in range(w.rng.randint(2, 5)))
            parts.append(f'<!-- wp:list -->\n<ul class="wp-block-list">{items}</ul>\n<!-- /wp:list -->')
        elif kind < 0.82:
            parts.append(f'<!-- wp:quote -->\n<blockquote class="wp-block-quote"><!-- wp:paragraph -->\n'
                         f"<p>{w.sentence(lang)}</p>\n<!-- /wp:paragraph --><cite>{w.sentence(lang, 3)}</cite>"
                         f"</blockquote>\n<!-- /wp:quote -->")
        elif kind < 0.9 and images:
            aid, url, alt = w.rng.choice(images)
            parts.append(f'<!-- wp:image {{"id":{aid},"sizeSlug":"large"}} -->\n<figure class="wp-block-image '
                         f'size-large"><img src="{url}" alt="{alt}" class="wp-image-{aid}"/><figcaption '
                         f'class="wp-element-caption">{w.sentence(lang, 6)}</figcaption></figure>\n<!-- /wp:image -->')
        elif kind < 0.95:
            rows = "".join(f"<tr><td>{w.sentence(lang, 2)}</td><td>{w.rng.randint(1, 9999)}</td></tr>"
                           for _ in range(w.rng.randint(2, 6)))
            parts.append(f'<!-- wp:table -->\n<figure class="wp-block-table"><table><thead><tr><th>'
                         f"{w.sentence(lang, 1)}</th><th>{w.sentence(lang, 1)}</th></tr></thead><tbody>{rows}"
                         f"</tbody></table></figure>\n<!-- /wp:table -->")
        else:
            url = f"https://www.youtube.com/watch?v=v{w.rng.randint(10000, 99999)}"
            parts.append(f'<!-- wp:embed {{"url":"{url}","type":"video","providerNameSlug":"youtube"}} -->\n'
                         f'<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube">'
                         f'<div class="wp-block-embed__wrapper">\n{url}\n</div></figure>\n<!-- /wp:embed -->')
    return "\n\n".join(parts)


def classic_body(w: Writer, lang: str, images: list[tuple[int, str, str]]) -> str:
    parts = []
    for n in range(w.rng.randint(3, 7)):
        kind = w.rng.random()
        if kind < 0.7:
            text = w.paragraph(lang)
            if w.rng.random() < 0.3:
                text += "\n" + w.sentence(lang)  # a single line break: <br /> in WordPress
            parts.append(text)
        elif kind < 0.8:
            parts.append(f"<h3>{w.sentence(lang, 4)}</h3>")
        elif kind < 0.9 and images:
            aid, url, alt = w.rng.choice(images)
            parts.append(f'[caption id="attachment_{aid}" align="aligncenter" width="800"]<img class="size-large '
                         f'wp-image-{aid}" src="{url}" alt="{alt}" width="800" height="533" /> '
                         f"{w.sentence(lang, 6)}[/caption]")
        elif kind < 0.95 and len(images) > 1:
            parts.append(f'[gallery ids="{",".join(str(a) for a, _, _ in images)}"]')
        else:
            parts.append("<ul>\n" + "\n".join(f"\t<li>{w.sentence(lang, 6)}</li>" for _ in range(3)) + "\n</ul>")
    return "\n\n".join(parts)


def header(title: str, categories: list, tags: list) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8" ?>',
           "<!-- This is a WordPress eXtended RSS file generated by WordPress as an export of your site. -->",
           '<!-- generator="WordPress/6.5.2" created="2024-06-30 12:00" -->',
           '<rss version="2.0"\n\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n'
           '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
           '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
           f'\txmlns:wp="{WP_NS}"\n>', "", "<channel>", f"\t<title>{title}</title>", f"\t<link>{SITE}</link>",
           "\t<description>صحيفة إلكترونية</description>", "\t<pubDate>Sun, 30 Jun 2024 12:00:00 +0000</pubDate>",
           "\t<language>ar</language>", "\t<wp:wxr_version>1.2</wp:wxr_version>",
           f"\t<wp:base_site_url>{SITE}</wp:base_site_url>", f"\t<wp:base_blog_url>{SITE}</wp:base_blog_url>",
           "\t<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[salma]]></wp:author_login>"
           "<wp:author_email><![CDATA[salma@example.ma]]></wp:author_email><wp:author_display_name>"
           "<![CDATA[سلمى بناني]]></wp:author_display_name></wp:author>",
           "\t<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[karim]]></wp:author_login>"
           "<wp:author_email><![CDATA[karim@example.ma]]></wp:author_email><wp:author_display_name>"
           "<![CDATA[Karim Tazi]]></wp:author_display_name></wp:author>"]
    for n, (name, slug) in enumerate(categories, 1):
        out.append(f"\t<wp:category><wp:term_id>{n}</wp:term_id><wp:category_nicename>{cdata(slug)}"
                   f"</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>{cdata(name)}"
                   f"</wp:cat_name></wp:category>")
    for n, name in enumerate(tags, 100):
        out.append(f"\t<wp:tag><wp:term_id>{n}</wp:term_id><wp:tag_slug>{cdata(pct(name))}</wp:tag_slug>"
                   f"<wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>")
    out.append("\t<generator>https://wordpress.org/?v=6.5.2</generator>")
    return "\n".join(out) + "\n"


FOOTER = "</channel>\n</rss>\n"


def big_export(posts: int, seed: int) -> str:
    w = Writer(seed)
    ar_tags = sorted({" ".join(w.rng.sample(AR_WORDS, 2)) for _ in range(300)})
    fr_tags = sorted({" ".join(w.rng.sample(FR_WORDS[20:], 2)) for _ in range(300)})
    chunks = [header("أصداء الساحل", AR_CATEGORIES + FR_CATEGORIES, ar_tags + fr_tags)]
    start = datetime(2009, 1, 1, 8, 0, 0)
    comment_id = 1
    for n in range(posts):
        lang = "ar" if n % 3 else "fr"
        date = start + timedelta(hours=n * 27 + w.rng.randint(0, 20), minutes=w.rng.randint(0, 59))
        post_id = w.new_id()
        title = w.sentence(lang, w.rng.randint(5, 11)).rstrip(".")
        slug = pct(title[:60].strip())
        link = f"{SITE}{'/fr' if lang == 'fr' else ''}/{date:%Y/%m/%d}/{slug}/"
        images = []
        for k in range(w.rng.randint(1, 2)):
            aid = w.new_id()
            url = f"{SITE}/wp-content/uploads/{date:%Y/%m}/photo-{post_id}-{k}.jpg"
            alt = w.sentence(lang, 4).rstrip(".")
            images.append((aid, url, alt))
            chunks.append(item(post_fields(aid, f"photo-{post_id}-{k}", date, status="inherit",
                                           post_type="attachment", parent=post_id, order=k, attachment_url=url),
                               title=f"photo-{post_id}-{k}", link=f"{link}photo-{post_id}-{k}/", creator="salma",
                               content="", excerpt=w.sentence(lang, 5),
                               meta=(("_wp_attached_file", url.split("/uploads/")[1]),
                                     ("_wp_attachment_image_alt", alt))))
        body = gutenberg_body(w, lang, images) if n % 2 else classic_body(w, lang, images)
        cats = w.rng.sample(AR_CATEGORIES if lang == "ar" else FR_CATEGORIES, w.rng.randint(1, 3))
        tags = w.rng.sample(ar_tags if lang == "ar" else fr_tags, w.rng.randint(3, 6))
        terms = [("category", pct(slug_), name) for name, slug_ in cats]
        terms += [("post_tag", pct(t), t) for t in tags]
        terms += [("language", lang, "العربية" if lang == "ar" else "Français")]
        if n % 3 and n + 1 < posts and (n + 1) % 3 == 0:
            pass
        group = f"pll_{(n // 3):08x}"
        terms += [("post_translations", group, group)]
        comments = []
        for _ in range(w.rng.choice((0, 0, 0, 1, 2, 3, 6))):
            approved = w.rng.choice(("1", "1", "1", "0", "spam"))
            comments.append(comment(w, comment_id, lang, date + timedelta(days=1), approved,
                                    "pingback" if w.rng.random() < 0.05 else "comment"))
            comment_id += 1
        status = "draft" if n % 97 == 0 else "publish"
        meta = (("_edit_last", "1"), ("_thumbnail_id", str(images[0][0])),
                ("_yoast_wpseo_primary_category", str(1 + AR_CATEGORIES.index(cats[-1]) if lang == "ar" else
                                                      7 + FR_CATEGORIES.index(cats[-1]))))
        chunks.append(item(post_fields(post_id, slug, date, status=status), title=title, link=link,
                           creator="salma" if lang == "ar" else "karim", content=body,
                           excerpt=w.sentence(lang) if n % 4 == 0 else "", categories=tuple(terms), meta=meta,
                           comments=tuple(comments)))
        if n % 10 == 0:  # a revision, as WordPress exports them with "All content"
            rid = w.new_id()
            chunks.append(item(post_fields(rid, f"{post_id}-revision-v1", date, status="inherit",
                                           post_type="revision", parent=post_id),
                               title=title, link=f"{SITE}/?p={rid}", creator="salma", content=body))
    for n in range(5):
        pid = w.new_id()
        chunks.append(item(post_fields(pid, f"page-{n}", start, post_type="page"), title=f"صفحة {n}",
                           link=f"{SITE}/page-{n}/", creator="salma", content=w.paragraph("ar")))
        mid = w.new_id()
        chunks.append(item(post_fields(mid, str(mid), start, post_type="nav_menu_item", order=n), title="",
                           link=f"{SITE}/?p={mid}", creator="salma", content="",
                           meta=(("_menu_item_object_id", str(pid)), ("_menu_item_type", "post_type"))))
    chunks.append(FOOTER)
    return "\n".join(chunks)


# ---- the edge cases of issue 18: each post is one failure, named by its title -------------------------------
EDGE_POSTS: list[tuple[str, str, str]] = [  # (slug, title, content)
    ("escaped-code", "Escaped markup is text",
     "<p>WordPress shows this as code: &lt;script&gt;alert(1)&lt;/script&gt; and a path &lt;path to&gt; "
     "and a mail &lt;name@host.ma&gt; and doubly escaped &amp;lt;b&amp;gt;.</p>"),
    ("hostile-html", "Hostile HTML is never emitted",
     '<p>Click <a href="javascript:alert(2)">here</a> or <a href="JaVaScRiPt&#58;alert(3)">there</a>.</p>\n'
     '<p onmouseover="alert(4)">Hover.</p><img src="x.jpg" onerror="alert(5)" alt="x">\n'
     '<script>alert(6)</script><iframe src="https://evil.example/"></iframe>'
     '<object data="x.swf"></object><embed src="x.swf"><svg onload="alert(7)"></svg>'
     '<p style="background:url(javascript:alert(8))">styled</p><form action="https://evil.example/">'
     '<input name="q"></form><meta http-equiv="refresh" content="0;url=https://evil.example/">'),
    ("markdown-syntax", "Markdown syntax in text stays text",
     "# not a heading\n\n1. not a list\n\n- not a list either\n\n١. ليست قائمة\n\n۱. فهرست نیست\n\n"
     "#المغرب وسم وليس عنوانا\n\n* star\n\n+ plus\n\n&gt; not a quote\n\n"
     "Text with \\*backslash stars\\* and *real stars* and under_scores_here and [brackets](not a link) "
     "and `backticks` and <b>bold</b>.\n\n    four spaces are not code\n\n---\n\n=== not a rule\nsetext?\n---"),
    ("classic-table", "A classic-editor table keeps its cells",
     "Before the table.\n<table>\n<thead>\n<tr>\n<th>المدينة</th>\n<th>السكان</th>\n</tr>\n</thead>\n<tbody>\n"
     "<tr>\n<td>الدار البيضاء</td>\n<td>3,752,000</td>\n</tr>\n<tr>\n<td>Rabat | Salé</td>\n<td>577,827</td>\n</tr>\n"
     "</tbody>\n<tfoot>\n<tr>\n<td>المجموع</td>\n<td>4,329,827</td>\n</tr>\n</tfoot>\n</table>\nAfter the table."),
    ("nested-lists", "Nested lists keep their depth",
     "<ul>\n<li>one\n<ul>\n<li>two\n<ul>\n<li>three\n<ol>\n<li>four</li>\n</ol>\n</li>\n</ul>\n</li>\n</ul>\n"
     "</li>\n<li>back to one</li>\n</ul>"),
    ("inline-semantics", "del s sub sup dl address survive",
     "<p>H<sub>2</sub>O and E = mc<sup>2</sup>, <del>old price</del> <s>gone</s> <ins>new</ins> <mark>marked</mark>"
     " <kbd>Ctrl</kbd> <abbr title=\"Organisation\">ONU</abbr> <q>quoted</q> <u>under</u>.</p>\n"
     "<dl><dt>Term</dt><dd>Definition</dd><dt>Mot</dt><dd>Définition</dd></dl>\n"
     "<address>12 rue Allal Ben Abdallah\nCasablanca</address>\n<p>After the address.</p>"),
    ("title-markup", "Title <em>with</em> <b>markup</b> &amp; entities", "<p>Body.</p>"),
    ("alt-brackets", "An alt with brackets keeps its picture",
     '<p><img src="https://asdaa.example.ma/wp-content/uploads/2024/06/a.jpg" alt="the [old] port ] (1920)"></p>'),
    ("deep-headings", "Headings start at h4",
     "<h4>First</h4>\n<p>text</p>\n<h5>Second</h5>\n<p>text</p>\n<h6>Third</h6>\n<p>text</p>"),
    ("gallery-in-list", "Gallery of WordPress 5.0-5.8 inside a quote",
     '<!-- wp:quote -->\n<blockquote class="wp-block-quote"><!-- wp:gallery {"ids":[901,902]} -->\n'
     '<ul class="wp-block-gallery columns-2 is-cropped"><li class="blocks-gallery-item"><figure><img '
     'src="https://asdaa.example.ma/wp-content/uploads/2024/06/a.jpg" alt="A" data-id="901"/><figcaption>'
     'Caption A</figcaption></figure></li><li class="blocks-gallery-item"><figure><img '
     'src="https://asdaa.example.ma/wp-content/uploads/2024/06/b.jpg" alt="B" data-id="902"/><figcaption>'
     'Caption B</figcaption></figure></li></ul>\n<!-- /wp:gallery --><cite>Who</cite></blockquote>\n'
     '<!-- /wp:quote -->'),
    ("footnotes", "WordPress 6.3 footnotes",
     '<!-- wp:paragraph -->\n<p>A claim<sup data-fn="3b1f6c2e-8a4d-4c1e-9f0a-1d2e3f4a5b6c" class="fn"><a '
     'href="#3b1f6c2e-8a4d-4c1e-9f0a-1d2e3f4a5b6c" id="3b1f6c2e-8a4d-4c1e-9f0a-1d2e3f4a5b6c-link">1</a></sup> and '
     'another<sup data-fn="7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f" class="fn"><a href="#7c8d9e0f-1a2b-4c3d-8e4f-'
     '5a6b7c8d9e0f" id="7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f-link">2</a></sup>.</p>\n<!-- /wp:paragraph -->\n\n'
     "<!-- wp:footnotes /-->"),
    ("reusable", "A reusable block is inlined",
     '<!-- wp:paragraph -->\n<p>Before.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:block {"ref":950} /-->\n\n'
     "<!-- wp:paragraph -->\n<p>After.</p>\n<!-- /wp:paragraph -->"),
    ("media", "Auto-embed, audio, video and cover",
     "Watch this:\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n"
     '[audio src="https://asdaa.example.ma/wp-content/uploads/2024/06/interview.mp3"]\n\n'
     '<video controls src="/wp-content/uploads/2024/06/clip.mp4"></video>\n\n'
     '<!-- wp:cover {"url":"https://asdaa.example.ma/wp-content/uploads/2024/06/cover.jpg","id":903} -->\n'
     '<div class="wp-block-cover"><img class="wp-block-cover__image-background wp-image-903" alt="" '
     'src="https://asdaa.example.ma/wp-content/uploads/2024/06/cover.jpg" data-object-fit="cover"/><div '
     'class="wp-block-cover__inner-container"><!-- wp:paragraph {"align":"center"} -->\n<p class="has-text-align-'
     'center">Cover text</p>\n<!-- /wp:paragraph --></div></div>\n<!-- /wp:cover -->\n\n'
     '<!-- wp:embed {"url":"https://twitter.com/x/status/1","type":"rich","providerNameSlug":"twitter"} -->\n'
     '<figure class="wp-block-embed is-type-rich is-provider-twitter"><div class="wp-block-embed__wrapper">\n'
     "https://twitter.com/x/status/1\n</div><figcaption>A tweet</figcaption></figure>\n<!-- /wp:embed -->"),
    ("root-relative", "Root-relative upload URLs",
     '<p><img src="/wp-content/uploads/2024/06/a.jpg" alt="relative"> and <a href="/wp-content/uploads/2024/06/'
     'report.pdf">the report</a></p>'),
    ("font-soup", "Four hundred unclosed font tags", "<p>" + '<font color="red">x ' * 400 + "end</p>"),
    ("pre-shortcodes", "Shortcode-like text in code",
     "<pre>[gallery ids=\"1,2\"] and [contact-form-7 id=\"1\"]\n\nkeep   spacing</pre>\n\n"
     "<p>Inline <code>[vc_row]</code> code.</p>"),
    ("zero-dates", "A draft whose dates are all zero", "<p>Draft body.</p>"),
    ("categories", "Many categories and a primary one", "<p>Body.</p>"),
    ("comments", "Approved comments are kept", "<p>Body.</p>"),
    ("feed-alias", "An old address that is a file the build makes", "<p>Body.</p>"),
    ("no-link", "A post without link", "<p>Body.</p>"),
]


def edge_export() -> str:
    w = Writer(1)
    cats = [("أخبار", "news"), ("اقتصاد", "economy"), ("ثقافة", "culture"), ("رياضة", "sport")]
    chunks = [header("Edge cases", cats, []).replace(
        f"<wp:base_blog_url>{SITE}</wp:base_blog_url>", f"<wp:base_blog_url>{SITE}/blog</wp:base_blog_url>")]
    date = datetime(2024, 6, 1, 9, 0, 0)
    for aid, name in ((901, "a"), (902, "b"), (903, "cover")):
        url = f"{SITE}/wp-content/uploads/2024/06/{name}.jpg"
        chunks.append(item(post_fields(aid, name, date, status="inherit", post_type="attachment",
                                       attachment_url=url), title=name, link=f"{SITE}/blog/{name}/",
                           creator="salma", content="", meta=(("_wp_attachment_image_alt", name.upper()),)))
    chunks.append(item(post_fields(950, "reusable-note", date, post_type="wp_block"), title="Editor's note",
                       link=f"{SITE}/blog/?p=950", creator="salma",
                       content="<!-- wp:paragraph -->\n<p>This reusable note appears in many posts.</p>\n"
                               "<!-- /wp:paragraph -->"))
    for n, (slug, title, content) in enumerate(EDGE_POSTS):
        pid = 1000 + n
        d = date + timedelta(days=n)
        fields = post_fields(pid, slug, d)
        meta: tuple = (("_edit_last", "1"),)
        terms: tuple = (("category", "news", "أخبار"),)
        comments: tuple = ()
        link = f"{SITE}/blog/{d:%Y/%m/%d}/{slug}/"
        if slug == "footnotes":
            meta += (("footnotes", '[{"content":"The <em>first</em> source, 2023.","id":"3b1f6c2e-8a4d-4c1e-9f0a-'
                                   '1d2e3f4a5b6c"},{"content":"مصدر ثان","id":"7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f"}]'),)
        if slug == "zero-dates":
            fields.update(status="draft", post_date="0000-00-00 00:00:00", post_date_gmt="0000-00-00 00:00:00",
                          post_modified="2024-06-20 10:00:00", post_modified_gmt="2024-06-20 09:00:00")
        if slug == "categories":
            terms = (("category", "sport", "رياضة"), ("category", "economy", "اقتصاد"),
                     ("category", "culture", "ثقافة"))
            meta += (("_yoast_wpseo_primary_category", "3"),)
        if slug == "comments":
            comments = (comment(w, 1, "ar", d, "1"), comment(w, 2, "fr", d, "1"), comment(w, 3, "ar", d, "0"),
                        comment(w, 4, "ar", d, "spam"), comment(w, 5, "fr", d, "1", "pingback"))
        if slug == "feed-alias":
            link = f"{SITE}/blog/sitemap.xml"
        if slug == "no-link":
            link = ""
        chunks.append(item(fields, title=title, link=link, creator="salma", content=content, categories=terms,
                           meta=meta, comments=comments))
    chunks.append(item(post_fields(1999, "query-link", date), title="Linked as ?p=", link=f"{SITE}/blog/?p=1999",
                       creator="salma", content="<p>Old links were /?p=1999.</p>", categories=()))
    chunks.append(FOOTER)
    return "\n".join(chunks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--edge-cases", action="store_true", help="the small export of issue 18's failures")
    args = parser.parse_args()
    text = edge_export() if args.edge_cases else big_export(args.posts, args.seed)
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(text.encode('utf-8')) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
