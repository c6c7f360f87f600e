"""Installs like a real Python tool: the wheel built from this checkout, in a fresh virtual environment,
runs every command in a site folder outside the checkout that holds only site.toml and content/; every
module the code imports is a declared dependency; the README's quick start is what CI runs."""
from __future__ import annotations

import ast
import fcntl
import importlib.metadata
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import tomllib
import urllib.request
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.support import install

REPO = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
# Each folder of code, and the extras its imports may come from besides the dependencies.
EXTRAS = {"generator": (), "benchmarks": ("docs",), "scripts": ("docs",), "tests": ("test",)}
LOCAL = {p.stem for p in REPO.glob("*.py")} | {p.parent.name for p in REPO.glob("*/__init__.py")} | set(EXTRAS)


# --------------------------------------------------------------------------
# Declared dependencies
# --------------------------------------------------------------------------


def local_modules(path: Path, node: ast.Import | ast.ImportFrom) -> list[Path]:
    """The files of this checkout that an import statement loads (a package's __init__.py, a module)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        package = path.relative_to(REPO).parent.parts
        base = ".".join([*package[:len(package) - node.level + 1], node.module or ""] if node.level else [node.module])
        names = [base.strip(".")] + [f"{base.strip('.')}.{alias.name}" for alias in node.names]
    found = []
    for name in names:
        stem = REPO.joinpath(*name.split("."))
        found += [p for p in (stem.with_suffix(".py"), stem / "__init__.py") if p.is_file()]
    return found


def third_party_imports(folder: str) -> dict[str, set[str]]:
    """Top-level module -> the files importing it, for the code of `folder` and the code of this checkout
    it imports (scripts/ uses tests/support/tools.py, so what that imports counts for scripts/ too)."""
    pending, seen, imported = sorted((REPO / folder).rglob("*.py")), set(), {}
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            pending += local_modules(path, node)
            tops = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for top in {name.split(".")[0] for name in tops}:
                if top and not (isinstance(node, ast.ImportFrom) and node.level) and top not in LOCAL \
                        and top not in sys.stdlib_module_names:
                    imported.setdefault(top, set()).add(str(path.relative_to(REPO)))
    return imported


def declared(extras: tuple[str, ...]) -> set[str]:
    """The distributions pyproject.toml names for these extras (and those a requirement's extras bring:
    pagefind[bin] is pagefind_bin's declared way in), as canonical names."""
    project = PYPROJECT["project"]
    wanted = [Requirement(r) for r in project["dependencies"]]
    wanted += [Requirement(r) for extra in extras for r in project["optional-dependencies"][extra]]
    names = {canonicalize_name(r.name) for r in wanted}
    for requirement in (r for r in wanted if r.extras):
        metadata = importlib.metadata.distribution(requirement.name).metadata
        names |= {canonicalize_name(r.name) for r in install.requirements(metadata, frozenset(requirement.extras))}
    return names


@pytest.mark.parametrize("folder", sorted(EXTRAS))
def test_every_imported_module_is_a_declared_dependency(folder):
    providers = importlib.metadata.packages_distributions()
    allowed = declared(EXTRAS[folder])
    undeclared = {module: sorted(files) for module, files in third_party_imports(folder).items()
                  # a module not installed here (fontTools, for a maintainer's script) is taken as its own name
                  if not {canonicalize_name(d) for d in providers.get(module, [module])} & allowed}
    assert undeclared == {}, (f"{folder}/ imports modules that pyproject.toml does not declare (in its "
                              f"dependencies{''.join(f' or the {e} extra' for e in EXTRAS[folder])}): {undeclared}")


def test_the_scan_finds_imports_inside_functions_and_through_local_modules():
    assert "tornado" in third_party_imports("generator")  # imported inside serve's functions only
    assert "pytest" in third_party_imports("scripts")  # scripts/screenshots.py -> tests/support/tools.py


def test_the_tests_build_the_wheel_with_the_setuptools_the_build_system_asks_for():
    def setuptools(requirements: list[str]) -> str:
        return next(str(r.specifier) for r in map(Requirement, requirements) if r.name == "setuptools")

    test_extra = PYPROJECT["project"]["optional-dependencies"]["test"]
    assert setuptools(test_extra) == setuptools(PYPROJECT["build-system"]["requires"])


# --------------------------------------------------------------------------
# The README's quick start
# --------------------------------------------------------------------------


def quick_start() -> list[str]:
    """The commands of the README's quick start, comments cut off."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line.split("  #", 1)[0].strip() for line in block.splitlines() if line.strip()]


def test_ci_runs_the_readmes_test_command_as_written():
    build, tests = quick_start()
    assert "build.py" in build and "pytest" in tests
    assert tests in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("command", quick_start())
def test_the_quick_start_needs_only_python3(command):
    """Debian and Ubuntu have no `python`, and their pip refuses to install outside a venv."""
    assert command.startswith("python3 -m venv .venv && ")
    assert not re.search(r"(^|&& )(python|pip|pip3) ", command), command


# --------------------------------------------------------------------------
# The wheel, outside the checkout
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    """One venv for the test session, made by whichever pytest-xdist worker asks first (their temporary
    folders share the session's parent folder; without xdist, the session's own folder)."""
    base = tmp_path_factory.getbasetemp()
    tmp = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "install"
    tmp.mkdir(exist_ok=True)
    with open(tmp / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (tmp / "ready").exists():
            wheel = install.build_wheel(REPO, tmp / "dist")
            install.fresh_venv(tmp / "venv", wheel, install.wheelhouse(wheel, tmp / "wheelhouse"))
            (tmp / "ready").touch()
    return tmp / "venv"


def user_env() -> dict:
    """The environment of a user's shell: nothing that points Python at this checkout."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}


def majalla(venv: Path, site: Path, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run([str(venv / "bin" / "majalla"), *args], cwd=site, env=user_env(), capture_output=True,
                          text=True, encoding="utf-8", timeout=600)
    assert done.returncode == 0 and "Traceback" not in done.stderr, \
        f"majalla {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture
def site(tmp_path) -> Path:
    """The sample magazine's site.toml and content/, alone in a folder outside the checkout."""
    root = tmp_path / "site"
    root.mkdir()
    shutil.copy(REPO / "site.toml", root)
    shutil.copytree(REPO / "content", root / "content")
    assert REPO not in root.parents
    return root


def test_the_installed_package_is_the_wheels_with_its_theme(venv, site):
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import generator.theme.templates as t; "
                            "print(t.__file__); print(t.BUNDLED_THEMES); print(t.shipped())"],
                           cwd=site, env=user_env(), capture_output=True, text=True, check=True).stdout.splitlines()
    assert all(Path(line).is_relative_to(venv) for line in where[:2]), where
    assert where[2] == "['majalla']"


