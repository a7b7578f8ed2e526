"""The chart as cards, read-only: one view of the document, kept in step with it.

The scene builds its items from the core's chart (``build_chart``) and keeps
them in step with the document: after every edit it rebuilds the chart and
updates, moves, adds or removes only the items whose card changed. Clicking
selects (Ctrl or Shift adds to the selection), a card's pill folds it (the
``toggleRequested`` signal: whoever shows the scene decides what folding
means), a double-click asks for the inspector. Nothing here edits the
document: :class:`~orgdesigner.qt.canvas.scene.ChartScene` adds the drag
gestures on top, and the compare window shows two of these read-only.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneMouseEvent,
)

from ...core import drops
from ...core.chart import DEFAULT_ASPECT, ChartCache, affects_chart, build_chart
from ...core.cost import add_cost_lines, affects_cost
from ...core.model import Document
from ...core.rules import Report
from ..costs import costs_of
from ..document import DocumentController
from .grades import grades_changed, refresh_grades
from .items import (
    FAR,
    Z_CARDS,
    Z_SELECTED,
    CardItem,
    EdgeItem,
    OverviewItem,
    edge_path,
    overview_tiles,
)
from .style import CanvasStyle

VIEWS = ("people", "teams", "functions")
VIEW_TITLES = {"people": "People", "teams": "Teams", "functions": "Functions"}
SCENE_MARGIN = 600.0
# A chart of more cards than this creates the items in sight at once and the others in
# batches of FILL_BATCH just after, so the window shows the chart without waiting for
# tens of thousands of items.
LAZY_MIN = 1500
FILL_BATCH = 1500
LIVE_MARGIN = 1.0  # the region created at once: what is in sight, and this many screens around

Point = tuple[float, float]


def card_key(card) -> tuple:
    """Everything about a card that its painting depends on, except where it is."""
    box = card.box
    chips = card.chips
    if chips:
        bx, by = box.x, box.y
        chips = tuple(
            (c.id, c.label, c.function, c.vacant, c.box.x - bx, c.box.y - by, c.box.w, c.box.h)
            for c in chips
        )
    return (
        card.kind,
        card.title,
        card.subtitle,
        tuple(card.lines),
        card.function,
        card.vacant,
        card.model,
        card.collapsed_count,
        card.ref,
        box.w,
        box.h,
        chips,
        card.serves,
        card.serves_box is not None,
    )


class ReadOnlyScene(QGraphicsScene):
    """The cards of one view; clicks select, signals carry IDs; it never edits."""

    statusMessage = Signal(str, int)  # text, timeout in ms (0: until replaced)
    cardActivated = Signal(str)  # double-click on a card
    picked = Signal(str)  # a card or chip was clicked: its entity ID
    toggleRequested = Signal(str)  # the expand/collapse pill of this ID was clicked
    rebuilt = Signal()  # the items now show the current document
    focusChanged = Signal(object)  # the branch shown alone (an ID), or None: all of it

    def __init__(self, controller: DocumentController, parent=None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.view_name = "people"
        self.functional_lines = False
        self.style = CanvasStyle(controller.doc)
        self.cards: dict[str, CardItem] = {}
        # Cards of the chart without an item yet (far from sight in a large chart): the
        # card and its number of children, created by _fill() in batches or when asked.
        self._pending: dict[str, tuple] = {}
        self._children: dict[str, int] = {}  # card ID -> children shown, of the last build
        self._filler = QTimer(self)
        self._filler.setSingleShot(True)
        self._filler.setInterval(0)
        self._filler.timeout.connect(self._fill)
        self.chip_owner: dict[str, str] = {}  # person ID -> the team card showing their chip
        self.entity_card: dict[str, str] = {}  # entity ID -> card ID (header cards by function)
        self.edges: dict[tuple[str, str], tuple[tuple, EdgeItem]] = {}
        self.chart = None
        self._chart_cache = ChartCache()  # the sorted trees of the last builds, for the next
        self._chart_rect = QRectF()
        self._press_empty: QPoint | None = None
        self._badges: dict[str, tuple[int, int, str | None]] = {}
        self.overview: list[OverviewItem] | None = None  # tiles, while zoomed far out
        self.animate = True
        self.focus: str | None = None  # people or teams view: the one branch shown
        self.aspect_used = DEFAULT_ASPECT  # the window shape the chart was last laid out for
        self._charts_drawn = 0  # charts whose connectors were drawn (functional lines reroute)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        controller.changed.connect(self._doc_changed)
        controller.documentReplaced.connect(self._doc_replaced)
        controller.findingsChanged.connect(self.update_findings)
        controller.selectionChanged.connect(self._selection_changed)
        controller.highlightChanged.connect(
            lambda _ids: self._selection_changed(self.controller.selection)
        )
        self.update_findings(controller.report)
        self.prepare_document()
        self.rebuild()

    # -- building --------------------------------------------------------------------
    @property
    def doc(self) -> Document:
        return self.controller.doc

    def set_view(self, name: str) -> None:
        """Show ``name`` (people, teams, functions); the selection stays."""
        if name not in VIEWS:
            raise ValueError(f"unknown view {name!r}")
        if name == self.view_name:
            return
        self.cancel_drag()
        self.view_name = name
        self._drop_focus()
        self.clear_items()
        self.rebuild()

    def prepare_document(self) -> None:
        """Called when a document arrives, before its first build (the editor folds a
        large one here)."""

    def set_focus(self, id_: str | None) -> None:
        """Show only the branch under ``id_`` (people and teams views); None shows all."""
        if id_ is not None and not self._in_view(id_):
            id_ = None
        if id_ == self.focus:
            return
        self.focus = id_
        self.clear_items()
        self.rebuild()
        self.focusChanged.emit(id_)

    def _in_view(self, id_: str) -> bool:
        """Whether ``id_`` is a node of the current view's tree (a branch can start there)."""
        if self.view_name == "people":
            return self.doc.person(id_) is not None
        return self.view_name == "teams" and self.doc.team(id_) is not None

    def _drop_focus(self) -> None:
        if self.focus is not None:
            self.focus = None
            self.focusChanged.emit(None)

    def set_functional_lines(self, on: bool) -> None:
        if on != self.functional_lines:
            self.functional_lines = on
            self.rebuild()

    def set_colour_mode(self, mode: str) -> None:
        self.style.colour_mode = mode
        if mode == "grade":
            refresh_grades(self)
        self._overview_recolour()
        self.update()

    # -- far out: one item paints every card ----------------------------------------------
    def set_overview(self, on: bool) -> None:
        """Paint the cards as :class:`OverviewItem` tiles (far zoomed out) or one by one."""
        if on == (self.overview is not None):
            return
        flag = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
        if on:
            self.ensure_items()  # far out every card is in sight
            self.overview = []
            self._overview_dirty()
        else:
            for tile in self.overview or ():
                self.removeItem(tile)
            self.overview = None
        for item in self.cards.values():
            item.setFlag(flag, on)
            if not on:
                item.tile = None

    def level_of_detail(self, scale: float) -> None:
        """The view's scale changed: switch to the overview below the block level of detail."""
        self.set_overview(scale < FAR)

    def _overview_dirty(self) -> None:
        """Cards moved, came or went: cut the overview tiles again."""
        if self.overview is None:
            return
        for tile in self.overview:
            if tile.scene() is self:
                self.removeItem(tile)
        self.overview = overview_tiles(list(self.cards.values()))
        for tile in self.overview:
            self.addItem(tile)

    def _overview_recolour(self) -> None:
        for tile in self.overview or ():
            tile.refresh()

    def _mark(self, item: CardItem) -> None:
        """Repaint a card whose selection or drop outline changed (or its tile, far out)."""
        item.update()
        if item.tile is not None and self.overview is not None:
            item.tile.mark(item)

    def refresh_style(self) -> None:
        """Re-read the palette (light/dark) and the document's functions; repaint everything."""
        mode = self.style.colour_mode
        self.style = CanvasStyle(self.doc)
        self.style.colour_mode = mode
        for item in self.cards.values():
            item.style = self.style
            item.set_card(item.card)
        for _, item in self.edges.values():
            pen = item.pen()
            pen.setColor(self.style.functional_line if item.dotted else self.style.line)
            item.setPen(pen)
        self.update()

    def theme_colour(self, role: str):
        return getattr(self.style, role)

    def clear_items(self) -> None:
        self.cancel_drag()
        overview = self.overview is not None
        self.overview = [] if overview else None
        self.clear()
        self.cards.clear()
        self._pending.clear()
        self.edges.clear()
        self.chip_owner.clear()
        self.entity_card.clear()

    def _doc_replaced(self) -> None:
        self.clear_items()
        self._chart_cache.clear()
        # The new document brings its own functions; the colour mode is the user's choice.
        mode = self.style.colour_mode
        self.style = CanvasStyle(self.doc)
        self.style.colour_mode = mode
        # The controller's findingsChanged follows at once and sets the badges.
        self._badges = {}
        self._drop_focus()
        self.prepare_document()
        self.rebuild()

    def _doc_changed(self, changes) -> None:
        if not affects_chart(changes):
            if affects_cost(changes):  # cost lines on team cards, cost-band colours
                if self.view_name == "teams":
                    self.rebuild()
                elif self.style.colour_mode == "cost":
                    self._overview_recolour()
                    self.update()
            if self.style.colour_mode == "grade" and grades_changed(changes):
                refresh_grades(self)  # grades are not on the cards but colour them
            return  # nothing else on the cards changed; badges follow findingsChanged
        if any(c.kind == "function" and c.action != "set" for c in changes):
            self.refresh_style()  # a new function needs its colour
        self.rebuild()

    def window_aspect(self) -> float:
        """The shape (width / height) of the window showing the chart, in steps of 0.2
        so that a small resize does not move cards; a screen's before it is shown."""
        sizes = [v.viewport().size() for v in self.views() if v.isVisible()]
        sizes = [s for s in sizes if s.width() > 50 and s.height() > 50]
        if not sizes:
            return DEFAULT_ASPECT
        size = max(sizes, key=lambda s: s.width() * s.height())  # the main view, not a thumbnail
        return round(min(3.0, max(0.5, size.width() / size.height())) * 5) / 5

    def build(self):
        """The core's chart of the current view; team cards show their cost when known."""
        if self.focus is not None and not self._in_view(self.focus):
            self._drop_focus()  # the branch was deleted
        self.aspect_used = self.window_aspect()
        chart = build_chart(
            self.doc,
            self.view_name,
            collapsed=tuple(self.doc.view.collapsed),
            functional_lines=self.functional_lines,
            use_saved_positions=True,
            root=self.focus,
            cache=self._chart_cache,
            aspect=self.aspect_used,
        )
        if self.view_name == "teams":
            costs = costs_of(self.controller)
            if costs.shown_on_teams():
                add_cost_lines(chart, self.doc, costs.rollup(), people=False)
        return chart

    def rebuild(self) -> None:
        """Bring the items in line with the document: only changed cards are touched."""
        if self.dragging:
            self.cancel_drag(animate=False)
        chart = self.build()
        self.chart = chart
        doc = self.doc
        seen: set[str] = set()
        self.chip_owner.clear()
        self.entity_card.clear()
        children: dict[str, int] = {}
        for edge in chart.edges:
            kind = edge[2] if len(edge) > 2 else "solid"
            if kind != "dotted":
                children[edge[0]] = children.get(edge[0], 0) + 1
        if self.view_name == "functions":
            # A column's head folds the whole column: count the people listed under it.
            heads = [
                (c.box.x, c.box.right, cid)
                for cid, c in chart.cards.items()
                if getattr(c, "kind", "") == "header"
            ]
            for c in chart.cards.values():
                if getattr(c, "kind", "") == "header":
                    continue
                for x0, x1, hid in heads:
                    if x0 <= c.box.x < x1:
                        children[hid] = children.get(hid, 0) + 1
                        break
        self._children = children
        people = doc.by_id("person")
        teams = doc.by_id("team")
        cards = self.cards
        chip_owner = self.chip_owner
        entity_card = self.entity_card
        pending = self._pending
        pending.clear()
        live = self._live_region() if len(chart.cards) > LAZY_MIN else None
        for cid, card in chart.cards.items():
            seen.add(cid)
            item = cards.get(cid)
            box = card.box
            if item is None:
                if live is not None and not live.intersects(QRectF(box.x, box.y, box.w, box.h)):
                    # Out of sight: the item comes a moment later (or when asked for).
                    pending[cid] = (card, children.get(cid, 0))
                    ref = card.ref or cid
                    if ref not in entity_card:
                        entity_card[ref] = cid
                    for chip in card.chips:
                        if chip.id:
                            chip_owner[chip.id] = cid
                    continue
                item = self._new_item(cid, card)
            elif item.card is not card:
                key = card_key(card)
                if key != item.key:  # type: ignore[attr-defined]
                    item.key = key  # type: ignore[attr-defined]
                    item.set_card(card)
                else:
                    item.card = card
                    pos = item.pos()
                    if pos.x() != box.x or pos.y() != box.y:
                        item.setPos(box.x, box.y)
            item.children_count = children.get(cid, 0)
            ref = item.ref
            if ref not in entity_card:
                entity_card[ref] = cid
            p = people.get(ref)
            if p is not None:
                t = teams.get(p.team) if p.team else None
                model = doc.model_of(t) if t is not None else None
                if model != item.team_model:
                    # Not part of the card's key: a team's (or the default) model changed.
                    item.team_model = model
                    item.update()
            for chip_id, _, _ in item.chips:
                if chip_id:
                    chip_owner[chip_id] = cid
        for cid in [c for c in self.cards if c not in seen]:
            self.removeItem(self.cards.pop(cid))
        self._rebuild_edges(chart)
        if chart.cards:
            b = chart.bounds()
            self._chart_rect = QRectF(b.x, b.y, b.w, b.h)
        else:
            self._chart_rect = QRectF()
        self._overview_dirty()
        r = self._chart_rect if not self._chart_rect.isNull() else QRectF(0, 0, 400, 300)
        self.setSceneRect(r.adjusted(-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN))
        self._selection_changed(self.controller.selection)
        if self.style.colour_mode == "grade":
            refresh_grades(self)
        if pending:
            self._filler.start()
        self.rebuilt.emit()

    # -- items made when needed ---------------------------------------------------------------
    def _new_item(self, cid: str, card) -> CardItem:
        item = CardItem(cid, card, self.style)
        item.key = card_key(card)  # type: ignore[attr-defined]
        # Listed cards are 10 points apart: a fold pill grown from afar would cover the next.
        item.pill_grows = not (self.view_name == "functions" and card.kind == "person")
        if self.overview is not None:
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
        self.addItem(item)
        self.cards[cid] = item
        badge = self._badges.get(item.ref)
        if badge is not None:
            item.errors, item.warnings, item.worst = badge
        return item

    def _live_region(self) -> QRectF | None:
        """The part of the chart whose items are made at once: what the views show, and
        a screen around it. None (everything) when no view shows the scene yet."""
        region = QRectF()
        for view in self.views():
            if not view.isVisible():
                continue
            r = view.mapToScene(view.viewport().rect()).boundingRect()
            r = r.adjusted(
                -r.width() * LIVE_MARGIN,
                -r.height() * LIVE_MARGIN,
                r.width() * LIVE_MARGIN,
                r.height() * LIVE_MARGIN,
            )
            region = region.united(r) if not region.isNull() else r
        return None if region.isNull() else region

    def _make(self, ids: list[str]) -> None:
        """Create the items of these pending cards."""
        doc = self.doc
        people = doc.by_id("person")
        teams = doc.by_id("team")
        made = []
        for cid in ids:
            card, children_count = self._pending.pop(cid)
            item = self._new_item(cid, card)
            item.children_count = children_count
            p = people.get(item.ref)
            if p is not None:
                t = teams.get(p.team) if p.team else None
                item.team_model = doc.model_of(t) if t is not None else None
            made.append(item)
        self._selection_changed(self.controller.selection, made)
        if self.style.colour_mode == "grade":
            refresh_grades(self)

    def _fill(self) -> None:
        """Create the next batch of pending items; again later until none is left."""
        if not self._pending:
            return
        self._make(list(self._pending)[:FILL_BATCH])
        if self._pending:
            self._filler.start()
        else:
            self._overview_dirty()
            self.rebuilt.emit()  # every card has its item now

    def ensure_items(self, rect: QRectF | None = None) -> None:
        """Create the pending items now: those meeting ``rect`` (scene), or all of them."""
        if not self._pending:
            return
        if rect is None:
            ids = list(self._pending)
        else:
            ids = [
                cid
                for cid, (card, _) in self._pending.items()
                if rect.intersects(QRectF(card.box.x, card.box.y, card.box.w, card.box.h))
            ]
        if ids:
            self._make(ids)
            if not self._pending:
                self._filler.stop()
                self._overview_dirty()

    def _rebuild_edges(self, chart) -> None:
        """One path item per card's connectors, kept when their shape has not changed.

        A path is stored relative to its card, and its signature is the geometry of
        the children and buses relative to that card: when an edit only shifts a
        branch (the usual effect of a tidy-tree relayout), its connectors are moved,
        not routed and built again.
        """
        cards = chart.cards
        buses = getattr(chart, "buses", {}) or {}
        # A functional line winds between all the cards, not only its two: any new
        # chart may put a card in its way, so it is routed again with every chart.
        self._charts_drawn += 1
        groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for a, b, style in chart.edges:
            if a in cards and b in cards:
                groups.setdefault((a, "dotted" if style == "dotted" else "solid"), []).append(
                    (b, style)
                )
        for key in [k for k in self.edges if k not in groups]:
            self.removeItem(self.edges.pop(key)[1])
        for key, members in groups.items():
            pb = cards[key[0]].box
            px, py = pb.x, pb.y
            parts = []
            for b, style in members:
                cb = cards[b].box
                bus = buses.get(b) if style != "dotted" else None
                parts.append(
                    (
                        b,
                        style,
                        cb.x - px,
                        cb.y - py,
                        cb.w,
                        cb.h,
                        (bus[0] - px, bus[1] - py) if bus else None,
                    )
                )
            sig = (pb.w, pb.h, tuple(parts), self._charts_drawn if key[1] == "dotted" else 0)
            old = self.edges.get(key)
            if old is not None and old[0] == sig:
                item = old[1]
                if item.pos().x() != px or item.pos().y() != py:
                    item.setPos(px, py)
                continue
            # The core routes every connector, so canvas and exports draw the same lines.
            routes = []
            for b, style in members:
                pts = chart.route(key[0], b, style)
                if pts:
                    routes.append([(x - px, y - py) for x, y in pts])
            path = edge_path(routes)
            if old is not None:
                item = old[1]
                item.setPath(path)
            else:
                dotted = key[1] == "dotted"
                item = EdgeItem(
                    path, self.style.functional_line if dotted else self.style.line, dotted
                )
                self.addItem(item)
            item.setPos(px, py)
            self.edges[key] = (sig, item)

    def entity_of(self, card_id: str) -> str:
        """The document ID a card stands for (a function head stands for its function)."""
        item = self.cards.get(card_id)
        if item is None and card_id in self._pending:
            return self._pending[card_id][0].ref or card_id
        return item.ref if item is not None else card_id

    # -- reading it back -----------------------------------------------------------------
    def chart_rect(self) -> QRectF:
        return QRectF(self._chart_rect)

    def top_card_rect(self) -> QRectF | None:
        """The card where the organisation starts: top row, most reports."""
        best = None
        children = self._children
        for cid, card in (self.chart.cards if self.chart is not None else {}).items():
            b = card.box  # the chart, not the items: a large chart makes those later
            # The top row first; in it, the card with most below it (the real top,
            # not a stray person without a manager), then the leftmost.
            # A folded card counts what it hides.
            key = (round(b.y), -(children.get(cid, 0) + (card.collapsed_count or 0)), b.x)
            if best is None or key < best[0]:
                best = (key, b)
        return QRectF(best[1].x, best[1].y, best[1].w, best[1].h) if best else None

    def card_for(self, id_: str) -> CardItem | None:
        """The card showing ``id_`` here: its own card, or the team card holding its chip."""
        cid = self.entity_card.get(id_, id_)
        if id_ in self.chip_owner and cid not in self._pending and cid not in self.cards:
            cid = self.chip_owner[id_]
        if cid in self._pending:
            self._make([cid])
        return self.cards.get(cid)

    def reveal(self, id_: str) -> bool:
        """Unfold what hides ``id_``; True if anything changed (a read-only chart cannot)."""
        return False

    def card_rect(self, id_: str) -> QRectF | None:
        """Scene rectangle of ``id_``: its card, or its chip on a team card."""
        cid = self.entity_card.get(id_, id_)
        if cid in self._pending:
            self._make([cid])
        item = self.cards.get(cid)
        if item is not None:
            return QRectF(item.pos(), item.rect.size())
        owner = self.chip_owner.get(id_)
        if owner is not None:
            if owner in self._pending:
                self._make([owner])
            team = self.cards[owner]
            r = team.chip_rect(id_)
            if r is not None:
                return r.translated(team.pos())
        return None

    def card_at(
        self, pos: QPointF, exclude: CardItem | None = None, toggles: bool = False
    ) -> CardItem | None:
        """The topmost card under scene point ``pos`` (BSP lookup, not a scan).

        With ``toggles``, a card's expand/collapse pill under it counts as the card.
        """
        for item in self.items(
            pos, Qt.ItemSelectionMode.IntersectsItemShape, Qt.SortOrder.DescendingOrder
        ):
            if not isinstance(item, CardItem) or item is exclude:
                continue
            local = item.mapFromScene(pos)
            if QRectF(0, 0, item.w, item.h).contains(local):
                return item
            if toggles and item.has_toggle and item.toggle_rect().contains(local):
                return item
        return None

    # -- findings and selection --------------------------------------------------------------
    def update_findings(self, report: Report | None = None) -> None:
        """Badges from the report: unwaived errors and warnings per card."""
        report = report or self.controller.report
        counts: dict[str, list[int]] = {}
        worst: dict[str, str] = {}
        rank = {"error": 0, "warning": 1, "info": 2}
        for f in report.findings:
            if f.waived:
                continue
            for s in f.subjects:
                c = counts.setdefault(s, [0, 0])
                if f.severity == "error":
                    c[0] += 1
                elif f.severity == "warning":
                    c[1] += 1
                if s not in worst or rank.get(f.severity, 9) < rank.get(worst[s], 9):
                    worst[s] = f.severity
        # Kept for the cards the next rebuild creates (findings arrive before the redraw).
        self._badges = {s: (c[0], c[1], worst.get(s)) for s, c in counts.items()}
        none = (0, 0, None)
        badges = self._badges
        changed = False
        for item in self.cards.values():
            badge = badges.get(item.ref, none)
            if badge != (item.errors, item.warnings, item.worst):
                item.errors, item.warnings, item.worst = badge
                item.update()
                changed = True
        if changed and self.style.colour_mode == "findings":
            self._overview_recolour()

    def _selection_changed(self, ids: list[str], items: list[CardItem] | None = None) -> None:
        """Outline the selected and highlighted cards (of ``items`` only, when given)."""
        wanted: dict[str, set[str]] = {}
        whole: set[str] = set()
        for i in ids:
            cid = self.entity_card.get(i, i)
            if cid in self.cards or cid in self._pending:
                whole.add(cid)
            elif i in self.chip_owner:
                wanted.setdefault(self.chip_owner[i], set()).add(i)
        lit: set[str] = set()  # highlighted beside the selection (a finding's other subjects)
        for i in getattr(self.controller, "highlighted", ()):
            cid = self.entity_card.get(i, i)
            if (cid in self.cards or cid in self._pending) and cid not in whole:
                lit.add(cid)
        for item in self.cards.values() if items is None else items:
            cid = item.id
            sel = cid in whole
            chips = wanted.get(cid, set())
            on = cid in lit
            if sel != item.selected or chips != item.selected_chips or on != item.highlighted:
                item.selected = sel
                item.selected_chips = chips
                item.highlighted = on
                item.setZValue(Z_SELECTED if sel else Z_CARDS)
                self._mark(item)

    # -- naming --------------------------------------------------------------------------------
    def name(self, id_: str | None) -> str:
        """A card's subject by name, the "No team" and "No function" cards included."""
        return drops.name(self.doc, id_)

    # -- gestures a read-only chart has: select, fold, open ------------------------------------
    @property
    def dragging(self) -> bool:
        """True while a card is being dragged (never, here)."""
        return False

    def cancel_drag(self, animate: bool = True) -> bool:
        """Abandon the drag in progress; True if there was one (there never is here)."""
        return False

    def toggle_collapsed(self, id_: str) -> None:
        """The pill of ``id_`` was clicked: say so (the owner decides what folding does)."""
        self.toggleRequested.emit(id_)

    def pick(self, ref: str, additive: bool = False) -> None:
        """Select ``ref`` (with ``additive``, add it to the selection or take it out)."""
        if additive:
            sel = list(self.controller.selection)
            if ref in sel:
                sel.remove(ref)
            else:
                sel.append(ref)
            self.controller.select(sel)
        elif ref not in self.controller.selection:
            self.controller.select([ref])
        self.picked.emit(ref)

    def press_card(self, event: QGraphicsSceneMouseEvent) -> tuple[CardItem, str | None] | None:
        """A left press on a card: fold its pill, or select it. Returns the card and the chip
        pressed (None if the pill was pressed or nothing was under the mouse)."""
        pos = event.scenePos()
        item = self.card_at(pos, toggles=True)
        if item is None:
            self._press_empty = event.screenPos()
            event.ignore()  # the view pans
            return None
        local = item.mapFromScene(pos)
        if item.has_toggle and item.toggle_rect().contains(local):
            self.toggle_collapsed(self.entity_of(item.id))
            event.accept()
            return None
        chip = item.chip_at(local)
        additive = bool(
            event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        )
        self.pick(chip or self.entity_of(item.id), additive)
        event.accept()
        return item, chip

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            event.accept()
            return
        self.press_card(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if event.buttons() == Qt.MouseButton.NoButton:
            self._hover_cursor(event.scenePos())
        super().mouseMoveEvent(event)

    def _set_cursor(self, shape: Qt.CursorShape) -> None:
        for view in self.views():
            vp = view.viewport()
            if vp.cursor().shape() != shape:
                vp.setCursor(shape)

    def hover_shape(self, item: CardItem, local: QPointF) -> Qt.CursorShape:
        """The cursor over ``item`` at ``local``: a pointer over a fold toggle, else the arrow."""
        if item.has_toggle and item.toggle_rect().contains(local):
            return Qt.CursorShape.PointingHandCursor
        return Qt.CursorShape.ArrowCursor

    def _hover_cursor(self, pos: QPointF) -> None:
        item = self.card_at(pos, toggles=True)
        shape = Qt.CursorShape.ArrowCursor
        if item is not None:
            shape = self.hover_shape(item, item.mapFromScene(pos))
        self._set_cursor(shape)

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:  # noqa: N802
        event.accept()  # a chart that only shows has no menu

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self._press_empty is not None and event.button() == Qt.MouseButton.LeftButton:
            moved = (event.screenPos() - self._press_empty).manhattanLength()
            if moved < QApplication.startDragDistance():
                self.controller.select([])
        self._press_empty = None
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        item = self.card_at(event.scenePos())
        if item is not None:
            chip = item.chip_at(item.mapFromScene(event.scenePos()))
            self.cardActivated.emit(chip or self.entity_of(item.id))
            event.accept()
            return
        super().mouseDoubleClickEvent(event)
