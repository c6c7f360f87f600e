"""The Decap CMS files majalla ships: pinned to one npm release, checked file by file, fetched again by a script.

The editor is Decap CMS (npm `decap-cms`), served as files from the package, never from a CDN. Only its
`dist/` is kept, and of that only what the browser loads: `decap-cms.js`, the chunks it loads lazily from
beside itself (`<n>.decap-cms.js`), its two WebAssembly files and the licences of what it bundles. Left out:
source maps (`*.map`), the legacy duplicates (`cms.js`, `<n>.cms.js`, `cms.js.LICENSE.txt`) and the empty
`cms.css`.

`decap/MANIFEST.json` records the release (name, version, the tarball's npm integrity) and the SHA-256 of
every file shipped; `verify()` compares the folder with it and the manifest with the pin below (a test runs
it, and the wheel's test runs it installed). To move to another release, change VERSION and INTEGRITY (from
`npm view decap-cms@X dist.integrity`) and run

    python -m generator.editor.vendor            # npm pack decap-cms@VERSION, checked, unpacked into decap/
    python -m generator.editor.vendor --tarball decap-cms-3.16.3.tgz   # the same from a tarball at hand
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "decap-cms"
VERSION = "3.16.3"
INTEGRITY = "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw=="
FOLDER = Path(__file__).resolve().parent / "decap"
MANIFEST = "MANIFEST.json"
OURS = (MANIFEST, "LICENSE")  # written by us, not unpacked: Decap's MIT licence (its tarball has none)
SCRIPT = "decap-cms.js"  # what the editor's page loads; the rest it loads from beside it
SHIPPED = re.compile(r"^package/dist/(decap-cms\.js|\d+\.decap-cms\.js|[0-9a-f]+\.wasm|decap-cms\.js\.LICENSE\.txt)$")


def integrity(data: bytes) -> str:
    """npm's integrity string of a tarball (Subresource Integrity, SHA-512)."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest(folder: Path = FOLDER) -> dict:
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))


def files(folder: Path = FOLDER) -> tuple[str, ...]:
    """The names of the vendored Decap files (the manifest's), sorted."""
    return tuple(sorted(manifest(folder)["files"]))


def verify(folder: Path = FOLDER) -> list[str]:
    """Every way the folder differs from the pin: [] when it holds exactly the pinned release's files."""
    try:
        pinned = manifest(folder)
    except (OSError, ValueError) as exc:
        return [f"{folder / MANIFEST}: cannot be read ({exc}); run python -m generator.editor.vendor"]
    problems = []
    for key, want in (("package", PACKAGE), ("version", VERSION), ("integrity", INTEGRITY)):
        if pinned.get(key) != want:
            problems.append(f"{MANIFEST}: {key} is {pinned.get(key)!r}, the pin is {want!r}; "
                            f"run python -m generator.editor.vendor")
    listed = pinned.get("files", {})
    if SCRIPT not in listed:
        problems.append(f"{MANIFEST}: {SCRIPT} is not listed")
    for name, digest in sorted(listed.items()):
        path = folder / name
        if not path.is_file():
            problems.append(f"{name}: missing")
        elif sha256(path.read_bytes()) != digest:
            problems.append(f"{name}: not the file of {PACKAGE} {VERSION} (its SHA-256 differs)")
    for path in sorted(folder.iterdir()):
        if path.name not in listed and path.name not in OURS:
            problems.append(f"{path.name}: not a file of {PACKAGE} {VERSION}; remove it")
    return problems


def unpack(tarball: bytes, folder: Path = FOLDER) -> dict:
    """Check `tarball` against the pin and put its shipped files into `folder`, with their manifest."""
    found = integrity(tarball)
    if found != INTEGRITY:
        raise SystemExit(f"the tarball's integrity is {found}, not the pinned {INTEGRITY}: "
                         f"not {PACKAGE} {VERSION} as npm published it")
    members = {}
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as tar:
        for member in tar.getmembers():
            match = SHIPPED.match(member.name)
            if match and member.isfile():
                members[match.group(1)] = tar.extractfile(member).read()
    if SCRIPT not in members:
        raise SystemExit(f"the tarball has no package/dist/{SCRIPT}")
    folder.mkdir(parents=True, exist_ok=True)
    for path in folder.iterdir():
        if path.name not in OURS:
            path.unlink()
    for name, data in members.items():
        (folder / name).write_bytes(data)
    pinned = {"package": PACKAGE, "version": VERSION, "integrity": INTEGRITY,
              "files": {name: sha256(data) for name, data in sorted(members.items())}}
    (folder / MANIFEST).write_text(json.dumps(pinned, indent=1) + "\n", encoding="utf-8")
    return pinned


def npm_pack() -> bytes:
    """The pinned release's tarball, as npm itself fetches it."""
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm is not installed: install Node.js, or give --tarball FILE")
    with tempfile.TemporaryDirectory(prefix="majalla-decap-") as tmp:
        subprocess.run([npm, "pack", f"{PACKAGE}@{VERSION}", "--pack-destination", tmp, "--silent"], check=True,
                       stdout=subprocess.DEVNULL)
        return next(Path(tmp).glob("*.tgz")).read_bytes()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.editor.vendor", description=__doc__.split("\n")[0])
    parser.add_argument("--tarball", type=Path, help=f"use this {PACKAGE}-{VERSION}.tgz instead of running npm pack")
    args = parser.parse_args(argv)
    pinned = unpack(args.tarball.read_bytes() if args.tarball else npm_pack())
    size = sum((FOLDER / name).stat().st_size for name in pinned["files"])
    print(f"{PACKAGE} {VERSION}: {len(pinned['files'])} files, {size / 1e6:.2f} MB in {FOLDER}")
    problems = verify()
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
