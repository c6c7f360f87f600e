"""Installing majalla as a user does, without the network: the wheel built from this checkout, in a fresh
virtual environment, with its dependencies taken from the ones this Python already has.

    wheel = build_wheel(REPO_ROOT, tmp / "dist")
    venv = fresh_venv(tmp / "venv", wheel, wheelhouse(wheel, tmp / "wheelhouse"))
    subprocess.run([venv / "bin" / "majalla", ...])

`wheelhouse` packs each installed distribution that the wheel needs (its Requires-Dist, followed through
their own, extras included) back into a wheel, from the files its RECORD lists; pip then installs the
wheel with `--no-index --find-links` that folder. So the venv gets what majalla declares, and nothing
else: an undeclared dependency is missing there as it would be on a user's machine."""
from __future__ import annotations

import importlib.metadata
import re
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name


def copy_checkout(repo: Path, into: Path) -> Path:
    """The files git would commit (tracked, or new and not ignored), copied: the build writes build/ and
    *.egg-info/ beside its sources, and must not do it in the checkout."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=repo,
                            capture_output=True, check=True).stdout.decode("utf-8").split("\0")
    for name in filter(None, listed):
        source = repo / name
        if source.is_file():  # a tracked file deleted in the work tree is not there to copy
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)
    return into


def run(*command: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, f"{' '.join(command)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"


def build_wheel(repo: Path, dist: Path) -> Path:
    """majalla's wheel, built from a copy of the checkout with this Python's setuptools (a test extra)."""
    source = copy_checkout(repo, dist.parent / "source")
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
        "--wheel-dir", str(dist), str(source))
    return next(dist.glob("majalla-*.whl"))


def requirements(metadata, extras: frozenset[str] = frozenset()) -> list[Requirement]:
    """The requirements in a distribution's metadata that apply on this machine with these extras."""
    found = []
    for line in metadata.get_all("Requires-Dist") or []:
        requirement = Requirement(line)
        if requirement.marker is None or any(requirement.marker.evaluate({"extra": e}) for e in extras | {""}):
            found.append(requirement)
    return found


def closure(wheel: Path) -> list[importlib.metadata.Distribution]:
    """The installed distributions the wheel needs, directly or through one another."""
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        pending = requirements(Parser().parsestr(archive.read(name).decode("utf-8")))
    seen: dict[str, importlib.metadata.Distribution] = {}
    while pending:
        requirement = pending.pop()
        if canonicalize_name(requirement.name) in seen:
            continue
        try:
            dist = importlib.metadata.distribution(requirement.name)
        except importlib.metadata.PackageNotFoundError:
            raise AssertionError(f"majalla needs {requirement}, which this Python does not have: "
                                 "install the test extras (the README's quick start)") from None
        seen[canonicalize_name(requirement.name)] = dist
        pending.extend(requirements(dist.metadata, frozenset(requirement.extras)))
    return sorted(seen.values(), key=lambda d: canonicalize_name(d.metadata["Name"]))


def wheel_name(dist: importlib.metadata.Distribution) -> str:
    """`name-version-tags.whl`, the tags those of the wheel it was installed from (its dist-info's WHEEL)."""
    tags = [line.split(":", 1)[1].strip().split("-") for line in (dist.read_text("WHEEL") or "").splitlines()
            if line.startswith("Tag:")] or [["py3", "none", "any"]]
    compressed = "-".join(".".join(sorted({tag[i] for tag in tags})) for i in range(3))
    return f"{re.sub(r'[-_.]+', '_', dist.metadata['Name']).lower()}-{dist.version}-{compressed}.whl"


def repack(dist: importlib.metadata.Distribution, into: Path) -> Path:
    """A wheel of an installed distribution: the files its RECORD lists below site-packages (scripts in
    bin/ are left out: pip writes them again from entry_points.txt), compiled files left out."""
    if dist.files is None:
        raise AssertionError(f"{dist.metadata['Name']} was installed without a RECORD; reinstall it with pip")
    path = into / wheel_name(dist)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for file in dist.files:
            if file.parts[0] != ".." and "__pycache__" not in file.parts and Path(file.locate()).is_file():
                archive.write(file.locate(), file.as_posix())
    return path


def wheelhouse(wheel: Path, folder: Path) -> Path:
    """A folder of wheels of every distribution the wheel needs, made from the installed ones."""
    folder.mkdir(parents=True, exist_ok=True)
    for dist in closure(wheel):
        repack(dist, folder)
    return folder


def fresh_venv(folder: Path, wheel: Path, wheels: Path) -> Path:
    """A virtual environment without system site packages, with the wheel and its dependencies installed
    by pip from `wheels` only (this Python's pip, pointed at the venv's interpreter)."""
    run(sys.executable, "-m", "venv", "--without-pip", str(folder))
    run(sys.executable, "-m", "pip", "--python", str(folder / "bin" / "python"), "install", "--quiet",
        "--no-index", "--find-links", str(wheels), str(wheel))
    return folder
