"""The three charts of a document: what each card shows and where it goes.

The canvas and every exporter draw from :func:`build_chart`, so they draw the
same picture. Coordinates are points, y downwards, origin at the chart's top
left (saved positions may place a card elsewhere; :meth:`Chart.bounds`).

People view
    One card per person in a tidy tree by line manager
    (:func:`orgdesigner.core.layout.tidy_tree`). Roots are the people with no
    manager or a missing one, sorted like siblings, then one person from each
    manager loop (the loop member listed first in the document), so everyone is
    drawn exactly once. Siblings: managers first, then by name, then by ID.
    More than ``compact`` leaf reports of one manager are stacked in
    ``compact_columns`` columns (edge style ``bus``). A chart much wider than
    ``aspect`` lists the reports of its wide levels in columns, branches and
    all (see :mod:`orgdesigner.core.layout`; also ``bus`` edges).
    ``functional_lines`` adds a ``dotted`` edge from each person to their
    functional manager. A person's card (here and
    in the functions view): the name ("Open: <role>" for an unnamed open
    position); the role, ladder level and grade; the team; on a manager the
    direct reports and everyone below (:mod:`orgdesigner.core.card_look` words
    them), counted in one pass over the whole line, folds and focus aside.

Teams view
    One card per team in a tidy tree by parent team (loops broken as above).
    A card shows the name, the owner, the mission and the headcount (with
    everyone in its sub-teams when it has any), the team
    model as a badge, and one chip per member, four to a row under the text,
    so a card grows with its team: owner first, then by function, then name.
    A service team's card has a band above its chips naming the teams it
    serves (``Card.serves``, ``Card.serves_box``).
    People on no team (or on a missing one) sit on a last card, "No team"
    (ID ``__unassigned__``).

Functions view
    One column per function in document order, then "No function"
    (``__nofunction__``) when someone has none. A column starts with the
    function's header card (name, leader, each standard with its owner) and
    lists, below it, the people of the function as an indented outline of
    the craft line: a person sits under their functional manager when that
    manager is in the same column (with no functional manager: under their
    line manager when that manager is in the same column, who then keeps
    their craft), otherwise at the first level under the header (the leader
    first, then managers, then by name). Each level is
    indented by ``INDENT`` (up to ``MAX_INDENT`` levels) and connected by a
    ``bus`` line down the indent. A person's column is their function; failing
    that, the function they lead; failing that, their functional manager's.
    A chart much taller than ``aspect`` (and taller than ``SPLIT_FROM``) splits
    long columns into sub-columns side by side under one widened header
    (:func:`_split_columns`).
    A header's card ID is the function's ID (``function:<ID>`` if a person has
    the same ID); ``Card.ref`` always names the entity a card stands for.

Collapsed IDs keep their card and hide everything under them; the card
counts what is hidden. ``doc.view.positions[view][id] = [x, y]`` moves a card
(its top-left corner) when ``use_saved_positions`` is set.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from .card_look import leader_line, reports_line, role_line, team_count_line
from .layout import Box, Point, balanced_columns, paused_gc, route, tidy_tree
from .lines import Router
from .model import Document, Person, Role

View = Literal["people", "teams", "functions"]
VIEWS: tuple[str, ...] = ("people", "teams", "functions")
UNASSIGNED = "__unassigned__"
NO_FUNCTION = "__nofunction__"
# A chart opens folded when it has more cards than this: the first screen then shows the
# top levels with their names readable instead of every card as a sliver.
OPENING_CARDS = 150
# Team cards carry their members' chips: a first screen holds fewer of them.
OPENING_TEAMS = 60

# Sizes in points.
PERSON_W, PERSON_H = 180.0, 64.0
H_GAP, V_GAP, TREE_GAP = 20.0, 48.0, 40.0
TEAM_W = 200.0
TEAM_HEAD_H = 72.0  # title, owner, two lines (mission, headcount)
SERVES_H = 18.0  # a service team's "serves" band, between the text and the chips
CHIP_W, CHIP_H, CHIP_GAP, CHIPS_PER_ROW = 40.0, 16.0, 4.0, 4
HEADER_BASE_H = 44.0  # function name and leader
HEADER_LINE_H = 14.0  # one standard
INDENT = 20.0
MAX_INDENT = 6
LIST_GAP = 10.0  # between cards listed in a column
COLUMN_GAP = 40.0
# More leaf reports than DEFAULT_COMPACT under one manager are stacked in
# DEFAULT_COMPACT_COLUMNS columns (build_chart's defaults; split PDF pages use them too).
DEFAULT_COMPACT = 2
DEFAULT_COMPACT_COLUMNS = 1
COLUMN_W = PERSON_W + INDENT * MAX_INDENT
# The shape (width / height) a chart is laid out to fit when the caller names none: a
# common screen's. Wide levels are listed in columns until the chart is about this shape.
DEFAULT_ASPECT = 1.6
# A chart within this box (points) keeps its plain layout whatever the shape: a window
# shows it whole with names readable (a 1600x1000 window at about 60 %).
FITS_AS_IT_IS = (1600.0, 1000.0)

# A saved position further out than this is damage, not a choice.
MAX_COORD = 1e7


@dataclass(slots=True)
class Chip:
    """A member on a team card; ``box`` is in chart coordinates."""

    id: str
    label: str
    function: str | None
    box: Box
    vacant: bool = False


@dataclass(slots=True)
class Card:
    """What one card shows; renderers wrap or elide the text to ``box``."""

    id: str
    kind: Literal["person", "team", "function", "header"]
    box: Box
    title: str
    subtitle: str
    lines: list[str]
    function: str | None
    model: str | None = None
    chips: list[Chip] = field(default_factory=list)
    vacant: bool = False
    collapsed_count: int = 0
    headcount: int = 0  # team cards: members who are not vacancies
    ref: str | None = None  # the entity the card stands for, when not ``id``
    serves: tuple[str, ...] = ()  # a service team's card: the names of the teams it serves
    serves_box: Box | None = None  # ...and the band that lists them (chart coordinates)


@dataclass
class Chart:
    """Cards and connectors of one view.

    ``edges`` are ``(from, to, style)``: ``solid`` and ``bus`` go from a
    manager (team, functional manager, header) to the card under it, ``dotted``
    from a person to their functional manager. ``buses`` holds the spine of
    each ``bus`` edge by the card it leads to (see :func:`layout.route`).
    """

    view: str
    cards: dict[str, Card]
    edges: list[tuple[str, str, str]]
    width: float
    height: float
    buses: dict[str, Point] = field(default_factory=dict)
    v_gap: float = V_GAP
    # The functional lines' router over the cards, made on the first dotted route.
    _router: object = field(default=None, init=False, repr=False, compare=False)

    def card_at(self, x: float, y: float) -> Card | None:
        """The card under the point (the last drawn wins), or None."""
        hit = None
        for card in self.cards.values():
            if card.box.contains(x, y):
                hit = card
        return hit

    def route(self, a: str, b: str, style: str = "solid") -> list[Point] | None:
        """The connector polyline of edge ``a -> b``; None if a card is missing (or, for a
        functional line, if no way between the cards was found: it is never drawn through
        one)."""
        ca = self.cards.get(a)
        cb = self.cards.get(b)
        if ca is None or cb is None:
            return None
        if style == "dotted":
            # A functional line runs in the gaps between the cards (core.lines).
            router = self._router
            if not isinstance(router, Router):
                router = self._router = Router({k: c.box for k, c in self.cards.items()})
            return router.route(a, b)  # None: no way round the cards, no line
        return route(ca.box, cb.box, self.v_gap, self.buses.get(b))

    def bounds(self) -> Box:
        """The smallest box holding every card (an empty chart: a point at 0, 0)."""
        if not self.cards:
            return Box(0.0, 0.0, 0.0, 0.0)
        x0 = y0 = math.inf
        x1 = y1 = -math.inf
        for card in self.cards.values():
            b = card.box
            x0 = min(x0, b.x)
            y0 = min(y0, b.y)
            x1 = max(x1, b.x + b.w)
            y1 = max(y1, b.y + b.h)
        return Box(x0, y0, x1 - x0, y1 - y0)


def _straight(a: Box, b: Box) -> list[Point]:
    """Between the facing edges of two boxes, along the line of their centres."""
    if b.bottom <= a.y:
        return [(a.cx, a.y), (b.cx, b.bottom)]
    if a.bottom <= b.y:
        return [(a.cx, a.bottom), (b.cx, b.y)]
    if b.right <= a.x:
        return [(a.x, a.cy), (b.right, b.cy)]
    return [(a.right, a.cy), (b.x, b.cy)]


# The route of a dotted (functional) line, for drawings that place cards themselves.
straight_route = _straight


# The fields a chart shows or lays out by (see _person_card, _teams, _functions and
# Document.model_of / display_name). An edit to any other field cannot change a chart.
CHART_FIELDS: dict[str, frozenset[str]] = {
    "person": frozenset(
        {
            "id",
            "name",
            "role",
            "level",
            "function",
            "manager",
            "functional_manager",
            "team",
            "vacant",
        }
    ),
    "team": frozenset({"id", "name", "owner", "parent", "model", "mission", "serves"}),
    "role": frozenset({"id", "title", "function", "levels"}),
    "function": frozenset({"id", "name", "leader", "standards"}),
    "document": frozenset({"default_team_model", "grades"}),
}


def affects_chart(changes: Iterable) -> bool:
    """Whether any of ``changes`` (``ops.Change`` records) can change what a chart shows.

    Adding or removing anything, the view's positions and folds, and the fields in
    :data:`CHART_FIELDS` can; the rules, and fields such as a person's level or
    tags or a role's purpose, cannot.
    """
    for c in changes:
        if c.kind == "rules":
            continue
        if c.action != "set" or c.field is None:
            return True
        fields = CHART_FIELDS.get(c.kind)
        if fields is None or c.field in fields:
            return True
    return False


def standard_label(name: str) -> str:
    """A standard's key as people say it: ``career_path`` -> ``Career path``."""
    text = name.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def build_chart(
    doc: Document,
    view: View,
    *,
    collapsed: Iterable[str] = (),
    functional_lines: bool = False,
    use_saved_positions: bool = True,
    compact: int | None = DEFAULT_COMPACT,
    compact_columns: int = DEFAULT_COMPACT_COLUMNS,
    root: str | None = None,
    cache: ChartCache | None = None,
    aspect: float | None = DEFAULT_ASPECT,
) -> Chart:
    """The chart of ``view`` (``people``, ``teams`` or ``functions``) for ``doc``.

    ``collapsed``: IDs whose subtree is folded (callers usually pass
    ``doc.view.collapsed``). ``compact``: stack more than this many leaf
    children in ``compact_columns`` columns (None: never). The defaults list the
    members of a team one under another beneath their manager, as printed org
    charts do, which keeps a 60-person organisation about twice as wide as it is
    tall instead of ten times. ``root``: show only the subtree under this person
    (people view) or team (teams view), the focus on one branch; ignored when
    unknown and in the functions view. ``cache``: a :class:`ChartCache` kept by a
    caller that charts the same document again and again (the canvas after each
    edit), so what did not change since the last build is not worked out again. ``aspect``: the shape (width / height) of
    the window or page the chart is for; a chart much wider than that lists wide
    levels in columns and splits long function columns (None: never).
    """
    folded = set(collapsed)
    with paused_gc():
        if view == "people":
            chart = _people(
                doc, folded, functional_lines, compact, compact_columns, root, cache, aspect
            )
        elif view == "teams":
            chart = _teams(doc, folded, compact, compact_columns, root, cache, aspect)
        elif view == "functions":
            chart = _functions(doc, folded, aspect, cache)
        else:
            raise ValueError(f"unknown view {view!r} (known: {', '.join(VIEWS)})")
    if use_saved_positions:
        _apply_positions(chart, doc.view.positions.get(view) or {})
    return chart


