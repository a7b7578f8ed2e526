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
* **Fitting a shape** (``aspect``, width / height: the window's, or a page's).
  A plain layout no wider than that stays as it is, and so does one within
  the box ``small`` (the caller's "shows well anyway"). A wider one is laid out
  again under a width budget: a node whose row of children would be wider
  than the budget *lists* them instead, every child (managers with their
  branch, leaves, folded cards alike) one under another in columns of about
  equal height, each column with its spine on its left (columns of single
  cards pair their spines as stacks do). A listed child with reports is a
  *block*: its branch is laid out first, on its own, with the child's card at
  the block's top left, next to the spine, so its line reaches it straight;
  the block then takes its place in the column like a card. The number of
  columns is the one that makes the list itself closest to the target shape
  (at the top of the chart that is the chart's shape), capped by the budget
  further down. Trees of a forest wrap into rows at the budget, in reading
  order. The budget is chosen from bounding-box estimates (one linear pass
  each, a bounded number of budgets, fewer for big charts), and the result is
  kept only if it fits the target better than the plain layout. Each node
  takes part in exactly one tidy-tree pass, so the whole stays linear; past
  ``FIT_UP_TO`` cards the plain layout is kept (such charts are read zoomed in,
  or printed by branch). Rows by depth then hold within each block.
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
    aspect: float | None = None,
    small: tuple[float, float] = (0.0, 0.0),
) -> TreeLayout:
    """Lay out the forest ``roots``/``children`` with card sizes from ``size(id) -> (w, h)``.

    ``compact=None`` turns stacking off. ``stack_gap`` is the vertical gap
    between stacked cards (default ``h_gap / 2``). Nodes in ``unstackable``
    (for example collapsed managers) are never stacked even when they are
    leaves here. ``aspect`` (width / height, for instance the window's): when
    the plain layout is much wider than that, wide levels are listed in
    columns and a wide forest wraps into rows (see the module notes); None
    keeps the plain layout, and so does a plain layout within the box
    ``small`` (width, height), which shows well as it is. Runs in time linear in the number of nodes;
    ``operations`` counts the elementary steps so tests can check that.
    """
    with paused_gc():
        params = _Params(
            h_gap=max(0.0, _finite(h_gap)),
            v_gap=max(0.0, _finite(v_gap)),
            tree_gap=max(0.0, _finite(tree_gap)),
            compact=compact,
            columns=max(1, int(compact_columns)),
            sgap=max(0.0, _finite(h_gap)) / 2
            if stack_gap is None
            else max(0.0, _finite(stack_gap)),
        )
        ratio = _finite(aspect) if aspect is not None else 0.0
        if ratio <= 0:
            return _core(roots, children, size, params, unstackable)
        return _fitted(roots, children, size, params, unstackable, ratio, small)


def _finite(v: float) -> float:
    v = float(v)
    return v if math.isfinite(v) else 0.0


@dataclass(frozen=True, slots=True)
class _Params:
    h_gap: float
    v_gap: float
    tree_gap: float
    compact: int | None
    columns: int
    sgap: float


def balanced_columns(heights: Sequence[float], k: int, gap: float) -> list[int]:
    """Split a sequence of items into at most ``k`` columns of about equal height, in order:
    each item goes to the column where its middle falls. The column of each item."""
    total = sum(heights) + gap * (len(heights) - 1)
    share = total / k if k > 0 and total > 0 else 1.0
    out: list[int] = []
    acc = 0.0
    for h in heights:
        out.append(min(k - 1, int((acc + h / 2) / share)))
        acc += h + gap
    # A tall first item can have its middle past the first share: number the columns
    # used from 0 without gaps, so every column holds something.
    renumber: dict[int, int] = {}
    return [renumber.setdefault(c, len(renumber)) for c in out]


def _core(
    roots: Sequence[str],
    children: Mapping[str, Sequence[str]],
    size: Callable[[str], tuple[float, float]],
    params: _Params,
    unstackable: Collection[str],
    *,
    blocks: Mapping[str, tuple[float, float]] | None = None,
    lists: Mapping[str, int] | None = None,
    wrap: float = math.inf,
    placed: dict[str, Point] | None = None,
) -> TreeLayout:
    """One tidy-tree layout. ``blocks``: nodes laid out already with what is below
    them, drawn here as one box of the given size (their top-left goes to
    ``placed``, not to the boxes). ``lists``: nodes whose children are all listed
    in that many columns under them. ``wrap``: the width at which the forest's
    trees start a new row."""
    h_gap = params.h_gap
    v_gap = params.v_gap
    tree_gap = params.tree_gap
    compact = params.compact
    sgap = params.sgap
    columns = params.columns
    blocks = blocks or {}
    lists = lists or {}
    placed = placed if placed is not None else {}
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
        listed = get(ids[i]) if ids[i] not in blocks else None
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
        w, h = blocks[key] if key in blocks else size(key)
        # the fast test also refuses NaN (every comparison with it is false)
        ws[i] = w if 0 < w < inf else _clean(w)
        hs[i] = h if 0 < h < inf else _clean(h)
    ops += n

    # -- 2. choose the stacks
    stacked = [False] * n
    # A stack: (parent or -1 for the roots, members in order, columns, listed?).
    # A listed stack holds all of a node's children (in ``lists``); the others
    # hold the leaves past ``compact``.
    stacks: list[tuple[int, list[int], int, bool]] = []

    def leaves_of(group: list[int]) -> list[int]:
        return [c for c in group if not kids[c] and ids[c] not in unstackable]

    for u in range(n):
        ku = kids[u]
        if not ku:
            continue
        listed_cols = lists.get(ids[u], 0) if lists else 0
        if listed_cols > 0:
            stacks.append((u, list(ku), listed_cols, True))
            ops += len(ku)
        elif compact is not None and len(ku) > compact:
            leaves = leaves_of(ku)
            ops += len(ku)
            if len(leaves) > compact:
                stacks.append((u, leaves, columns, False))
    if compact is not None and nroots > compact:
        leaves = leaves_of(list(range(nroots)))
        ops += nroots
        if len(leaves) > compact:
            stacks.append((-1, leaves, columns, False))
    for _, members, _, _ in stacks:
        for c in members:
            stacked[c] = True

    # Walker's tree: the visible non-stacked nodes keep their index; each stack
    # adds one node, and later its chain of fillers.
    wkids: list[list[int]] = kids[:]  # shared lists, replaced where a stack takes children
    for u, _, _, _ in stacks:
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
    # per stack, per member: (x, y, spine x), relative to the stack's top-left corner
    stack_at: list[list[tuple[float, float, float]]] = []
    w_of = ws.__getitem__
    h_of = hs.__getitem__
    for u, members, columns_, as_list in stacks:
        k = len(members)
        at: list[tuple[float, float, float]] = []
        if as_list:
            # Columns of about equal height; a member with reports below it (a
            # block) keeps half a row gap from the next.
            heights = [hs[c] for c in members]
            col_of = balanced_columns(heights, min(columns_, k), sgap)
            ncols = col_of[-1] + 1
            groups: list[list[int]] = [[] for _ in range(ncols)]
            for c, j in zip(members, col_of, strict=True):
                groups[j].append(c)
            groups = [g for g in groups if g]
            cols = len(groups)
        else:
            cols = min(columns_, k)
            rows = -(-k // cols)
            cols = -(-k // rows)  # 4 cards in 3 columns: 2 rows fill 2 columns
            groups = [members[j * rows : (j + 1) * rows] for j in range(cols)]
        with_blocks = as_list and any(ids[c] in blocks for c in members)
        # one column (or columns of blocks): the spine runs on the left of each
        x = h_gap if cols == 1 or with_blocks else 0.0
        height_ = 0.0
        # Rows shared by the columns when every card has the same height (the
        # usual stack of leaves); otherwise each column packs on its own.
        hmax = max(map(h_of, members))
        shared = not as_list and hmax == min(map(h_of, members))
        for j, group in enumerate(groups):
            cw = max(map(w_of, group))
            # Spine between each pair of columns; an odd last column (or a
            # single column) has it on its left, in the gap before it.
            # Columns of blocks all have their spine on the left, where their
            # managers' cards sit (see _fitted).
            on_left = cols == 1 or j % 2 == 1 or j == cols - 1 or with_blocks
            spine = x - h_gap / 2 if on_left else x + cw + h_gap / 2
            y = 0.0
            prev_block = False
            for r, c in enumerate(group):
                block = ids[c] in blocks
                if r:
                    y += v_gap / 2 if (block or prev_block) and listed else sgap
                if shared:
                    y = r * (hmax + sgap)
                at.append((x if on_left else x + cw - ws[c], y, spine))
                y += hs[c]
                prev_block = block
            if y > height_:
                height_ = y
            x += cw + h_gap
        total_w = x - h_gap
        if not shared and not as_list:
            # Leaves of different heights: rows shared across columns, each as
            # tall as its tallest card, so the columns still read as rows.
            rows = len(groups[0])
            row_h = [0.0] * rows
            for group in groups:
                for r, c in enumerate(group):
                    if hs[c] > row_h[r]:
                        row_h[r] = hs[c]
            row_y = [0.0] * rows
            for r in range(1, rows):
                row_y[r] = row_y[r - 1] + row_h[r - 1] + sgap
            height_ = row_y[-1] + row_h[-1]
            idx = 0
            for group in groups:
                for r in range(len(group)):
                    ax, _, sp = at[idx]
                    at[idx] = (ax, row_y[r], sp)
                    idx += 1
        stack_at.append(at)
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

    # -- 5. trees side by side by their bounding boxes; past ``wrap``, a new row
    yoff = [0.0] * total
    wh = hs + [0.0] * (total - n)
    for s, b in enumerate(stack_node):
        wh[b] = stack_h[s]
    cursor = 0.0
    shelf_top = 0.0
    shelf_bottom = 0.0
    width = 0.0
    for t in range(len(wroots)):
        lo = math.inf
        hi = -math.inf
        bottom = 0.0
        for k in range(starts[t], starts[t + 1]):
            v = order[k]
            half = wwidth[v] / 2
            if xc[v] - half < lo:
                lo = xc[v] - half
            if xc[v] + half > hi:
                hi = xc[v] + half
            if wh[v] and row_top[wdepth[v]] + wh[v] > bottom:
                bottom = row_top[wdepth[v]] + wh[v]
        ops += starts[t + 1] - starts[t]
        if cursor > 0 and cursor + hi - lo > wrap:
            cursor = 0.0
            shelf_top = shelf_bottom + v_gap
        dx = cursor - lo
        for k in range(starts[t], starts[t + 1]):
            xc[order[k]] += dx
            yoff[order[k]] = shelf_top
        shelf_bottom = max(shelf_bottom, shelf_top + bottom)
        width = max(width, hi + dx)
        cursor = hi + dx + tree_gap

    # -- 6. boxes, edges, buses
    boxes: dict[str, Box] = {}
    height = 0.0
    for key, x, d, w, h, st, dy in zip(ids, xc, depth, ws, hs, stacked, yoff, strict=False):
        if st:
            continue
        y = row_top[d] + dy
        boxes[key] = Box(x - w / 2, y, w, h)
        if y + h > height:
            height = y + h
    ops += n
    buses: dict[str, Point] = {}
    for s, (u, members, _, _) in enumerate(stacks):
        b = stack_node[s]
        left = xc[b] - stack_w[s] / 2
        top = row_top[wdepth[b]] + yoff[b]
        if top + stack_h[s] > height:
            height = top + stack_h[s]
        bus_y = top - v_gap / 2
        for c, (ax, ay, spine) in zip(members, stack_at[s], strict=True):
            key = ids[c]
            if key in blocks:
                placed[key] = (left + ax, top + ay)
            else:
                boxes[key] = Box(left + ax, top + ay, ws[c], hs[c])
            if u >= 0:
                buses[key] = (left + spine, bus_y)
        ops += len(members)
    edges = [(ids[par[c]], ids[c]) for c in range(nroots, n)]
    ops += n
    return TreeLayout(
        boxes=boxes,
        edges=edges,
        width=width,
        height=height,
        stacked={ids[c] for _, members, _, _ in stacks for c in members},
        operations=ops,
        buses=buses,
        v_gap=v_gap,
    )


# -- fitting a target aspect ratio ---------------------------------------------------------

# Charts of more cards than this keep the plain layout: nobody reads them fitted to a
# window (they are read zoomed in, or printed by branch), and fitting costs a few passes.
FIT_UP_TO = 20_000
# A wrapped layout replaces the plain one only when it fits the target this much better.
_WORTH = 1.05
# Width budgets tried, each at least this factor narrower than the one before, at most _TRIES.
_STEP = 0.75
_TRIES = 16


def _fitted(
    roots: Sequence[str],
    children: Mapping[str, Sequence[str]],
    size: Callable[[str], tuple[float, float]],
    params: _Params,
    unstackable: Collection[str],
    ratio: float,
    small: tuple[float, float] = (0.0, 0.0),
) -> TreeLayout:
    """The layout whose bounding box fits a ``ratio`` (width / height) box best.

    A width budget is chosen from estimates (bounding boxes added up, linear
    per try, a bounded number of tries); then each node whose row of children
    is wider than the budget lists them in columns instead, and the forest
    wraps its trees into rows. Each listed child with reports below it is laid
    out first, as one block, and placed in its column as a box; so every node
    takes part in one tidy-tree pass and the whole stays linear.
    """
    # -- the forest, indexed breadth first as _core does (duplicates dropped)
    ids: list[str] = []
    index: dict[str, int] = {}
    kids: list[list[int]] = []
    none: list[int] = []
    for r in roots:
        if r not in index and isinstance(r, str):
            index[r] = len(ids)
            ids.append(r)
            kids.append(none)
    nroots = len(ids)
    get = children.get
    i = 0
    while i < len(ids):
        listed = get(ids[i])
        if listed:
            mine: list[int] = []
            for c in listed:
                if c in index or not isinstance(c, str):
                    continue
                index[c] = len(ids)
                ids.append(c)
                kids.append(none)
                mine.append(index[c])
            if mine:
                kids[i] = mine
        i += 1
    n = len(ids)
    if n == 0 or n > FIT_UP_TO:
        return _core(roots, children, size, params, unstackable)
    ws = [0.0] * n
    hs = [0.0] * n
    for i, key in enumerate(ids):
        w, h = size(key)
        ws[i] = _clean(w)
        hs[i] = _clean(h)
    loose = [bool(kids[i]) or ids[i] in unstackable for i in range(n)]  # not a stackable leaf
    clean = {ids[u]: [ids[c] for c in ks] for u, ks in enumerate(kids) if ks}

    ops = 2 * n
    links = n - nroots

    def estimate(budget: float) -> tuple[float, float, dict[str, int]]:
        nonlocal ops
        ops += n + links  # a pass over the nodes and their children
        return _estimate(budget, ratio, kids, ws, hs, loose, nroots, params, ids)

    plain = _core(ids[:nroots], clean, size, params, unstackable)
    ops += plain.operations
    if plain.width <= ratio * plain.height:  # not wider than the target: it stays
        return plain
    if plain.width <= small[0] and plain.height <= small[1]:  # it shows well as it is
        return plain

    def score(w: float, h: float) -> float:  # the scale at which it fits a ratio x 1 box
        return min(ratio / max(w, 1e-9), 1 / max(h, 1e-9))

    w0, h0, _ = estimate(math.inf)
    widest = max(ws)
    best = (score(w0, h0), math.inf)
    budget = w0
    # A bounded number of tries, fewer for a very large chart: the work stays linear.
    tries = max(3, min(_TRIES, 60_000 // max(n, 1)))
    step = max(_STEP, (widest / max(w0, 1e-9)) ** (1 / tries))
    for _ in range(tries):
        budget *= step
        if budget < widest:
            break
        w, h, _ = estimate(budget)
        now = score(w, h)
        if now > best[0]:
            best = (now, budget)
        elif w < ratio * h and now < best[0] / 2:
            break  # far narrower than the target: narrower still only gets worse
    if best[1] == math.inf or best[0] < score(w0, h0) * _WORTH:
        plain.operations = ops
        return plain
    budget = best[1]
    _, _, lists = estimate(budget)

    # -- blocks: listed children with reports, deepest first
    block_nodes = sorted(
        (c for u, ks in enumerate(kids) if ids[u] in lists for c in ks if kids[c]),
        reverse=True,
    )
    blocks: dict[str, tuple[float, float]] = {}
    regions: list[TreeLayout] = []
    where: dict[str, tuple[int, Point]] = {}  # block -> (region that placed it, top-left there)
    own: dict[str, int] = {}  # block -> its own region
    for b in block_nodes:
        key = ids[b]
        placed: dict[str, Point] = {}
        lay = _core(
            [key], clean, size, params, unstackable, blocks=blocks, lists=lists, placed=placed
        )
        # The manager's card to the left of its block, next to the spine of the
        # column the block is listed in: its line reaches it at once. It is alone
        # in its row, and its connectors leave from its centre along the gap below.
        rb = lay.boxes[key]
        lay.boxes[key] = rb.moved_to(0.0, rb.y)
        own[key] = len(regions)
        for k, at in placed.items():
            where[k] = (len(regions), at)
        regions.append(lay)
        blocks[key] = (lay.width, lay.height)
        ops += lay.operations
    placed = {}
    top = _core(
        ids[:nroots],
        clean,
        size,
        params,
        unstackable,
        blocks=blocks,
        lists=lists,
        wrap=budget,
        placed=placed,
    )
    for k, at in placed.items():
        where[k] = (len(regions), at)
    regions.append(top)
    ops += top.operations

    # -- every region to its place: ancestors' blocks first (breadth-first order)
    offset = [(0.0, 0.0)] * len(regions)
    for bi in reversed(block_nodes):
        key = ids[bi]
        ri, (x, y) = where[key]
        ox, oy = offset[ri]
        offset[own[key]] = (ox + x, oy + y)
    boxes: dict[str, Box] = {}
    buses: dict[str, Point] = {}
    edges: list[tuple[str, str]] = []
    stacked: set[str] = set()
    for lay, (ox, oy) in zip(regions, offset, strict=True):
        for k, bx in lay.boxes.items():
            boxes[k] = Box(bx.x + ox, bx.y + oy, bx.w, bx.h)
        for k, (sx, by) in lay.buses.items():
            buses[k] = (sx + ox, by + oy)
        edges += lay.edges
        stacked |= lay.stacked
        ops += len(lay.boxes)
    if score(top.width, top.height) < score(plain.width, plain.height) * _WORTH:
        plain.operations = ops  # the estimate was wrong: the plain layout fits better
        return plain
    return TreeLayout(
        boxes=boxes,
        edges=edges,
        width=top.width,
        height=top.height,
        stacked=stacked,
        operations=ops,
        buses=buses,
        v_gap=params.v_gap,
    )


def _estimate(
    budget: float,
    ratio: float,
    kids: list[list[int]],
    ws: list[float],
    hs: list[float],
    loose: list[bool],
    nroots: int,
    p: _Params,
    ids: list[str],
) -> tuple[float, float, dict[str, int]]:
    """Bounding-box estimate of the layout under a width budget: its width, its height
    and the nodes that list their children (with how many columns)."""
    n = len(ws)
    ew = ws[:]
    eh = hs[:]
    lists: dict[str, int] = {}
    h_gap, v_gap, sgap = p.h_gap, p.v_gap, p.sgap
    limit = p.compact if p.compact is not None else math.inf

    def stack_of(group: list[int]) -> tuple[float, float]:
        k = len(group)
        cols = min(p.columns, k)
        rows = -(-k // cols)
        cols = -(-k // rows)
        w = cols * max(ws[c] for c in group) + (cols - 1) * h_gap + (h_gap if cols == 1 else 0)
        return w, rows * (max(hs[c] for c in group) + sgap) - sgap

    for u in range(n - 1, -1, -1):
        ks = kids[u]
        if not ks:
            continue
        leaves = [c for c in ks if not loose[c]] if len(ks) > limit else []
        if len(leaves) > limit:
            sw, sh = stack_of(leaves)
            others = [c for c in ks if loose[c]]
            tw = sum(ew[c] for c in others) + h_gap * len(others) + sw
            th = max(sh, max((eh[c] for c in others), default=0.0))
        else:
            tw = sum(ew[c] for c in ks) + h_gap * (len(ks) - 1)
            th = max(eh[c] for c in ks)
        if tw > budget and len(ks) > 1:
            # Listed in columns: the number of columns that makes the list itself
            # closest to the target's shape.
            gap = v_gap / 2 if any(kids[c] for c in ks) else sgap
            margin = h_gap if gap != sgap else 0.0  # columns of blocks: a spine each
            heights = [eh[c] for c in ks]
            total = sum(heights) + gap * (len(ks) - 1)
            pitch = sum(ew[c] for c in ks) / len(ks) + h_gap
            # A top card's list shapes the whole chart: as many columns as suit
            # the target. Further down, no wider than the budget either.
            most = len(ks) if u < nroots else int((budget + h_gap) // pitch)
            most = max(1, min(len(ks), most))
            guess = max(1, min(most, round(math.sqrt(ratio * total / pitch))))
            best: tuple[float, float, float, int] | None = None
            for cols in sorted({max(1, guess - 1), guess, min(most, guess + 1)}):
                col_of = balanced_columns(heights, cols, gap)
                col_h = [0.0] * (col_of[-1] + 1)
                col_w = [0.0] * (col_of[-1] + 1)
                for c, h, j in zip(ks, heights, col_of, strict=True):
                    col_h[j] += h + gap
                    if ew[c] > col_w[j]:
                        col_w[j] = ew[c]
                used = sum(1 for h in col_h if h)
                lw = sum(col_w) + (used - 1) * h_gap + (h_gap if used == 1 else margin)
                lh = max(col_h) - gap
                miss = abs(math.log(max(lw, 1e-9) / max(lh, 1e-9) / ratio))
                if best is None or miss < best[0]:
                    best = (miss, lw, lh, cols)
            assert best is not None
            _, lw, lh, cols = best
            if u < nroots:
                # A top card's subtree is (most of) the chart: list only if the
                # chart then fits the target better.
                better = min(ratio / max(lw, 1e-9), 1 / max(lh, 1e-9)) > min(
                    ratio / max(tw, 1e-9), 1 / max(th, 1e-9)
                )
            else:
                better = lw < tw
            if better:
                lists[ids[u]] = cols
                tw, th = lw, lh
        ew[u] = max(ws[u], tw)
        eh[u] = hs[u] + v_gap + th
    # the forest: trees in rows no wider than the budget, leaf roots stacked at the end
    leaves = [r for r in range(nroots) if not loose[r]] if nroots > limit else []
    trees = [(ew[r], eh[r]) for r in range(nroots) if loose[r] or len(leaves) <= limit]
    if len(leaves) > limit:
        trees.append(stack_of(leaves))
    width = height = row_w = row_h = 0.0
    for w, h in trees:
        if row_w and row_w + w > budget:
            height += row_h + v_gap
            row_w = row_h = 0.0
        row_w += w + (p.tree_gap if row_w else 0.0)
        row_h = max(row_h, h)
        width = max(width, row_w)
    return width, height + row_h, lists
