"""The files of the pictures made, with Pillow: each source decoded once, at the smallest scale its variants allow,
turned upright, cut and resized to each variant, encoded without metadata but its colour profile, and written
atomically; in worker processes when there are several. What to make is decided in images."""
from __future__ import annotations

import math
import os
from pathlib import Path

from PIL import Image, ImageOps

from ..workers import workers
from .images import CLEAN_QUALITY, QUALITY, ROTATED, WEBP_METHOD, Job, Variant

def make(job: Job, folder: Path) -> tuple[int, str | None]:
    """(files made, error message) for one source: decoded once, at the smallest scale its variants allow."""
    todo = [v for v in job.variants if not (folder / v.name).is_file()]
    if not todo:
        return 0, None
    info = job.info
    try:
        with Image.open(job.path) as im:
            if all(v.kind != "clean" for v in todo):
                scale = max(v.width / (v.box[2] - v.box[0]) for v in todo)
                need = (math.ceil(info.width * scale), math.ceil(info.height * scale))
                im.draft(None, need[::-1] if info.orientation in ROTATED else need)
            gifs = [v for v in todo if v.format == "gif"]
            if gifs:
                make_gif(im, gifs, folder)
                im.seek(0)
            if len(gifs) == len(todo):
                return len(todo), None
            upright = ImageOps.exif_transpose(im)
            icc = upright.info.get("icc_profile") if upright.mode != "CMYK" and not info.profile else None
            if upright.mode not in ("RGB", "RGBA", "L", "LA"):
                upright = upright.convert("RGBA" if info.alpha else "RGB")
            factor = upright.width / info.width
            for v in todo:
                if v.format == "gif":
                    continue
                box = tuple(c * factor for c in v.box)
                if (v.width, v.height) == upright.size and box == (0, 0, *upright.size):
                    out = upright.copy()
                else:
                    out = upright.resize((v.width, v.height), Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)
                save(out, v, folder / v.name, icc)
    except Exception as exc:  # noqa: BLE001 - whatever a damaged file makes Pillow raise is the writer's to fix
        return 0, f"cannot be read as an image: {exc or type(exc).__name__}"
    return len(todo), None


def save(im: Image.Image, v: Variant, target: Path, icc: bytes | None) -> None:
    """Encode without any metadata but the colour profile; written atomically (workers run side by side)."""
    im.info = {}
    if v.format == "jpeg" and im.mode not in ("RGB", "L"):
        im = im.convert("RGB")
    options: dict = {"exif": b""}
    if icc:
        options["icc_profile"] = icc
    quality = (CLEAN_QUALITY if v.kind == "clean" else QUALITY).get(v.format)
    if v.format == "jpeg":
        options.update(quality=quality, optimize=True, progressive=True)
    elif v.format == "webp":
        options.update(quality=quality, method=WEBP_METHOD)
    elif v.format == "png":
        options.pop("exif")
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    im.save(tmp, format=v.format.upper(), **options)
    os.replace(tmp, target)


def make_gif(im: Image.Image, todo: list[Variant], folder: Path) -> None:
    """A GIF published under its own name: every frame kept, comments and extensions dropped."""
    frames = getattr(im, "n_frames", 1)
    for v in todo:
        im.seek(0)
        first = im.copy()
        first.info = {k: im.info[k] for k in ("duration", "loop", "transparency") if k in im.info}
        rest = []
        for n in range(1, frames):
            im.seek(n)
            rest.append(im.copy())
        tmp = folder / f".{v.name}.tmp-{os.getpid()}"
        first.save(tmp, format="GIF", save_all=frames > 1, append_images=rest)
        os.replace(tmp, folder / v.name)


def make_all(jobs: list[Job], folder: Path, processes: int, progress=None) -> tuple[int, list[tuple[Job, str]]]:
    """Run the jobs, in parallel when there are several: (files made, [(job, error)])."""
    made, failures = 0, []
    work = [(job, folder) for job in jobs]
    if processes > 1 and len(jobs) > 1:
        with workers(min(processes, len(jobs))) as pool:
            results = pool.imap(make_one, work, chunksize=1)
            made, failures = gather(jobs, results, progress)
    else:
        made, failures = gather(jobs, map(make_one, work), progress)
    return made, failures


def make_one(work) -> tuple[int, str | None]:
    return make(*work)


def gather(jobs, results, progress) -> tuple[int, list]:
    made, failures = 0, []
    for n, (job, (count, error)) in enumerate(zip(jobs, results), 1):
        made += count
        if error:
            failures.append((job, error))
        if progress and (n % 20 == 0 or n == len(jobs)):
            progress("images", n, len(jobs))
    return made, failures
