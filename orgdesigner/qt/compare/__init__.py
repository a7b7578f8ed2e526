"""The compare window: two variants side by side, with what changed between them.

Rooms: :mod:`.window` (the window), :mod:`.marks` (the read-only scene and its
change marks), :mod:`.sync` (the two views kept in step), :mod:`.widgets` (legend
and side panes), :mod:`.plan` (the Plan and Decisions tabs, the plan export),
:mod:`.actions` (the main window's compare menu entries). What is listed and
marked comes from :mod:`orgdesigner.core.change_list`, the plan from
:mod:`orgdesigner.core.plan`.
"""

from .actions import CompareActions, install_compare_actions, open_compare
from .marks import STATUSES, ChangeMark, CompareScene, status_colour
from .sync import ViewSync, view_centre
from .window import CompareWindow

__all__ = [
    "STATUSES",
    "ChangeMark",
    "CompareActions",
    "CompareScene",
    "CompareWindow",
    "ViewSync",
    "install_compare_actions",
    "open_compare",
    "status_colour",
    "view_centre",
]
