"""Folding commands on a view's tree, as operations: collapse all, expand to a level,
one more level of a branch, unfold what must be seen.

The folded IDs live in ``doc.view.collapsed`` (one list for all views: person IDs
fold the people view, team IDs the teams view, function IDs the functions view's
columns). Each command returns one :class:`ops.Composite` of ``SetCollapsed``
steps, so it is one undo step, or None when it would change nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import ops
from .chart import View, ancestors, depths, folded_at, hierarchy
from .model import Document


def _nodes(doc: Document, view: View) -> set[str]:
    if view == "functions":
        return set(doc.by_id("function"))
    return set(doc.by_id("team" if view == "teams" else "person"))


def refold(
    doc: Document, view: View, fold: Iterable[str], unfold: Iterable[str], label: str
) -> ops.Op | None:
    """Fold ``fold`` and unfold ``unfold``: one operation, or None if nothing changes."""
    now = set(doc.view.collapsed)
    steps: list[ops.Op] = [ops.SetCollapsed(i, False) for i in unfold if i in now]
    steps += [ops.SetCollapsed(i, True) for i in dict.fromkeys(fold) if i not in now]
    return ops.Composite(tuple(steps), label=label) if steps else None


def to_depth(doc: Document, view: View, depth: int, label: str) -> ops.Op | None:
    """Show levels 0 to ``depth`` of ``view`` (0: only the top), whatever was folded."""
    target = set(folded_at(doc, view, depth))
    nodes = _nodes(doc, view)
    stale = [i for i in doc.view.collapsed if i in nodes and i not in target]
    return refold(doc, view, sorted(target), stale, label)


def max_depth(doc: Document, view: View) -> int:
    """The deepest level of ``view``'s tree (0: a single level)."""
    if view == "functions":
        return 1
    roots, kids = hierarchy(doc, view)
    return max(depths(roots, kids).values(), default=0)


def one_more_level(doc: Document, view: View, id_: str, label: str) -> ops.Op | None:
    """Unfold the folded cards nearest ``id_`` in its branch (``id_`` itself if folded),
    folding their children in turn: the branch shows one more level."""
    folded = set(doc.view.collapsed)
    if view == "functions":
        return refold(doc, view, [], [id_], label)
    _roots, kids = hierarchy(doc, view)
    frontier: list[str] = []
    stack = [id_]
    seen = {id_}
    while stack:
        u = stack.pop()
        if u in folded and kids.get(u):
            frontier.append(u)
            continue
        for c in kids.get(u, ()):
            if c not in seen:
                seen.add(c)
                stack.append(c)
    fold = [c for u in frontier for c in kids.get(u, ()) if kids.get(c)]
    return refold(doc, view, fold, frontier, label)


def reveal(doc: Document, view: View, id_: str, label: str) -> ops.Op | None:
    """Unfold whatever hides ``id_`` in ``view``: its folded managers or parent teams
    (in the teams view a person is on their team's card, so that team too)."""
    folded = set(doc.view.collapsed)
    above = ancestors(doc, view, id_)
    if view == "teams":
        p = doc.person(id_)
        if p is not None and p.team:
            above = [*ancestors(doc, view, p.team), p.team]
    if view == "functions":
        p = doc.person(id_)
        above = [p.function] if p is not None and p.function else []
    return refold(doc, view, [], [i for i in above if i in folded], label)
