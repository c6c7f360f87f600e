"""Pictures: responsive variants, thumbnails, social cards, metadata stripped, cached, errors at their line."""
from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest
from PIL import Image

from generator.errors import BuildError
from tests.sites import article, files, read, run, write_site

PAGE = "ar/2024/06/a/index.html"
FOLDER = "ar/2024/06/a"


def photo(path: Path, size=(2000, 1000), fmt="JPEG", orientation=None, gps=True) -> Path:
    """A gradient picture (so encoders have work), with a camera's EXIF: maker, GPS position, orientation."""
    w, h = size
    im = Image.linear_gradient("L").resize(size).convert("RGB")
    im.paste((200, 30, 30), (0, 0, w // 2, h))  # left half red, right half grey: orientation can be seen
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x8825] = {1: "N", 2: (33.0, 35.0, 0.0), 3: "W", 4: (7.0, 36.0, 0.0)}
    path.parent.mkdir(parents=True, exist_ok=True)
    im.save(path, fmt, exif=exif, **({"comment": b"taken at home"} if fmt == "JPEG" else {}))
    return path


def pictures_site(tmp_path, body="نص.\n\n![قاعة المؤتمر](inline.png)\n", cover=(1000, 500), **keys) -> Path:
    keys = {"image": "cover.jpg", "image_alt": "صورة", **keys}
    site = write_site(tmp_path, f"""
-- content/ar/2024/06/a.md --
{article("أ", body=body, **keys)}
""")
    photo(site / "content/ar/2024/06/cover.jpg", cover)
    photo(site / "content/ar/2024/06/inline.png", (700, 500), "PNG")
    return site


def size_of(path: Path) -> tuple[int, int]:
    with Image.open(path) as im:
        return im.size


def tag(html: str, element: str, **attrs) -> dict:
    for m in re.finditer(rf"<{element}\b([^>]*)>", html):
        found = dict(re.findall(r'([\w-]+)="([^"]*)"', m.group(1)))
        if all(found.get(k) == v for k, v in attrs.items()):
            return found
    return {}


def test_variants_sizes_and_markup(tmp_path):
    site = pictures_site(tmp_path, cover=(2000, 1000))
    run(site)
    out = site / "output" / FOLDER
    names = sorted(p.name for p in out.iterdir() if p.name != "index.html")
    widths = lambda stem, ext: sorted(int(m.group(1)) for n in names  # noqa: E731
                                      if (m := re.match(rf"{stem}-(\d+)w\.\w{{8}}{ext}$", n)))
    assert widths("cover", ".webp") == widths("cover", ".jpg") == [480, 960, 1600]  # the source is 2000 wide
    assert widths("inline", ".webp") == widths("inline", ".png") == [480, 700]  # never larger than the source
    assert widths("cover-card", ".webp") == [320, 640]
    assert "cover.jpg" not in names and "inline.png" not in names  # replaced by the variants
    for name in names:
        w, h = size_of(out / name)
        assert w == int(re.search(r"-(\d+)w\.", name).group(1)), name
        if name.startswith("cover-card"):
            assert h == round(w * 9 / 16)
        elif name.startswith("cover-social"):
            assert (w, h) == (1200, 630)
        elif name.startswith("cover"):
            assert h == round(w / 2)
        else:
            assert h == round(w * 500 / 700)

    page = read(site, PAGE)
    lead = tag(page, "img", fetchpriority="high")
    assert lead["width"] == "1600" and lead["height"] == "800" and "loading" not in lead
    assert lead["src"].endswith(".jpg") and lead["srcset"].count("w,") == 2 and lead["sizes"]
    assert lead["alt"] == "صورة"
    webp = tag(page, "source", type="image/webp")
    assert re.fullmatch(r"(/ar/2024/06/a/cover-\d+w\.\w{8}\.webp \d+w, ){2}/ar/2024/06/a/cover-1600w\.\w{8}\.webp 1600w",
                        webp["srcset"])
    body = tag(page, "img", alt="قاعة المؤتمر")
    assert body["loading"] == "lazy" and (body["width"], body["height"]) == ("700", "500")
    assert body["src"].endswith(".png") and "inline-480w" in body["srcset"]
    assert re.search(r'<picture><source type="image/webp" srcset="/ar/2024/06/a/inline-480w\.\w{8}\.webp 480w, ',
                     page)
    for url in re.findall(r'(?:src|srcset)="([^"]+)"', page):
        for candidate in url.split(", "):
            assert (site / "output" / candidate.split(" ")[0].lstrip("/")).is_file(), candidate

    social = tag(page, "meta", property="og:image")["content"]
    assert re.fullmatch(r"https://example\.ma/ar/2024/06/a/cover-social-1200w\.\w{8}\.jpg", social)
    assert tag(page, "meta", name="twitter:image")["content"] == social


def test_card_thumbnails_on_lists(tmp_path):
    site = pictures_site(tmp_path)
    (site / "templates").mkdir()
    (site / "templates/list.html").write_text(textwrap.dedent("""\
        {% extends "theme/list.html" %}
        {% from "partials/picture.html" import picture with context %}
        {% block main %}{% for a in articles %}{{ picture(a) }}{% endfor %}{% endblock %}
        """), encoding="utf-8")
    run(site)
    page = read(site, "ar/2024/index.html")
    thumb = tag(page, "img", loading="lazy")
    assert (thumb["width"], thumb["height"]) == ("640", "360") and "cover-card-320w" in thumb["srcset"]
    assert "fetchpriority" not in thumb


def exif_free(path: Path) -> None:
    data = path.read_bytes()
    for marker in (b"Exif", b"PhoneMaker", b"taken at home", b"http://ns.adobe.com/xap"):
        assert marker not in data, (path.name, marker)
    with Image.open(path) as im:
        assert not im.getexif() and not im.getexif().get_ifd(0x8825), path.name


def test_metadata_stripped_and_orientation_applied(tmp_path):
    site = pictures_site(tmp_path, body="[الصورة كاملة](linked.jpg)\n\n![شارع](street.jpg)\n")
    photo(site / "content/ar/2024/06/cover.jpg", (800, 400), orientation=6)  # a phone held upright
    photo(site / "content/ar/2024/06/street.jpg", (600, 300), orientation=3)
    photo(site / "content/ar/2024/06/linked.jpg", (300, 200))
    photo(site / "content/ar/2024/06/unused.webp", (300, 200), "WEBP")
    run(site)
    out = site / "output" / FOLDER
    pictures = [p for p in out.iterdir() if p.suffix in (".jpg", ".webp", ".png")]
    assert len(pictures) > 10
    for p in pictures:
        exif_free(p)
    # published under their own names (a link; a file no article uses): clean copies, full size
    assert size_of(out / "linked.jpg") == (300, 200) and size_of(out / "unused.webp") == (300, 200)
    # orientation 6: stored 800x400, shown 400x800, the red half on top
    big = next(out.glob("cover-400w.*.jpg"))
    assert size_of(big) == (400, 800)
    with Image.open(big) as im:
        top, bottom = im.getpixel((200, 100)), im.getpixel((200, 700))
    assert top[0] > 150 and top[1] < 80 and abs(bottom[0] - bottom[1]) < 30
    assert max(size_of(p)[0] for p in out.glob("cover-card-*")) == 400  # cropped from the upright picture
    with Image.open(next(out.glob("street-600w.*.jpg"))) as im:  # orientation 3: upside down, red now right
        assert im.getpixel((500, 150))[0] > 150 and im.getpixel((100, 150))[1] > 50


def test_cache_reused_and_incremental_equals_clean(tmp_path):
    site = pictures_site(tmp_path)
    first = run(site)
    assert first.images > 0
    article_file = site / "content/ar/2024/06/a.md"
    article_file.write_text(article_file.read_text(encoding="utf-8") + "\nفقرة جديدة.\n", encoding="utf-8")
    second = run(site)
    assert second.images == 0 and PAGE in second.rendered_paths  # the page is rendered, no image re-encoded
    shutil.rmtree(site / "output")
    assert run(site).images == 0  # a fresh output folder from the cache

    photo(site / "content/ar/2024/06/inline.png", (640, 480), "PNG")  # a changed body picture
    changed = run(site)
    assert changed.images > 0 and PAGE in changed.rendered_paths
    assert 'width="640" height="480"' in read(site, PAGE)
    incremental = files(site / "output")
    cache_files = set((site / ".cache/images").iterdir())
    assert not any("700w" in p for p in incremental)  # the old variants are gone from the output

    run(site, clean=True, output=tmp_path / "clean")
    assert files(tmp_path / "clean") == incremental
    assert set((site / ".cache/images").iterdir()) == cache_files  # the same files, made again


def test_builds_are_byte_identical(tmp_path):
    a = pictures_site(tmp_path / "a")
    run(a, jobs=2)
    b = pictures_site(tmp_path / "b")
    run(b, jobs=1)
    assert files(a / "output") == files(b / "output")


def test_picture_errors_and_warnings(tmp_path):
    body = "نص.\n\n![صورة](gone.jpg)\n\n![](notes.png)\n"
    site = write_site(tmp_path, f"""
-- content/ar/2024/06/a.md --
{article("أ", body=body, image="missing.jpg", image_alt="صورة")}
-- content/ar/2024/06/b.md --
{article("ب", image="text.jpg", image_alt="ب")}
-- content/ar/2024/06/c.md --
{article("ج", image="broken.jpg", image_alt="ج")}
-- content/ar/2024/06/text.jpg --
this is not a picture
-- content/ar/2024/06/notes.png --
nor this
""")
    good = photo(tmp_path / "good.jpg", (600, 400)).read_bytes()
    (site / "content/ar/2024/06/broken.jpg").write_bytes(good[: len(good) // 3])  # cut short
    with pytest.raises(BuildError) as caught:
        run(site)
    messages = [str(p) for p in caught.value.problems]
    assert any(m.startswith('content/ar/2024/06/a.md:4: image "missing.jpg" not found') for m in messages)
    assert any(m.startswith('content/ar/2024/06/a.md:9: image "gone.jpg" not found') for m in messages)
    assert any(m.startswith('content/ar/2024/06/a.md:11: image "notes.png"') and "is not an image" in m
               for m in messages)
    assert any(m.startswith('content/ar/2024/06/b.md:4: image "text.jpg"') and "is not an image" in m
               for m in messages)
    assert not (site / "output").exists()

    for name in ("a.md", "b.md", "text.jpg", "notes.png"):
        (site / "content/ar/2024/06" / name).unlink()
    with pytest.raises(BuildError) as caught:
        run(site)  # decoding fails only when the variants are made
    assert [str(p) for p in caught.value.problems][0].startswith("content/ar/2024/06/c.md:4: broken.jpg: ")

    (site / "content/ar/2024/06/broken.jpg").write_bytes(good)
    (site / "content/ar/2024/06/c.md").write_text(article("ج", image="broken.jpg", body="![](broken.jpg)"),
                                                  encoding="utf-8")
    report = run(site)
    warnings = [str(w) for w in report.warnings]
    assert any(w.startswith('content/ar/2024/06/c.md:4: warning: image "broken.jpg" has no image_alt')
               for w in warnings)
    assert any(w.startswith('content/ar/2024/06/c.md:6: warning: picture "broken.jpg" has no alt text')
               for w in warnings)


def test_absolute_and_vector_pictures(tmp_path):
    site = write_site(tmp_path, f"""
-- content/ar/2024/06/a.md --
{article("أ", image="/images/logo.jpg", image_alt="شعار", body="![رسم](chart.svg)")}
-- content/ar/2024/06/chart.svg --
<svg xmlns="http://www.w3.org/2000/svg"/>
""")
    photo(site / "static/images/logo.jpg", (500, 500))
    run(site)
    page = read(site, PAGE)
    assert re.search(r'src="/images/logo-500w\.\w{8}\.jpg"', page)
    assert '<img alt="رسم" src="chart.svg">' in page  # a vector picture needs no variants
    assert (site / f"output/{FOLDER}/chart.svg").is_file()


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims a size: enough for Pillow to open it, not to decode it."""
    chunk = lambda kind, data: (struct.pack(">I", len(data)) + kind + data  # noqa: E731
                                + struct.pack(">I", zlib.crc32(kind + data)))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", b"") + chunk(b"IEND", b"")


def test_too_large_a_picture_is_an_error(tmp_path):
    site = write_site(tmp_path, f"""
-- content/ar/2024/06/a.md --
{article("أ", image="huge.png", image_alt="أ")}
""")
    (site / "content/ar/2024/06/huge.png").write_bytes(png_header(30000, 20000))
    with pytest.raises(BuildError) as caught:
        run(site)
    assert "is 30000×20000 px (600 megapixels); the largest picture majalla takes is 120" in str(caught.value)


MEASURE = """
import resource, sys
from pathlib import Path
from generator.media import encoding, images
from generator.theme.settings import shipped
path, folder = Path(sys.argv[1]), Path(sys.argv[2])
info = images.read_info(path)
job = images.Job(path, info, sum((images.variants(info, k, shipped().pictures) for k in ("picture", "card", "social")), ()), ("x", 1))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
made, error = encoding.make(job, folder)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(made, error, (after - before) // 1024)
"""


def test_a_huge_photo_is_processed_in_bounded_memory(tmp_path):
    source = tmp_path / "huge.jpg"
    subprocess.run([sys.executable, "-c", "import sys; from PIL import Image; "
                    "Image.new('L', (12000, 8000), 128).save(sys.argv[1], quality=80)", str(source)], check=True)
    (tmp_path / "cache").mkdir()
    result = subprocess.run([sys.executable, "-c", MEASURE, str(source), str(tmp_path / "cache")],
                            capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent)
    made, error, grown_mb = result.stdout.split()
    assert error == "None" and int(made) == 11
    assert int(grown_mb) < 60  # decoded whole, it would take 96 MB; Image.draft decodes it at a quarter
    assert size_of(next((tmp_path / "cache").glob("*-1600.webp"))) == (1600, 1067)


def test_pictures_are_valid_html_and_load_in_a_browser(tmp_path):
    from tests.support import tools

    site = pictures_site(tmp_path)
    run(site)
    out = site / "output"
    assert tools.validate_html([out / PAGE, out / "ar/2024/index.html"]) == []
    with tools.browser() as b, tools.serve_directory(out) as base:
        opened = tools.open_page(b, base + PAGE, 400, 800, device_scale_factor=1)
        page = opened.page
        page.evaluate("() => Promise.all([...document.images].map(i => { i.loading = 'eager'; return i.decode(); }))")
        shown = page.evaluate("() => [...document.images].map(i => [i.currentSrc, i.naturalWidth])")
        opened.close()
    assert len(shown) == 2 and not opened.console_errors
    lead, body = shown
    assert re.search(r"/cover-480w\.\w{8}\.webp$", lead[0]) and lead[1] > 0  # a phone gets the small WebP
    assert re.search(r"/inline-480w\.\w{8}\.webp$", body[0])


def test_a_file_beside_an_article_named_like_a_picture_but_not_one(tmp_path):
    site = write_site(tmp_path, f"""
-- content/ar/2024/06/a.md --
{article("أ", body="[الملف](scan.jpg)")}
-- content/ar/2024/06/scan.jpg --
not a picture
""")
    report = run(site)
    assert (site / f"output/{FOLDER}/scan.jpg").read_text() == "not a picture\n"
    assert any(str(w).startswith("content/ar/2024/06/scan.jpg: warning: is not an image") for w in report.warnings)


def with_profile(path: Path, icc: bytes, fmt="JPEG") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.linear_gradient("L").resize((600, 300)).convert("RGB").save(path, fmt, icc_profile=icc)
    return path


def test_only_a_well_formed_colour_profile_is_kept(tmp_path):
    from PIL import ImageCms

    from generator.build.checking import check
    from generator.build.options import BuildOptions
    from tests.sites import NOW

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    cut = srgb[: len(srgb) // 2]  # its header says more bytes than it holds
    garbage = b"\x00\x00\x01\x00" + b"not a profile, a payload " * 12  # no "acsp" signature
    lying = bytearray(srgb)
    lying[128:132] = (9999).to_bytes(4, "big")  # a header that holds, a tag table LittleCMS cannot read
    site = pictures_site(tmp_path, body="![أ](good.jpg)\n\n![ب](cut.jpg)\n\n![ج](garbage.png)\n\n![د](lying.jpg)\n")
    folder = site / "content/ar/2024/06"
    with_profile(folder / "good.jpg", srgb)
    with_profile(folder / "cut.jpg", cut)
    with_profile(folder / "garbage.png", garbage, "PNG")
    with_profile(folder / "lying.jpg", bytes(lying))
    report = run(site)
    out = site / "output" / FOLDER
    for name in ("good", "cut", "garbage", "lying"):
        made = [p for p in out.glob(f"{name}-*w.*") if p.suffix in (".jpg", ".webp", ".png")]
        assert len(made) >= 2, name
        for p in made:
            with Image.open(p) as im:
                assert im.info.get("icc_profile") == (srgb if name == "good" else None), p.name
    notes = [str(w) for w in sorted(report.warnings) if w.note]
    assert [n.split(": its colour profile")[0] for n in notes] == [
        f"content/ar/2024/06/a.md:{n}: note: content/ar/2024/06/{name}" for n, name in
        ((9, "cut.jpg"), (11, "garbage.png"), (13, "lying.jpg"))]
    assert "(it is cut short: its header gives" in notes[0] and "(it has no ICC header)" in notes[1]
    assert "(LittleCMS cannot read it)" in notes[2] and all("left out" in n for n in notes)
    again = run(site)  # an unchanged site: the same notes, said again
    assert [str(w) for w in sorted(again.warnings) if w.note] == notes and not again.wrote
    problems, _ = check(BuildOptions(site=site, now=NOW))
    assert [str(p) for p in sorted(problems) if p.note] == notes
    checked = subprocess.run([sys.executable, "build.py", "check", "--strict", "--site", str(site)],
                             cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0, checked.stdout + checked.stderr  # a note fails nothing, not even --strict
    assert checked.stdout.count(": note: ") == 3 and "0 warnings, 3 notes" in checked.stdout
