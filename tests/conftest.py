from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

# The interface speaks the locale's language: the tests read English unless they ask for
# Russian (the `russian` fixture, or LANG=ru_RU.UTF-8 in a subprocess's environment).
os.environ["LANGUAGE"] = "en"

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "data" / "raw").glob("*.txt"))
_STARTED = pytest.StashKey[float]()


@pytest.fixture
def archive_dir(tmp_path: Path) -> Path:
    """An empty archive folder."""
    root = tmp_path / "archive"
    (root / "raw").mkdir(parents=True)
    (root / "structured").mkdir()
    return root


@pytest.fixture(scope="session")
def seed_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive with the three seed documents ingested (once per test session).

    Tests must copy it (`copy_archive`) before changing anything in it.
    """
    from resarchive.archive import Archive
    from resarchive.ingest import ingest

    root = tmp_path_factory.mktemp("seeds") / "archive"
    results = list(ingest(Archive(root), SEEDS))
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    return root


@pytest.fixture
def copy_archive(seed_archive: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy"
    shutil.copytree(seed_archive, target)
    return target


@pytest.fixture
def russian(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Messages made while the test runs in Russian (help texts, made at import, stay
    English in this process: test them in a subprocess)."""
    from resarchive import i18n

    monkeypatch.setenv("LANGUAGE", "ru")
    i18n.translation.cache_clear()
    yield
    monkeypatch.setenv("LANGUAGE", "en")
    i18n.translation.cache_clear()


ARTIFACTS = ROOT / "tests" / "artifacts"


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_STARTED] = time.time()


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    """Name the artifacts this run left for a person to look at (the browser test's
    screenshot of the record page)."""
    started = config.stash.get(_STARTED, 0.0)
    fresh = sorted(p for p in ARTIFACTS.glob("*") if p.stat().st_mtime >= started)
    for path in fresh:
        terminalreporter.write_line(f"artifact: {path}")
