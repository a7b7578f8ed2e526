"""The main window: the canvas with its three views, the menus, the findings, the status bar.

Everything the window does to the document goes through
``controller.do(op)`` with one of the core's operations, so each menu
command and each drop is one labelled undo step. What other parts of the app
build on (the workbench's docks and tools):

* ``window.controller``: the :class:`DocumentController`
* ``window.canvas``: the :class:`ChartView`, with ``centre_on(id)``
* ``window.menus``: the ``file``, ``edit``, ``view``, ``tools`` and ``help`` menus
* ``window.add_dock(widget, area)`` and ``window.current_view()``

The window is built from rooms: its commands are a table in
:mod:`.main_actions`, opening and saving live in :mod:`.main_files`, and the
menu and context-menu edits in :mod:`.main_editing`. This module holds what
is left: the layout, the menus and toolbar, the status bar and the views.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QToolButton,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from ..core import ops
from ..core.lines import MODES as LINES_MODES
from .canvas.legend import Legend
from .canvas.lines import FunctionalLines
from .canvas.minimap import Breadcrumb, Minimap
from .canvas.scene import VIEW_TITLES, VIEWS, ChartScene
from .canvas.style import COLOUR_MODES
from .canvas.view import ChartView
from .config import LINES_MODE_KEY, RIGHT_COLUMN, lines_mode, settings
from .document import DocumentController
from .findings_dock import FindingsDock
from .icons import severity_icon
from .main_actions import VIEW_TIPS, build_actions
from .main_editing import EditingMixin
from .main_files import FilesMixin
from .main_navigate import MAX_LEVEL, NavigateMixin


class FindingsCounter(QToolButton):
    """The status bar's error/warning/info counts; a click shows the findings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoRaise(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setObjectName("findingsCounter")
        self.summary: dict[str, int] = {}

    def show_summary(self, summary: dict[str, int]) -> None:
        self.summary = dict(summary)
        e, w, i = summary.get("error", 0), summary.get("warning", 0), summary.get("info", 0)
        if e:
            self.setIcon(severity_icon("error"))
        elif w:
            self.setIcon(severity_icon("warning"))
        else:
            self.setIcon(severity_icon("info") if i else severity_icon("waived"))
        self.setText(
            f"{e} error{'s' if e != 1 else ''}  \u00b7  {w} warning{'s' if w != 1 else ''}"
            f"  \u00b7  {i} info"
        )
        # The status bar squeezes its widgets for long messages; counts must stay whole.
        self.setMinimumWidth(self.sizeHint().width())
        waived = summary.get("waived", 0)
        self.setToolTip(
            "Findings of the live validation"
            + (f"; {waived} waived" if waived else "")
            + ". Click to show them."
        )


