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