def test_the_wheel_ships_the_editor_with_the_pinned_decap_files(venv, site):
    script = ("import sys; from pathlib import Path; from generator.config import load; "
              "from generator.editor import admin, settings, vendor; config = load(Path('.').resolve()); "
              "files = admin.admin_files(config, settings.load(config), local=True); "
              "print(vendor.FOLDER); print(vendor.verify()); "
              "print(sorted(n for n, f in files.items() if not isinstance(f, bytes) and not f.is_file()))")
    where, problems, missing = subprocess.run([str(venv / "bin" / "python"), "-c", script], cwd=site, env=user_env(),
                                              capture_output=True, text=True, check=True).stdout.splitlines()
    assert Path(where).is_relative_to(venv) and problems == "[]" and missing == "[]"


def test_the_wheel_builds_and_checks_a_site_with_the_default_theme(venv, site):
    majalla(venv, site)
    out = site / "output"
    home = (out / "ar" / "index.html").read_text(encoding="utf-8")
    assert 'lang="ar"' in home and 'dir="rtl"' in home
    assert re.search(r'href="/assets/style\.[0-9a-f]+\.css"', home), "the theme's stylesheet is not linked"
    assert list((out / "assets").glob("style.*.css")) and list((out / "assets" / "fonts").glob("*.woff2"))
    assert list((out / "pagefind").glob("*/*/pagefind-entry.json"))  # Pagefind's binary came with the wheel
    assert "0 errors, 0 warnings" in majalla(venv, site, "check", "--strict").stdout