# -- shared ------------------------------------------------------------------------------


def _forest(
    order: list[str], parent_of: Mapping[str, str | None]
) -> tuple[list[str], list[str], dict[str, list[str]]]:
    """Break ``parent_of`` into a forest over ``order``.

    Returns the natural roots (no parent, or a parent outside ``order``, or
    themselves), the roots chosen to break loops (per loop, its member first
    in ``order``), and the children of each node in ``order``. Linear time.
    """
    known = set(order)
    kids: dict[str, list[str]] = {}
    roots: list[str] = []
    for i in order:
        p = parent_of.get(i)
        if p and p != i and p in known:
            kids.setdefault(p, []).append(i)
        else:
            roots.append(i)
    seen = set(roots)
    _reach(roots, kids, seen)
    breakers: list[str] = []
    if len(seen) < len(order):
        rank = {i: k for k, i in enumerate(order)}
        for i in order:
            if i in seen:
                continue
            # Every unseen node's parent chain ends in a loop of unseen nodes.
            on_path: set[str] = set()
            path: list[str] = []
            u: str = i
            while u not in on_path:
                on_path.add(u)
                path.append(u)
                u = parent_of[u]  # type: ignore[assignment]
            loop = path[path.index(u) :]
            r = min(loop, key=rank.__getitem__)
            breakers.append(r)
            kids[parent_of[r]].remove(r)  # type: ignore[index]
            seen.add(r)
            _reach([r], kids, seen)
    return roots, breakers, kids


