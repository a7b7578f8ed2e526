"""The designer's workbench: the docks and tools around the canvas.

``install(window)`` is called once at the end of the main window's set-up. It
adds the inspector, the role library, the functions and standards table, the grades and
the figures as docks; Edit > Find (Ctrl+F), Tools > Rule settings and the
View menu's panel toggles; and the session care: autosave, the offer to
recover after a crash, the check before saving over a file changed on disk,
and the window layout kept between runs.

The window provides ``controller`` (a DocumentController), ``canvas`` (with
``centre_on(id)``), ``menus`` (``file``, ``edit``, ``view``, ``tools``,
``help``), ``add_dock(dock, area)`` and ``current_view()``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QFrame, QScrollArea, QWidget

from .config import RIGHT_COLUMN
from .figures_panel import FiguresPanel
from .functions_panel import FunctionsPanel
from .grades_panel import GradesPanel
from .inspector import Inspector
from .role_library import RoleLibrary
from .rule_settings import RuleSettingsDialog
from .search import SearchPanel
from .session import (
    Autosaver,
    DiskWatcher,
    Preferences,
    Recovery,
    ask_recovery,
    guard_saves,
    offer_recovery,
)

Area = Qt.DockWidgetArea

# name -> (title, area, object name)
DOCKS: dict[str, tuple[str, Area, str]] = {
    "inspector": ("Inspector", Area.RightDockWidgetArea, "inspectorDock"),
    "figures": ("Figures", Area.RightDockWidgetArea, "figuresDock"),
    "roles": ("Role library", Area.RightDockWidgetArea, "roleLibraryDock"),
    "functions": ("Functions and standards", Area.BottomDockWidgetArea, "functionsDock"),
    "grades": ("Grades", Area.BottomDockWidgetArea, "gradesDock"),
}


class Workbench(QObject):
    """Everything ``install`` adds to a main window, reachable as ``window.workbench``."""

    def __init__(
        self,
        window: Any,
        *,
        autosave_folder: Path | None = None,
        ask: Callable[[QWidget | None, Recovery], str] = ask_recovery,
        offer: bool = True,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.controller = c = window.controller
        self.inspector = Inspector(c)
        self.role_library = RoleLibrary(c)
        self.functions = FunctionsPanel(c)
        self.figures = FiguresPanel(c)
        self.grades = GradesPanel(c)
        widgets = {
            "inspector": self.inspector,
            "figures": self.figures,
            "roles": self.role_library,
            "functions": self.functions,
            "grades": self.grades,
        }
        self.docks: dict[str, QDockWidget] = {}
        for name, (title, area, object_name) in DOCKS.items():
            dock = QDockWidget(title, window)
            dock.setObjectName(object_name)
            widget: QWidget = widgets[name]
            if name == "figures":
                # A column of figures: it scrolls in a short window rather than making
                # the whole window taller than a laptop screen.
                scroll = QScrollArea()
                scroll.setWidgetResizable(True)
                scroll.setFrameShape(QFrame.Shape.NoFrame)
                scroll.setWidget(widget)
                widget = scroll
            dock.setWidget(widget)
            self._add_dock(dock, area)
            self.docks[name] = dock
        self._arrange()

        self.search = SearchPanel(c, window, centre=self._centre)
        self.search.chosen.connect(self._chosen)
        self._rule_settings: RuleSettingsDialog | None = None
        self.actions: dict[str, QAction] = {}
        self._menus()

        self.prefs = Preferences()
        self.restored = self.prefs.restore_window(window)
        view = self.prefs.last_view()
        set_view = getattr(window, "set_view", None)
        if view and callable(set_view):
            with contextlib.suppress(ValueError):  # a view this version does not have
                set_view(view)
        self.autosaver = Autosaver(c, autosave_folder)
        guard_saves(c, window)
        self.disk_watcher = DiskWatcher(c, self)
        self._ask = ask
        self._finished = False
        window.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        if offer:
            QTimer.singleShot(0, self.offer_recovery)

    # -- building ---------------------------------------------------------------------------
    def _add_dock(self, dock: QDockWidget, area: Area) -> None:
        add = getattr(self.window, "add_dock", None)
        if callable(add):
            add(dock, area)
        else:
            self.window.addDockWidget(area, dock)

    def _arrange(self) -> None:
        """The first-run layout: figures as a tab beside the window's history (or findings)."""
        window = self.window
        for name in ("history_dock", "findings_dock"):
            neighbour = getattr(window, name, None)
            if isinstance(neighbour, QDockWidget):
                window.tabifyDockWidget(neighbour, self.docks["figures"])
                break
        findings = getattr(window, "findings_dock", None)
        if isinstance(findings, QDockWidget):
            findings.raise_()
        # One column on the right (findings above; inspector and role library as tabs
        # below) that runs the full height, so the chart keeps the width it needs.
        window.tabifyDockWidget(self.docks["inspector"], self.docks["roles"])
        self.docks["inspector"].raise_()
        window.setCorner(Qt.Corner.BottomRightCorner, Area.RightDockWidgetArea)
        window.setCorner(Qt.Corner.TopRightCorner, Area.RightDockWidgetArea)
        window.resizeDocks([self.docks["inspector"]], [RIGHT_COLUMN], Qt.Orientation.Horizontal)
        # Grades sit beside the functions table: both are the crafts' shared standards.
        # They start folded away (View > Functions and standards) so the chart has the
        # height; shown, the table is as tall as its rows.
        window.tabifyDockWidget(self.docks["functions"], self.docks["grades"])
        self.docks["functions"].raise_()
        for name in ("functions", "grades"):
            self.docks[name].hide()
        self.docks["functions"].toggleViewAction().toggled.connect(self._functions_shown)

    def _functions_shown(self, shown: bool) -> None:
        """The standards opened: grades as the second tab, the table tall enough for its rows."""
        if not shown:
            return
        functions, grades = self.docks["functions"], self.docks["grades"]
        if grades.isHidden():
            grades.show()
            self.window.tabifyDockWidget(functions, grades)
        # The tab just shown comes to the front once the dock area is laid out; then fit.
        QTimer.singleShot(0, functions.raise_)
        QTimer.singleShot(0, lambda: QTimer.singleShot(0, self._fit_functions))

    def _fit_functions(self, asked: int = 0) -> None:
        """Make the standards dock tall enough for every row (up to half the window).

        The size asked of the dock area includes its tab bar, which the dock does
        not get: a second pass asks for what the first left missing.
        """
        dock = self.docks["functions"]
        missing = self.functions.missing_height()
        if missing <= 0:
            return
        limit = self.window.height() // 2
        height = min((asked or dock.height()) + missing, limit)
        if height <= (asked or dock.height()):
            return
        self.window.resizeDocks([dock], [height], Qt.Orientation.Vertical)
        if not asked:
            QTimer.singleShot(0, lambda: self._fit_functions(height))

    def _menus(self) -> None:
        menus = getattr(self.window, "menus", {}) or {}
        find = QAction("&Find\u2026", self.window)
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find.setStatusTip("Find people, teams, roles and functions; select and centre them")
        find.triggered.connect(self.find)
        self.actions["find"] = find
        rules = QAction("&Rule settings\u2026", self.window)
        rules.setStatusTip(
            "The rules this variant is judged by: switches, severities, parameters, waivers"
        )
        rules.triggered.connect(self.open_rule_settings)
        self.actions["rule_settings"] = rules
        edit = menus.get("edit")
        if edit is not None:
            edit.addSeparator()
            edit.addAction(find)
        else:
            self.window.addAction(find)
        tools = menus.get("tools")
        if tools is not None:
            tools.addAction(rules)
        view = menus.get("view")
        if view is not None:
            for name, dock in self.docks.items():
                toggle = dock.toggleViewAction()
                toggle.setStatusTip(f"Show or hide the {DOCKS[name][0].lower()} panel")
                view.addAction(toggle)
                self.actions[f"show_{name}"] = toggle

    # -- actions ---------------------------------------------------------------------------------
    def find(self) -> None:
        """Edit > Find: open the search box over the window."""
        self.search.open()

    def open_rule_settings(self) -> RuleSettingsDialog:
        """Tools > Rule settings: the (non-modal) dialog, created on first use."""
        if self._rule_settings is None:
            self._rule_settings = RuleSettingsDialog(self.controller, self.window)
        dlg = self._rule_settings
        dlg.show()
        dlg.raise_()
        dlg.activateWindow()
        return dlg

    def _centre(self, id_: str) -> None:
        canvas = getattr(self.window, "canvas", None)
        centre = getattr(canvas, "centre_on", None)
        if callable(centre):
            centre(id_)

    def _chosen(self, kind: str, id_: str) -> None:
        if kind == "role":
            self.docks["roles"].show()
            self.docks["roles"].raise_()
            self.role_library.select_role(id_)
        elif kind == "function":
            self.docks["functions"].show()
            self.docks["functions"].raise_()
            self.functions.select_function(id_)
        self.docks["inspector"].show()
        self.docks["inspector"].raise_()

    # -- session ---------------------------------------------------------------------------------
    def offer_recovery(self) -> bool:
        """Offer what a crashed session left behind (called once, just after start-up)."""
        return offer_recovery(
            self.controller, self.window, self._ask, self.autosaver.folder, self.autosaver.session
        )

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.window and event.type() == QEvent.Type.Close:
            self.prefs.save_window(self.window)
            # The window may still refuse to close (unsaved changes, Cancel): look after.
            QTimer.singleShot(0, self._after_close)
        return False

    def _after_close(self) -> None:
        if not self.window.isVisible():
            self.shutdown()

    def shutdown(self) -> None:
        """A normal end: remove the autosaved copy and its lock."""
        if self._finished:
            return
        self._finished = True
        self.autosaver.finish()


def install(window: Any, **options: Any) -> Workbench:
    """Add the workbench to ``window`` (see the module docstring); also ``window.workbench``."""
    bench = Workbench(window, **options)
    window.workbench = bench
    return bench
