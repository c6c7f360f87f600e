"""Pictures for the web: what to make of each (responsive variants, card thumbnails, social cards and clean
copies), from what is read of its file; the files are made in encoding.

Every file made is cached in .cache/images/ under a name that is the digest of its source's bytes and
of the settings (the theme's widths and card ratio, the encoders' below): `<digest>-<width>.<ext>`, so a
rebuild encodes only what changed. Every file made is turned upright first (EXIF orientation) and carries no
metadata but its colour profile, when well-formed: no EXIF, no GPS position, no XMP, no comment. A JPEG is
decoded at a reduced scale when the largest variant allows it (Image.draft), so a 12,000 px photo costs a few tens of megabytes, not hundreds."""
from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import PIL
from PIL import Image, ImageCms, UnidentifiedImageError

from ..theme.settings import PictureSizes

FOLDER = "images"  # below .cache/
MANIFEST = "sources.json"  # what is known of each source file, by its size and modification time
SOCIAL_SIZE = (1200, 630)  # the Open Graph / Twitter card, cropped from the lead picture
QUALITY = {"webp": 80, "jpeg": 82}
WEBP_METHOD = 4  # libwebp effort, 0-6: 4 is its default
CLEAN_QUALITY = {"webp": 90, "jpeg": 90}  # image files published under their own name, at full size
# The largest source accepted: 120 megapixels (a 12,000 x 10,000 photo). Pillow's own guard against
# decompression bombs is set to the same value, so a legitimate large photo never trips it.
MAX_PIXELS = 120_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
MAX_FRAMES = 1000  # of an animated picture (GIF, WebP, PNG): every frame is decoded and written again
RASTER = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff", ".bmp")  # published only once cleaned
PASS_THROUGH = (".svg",)  # vector pictures: published as they are, no variants
EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp", "gif": "gif"}
MIME = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp", "gif": "image/gif"}
ROTATED = (5, 6, 7, 8)  # EXIF orientations that swap width and height


class ImageError(Exception):
    """A source that cannot be published: the message completes "<file> ..."."""


@dataclass(frozen=True)
class Info:
    """A source picture as probed: its bytes' digest, its upright size, its format."""

    digest: str
    width: int
    height: int
    format: str  # Pillow's name: JPEG, PNG, WEBP, GIF...
    alpha: bool
    orientation: int
    profile: str  # why its colour profile (ICC) is left out, "" when it has none or a well-formed one


@dataclass(frozen=True)
class Variant:
    """One file to make from a source: `box` is the part of the (upright) source it shows."""

    name: str  # its file name in the cache: "<digest>-<width>.<ext>"
    kind: str  # "picture" | "card" | "social" | "clean"
    width: int
    height: int
    box: tuple[float, float, float, float]
    format: str  # "webp" | "jpeg" | "png" | "gif"

    @property
    def ext(self) -> str:
        return EXTENSIONS[self.format]

    @property
    def mime(self) -> str:
        return MIME[self.format]


@dataclass(frozen=True)
class Job:
    """The variants of one source that the cache does not hold yet."""

    path: Path
    info: Info
    variants: tuple[Variant, ...]
    where: tuple[str, int]  # the first reference to it, for errors


# ---- what to make ---------------------------------------------------------------------------------
def fallback_format(info: Info) -> str:
    """The format of the <img> fallback: the source's own, else JPEG (or PNG for transparency)."""
    own = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp"}.get(info.format)
    return own or ("png" if info.alpha else "jpeg")


def widths(available: float, wanted: tuple[int, ...]) -> tuple[int, ...]:
    """The wanted widths below the source's, then the largest wanted one or the source's own: never upscaled."""
    largest = min(max(wanted), int(available))
    return tuple(w for w in wanted if w < largest) + (max(1, largest),)


def crop(info: Info, ratio: tuple[int, int]) -> tuple[float, float, float, float]:
    """The largest centred box of the given aspect ratio."""
    w, h = info.width, info.height
    if w * ratio[1] > h * ratio[0]:
        cw = h * ratio[0] / ratio[1]
        return ((w - cw) / 2, 0.0, (w + cw) / 2, float(h))
    ch = w * ratio[1] / ratio[0]
    return (0.0, (h - ch) / 2, float(w), (h + ch) / 2)


@functools.cache
def settings(sizes: PictureSizes) -> str:
    """All that the files made of a picture depend on besides its bytes (their names say it)."""
    return json.dumps([PIL.__version__, sizes.widths, sizes.card_widths, sizes.card_ratio, SOCIAL_SIZE, QUALITY,
                       CLEAN_QUALITY, WEBP_METHOD, 1])


def key(info: Info, kind: str, sizes: PictureSizes) -> str:
    dropped = "|no-profile" if info.profile else ""  # made without the malformed profile: never a file made with it
    return hashlib.sha256(f"{info.digest}|{kind}|{settings(sizes)}{dropped}".encode()).hexdigest()[:20]