def _reach(starts: list[str], kids: Mapping[str, list[str]], seen: set[str]) -> None:
    stack = list(starts)
    while stack:
        for c in kids.get(stack.pop(), ()):
            if c not in seen:
                seen.add(c)
                stack.append(c)


def _sizes_below(
    roots: list[str], kids: Mapping[str, list[str]], weight: Mapping[str, int] | None = None
) -> dict[str, int]:
    """Number of descendants of every node of the forest, in one pass.

    With ``weight``, the sum of the descendants' weights instead (a node not in
    ``weight`` weighs 0): the people in a team's sub-teams, the open positions
    under a manager.
    """
    order: list[str] = []
    stack = list(roots)
    while stack:
        u = stack.pop()
        order.append(u)
        stack.extend(kids.get(u, ()))
    below: dict[str, int] = {}
    if weight is None:
        for u in reversed(order):
            below[u] = sum(below[c] + 1 for c in kids.get(u, ()))
    else:
        for u in reversed(order):
            below[u] = sum(below[c] + weight.get(c, 0) for c in kids.get(u, ()))
    return below


@dataclass(slots=True)
class _PersonWords:
    """What person cards say beyond the person's own fields, worked out once per chart."""

    roles: Mapping[str, Role]
    team_names: Mapping[str, str]
    levels: dict[tuple[str, str], str]  # (role, level code) -> the level's grade name
    reports: dict[str, str]  # manager -> their reports line
    # (role, level, an unnamed open position) -> the second line, filled as cards are made
    subtitles: dict[tuple[str | None, str | None, bool], str] = field(default_factory=dict)


def _reports_of(
    tree: SortedForest, people: Mapping[str, Person], managers: Iterable[str]
) -> dict[str, str]:
    """The reports line of each of ``managers`` from the people view's cached tree: its
    subtree sizes are kept current from build to build, and the open positions below
    a manager are counted by climbing from each open position (they are few), so a
    chart after an edit does not count the whole organisation again."""
    kids = tree.kids
    sizes = tree.sizes()
    opened: dict[str, int] = {}
    drawn_under: dict[str, set[str]] = {}  # a manager's reports as drawn, as a set
    for v, p in people.items():
        if not p.vacant:
            continue
        cur, seen = v, {v}
        while True:
            m = people[cur].manager
            # Up the drawn tree only: a loop's cut edge and a missing manager end the climb.
            if not m or m in seen or m not in kids:
                break
            under = drawn_under.get(m)
            if under is None:
                under = drawn_under[m] = set(kids[m])
            if cur not in under:
                break
            opened[m] = opened.get(m, 0) + 1
            seen.add(m)
            cur = m
    out: dict[str, str] = {}
    for u in managers:
        reports = kids.get(u)
        if reports:
            o = opened.get(u, 0)
            out[u] = reports_line(len(reports), sizes.get(u, 0) - o, o)
    return out


def _person_words(
    doc: Document,
    people: Mapping[str, Person],
    forest: tuple[list[str], dict[str, list[str]]] | None = None,
    reports: dict[str, str] | None = None,
) -> _PersonWords:
    """Grade names by ladder level and every manager's reports line: linear in the document.

    Headcounts come from one pass over the line-manager forest (loops broken as
    the people view breaks them), never a walk per card. ``forest``: that
    forest's roots (loop breakers included) and children, when the caller has it;
    ``reports``: the reports lines, when the caller has worked them out.
    """
    roles = doc.by_id("role")
    grades = {g.id: g.name or g.id for g in doc.grades}
    levels: dict[tuple[str, str], str] = {}
    if grades:
        for rid, role in roles.items():
            for level in role.levels:
                if level.grade in grades:
                    levels.setdefault((rid, level.code), grades[level.grade])
    if reports is None:
        if forest is None:
            roots, breakers, kids = _forest(
                list(people), {pid: p.manager for pid, p in people.items()}
            )
            forest = (roots + breakers, kids)
        everyone, kids = forest
        # Everyone below each manager, and the open positions among them: two passes.
        below = _sizes_below(everyone, kids)
        opened = _sizes_below(everyone, kids, {pid: 1 for pid, p in people.items() if p.vacant})
        reports = {}
        for u, under in kids.items():
            if under:
                o = opened.get(u, 0)
                reports[u] = reports_line(len(under), below.get(u, 0) - o, o)
    return _PersonWords(roles, _team_names(doc), levels, reports)


def _sort_key(names: Mapping[str, str], kids: Mapping[str, list[str]]):
    def key(i: str) -> tuple[int, str, str]:
        return (0 if kids.get(i) else 1, names[i].casefold(), i)

    return key


# -- reuse between builds ------------------------------------------------------------------
#
# The people and teams views start from the whole tree, sorted, even when most of it is
# folded away. A caller that charts the same document after every edit keeps a
# ChartCache: the next build compares the parents and names with those the cached tree
# was made from and moves only the nodes that changed, so one edit costs about a
# dictionary comparison, not a sort of the whole organisation.

MAX_TREE_EDITS = 256  # more changed nodes than this: the tree is built again


class ChartCache:
    """What successive :func:`build_chart` calls of one caller can share."""

    def __init__(self) -> None:
        self.forests: dict[str, SortedForest] = {}

    def clear(self) -> None:
        self.forests.clear()


class SortedForest:
    """A view's tree: roots and children sorted as siblings are drawn, subtree sizes.

    Read-only for its users: the lists are shared with later builds.
    """

    def __init__(
        self,
        parent: dict[str, str | None],
        names: dict[str, str],
        roots: list[str],
        kids: dict[str, list[str]],
        loops: bool,
    ) -> None:
        self.parent = parent
        self.names = names
        self.roots = roots
        self.kids = kids
        self.loops = loops  # some loop was broken: edits rebuild the tree
        self._below: dict[str, int] | None = None

    def sizes(self) -> dict[str, int]:
        """Number of descendants of every node (worked out once, then kept current)."""
        if self._below is None:
            self._below = _sizes_below(self.roots, self.kids)
        return self._below

    def key(self):
        return _sort_key(self.names, self.kids)


def sorted_forest(
    parent_of: dict[str, str | None],
    names: dict[str, str],
    cache: ChartCache | None = None,
    slot: str = "",
) -> SortedForest:
    """The forest of ``parent_of`` (loops broken as :func:`_forest` does), siblings sorted
    by :func:`_sort_key`; from ``cache`` (under ``slot``) when only a few nodes changed."""
    old = cache.forests.get(slot) if cache is not None else None
    if old is not None:
        if old.parent == parent_of and old.names == names:
            return old
        tree = _edited_forest(old, parent_of, names)
        if tree is not None:
            assert cache is not None
            cache.forests[slot] = tree
            return tree
    roots, breakers, kids = _forest(list(parent_of), parent_of)
    key = _sort_key(names, kids)
    for lst in kids.values():
        lst.sort(key=key)
    roots.sort(key=key)
    breakers.sort(key=key)
    tree = SortedForest(parent_of, names, roots + breakers, kids, bool(breakers))
    if cache is not None:
        cache.forests[slot] = tree
    return tree


