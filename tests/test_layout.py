"""The layout keeps its shape: the import contracts of pyproject.toml ([tool.importlinter]: the pipeline's
layers, commands that do not import one another, page kinds that do not know the Planner) hold, as
`lint-imports` says."""
from __future__ import annotations

from pathlib import Path

from importlinter.cli import lint_imports

REPO = Path(__file__).resolve().parents[1]


def test_the_import_contracts_are_kept(monkeypatch, capsys):
    monkeypatch.chdir(REPO)  # the root package is found from here
    code = lint_imports(config_filename=str(REPO / "pyproject.toml"), no_cache=True, no_logo=True)
    assert code == 0, capsys.readouterr().out


LONG = 300  # lines: a module longer says why at its top
REASON = "# long because: "  # the form: a comment line before the module's imports, saying why it is one module
PENDING: dict[str, str] = {}  # modules over LONG someone is splitting now: {path: who}, emptied when merged


def reason_of(text: str) -> str | None:
    """The module's `# long because: ...`: a comment above its first import (after its docstring)."""
    for line in text.splitlines():
        if line.startswith(("import ", "from ")):
            return None
        if line.startswith(REASON) and line[len(REASON):].strip():
            return line[len(REASON):].strip()
    return None


def long_modules(root: Path) -> dict[str, str | None]:
    """{path: its reason or None} of every module of generator/ over LONG lines."""
    found = {}
    for path in sorted(root.glob("generator/**/*.py")):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > LONG:
            found[path.relative_to(root).as_posix()] = reason_of(text)
    return found


def test_a_module_over_300_lines_says_why_at_its_top():
    long = long_modules(REPO)
    unexplained = sorted(path for path, why in long.items() if why is None and path not in PENDING)
    assert not unexplained, f"split these modules or write `{REASON}...` above their imports: {unexplained}"
    settled = sorted(path for path in PENDING if long.get(path, "short") is not None)
    assert not settled, f"no longer pending (short now, or with its reason): take them out of PENDING: {settled}"


def test_the_reason_must_be_at_the_top_and_say_something(tmp_path):
    module = tmp_path / "generator" / "x.py"
    module.parent.mkdir()
    body = "\n".join(f"x{n} = {n}" for n in range(LONG + 1))
    module.write_text(f'"""A module."""\nimport os\n{REASON}too late\n{body}\n', encoding="utf-8")
    assert long_modules(tmp_path) == {"generator/x.py": None}
    module.write_text(f'"""A module."""\n{REASON}\nimport os\n{body}\n', encoding="utf-8")
    assert long_modules(tmp_path) == {"generator/x.py": None}
    module.write_text(f'"""A module."""\n{REASON}one table\nimport os\n{body}\n', encoding="utf-8")
    assert long_modules(tmp_path) == {"generator/x.py": "one table"}
    module.write_text(f'"""A module."""\nimport os\n{body[:200]}\n', encoding="utf-8")
    assert long_modules(tmp_path) == {}


def test_no_two_classes_of_the_package_share_a_name():
    """A name says what it holds: two `Term` (a WordPress term, a model's term) read alike at their use."""
    import ast
    homes: dict[str, list[str]] = {}
    for path in sorted(REPO.glob("generator/**/*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                homes.setdefault(node.name, []).append(path.relative_to(REPO).as_posix())
    assert not {name: where for name, where in homes.items() if len(where) > 1}
