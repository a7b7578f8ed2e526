"""The document model: one organisation variant, exactly as stored in a ``.orgd`` file.

These pydantic classes *are* the file format (the JSON Schema is generated from
them). Every level forbids unknown keys, so a typo is an error rather than data
silently lost. Values are strict: ``"vacant": "yes"`` is refused, not guessed.

References between entities are plain ID strings. A reference to a missing ID
is allowed here (the validator reports it as ORG-REF) and ``""`` means none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)

from .catalogue import PARAM_NAMES, RULE_IDS, Severity

FORMAT_NAME: Literal["orgdesigner"] = "orgdesigner"
CURRENT_VERSION = 2

# Generous bounds that no real organisation reaches, so a hostile file cannot
# make us allocate without limit or draw a card a mile wide.
MAX_ID = 200
MAX_NAME = 500
MAX_TEXT = 20_000
MAX_ITEMS = 1_000_000

# Users' text is data, never instructions to a terminal, a spreadsheet or a
# parser: control characters (C0, DEL, C1) are removed from every text field
# wherever a value comes in (a file being loaded, an import, an edit), so a
# NUL or an escape sequence cannot reach a saved file, an export or a
# terminal. One-line fields (IDs, names, tags) read tabs and line breaks as
# spaces; multi-line text (missions, purposes, expectations) keeps them.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROLS_BUT_LINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile("\r\n|[\t\n\r]")


def one_line(text: str) -> str:
    """``text`` on one line without control characters (tabs and line breaks become spaces)."""
    if _CONTROLS.search(text):
        return _CONTROLS.sub("", _LINE_BREAKS.sub(" ", text))
    return text


def _one_line(value: object) -> object:
    return one_line(value) if isinstance(value, str) else value


def multi_line(value: object) -> object:
    """A text without control characters other than tabs and line breaks."""
    if isinstance(value, str) and _CONTROLS_BUT_LINES.search(value):
        return _CONTROLS_BUT_LINES.sub("", value)
    return value


_OneLine = BeforeValidator(_one_line)
# The validator comes last so it runs first: the limits apply to the cleaned text.
ID = Annotated[str, Field(min_length=1, max_length=MAX_ID), _OneLine]
Ref = Annotated[str | None, Field(default=None, max_length=MAX_ID), _OneLine]
Name = Annotated[str, Field(max_length=MAX_NAME), _OneLine]
Text = Annotated[str, Field(max_length=MAX_TEXT), BeforeValidator(multi_line)]
TeamModel = Literal["sto", "functional", "service"]
# How each team model is called in words (forms, labels, reports).
TEAM_MODEL_NAMES: dict[str, str] = {
    "sto": "Single-threaded owner",
    "functional": "Three-legged stool",
    "service": "Service team",
}
# A yearly cost or budget: a plain number, never negative, never infinite.
Cost = Annotated[int | float, Field(ge=0, le=1e15, allow_inf_nan=False)]
# An ISO 4217 currency code, or "" for none.
Currency = Annotated[str, Field(pattern=r"^([A-Z]{3})?$")]
DefaultTeamModel = Literal["sto", "functional"]
GRADE_PARAMS = ("owner_min_grade", "standards_min_grade")


class _Strict(BaseModel):
    # No infinite or NaN numbers: JSON cannot hold them, so such a file could not be saved.
    model_config = ConfigDict(
        extra="forbid", strict=True, validate_default=False, allow_inf_nan=False
    )


class Grade(_Strict):
    """One step of the grade scale shared by every craft (listed junior to senior)."""

    id: ID
    name: Name = ""


class Level(_Strict):
    """One rung of a role's career ladder: its grade and the budgeted cost of a position."""

    code: ID
    title: Name = ""
    expectations: Text = ""
    grade: Ref = None
    cost: Cost | None = None


class Role(_Strict):
    """A role definition: purpose, responsibilities and a career ladder."""

    id: ID
    title: Name = ""
    function: Ref = None
    people_manager: bool = False
    purpose: Text = ""
    responsibilities: list[Text] = Field(default_factory=list, max_length=1000)
    levels: list[Level] = Field(default_factory=list, max_length=1000)


class Function(_Strict):
    """A craft (engineering, product, design...): its leader and who owns each standard."""

    id: ID
    name: Name = ""
    leader: Ref = None
    standards: dict[str, str | None] = Field(default_factory=dict, max_length=100)