def _edited_forest(
    old: SortedForest, parent_of: dict[str, str | None], names: dict[str, str]
) -> SortedForest | None:
    """``old`` with the nodes whose parent or name changed moved to their new place; None
    when that is not simple (nodes came or went, a loop, many changes): build afresh.

    Changes ``old`` in place (it is not used again).
    """
    if old.loops or parent_of.keys() != old.parent.keys():
        return None
    was, had = old.parent, old.names
    changed: dict[str, None] = {}
    if parent_of != was:
        changed.update((i, None) for i, p in parent_of.items() if was[i] != p)
    if names != had:
        changed.update((i, None) for i, n in names.items() if had[i] != n)
    if len(changed) > MAX_TREE_EDITS:
        return None

    def effective(parents: dict[str, str | None], i: str) -> str | None:
        p = parents[i]
        return p if p and p != i and p in parents else None

    moved: dict[str, str | None] = {}  # node -> its parent now, for the nodes moved so far

    def up(i: str) -> str | None:
        return moved[i] if i in moved else effective(was, i)

    kids, roots = old.kids, old.roots
    below = old._below
    touched: dict[str | None, None] = {}  # lists to sort again (None: the roots)
    for c in changed:
        src = up(c)
        dst = effective(parent_of, c)
        a = dst
        while a is not None:  # c's new manager must not be below c
            if a == c:
                return None
            a = up(a)
        (kids[src] if src is not None else roots).remove(c)
        if src is not None and not kids[src]:
            del kids[src]  # a leaf now: it sorts after the managers among its siblings
            touched[up(src)] = None
        if dst is not None and dst not in kids:
            touched[up(dst)] = None  # a manager now: it sorts before the leaves
        (kids.setdefault(dst, []) if dst is not None else roots).append(c)
        touched[dst] = None
        moved[c] = dst
        if below is not None:
            n = below[c] + 1
            a = src
            while a is not None:
                below[a] -= n
                a = up(a)
            a = dst
            while a is not None:
                below[a] += n
                a = up(a)
    tree = SortedForest(parent_of, names, roots, kids, False)
    tree._below = below
    key = tree.key()
    for t in touched:
        lst = kids.get(t) if t is not None else roots
        if lst:
            lst.sort(key=key)
    return tree


def _person_card(p: Person, box: Box, name: str, words: _PersonWords) -> Card:
    """Name; role, level and grade; team; on a manager their reports and headcount.

    An open position with no name is titled "Open: <role>" (display_name), so its
    second line leaves the role out rather than say it twice.
    """
    # Lookups through the document's dicts, not doc.role(): this runs per person.
    role = words.roles.get(p.role) if p.role else None
    # Most people share a role and level with others: each second line is worded once.
    key = (p.role, p.level, p.vacant and not p.name)
    subtitle = words.subtitles.get(key)
    if subtitle is None:
        title = role.title if role else ""
        level = p.level or ""
        grade = words.levels.get((p.role, level), "") if level and p.role else ""
        subtitle = role_line("" if key[2] else title, level, grade)
        words.subtitles[key] = subtitle
    team = words.team_names.get(p.team) if p.team else None
    reports = words.reports.get(p.id)
    lines = [team] if team else []
    if reports:
        lines.append(reports)
    # Positional: this runs once per person and keywords cost half the time.
    return Card(
        p.id,
        "person",
        box,
        name,
        subtitle,
        lines,
        p.function or ((role.function or None) if role else None),  # doc.function_of
        None,
        [],
        p.vacant,
    )


class _Lazy(dict):
    """A dict that works a value out the first time its key is read."""

    def __init__(self, make) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key):
        value = self[key] = self._make(key)
        return value


def _function_of(doc: Document) -> dict[str, str | None]:
    """Every person's function, as ``doc.function_of`` says, in one pass."""
    roles = doc.by_id("role")
    out: dict[str, str | None] = {}
    for pid, p in doc.by_id("person").items():
        if p.function:
            out[pid] = p.function
        else:
            role = roles.get(p.role) if p.role else None
            out[pid] = (role.function or None) if role else None
    return out


def _team_names(doc: Document) -> dict[str, str]:
    return {t.id: t.name or t.id for t in doc.by_id("team").values()}


def _apply_positions(chart: Chart, saved: Mapping[str, list[float]]) -> None:
    """Move cards to their saved top-left corners (chips move with their card)."""
    cards = chart.cards
    moved: dict[str, Box] = {}  # card -> where the layout had put it
    for key, point in saved.items():
        card = cards.get(key)
        if card is None or len(point) != 2:
            continue
        x, y = float(point[0]), float(point[1])
        if not (
            math.isfinite(x) and math.isfinite(y) and abs(x) < MAX_COORD and abs(y) < MAX_COORD
        ):
            continue
        old = card.box
        if x == old.x and y == old.y:
            continue
        moved[key] = old
        card.box = old.moved_to(x, y)
        dx, dy = x - old.x, y - old.y
        for chip in card.chips:
            cb = chip.box
            chip.box = Box(cb.x + dx, cb.y + dy, cb.w, cb.h)
        sb = card.serves_box
        if sb is not None:
            card.serves_box = Box(sb.x + dx, sb.y + dy, sb.w, sb.h)
    if not moved:
        return
    buses = chart.buses
    for moved_key in moved:
        buses.pop(moved_key, None)  # a card moved by hand is reached by a plain elbow
    for a, b, _style in chart.edges:
        was = moved.get(a)
        bus = buses.get(b)
        # An indented list hangs from its parent's bottom edge: it cannot follow.
        if (
            was is not None
            and bus is not None
            and was.x < bus[0] < was.right
            and abs(bus[1] - was.bottom) < 0.5
        ):
            del buses[b]
    bounds = chart.bounds()
    chart.width = max(0.0, bounds.right)
    chart.height = max(0.0, bounds.bottom)


# -- people ----------------------------------------------------------------------------------


