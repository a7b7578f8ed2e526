"""The rule reference (docs/rules.md), written from the catalogue so it never drifts."""

from __future__ import annotations

import json

from .catalogue import CATALOGUE, DEFAULT_PARAMS

INTRO = """\
# Rules

orgdesigner checks every variant against two sets of principles. Single-threaded
ownership: each team has one leader who owns its outcome, and everyone on an STO
team reports to that leader. Functional excellence: no team leader is expert in
every craft, so each function keeps a senior leader who owns its standards
(leveling, career paths, promotion, hiring, and for engineering code review), and
people managed outside their craft keep a coach inside it.

Format version 2 adds what the two principles need to be checked in earnest: a
grade scale shared by every craft (so an owner's or a standard owner's seniority
can be compared whatever their ladder), the load of a leader who keeps a craft's
standards as a second job beside running a team, the hybrid in which a craft
stays a service organisation for the teams, and the cost of positions against a
team's budget.

Each rule has a stable ID used by `orgdesigner validate`, the findings panel and
waivers. Every finding names the people and teams concerned and, where the fix
is plain, suggests it (the `fix` key of `validate --format json`, and the
findings panel). Severities: **error** (the design is broken or contradicts its own
model), **warning** (it departs from a principle), **info** (worth a look, or a
documented exception).

## Configuring the rules

Rule settings live in the document's `rules` section, so a variant carries the
standards it was judged by. The app edits the same section (Tools > Rule
settings); `orgdesigner validate FILE --rules RULEFILE` reads a JSON object of the
same shape whose `params` and `severity` are merged key by key over the
document's, while `disabled` and `waivers`, when given, replace the document's.

```json
"rules": {
  "params": {"team_min": 4, "span_max": 12},
  "severity": {"TEAM-RATIO": "warning"},
  "disabled": ["STO-LEADER-ROLE"],
  "waivers": [{"rule": "STO-REPORTS", "subject": "p-pe1", "reason": "architecture group"}]
}
```

- **Parameters** left out take the defaults below. Unknown parameter names and
  unknown rule IDs are load errors, so a typo never silently does nothing.
- **Severity** replaces a rule's default severity. An embedded member's
  STO-REPORTS finding stays `info` whatever the override.
- **Disabled** rules are not checked at all.
- **Grade parameters** (`owner_min_grade`, `standards_min_grade`) name a grade
  of the document's `grades`; `""` switches the check off. A grade that does not
  exist is a load error.
- **Waivers** accept one finding: a finding of that rule whose subjects include
  the waiver's subject is still listed, marked waived, counted under `waived`,
  and never changes the exit status. A waiver needs a reason.

Default parameters:

"""

