"""The rule catalogue: stable IDs, default severities and parameter defaults.

Kept apart from the rule implementations so the document model can check rule
IDs and parameter names without importing the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class RuleInfo:
    """What a rule is, in one place: the docs, the settings dialog and the CLI read it."""

    id: str
    severity: Severity
    group: str
    summary: str
    why: str
    params: tuple[str, ...] = ()


CATALOGUE: tuple[RuleInfo, ...] = (
    RuleInfo(
        "ORG-REF",
        "error",
        "Structure",
        "An ID refers to nothing (manager, team, owner, parent, role, function, leader...).",
        "A dangling reference means part of the design points at someone or something that "
        "is not in it; the file still opens so it can be fixed on the canvas.",
    ),
    RuleInfo(
        "ORG-CYCLE",
        "error",
        "Structure",
        "The line-manager chain or the team parent chain loops.",
        "Nobody can be their own boss, directly or through others; a loop has no top.",
    ),
    RuleInfo(
        "ORG-ROOT",
        "warning",
        "Structure",
        "More than one person has no line manager.",
        "An organisation normally has one top; several roots usually mean a missing link.",
    ),
    RuleInfo(
        "ORG-SPAN",
        "warning",
        "Structure",
        "A people manager has too few or too many direct reports.",
        "Very small spans add layers and cost; very large ones leave no time to coach.",
        ("span_min", "span_max"),
    ),
    RuleInfo(
        "ORG-LAYERS",
        "warning",
        "Structure",
        "A person sits more than max_layers levels below the top.",
        "Each layer slows decisions and distorts information on its way up and down.",
        ("max_layers",),
    ),
    RuleInfo(
        "ORG-GRADE-INVERSION",
        "info",
        "Structure",
        "A person's grade is above their line manager's.",
        "Grades compare levels across crafts; someone who outranks their own manager is "
        "usually a sign the line or one of the levels is wrong (sometimes a deliberate "
        "choice, then waive it).",
    ),
    RuleInfo(
        "STO-OWNER",
        "error",
        "Single-threaded ownership",
        "The team has no owner, or its owner is a vacancy.",
        "A single-threaded team is defined by the one leader who owns its outcome.",
    ),
    RuleInfo(
        "STO-REPORTS",
        "error",
        "Single-threaded ownership",
        "A member's line manager is not the team's owner.",
        "On an STO team everyone reports to the owner, so priorities have one source; "
        "members marked embedded are a documented exception (reported as info).",
    ),
    RuleInfo(
        "STO-SINGLE-THREAD",
        "warning",
        "Single-threaded ownership",
        "One person owns two or more unrelated teams.",
        "An owner split across unrelated areas is no longer single-threaded.",
    ),
    RuleInfo(
        "STO-MISSION",
        "warning",
        "Single-threaded ownership",
        "The team has no mission, or shares its mission with another team.",
        "Ownership needs a clear area; two teams owning the same area own neither.",
    ),
    RuleInfo(
        "STO-CROSS-FUNCTIONAL",
        "warning",
        "Single-threaded ownership",
        "The team, with its sub-teams, lacks a function it needs to deliver on its own, and "
        "no service team of that function serves it.",
        "A single-threaded team should have every craft it needs to ship without waiting.",
        ("required_functions",),
    ),
    RuleInfo(
        "STO-OPEN-LEG",
        "info",
        "Single-threaded ownership",
        "A function the team needs is there only as open positions.",
        "On paper the team has every craft, but until those positions are filled it "
        "still waits on others for that part of the work; the plan should say when.",
    ),
    RuleInfo(
        "STO-SERVICE",
        "info",
        "Single-threaded ownership",
        "The team relies on a service team for a function it has no person of.",
        "A craft kept as a service organisation lets a team send back a poor supplier, "
        "but the team owns that part of its outcome only through the arrangement: ending "
        "it means hiring onto the team, and the cost of that belongs in the plan.",
    ),
    RuleInfo(
        "SERVICE-SCOPE",
        "warning",
        "Single-threaded ownership",
        "A service team has no owner, an open owner or no team it serves; or another team "
        "lists teams it serves.",
        "A service arrangement works only when a named leader of the craft answers for the "
        "service and the teams it supplies are known.",
    ),
    RuleInfo(
        "STO-LEADER-ROLE",
        "info",
        "Single-threaded ownership",
        "The owner's role is not a people-manager role.",
        "An owner leads people and process as well as direction; the best owner is usually "
        "the stronger people leader.",
    ),
    RuleInfo(
        "STO-OWNER-GRADE",
        "warning",
        "Single-threaded ownership",
        "A single-threaded team's owner has a grade below owner_min_grade.",
        "Owning a team's whole outcome is a harder job than managing one craft, closer "
        "to a director's than a first-line manager's: it needs someone senior enough to "
        "set direction across engineering, product and design.",
        ("owner_min_grade",),
    ),
    RuleInfo(
        "TEAM-SIZE",
        "warning",
        "Team shape",
        "A team's own members are fewer than team_min or more than team_max.",
        "Teams of three or four proved too small to own an area; very large teams split attention.",
        ("team_min", "team_max"),
    ),
    RuleInfo(
        "TEAM-RATIO",
        "info",
        "Team shape",
        "A ratio between functions on a team is outside its bounds.",
        "Too few or too many engineers per product manager or designer is a sign the team "
        "is starved or idle in one craft.",
        ("ratios",),
    ),
    RuleInfo(
        "TEAM-UNASSIGNED",
        "warning",
        "Team shape",
        "An individual contributor belongs to no team.",
        "Everyone doing the work should belong to a team that owns an area.",
    ),
    RuleInfo(
        "TEAM-BUDGET",
        "warning",
        "Team shape",
        "A team with a budget costs more than it, with its sub-teams.",
        "A design that cannot be paid for is not a design; the budget check keeps the "
        "shape of each variant honest about what it costs.",
    ),
    RuleInfo(
        "STOOL-TRIAD",
        "warning",
        "Three-legged stool",
        "A functional team is not owned by a person of its first leg (engineering), or has "
        "no member of one of its other legs (product, design).",
        "The three-legged stool stands on its engineering, product and design leads, and "
        "in that model the engineering lead runs the team.",
        ("triad",),
    ),
    RuleInfo(
        "STOOL-LINES",
        "info",
        "Three-legged stool",
        "A functional team's owner is of its first leg and a member of another leg reports "
        "to them.",
        "Then the team works as a single-threaded team and should be modelled as one.",
    ),
    RuleInfo(
        "FUNC-LEADER",
        "error",
        "Functional excellence",
        "A function with people has no leader, or its leader is vacant or of another function.",
        "No single-threaded leader is expert in every craft; a senior leader of each craft "
        "must own its standards.",
    ),
    RuleInfo(
        "FUNC-STANDARDS",
        "warning",
        "Functional excellence",
        "A function does not name an owner for each standard it must keep.",
        "Leveling, career paths, promotion and hiring (and code review for engineering) "
        "each need one accountable owner inside the craft.",
        ("standards", "function_standards"),
    ),
    RuleInfo(
        "FUNC-STANDARDS-GRADE",
        "warning",
        "Functional excellence",
        "A standard's owner has a grade below standards_min_grade.",
        "Standards hold across every team only when a senior leader of the craft sets them; "
        "a junior owner cannot make them stick with team owners who outrank them.",
        ("standards_min_grade",),
    ),
    RuleInfo(
        "FUNC-COACH",
        "warning",
        "Functional excellence",
        "A person's line manager is of another function and they have no functional manager "
        "of their own function.",
        "Someone managed outside their craft still needs a coach from inside it.",
    ),
    RuleInfo(
        "FUNC-COACH-MISMATCH",
        "warning",
        "Functional excellence",
        "A person's functional manager belongs to another function.",
        "A functional manager is there to keep the person's own craft standards.",
    ),
    RuleInfo(
        "LEADER-LOAD",
        "warning",
        "Functional excellence",
        "A person's load (direct reports, others they coach, standards they own, teams "
        "they own beyond the first) is above leader_load_max.",
        "Keeping a craft's standards is a second job on top of leading a team; a leader "
        "who also coaches many people and owns many standards has no time left for either.",
        ("leader_load_max",),
    ),
    RuleInfo(
        "ROLE-MISSING",
        "warning",
        "Roles and career ladders",
        "A person or vacancy has no role.",
        "Without a role nobody can say what is expected of the position.",
    ),
    RuleInfo(
        "ROLE-DEFINITION",
        "warning",
        "Roles and career ladders",
        "A role in use has no purpose or no responsibilities.",
        "A role definition is what people are hired, judged and promoted against.",
    ),
    RuleInfo(
        "ROLE-LADDER",
        "warning",
        "Roles and career ladders",
        "A role in use has no career ladder, or a person's level is not on their role's ladder.",
        "A career path needs levels with expectations, and every person placed on one.",
    ),
    RuleInfo(
        "ROLE-EXPECTATIONS",
        "warning",
        "Roles and career ladders",
        "A role in use has ladder levels with no expectations.",
        "A level nobody has described cannot be hired, judged or promoted against; the "
        "ladder is only as useful as its least written rung.",
    ),
)

RULES: dict[str, RuleInfo] = {r.id: r for r in CATALOGUE}
RULE_IDS: frozenset[str] = frozenset(RULES)

DEFAULT_PARAMS: dict[str, object] = {
    "span_min": 3,
    "span_max": 10,
    "max_layers": 6,
    "team_min": 5,
    "team_max": 10,
    "required_functions": ["engineering", "product"],
    "triad": ["engineering", "product", "design"],
    "standards": ["leveling", "career_path", "promotion", "hiring"],
    "function_standards": {"engineering": ["code_review"]},
    "ratios": [
        {"numerator": "engineering", "denominator": "product", "min": 4, "max": 10},
        {"numerator": "engineering", "denominator": "design", "min": 4, "max": 12},
    ],
    "owner_min_grade": "",
    "standards_min_grade": "",
    "leader_load_max": 15,
}
PARAM_NAMES: frozenset[str] = frozenset(DEFAULT_PARAMS)