def _people(
    doc: Document,
    folded: set[str],
    functional_lines: bool,
    compact: int | None,
    columns: int = 1,
    root: str | None = None,
    cache: ChartCache | None = None,
    aspect: float | None = None,
) -> Chart:
    people = doc.by_id("person")
    shown_name = doc.display_name  # a named person's is their name: skip the call
    names = {pid: p.name or shown_name(p) for pid, p in people.items()}
    tree = sorted_forest({pid: p.manager for pid, p in people.items()}, names, cache, "people")
    roots, kids = list(tree.roots), tree.kids
    if root is not None and root in people:
        roots = [root]

    shown = kids
    hidden_below: dict[str, int] = {}
    if folded:
        below = tree.sizes()
        shown = {k: v for k, v in kids.items() if k not in folded}
        hidden_below = {k: below[k] for k in folded if kids.get(k) and k in below}

    size = (PERSON_W, PERSON_H)
    lay = tidy_tree(
        roots,
        shown,
        lambda _i: size,
        h_gap=H_GAP,
        v_gap=V_GAP,
        tree_gap=TREE_GAP,
        compact=compact,
        compact_columns=columns,
        unstackable=hidden_below.keys(),
        aspect=aspect,
        small=FITS_AS_IT_IS,
    )
    words = _person_words(
        doc, people, (tree.roots, kids), _reports_of(tree, people, lay.boxes.keys())
    )
    cards: dict[str, Card] = {}
    for pid, box in lay.boxes.items():
        card = _person_card(people[pid], box, names[pid], words)
        if pid in hidden_below:
            card.collapsed_count = hidden_below[pid]
        cards[pid] = card
    stacked = lay.stacked
    edges = [(a, b, "bus" if b in stacked else "solid") for a, b in lay.edges]
    if functional_lines:
        for pid in cards:
            fm = people[pid].functional_manager
            if fm and fm != pid and fm in cards:
                edges.append((pid, fm, "dotted"))
    return Chart("people", cards, edges, lay.width, lay.height, dict(lay.buses), V_GAP)


# -- teams -----------------------------------------------------------------------------------


def _short(p: Person, name: str) -> str:
    """A chip's label: "Ana S" for Ana Silva; "Open" for an unnamed vacancy."""
    if p.vacant and not p.name:
        return "Open"
    parts = name.split()
    if len(parts) > 1:
        return f"{parts[0]} {parts[-1][0]}"
    return parts[0] if parts else name


