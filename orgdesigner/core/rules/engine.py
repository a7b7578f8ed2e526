"""The validator: full validation, and revalidation of only what an edit can change.

Findings are kept per *anchor* (the entity whose check produced them). After
an edit, :meth:`Validator.update` reads the primitive changes, updates the
graph index, works out which anchors the change can affect (the person and
their old and new manager, the line below them, the teams up the parent
chain...), and reruns the checks of those anchors only. A handful of rare,
sweeping edits (rule settings, the default team model, adding or renaming a
function) simply revalidate everything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from ..catalogue import DEFAULT_PARAMS, RULES, SEVERITIES
from ..model import Document, RulesConfig
from ..ops import Change
from .checks import CHECKS, Check, Run
from .index import REFERENCES, Index, norm_mission, ref_values

ANCHOR_KINDS = ("person", "team", "role", "function")
_SEVERITY_ORDER: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}


@dataclass(frozen=True, order=True)
class Finding:
    """One departure from a rule, about one or more subjects (IDs)."""

    rule: str
    severity: str
    message: str
    subjects: tuple[str, ...]
    waived: bool = False
    fix: str = ""  # a suggested fix, where one is plain ("" if none)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "subjects": list(self.subjects),
            "waived": self.waived,
            "fix": self.fix,
        }


def sort_key(f: Finding) -> tuple[Any, ...]:
    return (f.waived, _SEVERITY_ORDER.get(f.severity, 9), f.rule, f.subjects, f.message)


@dataclass
class Report:
    """The findings of one validation, sorted: unwaived first, by severity, rule, subjects."""

    findings: list[Finding]

    def summary(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0, "waived": 0}
        for f in self.findings:
            out["waived" if f.waived else f.severity] += 1
        return out

    def by_rule(self, rule_id: str) -> list[Finding]:
        return [f for f in self.findings if f.rule == rule_id]

    def about(self, subject: str) -> list[Finding]:
        return [f for f in self.findings if subject in f.subjects]

    def exit_status(self, strict: bool = False) -> int:
        s = self.summary()
        return 1 if s["error"] or (strict and s["warning"]) else 0

    def to_json(self, file: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if file is not None:
            out["file"] = file
        out["summary"] = self.summary()
        out["findings"] = [f.to_json() for f in self.findings]
        return out


def effective_params(config: RulesConfig) -> dict[str, Any]:
    """The catalogue defaults overlaid with the parameters the config sets."""
    params = dict(DEFAULT_PARAMS)
    for name, value in config.params.model_dump(exclude_none=True).items():
        params[name] = value
    return params


def merge_rules(base: RulesConfig, override: RulesConfig) -> RulesConfig:
    """A rule file over a document's rules: params and severity key by key; the rest replaces."""
    params = base.params.model_dump(exclude_none=True)
    params.update(override.params.model_dump(exclude_none=True))
    severity = dict(base.severity)
    severity.update(override.severity)
    given = override.model_fields_set
    return RulesConfig.model_validate(
        {
            "params": params,
            "severity": severity,
            "disabled": override.disabled if "disabled" in given else base.disabled,
            "waivers": [
                w.model_dump() for w in (override.waivers if "waivers" in given else base.waivers)
            ],
        }
    )


