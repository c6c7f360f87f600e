"""The theme owns its numbers (themes/<name>/theme.toml, read by the build): another theme changes the widths
of the picture variants, the card ratio and the home page's section blocks; a theme without the file has
majalla's; a mistake in it is reported at its line, all at once."""
from __future__ import annotations

import re
import shutil

import pytest

from generator.errors import BuildError
from generator.theme.settings import shipped
from generator.theme.templates import BUNDLED_THEMES
from tests.sites import SITE_TOML, article, read, run, write_site
from tests.test_images import FOLDER, pictures_site, size_of

NARROW = """\
[pictures]
widths = [300, 600]
card_widths = [200]
card_ratio = [4, 3]

[home]
section_blocks = 1
"""


def site_with_theme(tmp_path, toml: str | None):
    """A site with a theme of its own (majalla's templates), its theme.toml `toml` (None: no file), a lead
    picture and nine articles of one section (the home page's section block shows those that the lead and the
    latest do not)."""
    theme = tmp_path / "themes" / "narrow"
    shutil.copytree(BUNDLED_THEMES / "majalla", theme)
    (theme / "theme.toml").unlink()
    if toml is not None:
        (theme / "theme.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "site.toml").write_text(SITE_TOML.replace('theme = "majalla"', 'theme = "narrow"'), encoding="utf-8")
    site = pictures_site(tmp_path, section="اقتصاد")
    return write_site(site, "".join(f"""
-- content/ar/2024/05/s{n}.md --
{article(f"خبر {n}", f"2024-05-0{n}", section="اقتصاد")}
""" for n in range(1, 10)))


def widths(site, stem: str) -> list[int]:
    return sorted(int(m.group(1)) for p in (site / "output" / FOLDER).iterdir()
                  if (m := re.match(rf"{stem}-(\d+)w\.\w{{8}}\.webp$", p.name)))


def section_block_cards(site) -> int:
    block = re.search(r'<section class="section-block".*?</section>', read(site, "ar/index.html"), re.S).group(0)
    return len(re.findall(r"<article\b", block))


def test_another_theme_sets_its_picture_widths_card_ratio_and_home_blocks(tmp_path):
    site = site_with_theme(tmp_path, NARROW)
    run(site)
    assert widths(site, "cover") == [300, 600] and widths(site, "cover-card") == [200]
    (card,) = (site / "output" / FOLDER).glob("cover-card-200w.*.webp")
    assert size_of(card) == (200, 150)  # 4:3
    assert section_block_cards(site) == 1


def test_a_theme_without_theme_toml_has_the_numbers_of_majalla(tmp_path):
    site = site_with_theme(tmp_path, None)
    run(site)
    numbers = shipped()
    assert widths(site, "cover") == [480, 960, 1000]  # the source is 1000 wide: never upscaled
    assert widths(site, "cover-card") == list(numbers.pictures.card_widths) == [320, 640]
    (card,) = (site / "output" / FOLDER).glob("cover-card-320w.*.webp")
    assert size_of(card) == (320, 180)  # majalla's 16:9
    assert section_block_cards(site) == 4 == numbers.section_blocks


def test_an_edit_of_theme_toml_rebuilds_what_it_changes(tmp_path):
    site = site_with_theme(tmp_path, None)
    run(site)
    (site / "themes/narrow/theme.toml").write_text("[home]\nsection_blocks = 2\n", encoding="utf-8")
    report = run(site)
    assert report.rendered and section_block_cards(site) == 2


def test_mistakes_in_theme_toml_are_reported_at_their_lines(tmp_path):
    site = site_with_theme(tmp_path, '[pictures]\nwidths = [960, 480]\ncard_ratio = [16]\nsizes = "x"\n\n'
                                     "[home]\nsection_blocks = -1\n\n[colours]\nink = 1\n")
    with pytest.raises(BuildError) as info:
        run(site)
    assert [str(p) for p in info.value.problems] == [
        "themes/narrow/theme.toml:2: widths must be a list of widths in pixels, smallest first (1 to 10000), "
        "such as [480, 960]",
        "themes/narrow/theme.toml:3: card_ratio must be a width and a height (1 to 100), such as [16, 9]",
        'themes/narrow/theme.toml:4: unknown key "sizes" in [pictures]: it has widths, card_widths, card_ratio, '
        "body_sizes, card_sizes, portrait_widths, portrait_sizes",
        "themes/narrow/theme.toml:7: section_blocks must be a whole number from 0 to 100",
        "themes/narrow/theme.toml:9: unknown table [colours]: a theme.toml has [pictures], [home]",
    ]


@pytest.mark.parametrize("toml, wanted, sizes", [
    (None, [160, 320], "10rem"),  # majalla's
    ('[pictures]\nportrait_widths = [96, 192, 288]\nportrait_sizes = "6rem"\n', [96, 192, 288], "6rem")])
def test_a_theme_sets_the_widths_of_the_authors_photos(tmp_path, toml, wanted, sizes):
    """issue 21: the widths of an author's photo are the theme's (theme.toml [pictures] portrait_widths and
    portrait_sizes): another theme changes the files made and the srcset of the author's page, in both languages."""
    from tests.test_authors import portrait

    site = site_with_theme(tmp_path, toml)
    write_site(site, """
-- authors/salma.toml --
name = { ar = "سلمى العلوي", fr = "Salma El Alaoui" }
photo = "salma.jpg"
-- content/fr/2024/05/s1.md --
---
title: Une nouvelle
date: 2024-05-01
author: Salma El Alaoui
---
Texte.
""")
    text = (site / "content/ar/2024/05/s1.md").read_text(encoding="utf-8")
    (site / "content/ar/2024/05/s1.md").write_text(text.replace("title:", "author: سلمى العلوي\ntitle:", 1),
                                                   encoding="utf-8")
    portrait(site / "authors/salma.jpg", (500, 600))
    run(site)
    made = sorted({int(m.group(1)) for p in (site / "output/authors").iterdir()
                   if (m := re.match(r"salma-portrait-(\d+)w\.", p.name))})
    assert made == wanted
    for page in ("ar/authors/سلمى-العلوي/index.html", "fr/authors/salma-el-alaoui/index.html"):
        img = re.search(r'<picture class="author-photo">.*?<img ([^>]*)>', read(site, page), re.S).group(1)
        srcset = re.search(r'srcset="([^"]*)"', img).group(1)
        assert [int(w) for w in re.findall(r" (\d+)w", srcset)] == wanted
        assert f'sizes="{sizes}"' in img
