"""Functional lines: which ones to show, and where they run between the cards.

A functional line joins a person to their functional manager (the leader of
their craft who coaches them). The chart's tree connectors show the line
manager; a functional line runs elsewhere, so it must find its own way: it
leaves a card from a *port* a quarter of the way in from one corner (never
the middle, where the tree connectors meet the card), runs only in the gaps
between cards, turns as seldom as it can, and enters the other card at its
port. Every line to one leader meets that leader at the same ports, so the
lines to the people they coach read as one bundle.

Routing works on card boxes alone (no knowledge of rows or trees), so it
follows whatever layout placed the cards, saved positions included:

* **Tracks.** Between every two neighbouring card edges (all lefts and
  rights sorted; all tops and bottoms sorted) there is a track, placed a
  fraction of the way across the gap (a wide gap has two). A track never lies
  on a card edge, and every card has a track running through its inside, so a
  step between two neighbouring tracks crosses no card unless one of its ends
  is inside a card. The fraction depends on the leader, so lines to different
  leaders seldom share a track, and it stays clear of the middle of a gap,
  where the tree's connectors run.
* **Search.** A* over the track crossings from the person's ports to the
  leader's ports. A turn costs, a stretch close to a card costs more than one
  in the open (so lines keep to the wide gaps between rows, not the narrow ones
  inside a stack), and the search leans towards the leader (``GREED``), which
  finds a route hardly longer than the shortest in far fewer steps. It first
  searches only the cards near the two (the box around both, widened by a
  margin), then, if that fails, the whole chart, up to a bounded number of
  steps. A line that finds no way is left out (``None``), never drawn through
  a card.

The cost is paid only for the lines shown (the selection's by default).
"""

from __future__ import annotations

import heapq
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Literal

from .layout import Box, Point
from .model import Document

Mode = Literal["off", "selection", "all"]
MODES: tuple[str, ...] = ("off", "selection", "all")
MODE_LABELS: dict[str, str] = {
    "off": "Off",
    "selection": "For the selection",
    "all": "All",
}
DEFAULT_MODE: Mode = "selection"

PORT = 0.75  # where a port sits along a card's side, from its top-left corner
TURN = 24.0  # the cost of a turn, in points of length
SIDE = 4 * TURN  # the extra cost of meeting a card at its side rather than its top or bottom
MARGIN = 220.0  # how far beyond the two cards the first search looks
# The search favours steps towards the leader by this factor: a route a little longer
# than the shortest, found in a fraction of the steps across a wide chart.
GREED = 1.25
MAX_STEPS = 40_000  # search steps per line before giving up
CELL = 256.0  # side of the buckets of the card index
CLEAR = 16.0  # closer than this to a card, a line costs more per point...
CROWDED = 1.5  # ...up to this much more, along the card's edge

WIDE = 24.0  # a gap wider than this has two tracks
# Fractions of a gap where tracks may lie: away from its middle (tree connectors).
_FRACTIONS = (0.3, 0.7, 0.22, 0.78)