class Team(_Strict):
    """A team: one owner, a mission, a parent team and a model (``sto``, ``functional``
    or ``service``: a team that supplies its function to the teams it ``serves``)."""

    id: ID
    name: Name = ""
    mission: Text = ""
    owner: Ref = None
    parent: Ref = None
    model: TeamModel | None = None
    required_functions: list[str] | None = Field(default=None, max_length=1000)
    serves: list[Annotated[str, Field(max_length=MAX_ID)]] = Field(
        default_factory=list, max_length=MAX_ITEMS
    )
    budget: Cost | None = None


class Person(_Strict):
    """A person or, with ``vacant``, an open position."""

    id: ID
    name: Name = ""
    role: Ref = None
    level: Ref = None
    function: Ref = None
    manager: Ref = None
    functional_manager: Ref = None
    team: Ref = None
    embedded: bool = False
    vacant: bool = False
    cost: Cost | None = None
    tags: list[Name] = Field(default_factory=list, max_length=1000)


@dataclass(frozen=True)
class FieldInfo:
    """How the program speaks of one field of an entity, declared once.

    ``label`` is what forms and sentences call it. ``column`` is the column of
    an HR export it is read from by the importer and written to by the people
    CSV (None: not a column), with ``column_label`` for the import's mapping
    list. ``summary`` is its place when a comparison sums up an added or removed
    person (None: not mentioned). Adding a person field means adding its line
    here; the importer, the CSV and the comparison follow.
    """

    label: str
    column: str | None = None
    column_label: str = ""
    summary: int | None = None


# The person's fields as the program speaks of them, in the order of the HR
# export's columns (the importer's fields and the CSV's columns).
PERSON_FIELDS: dict[str, FieldInfo] = {
    "id": FieldInfo("ID", "id", "ID"),
    "name": FieldInfo("Name", "name", "Name"),
    "role": FieldInfo("Role", "title", "Title (role)", summary=0),
    "manager": FieldInfo("Line manager", "manager", "Line manager ID", summary=3),
    "functional_manager": FieldInfo(
        "Functional manager", "functional_manager", "Functional manager ID", summary=4
    ),
    "team": FieldInfo("Team", "team", "Team", summary=2),
    "function": FieldInfo("Function", "function", "Function"),
    "level": FieldInfo("Level", "level", "Level", summary=1),
    "vacant": FieldInfo("Open position", "vacant", "Vacant", summary=5),
    "cost": FieldInfo("Cost", "cost", "Cost (yearly salary)"),
    "embedded": FieldInfo("Embedded", summary=6),
    "tags": FieldInfo("Tags"),
}


# The team's fields as the program speaks of them.
TEAM_FIELDS: dict[str, FieldInfo] = {
    "name": FieldInfo("Name"),
    "mission": FieldInfo("Mission", summary=3),
    "owner": FieldInfo("Owner", summary=0),
    "parent": FieldInfo("Parent team", summary=1),
    "model": FieldInfo("Model", summary=2),
    "required_functions": FieldInfo("Needs"),
    "serves": FieldInfo("Serves"),
    "budget": FieldInfo("Budget"),
}
FIELD_INFO: dict[str, dict[str, FieldInfo]] = {"person": PERSON_FIELDS, "team": TEAM_FIELDS}


def summary_fields(kind: str) -> tuple[str, ...]:
    """The fields that sum up an added or removed ``kind``, in the order they are named."""
    fields = FIELD_INFO.get(kind, {})
    ranked = [(f.summary, name) for name, f in fields.items() if f.summary is not None]
    return tuple(name for _, name in sorted(ranked))


def person_columns() -> tuple[str, ...]:
    """The HR-export columns a person is read from and written to, in order."""
    return tuple(f.column for f in PERSON_FIELDS.values() if f.column)


class Ratio(_Strict):
    """Bounds on the number of ``numerator`` people per ``denominator`` person on a team."""

    numerator: ID
    denominator: ID
    min: float | None = None
    max: float | None = None

    @model_validator(mode="after")
    def _min_below_max(self) -> Ratio:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(
                f"{self.numerator} per {self.denominator}: minimum ({self.min:g}) "
                f"above maximum ({self.max:g})"
            )
        return self


# Parameters that bound a range from below and above: the lower may not exceed the upper.
PARAM_BOUNDS: dict[str, str] = {"span_min": "span_max", "team_min": "team_max"}


