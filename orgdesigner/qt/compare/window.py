"""The compare window: two variants side by side, with what changed between them.

Two read-only canvases (A, before, on the left; B, after, on the right) show
the same view. They open on the same subject, and zooming or scrolling one
brings the other to the card nearest its centre (sync.py), so both sides show
the same people even where the layouts differ; Fit shows both charts whole.
What changed is outlined and tagged in the terms of the view shown: moved and
changed on both sides, added only on B, removed only on A (a legend of the
kinds says what "moved" means here). Below them, the change list in sentences
(moves, added, removed, changes by kind, document settings, findings only on
one side): a row selects and centres its person or team on both sides, and a
click on a card selects the same entity on the other side. Next to it, the
figures and the cost of both with their change. From here a variant can be opened for editing, and
the comparison exported as a PDF report.

``install_compare_actions(window)`` adds File > Compare with... and the
Tools menu's "Generate STO variant" and "Generate three-legged-stool
variant" to a main window: a generated variant opens here beside the
original, so the designer sees what it would mean before keeping it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QFont,
    QKeySequence,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import io
from ...core import ops as core_ops
from ...core.change_list import Mark, change_groups, change_marks, entity_kind, mark_counts
from ...core.diff import (
    Diff,
    churn_sentence,
    diff,
    figure_rows,
)
from ...core.model import Document
from ...core.palette import SEVERITY_COLOURS
from ...core.text import slug
from ...core.transform import Decision
from ..canvas.readonly import SCENE_MARGIN, VIEW_TITLES, VIEWS
from ..document import DocumentController
from .cost import CostComparisonView
from .marks import status_colour
from .plan import install_plan_tab
from .sync import READABLE_ZOOM, START_ZOOM, ViewSync, base_scale
from .widgets import Legend, SidePane, figures_detail

SIDES = ("a", "b")
FIT_MARGIN = 20  # pixels between a fitted chart and the edge of its pane
REPORT_FILTER = "PDF documents (*.pdf)"


class CompareWindow(QMainWindow):
    """Two organisation variants side by side: ``a`` (left) and ``b`` (right).

    ``a`` and ``b`` are documents (copied: the window never changes them) or
    paths to .orgd files. A file that cannot be read is named in a banner
    instead of raising. ``notes`` are shown above the canvases (what a
    generated variant could not do). ``a_path`` / ``b_path`` name the file a
    document was read from (shown in the header, used to reopen it);
    ``origins`` replaces what the header says about where a side comes from.
    """

    openForEditing = Signal(str)  # "a" or "b"

    def __init__(
        self,
        a: Document | str | os.PathLike[str],
        b: Document | str | os.PathLike[str],
        parent: QWidget | None = None,
        *,
        a_label: str | None = None,
        b_label: str | None = None,
        notes: list[str] | None = None,
        a_path: str | os.PathLike[str] | None = None,
        b_path: str | os.PathLike[str] | None = None,
        origins: dict[str, str] | None = None,
        editor: Callable[[], Any] | None = None,
        decisions: list[Decision] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compareWindow")
        self.decisions = list(decisions or [])
        # Makes the window a variant opens in for editing (the app's main window);
        # without one, "open for editing" only emits openForEditing.
        self.editor = editor
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, parent is not None)
        self.paths: dict[str, Path | None] = {}
        self.originals: dict[str, Document] = {}
        self.load_errors: dict[str, str] = {}
        self.notes = list(notes or [])
        self.origins = dict(origins or {})
        labels = {"a": a_label, "b": b_label}
        self.labels: dict[str, str] = {}
        self.controllers: dict[str, DocumentController] = {}
        for side, source in (("a", a), ("b", b)):
            doc, path = self._load(side, source)
            given = a_path if side == "a" else b_path
            if given is not None and path is None:
                path = Path(given)  # a document already read from this file
            self.originals[side] = doc
            self.paths[side] = path
            self.labels[side] = labels[side] or doc.name or (path.stem if path else side.upper())
            # The window's own copy: collapsing subtrees here must not touch the original.
            copy = doc.model_copy(deep=True)
            copy.forget_index()
            self.controllers[side] = DocumentController(copy, None, self)
        self.editors: list[QWidget] = []  # main windows opened from here, kept alive
        self._quiet = False  # set while the window itself moves the selection
        self._started = False
        self._touched = False  # the user has moved a view: stop placing the first look

        self.panes = {s: SidePane(s, self.controllers[s]) for s in SIDES}
        self.scenes = {s: self.panes[s].scene for s in SIDES}
        self.views = {s: self.panes[s].view for s in SIDES}
        self.sync = ViewSync(self.views["a"], self.views["b"])

        self.diff = self._compute_diff()
        # What each view outlines, on each side: view -> side -> ID -> Mark.
        self.marks_by_view = {
            v: change_marks(self.diff, v) if not self.load_errors else {"a": {}, "b": {}}
            for v in VIEWS
        }

        self._build()
        for s in SIDES:
            self.scenes[s].set_marks({v: self.marks_by_view[v][s] for v in VIEWS})
            self.scenes[s].rebuilt.connect(self._scenes_rebuilt)
            self.scenes[s].toggleRequested.connect(self.toggle_collapsed)
            self.scenes[s].picked.connect(lambda ref, s=s: self._picked(s, ref))
            self.controllers[s].selectionChanged.connect(
                lambda ids, s=s: self._selection_changed(s, ids)
            )
            self.panes[s].editRequested.connect(lambda s=s: self.open_variant_for_editing(s))
        for s in SIDES:
            self.views[s].viewport().installEventFilter(self)
        self._unite_scene_rects()
        self._fill()
        self.resize(1500, 940)

    # -- loading --------------------------------------------------------------------------
    def _load(
        self, side: str, source: Document | str | os.PathLike[str]
    ) -> tuple[Document, Path | None]:
        if isinstance(source, Document):
            return source, None
        path = Path(source)
        try:
            return io.load(path), path
        except io.LoadError as exc:
            self.load_errors[side] = str(exc)
        except OSError as exc:
            self.load_errors[side] = f"{path}: {exc.strerror or exc}"
        return Document.new(f"{path.name} (could not be opened)"), path

    def _compute_diff(self) -> Diff:
        ca, cb = self.controllers["a"], self.controllers["b"]
        return diff(ca.doc, cb.doc, reports=(ca.report, cb.report))

    # -- building -------------------------------------------------------------------------
    def _build(self) -> None:
        self.setWindowTitle(f"Compare: {self.labels['a']} \u2194 {self.labels['b']}")
        self.actions_by_name: dict[str, QAction] = {}
        bar = QToolBar("Compare", self)
        bar.setObjectName("compareToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        self.toolbar = bar
        group = QActionGroup(self)
        for i, name in enumerate(VIEWS, start=1):
            act = QAction(VIEW_TITLES[name], self)
            act.setCheckable(True)
            act.setShortcut(QKeySequence(f"Ctrl+{i}"))
            act.setToolTip(f"Show the {VIEW_TITLES[name]} view on both sides")
            act.triggered.connect(lambda _=False, n=name: self.set_view(n))
            group.addAction(act)
            bar.addAction(act)
            self.actions_by_name[f"view_{name}"] = act
        self.actions_by_name["view_people"].setChecked(True)
        bar.addSeparator()
        SK = QKeySequence.StandardKey
        for name, text, slot, key, tip in (
            ("zoom_in", "Zoom in", self.zoom_in, SK.ZoomIn, "Bigger cards on both sides"),
            ("zoom_out", "Zoom out", self.zoom_out, SK.ZoomOut, "More of both organisations"),
            (
                "fit",
                "Fit",
                self.fit,
                QKeySequence("Ctrl+9"),
                "Show both charts whole, at the same zoom",
            ),
        ):
            act = QAction(text, self)
            act.setShortcut(QKeySequence(key))
            act.setToolTip(tip)
            act.triggered.connect(slot)
            bar.addAction(act)
            self.actions_by_name[name] = act
        lines = QAction("Functional lines", self)
        lines.setCheckable(True)
        lines.setShortcut(QKeySequence("Ctrl+L"))
        lines.setToolTip("Draw dotted lines from each functional manager to the people they coach")
        lines.toggled.connect(self.set_functional_lines)
        bar.addAction(lines)
        self.actions_by_name["functional_lines"] = lines
        bar.addSeparator()
        report = QAction("Export comparison report\u2026", self)
        report.setToolTip("Write what changed, with the figures, as a PDF to hand out")
        report.triggered.connect(self.export_report_dialog)
        report.setEnabled(not self.load_errors)
        bar.addAction(report)
        self.actions_by_name["export_report"] = report
        close = QAction("Close", self)
        close.setShortcut(QKeySequence(SK.Close))
        close.triggered.connect(self.close)
        self.addAction(close)

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner = QLabel()
        self.banner.setObjectName("compareBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setContentsMargins(10, 6, 10, 6)
        self.banner.hide()
        outer.addWidget(self.banner)
        self.legend = Legend()
        outer.addWidget(self.legend)

        self.sides = QSplitter(Qt.Orientation.Horizontal)
        self.sides.setObjectName("compareSides")
        self.sides.setChildrenCollapsible(False)
        self.sides.setHandleWidth(8)  # a visible gap: the two charts never run together
        for s in SIDES:
            self.sides.addWidget(self.panes[s])
        self.sides.setSizes([1, 1])

        self.summary = QLabel()
        self.summary.setObjectName("compareSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.changes = QTreeWidget()
        self.changes.setObjectName("changeList")
        self.changes.setHeaderHidden(True)
        self.changes.setRootIsDecorated(True)
        self.changes.setUniformRowHeights(True)
        self.changes.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.changes.currentItemChanged.connect(self._row_changed)
        self.changes.itemClicked.connect(lambda item, _c=0: self._row_activated(item))
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(8, 6, 4, 6)
        ll.setSpacing(4)
        heading = QLabel("<b>What changed</b> \u2014 click a row to find it on both sides")
        ll.addWidget(heading)
        ll.addWidget(self.summary)
        ll.addWidget(self.changes, 1)

        self.figures = QTableWidget(0, 4)
        self.figures.setObjectName("figuresTable")
        self.figures.setHorizontalHeaderLabels(["Figure", "A", "B", "Change"])
        self.figures.verticalHeader().hide()
        self.figures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.figures.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.figures.setAlternatingRowColors(True)
        self.figures.setShowGrid(False)
        # Compact rows: the fourteen figures fit without scrolling.
        self.figures.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        hh = self.figures.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        # Figures and cost as tabs: each gets the column's full height (at 768 px
        # stacked they showed three rows each).
        right = QTabWidget()
        right.setObjectName("compareFigureTabs")
        right.setDocumentMode(True)
        right.addTab(self.figures, "Figures")
        self.cost_view = CostComparisonView()
        cost_page = QWidget()
        cl = QVBoxLayout(cost_page)
        cl.setContentsMargins(6, 6, 6, 6)
        cl.addWidget(self.cost_view, 1)
        right.addTab(cost_page, "Cost")
        self.figure_tabs = right

        self.bottom = QSplitter(Qt.Orientation.Horizontal)
        self.bottom.setObjectName("compareBottom")
        # The Changes, Plan and Decisions tabs (compare/plan.py).
        self.bottom.addWidget(install_plan_tab(self, left, self.decisions))
        self.bottom.addWidget(right)
        self.bottom.setStretchFactor(0, 3)
        self.bottom.setStretchFactor(1, 1)
        self.bottom.setSizes([1000, 380])
        self.bottom.setChildrenCollapsible(False)

        self.main_split = QSplitter(Qt.Orientation.Vertical)
        self.main_split.setObjectName("compareMain")
        self.main_split.addWidget(self.sides)
        self.main_split.addWidget(self.bottom)
        self.main_split.setStretchFactor(0, 3)
        self.main_split.setStretchFactor(1, 2)
        self.main_split.setSizes([600, 300])
        outer.addWidget(self.main_split, 1)
        self.setCentralWidget(central)

        # Made now, not on the first message: a status bar appearing later would
        # shrink the canvases under the user's eyes.
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoomLabel")
        self.zoom_label.setToolTip("Zoom of both sides (Ctrl+wheel, Ctrl++ / Ctrl+-)")
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.views["a"].zoomChanged.connect(self._show_zoom)
        self._show_zoom(self.views["a"].zoom())

    def _fill(self) -> None:
        """Headers, banner, legend counts, change list and figures from the diff."""
        d = self.diff
        for s in SIDES:
            c = self.controllers[s]
            path = self.paths[s]
            where = self.origins.get(s) or (path.name if path else "not saved")
            self.panes[s].set_header(
                self.labels[s],
                f"{where} \u00b7 " + figures_detail(c.doc, c.report.summary()),
                # The organisation's own name, when the title says something else.
                "\n".join(
                    t
                    for t in (c.doc.name if c.doc.name != self.labels[s] else "", str(path or ""))
                    if t
                ),
            )
        problems = [
            f"{s.upper()} could not be opened: {msg}" for s, msg in self.load_errors.items()
        ]
        if problems:
            self._set_banner("\n".join(problems), error=True)
        elif self.notes:
            n = len(self.notes)
            self._set_banner(
                f"{n} change{'s were' if n != 1 else ' was'} left out: "
                + " ".join(self.notes[:3])
                + (f" (and {n - 3} more)" if n > 3 else "")
            )
            self.banner.setToolTip("\n".join(self.notes))
        self._show_legend()

        self.changes.clear()
        if self.load_errors:
            self.summary.setText("Nothing to compare until both files open.")
        elif d.is_empty():
            self.summary.setText(
                "No changes: both variants have the same people, teams, roles, "
                "functions and settings."
            )
        else:
            self.summary.setText(
                f"{d.summary()[0].upper()}{d.summary()[1:]}. {churn_sentence(d.churn)}"
            )
        bold = QFont(self.changes.font())
        bold.setBold(True)
        if not self.load_errors:
            for title, rows in change_groups(d):
                group = QTreeWidgetItem([title])
                group.setFont(0, bold)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                for row in rows:
                    item = QTreeWidgetItem([row.text])
                    item.setData(0, Qt.ItemDataRole.UserRole, (row.kind, row.id))
                    item.setToolTip(0, row.tip or row.text)
                    group.addChild(item)
                self.changes.addTopLevelItem(group)
                group.setExpanded(len(rows) <= 200)

        self.cost_view.show_diff(None if self.load_errors else d)
        has_cost = not self.cost_view.isHidden()
        self.figure_tabs.setTabEnabled(1, has_cost)
        self.figure_tabs.setTabToolTip(
            1, "" if has_cost else "No one has a cost in either variant: nothing to compare"
        )
        rows_ = figure_rows(d) if ("a" in d.figures and not self.load_errors) else []
        self.figures.setRowCount(len(rows_))
        deltas = d.deltas() if rows_ else {}
        for r, (name, label, va, vb, change) in enumerate(rows_):
            cells = [
                QTableWidgetItem(label),
                QTableWidgetItem(va),
                QTableWidgetItem(vb),
                QTableWidgetItem(change),
            ]
            for col in (1, 2, 3):
                cells[col].setTextAlignment(
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
            delta = deltas.get(name, 0)
            if delta and name in ("findings.error", "findings.warning"):
                # More findings is worse: warning amber; fewer is better: the "added" green.
                worse = "#fbbf24" if self._dark() else SEVERITY_COLOURS["warning"]
                cells[3].setForeground(
                    QColor(worse) if delta > 0 else status_colour("added", self._dark())
                )
            if delta:
                f = cells[3].font()
                f.setBold(True)
                cells[3].setFont(f)
            for col, cell in enumerate(cells):
                self.figures.setItem(r, col, cell)

    @property
    def marks(self) -> dict[str, dict[str, Mark]]:
        """What the current view outlines on each side: side -> ID -> Mark."""
        return self.marks_by_view[self.current_view()]

    def _show_legend(self) -> None:
        view = self.current_view()
        self.legend.set_counts(mark_counts(self.marks), self._dark(), view)

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{round(zoom * 100)}%")

    def _dark(self) -> bool:
        return bool(self.scenes["a"].style.dark)  # type: ignore[attr-defined]

    def _set_banner(self, text: str, error: bool = False) -> None:
        colour = "#fee2e2" if error else "#fef3c7"
        ink = "#7f1d1d" if error else "#78350f"
        self.banner.setStyleSheet(f"background: {colour}; color: {ink};")
        self.banner.setText(text)
        self.banner.show()

    # -- keeping the sides together ------------------------------------------------------------
    def _unite_scene_rects(self) -> None:
        """Give both scenes the same extent, so the same scroll reaches the same places."""
        rect = QRectF()
        m = SCENE_MARGIN
        for s in SIDES:
            # From each chart, not from the scene rects: those hold the last union, and
            # a tall view left behind would keep stretching a short one.
            chart = self.scenes[s].chart_rect()
            if chart.isEmpty():
                continue
            r = chart.adjusted(-m, -m, m, m)
            rect = r if rect.isNull() else rect.united(r)
        if rect.isNull():
            return
        for s in SIDES:
            if self.scenes[s].sceneRect() != rect:
                self.scenes[s].setSceneRect(rect)

    def _scenes_rebuilt(self) -> None:
        self._unite_scene_rects()

    def fit_zoom(self) -> float | None:
        """The zoom at which both charts fit whole in their panes (None: nothing drawn)."""
        factors = []
        for s in SIDES:
            rect = self.scenes[s].chart_rect()
            vp = self.views[s].viewport().rect()
            if rect.isEmpty() or vp.isEmpty():
                continue
            # The margin in pixels: in scene units it would shrink to nothing far out,
            # and the outer cards would look cut by the pane's edge.
            w, h = vp.width() - 2 * FIT_MARGIN, vp.height() - 2 * FIT_MARGIN
            if w <= 0 or h <= 0:
                continue
            scale = base_scale(self.views[s])
            factors.append(min(w / rect.width(), h / rect.height()) / scale)
        return min(factors) if factors else None

    def show_fitted(self) -> bool:
        """Both charts whole, each centred in its pane, at one zoom (the smaller fit)."""
        zoom = self.fit_zoom()
        if zoom is None:
            return False

        def place() -> None:
            for s in SIDES:
                view = self.views[s]
                view.set_zoom(min(zoom, 1.0))
                rect = self.scenes[s].chart_rect()
                if not rect.isEmpty():
                    view.centerOn(rect.center())

        self.sync.run(place)
        return True

    def common_root(self) -> str | None:
        """The entity at the top of A's chart (B's when A is empty), to open both sides on."""
        for s in SIDES:
            scene = self.scenes[s]
            top = scene.top_card_rect()
            if top is None:
                continue
            item = scene.card_at(top.center())
            if item is not None:
                return item.ref
        return None

    def show_start(self) -> None:
        """The first look: both charts whole when their names are readable so; else both
        on the same subject, the top of the organisation, at a readable zoom."""
        zoom = self.fit_zoom()
        if zoom is None:
            return
        if zoom >= READABLE_ZOOM:
            self.show_fitted()
            return
        root = self.common_root()

        def place() -> None:
            for s in SIDES:
                view = self.views[s]
                view.set_zoom(START_ZOOM)
                rect = (self.scenes[s].card_rect(root) if root else None) or (
                    self.scenes[s].top_card_rect()
                )
                if rect is None:
                    continue
                # The root card near the top, at the same place in both panes.
                half_h = view.viewport().rect().height() / 2 / view.transform().m11()
                view.centerOn(rect.center().x(), rect.top() - 30 + half_h)

        self.sync.run(place)

    def zoom_in(self) -> None:
        """Zoom both sides in one step (the other side follows)."""
        self._touched = True
        self.views["a"].zoom_in()

    def zoom_out(self) -> None:
        self._touched = True
        self.views["a"].zoom_out()

    def fit(self) -> None:
        """Show both charts whole (Fit): the zoom is the one at which both fit."""
        self._touched = True
        self.show_fitted()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._started:
            self._started = True
            QTimer.singleShot(0, self._first_look)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._started and not self._touched:
            # The window manager may settle the size after the first show.
            QTimer.singleShot(0, self._first_look)

    def _first_look(self) -> None:
        if not self._touched:
            half = max(1, self.sides.width() // 2)
            self.sides.setSizes([half, half])  # the same room for both variants
            QApplication.processEvents()
            self.show_start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (
            QEvent.Type.Wheel,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.KeyPress,
            QEvent.Type.NativeGesture,
        ):
            self._touched = True
        return super().eventFilter(watched, event)

    def set_view(self, name: str, *, follow: bool = True) -> None:
        """Show view ``name`` (people, teams, functions) on both sides.

        With ``follow``, the selection is centred again (or the charts shown
        from the start when nothing selected is drawn in this view).
        """
        if name not in VIEWS:
            raise ValueError(f"unknown view {name!r}")
        self.actions_by_name[f"view_{name}"].setChecked(True)
        if self.scenes["a"].view_name == name and self.scenes["b"].view_name == name:
            return
        for s in SIDES:
            self.scenes[s].set_view(name)
        self._unite_scene_rects()
        self._show_legend()
        if not follow:
            return
        selected = self.controllers["a"].selection or self.controllers["b"].selection
        if selected and any(self.scenes[s].shown(selected[0]) for s in SIDES):
            self.show_entity(selected[0], switch=False)
        else:
            self.show_start()

    def current_view(self) -> str:
        return self.scenes["a"].view_name

    def set_functional_lines(self, on: bool) -> None:
        self.actions_by_name["functional_lines"].setChecked(on)
        for s in SIDES:
            self.scenes[s].set_functional_lines(on)

    def toggle_collapsed(self, id_: str) -> None:
        """Fold or unfold ``id_`` on both sides, so the two charts stay alike."""
        collapsed = not any(id_ in self.controllers[s].doc.view.collapsed for s in SIDES)
        for s in SIDES:
            c = self.controllers[s]
            if (id_ in c.doc.view.collapsed) != collapsed:
                c.do(
                    core_ops.SetCollapsed(
                        id_, collapsed, label="Collapse" if collapsed else "Expand"
                    )
                )

    # -- selection --------------------------------------------------------------------------------
    def _selection_changed(self, side: str, ids: list[str]) -> None:
        if self._quiet:
            return
        self._quiet = True
        try:
            self.controllers["b" if side == "a" else "a"].select(ids)
            self._select_row(ids[0] if ids else None)
        finally:
            self._quiet = False

    def _picked(self, side: str, ref: str) -> None:
        """A card clicked on one side: show the same entity on the other, if it is off screen."""
        other = "b" if side == "a" else "a"
        rect = self.scenes[other].card_rect(ref)
        view = self.views[other]
        if rect is None:
            where = "B" if other == "b" else "A"
            name = self._name(ref)
            self.statusBar().showMessage(f"{name} is not shown in {where} in this view", 5000)
            return
        visible = view.mapToScene(view.viewport().rect()).boundingRect()
        if not visible.contains(rect):
            self.sync.run(lambda: view.centerOn(rect.center()))

    def _select_row(self, id_: str | None) -> None:
        """Make the change list's current row the first one about ``id_`` (or none)."""
        current = self.changes.currentItem()
        data = current.data(0, Qt.ItemDataRole.UserRole) if current is not None else None
        if id_ and data and data[1] == id_:
            return  # already on a row about it (a person can have a move and an edit)
        target = None
        if id_:
            target = next(
                (item for item in self.rows() if item.data(0, Qt.ItemDataRole.UserRole)[1] == id_),
                None,
            )
        if target is None:
            self.changes.clearSelection()
            self.changes.setCurrentIndex(QModelIndex())
        else:
            self.changes.setCurrentItem(target)
            self.changes.scrollToItem(target)

    def rows(self) -> list[QTreeWidgetItem]:
        """The change list's rows about an entity (not the group headings), in order."""
        out = []
        for i in range(self.changes.topLevelItemCount()):
            group = self.changes.topLevelItem(i)
            if group is None:
                continue
            for j in range(group.childCount()):
                item = group.child(j)
                if item is not None and item.data(0, Qt.ItemDataRole.UserRole):
                    out.append(item)
        return out

    def _row_changed(self, current: QTreeWidgetItem | None, _previous=None) -> None:
        if not self._quiet and current is not None:
            self._row_activated(current)

    def _row_activated(self, item: QTreeWidgetItem) -> None:
        data = item.data(0, Qt.ItemDataRole.UserRole)
        if not data:
            return
        kind, id_ = data
        if not id_:
            return
        self.show_entity(id_, kind)

    def show_entity(self, id_: str, kind: str | None = None, *, switch: bool = True) -> None:
        """Select ``id_`` on both sides and centre it on each side that shows it.

        With ``switch``, an entity that has no card in the current view (a team
        in the People view) brings up the view where it is drawn.
        """
        self._touched = True
        kind = (
            kind
            or entity_kind(self.controllers["a"].doc, id_)
            or entity_kind(self.controllers["b"].doc, id_)
        )
        if switch and not any(self.scenes[s].shown(id_) for s in SIDES):
            wanted = {"team": "teams", "function": "functions", "person": "people"}.get(kind or "")
            if wanted and wanted != self.current_view():
                self.set_view(wanted, follow=False)
        self._quiet = True
        try:
            for s in SIDES:
                self.controllers[s].select([id_])
            self._select_row(id_)
        finally:
            self._quiet = False

        def centre() -> None:
            for s in SIDES:
                rect = self.scenes[s].card_rect(id_)
                view = self.views[s]
                if rect is None:
                    continue
                if view.zoom() < READABLE_ZOOM:
                    for v in self.views.values():
                        v.set_zoom(START_ZOOM)
                view.centerOn(rect.center())

        self.sync.run(centre)
        self.statusBar().showMessage(self._where_text(id_, kind), 6000)

    def _where_text(self, id_: str, kind: str | None) -> str:
        """What the status bar says when ``id_`` is missing from a side ("" when on both)."""
        missing = [s for s in SIDES if not self.scenes[s].shown(id_)]
        if not missing:
            return ""
        name = self._name(id_)
        if kind == "role":
            return f"{name} is a role: roles are listed here, not drawn on the charts"
        if len(missing) == 2:
            return f"{name} is not drawn in the {VIEW_TITLES[self.current_view()]} view"
        side = missing[0]
        if not entity_kind(self.controllers[side].doc, id_):
            return f"{name} is not in {side.upper()}"
        return (
            f"{name} is in {side.upper()} but not drawn there in this view (under a folded card?)"
        )

    def _name(self, id_: str) -> str:
        for s in ("b", "a"):
            doc = self.controllers[s].doc
            if doc.kind_of(id_) is not None:
                return doc.name_of(id_)
        return id_

    # -- editing and exporting ----------------------------------------------------------------------
    def set_edit_text(self, side: str, text: str | None) -> None:
        """Relabel (or, with None, hide) the "open for editing" button of ``side``."""
        button = self.panes[side].edit_button
        button.setVisible(text is not None)
        if text is not None:
            button.setText(text)

    def variant(self, side: str) -> Document:
        """A fresh copy of the variant on ``side``, as it was given (for editing elsewhere)."""
        doc = self.originals[side].model_copy(deep=True)
        doc.forget_index()
        return doc

    def open_variant_for_editing(self, side: str) -> QWidget | None:
        """Open ``side``'s variant for editing.

        When something listens to ``openForEditing`` (a main window that
        opened this comparison), it decides; otherwise a new main window opens
        on the file, or on an unsaved copy of a document. Returns that window.
        """
        if side not in SIDES:
            raise ValueError(f"side must be 'a' or 'b', not {side!r}")
        if self.isSignalConnected(
            self.metaObject().method(self.metaObject().indexOfSignal("openForEditing(QString)"))
        ):
            self.openForEditing.emit(side)
            return None
        if self.editor is None:
            self.openForEditing.emit(side)
            return None
        win = self.editor()
        path = self.paths[side]
        if path is not None and side not in self.load_errors:
            if not win.open_path(str(path)):
                win.deleteLater()
                return None
        else:
            win.controller.replace(self.variant(side), None, modified=True)
        win.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.editors.append(win)
        win.destroyed.connect(lambda _=None, w=win: self._forget_editor(w))
        win.show()
        win.canvas.show_start()
        win.raise_()
        win.activateWindow()
        return win

    def _forget_editor(self, win: QWidget) -> None:
        if win in self.editors:
            self.editors.remove(win)

    def choose_report_path(self) -> str | None:
        """Ask where to write the report. (Tests replace this.)"""
        folder = next((str(p.parent) for p in self.paths.values() if p is not None), "")
        a, b = (slug(self.labels[s]) or s for s in SIDES)
        name = f"{a}-vs-{b}.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Export the comparison report",
            str(Path(folder) / name) if folder else name,
            REPORT_FILTER,
        )
        if path and not Path(path).suffix:
            path += ".pdf"
        return path or None

    def export_report_dialog(self) -> None:
        path = self.choose_report_path()
        if path:
            self.export_report(path)

    def export_report(self, path: str | os.PathLike[str]) -> bool:
        """Write the comparison report PDF to ``path``; a failure is explained, not raised."""
        from ...export.common import ExportError
        from ...export.compare_report import write_report

        files = tuple(str(self.paths[s]) if self.paths[s] else self.labels[s] for s in SIDES)
        try:
            write_report(
                self.diff,  # type: ignore[arg-type]
                path,
                files=files,  # type: ignore[arg-type]
                with_cost=self.cost_view.include.isChecked(),
            )
        except (ExportError, OSError) as exc:
            self.show_error("The report was not written", str(exc))
            return False
        self.statusBar().showMessage(f"Wrote {Path(path).name}", 6000)
        return True

    def show_error(self, title: str, text: str) -> None:
        """Tell the user something failed. (Tests replace this.)"""
        QMessageBox.critical(self, title, text)