DETAILS = {
    "ORG-REF": "Covers manager, functional_manager, team, role and function of a person; owner, "
    "parent, required_functions and serves of a team; a role's function and its levels' "
    'grades; a function\'s leader and standard owners. `""` means none. The finding names '
    "the entity holding the bad reference and the field.",
    "ORG-GRADE-INVERSION": "Grades compare by their position in `grades`. Skips a person or "
    "manager with no grade. Subjects: the person and their manager.",
    "ORG-CYCLE": "Subjects: everyone (or every team) on the loop. A loop is reported once.",
    "ORG-ROOT": "One finding naming all roots. A person whose manager ID is missing is not a "
    "root (ORG-REF reports them).",
    "ORG-SPAN": "A people manager is anyone with at least one direct report.",
    "ORG-LAYERS": "The top is layer 0; fires when a person's layer is greater than `max_layers`.",
    "STO-OWNER": "Only for `sto` teams. An owner ID that does not exist is reported by ORG-REF. "
    "Service teams are exempt from every STO-* and STOOL-* rule (SERVICE-SCOPE checks "
    "their owner).",
    "STO-REPORTS": "Members of an `sto` team report to its owner; the owner of a team whose "
    "parent is an `sto` team reports to the parent's owner (top-level teams are "
    "exempt). A member marked `embedded: true` is reported as `info`.",
    "STO-SINGLE-THREAD": "Compares all teams a person owns, whatever their model, except "
    "service teams. Owning a team and its own sub-team is fine; owning two unrelated "
    "teams is not.",
    "STO-MISSION": "Missions are compared trimmed and case-insensitively across all teams.",
    "STO-CROSS-FUNCTIONAL": "A function is present when any of the team's people, with its "
    "sub-teams, belongs to it (vacancies included), or when a `service` team that serves "
    "the team is owned by a person of it. A team's `required_functions` replaces the "
    "default list.",
    "STO-OPEN-LEG": "Only for `sto` teams, with their sub-teams. A serving team whose owner "
    "is of the function and not an open position counts as filled. Subject: the team.",
    "STO-SERVICE": "Only for `sto` teams: one finding per serving team, naming the functions "
    "the team has no position of and gets from it. Subjects: both teams.",
    "SERVICE-SCOPE": "A `service` team needs an owner who is not an open position and at "
    "least one team in `serves`; a team of another model must not list `serves`.",
    "STO-OWNER-GRADE": "Only for `sto` teams, and only while `owner_min_grade` names a grade; "
    "an owner with no grade is skipped. Subjects: the team and its owner.",
    "STO-LEADER-ROLE": "Also fires for an owner without a role.",
    "TEAM-SIZE": "Counts the team's own members plus its owner; sub-teams are excluded. "
    "Vacancies count: they are positions.",
    "TEAM-RATIO": "Counts the team with its sub-teams; bounds are inclusive; a zero "
    "denominator skips the ratio. Service teams are exempt. The message reads as crafts "
    '("12 engineers per product manager") and gives the counts.',
    "TEAM-BUDGET": "Only teams with a `budget`. A position's cost is its own `cost`, else its "
    "ladder level's, else none: counted as 0 and reported as without a cost.",
    "TEAM-UNASSIGNED": "Owning a team counts as belonging to one.",
    "STOOL-TRIAD": "Only for `functional` teams. The first leg of `triad` (engineering by "
    "default; a team's `required_functions` replaces the list) is the owner: the rule "
    "fires on no owner, an open position as owner, or an owner of another function. "
    "Every other leg needs a member of the team (vacancies count). The message names "
    "every missing leg.",
    "STOOL-LINES": "Only for `functional` teams whose owner belongs to the first leg, when a "
    "member of another leg reports to the owner: such a team works as an STO team.",
    "FUNC-LEADER": "Applies to a function with at least one position. A leader with no "
    "function belongs to another function.",
    "FUNC-STANDARDS": "Each required standard needs an owner who exists, is not a vacancy and "
    "belongs to the function.",
    "FUNC-COACH": "A function's own leader is exempt: they are the top of their craft. A "
    "manager with no function counts as another function.",
    "FUNC-COACH-MISMATCH": "May fire together with FUNC-COACH for one person.",
    "FUNC-STANDARDS-GRADE": "Only while `standards_min_grade` names a grade. One finding per "
    "function and owner, naming the standards; an owner with no grade is skipped.",
    "LEADER-LOAD": "Load = direct reports + people they are functional manager of who do not "
    "also report to them + standards they own (each function and standard once) + teams "
    "they own beyond the first. The message gives the four parts.",
    "ROLE-MISSING": "Vacancies included: every position needs a role.",
    "ROLE-DEFINITION": "Only roles that someone holds.",
    "ROLE-EXPECTATIONS": "Only roles that someone holds; expectations that are empty or only "
    "spaces count as none. One finding per role, naming the level codes.",
    "ROLE-LADDER": "A person without a level is not flagged; levels match by `code`. The person "
    "finding fires only when the role has a ladder (otherwise the role finding "
    "says so).",
}


def rules_markdown() -> str:
    """The text of docs/rules.md."""
    out = [INTRO]
    for name, value in DEFAULT_PARAMS.items():
        out.append(f"- `{name}`: `{json.dumps(value)}`\n")
    group = None
    for info in CATALOGUE:
        if info.group != group:
            group = info.group
            out.append(f"\n## {group}\n")
        out.append(f"\n### {info.id} ({info.severity})\n\n")
        out.append(f"**Fires when:** {info.summary}\n\n")
        out.append(f"**Why:** {info.why}\n\n")
        if info.id in DETAILS:
            out.append(f"**Precisely:** {DETAILS[info.id]}\n\n")
        if info.params:
            out.append(
                "**Parameters:** "
                + ", ".join(
                    f"`{p}` (default `{json.dumps(DEFAULT_PARAMS[p])}`)" for p in info.params
                )
                + "\n"
            )
    return "".join(out).rstrip() + "\n"