class Validator:
    """Validates one document and keeps its findings current as it is edited.

    ``config`` replaces the document's own rule settings (the CLI's ``--rules``);
    by default the document's ``rules`` section is read, live.
    """

    def __init__(
        self, doc: Document, config: RulesConfig | None = None, *, lazy: bool = False
    ) -> None:
        """``lazy``: check nothing yet; :meth:`update` then keeps the findings of the
        anchors it rechecks (the transition plan looks only at what its steps touch)."""
        self.doc = doc
        self._config_override = config
        self._found: dict[tuple[str, str], list[Finding]] = {}
        # Per anchor with findings: the people and teams its messages name.
        self._named: dict[tuple[str, str], frozenset[str]] = {}
        self.checks_run = 0  # anchors checked by the last full() or update(): for tests
        self.index = Index(doc)
        self._configure()
        if not lazy:
            self._recheck_all()

    # -- configuration --------------------------------------------------------------
    @property
    def config(self) -> RulesConfig:
        return self._config_override or self.doc.rules

    def _configure(self) -> None:
        config = self.config
        disabled = set(config.disabled)
        self.params = effective_params(config)
        self.severity = {
            rid: config.severity.get(rid, info.severity) for rid, info in RULES.items()
        }
        self.waivers = {(w.rule, w.subject) for w in config.waivers}
        self._checks: dict[str, list[Check]] = {k: [] for k in (*ANCHOR_KINDS, "global")}
        for check in CHECKS.values():
            if check.rule not in disabled:
                self._checks[check.anchor].append(check)

    # -- results ---------------------------------------------------------------------
    def report(self) -> Report:
        findings = [f for group in self._found.values() for f in group]
        findings.sort(key=sort_key)
        return Report(findings)

    def anchored(self) -> dict[tuple[str, str], list[Finding]]:
        """The findings by anchor (``(kind, id)``; ``("global", "")`` for the organisation)."""
        return self._found

    def findings_of(self, kind: str, id_: str) -> list[Finding]:
        """Check one anchor now and return its findings (none for an entity not there)."""
        if kind != "global" and self.doc.get(kind, id_) is None:
            self._found.pop((kind, id_), None)
            return []
        self._check(self._run(), kind, id_, self._checks[kind])
        return list(self._found.get((kind, id_), ()))

    # -- full validation -----------------------------------------------------------
    def full(self) -> Report:
        """Rebuild the index and check every anchor."""
        self.index.rebuild()
        self._configure()
        self._recheck_all()
        return self.report()

    def _recheck_all(self) -> None:
        self._found.clear()
        self._named.clear()
        run = self._run()
        self.checks_run = 0
        for kind in ANCHOR_KINDS:
            checks = self._checks[kind]
            for entity in self.doc.entities(kind):
                self._check(run, kind, entity.id, checks)
        self._check(run, "global", "", self._checks["global"])

    def _run(self) -> Run:
        return Run(self.doc, self.index, self.params)

    def _check(self, run: Run, kind: str, id_: str, checks: list[Check]) -> None:
        self.checks_run += 1
        out: list[Finding] = []
        run.named.clear()
        for check in checks:
            for item in check.run(run, id_):
                message, subjects = item[0], item[1]
                severity = (item[2] if len(item) > 2 else None) or self.severity[check.rule]
                fix = item[3] if len(item) > 3 else ""
                waived = any((check.rule, s) in self.waivers for s in subjects)
                out.append(Finding(check.rule, severity, message, subjects, waived, fix))
        key = (kind, id_)
        if out:
            self._found[key] = out
            self._named[key] = frozenset(run.named)
        else:
            self._found.pop(key, None)
            self._named.pop(key, None)

    # -- incremental ------------------------------------------------------------------
    def update(self, changes: Iterable[Change]) -> Report:
        """Take in an edit's changes and recheck only the anchors they can affect."""
        dirty = _Dirty()
        for change in as_they_were(list(changes)):
            if self._sweeping(change):
                return self.full()
            self._take(change, dirty)
        self._dirty_named(dirty)
        run = self._run()
        self.checks_run = 0
        for kind in ANCHOR_KINDS:
            known = self.doc.by_id(kind)
            checks = self._checks[kind]
            for id_ in getattr(dirty, kind):
                if id_ in known:
                    self._check(run, kind, id_, checks)
                else:
                    self._found.pop((kind, id_), None)
                    self._named.pop((kind, id_), None)
        if dirty.whole:
            self._check(run, "global", "", self._checks["global"])
        return self.report()

    def _sweeping(self, c: Change) -> bool:
        if c.kind == "rules":
            return True
        if c.kind == "document":
            # The grade scale ranks everyone; the currency is in every cost message.
            return c.field in ("default_team_model", "grades", "currency")
        if c.kind == "function":
            return c.action != "set" or c.field == "name"
        if c.kind == "role":
            return c.action == "set" and c.field == "title"
        return False

    def _take(self, c: Change, d: _Dirty) -> None:
        ix = self.index
        if c.kind == "view" or c.kind == "document":
            return
        if c.action == "set":
            assert c.id is not None and c.field is not None
            ix.set_ref(c.kind, c.id, c.field, c.old, c.new)
            if c.kind == "person":
                self._person_field(c.id, c.field, c.old, c.new, d)
            elif c.kind == "team":
                self._team_field(c.id, c.field, c.old, c.new, d)
            elif c.kind == "role":
                self._role_field(c.id, c.field, d)
            elif c.kind == "function":
                d.function.add(c.id)
                if c.field == "leader":
                    d.person.update(v for v in (c.old, c.new) if v)
                elif c.field == "standards":  # the owners' load
                    for value in (c.old, c.new):
                        d.person.update(ref_values(value))
            return
        entity = c.new if c.action == "add" else c.old
        assert c.id is not None
        if c.action == "add":
            ix.link(c.kind, entity)
        else:
            ix.unlink(c.kind, entity)
        fields = REFERENCES[c.kind].keys() | set(type(entity).model_fields) - {"id"}
        if c.kind == "person":
            # Everything that pointed at this person now resolves, or dangles.
            for holder_kind, holder in ix.referrers("person", c.id):
                getattr(d, holder_kind).add(holder)
            d.person.update(ix.line_subtree(c.id))
            for tid in ix.owned(c.id):
                d.team.update(ix.team_ancestors(tid))
                ix.invalidate_teams([tid])
            self._served_by_owner(c.id, d)
            d.whole = True
            for name in fields:
                value = getattr(entity, name)
                old, new = (None, value) if c.action == "add" else (value, None)
                self._person_field(c.id, name, old, new, d)
        elif c.kind == "team":
            for holder_kind, holder in ix.referrers("team", c.id):
                getattr(d, holder_kind).add(holder)
            for tid in ix.team_subtree(c.id):
                d.team.add(tid)
                self._add_owner(tid, d)
            ix.invalidate_teams([c.id])
            for name in fields:
                value = getattr(entity, name)
                old, new = (None, value) if c.action == "add" else (value, None)
                self._team_field(c.id, name, old, new, d)
        elif c.kind == "role":
            d.role.add(c.id)
            for holder in list(ix.role_holders(c.id)):
                d.person.add(holder)
                self._refresh_fn(holder, d)
                # The owner's role decides STO-LEADER-ROLE, and a vacancy is shown
                # by its role's title in other anchors' messages.
                d.team.update(ix.owned(holder))
                self._renamed_person(holder, d)
                self._grade_or_cost(holder, d)

    def _add_owner(self, tid: str, d: _Dirty) -> None:
        t = self.doc.team(tid)
        if t is not None and t.owner:
            d.person.add(t.owner)

    def _served_by_owner(self, pid: str, d: _Dirty) -> None:
        """The teams served by service teams ``pid`` owns: who owns a service team, of
        which function, and whether they are an open position decide their findings."""
        teams = self.doc.by_id("team")
        for tid in self.index.owned(pid):
            t = teams.get(tid)
            if t is not None:
                d.team.update(t.serves)

    def _grade_or_cost(self, pid: str, d: _Dirty) -> None:
        """A person's grade or cost may have changed (their role, level, or ladder)."""
        ix = self.index
        d.person.add(pid)
        d.person.update(ix.reports(pid))  # ORG-GRADE-INVERSION
        d.team.update(ix.owned(pid))  # STO-OWNER-GRADE
        d.function.update(ix.standards_owned(pid))  # FUNC-STANDARDS-GRADE
        self._cost_changed(pid, d)

    def _cost_changed(self, pid: str, d: _Dirty) -> None:
        """TEAM-BUDGET of every team counting ``pid``, with their parent teams."""
        ix = self.index
        p = self.doc.person(pid)
        teams = list(ix.owned(pid))
        if p is not None and p.team:
            teams.append(p.team)
        for tid in teams:
            d.team.update(ix.team_ancestors(tid))
        ix.invalidate_teams(teams)

    def _refresh_fn(self, pid: str, d: _Dirty) -> None:
        """Recompute a person's function; if it changed, dirty what depends on it."""
        ix = self.index
        old, new = ix.refresh_person(pid)
        if old == new:
            return
        d.person.add(pid)  # their own FUNC-COACH checks (a role's function changed)
        d.person.update(ix.reports(pid))
        d.person.update(ix.coached(pid))
        d.function.update(f for f in (old, new) if f)
        d.function.update(ix.led(pid))
        d.function.update(ix.standards_owned(pid))
        p = self.doc.person(pid)
        teams = list(ix.owned(pid))
        if p is not None and p.team:
            teams.append(p.team)
        for tid in teams:
            d.team.update(ix.team_ancestors(tid))
        ix.invalidate_teams(teams)
        self._served_by_owner(pid, d)

    def _renamed_person(self, pid: str, d: _Dirty) -> None:
        self._subjects(pid, d)
        p = self.doc.person(pid)
        if p is not None and p.team:
            d.team.add(p.team)  # STOOL-LINES names the people who report to the owner

    def _subjects(self, id_: str, d: _Dirty) -> None:
        """Mark ``id_`` as renamed: every finding about it is rechecked (its message may name it)."""
        d.named.add(id_)

    def _dirty_named(self, d: _Dirty) -> None:
        """One pass over the findings for all renamed subjects of an edit, however many."""
        if not d.named:
            return
        named = d.named
        for (kind, anchor), group in self._found.items():
            said = self._named.get((kind, anchor), frozenset())
            if not named.isdisjoint(said) or any(s in named for f in group for s in f.subjects):
                if kind == "global":
                    d.whole = True
                else:
                    getattr(d, kind).add(anchor)

    def _person_field(self, pid: str, name: str, old: Any, new: Any, d: _Dirty) -> None:
        ix = self.index
        d.person.add(pid)
        p = self.doc.person(pid)
        if name == "manager":
            # Only the root status: refresh_person would also record a new function
            # before the role/function step of the same add sees the change.
            ix.roots.discard(pid)
            if p is not None and not p.manager:
                ix.roots.add(pid)
            d.whole = True
            for m in (old, new):
                if m:
                    d.person.add(m)
                    d.person.update(ix.line_chain(m))
            d.person.update(ix.line_subtree(pid))
            if p is not None and p.team:
                d.team.add(p.team)
            if p is not None and p.functional_manager:
                d.person.add(p.functional_manager)  # coached, or now a report: their load
        elif name == "functional_manager":
            d.person.update(v for v in (old, new) if v)
        elif name == "cost":
            self._cost_changed(pid, d)
        elif name == "level":
            self._grade_or_cost(pid, d)
        elif name == "team":
            for t in (old, new):
                if t:
                    d.team.update(ix.team_ancestors(t))
                    d.team.add(t)
            ix.invalidate_teams([t for t in (old, new) if t])
        elif name in ("role", "function"):
            self._refresh_fn(pid, d)
            if name == "role":
                d.role.update(r for r in (old, new) if r)
                d.team.update(ix.owned(pid))
                self._renamed_person(pid, d)  # a vacancy is shown by its role's title
                self._grade_or_cost(pid, d)
        elif name in ("vacant", "name"):
            d.team.update(ix.owned(pid))
            d.function.update(ix.led(pid))
            d.function.update(ix.standards_owned(pid))
            self._renamed_person(pid, d)
            if name == "vacant":  # filled positions (STO-OPEN-LEG) and who serves
                self._cost_changed(pid, d)
                self._served_by_owner(pid, d)

    def _team_field(self, tid: str, name: str, old: Any, new: Any, d: _Dirty) -> None:
        ix = self.index
        d.team.add(tid)
        t = self.doc.team(tid)
        if name == "owner":
            d.person.update(v for v in (old, new) if v)
            d.person.update(ix.members(tid))
            for sub in ix.subteams(tid):
                self._add_owner(sub, d)
            d.team.update(ix.team_ancestors(tid))
            ix.invalidate_teams([tid])
            if t is not None:
                d.team.update(t.serves)
        elif name == "serves":
            for value in (old, new):
                d.team.update(ref_values(value))
        elif name == "parent":
            for parent in (old, new):
                if parent:
                    d.team.update(ix.team_ancestors(parent))
                    d.team.add(parent)
            ix.invalidate_teams([x for x in (old, new, tid) if x])
            self._add_owner(tid, d)
            for sub in ix.team_subtree(tid):
                d.team.add(sub)
                self._add_owner(sub, d)
        elif name == "model":
            d.person.update(ix.members(tid))
            self._add_owner(tid, d)  # STO-SINGLE-THREAD leaves service teams out
            for sub in ix.subteams(tid):
                self._add_owner(sub, d)
            if t is not None:
                d.team.update(t.serves)
            if t is not None:
                d.team.update(ix.missions.get(norm_mission(t.mission), ()))
        elif name == "mission":
            ix.set_mission(tid, old, new)
            for text in (old, new):
                if text is not None:
                    d.team.update(ix.missions.get(norm_mission(text), ()))
        elif name == "name":
            self._subjects(tid, d)
            for sub in ix.subteams(tid):
                self._add_owner(sub, d)

    def _role_field(self, rid: str, name: str, d: _Dirty) -> None:
        ix = self.index
        d.role.add(rid)
        holders = list(ix.role_holders(rid))
        if name == "function":
            for h in holders:
                self._refresh_fn(h, d)
        elif name == "people_manager":
            for h in holders:
                d.team.update(ix.owned(h))
        elif name == "levels":
            for h in holders:
                self._grade_or_cost(h, d)