def variants(info: Info, kind: str, sizes: PictureSizes) -> tuple[Variant, ...]:
    """The files of one kind of use: "picture" (lead and body), "card", "social", "portrait" (an author's photo,
    square) or "clean"; the widths and the card ratio are the theme's (theme.toml)."""
    k = key(info, kind, sizes)
    full = (0.0, 0.0, float(info.width), float(info.height))
    if kind == "clean":
        fmt = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}.get(info.format, "png")
        return (Variant(f"{k}-{info.width}.{EXTENSIONS[fmt]}", kind, info.width, info.height, full, fmt),)
    if kind == "social":
        box = crop(info, SOCIAL_SIZE)
        w = min(SOCIAL_SIZE[0], int(box[2] - box[0]))
        h = max(1, round(w * SOCIAL_SIZE[1] / SOCIAL_SIZE[0]))
        return (Variant(f"{k}-{w}.jpg", kind, w, h, box, "jpeg"),)
    box = crop(info, sizes.card_ratio) if kind == "card" else crop(info, (1, 1)) if kind == "portrait" else full
    bw, bh = box[2] - box[0], box[3] - box[1]
    fallback = fallback_format(info)
    made = []
    wanted = {"card": sizes.card_widths, "portrait": sizes.portrait_widths}.get(kind, sizes.widths)
    for fmt in dict.fromkeys(("webp", fallback)):
        for w in widths(bw, wanted):
            made.append(Variant(f"{k}-{w}.{EXTENSIONS[fmt]}", kind, w, max(1, round(w * bh / bw)), box, fmt))
    return tuple(made)


# ---- the cache folder -----------------------------------------------------------------------------
class Store:
    """.cache/images/: the files made, and a manifest of probed sources (so unchanged ones are not re-read)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            self.known = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            if not isinstance(self.known, dict):
                self.known = {}
        except (OSError, ValueError):
            self.known = {}
        self.seen: dict = {}

    def path(self, name: str) -> Path:
        return self.folder / name

    def has(self, name: str) -> bool:
        return (self.folder / name).is_file()

    def probe(self, path: Path, source: str) -> Info:
        """The source's digest, upright size and format; raises ImageError for a file Pillow cannot use."""
        st = path.stat()
        stamp = [st.st_size, st.st_mtime_ns]
        entry = self.known.get(source)
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == stamp:
            try:
                info = Info(**entry[1])
                self.seen[source] = entry
                return info
            except TypeError:
                pass
        info = read_info(path)
        self.seen[source] = [stamp, info.__dict__]
        return info

    def keep(self, names: set[str]) -> None:
        """Forget what this build did not use: files made for other pictures, sources gone."""
        for entry in os.scandir(self.folder):
            if entry.name != MANIFEST and entry.name not in names:
                try:
                    os.remove(entry.path)
                except OSError:
                    pass
        write_atomic(self.folder / MANIFEST, json.dumps(self.seen, sort_keys=True).encode())

    @staticmethod
    def clear(folder: Path) -> None:
        if folder.is_dir():
            for entry in os.scandir(folder):
                if entry.is_file():
                    os.remove(entry.path)


def read_info(path: Path) -> Info:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                w, h = im.size
                orientation = im.getexif().get(0x0112, 1)
                alpha = im.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in im.info
                fmt = im.format or ""
                frames = getattr(im, "n_frames", 1)  # counted by skipping through the file, not decoding
                profile = profile_problem(im.info.get("icc_profile")) if im.mode != "CMYK" else ""
    except UnidentifiedImageError:
        raise ImageError("is not an image (Pillow cannot read it as JPEG, PNG, WebP, GIF…)") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageError(too_large(*size_of(path))) from None
    except Exception as exc:  # noqa: BLE001 - a damaged header is the writer's to fix, not a traceback
        raise ImageError(f"cannot be read as an image: {exc or type(exc).__name__}") from None
    if w * h > MAX_PIXELS:
        raise ImageError(too_large(w, h))
    if frames > MAX_FRAMES or frames * w * h > MAX_PIXELS:
        raise ImageError(f"has {frames} frames of {w}×{h} px ({frames * w * h / 1e6:.0f} megapixels in all); "
                         f"majalla takes at most {MAX_FRAMES} frames and {MAX_PIXELS // 1_000_000} megapixels in "
                         "all: make it shorter or smaller")
    if orientation not in range(1, 9):
        orientation = 1
    if orientation in ROTATED:
        w, h = h, w
    return Info(digest.hexdigest(), w, h, fmt, alpha, orientation, profile)


ICC_HEADER = 128  # bytes: the size, the version, the class, the colour space... then the tag table
ICC_SIGNATURE = b"acsp"  # at bytes 36-39 of every ICC profile


def profile_problem(icc: bytes | None) -> str:
    """Why an embedded colour profile is not kept ("" when there is none, or it is well-formed): its header
    (size, signature) is checked, then LittleCMS (Pillow's ImageCms) must read it whole. A malformed profile
    copied into every variant would make browsers show the colours wrong, or not at all."""
    if not icc:
        return ""
    if len(icc) < ICC_HEADER + 4 or icc[36:40] != ICC_SIGNATURE:
        return "it has no ICC header"
    if int.from_bytes(icc[:4], "big") > len(icc):
        return f"it is cut short: its header gives {int.from_bytes(icc[:4], 'big')} bytes, the picture holds {len(icc)}"
    try:
        ImageCms.ImageCmsProfile(io.BytesIO(icc))
    except (OSError, ValueError, TypeError, ImageCms.PyCMSError):
        return "LittleCMS cannot read it"
    return ""


def size_of(path: Path) -> tuple[int, int]:
    saved, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
    try:
        with Image.open(path) as im:
            return im.size
    finally:
        Image.MAX_IMAGE_PIXELS = saved


def too_large(w: int, h: int) -> str:
    return (f"is {w}×{h} px ({w * h / 1e6:.0f} megapixels); the largest picture majalla takes is "
            f"{MAX_PIXELS // 1_000_000} megapixels: make it smaller")


def write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)
