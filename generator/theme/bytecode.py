"""Compiled templates kept in .cache/templates/, signed: Jinja's bytecode is code (marshal), and a .cache/
restored from elsewhere must never run any of it.

Each file carries an HMAC-SHA256 of its template's name and its bytes, made with a key that no file of the
site holds: a digest of this boot of this machine (Linux's boot id) and of the user. Files made anywhere
else (another machine, a CI run, before a reboot, or forged) fail the check and are compiled again from the
template; where the system gives no boot id, nothing is cached (compiling the theme takes about 0.1 s)."""
from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

import jinja2

BOOT_ID = Path("/proc/sys/kernel/random/boot_id")
MAC = hashlib.sha256().digest_size


def machine_key() -> bytes | None:
    try:
        boot = BOOT_ID.read_bytes().strip()
    except OSError:
        return None
    return hashlib.sha256(b"majalla templates\0" + boot + b"\0" + str(os.getuid()).encode()).digest() if boot else None


class SignedBytecodeCache(jinja2.BytecodeCache):
    def __init__(self, folder: Path, key: bytes):
        self.folder, self.key = folder, key

    def path(self, bucket: jinja2.bccache.Bucket) -> Path:
        return self.folder / f"{bucket.key}.jbc"

    def mac(self, bucket, data: bytes) -> bytes:
        return hmac.new(self.key, bucket.key.encode() + b"\0" + data, hashlib.sha256).digest()

    def load_bytecode(self, bucket) -> None:
        try:
            signed = self.path(bucket).read_bytes()
        except OSError:
            return
        mac, data = signed[:MAC], signed[MAC:]
        if len(mac) == MAC and hmac.compare_digest(mac, self.mac(bucket, data)):
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket) -> None:
        data = bucket.bytecode_to_string()
        path = self.path(bucket)
        temp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            temp.write_bytes(self.mac(bucket, data) + data)
            os.replace(temp, path)
        except OSError:
            temp.unlink(missing_ok=True)  # a read-only or full .cache: the template is compiled next time too

    def clear(self) -> None:
        for path in self.folder.glob("*.jbc"):
            path.unlink(missing_ok=True)


def bytecode_cache(folder: Path | None) -> jinja2.BytecodeCache | None:
    key = machine_key() if folder is not None else None
    return SignedBytecodeCache(folder, key) if key else None
