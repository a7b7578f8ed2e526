"""Benchmark: the figures of the speed table in the design notes, on generated organisations.

Usage: ``python benchmarks/run.py [--sizes 1000,10000,50000] [--repeat 3]``

Each size runs in its own process so peak memory is that size's alone. The
table prints one row per step and one column per size, the best of
``--repeat`` runs for the quick steps. Steps whose module is not installed
print "n/a". Timings live here, never in the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGETS = {  # step -> (target at 10k, target at 50k), from the design notes
    "load + validate (CLI, whole process)": ("< 0.8 s", "< 2.5 s"),
    "revalidate after one edit": ("< 30 ms", "< 150 ms"),
    "tidy-tree layout": ("< 100 ms", "< 500 ms"),
    "open in the app, first paint": ("< 1 s", "< 2 s"),
    "view switch (teams / functions / people)": ("", "< 0.5 s"),
    "one drop: apply, revalidate, redraw": ("< 30 ms", "< 150 ms"),
    "PDF chart export": ("< 3 s", "< 15 s"),
    "diff of two variants": ("< 200 ms", "< 1 s"),
    "transition plan, variants 5% apart": ("< 1 s", "< 5 s"),
    "PowerPoint chart export (CLI, whole process)": ("< 3 s", "< 15 s"),
    "peak memory (app, its own process)": ("< 250 MB", "< 500 MB"),
}


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "n/a"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def functional_lines_timing(doc) -> tuple[int, float, int, float]:
    """For the benchmarks: on the people chart as the app opens it (folded to a first
    screen), route the lines of the leader with most lines in sight (what selecting them
    draws), then every line (mode ``all``). Returns (lines, seconds) for each."""
    import time
    from collections import Counter

    from orgdesigner.core.chart import build_chart, folded_at, opening_depth
    from orgdesigner.core.lines import functional_pairs, route_all, shown_pairs

    depth = opening_depth(doc, "people")
    folded = folded_at(doc, "people", depth) if depth is not None else []
    chart = build_chart(doc, "people", collapsed=folded, use_saved_positions=False)
    boxes = {k: c.box for k, c in chart.cards.items()}
    every = shown_pairs(doc, "people", chart.cards, functional_pairs(doc, "all"))
    busiest = Counter(b for _, b in every).most_common(1)
    leader = [p for p in every if busiest and p[1] == busiest[0][0]]
    t = time.perf_counter()
    one = len(route_all(boxes, leader))
    t_one = time.perf_counter() - t
    t = time.perf_counter()
    count = len(route_all(boxes, every))
    return one, t_one, count, time.perf_counter() - t


def measure(n: int, repeat: int, workdir: Path) -> dict[str, str]:
    """All steps for one size, in this process."""
    from orgdesigner.core import io, ops
    from orgdesigner.core.generate import generate
    from orgdesigner.core.rules import Validator

    rows: dict[str, str] = {}
    path = workdir / f"org-{n}.orgd"
    t = time.perf_counter()
    doc = generate(n, seed=7)
    rows["generate"] = fmt_s(time.perf_counter() - t)
    io.save(doc, path, backup=False)
    rows["save"] = fmt_s(best(lambda: io.save(doc, path, backup=False), repeat))
    rows["load"] = fmt_s(best(lambda: io.load(path), repeat))

    cli = [sys.executable, "-m", "orgdesigner.cli", "validate", str(path)]
    rows["load + validate (CLI, whole process)"] = fmt_s(
        best(lambda: subprocess.run(cli, stdout=subprocess.DEVNULL, check=False), repeat)
    )

    doc = io.load(path)
    validator: list[Validator] = []
    rows["full validation"] = fmt_s(best(lambda: validator.append(Validator(doc)), repeat))
    v = validator[-1]
    # One edit as a designer makes it: a person with reports moves to another manager.
    rng = random.Random(3)
    managers = [p.id for p in doc.people if any(True for _ in v.index.reports(p.id))]
    edits = []
    for _ in range(20):
        who = rng.choice(managers)
        target = rng.choice(managers)
        op = ops.set_manager(doc, who, target)
        if ops.preview(op, doc) is None:
            edits.append(op)
    times = []
    for op in edits:
        applied = op.apply(doc)
        t = time.perf_counter()
        v.update(applied.changes)
        times.append(time.perf_counter() - t)
        applied.inverse.apply(doc)
        v.update(applied.changes)
    times.sort()
    rows["revalidate after one edit"] = (
        (f"{fmt_s(times[len(times) // 2])} median, {fmt_s(times[-1])} max") if times else "n/a"
    )

    try:
        from orgdesigner.core.chart import build_chart
        from orgdesigner.core.layout import tidy_tree
    except ImportError:
        rows["tidy-tree layout"] = rows["chart (three views)"] = "n/a"
    else:
        people = doc.by_id("person")
        children: dict[str, list[str]] = {}
        roots = []
        for p in doc.people:
            if p.manager and p.manager in people:
                children.setdefault(p.manager, []).append(p.id)
            else:
                roots.append(p.id)
        size = (180.0, 64.0)
        rows["tidy-tree layout"] = fmt_s(
            best(lambda: tidy_tree(roots, children, lambda _id: size), repeat)
        )
        rows["chart (three views)"] = " / ".join(
            fmt_s(best(lambda view=view: build_chart(doc, view), repeat))
            for view in ("people", "teams", "functions")
        )

    try:
        one, t_one, every, t_all = functional_lines_timing(doc)
    except ImportError:
        rows["functional lines: busiest leader's / all (people view as opened)"] = "n/a"
    else:
        rows["functional lines: busiest leader's / all (people view as opened)"] = (
            f"{fmt_s(t_one)} ({one}) / {fmt_s(t_all)} ({every})"
        )

    try:
        from orgdesigner.export import export_chart
    except ImportError:
        rows["PDF chart export"] = "n/a"
    else:
        out = workdir / f"chart-{n}.pdf"
        rows["PDF chart export"] = fmt_s(
            best(lambda: export_chart(doc, out, view="people", page="a3"), 1)
        )
        deck = workdir / f"chart-{n}.pptx"
        rows["PowerPoint chart export (slides)"] = fmt_s(
            best(lambda: export_chart(doc, deck, view="people"), 1)
        )
        try:
            from pptx import Presentation

            rows["PowerPoint chart export (slides)"] += f" ({len(Presentation(str(deck)).slides)})"
        except ImportError:
            pass
        # As a user runs it: start-up, loading the file, cutting, drawing and zipping.
        cli = [sys.executable, "-m", "orgdesigner.cli", "export", str(path), "--to", str(deck)]
        rows["PowerPoint chart export (CLI, whole process)"] = fmt_s(
            best(lambda: subprocess.run(cli, stdout=subprocess.DEVNULL, check=False), 1)
        )

    try:
        from orgdesigner.core.cost import rollup
    except ImportError:
        rows["cost roll-ups (team, manager, function)"] = "n/a"
    else:
        rows["cost roll-ups (team, manager, function)"] = fmt_s(best(lambda: rollup(doc), repeat))

    try:
        from orgdesigner.core.diff import diff
        from orgdesigner.core.transform import transform
    except ImportError:
        rows["diff of two variants"] = "n/a"
    else:
        other = transform(doc, "sto")
        rows["diff of two variants"] = fmt_s(best(lambda: diff(doc, other, findings=False), repeat))
        rows["diff with figures and findings"] = fmt_s(best(lambda: diff(doc, other), 1))

    try:
        from orgdesigner.core.plan import plan
    except ImportError:
        rows["transition plan, variants 5% apart"] = "n/a"
    else:
        other = variant(doc, 0.05, seed=1)
        rows["transition plan, variants 5% apart"] = fmt_s(best(lambda: plan(doc, other), repeat))

    # The app runs in a process of its own, as a user starts it, so its peak memory
    # is the app's alone (not that of the exports and diffs measured above).
    script = (
        "import json, sys; from orgdesigner.qt.bench import measure_open; "
        "print(json.dumps(measure_open(int(sys.argv[1]))))"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    proc = subprocess.run(
        [sys.executable, "-c", script, str(n)], capture_output=True, text=True, env=env
    )
    if proc.returncode != 0:
        rows["open in the app, first paint"] = "n/a"
        rows["peak memory (app, its own process)"] = "n/a"
        return rows
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    rows["open in the app, first paint"] = fmt_s(got.get("first_paint"))
    rows["findings on the cards (checked after the first paint)"] = fmt_s(got.get("badges"))
    rows["view switch (teams / functions / people)"] = " / ".join(
        fmt_s(got.get(f"switch_{view}")) for view in ("teams", "functions", "people")
    )
    rows["scene build (people / teams / functions)"] = " / ".join(
        fmt_s(got.get(f"scene_{view}")) for view in ("people", "teams", "functions")
    )
    rows["one drop: apply, revalidate, redraw"] = fmt_s(got.get("edit"))
    rows["drag, longest frame"] = fmt_s(got.get("frame_max"))
    rows["expand all: chart shown / every card item made"] = (
        f"{fmt_s(got.get('expand_shown'))} / {fmt_s(got.get('expand_all_items'))}"
    )
    rows["peak memory (app, its own process)"] = f"{got['peak_mb']:.0f} MB"
    rows["peak memory (this benchmark process: exports, diff, plan)"] = f"{peak_mb():.0f} MB"
    return rows


def variant(doc, share: float, seed: int):
    """A copy of ``doc`` edited as a designer would, touching ``share`` of the people:
    new line managers (60%), team moves (20%), open positions (10%), leavers (10%)."""
    from orgdesigner.core import ops

    rng = random.Random(seed)
    b = doc.model_copy(deep=True)
    b.forget_index()
    people = [p.id for p in b.people]
    managers = sorted({p.manager for p in b.people if p.manager})
    teams = [t.id for t in b.teams]
    done, goal = 0, int(len(people) * share)
    while done < goal:
        pid = rng.choice(people)
        p = b.person(pid)
        if p is None:
            continue
        r = rng.random()
        if r < 0.6:
            op = ops.set_manager(b, pid, rng.choice(managers))
        elif r < 0.8:
            op = ops.move_to_team(b, pid, rng.choice(teams))
        elif r < 0.9:
            op = ops.add_vacancy(b, p.role, team=p.team)
        elif pid in managers:
            continue
        else:
            op = ops.delete_person(b, pid)
        try:
            op.apply(b)
        except ops.OpRefused:
            continue
        done += 1
    return b


def roles_document(workdir: Path) -> str:
    """Role document of 200 roles (PDF)."""
    try:
        from orgdesigner.export import export_roles
    except ImportError:
        return "n/a"
    from orgdesigner.core.generate import generate
    from orgdesigner.core.model import Level, Role

    doc = generate(2000, seed=11)
    while len(doc.roles) < 200:
        i = len(doc.roles)
        doc.roles.append(
            Role(
                id=f"extra-{i}",
                title=f"Specialist {i}",
                purpose="Keeps a craft standard.",
                responsibilities=["Sets the bar", "Coaches peers", "Reviews work"],
                levels=[
                    Level(code=f"L{k}", title=f"Level {k}", expectations="Delivers " * 12)
                    for k in range(1, 6)
                ],
            )
        )
    doc.forget_index()
    out = workdir / "roles.pdf"
    t = time.perf_counter()
    export_roles(doc, out)
    return fmt_s(time.perf_counter() - t)


def graphviz_ratio(n: int, workdir: Path) -> str:
    """Lay out the same line-manager tree with Graphviz dot, for comparison."""
    dot = shutil.which("dot")
    if not dot:
        return "dot not installed"
    from orgdesigner.core.generate import generate
    from orgdesigner.core.layout import tidy_tree

    doc = generate(n, seed=7)
    people = doc.by_id("person")
    src = ["digraph org {", "node [shape=box];"]
    children: dict[str, list[str]] = {}
    roots = []
    for p in doc.people:
        if p.manager and p.manager in people:
            src.append(f'"{p.manager}" -> "{p.id}";')
            children.setdefault(p.manager, []).append(p.id)
        else:
            roots.append(p.id)
    src.append("}")
    gv = workdir / "org.dot"
    gv.write_text("\n".join(src))
    t = time.perf_counter()
    subprocess.run([dot, "-Tplain", str(gv), "-o", str(workdir / "org.plain")], check=True)
    dot_time = time.perf_counter() - t
    ours = best(lambda: tidy_tree(roots, children, lambda _id: (180.0, 64.0)), 3)
    return f"dot {fmt_s(dot_time)} vs ours {fmt_s(ours)}: {dot_time / ours:.0f}x faster"


def nested_teams(n: int, workdir: Path) -> str:
    """Validate a hostile file: ``n`` teams each inside the one before, ``n`` people each
    reporting to the one before and owning their team, one person owning every third
    team besides. Whole process, as a user runs it."""
    teams = []
    people = []
    for i in range(n):
        team: dict[str, object] = {"id": f"t{i}", "name": f"Team {i}", "mission": f"M{i}"}
        person: dict[str, object] = {"id": f"p{i}", "name": f"Person {i}", "team": f"t{i}"}
        if i:
            team["parent"] = f"t{i - 1}"
            person["manager"] = f"p{i - 1}"
        team["owner"] = "boss" if i % 3 == 0 else f"p{i}"
        teams.append(team)
        people.append(person)
    people.append({"id": "boss", "name": "Boss"})
    path = workdir / f"nested-{n}.orgd"
    data = {"format": "orgdesigner", "version": 1, "teams": teams, "people": people}
    path.write_text(json.dumps(data), encoding="utf-8")
    cli = [sys.executable, "-m", "orgdesigner.cli", "validate", str(path)]
    return fmt_s(best(lambda: subprocess.run(cli, stdout=subprocess.DEVNULL, check=False), 1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: one size, JSON out
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    parser.add_argument(
        "--dot-size",
        type=int,
        default=1000,
        help="size of the tree laid out by Graphviz for comparison",
    )
    parser.add_argument(
        "--nested",
        default="10000,30000",
        help="numbers of nested teams in the hostile files validated (empty: none)",
    )
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.repeat, Path(args.workdir))))
        return 0

    sizes = [int(s) for s in args.sizes.split(",") if s]
    results: dict[int, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            print(f"measuring {n:,} people...", file=sys.stderr)
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--one",
                    str(n),
                    "--repeat",
                    str(args.repeat),
                    "--workdir",
                    tmp,
                ],
                capture_output=True,
                text=True,
                check=False,
                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            )
            if out.returncode != 0:
                print(out.stderr, file=sys.stderr)
                return 1
            results[n] = json.loads(out.stdout.strip().splitlines()[-1])
        extras = {
            "role document, 200 roles (PDF)": roles_document(Path(tmp)),
            f"Graphviz dot on {args.dot_size:,} people": graphviz_ratio(args.dot_size, Path(tmp)),
        }
        for n in (int(s) for s in args.nested.split(",") if s):
            key = f"validate {n:,} nested teams and managers (hostile file, CLI, whole process)"
            extras[key] = nested_teams(n, Path(tmp))
    steps: list[str] = []
    for r in results.values():
        steps.extend(s for s in r if s not in steps)
    header = "| step | " + " | ".join(f"{n:,} people" for n in sizes) + " | target 10k / 50k |"
    print(f"orgdesigner benchmark, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print()
    print(header)
    print("|" + "---|" * (len(sizes) + 2))
    for step in steps:
        target = " / ".join(TARGETS.get(step, ("", ""))).strip(" /")
        cells = " | ".join(results[n].get(step, "") for n in sizes)
        print(f"| {step} | {cells} | {target} |")
    print()
    for name, value in extras.items():
        print(f"- {name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