def functional_pairs(
    doc: Document, mode: str, selection: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """The ``(person, functional manager)`` lines to show.

    ``all``: every person's line to their functional manager. ``selection``:
    for each selected person, the line to their own functional manager and the
    lines from every person they coach. ``off``: none. People with a missing
    functional manager, or who are their own, have no line.
    """
    if mode == "off":
        return []
    people = doc.by_id("person")
    if mode == "all":
        return [
            (pid, p.functional_manager)
            for pid, p in people.items()
            if p.functional_manager
            and p.functional_manager != pid
            and p.functional_manager in people
        ]
    chosen = [i for i in dict.fromkeys(selection) if i in people]
    if not chosen:
        return []
    out: dict[tuple[str, str], None] = {}
    wanted = set(chosen)
    for pid in chosen:
        fm = people[pid].functional_manager
        if fm and fm != pid and fm in people:
            out[(pid, fm)] = None
    for pid, p in people.items():
        fm = p.functional_manager
        if fm in wanted and fm != pid:
            out[(pid, fm)] = None
    return list(out)


def shown_pairs(
    doc: Document, view: str, cards: Collection[str], pairs: Iterable[tuple[str, str]]
) -> list[tuple[str, str]]:
    """``pairs`` as lines between the cards of a chart: a person folded away is stood in for
    by the card that hides them (:func:`holder`); lines that end up joining a card to itself,
    or that have no card, are left out, and two that join the same cards are one."""
    out: dict[tuple[str, str], None] = {}
    memo: dict[str, str | None] = {}
    for a, b in pairs:
        ca = memo[a] if a in memo else memo.setdefault(a, holder(doc, view, cards, a))
        cb = memo[b] if b in memo else memo.setdefault(b, holder(doc, view, cards, b))
        if ca is not None and cb is not None and ca != cb:
            out[(ca, cb)] = None
    return list(out)


def holder(doc: Document, view: str, cards: Collection[str], person: str) -> str | None:
    """The card that shows ``person``: their own, else the nearest folded card above them
    (people view: a line manager; functions view: a functional or line manager, else the
    head of their function's column). None in the teams view, or when nothing shows them."""
    if person in cards:
        return person
    people = doc.by_id("person")
    p = people.get(person)
    if p is None or view not in ("people", "functions"):
        return None
    column = _column(doc, person) if view == "functions" else None
    seen = {person}
    while True:
        up = p.manager if view == "people" else (p.functional_manager or p.manager)
        if not up or up in seen or up not in people:
            break
        if column is not None and _column(doc, up) != column:
            break  # the functions view lists a person under someone of their own column only
        if up in cards:
            return up
        seen.add(up)
        p = people[up]
    if column is not None:
        for key in (column, f"function:{column}"):
            if key in cards:
                return key
    return None


def _column(doc: Document, person: str) -> str | None:
    """The function whose column lists ``person`` in the functions view (see chart.py)."""

    def own(pid: str) -> str | None:
        q = doc.person(pid)
        if q is None:
            return None
        fn = doc.function_of(q)
        if fn and doc.function(fn) is not None:
            return fn
        return next((f.id for f in doc.functions if f.leader == pid), None)

    where = own(person)
    if where is None:
        p = doc.person(person)
        if p is not None and p.functional_manager and p.functional_manager != person:
            where = own(p.functional_manager)
    return where


def coached_by(doc: Document, leader: str) -> list[str]:
    """The people whose functional manager is ``leader``, in document order."""
    return [p.id for p in doc.people if p.functional_manager == leader and p.id != leader]


def _fraction(key: str) -> float:
    return _FRACTIONS[zlib.crc32(key.encode("utf-8")) % len(_FRACTIONS)]


class Router:
    """Routes functional lines among fixed card boxes; build once, route many."""

    def __init__(self, boxes: Mapping[str, Box]) -> None:
        self.boxes = {k: b for k, b in boxes.items() if b.w > 0 and b.h > 0}
        self._routes: dict[tuple[str, str], list[Point] | None] = {}
        self._cells: dict[tuple[int, int], list[Box]] = {}
        for b in self.boxes.values():
            for cx in range(int(b.x // CELL), int(b.right // CELL) + 1):
                for cy in range(int(b.y // CELL), int(b.bottom // CELL) + 1):
                    self._cells.setdefault((cx, cy), []).append(b)

    # -- the card index ----------------------------------------------------------------
    def inside(self, x: float, y: float) -> bool:
        """Whether ``(x, y)`` lies in the interior of a card (its edges do not count)."""
        for b in self._cells.get((int(x // CELL), int(y // CELL)), ()):
            if b.x < x < b.right and b.y < y < b.bottom:
                return True
        return False

    def weight(self, x: float, y: float) -> float:
        """What a point of length costs at ``(x, y)``: 1 in the open, more close to a card
        (up to ``1 + CROWDED`` on its edge); 0 inside a card (no way through)."""
        d = CLEAR
        cells = self._cells
        for cx in range(int((x - CLEAR) // CELL), int((x + CLEAR) // CELL) + 1):
            for cy in range(int((y - CLEAR) // CELL), int((y + CLEAR) // CELL) + 1):
                for b in cells.get((cx, cy), ()):
                    dx = b.x - x if x < b.x else (x - b.right if x > b.right else 0.0)
                    dy = b.y - y if y < b.y else (y - b.bottom if y > b.bottom else 0.0)
                    if dx == 0.0 and dy == 0.0 and b.x < x < b.right and b.y < y < b.bottom:
                        return 0.0
                    e = dx if dx > dy else dy
                    if e < d:
                        d = e
        return 1.0 + CROWDED * (CLEAR - d) / CLEAR

    def _near(self, x0: float, y0: float, x1: float, y1: float) -> list[Box]:
        seen: dict[int, Box] = {}
        for cx in range(int(x0 // CELL), int(x1 // CELL) + 1):
            for cy in range(int(y0 // CELL), int(y1 // CELL) + 1):
                for b in self._cells.get((cx, cy), ()):
                    seen[id(b)] = b
        return [
            b for b in seen.values() if b.right > x0 and b.x < x1 and b.bottom > y0 and b.y < y1
        ]

    # -- routing -----------------------------------------------------------------------
    def route(self, person: str, manager: str) -> list[Point] | None:
        """The polyline from ``person``'s card to ``manager``'s, or None (a card is missing,
        or no way between the cards was found)."""
        key = (person, manager)
        if key in self._routes:
            pts = self._routes[key]
            return list(pts) if pts is not None else None
        pts = self._route(person, manager)
        self._routes[key] = pts
        return list(pts) if pts is not None else None

    def _route(self, person: str, manager: str) -> list[Point] | None:
        a = self.boxes.get(person)
        b = self.boxes.get(manager)
        if a is None or b is None or a is b:
            return None
        frac = _fraction(manager)
        x0 = min(a.x, b.x) - MARGIN
        y0 = min(a.y, b.y) - MARGIN
        x1 = max(a.right, b.right) + MARGIN
        y1 = max(a.bottom, b.bottom) + MARGIN
        path = self._search(a, b, self._near(x0, y0, x1, y1), frac, MAX_STEPS // 4)
        if path is None:
            path = self._search(a, b, list(self.boxes.values()), frac, MAX_STEPS)
        return path

    def _search(
        self, a: Box, b: Box, cards: Sequence[Box], frac: float, limit: int
    ) -> list[Point] | None:
        if not cards:
            return None
        xs = _tracks([v for c in cards for v in (c.x, c.right)], frac)
        ys = _tracks([v for c in cards for v in (c.y, c.bottom)], frac)
        ports_a = _ports(a)
        ports_b = _ports(b)
        for side, (px, py) in ports_a + ports_b:
            # A port lies inside its card's span, so its line keeps the track property;
            # the card's edge it sits on never becomes a track.
            if side in ("top", "bottom"):
                xs.append(px)
            else:
                ys.append(py)
        xs = sorted(set(xs))
        ys = sorted(set(ys))
        xi = {x: i for i, x in enumerate(xs)}
        yi = {y: j for j, y in enumerate(ys)}
        weight = self.weight
        weights: dict[tuple[int, int], float] = {}

        def free(i: int, j: int) -> bool:
            return cost(i, j) > 0.0

        def cost(i: int, j: int) -> float:
            k = (i, j)
            v = weights.get(k)
            if v is None:
                v = weights[k] = weight(xs[i], ys[j])
            return v

        def stub(box: Box, side: str, p: Point) -> tuple[int, int, int] | None:
            """The first crossing outside ``box`` from port ``p``: (i, j, axis)."""
            if side == "top":
                j = bisect_left(ys, box.y) - 1
                if j < 0:
                    return None
                return (xi[p[0]], j, 1)
            if side == "bottom":
                j = bisect_right(ys, box.bottom)
                if j >= len(ys):
                    return None
                return (xi[p[0]], j, 1)
            if side == "left":
                i = bisect_left(xs, box.x) - 1
                if i < 0:
                    return None
                return (i, yi[p[1]], 0)
            i = bisect_right(xs, box.right)
            if i >= len(xs):
                return None
            return (i, yi[p[1]], 0)

        targets: dict[tuple[int, int], tuple[int, Point, float]] = {}
        for side, p in ports_b:
            s = stub(b, side, p)
            if s is not None and free(s[0], s[1]):
                targets[(s[0], s[1])] = (s[2], p, SIDE if s[2] == 0 else 0.0)
        if not targets:
            return None
        tx = [xs[i] for i, _ in targets]
        ty = [ys[j] for _, j in targets]
        tx0, tx1, ty0, ty1 = min(tx), max(tx), min(ty), max(ty)

        def h(i: int, j: int) -> float:
            x, y = xs[i], ys[j]
            dx = tx0 - x if x < tx0 else (x - tx1 if x > tx1 else 0.0)
            dy = ty0 - y if y < ty0 else (y - ty1 if y > ty1 else 0.0)
            return (dx + dy) * GREED

        # state: (i, j, axis) with axis 0 = moving horizontally, 1 = vertically
        heap: list[tuple[float, float, int, int, int, int]] = []
        best: dict[tuple[int, int, int], float] = {}
        came: dict[tuple[int, int, int], tuple[int, int, int] | None] = {}
        start_port: dict[tuple[int, int, int], Point] = {}
        tick = 0
        for side, p in ports_a:
            s = stub(a, side, p)
            if s is None or not free(s[0], s[1]):
                continue
            g = abs(xs[s[0]] - p[0]) + abs(ys[s[1]] - p[1]) + (SIDE if s[2] == 0 else 0.0)
            state = (s[0], s[1], s[2])
            if g < best.get(state, float("inf")):
                best[state] = g
                came[state] = None
                start_port[state] = p
                tick += 1
                heapq.heappush(heap, (g + h(s[0], s[1]), h(s[0], s[1]), tick, *state))
        steps = 0
        end: tuple[int, int, int] | None = None
        end_cost = float("inf")
        while heap:
            f, _, _, i, j, axis = heapq.heappop(heap)
            state = (i, j, axis)
            g = best.get(state, float("inf"))
            if f - h(i, j) > g + 1e-9:
                continue  # a stale entry
            if f >= end_cost:
                break
            t = targets.get((i, j))
            if t is not None:
                tp = t[1]
                total = g + abs(xs[i] - tp[0]) + abs(ys[j] - tp[1]) + t[2]
                total += TURN if t[0] != axis else 0
                if total < end_cost:
                    end_cost = total
                    end = state
                continue
            steps += 1
            if steps > limit:
                break
            here = cost(i, j)
            for ni, nj, nax in ((i - 1, j, 0), (i + 1, j, 0), (i, j - 1, 1), (i, j + 1, 1)):
                if ni < 0 or nj < 0 or ni >= len(xs) or nj >= len(ys):
                    continue
                there = cost(ni, nj)
                if there == 0.0:
                    continue
                step = abs(xs[ni] - xs[i]) + abs(ys[nj] - ys[j])
                ng = g + step * (here + there) / 2 + (TURN if nax != axis else 0)
                ns = (ni, nj, nax)
                if ng < best.get(ns, float("inf")):
                    best[ns] = ng
                    came[ns] = state
                    hn = h(ni, nj)
                    tick += 1
                    heapq.heappush(heap, (ng + hn, hn, tick, ni, nj, nax))
        if end is None:
            return None
        chain: list[tuple[int, int, int]] = []
        s2: tuple[int, int, int] | None = end
        while s2 is not None:
            chain.append(s2)
            s2 = came[s2]
        chain.reverse()
        pts: list[Point] = [start_port[chain[0]]]
        pts += [(xs[i], ys[j]) for i, j, _ in chain]
        pts.append(targets[(end[0], end[1])][1])
        return _simplify(pts)


def _tracks(edges: list[float], frac: float) -> list[float]:
    """A track between each two neighbouring edges (two in a wide gap), one beyond each end."""
    vals = sorted(set(edges))
    out = [vals[0] - CLEAR, vals[-1] + CLEAR]
    for lo, hi in zip(vals, vals[1:], strict=False):
        out.append(lo + (hi - lo) * frac)
        if hi - lo > WIDE:
            out.append(lo + (hi - lo) * (1.0 - frac))
    return out


def _ports(box: Box) -> list[tuple[str, Point]]:
    """Where a functional line may meet ``box``: off-centre on each side."""
    px = box.x + box.w * PORT
    py = box.y + box.h * PORT
    return [
        ("top", (px, box.y)),
        ("bottom", (px, box.bottom)),
        ("right", (box.right, py)),
        ("left", (box.x, py)),
    ]


def _simplify(pts: list[Point]) -> list[Point]:
    """Drop repeated points and the middle points of straight runs."""
    out: list[Point] = []
    for p in pts:
        if out and abs(out[-1][0] - p[0]) < 1e-9 and abs(out[-1][1] - p[1]) < 1e-9:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if (abs(ax - bx) < 1e-9 and abs(bx - p[0]) < 1e-9) or (
                abs(ay - by) < 1e-9 and abs(by - p[1]) < 1e-9
            ):
                out[-1] = p
                continue
        out.append(p)
    return out


def crosses_card(points: Sequence[Point], boxes: Iterable[Box]) -> bool:
    """Whether the polyline ``points`` passes through the interior of any of ``boxes``."""
    for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
        lx, hx = min(ax, bx), max(ax, bx)
        ly, hy = min(ay, by), max(ay, by)
        for b in boxes:
            if lx < b.right and hx > b.x and ly < b.bottom and hy > b.y:
                # An axis-parallel segment meets the open box iff it overlaps it
                # and does not merely run along an edge.
                if (lx == hx and not b.x < lx < b.right) or (ly == hy and not b.y < ly < b.bottom):
                    continue
                return True
    return False


def route_all(
    boxes: Mapping[str, Box], pairs: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], list[Point]]:
    """Route each ``(person, manager)`` pair whose two cards are in ``boxes``; pairs with no
    way are left out."""
    router: Router | None = None
    out: dict[tuple[str, str], list[Point]] = {}
    for a, b in pairs:
        if a not in boxes or b not in boxes:
            continue
        if router is None:
            router = Router(boxes)
        pts = router.route(a, b)
        if pts:
            out[(a, b)] = pts
    return out
