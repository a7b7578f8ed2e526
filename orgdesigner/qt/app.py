"""Starting the desktop app: the QApplication, then a window on the right document.

``run([])`` opens the bundled example, ``run([path])`` opens a file and
``run([a, b])`` opens the two side by side when the comparison window is
installed (otherwise the first). The command line calls :func:`run`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ..resources_path import resource
from .compare import CompareWindow
from .config import APPLICATION, FILE_FILTER, ORGANIZATION, ensure_app, settings
from .main_window import MainWindow

__all__ = [
    "APPLICATION",
    "FILE_FILTER",
    "ORGANIZATION",
    "ensure_app",
    "example_path",
    "open_windows",
    "run",
    "settings",
]

EXAMPLE = ("examples", "product-sto.orgd")


def example_path():
    """The bundled example organisation the app opens on first start."""
    return resource(*EXAMPLE)


def open_windows(paths: list[str]) -> QWidget:
    """Create (and show) the window for ``paths``; the caller runs the event loop."""
    if len(paths) >= 2:
        win = CompareWindow(paths[0], paths[1], editor=MainWindow)
        win.show()
        return win
    win = MainWindow()
    if paths:
        win.open_path(paths[0], remember=True)
    else:
        example = example_path()
        if example.exists():
            win.open_path(str(example), remember=False)
    win.show()
    win.canvas.show_start()
    return win


def run(paths: list[str]) -> int:
    """Run the desktop app on ``paths`` (none, one file, or two to compare); the exit status."""
    app = ensure_app()
    win = open_windows(list(paths))
    app._orgdesigner_window = win  # type: ignore[attr-defined]  # keep it alive
    return app.exec()
