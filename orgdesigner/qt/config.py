"""The app's identity and settings: names for QSettings, the file filter, the one
QApplication. Every window reads these; nothing here imports a window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QApplication

from .. import __version__

ORGANIZATION = "orgdesigner"
APPLICATION = "orgdesigner"
FILE_FILTER = "Organisation designs (*.orgd);;All files (*)"
# The width of the panel column on the right on first start: at 1366 pixels the chart
# keeps more than 70 % of the window.
RIGHT_COLUMN = 360
# The version of the saved dock layout: a layout saved by an older version (the
# chart squeezed between open panels) is not restored.
WINDOW_STATE_VERSION = 2


def settings() -> QSettings:
    """The app's per-user settings (recent files, last folders, window state)."""
    return QSettings(ORGANIZATION, APPLICATION)


LINES_MODE_KEY = "view/functionalLines"


def lines_mode() -> str:
    """The functional lines mode the user chose last (``selection`` until they choose)."""
    from ..core.lines import DEFAULT_MODE, MODES

    value = settings().value(LINES_MODE_KEY, DEFAULT_MODE)
    return value if value in MODES else DEFAULT_MODE


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
