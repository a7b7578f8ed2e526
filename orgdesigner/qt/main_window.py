"""The main window: the canvas with its three views, the menus, the findings, the status bar.

Everything the window does to the document goes through
``controller.do(op)`` with one of the core's operations, so each menu
command and each drop is one labelled undo step. What other parts of the app
build on (the workbench's docks and tools):

* ``window.controller``: the :class:`DocumentController`
* ``window.canvas``: the :class:`ChartView`, with ``centre_on(id)``
* ``window.menus``: the ``file``, ``edit``, ``view``, ``tools`` and ``help`` menus
* ``window.add_dock(widget, area)`` and ``window.current_view()``
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QToolButton,
    QUndoView,
    QWidget,
)

from ..core import io, ops
from ..core.importer import slug
from ..core.model import Document, Person, Team
from .app import FILE_FILTER, settings
from .canvas.legend import Legend
from .canvas.scene import VIEW_TITLES, VIEWS, ChartScene
from .canvas.style import COLOUR_MODES
from .canvas.view import ChartView
from .document import DocumentController
from .findings_dock import FindingsDock
from .icons import severity_icon, themed, view_icon

VIEW_TIPS = {
    "people": "People by line manager; drag a person onto their new manager",
    "teams": "Teams by parent team; drag a member chip onto another team, or a team onto "
    "its new parent",
    "functions": "One column per function; drag a person onto their new functional manager",
}
MAX_RECENT = 10


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


class MainWindow(QMainWindow):
    """One open organisation variant."""

    def __init__(
        self, controller: DocumentController | None = None, *, extensions: bool = True
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.controller = controller or DocumentController()
        self.scene = ChartScene(self.controller, self)
        self.canvas = ChartView(self.scene)
        self.setCentralWidget(self.canvas)
        # Overlays are children of the view, not of its viewport: the viewport's
        # children would scroll with the chart.
        self.legend = Legend(self.scene, self.canvas)
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
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._connect()
        self._update_title()
        self._update_counts()
        self._scene_rebuilt()
        self.canvas.installEventFilter(self)
        self.resize(1480, 920)
        self.resizeDocks([self.findings_dock], [420], Qt.Orientation.Horizontal)

        if extensions:
            # The docks and tools around the canvas; tests of the canvas alone skip them.
            from . import workbench
            from .compare import install_compare_actions

            workbench.install(self)
            install_compare_actions(self)
            if not settings().contains("window/state"):
                self._default_dock_sizes()

    def _default_dock_sizes(self) -> None:
        """First start: panels take what they need and the chart gets the rest."""
        areas = {
            Qt.DockWidgetArea.LeftDockWidgetArea: 270,
            Qt.DockWidgetArea.RightDockWidgetArea: 400,
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
    def _action(
        self,
        name: str,
        text: str,
        slot=None,
        *,
        shortcut=None,
        tip: str = "",
        checkable: bool = False,
        icon=None,
    ) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, list | tuple):
                act.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                act.setShortcut(QKeySequence(shortcut))
        if tip:
            act.setStatusTip(tip)
            act.setToolTip(f"{text.replace('&', '').rstrip('.…')}: {tip}" if tip else text)
        act.setCheckable(checkable)
        if icon is not None:
            act.setIcon(icon)
        if slot is not None:
            act.triggered.connect(slot)
        self.actions_by_name[name] = act
        return act

    def _build_actions(self) -> None:
        SK = QKeySequence.StandardKey
        a = self._action
        a(
            "new",
            "&New",
            self.new_document,
            shortcut=SK.New,
            icon=themed("document-new"),
            tip="Start an empty organisation",
        )
        a(
            "open",
            "&Open\u2026",
            self.open_dialog,
            shortcut=SK.Open,
            icon=themed("document-open"),
            tip="Open an organisation design (.orgd)",
        )
        a(
            "save",
            "&Save",
            self.save,
            shortcut=SK.Save,
            icon=themed("document-save"),
            tip="Save this variant",
        )
        a(
            "save_as",
            "Save &As\u2026",
            self.save_as,
            shortcut=SK.SaveAs,
            icon=themed("document-save-as"),
            tip="Save as a new variant, keeping the original",
        )
        a(
            "import",
            "&Import\u2026",
            self.import_dialog,
            shortcut="Ctrl+Shift+I",
            tip="Build an organisation from an HR export (CSV or XLSX)",
        )
        a(
            "export_chart",
            "Org &chart\u2026",
            lambda: self.export_dialog("chart"),
            shortcut="Ctrl+E",
            tip="Export the chart as PDF, SVG or PNG",
        )
        a(
            "export_roles",
            "&Role definitions\u2026",
            lambda: self.export_dialog("roles"),
            tip="Export the role-definition document as PDF or Markdown",
        )
        a(
            "export_findings",
            "&Validation report\u2026",
            lambda: self.export_dialog("findings"),
            tip="Export the findings as a PDF report",
        )
        a(
            "quit",
            "&Quit",
            self.close,
            shortcut=SK.Quit,
            icon=themed("application-exit"),
            tip="Close the window (asks about unsaved changes)",
        ).setMenuRole(QAction.MenuRole.QuitRole)

        stack = self.controller.undo_stack
        undo = stack.createUndoAction(self, "&Undo")
        undo.setShortcuts(QKeySequence.keyBindings(SK.Undo))
        undo.setIcon(themed("edit-undo"))
        redo = stack.createRedoAction(self, "&Redo")
        redo.setShortcuts(QKeySequence.keyBindings(SK.Redo))
        redo.setIcon(themed("edit-redo"))
        self.actions_by_name["undo"] = undo
        self.actions_by_name["redo"] = redo
        a(
            "delete",
            "&Delete",
            self.delete_selected,
            shortcut=SK.Delete,
            icon=themed("edit-delete"),
            tip="Delete the selected people or teams",
        )
        a(
            "add_person",
            "Add &person\u2026",
            self.add_person_here,
            tip="Add a person: a report of the selected person, or at the top",
        )
        a(
            "add_team",
            "Add &team\u2026",
            self.add_team_here,
            tip="Add a team: under the selected team, or owned by the selected person",
        )
        a(
            "add_vacancy",
            "Add &vacancy\u2026",
            self.add_vacancy_here,
            tip="Add an open position of a role, on the selected team or under the selected person",
        )
        a(
            "select_none",
            "Select &none",
            lambda: self.controller.select([]),
            shortcut="Ctrl+Shift+A",
        )

        group = QActionGroup(self)
        group.setExclusive(True)
        for i, name in enumerate(VIEWS, start=1):
            act = a(
                f"view_{name}",
                f"&{VIEW_TITLES[name]}",
                checkable=True,
                shortcut=f"Ctrl+{i}",
                tip=VIEW_TIPS[name],
                icon=view_icon(name),
            )
            act.triggered.connect(lambda _=False, n=name: self.set_view(n))
            group.addAction(act)
        self.actions_by_name["view_people"].setChecked(True)
        a(
            "zoom_in",
            "Zoom &in",
            self.canvas.zoom_in,
            shortcut=SK.ZoomIn,
            icon=themed("zoom-in"),
            tip="Make the cards bigger",
        )
        self.actions_by_name["zoom_in"].setShortcuts(
            [QKeySequence(SK.ZoomIn), QKeySequence("Ctrl+=")]
        )
        a(
            "zoom_out",
            "Zoom &out",
            self.canvas.zoom_out,
            shortcut=SK.ZoomOut,
            icon=themed("zoom-out"),
            tip="See more of the organisation",
        )
        a(
            "zoom_reset",
            "&Actual size",
            self.canvas.reset_zoom,
            shortcut="Ctrl+0",
            icon=themed("zoom-original"),
        )
        a(
            "fit",
            "&Fit to window",
            lambda: self.canvas.fit(max_zoom=1.5),
            shortcut="Ctrl+9",
            icon=themed("zoom-fit-best"),
            tip="Show the whole chart",
        )
        a(
            "functional_lines",
            "Show &functional lines",
            self._toggle_functional_lines,
            shortcut="Ctrl+L",
            checkable=True,
            tip="Draw dotted lines from each functional manager to the people they coach",
        )
        a("legend", "Show &legend", self._toggle_legend, checkable=True)
        self.actions_by_name["legend"].setChecked(True)
        colour_group = QActionGroup(self)
        for mode, text, tip in (
            ("function", "by &Function", "Colour each card by its function"),
            ("model", "by Team &model", "Colour by team model: STO, functional or service"),
            ("grade", "by &Grade", "Colour each card by its person's grade (a team: its owner's)"),
            ("findings", "by F&indings", "Colour by the worst finding about each card"),
            ("cost", "by &Cost band", "Colour by cost: each position's, each team's in all"),
        ):
            act = a(f"colour_{mode}", text, checkable=True, tip=tip)
            act.triggered.connect(lambda _=False, m=mode: self.set_colour_mode(m))
            colour_group.addAction(act)
        self.actions_by_name["colour_function"].setChecked(True)
        a(
            "collapse",
            "&Collapse or expand",
            self.toggle_collapse_selected,
            shortcut="Ctrl+.",
            tip="Fold or unfold what is below the selected card",
        )
        a("expand_all", "&Expand all", self.expand_all, tip="Unfold every folded card")
        a(
            "reset_layout",
            "&Reset layout",
            self.reset_layout,
            tip="Forget the cards placed by hand in this view and tidy the chart",
        )
        a(
            "next_finding",
            "&Next finding",
            lambda: self.step_finding(1),
            shortcut="F8",
            tip="Select and centre the subject of the next finding",
        )
        a(
            "prev_finding",
            "&Previous finding",
            lambda: self.step_finding(-1),
            shortcut="Shift+F8",
            tip="Select and centre the subject of the previous finding",
        )
        a("about", "&About Org Designer", self.about)
        self.actions_by_name["about"].setMenuRole(QAction.MenuRole.AboutRole)
        a("gestures", "&Mouse and keyboard", self.show_gestures, shortcut=SK.HelpContents)

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
        view.addSeparator()
        view.addAction(A["functional_lines"])
        colour = view.addMenu("&Colour cards")
        for mode in COLOUR_MODES:
            colour.addAction(A[f"colour_{mode}"])
        view.addAction(A["legend"])
        view.addSeparator()
        view.addAction(A["collapse"])
        view.addAction(A["expand_all"])
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
        colour = QToolButton(self)
        colour.setText("Colour")
        colour.setToolTip("Colour the cards by function, team model, grade or findings")
        colour.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(colour)
        for mode in COLOUR_MODES:
            menu.addAction(A[f"colour_{mode}"])
        colour.setMenu(menu)
        colour.setObjectName("colourButton")
        self.colour_button = colour
        tb.addWidget(colour)
        fl = A["functional_lines"]
        fl.setIconText("Functional lines")
        tb.addAction(fl)
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
        self.zoom_label = QLabel("100%")
        self.zoom_label.setObjectName("zoomLabel")
        self.zoom_label.setMinimumWidth(48)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.zoom_label.setToolTip("Zoom (Ctrl+wheel, Ctrl++ / Ctrl+-)")
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
        c.findingsChanged.connect(lambda _r: self._update_counts())
        c.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 8000))
        c.changed.connect(self._doc_changed)
        c.selectionChanged.connect(self._selection_changed)
        self.scene.statusMessage.connect(self._scene_status)
        self.scene.contextMenuWanted.connect(self._context_menu)
        self.scene.cardActivated.connect(self.show_details)
        self.scene.rebuilt.connect(self._scene_rebuilt)
        self.canvas.zoomChanged.connect(
            lambda z: self.zoom_label.setText(f"{z * 100:.0f}%" if z >= 0.01 else f"{z * 100:.1f}%")
        )
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
    def _toggle_functional_lines(self, on: bool) -> None:
        self.scene.set_functional_lines(on)
        self.legend.refresh()

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
            self.controller.select(list(f.subjects))
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

    # -- files ------------------------------------------------------------------------------------
    def ask_save_changes(self) -> str:
        """Save, discard or cancel? (Tests replace this.)"""
        name = self.controller.doc.name or "this organisation"
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Unsaved changes",
            f"Save the changes to \u201c{name}\u201d?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText("Your changes are lost if you don't save them.")
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        return {
            QMessageBox.StandardButton.Save: "save",
            QMessageBox.StandardButton.Discard: "discard",
        }.get(QMessageBox.StandardButton(answer), "cancel")

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document (saved, discarded or unchanged)."""
        if not self.controller.modified:
            return True
        answer = self.ask_save_changes()
        if answer == "save":
            return self.save()
        return answer == "discard"

    def new_document(self) -> None:
        if not self.maybe_save():
            return
        self.controller.replace(Document.new("Untitled organisation"), None)
        self.canvas.show_start()

    def choose_open_path(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Open an organisation", self._last_dir(), FILE_FILTER
        )
        return path or None

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path = self.choose_open_path()
        if path:
            self.open_path(path)

    def open_path(self, path: str, *, remember: bool = True, check_unsaved: bool = False) -> bool:
        """Open ``path``; a file that cannot be read is explained and nothing changes."""
        if check_unsaved and not self.maybe_save():
            return False
        try:
            doc, stamp = io.load_stamped(path)
        except io.LoadError as exc:
            self.show_error("Cannot open this file", str(exc))
            self._forget_recent(path)
            return False
        except OSError as exc:
            self.show_error("Cannot open this file", f"{path}: {exc.strerror or exc}")
            self._forget_recent(path)
            return False
        if remember:
            self.controller.replace(doc, path, stamp=stamp)
            self._remember(path)
        else:
            # A bundled example is a template: saving it asks where, never over the example.
            self.controller.replace(doc, None)
        self.canvas.show_start()
        self.statusBar().showMessage(
            f"Opened {Path(path).name}: {len(doc.people)} people, {len(doc.teams)} teams", 6000
        )
        return True

    def choose_save_path(self) -> str | None:
        doc = self.controller.doc
        start = self.controller.path or Path(self._last_dir()) / f"{slug(doc.name) or 'org'}.orgd"
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the organisation as", str(start), FILE_FILTER
        )
        if not path:
            return None
        if not Path(path).suffix:
            path += ".orgd"
        return path

    def save(self) -> bool:
        if self.controller.path is None:
            return self.save_as()
        return self._save_to(None)

    def save_as(self) -> bool:
        path = self.choose_save_path()
        if not path:
            return False
        return self._save_to(path)

    def _save_to(self, path: str | None) -> bool:
        try:
            self.controller.save(path)
        except io.SaveError as exc:
            self.show_error("Not saved", str(exc))
            return False
        except OSError as exc:
            self.show_error("Not saved", str(exc))
            return False
        assert self.controller.path is not None
        self._remember(str(self.controller.path))
        self.statusBar().showMessage(f"Saved {self.controller.path.name}", 4000)
        return True

    def show_error(self, title: str, text: str) -> None:
        """Tell the user something failed. (Tests replace this.)"""
        QMessageBox.critical(self, title, text)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.maybe_save():
            event.accept()
        else:
            event.ignore()

    # -- recent files ---------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = settings().value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or []) if v]

    def _remember(self, path: str) -> None:
        path = str(Path(path).resolve())
        files = [path] + [p for p in self.recent_files() if p != path]
        s = settings()
        s.setValue("recentFiles", files[:MAX_RECENT])
        s.setValue("lastDir", str(Path(path).parent))

    def _forget_recent(self, path: str) -> None:
        resolved = str(Path(path).resolve())
        files = [p for p in self.recent_files() if p != resolved]
        settings().setValue("recentFiles", files)

    def _last_dir(self) -> str:
        return str(settings().value("lastDir", "") or Path.home())

    def _fill_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        files = self.recent_files()
        for i, path in enumerate(files, start=1):
            act = menu.addAction(f"&{i % 10} {Path(path).name}")
            act.setStatusTip(path)
            act.setToolTip(path)
            act.triggered.connect(lambda _=False, p=path: self.open_path(p, check_unsaved=True))
        if not files:
            act = menu.addAction("No recent files")
            act.setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction("Clear list", lambda: settings().setValue("recentFiles", []))

    # -- import and export -----------------------------------------------------------------------
    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Import people from an HR export",
            self._last_dir(),
            "Spreadsheets (*.csv *.xlsx *.tsv *.txt);;All files (*)",
        )
        if path:
            self.import_from(path)

    def import_from(self, path: str) -> bool:
        """Run the import dialog on ``path``; the result opens as a new, unsaved document."""
        from .import_dialog import ImportDialog, ImportFailed

        if not self.maybe_save():
            return False
        try:
            dlg = ImportDialog(path, self)
        except ImportFailed as exc:
            where = f"{Path(path).name}: " if exc.line else ""
            self.show_error("Cannot import this file", f"{where}{exc}")
            return False
        if not dlg.exec():
            return False
        doc = dlg.result_document()
        if doc is None:
            return False
        self.controller.replace(doc, None, modified=True)
        self.canvas.show_start()
        self.statusBar().showMessage(
            f"Imported {len(doc.people)} people from {Path(path).name}; save to keep them", 8000
        )
        return True

    def export_dialog(self, kind: str) -> None:
        from .export_dialog import ExportDialog

        dlg = ExportDialog(
            kind,
            self.controller,
            self,
            view=self.current_view(),
            functional_lines=self.scene.functional_lines,
        )
        dlg.exec()

    # -- editing ------------------------------------------------------------------------------
    def ask_text(self, title: str, label: str, default: str = "") -> str | None:
        """One line of text from the user, or None. (Tests replace this.)"""
        text, ok = QInputDialog.getText(self, title, label, text=default)
        text = " ".join(text.split())
        return text if ok and text else None

    def ask_role(self, title: str = "Add vacancy") -> str | None:
        """A role picked from the document's roles, or None. (Tests replace this.)"""
        doc = self.controller.doc
        if not doc.roles:
            self.show_error(
                title,
                "There are no roles in this document yet: add roles in the role library first.",
            )
            return None
        labels = []
        for r in doc.roles:
            fn = doc.function(r.function)
            labels.append(f"{r.title or r.id}" + (f" ({fn.name or fn.id})" if fn else ""))
        # The dialog hands back a label: two roles may share one, so those show their ID too.
        repeated = {lab for lab, n in Counter(labels).items() if n > 1}
        choices = {
            (f"{lab} [{r.id}]" if lab in repeated else lab): r.id
            for lab, r in zip(labels, doc.roles, strict=True)
        }
        choice, ok = QInputDialog.getItem(
            self, title, "Role of the open position:", list(choices), 0, False
        )
        if not ok:
            return None
        return choices.get(choice)

    def _selected(self, kind: str) -> str | None:
        doc = self.controller.doc
        for i in self.controller.selection:
            if doc.get(kind, i) is not None:
                return i
        return None

    def _owned_team(self, person: str) -> str | None:
        return next((t.id for t in self.controller.doc.teams if t.owner == person), None)

    def _team_manager(self, team: str) -> str | None:
        """Whom a newcomer to ``team`` reports to: its owner on an STO team, else nobody."""
        return ops.new_line_manager(self.controller.doc, "", team)

    def _do_and_select(self, op: ops.Op, new_id: str) -> bool:
        if self.controller.do(op):
            self.controller.select([new_id])
            self.canvas.centre_on(new_id)
            self.statusBar().showMessage(op.label, 5000)
            return True
        return False

    def add_person(
        self, *, manager: str | None = None, team: str | None = None, name: str | None = None
    ) -> bool:
        """Add a person reporting to ``manager`` on ``team`` (asks the name if not given)."""
        name = name or self.ask_text("Add person", "Name:", "New person")
        if not name:
            return False
        doc = self.controller.doc
        pid = ops.new_id(doc, "person", f"p-{slug(name) or 'new'}")
        person = Person(id=pid, name=name, manager=manager, team=team)
        return self._do_and_select(ops.add_person(doc, person), pid)

    def add_report(self, person: str) -> bool:
        p = self.controller.doc.person(person)
        team = self._owned_team(person) or (p.team if p else None)
        return self.add_person(manager=person, team=team)

    def add_peer(self, person: str) -> bool:
        p = self.controller.doc.person(person)
        if p is None:
            return False
        return self.add_person(manager=p.manager, team=p.team)

    def add_team(
        self, *, parent: str | None = None, owner: str | None = None, name: str | None = None
    ) -> bool:
        name = name or self.ask_text("Add team", "Team name:", "New team")
        if not name:
            return False
        doc = self.controller.doc
        tid = ops.new_id(doc, "team", f"t-{slug(name) or 'new'}")
        team = Team(id=tid, name=name, parent=parent, owner=owner)
        op = ops.add_team(doc, team)
        if owner and doc.person(owner) is not None:
            p = doc.person(owner)
            if p is not None and p.team is None:
                op = ops.Composite((op, ops.SetField("person", owner, "team", tid)), label=op.label)
        return self._do_and_select(op, tid)

    def add_vacancy(
        self, *, team: str | None = None, manager: str | None = None, role: str | None = None
    ) -> bool:
        role = role or self.ask_role()
        if not role:
            return False
        doc = self.controller.doc
        op = ops.add_vacancy(doc, role, team=team, manager=manager)
        new_id = op.entity.id  # type: ignore[attr-defined]
        return self._do_and_select(op, new_id)

    def add_person_here(self) -> None:
        person = self._selected("person")
        team = self._selected("team")
        if person:
            self.add_report(person)
        elif team:
            self.add_person(manager=self._team_manager(team), team=team)
        else:
            self.add_person()

    def add_team_here(self) -> None:
        person = self._selected("person")
        team = self._selected("team")
        if team:
            self.add_team(parent=team)
        elif person:
            p = self.controller.doc.person(person)
            parent = self._owned_team(person) or (p.team if p else None)
            self.add_team(parent=parent, owner=person)
        else:
            self.add_team()

    def add_vacancy_here(self) -> None:
        person = self._selected("person")
        team = self._selected("team")
        if team:
            self.add_vacancy(team=team)
        elif person:
            self.add_vacancy(manager=person, team=self._owned_team(person))
        else:
            self.statusBar().showMessage(
                "Select a team or a person first: the open position "
                "goes on that team or reports to that person",
                6000,
            )

    def make_owner(self, team: str, person: str) -> bool:
        try:
            op = ops.make_owner(self.controller.doc, team, person)
        except ops.OpRefused as exc:
            self.statusBar().showMessage(f"Not possible: {exc}", 6000)
            return False
        return self.controller.do(op)

    def confirm_delete(self, title: str, lines: list[str]) -> bool:
        """Ask before deleting, listing what else changes. (Tests replace this.)"""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            title,
            title + "?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText("Delete")
        box.setInformativeText("\n".join(lines) if lines else "Nothing else changes.")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def delete_consequences(self, ids: list[tuple[str, str]]) -> list[str]:
        doc = self.controller.doc
        lines: list[str] = []
        for kind, id_ in ids:
            if kind == "person":
                found = ops.delete_consequences(doc, id_)
            else:
                t = doc.team(id_)
                found = []
                subs = [o for o in doc.teams if o.parent == id_ and o.id != id_]
                members = [p for p in doc.people if p.team == id_]
                if subs:
                    up = doc.team(t.parent) if t and t.parent else None
                    where = (up.name or up.id) if up else "the top level"
                    found.append(f"{len(subs)} sub-team(s) move up to {where}.")
                if members:
                    found.append(f"{len(members)} member(s) are left without a team.")
            if len(ids) > 1:
                found = [f"{self.scene._name(id_)}: {line}" for line in found]
            lines += found
        return lines

    def delete_selected(self) -> bool:
        doc = self.controller.doc
        ids: list[tuple[str, str]] = []
        for i in self.controller.selection:
            if doc.person(i) is not None:
                ids.append(("person", i))
            elif doc.team(i) is not None:
                ids.append(("team", i))
        if not ids:
            self.statusBar().showMessage("Select people or teams to delete", 4000)
            return False
        return self.delete(ids)

    def delete(self, ids: list[tuple[str, str]]) -> bool:
        names = [self.scene._name(i) for _, i in ids]
        if len(ids) == 1:
            what = names[0] if ids[0][0] == "person" else f"team {names[0]}"
        else:
            what = f"{len(ids)} items"
        title = f"Delete {what}"
        if not self.confirm_delete(title, self.delete_consequences(ids)):
            return False
        doc = self.controller.doc
        if len(ids) == 1:
            kind, id_ = ids[0]
            op = ops.delete_person(doc, id_) if kind == "person" else ops.delete_team(doc, id_)
        else:
            op = ops.delete_many(doc, ids, label=title)
        ok = self.controller.do(op)
        if ok:
            self.statusBar().showMessage(f"{title}. Undo brings it back.", 6000)
        return ok

    # -- the canvas context menu ---------------------------------------------------------------
    def _context_menu(self, id_: str, kind: str, pos) -> None:
        menu = self.context_menu(id_, kind)
        if not menu.isEmpty():
            menu.exec(pos)

    def context_menu(self, id_: str, kind: str) -> QMenu:
        """The menu for a right-click on ``id_`` (a card or a chip) or on the background."""
        doc = self.controller.doc
        menu = QMenu(self)
        p = doc.person(id_)
        t = doc.team(id_)
        fn = doc.function(id_)
        if p is not None:
            name = doc.display_name(p)
            menu.addAction(f"Add report to {name}\u2026", lambda: self.add_report(id_))
            if p.manager or p.team:
                menu.addAction(f"Add peer of {name}\u2026", lambda: self.add_peer(id_))
            menu.addAction(
                f"Add vacancy under {name}\u2026",
                lambda: self.add_vacancy(manager=id_, team=self._owned_team(id_)),
            )
            menu.addAction(
                f"Add team owned by {name}\u2026",
                lambda: self.add_team(parent=self._owned_team(id_) or p.team, owner=id_),
            )
            team = doc.team(p.team)
            if team is not None and team.owner != id_:
                menu.addAction(
                    f"Make owner of {team.name or team.id}", lambda: self.make_owner(team.id, id_)
                )
            menu.addSeparator()
            self._add_collapse(menu, id_)
            menu.addAction(
                self._icon_action(
                    f"Delete {name}\u2026",
                    "edit-delete",
                    lambda: self.delete([("person", id_)]),
                    menu,
                )
            )
        elif t is not None:
            name = t.name or t.id
            menu.addAction(
                f"Add person to {name}\u2026",
                lambda: self.add_person(team=id_, manager=self._team_manager(id_)),
            )
            menu.addAction(f"Add vacancy to {name}\u2026", lambda: self.add_vacancy(team=id_))
            menu.addAction(f"Add sub-team of {name}\u2026", lambda: self.add_team(parent=id_))
            model = doc.model_of(t)
            other = "functional" if model == "sto" else "sto"
            menu.addAction(
                "Make it a single-threaded (STO) team"
                if other == "sto"
                else "Make it a functional (three-legged stool) team",
                lambda: self.controller.do(ops.set_team_model(doc, id_, other)),
            )
            menu.addSeparator()
            self._add_collapse(menu, id_)
            menu.addAction(
                self._icon_action(
                    f"Delete team {name}\u2026",
                    "edit-delete",
                    lambda: self.delete([("team", id_)]),
                    menu,
                )
            )
        elif fn is not None:
            leader = doc.person(fn.leader)
            if leader is not None:
                menu.addAction(
                    f"Show leader: {doc.display_name(leader)}",
                    lambda: (self.controller.select([leader.id]), self.canvas.centre_on(leader.id)),
                )
        else:
            view = self.current_view()
            if view == "teams":
                menu.addAction("Add team\u2026", lambda: self.add_team())
            menu.addAction("Add person\u2026", lambda: self.add_person())
            if view != "teams":
                menu.addAction("Add team\u2026", lambda: self.add_team())
            menu.addSeparator()
            menu.addAction(self.actions_by_name["fit"])
            menu.addAction(self.actions_by_name["reset_layout"])
            menu.addAction(self.actions_by_name["expand_all"])
        return menu

    def _icon_action(self, text: str, icon: str, slot, parent) -> QAction:
        act = QAction(themed(icon), text, parent)
        act.triggered.connect(slot)
        return act

    def _add_collapse(self, menu: QMenu, id_: str) -> None:
        collapsed = id_ in self.controller.doc.view.collapsed
        item = self.scene.card_for(id_)
        has_children = (
            item is not None
            and item.children_count > 0
            and item.id == self.scene.entity_card.get(id_, id_)
        )
        if collapsed:
            menu.addAction("Expand subtree", lambda: self.scene.toggle_collapsed(id_))
        elif has_children:
            menu.addAction("Collapse subtree", lambda: self.scene.toggle_collapsed(id_))

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
            "<p><b>Functions view</b>: drag a person onto their new functional manager.</p>"
            "<p>While dragging, the status bar says what the drop will do; a green outline "
            "means it will work, red that it is refused. Escape cancels. "
            f"Every drop is one step: {keys} takes it back.</p>"
            "<p>Ctrl+wheel zooms, dragging the background pans, right-click a card for more. "
            "Click a finding to find its subject.</p>",
        )


def main_window_for(path: str | None = None) -> MainWindow:
    """A main window on ``path`` (for scripts and tests)."""
    win = MainWindow()
    if path:
        win.open_path(path)
    return win


__all__ = ["MainWindow", "main_window_for", "settings"]