def test_the_wheel_writes_new_articles_and_builds_them(venv, site):
    written = majalla(venv, site, "new", "مقال من خارج المستودع", "--section", "مجتمع", "--translation", "fr")
    arabic, french = (site / line for line in written.stdout.split())
    assert arabic.parts[-4] == "ar" and french.parts[-4] == "fr" and arabic.is_file() and french.is_file()
    assert 'delete the line "draft: true"' in written.stderr  # new makes drafts: written, then published
    arabic.write_text(arabic.read_text(encoding="utf-8").replace("draft: true\n", "") + "نص المقال.\n", encoding="utf-8")
    majalla(venv, site, "-q")
    yyyy, mm = arabic.parts[-3:-1]
    assert (site / "output" / "ar" / yyyy / mm / arabic.stem / "index.html").is_file()


def test_the_wheel_starts_a_new_magazine_in_an_empty_folder(venv, tmp_path):
    majalla(venv, tmp_path, "init", "--site", "magazine", "--title", "مجلة جديدة")
    root = tmp_path / "magazine"
    written = majalla(venv, root, "new", "أول خبر").stdout.strip()
    article = root / written
    article.write_text(article.read_text(encoding="utf-8").replace("draft: true\n", "") + "نص الخبر.\n", encoding="utf-8")
    majalla(venv, root, "-q")
    assert "1 article: 0 errors, 0 warnings" in majalla(venv, root, "check", "--strict").stdout
    assert "مجلة جديدة" in (root / "output" / "ar" / "index.html").read_text(encoding="utf-8")


def test_the_wheel_imports_a_wordpress_export(venv, tmp_path):
    root = tmp_path / "imported"
    root.mkdir()
    shutil.copy(REPO / "site.toml", root)
    export = Path(shutil.copy(REPO / "tests" / "data" / "wordpress-export.xml", tmp_path))
    assert "imported 4 articles" in majalla(venv, root, "import-wordpress", str(export)).stdout
    assert len(list((root / "content").rglob("*.md"))) == 4
    majalla(venv, root, "-q")
    majalla(venv, root, "check")
    assert (root / "output" / "ar" / "2024" / "06" / "سوق-السمك-الجديد" / "index.html").is_file()


def test_the_wheel_serves_the_preview(venv, site):
    server = subprocess.Popen([str(venv / "bin" / "majalla"), "serve", "--port", "0", "--jobs", "1"], cwd=site,
                              env={**user_env(), "PYTHONUNBUFFERED": "1"}, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, encoding="utf-8")
    lines: queue.Queue = queue.Queue()

    def read() -> None:
        for line in server.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    try:
        printed = []
        while not printed or "Serving http" not in printed[-1]:
            printed.append(lines.get(timeout=120))
            assert printed[-1] is not None, "serve stopped before serving:\n" + "".join(printed[:-1])
        url = printed[-1].split()[1]
        with urllib.request.urlopen(url + "ar/", timeout=30) as response:
            page = response.read().decode("utf-8")
        assert response.status == 200 and 'dir="rtl"' in page and '<script src="/livereload.js">' in page
        with urllib.request.urlopen(url + "livereload.js", timeout=30) as response:
            assert response.status == 200 and b"LiveReload" in response.read()
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
            raise AssertionError("majalla serve did not stop on SIGTERM") from None