class RuleParams(_Strict):
    """Rule parameters; a field left out takes the catalogue's default."""

    span_min: int | None = Field(default=None, ge=0)
    span_max: int | None = Field(default=None, ge=0)
    max_layers: int | None = Field(default=None, ge=0)
    team_min: int | None = Field(default=None, ge=0)
    team_max: int | None = Field(default=None, ge=0)
    required_functions: list[str] | None = None
    triad: list[str] | None = None
    standards: list[str] | None = None
    function_standards: dict[str, list[str]] | None = None
    ratios: list[Ratio] | None = None
    owner_min_grade: str | None = Field(default=None, max_length=MAX_ID)
    standards_min_grade: str | None = Field(default=None, max_length=MAX_ID)
    leader_load_max: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _bounds_in_order(self) -> RuleParams:
        for low, high in PARAM_BOUNDS.items():
            lo, hi = getattr(self, low), getattr(self, high)
            if lo is not None and hi is not None and lo > hi:
                raise ValueError(f"{low} ({lo}) is above {high} ({hi})")
        return self


assert set(RuleParams.model_fields) == PARAM_NAMES


class Waiver(_Strict):
    """An accepted exception: findings of ``rule`` about ``subject`` are listed as waived."""

    rule: str
    subject: ID
    reason: Annotated[str, Field(min_length=1, max_length=MAX_TEXT), BeforeValidator(multi_line)]

    @field_validator("rule")
    @classmethod
    def _known_rule(cls, v: str) -> str:
        _check_rule_id(v)
        return v

    @field_validator("reason")
    @classmethod
    def _real_reason(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("a waiver needs a reason")
        return v


class RulesConfig(_Strict):
    """The standards this variant is judged by: parameters, severities, switches, waivers."""

    params: RuleParams = Field(default_factory=RuleParams)
    severity: dict[str, Severity] = Field(default_factory=dict)
    disabled: list[str] = Field(default_factory=list)
    waivers: list[Waiver] = Field(default_factory=list)

    @field_validator("severity")
    @classmethod
    def _known_severity_rules(cls, v: dict[str, Severity]) -> dict[str, Severity]:
        for rule in v:
            _check_rule_id(rule)
        return v

    @field_validator("disabled")
    @classmethod
    def _known_disabled_rules(cls, v: list[str]) -> list[str]:
        for rule in v:
            _check_rule_id(rule)
        return v


Point = Annotated[list[float], Field(min_length=2, max_length=2)]
VIEW_NAMES = ("people", "teams", "functions")


class ViewState(_Strict):
    """Presentation only: never changes what the validator says.

    ``positions`` maps a view name (``people``, ``teams``, ``functions``) to the
    manual positions of its cards, by entity ID; ``collapsed`` lists the IDs whose
    subtree is folded.
    """

    positions: dict[str, dict[str, Point]] = Field(default_factory=dict)
    collapsed: list[str] = Field(default_factory=list)


class Document(_Strict):
    """One organisation variant: the whole content of a ``.orgd`` file."""

    format: Literal["orgdesigner"]
    version: int
    name: Name = ""
    description: Text = ""
    default_team_model: DefaultTeamModel = "sto"
    currency: Currency = ""
    grades: list[Grade] = Field(default_factory=list, max_length=10_000)
    functions: list[Function] = Field(default_factory=list, max_length=MAX_ITEMS)
    roles: list[Role] = Field(default_factory=list, max_length=MAX_ITEMS)
    teams: list[Team] = Field(default_factory=list, max_length=MAX_ITEMS)
    people: list[Person] = Field(default_factory=list, max_length=MAX_ITEMS)
    rules: RulesConfig = Field(default_factory=RulesConfig)
    view: ViewState = Field(default_factory=ViewState)

    _index: dict[str, dict[str, BaseModel]] | None = PrivateAttr(default=None)

    def __eq__(self, other: object) -> bool:
        # Compare the content only: the private lookup cache differs between two
        # equal documents depending on which has been queried.
        if not isinstance(other, Document):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]

    @classmethod
    def new(cls, name: str = "") -> Document:
        """An empty document of the current version."""
        return cls(format=FORMAT_NAME, version=CURRENT_VERSION, name=name)

    # -- lookups ---------------------------------------------------------------
    def entities(self, kind: str) -> list:
        """The list of ``kind`` (``person``, ``team``, ``role``, ``function``)."""
        return getattr(self, KIND_FIELDS[kind])

    def by_id(self, kind: str) -> dict:
        """ID -> entity for ``kind``; cached, kept current by the edit operations."""
        # Read the private slot directly: attribute access through pydantic's
        # __getattr__ costs more than the lookup itself on the validator's hot path.
        private = self.__pydantic_private__
        index = private.get("_index") if private is not None else None
        if index is None:
            index = {k: {e.id: e for e in self.entities(k)} for k in KIND_FIELDS}
            self._index = index
        return index[kind]

    def get(self, kind: str, id_: str | None):
        """The entity of ``kind`` with ``id_``, or None."""
        if not id_:
            return None
        return self.by_id(kind).get(id_)

    def person(self, id_: str | None) -> Person | None:
        return self.get("person", id_)

    def team(self, id_: str | None) -> Team | None:
        return self.get("team", id_)

    def role(self, id_: str | None) -> Role | None:
        return self.get("role", id_)

    def function(self, id_: str | None) -> Function | None:
        return self.get("function", id_)

    def forget_index(self) -> None:
        """Drop the cached lookups after a structural change made outside the operations."""
        self._index = None

    # -- derived facts used everywhere ----------------------------------------
    def function_of(self, person: Person) -> str | None:
        """A person's function: their own, else their role's."""
        if person.function:
            return person.function
        role = self.role(person.role)
        return role.function or None if role else None

    def model_of(self, team: Team) -> TeamModel:
        """A team's model, falling back to the document's default."""
        return team.model or self.default_team_model

    def grade_ranks(self) -> dict[str, int]:
        """Grade ID -> rank (its position in ``grades``: 0 is the most junior)."""
        return {g.id: i for i, g in enumerate(self.grades)}

    def level_of(self, person: Person) -> Level | None:
        """The ladder level a person holds: their ``level`` on their role's ladder, else None."""
        if not person.level:
            return None
        role = self.role(person.role)
        if role is None:
            return None
        for level in role.levels:
            if level.code == person.level:
                return level
        return None

    def grade_of(self, person: Person, ranks: dict[str, int] | None = None) -> str | None:
        """A person's grade ID: their level's grade, if it exists; else None.

        ``ranks`` (from :meth:`grade_ranks`) saves rebuilding it when asking for many people.
        """
        level = self.level_of(person)
        if level is None or not level.grade:
            return None
        known = self.grade_ranks() if ranks is None else ranks
        return level.grade if level.grade in known else None

    def position_cost(self, person: Person) -> int | float | None:
        """A position's yearly cost: its own ``cost``, else its ladder level's, else None."""
        if person.cost is not None:
            return person.cost
        level = self.level_of(person)
        return level.cost if level is not None else None

    def display_name(self, person: Person) -> str:
        """What a card shows: the name, or "Open: <role>" for an open position."""
        if person.name:
            return person.name
        if person.vacant:
            role = self.role(person.role)
            return f"Open: {role.title}" if role and role.title else "Open position"
        return person.id

    def entity_name(self, kind: str, id_: str | None) -> str:
        """The one way an entity is named in words: a person's display name, a role's
        title, a team's or function's name.

        An empty reference reads "nobody" for a person and "none" otherwise; an ID
        that refers to nothing (or an entity without a name) reads as the ID itself.
        """
        if not id_:
            return "nobody" if kind == "person" else "none"
        entity = self.get(kind, id_)
        if entity is None:
            return id_
        if kind == "person":
            return self.display_name(entity)
        text: str = entity.title if kind == "role" else entity.name
        return text or id_

    def kind_of(self, id_: str | None) -> str | None:
        """Which kind of entity ``id_`` is (person first, then team, role, function)."""
        for kind in NAME_ORDER:
            if self.get(kind, id_) is not None:
                return kind
        return None

    def name_of(self, id_: str | None) -> str:
        """:meth:`entity_name` of ``id_`` whatever its kind; the ID if it names nothing."""
        kind = self.kind_of(id_)
        if kind is None:
            return id_ or "none"
        return self.entity_name(kind, id_)


def grade_param_problem(grades: list[Grade], rules: RulesConfig) -> tuple[str, str] | None:
    """``(json path, reason)`` if a grade parameter names a grade not in ``grades``, else None."""
    known = {g.id for g in grades}
    for name in GRADE_PARAMS:
        value = getattr(rules.params, name)
        if value and value not in known:
            listed = ", ".join(g.id for g in grades[:20]) or "none are defined"
            return (
                f"rules.params.{name}",
                f'no grade {value!r} (grades: {listed}); use "" to switch the check off',
            )
    return None


KIND_FIELDS: dict[str, str] = {
    "function": "functions",
    "role": "roles",
    "team": "teams",
    "person": "people",
}
# The order in which an ID of unknown kind is looked up.
NAME_ORDER: tuple[str, ...] = ("person", "team", "role", "function")
KIND_CLASSES: dict[str, type[BaseModel]] = {
    "function": Function,
    "role": Role,
    "team": Team,
    "person": Person,
}


def _check_rule_id(rule: str) -> None:
    if rule not in RULE_IDS:
        raise ValueError(f"unknown rule ID {rule!r} (known: {', '.join(sorted(RULE_IDS))})")
