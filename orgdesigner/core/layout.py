"""Tidy-tree layout of a forest, shared by the canvas and the exporters.

The algorithm is Walker's, in the linear-time form of Buchheim, Jünger and
Leipert (2002): a post-order pass places every subtree as close as its
contours allow (threads make the contour walk linear), a pre-order pass adds
up the modifiers. Everything runs on integer-indexed lists with explicit
stacks, so a path of 50,000 people never meets Python's recursion limit.

Layout decisions, in the terms a reader of the chart sees:

* **Rows by depth.** Every node of depth ``d`` has its top at the same ``y``;
  a row is as tall as its tallest card, and rows are ``v_gap`` apart. Cards of
  different heights (team cards grow with their members) are top-aligned in
  their row. Rows that line up read as levels of the organisation, which is
  what an org chart is for; it also lets the contour comparison work level by
  level, which is what makes the algorithm linear.
* **Centred parents.** A parent's centre is midway between the centres of its
  first and last child (a stack of leaves counts as one child).
* **Compact stacking.** When a node has more than ``compact`` leaf children,
  those leaves are stacked in ``compact_columns`` columns under it, filled
  column by column (top to bottom, then the next column), with a spine
  between each pair of columns for the connectors (one column: the spine runs
  down its left side). The stack takes the middle place among the node's
  other children, which are laid out normally beside it. For the contour
  walk the stack is one wide node followed by a chain of invisible nodes, one
  per row it reaches down into, so nothing further down can slide under it.
  Roots that are leaves are stacked the same way at the right end of the
  forest when there are more than ``compact`` of them (without connectors).
* **Forest.** Trees are placed left to right in the order of ``roots``,
  ``tree_gap`` apart by their bounding boxes.
* **Defensive input.** A child that is already placed (listed twice, a cycle,
  itself) is ignored; a child missing from ``children`` is a leaf. A size that
  is negative or not finite counts as 0.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle: top-left corner and size, in points (y grows downwards)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def moved_to(self, x: float, y: float) -> Box:
        """The same size with its top-left corner at ``(x, y)``."""
        return Box(x, y, self.w, self.h)

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.x + self.w and self.y <= y <= self.y + self.h

    def overlaps(self, other: Box) -> bool:
        """True when the interiors intersect (touching edges do not count)."""
        return (
            self.x < other.x + other.w
            and other.x < self.x + self.w
            and self.y < other.y + other.h
            and other.y < self.y + self.h
        )


@dataclass
class TreeLayout:
    """Where every node of a forest goes.

    ``buses`` maps each stacked child that has a parent to ``(spine_x, bus_y)``:
    its connector leaves the parent, runs along ``bus_y`` to the spine and down
    the spine to the child's side. :func:`route` draws it.
    """

    boxes: dict[str, Box]
    edges: list[tuple[str, str]]
    width: float
    height: float
    stacked: set[str]
    operations: int
    buses: dict[str, Point] = field(default_factory=dict)
    v_gap: float = 48.0

    def route(self, parent: str, child: str) -> list[Point]:
        """The connector polyline from ``parent`` to ``child``."""
        return route(self.boxes[parent], self.boxes[child], self.v_gap, self.buses.get(child))


def route(parent: Box, child: Box, v_gap: float, bus: Point | None = None) -> list[Point]:
    """An orthogonal connector from ``parent`` to ``child``.

    Without ``bus``: down from the parent, across at ``v_gap / 2`` above the
    child's row, down into the child. With ``bus = (spine_x, bus_y)``: across
    to the spine, down the spine to the child's middle, into the child's side;
    when the spine starts under the parent itself (an indented list), the
    connector drops straight from the parent's bottom edge.
    """
    if bus is not None:
        sx, by = bus
        side = child.x if abs(sx - child.x) <= abs(sx - child.right) else child.right
        if parent.x < sx < parent.right and abs(by - parent.bottom) < 0.5:
            return [(sx, parent.bottom), (sx, child.cy), (side, child.cy)]
        return [
            (parent.cx, parent.bottom),
            (parent.cx, by),
            (sx, by),
            (sx, child.cy),
            (side, child.cy),
        ]
    by = child.y - v_gap / 2
    if by < parent.bottom:  # moved by hand above its parent: meet halfway
        by = (parent.bottom + child.y) / 2
    return [(parent.cx, parent.bottom), (parent.cx, by), (child.cx, by), (child.cx, child.y)]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cycle collector around a bulk build.

    A layout allocates hundreds of thousands of small containers and makes no
    reference cycles; with a large document in memory every collection walks
    all of it, which costs about a third of the time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _clean(v: float) -> float:
    v = float(v)
    return v if math.isfinite(v) and v > 0 else 0.0


def tidy_tree(
    roots: Sequence[str],
    children: Mapping[str, Sequence[str]],
    size: Callable[[str], tuple[float, float]],
    *,
    h_gap: float = 20,
    v_gap: float = 48,
    tree_gap: float = 40,
    compact: int | None = 6,
    compact_columns: int = 2,
    stack_gap: float | None = None,
    unstackable: Collection[str] = frozenset(),
) -> TreeLayout:
    """Lay out the forest ``roots``/``children`` with card sizes from ``size(id) -> (w, h)``.

    ``compact=None`` turns stacking off. ``stack_gap`` is the vertical gap
    between stacked cards (default ``h_gap / 2``). Nodes in ``unstackable``
    (for example collapsed managers) are never stacked even when they are
    leaves here. Runs in time linear in the number of nodes; ``operations``
    counts the elementary steps so tests can check that.
    """
    with paused_gc():
        return _tidy_tree(
            roots,
            children,
            size,
            h_gap=h_gap,
            v_gap=v_gap,
            tree_gap=tree_gap,
            compact=compact,
            compact_columns=compact_columns,
            stack_gap=stack_gap,
            unstackable=unstackable,
        )


def _tidy_tree(
    roots: Sequence[str],
    children: Mapping[str, Sequence[str]],
    size: Callable[[str], tuple[float, float]],
    *,
    h_gap: float,
    v_gap: float,
    tree_gap: float,
    compact: int | None,
    compact_columns: int,
    stack_gap: float | None,
    unstackable: Collection[str],
) -> TreeLayout:
    h_gap = max(0.0, float(h_gap))
    v_gap = max(0.0, float(v_gap))
    tree_gap = max(0.0, float(tree_gap))
    sgap = h_gap / 2 if stack_gap is None else max(0.0, float(stack_gap))
    columns = max(1, int(compact_columns))
    ops = 0

    # -- 1. index the forest breadth first; a node already placed is skipped
    ids: list[str] = []
    index: dict[str, int] = {}
    par: list[int] = []
    depth: list[int] = []
    # Most nodes are leaves: they share one empty list (never appended to),
    # which saves allocating and freeing tens of thousands of lists.
    none: list[int] = []
    kids: list[list[int]] = []
    for root in roots:
        if root in index:
            continue
        index[root] = len(ids)
        ids.append(root)
        par.append(-1)
        depth.append(0)
        kids.append(none)
    nroots = len(ids)
    get = children.get
    i = 0
    while i < len(ids):
        listed = get(ids[i])
        if listed:
            ops += len(listed)
            mine: list[int] = []
            d = depth[i] + 1
            for child in listed:
                if child in index or not isinstance(child, str):
                    continue
                index[child] = j = len(ids)
                ids.append(child)
                par.append(i)
                depth.append(d)
                kids.append(none)
                mine.append(j)
            if mine:
                kids[i] = mine
        i += 1
    n = len(ids)
    ws = [0.0] * n
    hs = [0.0] * n
    inf = math.inf
    for i, key in enumerate(ids):
        w, h = size(key)
        # the fast test also refuses NaN (every comparison with it is false)
        ws[i] = w if 0 < w < inf else _clean(w)
        hs[i] = h if 0 < h < inf else _clean(h)
    ops += n

    # -- 2. choose the stacks
    stacked = [False] * n
    # A stack: (parent or -1 for the roots, members in order).
    stacks: list[tuple[int, list[int]]] = []

    def leaves_of(group: list[int]) -> list[int]:
        return [c for c in group if not kids[c] and ids[c] not in unstackable]

    if compact is not None:
        for u in range(n):
            if len(kids[u]) > compact:
                leaves = leaves_of(kids[u])
                ops += len(kids[u])
                if len(leaves) > compact:
                    stacks.append((u, leaves))
        if nroots > compact:
            leaves = leaves_of(list(range(nroots)))
            ops += nroots
            if len(leaves) > compact:
                stacks.append((-1, leaves))
        for _, members in stacks:
            for c in members:
                stacked[c] = True

    # Walker's tree: the visible non-stacked nodes keep their index; each stack
    # adds one node, and later its chain of fillers.
    wkids: list[list[int]] = kids[:]  # shared lists, replaced where a stack takes children
    for u, _ in stacks:
        if u >= 0:
            wkids[u] = [c for c in kids[u] if not stacked[c]]
    wpar = par[:]
    wwidth = ws[:]
    wdepth = depth[:]
    wroots = [r for r in range(nroots) if not stacked[r]]
    ops += n

    # Geometry of each stack relative to its top-left corner.
    stack_node: list[int] = []
    stack_w: list[float] = []
    stack_h: list[float] = []
    # per stack: rows, and per column (x, width, spine x, spine on the left?)
    stack_rows: list[list[float]] = []
    stack_cols: list[list[tuple[float, float, float, bool]]] = []
    w_of = ws.__getitem__
    h_of = hs.__getitem__
    for u, members in stacks:
        k = len(members)
        cols = min(columns, k)
        rows = -(-k // cols)
        cols = -(-k // rows)  # 4 cards in 3 columns: 2 rows fill 2 columns
        hmax = max(map(h_of, members))
        if hmax == min(map(h_of, members)):  # the usual case: one card height
            row_y = [r * (hmax + sgap) for r in range(rows)]
            height_ = row_y[-1] + hmax
        else:
            row_h = [0.0] * rows
            for idx, c in enumerate(members):
                r = idx % rows
                if hs[c] > row_h[r]:
                    row_h[r] = hs[c]
            row_y = [0.0] * rows
            for r in range(1, rows):
                row_y[r] = row_y[r - 1] + row_h[r - 1] + sgap
            height_ = row_y[-1] + row_h[-1]
        x = h_gap if cols == 1 else 0.0  # one column: its spine runs on its left
        geometry = []
        for j in range(cols):
            cw = max(map(w_of, members[j * rows : (j + 1) * rows]))
            # Spine between each pair of columns; an odd last column (or a
            # single column) has it on its left, in the gap before it.
            on_left = cols == 1 or j % 2 == 1 or j == cols - 1
            geometry.append((x, cw, x - h_gap / 2 if on_left else x + cw + h_gap / 2, on_left))
            x += cw + h_gap
        total_w = x - h_gap
        stack_rows.append(row_y)
        stack_cols.append(geometry)
        ops += k
        b = len(wwidth)
        wkids.append([])
        wpar.append(u)
        wwidth.append(total_w)
        wdepth.append(depth[u] + 1 if u >= 0 else 0)
        stack_node.append(b)
        stack_w.append(total_w)
        stack_h.append(height_)
        if u >= 0:
            others = wkids[u]
            others.insert(len(others) // 2, b)
        else:
            wroots.append(b)

    # -- 3. rows: tops by depth, from the non-stacked nodes' heights
    max_depth = depth[-1] if n else 0  # breadth-first order: the deepest come last
    row_hgt = [0.0] * (max_depth + 1)
    for d, h, st in zip(depth, hs, stacked, strict=True):
        if h > row_hgt[d] and not st:
            row_hgt[d] = h
    ops += n
    row_top = [0.0]
    for d in range(max_depth):
        row_top.append(row_top[-1] + row_hgt[d] + v_gap)
    # Rows below the deepest card exist only for stacks reaching down there.
    spare_pitch = max(max(hs, default=0.0) + v_gap, 1.0)

    def top_of(d: int) -> float:
        while len(row_top) <= d:
            last = len(row_top) - 1
            pitch = row_hgt[last] + v_gap if last <= max_depth else spare_pitch
            row_top.append(row_top[-1] + max(pitch, 1e-9 if last <= max_depth else 1.0))
        return row_top[d]

    # Chains of fillers under every stack with a parent, one per row it reaches.
    for s, b in enumerate(stack_node):
        if wpar[b] < 0:
            continue  # the root stack sits alone at the end of the forest
        d = wdepth[b]
        bottom = top_of(d) + stack_h[s] + v_gap
        prev = b
        e = d + 1
        while top_of(e) < bottom:
            f = len(wwidth)
            wkids.append([])
            wpar.append(prev)
            wwidth.append(stack_w[s])
            wdepth.append(e)
            wkids[prev].append(f)
            prev = f
            e += 1
            ops += 1

    # -- 4. Walker / Buchheim on the augmented tree
    total = len(wwidth)
    prelim = [0.0] * total
    mod = [0.0] * total
    shift = [0.0] * total
    change = [0.0] * total
    mid = [0.0] * total
    thread = [-1] * total
    ancestor = list(range(total))
    number = [0] * total
    for u in range(total):
        for k, c in enumerate(wkids[u]):
            number[c] = k
    ops += total

    # Pre-order of each tree, remembering where each tree starts.
    order: list[int] = []
    starts: list[int] = []
    for r in wroots:
        starts.append(len(order))
        stack = [r]
        while stack:
            v = stack.pop()
            order.append(v)
            stack.extend(reversed(wkids[v]))
    starts.append(len(order))
    ops += len(order)

    gap = h_gap

    def next_left(v: int) -> int:
        k = wkids[v]
        return k[0] if k else thread[v]

    def next_right(v: int) -> int:
        k = wkids[v]
        return k[-1] if k else thread[v]

    for v in reversed(order):
        ks = wkids[v]
        ops += 1
        if not ks:
            continue
        first = ks[0]
        default_anc = first
        prev = -1
        for w in ks:
            ops += 1
            if prev < 0:
                prelim[w] = mid[w]
                prev = w
                continue
            prelim[w] = prelim[prev] + (wwidth[prev] + wwidth[w]) / 2 + gap
            if wkids[w]:
                mod[w] = prelim[w] - mid[w]
            # apportion(w): push w's subtree right until its left contour
            # clears the right contour of the siblings before it.
            vip = vop = w
            vim = prev
            vom = first
            sip = sop = mod[w]
            sim = mod[vim]
            som = mod[vom]
            while True:
                nr = next_right(vim)
                nl = next_left(vip)
                if nr < 0 or nl < 0:
                    break
                ops += 1
                vim = nr
                vip = nl
                vom = next_left(vom)
                vop = next_right(vop)
                ancestor[vop] = w
                sh = (
                    (prelim[vim] + sim)
                    - (prelim[vip] + sip)
                    + (wwidth[vim] + wwidth[vip]) / 2
                    + gap
                )
                if sh > 0:
                    a = ancestor[vim]
                    if wpar[a] != v:
                        a = default_anc
                    subtrees = number[w] - number[a]
                    if subtrees <= 0:
                        subtrees = 1
                    change[w] -= sh / subtrees
                    shift[w] += sh
                    change[a] += sh / subtrees
                    prelim[w] += sh
                    mod[w] += sh
                    sip += sh
                    sop += sh
                sim += mod[vim]
                sip += mod[vip]
                som += mod[vom]
                sop += mod[vop]
            nr = next_right(vim)
            if nr >= 0 and next_right(vop) < 0:
                thread[vop] = nr
                mod[vop] += sim - sop
            nl = next_left(vip)
            if nl >= 0 and next_left(vom) < 0:
                thread[vom] = nl
                mod[vom] += sip - som
                default_anc = w
            prev = w
        # execute the shifts recorded by apportion, spreading them over the
        # subtrees in between so they stay evenly spaced
        moved = 0.0
        ch = 0.0
        for w in reversed(ks):
            ops += 1
            prelim[w] += moved
            mod[w] += moved
            ch += change[w]
            moved += shift[w] + ch
        mid[v] = (prelim[first] + prelim[ks[-1]]) / 2

    # second walk: absolute centres
    xc = [0.0] * total
    msum = [0.0] * total
    for r in wroots:
        prelim[r] = mid[r]
    for v in order:
        ops += 1
        xc[v] = prelim[v] + msum[v]
        m = msum[v] + mod[v]
        for c in wkids[v]:
            msum[c] = m

    # -- 5. trees side by side by their bounding boxes
    cursor = 0.0
    for t in range(len(wroots)):
        lo = math.inf
        hi = -math.inf
        for k in range(starts[t], starts[t + 1]):
            v = order[k]
            half = wwidth[v] / 2
            if xc[v] - half < lo:
                lo = xc[v] - half
            if xc[v] + half > hi:
                hi = xc[v] + half
        ops += starts[t + 1] - starts[t]
        dx = cursor - lo
        for k in range(starts[t], starts[t + 1]):
            xc[order[k]] += dx
        cursor = hi + dx + tree_gap
    width = max(0.0, cursor - tree_gap) if wroots else 0.0

    # -- 6. boxes, edges, buses
    boxes: dict[str, Box] = {}
    height = 0.0
    for key, x, d, w, h, st in zip(ids, xc, depth, ws, hs, stacked, strict=False):
        if st:
            continue
        y = row_top[d]
        boxes[key] = Box(x - w / 2, y, w, h)
        if y + h > height:
            height = y + h
    ops += n
    buses: dict[str, Point] = {}
    for s, (u, members) in enumerate(stacks):
        b = stack_node[s]
        left = xc[b] - stack_w[s] / 2
        top = row_top[wdepth[b]]
        if top + stack_h[s] > height:
            height = top + stack_h[s]
        bus_y = top - v_gap / 2
        row_y = stack_rows[s]
        rows = len(row_y)
        for j, (cx, cw, spine, on_left) in enumerate(stack_cols[s]):
            spine_at = (left + spine, bus_y)
            for r, c in enumerate(members[j * rows : (j + 1) * rows]):
                key = ids[c]
                w = ws[c]
                boxes[key] = Box(left + (cx if on_left else cx + cw - w), top + row_y[r], w, hs[c])
                if u >= 0:
                    buses[key] = spine_at
        ops += len(members)
    edges = [(ids[par[c]], ids[c]) for c in range(nroots, n)]
    ops += n
    return TreeLayout(
        boxes=boxes,
        edges=edges,
        width=width,
        height=height,
        stacked={ids[c] for _, members in stacks for c in members},
        operations=ops,
        buses=buses,
        v_gap=v_gap,
    )
