import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def pytest_xdist_auto_num_workers(config) -> int:
    """`-n auto` (pyproject.toml): two test processes a core. Much of the suite waits on a build in a child
    process, a browser or a server, and a loaded machine shares its cores between processes (on 2 loaded
    cores, 4 processes ran the suite in three quarters of the time 3 took)."""
    return 2 * (os.cpu_count() or 1)


# The files that take longest, first: the test processes take the files one at a time, in this order, and a
# parallel run lasts until its last file is done. Only the speed of the run depends on it.
SLOWEST_FIRST = ("test_bad_input.py", "test_site_validation.py", "test_incremental.py", "test_interrupt.py",
                 "test_theme_browser.py", "test_support_tools.py", "test_determinism.py", "test_images.py",
                 "test_build.py", "test_search_browser.py", "test_editor_browser.py",
                 "test_serve.py", "test_theme.py", "test_docs_examples.py")


def pytest_collection_modifyitems(items) -> None:
    rank = {name: n for n, name in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the order within a file stays


@pytest.fixture(scope="session", autouse=True)
def one_template_cache(tmp_path_factory):
    """The builds of a test process keep their compiled templates in one folder, not in each site's
    .cache/templates/: Jinja knows a compiled template by its file and checks it against the digest of its
    source, so the theme's templates are compiled once per process, not once per test site (they were most of
    a small site's build time). The CLI in a child process keeps its own, as a writer's build does."""
    from generator.build import reading

    folder = tmp_path_factory.mktemp("templates")
    real = reading.environment
    patch = pytest.MonkeyPatch()
    patch.setattr(reading, "environment", lambda config, theme_dir, cache=None: real(config, theme_dir, folder))
    yield folder
    patch.undo()


@pytest.fixture(scope="session")
def sample(tmp_path_factory) -> Path:
    """The output/ folder of the sample magazine, built once per test process for the tests that only read it
    (theme, browser, search and validation tests); a test that changes a site builds its own."""
    from tests.sample import build_sample

    return build_sample(tmp_path_factory.mktemp("sample") / "site")
