"""What every exporter shares: the error type, page sizes, safe writing, the date line."""

from __future__ import annotations

import datetime as _dt
import getpass
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A3, A4, LETTER

import orgdesigner

from ..core.io import atomic_write
from . import (
    PAGE_CHOICES,
    ExportError,  # the writers raise the package's own error
)

PAGE_SIZES: dict[str, tuple[float, float]] = {"a4": A4, "a3": A3, "letter": LETTER}
# PAGE_CHOICES (the names users type) lives in the package, which loads without reportlab.


def page_size(page: str, landscape: bool) -> tuple[float, float] | None:
    """(width, height) in points of a named page, or None for ``fit``."""
    key = page.lower()
    if key == "fit":
        return None
    if key not in PAGE_SIZES:
        raise ExportError(f"Unknown page size {page!r}: use one of {', '.join(PAGE_CHOICES)}")
    w, h = PAGE_SIZES[key]
    return (max(w, h), min(w, h)) if landscape else (min(w, h), max(w, h))


def today() -> _dt.date:
    return _dt.date.today()


def date_text(when: _dt.date | None = None) -> str:
    """The date printed in headers: ISO, so it reads the same in every country."""
    return (when or today()).isoformat()


def default_author() -> str:
    """The PDF author: the user's login name, which is what office tools put there too."""
    try:
        return getpass.getuser()
    except Exception:  # no login name on some service accounts
        return "orgdesigner"


CREATOR = f"orgdesigner {getattr(orgdesigner, '__version__', '')}".strip()


def write_atomically(out_path: str | os.PathLike[str], write: Callable[[BinaryIO], None]) -> None:
    """Run ``write`` into a temporary file beside ``out_path``, then move it into place.

    A failed export leaves any earlier file at ``out_path`` as it was and
    raises ExportError saying why.
    """
    target = Path(out_path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise ExportError(f"Cannot write {target}: it is a folder")
    if not folder.is_dir():
        raise ExportError(f"Cannot write {target}: the folder {folder} does not exist")
    try:
        atomic_write(target, write)
    except OSError as exc:
        raise ExportError(f"Cannot write {target}: {exc.strerror or exc}") from exc
