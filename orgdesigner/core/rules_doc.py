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

Each rule has a stable ID used by `orgdesigner validate`, the findings panel and
waivers. Severities: **error** (the design is broken or contradicts its own
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
- **Waivers** accept one finding: a finding of that rule whose subjects include
  the waiver's subject is still listed, marked waived, counted under `waived`,
  and never changes the exit status. A waiver needs a reason.

Default parameters:

"""

DETAILS = {
    "ORG-REF": "Covers manager, functional_manager, team, role and function of a person; owner, "
    "parent and required_functions of a team; a role's function; a function's leader "
    'and standard owners. `""` means none. The finding names the entity holding the '
    "bad reference and the field.",
    "ORG-CYCLE": "Subjects: everyone (or every team) on the loop. A loop is reported once.",
    "ORG-ROOT": "One finding naming all roots. A person whose manager ID is missing is not a "
    "root (ORG-REF reports them).",
    "ORG-SPAN": "A people manager is anyone with at least one direct report.",
    "ORG-LAYERS": "The top is layer 0; fires when a person's layer is greater than `max_layers`.",
    "STO-OWNER": "Only for `sto` teams. An owner ID that does not exist is reported by ORG-REF.",
    "STO-REPORTS": "Members of an `sto` team report to its owner; the owner of a team whose "
    "parent is an `sto` team reports to the parent's owner (top-level teams are "
    "exempt). A member marked `embedded: true` is reported as `info`.",
    "STO-SINGLE-THREAD": "Compares all teams a person owns, whatever their model. Owning a team "
    "and its own sub-team is fine; owning two unrelated teams is not.",
    "STO-MISSION": "Missions are compared trimmed and case-insensitively across all teams.",
    "STO-CROSS-FUNCTIONAL": "A function is present when any of the team's people, with its "
    "sub-teams, belongs to it (vacancies included). A team's "
    "`required_functions` replaces the default list.",
    "STO-LEADER-ROLE": "Also fires for an owner without a role.",
    "TEAM-SIZE": "Counts the team's own members plus its owner; sub-teams are excluded. "
    "Vacancies count: they are positions.",
    "TEAM-RATIO": "Counts the team with its sub-teams; bounds are inclusive; a zero "
    "denominator skips the ratio.",
    "TEAM-UNASSIGNED": "Owning a team counts as belonging to one.",
    "STOOL-TRIAD": "Only for `functional` teams. Embedded means a member of the team.",
    "STOOL-LINES": "Only for `functional` teams: such a team works as an STO team.",
    "FUNC-LEADER": "Applies to a function with at least one position. A leader with no "
    "function belongs to another function.",
    "FUNC-STANDARDS": "Each required standard needs an owner who exists, is not a vacancy and "
    "belongs to the function.",
    "FUNC-COACH": "A function's own leader is exempt: they are the top of their craft. A "
    "manager with no function counts as another function.",
    "FUNC-COACH-MISMATCH": "May fire together with FUNC-COACH for one person.",
    "ROLE-MISSING": "Vacancies included: every position needs a role.",
    "ROLE-DEFINITION": "Only roles that someone holds.",
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
