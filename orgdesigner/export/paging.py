"""Cutting a large chart into pages by branch.

A page shows one manager (or team, or the top of the forest) with as much of
what is below as fits at a legible scale. Each of its children is shown to
the depth that fits; a card whose reports do not fit becomes a *stub*: it is
drawn with a "continued on page N" tab and gets its own page, which starts
with that card again under a "from page M" tag. A manager with more children
than fit across one page is split into parts (the same card heads each part).

Each page is laid out afresh with the core's tidy-tree layout, so a page
holding the top of the organisation does not inherit the gaps that the full
chart leaves for the big branches below. Cards keep their size and content.

Work is linear in the chart's size times the (small) number of depths tried
per branch; nothing recurses, so very deep charts are safe.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from orgdesigner.core.chart import DEFAULT_COMPACT, DEFAULT_COMPACT_COLUMNS
from orgdesigner.core.layout import TreeLayout, tidy_tree

from .chart_draw import MARKER_H

FULL = math.inf


class Tree:
    """The solid-line forest of a chart: children in left-to-right order, card sizes."""

    def __init__(self, chart) -> None:
        cards = chart.cards
        self.sizes: dict[str, tuple[float, float]] = {
            i: (c.box.w, c.box.h) for i, c in cards.items()
        }
        self.min_area = min((w * h for w, h in self.sizes.values()), default=0.0)
        parent: dict[str, str] = {}
        kids: dict[str, list[str]] = {}
        for edge in chart.edges:
            a, b, style = edge[0], edge[1], edge[2] if len(edge) > 2 else "solid"
            if style == "dotted" or a not in cards or b not in cards or a == b or b in parent:
                continue
            parent[b] = a
            kids.setdefault(a, []).append(b)
        # A loop would have no root: break it where it starts, so every card is drawn.
        self.parent = parent
        for lst in kids.values():
            lst.sort(key=lambda i: (cards[i].box.x, cards[i].box.y))
        self.children = kids
        roots = [i for i in cards if i not in parent]
        seen = self._reach(roots)
        loose = [i for i in cards if i not in seen]  # on a cycle (rare): sort only those
        for i in sorted(loose, key=lambda i: (cards[i].box.y, cards[i].box.x)):
            if i not in seen:  # on a cycle: promote to a root
                p = parent.pop(i)
                kids[p].remove(i)
                roots.append(i)
                seen |= self._reach([i])
        roots.sort(key=lambda i: (cards[i].box.x, cards[i].box.y))
        self.roots = roots
        self._count: dict[str, int] = {}
        self._height: dict[str, int] = {}
        # Extent of each subtree in the chart's own layout: a cheap first guess of
        # whether a branch can fit on a page before laying it out again.
        self.extent: dict[str, tuple[float, float]] = {}
        span: dict[str, tuple[float, float, float]] = {}
        order = self._preorder(roots)
        for i in reversed(order):
            ks = kids.get(i, ())
            self._count[i] = 1 + sum(self._count[k] for k in ks)
            self._height[i] = 1 + max((self._height[k] for k in ks), default=0)
            b = cards[i].box
            lo, hi, bottom = b.x, b.x + b.w, b.y + b.h
            for k in ks:
                klo, khi, kb = span[k]
                lo, hi, bottom = min(lo, klo), max(hi, khi), max(bottom, kb)
            span[i] = (lo, hi, bottom)
            self.extent[i] = (hi - lo, bottom - b.y)

    def _reach(self, roots: Sequence[str]) -> set[str]:
        seen: set[str] = set()
        stack = list(roots)
        while stack:
            v = stack.pop()
            if v in seen:
                continue
            seen.add(v)
            stack.extend(self.children.get(v, ()))
        return seen

    def _preorder(self, roots: Sequence[str]) -> list[str]:
        order: list[str] = []
        stack = list(reversed(roots))
        while stack:
            v = stack.pop()
            order.append(v)
            stack.extend(reversed(self.children.get(v, ())))
        return order

    def count(self, node: str) -> int:
        """Cards in the subtree of ``node``, itself included."""
        return self._count.get(node, 1)

    def depth_below(self, node: str) -> int:
        """Levels below ``node`` (0 for a leaf)."""
        return self._height.get(node, 1) - 1


@dataclass
class Page:
    """One chart page of the plan."""

    root: str | None  # the card heading the page; None: the top of a forest
    kids: list[str]  # root's children shown here (all, or one part)
    depth: dict[str, float]  # per kid: levels shown below it (FULL: everything)
    parent: Page | None = None  # the page where ``root`` is a stub
    part: tuple[int, int] | None = None  # (i, n) when root's children span n pages
    layout: TreeLayout | None = None
    stubs: list[str] = field(default_factory=list)
    children: list[Page] = field(default_factory=list)
    number: int = 0
    stub_pages: dict[str, tuple[int, int]] = field(default_factory=dict)  # stub -> first, last
    slices: list[Slice] = field(default_factory=list)  # column pages (functions view)
    extra_heads: list[str] = field(default_factory=list)  # branches moved onto this page
    head_from: dict[str, int] = field(default_factory=dict)  # head -> page where it is a stub

    @property
    def heads(self) -> list[str]:
        """The cards at the top of branches on this page: its root, or the branches it holds."""
        own = [self.root] if self.root is not None else list(self.kids)
        return own + self.extra_heads


@dataclass
class Slice:
    """A run of one column of a column chart (the functions view), placed on a page."""

    header: str  # the column's header card
    cards: list[str]
    top: float  # the slice's extent in chart coordinates
    bottom: float
    x0: float  # the column's left edge in the chart
    dx: float  # the column's left edge on the page (chart units from the page's left)
    index: int  # 1-based, of ``count`` slices of this column
    count: int
    prev_page: Page | None = None
    next_page: Page | None = None


def plan_columns(
    chart, cap_w: float, cap_h: float, *, gap: float = 40.0, tag: float = MARKER_H + 8
) -> list[Page]:
    """Pages of a column chart: columns side by side, each cut between cards to fit.

    A column is the header card and the cards below it within its width. Its
    slices keep the chart's own positions, so the outline's indents and lines
    read as on screen; a cut column says where it continues.
    """
    cards = chart.cards
    headers = sorted((c for c in cards.values() if c.kind == "header"), key=lambda c: c.box.x)
    if not headers:
        return []
    lefts = [h.box.x for h in headers]
    members: dict[str, list[str]] = {h.id: [] for h in headers}
    for c in cards.values():
        if c.kind == "header":
            continue
        k = max((i for i, x in enumerate(lefts) if x <= c.box.x + 0.5), default=0)
        members[headers[k].id].append(c.id)
    col_w = max(h.box.w for h in headers)
    per_page = max(1, int((cap_w + gap) // (col_w + gap)))
    room = cap_h - 2 * tag  # a continued slice has a tag above and below

    slices: dict[str, list[Slice]] = {}
    for h in headers:
        ids = [h.id] + sorted(members[h.id], key=lambda i: (cards[i].box.y, cards[i].box.x))
        runs: list[list[str]] = []
        top = None
        for i in ids:
            b = cards[i].box
            if top is None or b.bottom - top > room:
                runs.append([])
                top = b.y
            runs[-1].append(i)
        slices[h.id] = [
            Slice(
                h.id,
                run,
                min(cards[i].box.y for i in run),
                max(cards[i].box.bottom for i in run),
                h.box.x,
                0.0,
                n + 1,
                len(runs),
            )
            for n, run in enumerate(runs)
        ]

    # The slices flow into the page's column slots like a newspaper: a long column
    # goes on in the next slot, and the next function starts where one ends.
    flow = [sl for h in headers for sl in slices[h.id]]
    pages: list[Page] = []
    for g in range(0, len(flow), per_page):
        page = Page(None, [], {}, None, None)
        for slot, sl in enumerate(flow[g : g + per_page]):
            sl.dx = slot * (col_w + gap)
            page.slices.append(sl)
        page.kids = list(dict.fromkeys(sl.header for sl in page.slices))
        pages.append(page)
    by_slice = {id(sl): pg for pg in pages for sl in pg.slices}
    for runs in slices.values():
        for a, b in zip(runs, runs[1:], strict=False):
            a.next_page = by_slice[id(b)]
            b.prev_page = by_slice[id(a)]
    for i, page in enumerate(pages):
        page.number = i + 1
    return pages


class Planner:
    """Plans the pages of a chart for a content area of ``cap_w`` x ``cap_h`` chart points."""

    def __init__(
        self,
        tree: Tree,
        cap_w: float,
        cap_h: float,
        *,
        h_gap: float = 20,
        v_gap: float = 48,
        compact: int | None = DEFAULT_COMPACT,
        from_tag: float = MARKER_H + 8,
        tree_gap: float = 40,
        columns: int = DEFAULT_COMPACT_COLUMNS,
    ):
        self.tree = tree
        self.cap_w = cap_w
        self.cap_h = cap_h
        self.h_gap = h_gap
        self.v_gap = v_gap
        self.compact = compact
        self.columns = columns
        self.from_tag = from_tag
        self.tree_gap = tree_gap
        self._sub: dict[tuple[str, float], tuple[float, float]] = {}
        self._sub_lay: dict[str, TreeLayout] = {}  # whole branches laid out alone

    # -- layouts of fragments -------------------------------------------------------
    def fragment(
        self, roots: Sequence[str], depth: dict[str, float], root: str | None = None
    ) -> tuple[dict[str, list[str]], set[str]]:
        """Children map and stubs of ``roots`` shown ``depth[r]`` levels deep (under ``root``)."""
        children: dict[str, list[str]] = {}
        stubs: set[str] = set()
        kids = self.tree.children
        if root is not None:
            children[root] = list(roots)
        for r in roots:
            limit = depth.get(r, FULL)
            stack: list[tuple[str, float]] = [(r, 0)]
            while stack:
                v, d = stack.pop()
                ks = kids.get(v)
                if not ks:
                    continue
                if d >= limit:
                    stubs.add(v)
                    continue
                children[v] = ks
                stack.extend((k, d + 1) for k in ks)
        return children, stubs

    def layout(
        self, roots: Sequence[str], depth: dict[str, float], root: str | None = None
    ) -> tuple[TreeLayout, set[str]]:
        children, stubs = self.fragment(roots, depth, root)
        sizes = self.tree.sizes

        def size(i: str) -> tuple[float, float]:
            w, h = sizes[i]
            return (w, h + MARKER_H) if i in stubs else (w, h)

        # Stubs are leaves here, so a long list of them stacks in columns like any
        # other leaves; their "continued" tab is part of their height.
        def lay_out(columns: int) -> TreeLayout:
            return tidy_tree(
                [root] if root is not None else list(roots),
                children,
                size,
                h_gap=self.h_gap,
                v_gap=self.v_gap,
                compact=self.compact,
                compact_columns=columns,
                tree_gap=self.tree_gap,
                # A branch too wide for the page lists its reports in columns, as on screen.
                aspect=self.cap_w / self.cap_h if self.cap_h > 0 else None,
            )

        lay = lay_out(self.columns)
        if lay.height > self.cap_h and lay.width * 2 <= self.cap_w:
            # Too tall for the page and narrow: one more column of leaves may fit it.
            wider = lay_out(self.columns + 1)
            if wider.height < lay.height and wider.width <= self.cap_w:
                lay = wider
        return lay, stubs

    def _fits(self, w: float, h: float, cap_h: float) -> bool:
        return w <= self.cap_w + 0.01 and h <= cap_h + 0.01

    def _hopeless(self, node: str, cap_h: float) -> bool:
        """Whether ``node``'s whole branch is certainly too big for a page.

        Besides the branch's extent in the chart, its cards' area: cards never
        overlap, so a branch whose cards cover more than the page cannot fit,
        and is not laid out to find that out.
        """
        w, h = self.tree.extent.get(node, (0.0, 0.0))
        count = self.tree.count(node)
        return (
            count > 4000
            or w > 2 * self.cap_w
            or h > 2 * cap_h
            or count * self.tree.min_area > (self.cap_w + 0.01) * (cap_h + 0.01)
        )

    def _sub_size(self, node: str, depth: float) -> tuple[float, float]:
        """Size of ``node``'s branch shown ``depth`` levels deep, laid out alone."""
        key = (node, depth)
        if key not in self._sub:
            if depth <= 0 or not self.tree.children.get(node):
                # One card, with a "continued" tab when its reports are not shown.
                w, h = self.tree.sizes[node]
                self._sub[key] = (w, h + MARKER_H) if self.tree.children.get(node) else (w, h)
                return self._sub[key]
            lay, _ = self.layout([node], {node: depth})
            self._sub[key] = (lay.width, lay.height)
            if depth == FULL:  # kept: a small branch is drawn as laid out here (_share)
                self._sub_lay[node] = lay
        return self._sub[key]

    # -- the plan ---------------------------------------------------------------------
    def plan(self) -> list[Page]:
        """Pages in reading order: each page, then the pages of its stubs (depth first)."""
        first = self._plan_node(None, None)
        self._absorb(first)
        self._pack_siblings(first)
        pages: list[Page] = []
        stack = list(reversed(first))
        while stack:
            page = stack.pop()
            page.number = len(pages) + 1
            pages.append(page)
            stack.extend(reversed(page.children))
        # Where each card heads a page, and where it is a stub: the two ends of
        # every "continued on page N" / "from page M" pair.
        heads_on: dict[str, list[int]] = {}
        stub_on: dict[str, int] = {}
        for page in pages:
            for head in page.heads:
                heads_on.setdefault(card_id(head), []).append(page.number)
            for stub in page.stubs:
                stub_on.setdefault(stub, page.number)
        for page in pages:
            page.stub_pages = {
                s: (min(heads_on[s]), max(heads_on[s])) for s in page.stubs if s in heads_on
            }
            page.head_from = {h: stub_on[card_id(h)] for h in page.heads if card_id(h) in stub_on}
        return pages

    def _absorb(self, top: list[Page]) -> None:
        """Put small continuation pages into the room left on the page they continue.

        A branch page that fits beside or below its parent page's content moves
        there (its tag then says "above"); its own continuations stay pages of
        their own, and may in turn move up. Pages split into parts stay apart.
        """
        work = list(top)
        while work:
            page = work.pop()
            if page.slices or page.layout is None:
                continue
            cap_h = self.cap_h - (self.from_tag if page.parent is not None else 0.0)
            lay = page.layout
            parts = [(lay, 0.0, 0.0)]
            taken = set(lay.boxes)
            row_y, row_h, x = 0.0, lay.height, lay.width + self.tree_gap
            kept: list[Page] = []
            queue = list(page.children)
            while queue:
                child = queue.pop(0)
                clay = child.layout
                if child.part is not None or child.slices or clay is None:
                    kept.append(child)
                    continue
                w, h = clay.width, clay.height + self.from_tag
                # Beside the page's own branch, a tag goes in the band above it, if any.
                band = row_y == 0 and page.parent is not None
                if x + w <= self.cap_w and row_y + h - (self.from_tag if band else 0) <= cap_h:
                    at = (x, row_y - (self.from_tag if band else 0))
                elif w <= self.cap_w and row_y + row_h + self.v_gap / 2 + h <= cap_h:
                    row_y, row_h, x = row_y + row_h + self.v_gap / 2, 0.0, 0.0
                    at = (x, row_y)
                else:
                    kept.append(child)
                    continue
                # The branch's head is also drawn as a stub up on this page: its copy
                # here gets a key of its own (see card_id).
                clay, renamed = _rekey(clay, taken, len(parts))
                taken.update(clay.boxes)
                parts.append((clay, at[0], at[1] + self.from_tag))
                x = at[0] + w + self.tree_gap
                row_h = max(row_h, h)
                page.extra_heads += [renamed.get(head, head) for head in child.heads]
                page.stubs += child.stubs
                for grandchild in child.children:
                    grandchild.parent = page
                queue[0:0] = child.children  # they may fit too, in reading order
            if len(parts) > 1:
                page.layout = _merge(parts, self.v_gap)
            page.children = kept
            work.extend(kept)

    def _pack_siblings(self, top: list[Page]) -> None:
        """Put sibling pages (branches continued from the same page) together on one page
        when they fit: beside each other, or below. Each keeps its "from page" tag."""
        work = list(top)
        while work:
            page = work.pop()
            kept: list[Page] = []
            host: Page | None = None
            parts: list[tuple[TreeLayout, float, float]] = []
            taken: set[str] = set()
            x = row_y = row_h = 0.0
            cap_h = self.cap_h - self.from_tag  # the host's own tag sits above its layout

            def close(host: Page | None, parts: list) -> None:
                if host is not None and len(parts) > 1:
                    host.layout = _merge(parts, self.v_gap)

            for child in page.children:
                lay = child.layout
                movable = lay is not None and not child.slices and child.part is None
                if host is not None and movable and lay is not None:
                    w, h = lay.width, lay.height + self.from_tag
                    at: tuple[float, float] | None = None
                    if x + w <= self.cap_w and row_y + h - (0 if row_y else self.from_tag) <= cap_h:
                        # beside the first branch: its tag in the band above, like the host's
                        at = (x, row_y - (0 if row_y else self.from_tag))
                    elif w <= self.cap_w and row_y + row_h + self.v_gap / 2 + h <= cap_h:
                        row_y, row_h = row_y + row_h + self.v_gap / 2, 0.0
                        at = (0.0, row_y)
                    if at is not None:
                        lay, renamed = _rekey(lay, taken, len(parts))
                        taken.update(lay.boxes)
                        parts.append((lay, at[0], at[1] + self.from_tag))
                        x = at[0] + w + self.tree_gap
                        row_h = max(row_h, h)
                        host.extra_heads += [renamed.get(h_, h_) for h_ in child.heads]
                        host.stubs += child.stubs
                        for grandchild in child.children:
                            grandchild.parent = host
                        host.children += child.children
                        continue
                close(host, parts)
                kept.append(child)
                host = child if movable else None
                if host is not None and lay is not None:
                    parts = [(lay, 0.0, 0.0)]
                    taken = set(lay.boxes)
                    x, row_y, row_h = lay.width + self.tree_gap, 0.0, lay.height
            close(host, parts)
            page.children = kept
            work.extend(kept)

    def _plan_node(self, root: str | None, parent: Page | None) -> list[Page]:
        """Plan the page(s) headed by ``root``; their stubs are planned (iteratively) too."""
        out = self._pages_for(root, parent)
        work = [p for p in out]
        while work:
            page = work.pop()
            for item in self._share(page.stubs, page):
                subpages = [item] if isinstance(item, Page) else self._pages_for(item, page)
                page.children.extend(subpages)
                work.extend(subpages)
        return out

    def _share(self, stubs: Sequence[str], parent: Page) -> list[Page | str]:
        """Small branches share a page, in rows; a big one is planned on its own.

        Returns, in the stubs' order, shared pages and the stubs still to plan.
        """
        cap_h = self.cap_h
        out: list[Page | str] = []
        placed: list[tuple[str, float, float]] = []  # branch, x, y (its from-tag's top)
        x = y = shelf_h = 0.0

        def flush() -> None:
            nonlocal placed, x, y, shelf_h
            if len(placed) == 1:
                out.append(placed[0][0])
            elif placed:
                depth = {k: FULL for k, _, _ in placed}
                parts = []
                for k, px, py in placed:
                    lay = self._sub_lay.get(k) or self.layout([k], {k: FULL})[0]
                    parts.append((lay, px, py + self.from_tag))
                lay = _merge(parts, self.v_gap)
                out.append(Page(None, [k for k, _, _ in placed], depth, parent, None, lay, []))
            placed, x, y, shelf_h = [], 0.0, 0.0, 0.0

        for stub in stubs:
            small = not self._hopeless(stub, cap_h)
            w, h = self._sub_size(stub, FULL) if small else (math.inf, math.inf)
            h += self.from_tag
            if not self._fits(w, h, cap_h):
                out.append(stub)  # small ones before and after it can still share
                continue
            if placed and x + w > self.cap_w:  # next row
                x, y, shelf_h = 0.0, y + shelf_h + self.v_gap / 2, 0.0
            if placed and y + h > cap_h:
                flush()
            placed.append((stub, x, y))
            x += w + self.tree_gap
            shelf_h = max(shelf_h, h)
        flush()
        return out

    def _pages_for(self, root: str | None, parent: Page | None) -> list[Page]:
        tree = self.tree
        kids = list(tree.roots) if root is None else list(tree.children.get(root, ()))
        row = 0.0 if root is None else tree.sizes[root][1] + self.v_gap
        cap_h = self.cap_h - (self.from_tag if parent is not None else 0.0)
        avail_h = cap_h - row

        def make(ks: list[str], depth: dict[str, float], part=None) -> Page:
            lay, stubs = self.layout(ks, depth, root)
            order = [s for s in _preorder_ids(lay, root, ks) if s in stubs]
            return Page(root, ks, depth, parent, part, lay, order)

        # Everything in one page when it fits.
        depth = {k: FULL for k in kids}
        if not any(self._hopeless(k, avail_h) for k in kids) and (
            root is None or not self._hopeless(root, cap_h)
        ):
            page = make(kids, depth)
            if self._fits(page.layout.width, page.layout.height, cap_h):
                return [page]

        # Otherwise each child as deep as fits on a page by itself...
        for k in kids:
            depth[k] = self._deepest(k, avail_h)
        widths = {k: self._sub_size(k, depth[k])[0] for k in kids}
        # ...then shallower, widest first, while that lets them share one page. That
        # costs a page for each branch cut off; parts of the children side by side
        # cost a page per part. Take whichever needs fewer pages.
        trimmed = dict(depth)
        trimmed_widths = dict(widths)
        while self._row_width(kids, trimmed_widths, trimmed) > self.cap_w:
            k = max(
                (k for k in kids if trimmed[k] > 0), key=lambda k: trimmed_widths[k], default=None
            )
            if k is None:
                break
            trimmed[k] = min(trimmed[k], tree.depth_below(k)) - 1
            trimmed_widths[k] = self._sub_size(k, trimmed[k])[0]
        if self._row_width(kids, trimmed_widths, trimmed) <= self.cap_w:
            # The branches cut off share pages (see _share), so count them by area.
            cut = sum(
                max(0.0, self._area(k, depth[k]) - self._area(k, trimmed[k]))
                for k in kids
                if trimmed[k] != depth[k]
            )
            pages_cut = math.ceil(cut / (0.6 * self.cap_w * self.cap_h))
            if 1 + pages_cut <= self._parts_estimate(kids, widths, depth):
                page = make(kids, trimmed)
                if self._fits(page.layout.width, page.layout.height, cap_h):
                    return [page]

        # Parts: runs of consecutive children, each run as long as fits on a page.
        pages: list[Page] = []
        i = 0
        while i < len(kids):
            page = make(kids[i : i + 1], {kids[i]: depth[kids[i]]})
            if not self._fits(page.layout.width, page.layout.height, cap_h) and depth[kids[i]]:
                depth[kids[i]] = 0  # too big even alone: its reports go to their own page
                page = make(kids[i : i + 1], {kids[i]: 0})
            lo, hi = 1, 1  # kids[i:i+lo] fits; find the longest run that does
            best = page
            step = 1
            while i + hi < len(kids):
                hi = min(len(kids) - i, lo + step)
                trial = make(kids[i : i + hi], {k: depth[k] for k in kids[i : i + hi]})
                if not self._fits(trial.layout.width, trial.layout.height, cap_h):
                    break
                lo, best, step = hi, trial, step * 2
            else:
                hi = lo
            while hi - lo > 1:  # the longest run lies between lo (fits) and hi (does not)
                mid = (lo + hi) // 2
                trial = make(kids[i : i + mid], {k: depth[k] for k in kids[i : i + mid]})
                if self._fits(trial.layout.width, trial.layout.height, cap_h):
                    lo, best = mid, trial
                else:
                    hi = mid
            pages.append(best)
            i += lo
        if len(pages) > 1:
            # The greedy runs leave the last part short; share the children evenly
            # among the same number of parts when each part still fits.
            n = len(pages)
            size = -(-len(kids) // n)
            even = [
                make(kids[k : k + size], {c: depth[c] for c in kids[k : k + size]})
                for k in range(0, len(kids), size)
            ]
            if len(even) == n and all(
                self._fits(pg.layout.width, pg.layout.height, cap_h)
                for pg in even
                if pg.layout is not None
            ):
                pages = even
            for n, page in enumerate(pages):
                page.part = (n + 1, len(pages))
        return pages

    def _area(self, node: str, depth: float) -> float:
        """Page area of ``node``'s branch shown ``depth`` deep, its from-tag included."""
        if depth == FULL and self.tree.count(node) > 4000:
            return self.cap_w * self.cap_h * self.tree.count(node) / 40
        w, h = self._sub_size(node, depth)
        return (w + self.tree_gap) * (h + self.from_tag + self.v_gap / 2)

    def _parts_estimate(
        self, kids: Sequence[str], widths: dict[str, float], depth: dict[str, float]
    ) -> int:
        """Pages needed to show ``kids`` side by side in parts."""
        parts = 1
        current: list[str] = []
        for k in kids:
            if current and self._row_width(current + [k], widths, depth) > self.cap_w:
                parts += 1
                current = []
            current.append(k)
        return parts

    def _row_width(
        self, kids: Sequence[str], widths: dict[str, float], depth: dict[str, float]
    ) -> float:
        """Estimated width of ``kids`` side by side, leaves stacked as the layout does."""
        tree = self.tree
        leaves = [k for k in kids if not tree.children.get(k) or depth[k] <= 0]
        inner = [k for k in kids if tree.children.get(k) and depth[k] > 0]
        total = sum(widths[k] for k in inner)
        items = len(inner)
        if self.compact is not None and len(leaves) > self.compact:
            cols = min(self.columns, len(leaves))
            total += cols * max(widths[k] for k in leaves) + self.h_gap * (
                cols if cols == 1 else cols - 1
            )
            items += 1
        else:
            total += sum(widths[k] for k in leaves)
            items += len(leaves)
        return total + self.h_gap * max(0, items - 1)

    def _deepest(self, node: str, avail_h: float) -> float:
        """How many levels of ``node``'s branch fit on a page below its parent."""
        tree = self.tree
        below = tree.depth_below(node)
        if below == 0:
            return 0
        if not self._hopeless(node, avail_h):
            w, h = self._sub_size(node, FULL)
            if self._fits(w, h, avail_h):
                return FULL
        best = 0
        for d in range(1, below):
            w, h = self._sub_size(node, d)
            if not self._fits(w, h, avail_h):
                break
            best = d
        return best


def _preorder_ids(lay: TreeLayout, root: str | None, kids: Sequence[str]) -> list[str]:
    """The cards of a page layout in reading order (top-down, left to right)."""
    children: dict[str, list[str]] = {}
    for a, b in lay.edges:
        children.setdefault(a, []).append(b)
    order: list[str] = []
    stack = list(reversed([root] if root is not None else list(kids)))
    seen: set[str] = set()
    while stack:
        v = stack.pop()
        if v in seen:
            continue
        seen.add(v)
        order.append(v)
        stack.extend(reversed(children.get(v, ())))
    return order


COPY = "\x1f"  # separates a card's ID from the number of its second copy on a page


def card_id(key: str) -> str:
    """The chart card a page layout's key draws (a copy's key carries a suffix)."""
    return key.split(COPY, 1)[0]


def _rekey(lay: TreeLayout, taken: set[str], n: int) -> tuple[TreeLayout, dict[str, str]]:
    """``lay`` with the keys already ``taken`` renamed to copies; and the renaming."""
    renamed = {k: f"{k}{COPY}{n}" for k in lay.boxes if k in taken}
    if not renamed:
        return lay, {}

    def r(k: str) -> str:
        return renamed.get(k, k)

    return TreeLayout(
        boxes={r(k): b for k, b in lay.boxes.items()},
        edges=[(r(a), r(b)) for a, b in lay.edges],
        width=lay.width,
        height=lay.height,
        stacked={r(k) for k in lay.stacked},
        operations=lay.operations,
        buses={r(k): v for k, v in lay.buses.items()},
        v_gap=lay.v_gap,
    ), renamed


def _merge(parts: Sequence[tuple[TreeLayout, float, float]], v_gap: float) -> TreeLayout:
    """One layout of several, each moved by its (dx, dy)."""
    boxes = {}
    buses = {}
    edges: list[tuple[str, str]] = []
    stacked: set[str] = set()
    width = height = 0.0
    for lay, dx, dy in parts:
        for k, b in lay.boxes.items():
            boxes[k] = b.moved_to(b.x + dx, b.y + dy)
        for k, (sx, by) in lay.buses.items():
            buses[k] = (sx + dx, by + dy)
        edges += lay.edges
        stacked |= lay.stacked
        width = max(width, dx + lay.width)
        height = max(height, dy + lay.height)
    return TreeLayout(
        boxes=boxes,
        edges=edges,
        width=width,
        height=height,
        stacked=stacked,
        operations=0,
        buses=buses,
        v_gap=v_gap,
    )
