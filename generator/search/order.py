"""Make Pagefind's index byte-identical from one build to the next.

Pagefind (1.5) writes its word index and fragments deterministically, but the filter files, the filter
list of each language's metadata file and the languages of pagefind-entry.json come out in hash-map
order, so two builds of the same site differ (upstream: Pagefind/pagefind#638). This sorts them and
renames the rewritten files after their new content, the way Pagefind names them.

The files are gzip-compressed "pagefind_dcd" + CBOR, read and written with cbor2; any file that cbor2 does not
write back byte for byte as it read it is left as Pagefind wrote it (the index still works, it is then only not
reproducible)."""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"


class Unknown(Exception):
    """A file in a shape this module does not know: leave the index alone."""


# ---- Pagefind's files ---------------------------------------------------------------------------------
def load(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise Unknown(f"{path.name}: no signature")
    payload = data[len(SIGNATURE):]
    try:
        value = cbor2.loads(payload)
    except cbor2.CBORDecodeError as exc:
        raise Unknown(f"{path.name}: {exc}") from None
    if cbor2.dumps(value) != payload:
        raise Unknown(f"{path.name}: does not round-trip")
    return value


def dump(value) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)


def renamed(old: str, data: bytes, digits: int) -> str:
    """Pagefind's naming: "<lang>_<hex digest>", the language kept, the digest of the new content."""
    lang = old.rpartition("_")[0]
    return f"{lang}_{hashlib.sha256(data).hexdigest()[:digits]}"


def stabilize(bundle: Path) -> bool:
    """Sort the index's hash-map-ordered parts in `bundle` (the pagefind/ folder). False when the files
    are not in the shape this knows (then nothing was changed)."""
    entry_path = bundle / "pagefind-entry.json"
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        plans = [plan_language(bundle, entry["languages"][lang]["hash"]) for lang in sorted(entry["languages"])]
    except (Unknown, OSError, KeyError, ValueError, TypeError, IndexError, EOFError):
        return False
    for (_, info), plan in zip(sorted(entry["languages"].items()), plans):
        info["hash"] = apply(bundle, plan)
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return True


def plan_language(bundle: Path, old_hash: str) -> tuple:
    """Read (never write) what one language's files become: checked whole before anything is changed."""
    meta_path = bundle / f"pagefind.{old_hash}.pf_meta"
    meta = load(meta_path)
    if not (isinstance(meta, list) and len(meta) > 3 and isinstance(meta[3], list)):
        raise Unknown("metadata layout")
    filters = []
    for name, file_hash in meta[3]:
        path = bundle / "filter" / f"{file_hash}.pf_filter"
        content = load(path)
        if not (isinstance(content, list) and len(content) == 2 and isinstance(content[1], list)):
            raise Unknown("filter layout")
        content[1] = sorted(content[1], key=lambda pair: pair[0])
        data = dump(content)
        filters.append((name, file_hash, renamed(file_hash, data, len(file_hash.rpartition("_")[2])), data))
    return meta_path, old_hash, meta, filters


def apply(bundle: Path, plan: tuple) -> str:
    meta_path, old_hash, meta, filters = plan
    for name, old, new, data in filters:
        (bundle / "filter" / f"{old}.pf_filter").unlink()
        (bundle / "filter" / f"{new}.pf_filter").write_bytes(data)
    meta[3] = sorted([[name, new] for name, _, new, _ in filters], key=lambda pair: pair[0])
    data = dump(meta)
    new_hash = renamed(old_hash, data, len(old_hash.rpartition("_")[2]))
    meta_path.unlink()
    (bundle / f"pagefind.{new_hash}.pf_meta").write_bytes(data)
    return new_hash
