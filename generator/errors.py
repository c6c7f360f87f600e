"""Errors a writer can act on: `path:line: message`, collected from every file, shown together."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or doubtful) in one file, at one line (0 when the whole file is meant). A note is a
    warning that fails nothing, not even `check --strict`: what the build did that the writer should know."""

    path: str
    line: int
    message: str
    warning: bool = False
    note: bool = False  # with warning=True

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        kind = "note: " if self.note else "warning: " if self.warning else ""
        return f"{where}: {kind}{self.message}"


class BuildError(Exception):
    """The build cannot go on; carries every problem found so far."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(sorted(set(problems)))
        super().__init__("\n".join(str(p) for p in self.problems))


class Problems:
    """A collector: stages add what they find and go on; `raise_if_any` fails once, with all of it."""

    def __init__(self, root: Path | None = None):
        self.root = root
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def where(self, path: Path | str) -> str:
        path = Path(path)
        if self.root is not None:
            try:
                return path.relative_to(self.root).as_posix()
            except ValueError:
                pass
        return path.as_posix()

    def error(self, path: Path | str, line: int, message: str) -> None:
        self.errors.append(Problem(self.where(path), line, message))

    def warn(self, path: Path | str, line: int, message: str) -> None:
        self.warnings.append(Problem(self.where(path), line, message, warning=True))

    def note(self, path: Path | str, line: int, message: str) -> None:
        """Said, never failing: kept with the warnings (whatever shows warnings shows it), which `strict` leaves out."""
        self.warnings.append(Problem(self.where(path), line, message, warning=True, note=True))

    def extend(self, problems) -> None:
        for p in problems:
            (self.warnings if p.warning else self.errors).append(p)

    def raise_if_any(self) -> None:
        """Fail with every error, and the warnings found so far: a warning (a misspelled key) often
        explains an error (a missing one)."""
        if self.errors:
            raise BuildError(self.errors + self.warnings)
