"""Bundled resources (example organisations...) are found however orgdesigner is
installed: from this checkout (editable install) and from a built wheel."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import orgdesigner
from orgdesigner.resources_path import examples, resource

REPO_ROOT = Path(__file__).resolve().parent.parent

# What a wheel is built from; copied out so the build leaves no build/ or
# *.egg-info behind in the working tree, and never sees local clutter.
SOURCES = ("pyproject.toml", "README.md", "orgdesigner", "resources")


def test_examples_are_found_from_this_install():
    folder = resource("examples")
    assert folder.is_dir(), f"{folder} is missing"
    found = examples()
    assert found, f"no .orgd example in {folder}"
    assert all(path.suffix == ".orgd" and path.parent == folder for path in found)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel offline, from a copy of the sources."""
    src = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        origin = REPO_ROOT / name
        if origin.is_dir():
            shutil.copytree(
                origin, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )
        else:
            shutil.copy2(origin, src / name)
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--disable-pip-version-check", "-q", "-w", str(out), str(src)],
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    (built,) = out.glob("orgdesigner-*.whl")
    return built


@pytest.mark.slow
def test_wheel_ships_the_resources_and_no_tests(wheel: Path):
    names = zipfile.ZipFile(wheel).namelist()
    shipped_examples = [n for n in names if n.startswith("orgdesigner/resources/examples/")]
    expected = sorted(
        "orgdesigner/resources/examples/" + p.name for p in (REPO_ROOT / "resources/examples").glob("*.orgd")
    )  # fmt: skip
    assert expected, "the checkout has no example organisation to ship"
    assert sorted(n for n in shipped_examples if n.endswith(".orgd")) == expected
    assert "orgdesigner/core/model.py" in names
    assert not [n for n in names if n.startswith("tests/")]


@pytest.mark.slow
def test_installed_wheel_finds_its_resources_and_runs(wheel: Path, tmp_path: Path):
    target = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index",
         "--disable-pip-version-check", "-q", "--target", str(target), str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]

    # The wheel's copy must win over this checkout's editable install: put it
    # first on the path and run from elsewhere, then check which one loaded.
    env = {**os.environ, "PYTHONPATH": str(target)}
    probe = (
        "import orgdesigner\n"
        "from orgdesigner.resources_path import examples\n"
        "print(orgdesigner.__file__)\n"
        "print(len(examples()))\n"
        "print(examples()[0] if examples() else '')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, env=env,
        timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    module_file, count, first = result.stdout.splitlines()
    assert Path(module_file).is_relative_to(target), f"loaded {module_file}, not the wheel's copy"
    assert int(count) >= 1, "the installed wheel finds no example organisation"
    assert Path(first).is_relative_to(target) and Path(first).is_file()

    # The command-line entry point the wheel installs.
    script = target / "bin" / "orgdesigner"
    assert script.exists(), "the wheel installs no `orgdesigner` command"
    result = subprocess.run(
        [sys.executable, str(script), "--version"], capture_output=True, text=True,
        cwd=tmp_path, env=env, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert orgdesigner.__version__ in result.stdout


def test_every_subpackage_is_listed_for_the_wheel():
    """The wheel lists its packages by hand (resources/ is mapped in), so a new
    subpackage must be added to pyproject.toml or the wheel ships without it."""
    import tomllib

    root = Path(__file__).resolve().parents[1]
    listed = set(
        tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(p.parent.relative_to(root).parts)
        for p in (root / "orgdesigner").rglob("__init__.py")
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