class MainWindow(FilesMixin, EditingMixin, NavigateMixin, QMainWindow):
    """One open organisation variant."""

    def __init__(
        self, controller: DocumentController | None = None, *, extensions: bool = True
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.controller = controller or DocumentController()
        self.scene = ChartScene(self.controller, self)
        self.canvas = ChartView(self.scene)
        # Functional lines are a layer of their own over the chart (off, selection, all).
        self.lines = FunctionalLines(self.scene, lines_mode())
        # The legend is a strip under the chart, never over it: it used to hide cards.
        self.legend = Legend(self.scene)
        centre = QWidget()
        centre.setObjectName("chartArea")
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.canvas, 1)
        column.addWidget(self.legend)
        self.setCentralWidget(centre)
        # Overlays are children of the view, not of its viewport: the viewport's
        # children would scroll with the chart.
        self.minimap = Minimap(self.canvas, self.canvas)
        self.breadcrumb = Breadcrumb(self.canvas, self.canvas)
        self.breadcrumb.focusWanted.connect(self.focus_on)
        self.empty_hint = QLabel(self.canvas)
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.hide()
        self.menus: dict[str, QMenu] = {}
        self.actions_by_name: dict[str, QAction] = {}
        self._docks: list[QDockWidget] = []

        self.findings_dock = FindingsDock(self.controller, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.findings_dock)
        self.history = QUndoView(self.controller.undo_stack)
        self.history.setEmptyLabel("Opened")
        self.history_dock = QDockWidget("History", self)
        self.history_dock.setObjectName("historyDock")
        self.history_dock.setWidget(self.history)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.tabifyDockWidget(self.findings_dock, self.history_dock)
        self.findings_dock.raise_()

        self._build_status_bar()
        self.actions_by_name = build_actions(self)
        self.actions_by_name[f"lines_{self.lines.mode}"].setChecked(True)
        self._build_menus()
        self._build_toolbar()
        self._connect()
        self._update_title()
        self._update_counts()
        self._scene_rebuilt()
        self.canvas.installEventFilter(self)
        self.resize(1480, 920)
        self.resizeDocks([self.findings_dock], [RIGHT_COLUMN], Qt.Orientation.Horizontal)

        if extensions:
            # The docks and tools around the canvas; tests of the canvas alone skip them.
            from . import workbench
            from .compare import install_compare_actions

            workbench.install(self)
            install_compare_actions(self)
            if not self.workbench.restored:
                self._default_dock_sizes()

    def _default_dock_sizes(self) -> None:
        """First start: panels take what they need and the chart gets the rest."""
        areas = {
            Qt.DockWidgetArea.LeftDockWidgetArea: 270,
            Qt.DockWidgetArea.RightDockWidgetArea: RIGHT_COLUMN,
        }
        for area, size in areas.items():
            docks = [
                d
                for d in self.findChildren(QDockWidget)
                if self.dockWidgetArea(d) == area and d.isVisible()
            ]
            if docks:
                self.resizeDocks(docks, [size] * len(docks), Qt.Orientation.Horizontal)
        bottom = [
            d
            for d in self.findChildren(QDockWidget)
            if self.dockWidgetArea(d) == Qt.DockWidgetArea.BottomDockWidgetArea
        ]
        if bottom:
            self.resizeDocks(bottom, [150] * len(bottom), Qt.Orientation.Vertical)

    # -- what other parts of the app use ------------------------------------------------------
    def current_view(self) -> str:
        """The view on screen: ``people``, ``teams`` or ``functions``."""
        return self.scene.view_name

    def add_dock(
        self, widget: QWidget, area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea
    ) -> QDockWidget:
        """Add a panel (a QDockWidget, or any widget wrapped in one) at ``area``."""
        if isinstance(widget, QDockWidget):
            dock = widget
        else:
            dock = QDockWidget(widget.windowTitle() or "Panel", self)
            dock.setObjectName(widget.objectName() + "Dock" if widget.objectName() else "")
            dock.setWidget(widget)
        if not dock.objectName():
            dock.setObjectName(re.sub(r"\W+", "", dock.windowTitle()) + "Dock")
        self.addDockWidget(area, dock)
        self._docks.append(dock)
        return dock

    def set_view(self, name: str) -> None:
        """Switch to view ``name``; the selection stays and is centred if it is shown."""
        if name not in VIEWS:
            raise ValueError(f"unknown view {name!r}")
        self.actions_by_name[f"view_{name}"].setChecked(True)
        if name == self.scene.view_name:
            return
        self.scene.set_view(name)
        self.legend.refresh()
        for id_ in self.controller.selection:
            if self.canvas.centre_on(id_):
                break
        else:
            self.canvas.show_start()
        self.statusBar().showMessage(VIEW_TIPS[name], 5000)

    # -- building -----------------------------------------------------------------------------
    def _menu_button(self, text: str, tip: str, actions: list, name: str) -> QToolButton:
        """A toolbar button that opens a menu of ``actions`` (one choice among several)."""
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        for action in actions:
            menu.addAction(action)
        button.setMenu(menu)
        button.setObjectName(name)
        return button

    def _build_menus(self) -> None:
        A = self.actions_by_name
        bar = self.menuBar()
        file = bar.addMenu("&File")
        file.addAction(A["new"])
        file.addAction(A["open"])
        self.recent_menu = file.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._fill_recent()
        file.addSeparator()
        file.addAction(A["save"])
        file.addAction(A["save_as"])
        file.addSeparator()
        file.addAction(A["import"])
        export = file.addMenu("&Export")
        export.addAction(A["export_chart"])
        export.addAction(A["export_roles"])
        export.addAction(A["export_findings"])
        export.addAction(A["export_people"])
        file.addSeparator()
        file.addAction(A["quit"])

        edit = bar.addMenu("&Edit")
        edit.addAction(A["undo"])
        edit.addAction(A["redo"])
        edit.addSeparator()
        edit.addAction(A["add_person"])
        edit.addAction(A["add_team"])
        edit.addAction(A["add_vacancy"])
        edit.addAction(A["delete"])
        edit.addSeparator()
        edit.addAction(A["select_none"])

        view = bar.addMenu("&View")
        for name in VIEWS:
            view.addAction(A[f"view_{name}"])
        view.addSeparator()
        view.addAction(A["zoom_in"])
        view.addAction(A["zoom_out"])
        view.addAction(A["zoom_reset"])
        view.addAction(A["fit"])
        view.addAction(A["zoom_selection"])
        view.addAction(A["minimap"])
        view.addSeparator()
        lines = view.addMenu("&Functional lines")
        lines.setObjectName("linesMenu")
        for mode in LINES_MODES:
            lines.addAction(A[f"lines_{mode}"])
        colour = view.addMenu("&Colour cards")
        for mode in COLOUR_MODES:
            colour.addAction(A[f"colour_{mode}"])
        view.addAction(A["legend"])
        view.addSeparator()
        view.addAction(A["collapse"])
        view.addAction(A["expand_more"])
        view.addAction(A["collapse_all"])
        view.addAction(A["expand_all"])
        levels = view.addMenu("Expand to &level")
        levels.setObjectName("levelsMenu")
        for n in range(1, MAX_LEVEL + 1):
            levels.addAction(A[f"expand_level_{n}"])
        view.addAction(A["focus_branch"])
        view.addAction(A["focus_up"])
        view.addAction(A["focus_clear"])
        view.addAction(A["reset_layout"])
        view.addSection("Panels")
        findings = self.findings_dock.toggleViewAction()
        findings.setShortcut(QKeySequence("Ctrl+Shift+E"))
        view.addAction(findings)
        view.addAction(self.history_dock.toggleViewAction())

        tools = bar.addMenu("&Tools")
        tools.addAction(A["next_finding"])
        tools.addAction(A["prev_finding"])
        tools.addSeparator()

        help_ = bar.addMenu("&Help")
        help_.addAction(A["gestures"])
        help_.addAction(A["about"])
        self.menus = {"file": file, "edit": edit, "view": view, "tools": tools, "help": help_}

    def _build_toolbar(self) -> None:
        A = self.actions_by_name
        tb = self.addToolBar("Main")
        tb.setObjectName("mainToolbar")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.setMovable(False)
        for name in VIEWS:
            tb.addAction(A[f"view_{name}"])
        tb.addSeparator()
        for name in ("undo", "redo"):
            tb.addAction(A[name])
        tb.addSeparator()
        self.colour_button = self._menu_button(
            "Colour",
            "Colour the cards by function, team model, grade or findings",
            [A[f"colour_{mode}"] for mode in COLOUR_MODES],
            "colourButton",
        )
        tb.addWidget(self.colour_button)
        self.lines_button = self._menu_button(
            "Functional lines",
            "Functional lines: off, for the selected person or leader, or all of them",
            [A[f"lines_{mode}"] for mode in LINES_MODES],
            "linesButton",
        )
        tb.addWidget(self.lines_button)
        tb.addSeparator()
        for name in ("zoom_out", "zoom_in", "fit"):
            act = A[name]
            tb.addAction(act)
        for name in ("zoom_out", "zoom_in", "undo", "redo"):
            btn = tb.widgetForAction(A[name])
            if isinstance(btn, QToolButton) and not A[name].icon().isNull():
                btn.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.toolbar = tb

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self.counter = FindingsCounter(self)
        self.counter.clicked.connect(self._show_findings)
        # The zoom, editable: type 150 (or 150%) and Enter.
        self.zoom_label = QLineEdit("100%")
        self.zoom_label.setObjectName("zoomLabel")
        self.zoom_label.setFixedWidth(64)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.zoom_label.setToolTip(
            "Zoom: type a percentage and press Enter (Ctrl+wheel, Ctrl++ / Ctrl+-)"
        )
        self.zoom_label.returnPressed.connect(self._zoom_typed)
        right = QWidget()
        lay = QHBoxLayout(right)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.counter)
        lay.addWidget(self.zoom_label)
        sb.addPermanentWidget(right)

    def _connect(self) -> None:
        c = self.controller
        c.pathChanged.connect(lambda _p: self._update_title())
        c.modifiedChanged.connect(lambda _m: self._update_title())
        c.documentReplaced.connect(self._update_title)
        # No counts while a newly opened file is being checked: they would be the last file's.
        c.documentReplaced.connect(lambda: self.counter.setVisible(not c.checking))
        c.findingsChanged.connect(lambda _r: self._update_counts())
        c.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 8000))
        c.changed.connect(self._doc_changed)
        c.selectionChanged.connect(self._selection_changed)
        self.scene.statusMessage.connect(self._scene_status)
        self.scene.contextMenuWanted.connect(self._context_menu)
        self.scene.cardActivated.connect(self.show_details)
        self.scene.rebuilt.connect(self._scene_rebuilt)
        self.canvas.zoomChanged.connect(self._show_zoom)
        self.findings_dock.subjectActivated.connect(self.show_subjects)
        self._selection_changed(c.selection)

    # -- title, status ------------------------------------------------------------------------
    def _update_title(self) -> None:
        c = self.controller
        name = c.title
        if c.path is not None and c.path.stem != name:
            name = f"{name} ({c.path.name})"
        self.setWindowTitle(f"{name}[*]")
        self.setWindowModified(c.modified)
        self.setWindowFilePath(str(c.path) if c.path else "")

    def _update_counts(self) -> None:
        self.counter.show_summary(self.controller.report.summary())
        self.counter.setVisible(True)

    def _scene_status(self, text: str, timeout: int) -> None:
        if text:
            self.statusBar().showMessage(text, timeout)
        else:
            self.statusBar().clearMessage()

    def _show_findings(self) -> None:
        self.findings_dock.show()
        self.findings_dock.raise_()

    def _doc_changed(self, _changes) -> None:
        self._update_title()
        self.actions_by_name["reset_layout"].setEnabled(
            bool(self.controller.doc.view.positions.get(self.current_view()))
        )
        # The legend follows the scene's rebuild (_scene_rebuilt), not every edit.

    def _scene_rebuilt(self) -> None:
        empty = not self.scene.cards
        if empty:
            view = self.current_view()
            if not self.controller.doc.people and not self.controller.doc.teams:
                text = (
                    "This organisation is empty.\n\nRight-click here to add the first "
                    "person or team, or use File \u25b8 Import to start from an HR export."
                )
            elif view == "teams":
                text = "No teams yet.\n\nRight-click here to add a team."
            elif view == "functions":
                text = (
                    "No functions yet.\n\nFunctions (engineering, product, design...) and "
                    "their leaders are kept in the functions panel."
                )
            else:
                text = "Nobody to show here yet.\n\nRight-click here to add a person."
            self.empty_hint.setText(text)
        self.empty_hint.setVisible(empty)
        self._place_overlays()
        self.actions_by_name["reset_layout"].setEnabled(
            bool(self.controller.doc.view.positions.get(self.current_view()))
        )
        self.legend.refresh()

    def _place_overlays(self) -> None:
        vp = self.canvas.viewport().geometry()
        w = min(460, vp.width() - 40)
        self.empty_hint.setGeometry(
            vp.x() + (vp.width() - w) // 2, vp.y() + vp.height() // 3, w, 120
        )
        self.legend.place()
        self.minimap.place()
        self.breadcrumb.place()

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.ApplicationPaletteChange,
            QEvent.Type.ThemeChange,
        ):
            # The system switched between light and dark: the chart follows.
            self.scene.refresh_style()
            self.canvas.resetCachedContent()
            self.legend.refresh()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.canvas and event.type() == QEvent.Type.Resize:
            self._place_overlays()
        return super().eventFilter(obj, event)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        QTimer.singleShot(0, self._place_overlays)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        QTimer.singleShot(0, self._place_overlays)

    def _selection_changed(self, ids: list[str]) -> None:
        doc = self.controller.doc
        people = [i for i in ids if doc.person(i) is not None]
        teams = [i for i in ids if doc.team(i) is not None]
        self.actions_by_name["delete"].setEnabled(bool(people or teams))
        self.actions_by_name["collapse"].setEnabled(len(ids) == 1)

    # -- views --------------------------------------------------------------------------------
    def set_lines_mode(self, mode: str) -> None:
        """Functional lines ``off``, for the ``selection`` or ``all``; remembered for next time."""
        self.actions_by_name[f"lines_{mode}"].setChecked(True)
        self.lines.set_mode(mode)
        settings().setValue(LINES_MODE_KEY, mode)
        self.legend.refresh()

    def _toggle_minimap(self, on: bool) -> None:
        self.minimap.enabled = on
        self.minimap.refresh()

    def _toggle_legend(self, on: bool) -> None:
        self.legend.setVisible(on)
        self.legend.enabled = on

    def set_colour_mode(self, mode: str) -> None:
        self.actions_by_name[f"colour_{mode}"].setChecked(True)
        self.scene.set_colour_mode(mode)
        self.legend.refresh()

    def show_details(self, id_: str) -> None:
        """A card was double-clicked: select it and bring up the inspector, when there is one."""
        if self.controller.selection != [id_]:
            self.controller.select([id_])
        dock = self.findChild(QDockWidget, "inspectorDock")
        if dock is not None:
            dock.show()
            dock.raise_()

    def show_subjects(self, subjects: list[str]) -> None:
        """Centre the first of ``subjects`` shown in the current view (or say where it is)."""
        for s in subjects:
            if self.canvas.centre_on(s):
                return
        for view in VIEWS:
            if view == self.current_view():
                continue
            if subjects and self._shown_in(view, subjects):
                self.statusBar().showMessage(
                    f"Not shown in the {VIEW_TITLES[self.current_view()]} view: see the "
                    f"{VIEW_TITLES[view]} view ({QKeySequence(f'Ctrl+{VIEWS.index(view) + 1}').toString(QKeySequence.SequenceFormat.NativeText)})",
                    8000,
                )
                return
        if subjects:
            self.statusBar().showMessage(
                "Not on the chart (it may be folded away or not drawn in this view)", 6000
            )

    def _shown_in(self, view: str, subjects: list[str]) -> bool:
        doc = self.controller.doc
        if view == "teams":
            return any(doc.team(s) is not None for s in subjects)
        if view == "functions":
            return any(doc.function(s) is not None for s in subjects)
        return any(doc.person(s) is not None for s in subjects)

    def step_finding(self, step: int) -> None:
        rows = self.findings_dock.finding_indexes()
        if not rows:
            self.statusBar().showMessage("No findings", 3000)
            return
        current = self.findings_dock.tree.currentIndex()
        at = next((i for i, r in enumerate(rows) if r == current), -1)
        nxt = rows[(at + step) % len(rows)] if at >= 0 else rows[0 if step > 0 else -1]
        self.findings_dock.show()
        self.findings_dock.tree.setCurrentIndex(nxt)
        self.findings_dock.tree.scrollTo(nxt)
        f = self.findings_dock.finding_at(nxt)
        if f is not None:
            self.controller.select_subjects(list(f.subjects))
            self.show_subjects(list(f.subjects))
            self.statusBar().showMessage(f"{f.rule}: {f.message}", 8000)

    def toggle_collapse_selected(self) -> None:
        sel = self.controller.selection
        if len(sel) == 1:
            self.scene.toggle_collapsed(sel[0])

    def expand_all(self) -> None:
        ids = list(self.controller.doc.view.collapsed)
        if not ids:
            self.statusBar().showMessage("Nothing is folded", 3000)
            return
        op = ops.Composite(tuple(ops.SetCollapsed(i, False) for i in ids), label="Expand all")
        self.controller.do(op)

    def reset_layout(self) -> None:
        view = self.current_view()
        placed = self.controller.doc.view.positions.get(view, {})
        if not placed:
            self.statusBar().showMessage("No card of this view was placed by hand", 4000)
            return
        op = ops.SetPositions(
            view, tuple((i, None) for i in placed), label=f"Reset the {VIEW_TITLES[view]} layout"
        )
        self.controller.do(op)

    # -- help -----------------------------------------------------------------------------------
    def about(self) -> None:
        from .. import __version__

        QMessageBox.about(
            self,
            "About Org Designer",
            f"<h3>Org Designer {__version__}</h3>"
            "<p>Draft reorganisations between single-threaded owners and functional "
            "hierarchies, validated live against the standards you agreed on.</p>",
        )

    def show_gestures(self) -> None:
        keys = QKeySequence(QKeySequence.StandardKey.Undo).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        QMessageBox.information(
            self,
            "Mouse and keyboard",
            "<p><b>People view</b>: drag a person onto their new line manager (their reports "
            "move along). Drop on empty space to place a card by hand.</p>"
            "<p><b>Teams view</b>: drag a member chip onto another team to move the person "
            "there (on an STO team they then report to its owner); drag a team onto its new "
            "parent team.</p>"
            "<p><b>Functions view</b>: drag a person onto their new functional manager "
            "(someone of another craft joins that leader's function).</p>"
            "<p><b>Functional lines</b>: select a person to see the dashed line to their "
            "functional manager, or a leader to see the lines from everyone they coach; "
            "View \u25b8 Functional lines shows them for the selection, all, or none.</p>"
            "<p>While dragging, the status bar says what the drop will do; a green outline "
            "means it will work, red that it is refused. Escape cancels. "
            f"Every drop is one step: {keys} takes it back.</p>"
            "<p>Ctrl+wheel zooms, dragging the background pans, right-click a card for more. "
            "The arrow keys move the selection: Up to the manager, Down to the first report, "
            "Left and Right to the siblings. Drag on the overview to move around; "
            "View > Focus on branch shows one subtree. "
            "Click a finding to find its subject.</p>",
        )


def main_window_for(path: str | None = None) -> MainWindow:
    """A main window on ``path`` (for scripts and tests)."""
    win = MainWindow()
    if path:
        win.open_path(path)
    return win


__all__ = ["MainWindow", "main_window_for", "settings"]
