import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def pytest_xdist_auto_num_workers(config) -> int:
    """`-n auto` (pyproject.toml): one test process more than the cores. Much of the suite waits on a build
    in a child process, a browser or a server, and a loaded machine shares its cores between processes."""
    return (os.cpu_count() or 1) + 1


@pytest.fixture(scope="session")
def sample(tmp_path_factory) -> Path:
    """The output/ folder of the sample magazine, built once per test process for the tests that only read it
    (theme, browser, search and validation tests); a test that changes a site builds its own."""
    from tests.sample import build_sample

    return build_sample(tmp_path_factory.mktemp("sample") / "site")
