"""Find bundled resources, from a source checkout, an editable install or a wheel."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def resource(*parts: str) -> Path:
    """Path of a bundled resource, e.g. ``resource("examples", "product-sto.orgd")``."""
    base = resources.files("orgdesigner.resources")
    target = base.joinpath(*parts)
    # Installed packages are plain directories (we never ship zipped), so a
    # Traversable here is a real path.
    return Path(str(target))


def examples() -> list[Path]:
    """The bundled example organisations, sorted by file name."""
    return sorted(resource("examples").glob("*.orgd"))
