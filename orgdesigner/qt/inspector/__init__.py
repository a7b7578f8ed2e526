"""The inspector: the forms that edit what is selected, by subject.

:mod:`.panel` holds :class:`Inspector`, which shows the form for the selection:
:mod:`.person`, :mod:`.team`, :mod:`.document_form` (nothing selected), or the
role and function editors of the role library and the functions panel. Every
form builds on :mod:`.base`; the field widgets come from
:mod:`orgdesigner.qt.fields`.
"""

from ..fields import EntityList, EntityPicker, FieldRow, LevelPicker, apply_op
from .base import TEAM_MODELS
from .panel import Inspector

__all__ = [
    "TEAM_MODELS",
    "EntityList",
    "EntityPicker",
    "FieldRow",
    "Inspector",
    "LevelPicker",
    "apply_op",
]
