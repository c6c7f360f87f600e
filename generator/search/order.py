"""Make Pagefind's index byte-identical from one build to the next.

Pagefind (1.5) writes its word index and fragments deterministically, but the filter files, the filter
list of each language's metadata file and the languages of pagefind-entry.json come out in hash-map
order, so two builds of the same site differ (upstream: Pagefind/pagefind#638). This sorts them and
renames the rewritten files after their new content, the way Pagefind names them.

The files are gzip-compressed "pagefind_dcd" + CBOR. Only the small subset of CBOR Pagefind uses is
read; any file that does not round-trip exactly is left as Pagefind wrote it (the index still works,
it is then only not reproducible)."""
from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


class Unknown(Exception):
    """A file in a shape this module does not know: leave the index alone."""


# ---- a minimal CBOR (RFC 8949): unsigned ints, text, bytes, arrays, maps, simple values ---------------
def decode(data: bytes):
    value, end = read(data, 0)
    if end != len(data):
        raise Unknown("trailing bytes")
    return value


def read(data: bytes, at: int):
    if at >= len(data):
        raise Unknown("truncated")
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        arg = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        arg = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise Unknown("indefinite length")
    if major == 0:
        return arg, at
    if major == 1:
        return -1 - arg, at
    if major in (2, 3):
        chunk = data[at:at + arg]
        return (chunk if major == 2 else chunk.decode("utf-8")), at + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, at = read(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = []
        for _ in range(arg):
            key, at = read(data, at)
            value, at = read(data, at)
            pairs.append((key, value))
        return Map(pairs), at
    if major == 7 and info in (20, 21, 22):
        return {20: False, 21: True, 22: None}[info], at
    raise Unknown(f"CBOR type {major}/{info}")


class Map(list):
    """A CBOR map, kept as its list of pairs so its order survives a round trip."""


def encode(value) -> bytes:
    if value is True or value is False or value is None:
        return bytes([0xF4 + (value is True) if value is not None else 0xF6])
    if isinstance(value, int):
        return head(0, value) if value >= 0 else head(1, -1 - value)
    if isinstance(value, bytes):
        return head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return head(3, len(raw)) + raw
    if isinstance(value, Map):
        return head(5, len(value)) + b"".join(encode(k) + encode(v) for k, v in value)
    if isinstance(value, list):
        return head(4, len(value)) + b"".join(encode(v) for v in value)
    raise Unknown(f"cannot encode {type(value).__name__}")


def head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if arg < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, arg)
    raise Unknown("integer too large")


# ---- Pagefind's files ---------------------------------------------------------------------------------
def load(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise Unknown(f"{path.name}: no signature")
    payload = data[len(SIGNATURE):]
    value = decode(payload)
    if encode(value) != payload:
        raise Unknown(f"{path.name}: does not round-trip")
    return value


def dump(value) -> bytes:
    return gzip.compress(SIGNATURE + encode(value), compresslevel=9, mtime=0)


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
