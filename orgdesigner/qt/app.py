"""Starting the desktop app: the QApplication, then a window on the right document.

``run([])`` opens the bundled example, ``run([path])`` opens a file and
``run([a, b])`` opens the two side by side when the comparison window is
installed (otherwise the first). The command line calls :func:`run`.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget

from .. import __version__
from ..resources_path import resource

ORGANIZATION = "orgdesigner"
APPLICATION = "orgdesigner"
EXAMPLE = ("examples", "product-sto.orgd")
FILE_FILTER = "Organisation designs (*.orgd);;All files (*)"


def settings() -> QSettings:
    """The app's per-user settings (recent files, last folders, window state)."""
    return QSettings(ORGANIZATION, APPLICATION)


def ensure_app(argv: list[str] | None = None) -> QApplication:
    """The one QApplication of the process, created with our names on first use."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName(ORGANIZATION)
        QCoreApplication.setApplicationName(APPLICATION)
        QCoreApplication.setApplicationVersion(__version__)
        QApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(argv if argv is not None else sys.argv[:1])
        app.setApplicationDisplayName("Org Designer")
        app.setDesktopFileName("orgdesigner")
        from .icons import app_icon

        app.setWindowIcon(app_icon())
    else:
        # Tests and embedding hosts create the application; QSettings still needs our names.
        if not QCoreApplication.organizationName():
            QCoreApplication.setOrganizationName(ORGANIZATION)
        if not QCoreApplication.applicationName():
            QCoreApplication.setApplicationName(APPLICATION)
    return app  # type: ignore[return-value]


def example_path():
    """The bundled example organisation the app opens on first start."""
    return resource(*EXAMPLE)


def open_windows(paths: list[str]) -> QWidget:
    """Create (and show) the window for ``paths``; the caller runs the event loop."""
    from .main_window import MainWindow

    if len(paths) >= 2:
        from .compare import CompareWindow

        win = CompareWindow(paths[0], paths[1])
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