def as_they_were(changes: list[Change]) -> list[Change]:
    """``changes`` with each added or removed entity as it was at that moment.

    An add or remove records the entity object itself, and a later change of
    the same step can edit that very object: undoing the delete of a team and
    one of its members puts the person back, then back on the team. Read
    afterwards, the add would already show the team, and the index would count
    the membership twice. Walking the step backwards from the document as it
    is now, each field set later is taken back to its value before, and the
    entity is read as a copy with those values. Entities no later change
    touches are passed on as they are (no copy).
    """
    out = list(changes)
    # (kind, id) -> field -> its value before the later changes walked so far
    later: dict[tuple[str, str], dict[str, Any]] = {}
    # an object put back later in the step -> its fields' values then (unchanged while out)
    when_added: dict[int, dict[str, Any]] = {}
    for i in range(len(out) - 1, -1, -1):
        c = out[i]
        if c.kind not in ANCHOR_KINDS or c.id is None:
            continue
        key = (c.kind, c.id)
        if c.action == "set":
            assert c.field is not None
            later.setdefault(key, {})[c.field] = c.old
        elif c.action == "add":
            values = later.pop(key, {})
            when_added[id(c.new)] = values
            if values:
                out[i] = replace(c, new=c.new.model_copy(update=values))
        elif c.action == "remove":
            values = dict(when_added.get(id(c.old), {}))
            later[key] = dict(values)  # before the removal, the same object was there
            if values:
                out[i] = replace(c, old=c.old.model_copy(update=values))
    return out


@dataclass
class _Dirty:
    person: set[str] = field(default_factory=set)
    team: set[str] = field(default_factory=set)
    role: set[str] = field(default_factory=set)
    function: set[str] = field(default_factory=set)
    whole: bool = False  # the organisation-wide check (ORG-ROOT)
    named: set[str] = field(default_factory=set)  # renamed: findings naming them go stale


def validate(doc: Document, config: RulesConfig | None = None) -> Report:
    """Check ``doc`` against every enabled rule; ``config`` replaces its rule settings."""
    return Validator(doc, config).report()
