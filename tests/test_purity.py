"""The core is pure Python: importing any of it loads neither Qt nor reportlab.

This is what lets the command line, the exporters and a server use the model
and the rules without a display or a PDF library. Checked two ways: by
importing every core module in a fresh interpreter, and by import-linter's
static contracts (in pyproject.toml).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
CORE = REPO_ROOT / "orgdesigner" / "core"
FORBIDDEN = ("PySide6", "shiboken6", "reportlab")

# Imports the named modules one by one and names the first that pulled in a
# forbidden package, so a failure says where to look.
CHECKER = """
import importlib, sys
forbidden = tuple(sys.argv[1].split(","))
for name in sys.argv[2:]:
    importlib.import_module(name)
    bad = sorted(m for m in sys.modules if m.split(".")[0] in forbidden)
    if bad:
        sys.exit(f"importing {name} loaded {', '.join(bad[:5])}")
print(f"checked {len(sys.argv) - 2} modules")
"""


def core_modules() -> list[str]:
    """Every module and package under orgdesigner/core, found from the files.

    Found without importing anything, so this process's imports cannot mask
    or cause a finding.
    """
    names = []
    for path in sorted(CORE.rglob("*.py")):
        parts = path.relative_to(REPO_ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def run_checker(
    modules: list[str], *, extra_path: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = None
    if extra_path is not None:
        env = {**os.environ, "PYTHONPATH": str(extra_path)}
    return subprocess.run(
        [sys.executable, "-c", CHECKER, ",".join(FORBIDDEN), *modules],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=env,
        timeout=120,
    )


def test_core_modules_are_found():
    modules = core_modules()
    assert "orgdesigner.core" in modules
    assert "orgdesigner.core.model" in modules
    assert "orgdesigner.core.io" in modules


def test_importing_the_whole_core_loads_neither_qt_nor_reportlab():
    result = run_checker(core_modules())
    assert result.returncode == 0, result.stderr.strip().splitlines()[-1:]


def test_the_check_catches_a_module_that_imports_reportlab(tmp_path):
    # The check above must be able to fail: a module importing reportlab is caught.
    pytest.importorskip("reportlab")
    (tmp_path / "impure_module.py").write_text("import reportlab\n")
    result = run_checker(["orgdesigner.core", "impure_module"], extra_path=tmp_path)
    assert result.returncode != 0
    assert "importing impure_module loaded reportlab" in result.stderr


def test_import_contracts_hold():
    """import-linter also catches imports inside functions and behind flags."""
    lint_imports = Path(sys.executable).parent / "lint-imports"
    if not lint_imports.exists():
        found = shutil.which("lint-imports")
        if found is None:
            pytest.skip("import-linter is not installed (pip install -e .[test])")
        lint_imports = Path(found)
    result = subprocess.run(
        [str(lint_imports), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "broken" in result.stdout  # the summary line: "Contracts: N kept, 0 broken."