def _teams(
    doc: Document,
    folded: set[str],
    compact: int | None,
    columns: int = 1,
    root: str | None = None,
    cache: ChartCache | None = None,
    aspect: float | None = None,
) -> Chart:
    teams = doc.by_id("team")
    people = doc.by_id("person")
    names = {tid: t.name or tid for tid, t in teams.items()}
    tree = sorted_forest({tid: t.parent for tid, t in teams.items()}, names, cache, "teams")
    roots, kids = list(tree.roots), tree.kids

    members: dict[str, list[Person]] = {}
    loose: list[Person] = []
    for p in people.values():
        if p.team and p.team in teams:
            members.setdefault(p.team, []).append(p)
        else:
            loose.append(p)
    # Names and functions of the people on the cards shown (a folded chart shows few).
    pnames = _Lazy(lambda pid: doc.display_name(people[pid]))
    fn_of = _Lazy(lambda pid: doc.function_of(people[pid]))
    own_filled = {tid: sum(1 for p in group if not p.vacant) for tid, group in members.items()}
    in_sub_teams = _sizes_below(roots, kids, own_filled) if kids else {}
    if root is not None and root in teams:
        roots = [root]
    elif loose:
        roots.append(UNASSIGNED)

    def chip_rows(n: int) -> int:
        return -(-n // CHIPS_PER_ROW)

    def card_h(n: int) -> float:
        rows = chip_rows(n)
        return TEAM_HEAD_H + (rows * (CHIP_H + CHIP_GAP) + CHIP_GAP if rows else 0.0)

    service = {tid for tid, t in teams.items() if doc.model_of(t) == "service"}
    heights = {
        tid: card_h(len(members.get(tid, ()))) + (SERVES_H if tid in service else 0.0)
        for tid in teams
    }
    heights[UNASSIGNED] = card_h(len(loose))

    shown = kids
    hidden_below: dict[str, int] = {}
    if folded:
        below = tree.sizes()
        shown = {k: v for k, v in kids.items() if k not in folded}
        hidden_below = {k: below[k] for k in folded if kids.get(k) and k in below}

    lay = tidy_tree(
        roots,
        shown,
        lambda i: (TEAM_W, heights[i]),
        h_gap=H_GAP,
        v_gap=V_GAP,
        tree_gap=TREE_GAP,
        compact=compact,
        compact_columns=columns,
        unstackable=hidden_below.keys(),
        aspect=aspect,
        small=FITS_AS_IT_IS,
    )

    def chips(box: Box, group: list[Person], owner: str | None, band: float = 0.0) -> list[Chip]:
        def chip_key(p: Person) -> tuple[int, str, str, str]:
            fn = fn_of[p.id] or "\uffff"
            return (0 if p.id == owner else 1, fn, pnames[p.id].casefold(), p.id)

        out = []
        x0 = box.x + (TEAM_W - (CHIPS_PER_ROW * CHIP_W + (CHIPS_PER_ROW - 1) * CHIP_GAP)) / 2
        y0 = box.y + TEAM_HEAD_H + band + CHIP_GAP
        for k, p in enumerate(sorted(group, key=chip_key)):
            r, c = divmod(k, CHIPS_PER_ROW)
            cb = Box(x0 + c * (CHIP_W + CHIP_GAP), y0 + r * (CHIP_H + CHIP_GAP), CHIP_W, CHIP_H)
            out.append(Chip(p.id, _short(p, pnames[p.id]), fn_of[p.id], cb, p.vacant))
        return out

    cards: dict[str, Card] = {}
    for tid, box in lay.boxes.items():
        group = members.get(tid, []) if tid != UNASSIGNED else loose
        filled = sum(1 for p in group if not p.vacant)
        sub = in_sub_teams.get(tid)
        count_text = team_count_line(
            filled, len(group) - filled, filled + sub if kids.get(tid) and sub else None
        )
        if tid == UNASSIGNED:
            cards[tid] = Card(
                id=tid,
                kind="team",
                box=box,
                title="No team",
                subtitle="People on no team",
                lines=[count_text],
                function=None,
                chips=chips(box, group, None),
                headcount=filled,
            )
            continue
        t = teams[tid]
        owner = people.get(t.owner) if t.owner else None
        if owner is not None:
            subtitle = pnames[owner.id]
        elif t.owner:
            subtitle = f"{t.owner} (missing)"
        else:
            subtitle = "No owner"
        band = SERVES_H if tid in service else 0.0
        cards[tid] = Card(
            id=tid,
            kind="team",
            box=box,
            title=names[tid],
            subtitle=subtitle,
            lines=([t.mission] if t.mission else []) + [count_text],
            function=None,
            model=doc.model_of(t),
            chips=chips(box, group, t.owner, band),
            collapsed_count=hidden_below.get(tid, 0),
            headcount=filled,
        )
        if band:
            cards[tid].serves = tuple(names.get(s, f"{s} (missing)") for s in t.serves)
            cards[tid].serves_box = Box(box.x + 6.0, box.y + TEAM_HEAD_H - 2.0, TEAM_W - 10.0, band)
    stacked = lay.stacked
    edges = [(a, b, "bus" if b in stacked else "solid") for a, b in lay.edges]
    return Chart("teams", cards, edges, lay.width, lay.height, dict(lay.buses), V_GAP)


# -- functions -------------------------------------------------------------------------------


def _function_columns(doc: Document) -> dict[str | None, list[str]]:
    """The people of each function's column (None: no function), in document order.

    A person's column is their function; failing that, the function they lead;
    failing that, their functional manager's.
    """
    functions = doc.by_id("function")
    people = doc.by_id("person")
    fn_of = _function_of(doc)
    leads: dict[str, str] = {}
    for f in functions.values():
        if f.leader and f.leader not in leads:
            leads[f.leader] = f.id

    def own(p: Person) -> str | None:
        fn = fn_of[p.id]
        if fn in functions:
            return fn
        return leads.get(p.id)

    columns: dict[str | None, list[str]] = {fid: [] for fid in functions}
    for pid, p in people.items():
        where = own(p)
        if where is None:
            fm = people.get(p.functional_manager) if p.functional_manager else None
            if fm is not None and fm is not p:
                where = own(fm)
        columns.setdefault(where, []).append(pid)
    if None in columns and not columns[None]:
        del columns[None]
    return columns


def _craft_parent(p: Person, colset: set[str]) -> str | None:
    """Where a person hangs in their function's column: under their functional manager,
    else under a line manager of the same craft (who then keeps its standards, as
    FUNC-COACH assumes); at the column's first level when neither is in the column."""
    up = p.functional_manager or p.manager
    return up if up in colset else None


def header_id(doc: Document, fid: str | None) -> str:
    """The card ID of a function's column header (``NO_FUNCTION`` for None)."""
    if fid is None:
        return NO_FUNCTION
    return fid if fid not in doc.by_id("person") else f"function:{fid}"


def functions_to_fold(
    doc: Document, folded: Iterable[str], budget: int = OPENING_CARDS
) -> list[str]:
    """The column headers to fold so that the functions view, with ``folded`` (the
    people the other views fold) folded too, shows about ``budget`` cards: the
    largest columns first, none when it already does. Linear in the people."""
    people = doc.by_id("person")
    hidden_roots = set(folded)
    shown: list[tuple[int, str]] = []
    total = 0
    for fid, col in _function_columns(doc).items():
        colset = set(col)
        kids: dict[str, list[str]] = {}
        for pid in col:
            up = _craft_parent(people[pid], colset)
            if up is not None and up != pid:
                kids.setdefault(up, []).append(pid)
        hidden: set[str] = set()
        stack = [c for r in hidden_roots & colset for c in kids.get(r, ())]
        while stack:
            u = stack.pop()
            if u not in hidden:
                hidden.add(u)
                stack.extend(kids.get(u, ()))
        n = len(col) - len(hidden)
        shown.append((n, header_id(doc, fid)))
        total += n + 1
    out: list[str] = []
    for n, hid in sorted(shown, reverse=True):
        if total <= budget:
            break
        out.append(hid)
        total -= n
    return out


def _functions(
    doc: Document, folded: set[str], aspect: float | None = None, cache: ChartCache | None = None
) -> Chart:
    functions = doc.by_id("function")
    people = doc.by_id("person")
    names = {pid: doc.display_name(p) for pid, p in people.items()}
    if cache is not None:
        # The people view's tree, kept by the caller: its subtree sizes give the
        # managers' headcounts without counting the whole organisation again.
        tree = sorted_forest({i: p.manager for i, p in people.items()}, names, cache, "people")
        reports = _reports_of(tree, people, people.keys())
        words = _person_words(doc, people, (tree.roots, tree.kids), reports)
    else:
        words = _person_words(doc, people)
    columns = _function_columns(doc)

    cards: dict[str, Card] = {}
    edges: list[tuple[str, str, str]] = []
    buses: dict[str, Point] = {}
    outlines: list[tuple[str, list[tuple[str, int, str | None]]]] = []
    x = 0.0
    height = 0.0
    for fid, col in columns.items():
        f = functions.get(fid) if fid is not None else None
        lines: list[str] = []
        leader: str | None = None
        listed = sum(1 for pid in col if not people[pid].vacant)
        if f is None:
            hid = NO_FUNCTION
            title, subtitle = "No function", f"{leader_line('', listed)} with no function"
        else:
            hid = header_id(doc, f.id)
            leader = f.leader or None
            lp = people.get(leader) if leader else None
            title = f.name or f.id
            if lp is not None:
                subtitle = names[lp.id]
            elif leader:
                subtitle = f"{leader} (missing)"
            else:
                subtitle = "No leader"
            subtitle = leader_line(subtitle, listed)
            # Standards read as words ("Career path"); those the leader keeps share a line.
            kept = [standard_label(s) for s, o in f.standards.items() if o and o == leader]
            if kept:
                lines.append("Keeps " + ", ".join(k.lower() for k in kept))
            for std, owner in f.standards.items():
                if owner and owner == leader:
                    continue
                if owner:
                    op = people.get(owner)
                    who = names[op.id] if op else owner + " (missing)"
                    lines.append(f"{standard_label(std)}: {who}")
                else:
                    lines.append(f"{standard_label(std)}: no owner")
        head_box = Box(x, 0.0, COLUMN_W, HEADER_BASE_H + HEADER_LINE_H * len(lines))
        header = Card(
            id=hid,
            kind="header",
            box=head_box,
            title=title,
            subtitle=subtitle,
            lines=lines,
            function=fid,
            ref=fid,
        )
        cards[hid] = header

        colset = set(col)
        parent_of = {}
        for pid in col:
            parent_of[pid] = _craft_parent(people[pid], colset)
        roots, breakers, kids = _forest(col, parent_of)
        key = _sort_key(names, kids)
        for lst in kids.values():
            lst.sort(key=key)
        roots.sort(key=lambda i: (0 if i == leader else 1, *key(i)))
        breakers.sort(key=key)
        roots += breakers

        y = head_box.bottom + LIST_GAP * 1.5
        bottom = head_box.bottom
        outline: list[tuple[str, int, str | None]] = []
        outlines.append((hid, outline))
        if hid in folded or (fid is not None and fid in folded):
            header.collapsed_count = len(col)
        else:
            below = _sizes_below(roots, kids) if folded else {}
            # (person, level, parent card or None) in outline order
            stack: list[tuple[str, int, str | None]] = [(r, 0, None) for r in reversed(roots)]
            while stack:
                pid, level, up = stack.pop()
                p = people[pid]
                box = Box(x + INDENT * (1 + min(level, MAX_INDENT - 1)), y, PERSON_W, PERSON_H)
                card = _person_card(p, box, names[pid], words)
                cards[pid] = card
                y = box.bottom + LIST_GAP
                bottom = box.bottom
                if (
                    up is None
                    and leader
                    and p.functional_manager == leader
                    and leader not in colset
                ):
                    up = hid  # the header stands for a leader listed in another column
                outline.append((pid, level, up))
                if up is not None:
                    ub = cards[up].box
                    edges.append((up, pid, "bus"))
                    # The spine runs down the indent; past the deepest indent a card
                    # sits level with its parent and the spine passes on its left.
                    sx = box.x - INDENT / 2
                    buses[pid] = (
                        sx,
                        ub.bottom if ub.x < sx < ub.right else ub.bottom + LIST_GAP / 2,
                    )
                if pid in folded and kids.get(pid):
                    card.collapsed_count = below.get(pid, 0)
                    continue
                for c in reversed(kids.get(pid, ())):
                    stack.append((c, level + 1, pid))
        height = max(height, bottom)
        x += COLUMN_W + COLUMN_GAP
    width = x - COLUMN_GAP if columns else 0.0
    chart = Chart("functions", cards, edges, width, height, buses, LIST_GAP)
    if aspect is not None and aspect > 0 and width < aspect * height and height > SPLIT_FROM:
        _split_columns(chart, outlines, aspect)
    return chart


# Most sub-columns one function's column is split into.
MAX_SPLIT = 8
# Function columns shorter than this (about 20 cards) are never split: a window shows
# them whole with names readable.
SPLIT_FROM = 1500.0


def _split_columns(
    chart: Chart, outlines: list[tuple[str, list[tuple[str, int, str | None]]]], aspect: float
) -> None:
    """Split long function columns into sub-columns side by side, so the chart comes
    closer to ``aspect`` (width / height).

    A column splits between the branches at its top: the people at its first
    level, or, when one person heads the column, that person's reports. Every
    sub-column after the first starts level with the first of those branches, and
    the column's header widens over all of them; a branch's line comes from the
    header's bottom edge, or from its manager along the gap under that manager's
    card, then down the sub-column's own spine. The split that fits ``aspect``
    best is chosen over all columns at once (linear in the cards, times the few
    splits tried per column).
    """
    cards = chart.cards
    plans = []  # per column: (header, x, head, entries, options per number of sub-columns)
    for hid, outline in outlines:
        header = cards[hid]
        top_level = [i for i, row in enumerate(outline) if row[1] == 0]
        if len(top_level) == 1:
            head = outline[0][0]
            starts = [i for i, row in enumerate(outline) if row[1] == 1 and row[2] == head]
        else:
            starts = top_level
        options: list[tuple[float, float, list[int]]] = []  # (width, height, sub-column of each)
        x0 = header.box.x
        if len(starts) >= 2:
            ends = starts[1:] + [len(outline)]
            spans = []
            for a, e in zip(starts, ends, strict=True):
                rows = [cards[outline[i][0]].box for i in range(a, e)]
                left = min(r.x for r in rows)
                spans.append(
                    (rows[0].y, max(r.bottom for r in rows), left, max(r.right for r in rows))
                )
            first_top = spans[0][0]
            heights = [bot - top for top, bot, _, _ in spans]
            for k in range(1, min(MAX_SPLIT, len(spans)) + 1):
                col_of = balanced_columns(heights, k, LIST_GAP)
                tall = [0.0] * (col_of[-1] + 1)
                lo = [math.inf] * len(tall)
                hi = [-math.inf] * len(tall)
                for (top, bot, left, right), j in zip(spans, col_of, strict=True):
                    tall[j] += bot - top + LIST_GAP
                    lo[j] = min(lo[j], left)
                    hi[j] = max(hi[j], right)
                w = max(header.box.right, hi[0]) - x0
                for j in range(1, len(tall)):
                    w += COLUMN_GAP / 2 + INDENT / 2 + (hi[j] - lo[j])
                h = first_top + max(tall) - LIST_GAP
                options.append((w, h, col_of))
            plans.append((hid, x0, starts, spans, options))
        else:
            bottom = max([header.box.bottom] + [cards[row[0]].box.bottom for row in outline])
            right = max([header.box.right] + [cards[row[0]].box.right for row in outline])
            plans.append((hid, x0, starts, [], [(right - x0, bottom, [])]))

    def shape(limit: float) -> tuple[float, float, list[int]]:
        picks = []
        width = height = 0.0
        for *_, options in plans:
            pick = next((k for k, o in enumerate(options) if o[1] <= limit), len(options) - 1)
            picks.append(pick)
            width += options[pick][0] + COLUMN_GAP
            height = max(height, options[pick][1])
        return width - COLUMN_GAP, height, picks

    candidates = sorted({o[1] for *_, options in plans for o in options}, reverse=True)
    best = None
    for limit in candidates:
        w, h, picks = shape(limit)
        score = min(aspect / max(w, 1e-9), 1 / max(h, 1e-9))
        if best is None or score > best[0] * 1.0001:
            best = (score, picks)
    if best is None:
        return
    picks = best[1]
    if not any(picks):
        return

    # Move every column to its place and each branch to its sub-column.
    buses = chart.buses
    cursor = 0.0
    for (hid, x0, starts, spans, options), pick, (_, outline) in zip(
        plans, picks, outlines, strict=True
    ):
        dx0 = cursor - x0
        header = cards[hid]
        moves: dict[str, tuple[float, float]] = {hid: (dx0, 0.0)}
        for row in outline:
            moves[row[0]] = (dx0, 0.0)
        right = header.box.right + dx0
        if pick:
            _, _, col_of = options[pick]
            ends = starts[1:] + [len(outline)]
            first_top = spans[0][0]
            # Sub-column j: its branches' left edge, right edge and top, as laid out.
            c_lo: dict[int, float] = {}
            c_hi: dict[int, float] = {}
            top_of: dict[int, float] = {}
            for (top, _, left, rt), j in zip(spans, col_of, strict=True):
                c_lo[j] = min(c_lo.get(j, math.inf), left)
                c_hi[j] = max(c_hi.get(j, -math.inf), rt)
                top_of.setdefault(j, top)
            col_right = max(header.box.right, c_hi[0]) + dx0
            shift: dict[int, float] = {}
            for j in sorted(c_lo):
                if j == 0:
                    continue
                # its spine half a gap past the previous sub-column
                shift[j] = col_right + COLUMN_GAP / 2 + INDENT / 2 - c_lo[j]
                col_right = c_hi[j] + shift[j]
            for a, e, j in zip(starts, ends, col_of, strict=True):
                if j == 0:
                    continue
                for i in range(a, e):
                    moves[outline[i][0]] = (shift[j], first_top - top_of[j])
            right = max(right, col_right)
        for key, (dx, dy) in moves.items():
            card = cards[key]
            card.box = card.box.moved_to(card.box.x + dx, card.box.y + dy)
            bus = buses.get(key)
            if bus is not None:
                buses[key] = (bus[0] + dx, bus[1] + dy)
        if right - header.box.x > header.box.w:
            hb = header.box
            header.box = Box(hb.x, hb.y, right - hb.x, hb.h)
        if pick:
            # The first card of each moved branch hangs from its manager anew.
            for a, j in zip(starts, col_of, strict=True):
                pid, _, up = outline[a]
                if j == 0 or up is None:
                    continue
                ub = cards[up].box
                sx = cards[pid].box.x - INDENT / 2
                buses[pid] = (sx, ub.bottom if up == hid else ub.bottom + LIST_GAP / 2)
        cursor = right + COLUMN_GAP
    whole = chart.bounds()
    chart.width = max(0.0, whole.right)
    chart.height = max(0.0, whole.bottom)


# -- folding ---------------------------------------------------------------------------------


def hierarchy(
    doc: Document, view: View, cache: ChartCache | None = None
) -> tuple[list[str], dict[str, list[str]]]:
    """The roots and the children of each node of ``view``'s tree, sorted as drawn.

    The people view follows line managers, the teams view parent teams; the
    functions view is one level of columns (its nodes are the function IDs).
    The lists are shared with ``cache`` (the tree of the next chart): read them only.
    """
    if view == "functions":
        return sorted(doc.by_id("function")), {}
    if view == "teams":
        items = doc.by_id("team")
        parent_of = {i: t.parent for i, t in items.items()}
        names = {i: t.name or i for i, t in items.items()}
    else:
        people = doc.by_id("person")
        parent_of = {i: p.manager for i, p in people.items()}
        shown_name = doc.display_name
        names = {i: p.name or shown_name(p) for i, p in people.items()}
    tree = sorted_forest(parent_of, names, cache, view)
    return list(tree.roots), tree.kids


def depths(roots: Iterable[str], kids: Mapping[str, list[str]]) -> dict[str, int]:
    """The level of every node below ``roots`` (a root is level 0)."""
    level = {r: 0 for r in roots}
    stack = list(level)
    while stack:
        u = stack.pop()
        for c in kids.get(u, ()):
            if c not in level:
                level[c] = level[u] + 1
                stack.append(c)
    return level


def folded_at(doc: Document, view: View, depth: int, cache: ChartCache | None = None) -> list[str]:
    """What to fold so that ``view`` shows levels 0 to ``depth``: every node with
    children at level ``depth`` (level 0 is the top). A large depth folds nothing."""
    if view == "functions":
        return [] if depth >= 1 else sorted(doc.by_id("function"))
    roots, kids = hierarchy(doc, view, cache)
    return [i for i, d in depths(roots, kids).items() if d == depth and kids.get(i)]


def opening_depth(
    doc: Document, view: View, budget: int = OPENING_CARDS, cache: ChartCache | None = None
) -> int | None:
    """The deepest level to which ``view`` can be unfolded showing at most ``budget`` cards
    (at least the top level); None when the whole chart fits the budget. The functions
    view folds its columns instead: see :func:`opening_column_folds`."""
    roots, kids = hierarchy(doc, view, cache)
    per_level: dict[int, int] = {}
    for d in depths(roots, kids).values():
        per_level[d] = per_level.get(d, 0) + 1
    shown = 0
    for d in sorted(per_level):
        shown += per_level[d]
        if shown > budget:
            return max(0, d - 1)
    return None


def opening_folds(doc: Document, cache: ChartCache | None = None) -> list[str]:
    """What a large organisation opens folded at in the people and teams views: the
    level that shows about ``OPENING_CARDS`` people (``OPENING_TEAMS`` teams). See
    :func:`opening_column_folds` for the functions view, which shows these folds too."""
    folds: list[str] = []
    opening: tuple[tuple[View, int], ...] = (("people", OPENING_CARDS), ("teams", OPENING_TEAMS))
    for view, budget in opening:
        depth = opening_depth(doc, view, budget, cache)
        if depth is not None:
            folds += folded_at(doc, view, depth, cache)
    return folds


def opening_column_folds(doc: Document) -> list[str]:
    """The function columns a large organisation's functions view first shows folded:
    its largest columns, while it shows more than half ``OPENING_CARDS`` cards with the
    other views' folds (tall columns of narrow cards fit a screen less well than a
    tree, so the first screen of columns holds fewer)."""
    if len(doc.people) <= OPENING_CARDS:
        return []
    return functions_to_fold(doc, doc.view.collapsed, OPENING_CARDS // 2)


def ancestors(doc: Document, view: View, id_: str) -> list[str]:
    """The managers (people view) or parent teams (teams view) above ``id_``, top first.

    Stops at a loop, so a damaged file cannot hang it.
    """
    if view == "teams":
        teams = doc.by_id("team")
        up = {i: t.parent for i, t in teams.items()}
    elif view == "people":
        people = doc.by_id("person")
        up = {i: p.manager for i, p in people.items()}
    else:
        return []
    chain: list[str] = []
    seen = {id_}
    u = up.get(id_)
    while u and u in up and u not in seen:
        chain.append(u)
        seen.add(u)
        u = up.get(u)
    chain.reverse()
    return chain


def neighbour(chart: Chart, card_id: str, direction: str) -> str | None:
    """The card the arrow key ``direction`` (up, down, left, right) leads to from ``card_id``.

    Up: the card drawn above it in the tree (its manager, parent team or column
    head); down: its first report as drawn; left and right: the previous and next
    of its siblings (the cards under the same parent, or the top cards), in
    reading order. None when there is none.
    """
    if card_id not in chart.cards:
        return None
    parent: dict[str, str] = {}
    below: dict[str, list[str]] = {}
    for a, b, style in chart.edges:
        if style == "dotted" or a not in chart.cards or b not in chart.cards:
            continue
        if b not in parent:
            parent[b] = a
            below.setdefault(a, []).append(b)

    def reading(i: str) -> tuple[float, float]:
        box = chart.cards[i].box
        return (box.x, box.y) if chart.view != "functions" else (box.y, box.x)

    if direction == "up":
        return parent.get(card_id)
    if direction == "down":
        kids = below.get(card_id)
        return (
            min(kids, key=lambda i: (chart.cards[i].box.y, chart.cards[i].box.x)) if kids else None
        )
    up = parent.get(card_id)
    siblings = below[up] if up is not None else [i for i in chart.cards if i not in parent]
    siblings = sorted(siblings, key=reading)
    at = siblings.index(card_id)
    step = -1 if direction == "left" else 1
    if 0 <= at + step < len(siblings):
        return siblings[at + step]
    return None
