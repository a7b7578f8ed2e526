"""Shared test setup: headless Qt, per-test user folders, hypothesis profiles.

Nothing here imports Qt: core tests must run (and stay fast) without it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Before any QApplication exists: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# CI machines are small and shared, so no per-example deadline anywhere; CI
# runs fewer examples, derandomised so that a failure there repeats locally
# with `HYPOTHESIS_PROFILE=ci`.
settings.register_profile(
    "ci",
    deadline=None,
    max_examples=50,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=100)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> Path:
    """Point every per-user folder (settings, autosave, recent files) at a fresh temp dir.

    A test must never read or write the real user's settings, and tests must
    not see each other's. Environment variables cover code that imports Qt
    later; when Qt is already loaded, its cached paths are redirected too.
    """
    base = tmp_path_factory.mktemp("user")
    for var, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
        ("HOME", "home"),
    ):
        folder = base / sub
        folder.mkdir()
        monkeypatch.setenv(var, str(folder))
    # QStandardPaths' test mode puts everything under $HOME/.qttest, which is
    # now the temp home above. Only when a test module already imported Qt:
    # core tests must not pay for (or depend on) PySide6.
    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QSettings, QStandardPaths

        QStandardPaths.setTestModeEnabled(True)
        # QSettings computes its folders once per process; reset them per test.
        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, str(base / "config"))
    return base
