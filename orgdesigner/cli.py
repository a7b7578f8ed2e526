"""The ``orgdesigner`` command line: headless on the core, except ``open``.

Exit statuses follow the published contract: 0 success (for ``validate``: no
finding at error severity), 1 findings at error severity (or warnings with
``--strict``), 2 unreadable input or unwritable output, with one line on
stderr saying why. Heavy modules (Qt, reportlab) are imported only by the
commands that need them, so ``validate`` starts fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .core.text import for_terminal

EXIT_OK, EXIT_UNREADABLE = 0, 2


class CliError(Exception):
    """A problem the user can fix; printed as one line, exit status 2."""


def _fail(message: str) -> int:
    print(for_terminal(f"orgdesigner: {message}"), file=sys.stderr)
    return EXIT_UNREADABLE


def _load(path: str):
    from .core import io

    try:
        return io.load(path)
    except io.LoadError as exc:
        raise CliError(str(exc)) from None


def _writable(out: str, suffixes: tuple[str, ...]) -> Path:
    p = Path(out)
    if p.suffix.lower() not in suffixes:
        raise CliError(
            f"{out}: unsupported output type {p.suffix or '(none)'!r}; use {', '.join(suffixes)}"
        )
    if p.parent and not p.parent.exists():
        raise CliError(f"{out}: folder {p.parent} does not exist")
    return p


# -- commands ---------------------------------------------------------------------------


def cmd_open(args: argparse.Namespace) -> int:
    from .qt.app import run

    return run(list(args.files))


def _validated(doc, rules: str | None):
    """The validator's report on ``doc``, with the rule settings of RULEFILE over the file's."""
    from .core.rules import validate

    return validate(doc, _rules_config(doc, rules))


def _rules_config(doc, rules: str | None):
    """The rule settings of RULEFILE over the file's (None: the file's own)."""
    from pydantic import ValidationError

    from .core import io
    from .core.model import RulesConfig, grade_param_problem
    from .core.rules import merge_rules

    config = None
    if rules:
        try:
            raw = io.read_json(io.read_file(rules)[0], source=rules)
            override = RulesConfig.model_validate(raw)
            config = merge_rules(doc.rules, override)
        except io.LoadError as exc:
            raise CliError(str(exc)) from None
        except ValidationError as exc:
            raise CliError(f"{rules}: {io.describe_error(exc)}") from None
        problem = grade_param_problem(doc.grades, config)
        if problem is not None:
            raise CliError(f"{rules}: {problem[0]}: {problem[1]}")
    return config


def cmd_validate(args: argparse.Namespace) -> int:
    doc = _load(args.file)
    report = _validated(doc, args.rules)
    if args.format == "json":
        print(
            for_terminal(json.dumps(report.to_json(file=args.file), ensure_ascii=False, indent=2))
        )
    else:
        print(for_terminal(format_report_text(args.file, report)))
    return report.exit_status(strict=args.strict)


def format_report_text(file: str, report) -> str:
    """Findings for a terminal: one line each, grouped by severity, then a summary line.

    A finding with a suggested fix has it on the next line, indented to the message."""
    lines = []
    for f in report.findings:
        tag = "waived" if f.waived else f.severity
        head = f"{tag:7}  {f.rule:20}  "
        lines.append(f"{head}{f.message}  [{', '.join(f.subjects)}]")
        if f.fix:
            lines.append(f"{'':{len(head)}}fix: {f.fix}")
    s = report.summary()
    summary = (
        f"{file}: {s['error']} error(s), {s['warning']} warning(s), {s['info']} info, "
        f"{s['waived']} waived"
    )
    return "\n".join([*lines, summary]) if lines else f"{file}: no findings"


def cmd_export(args: argparse.Namespace) -> int:
    doc = _load(args.file)
    from .export import CLI_VIEWS, FORMATS, ExportError, export_chart

    out = _writable(args.to, tuple(FORMATS["chart"]))

    views = list(CLI_VIEWS[args.view])
    opts = {
        "page": args.page,
        "landscape": args.landscape,
        "with_cost": args.with_cost,
        "with_findings": args.with_findings,
    }
    try:
        if len(views) == 1:
            export_chart(doc, out, view=views[0], **opts)
        elif out.suffix.lower() in (".pdf", ".pptx"):
            export_chart(doc, out, view=views, **opts)
        else:
            for view in views:
                target = out.with_name(f"{out.stem}-{view}{out.suffix}")
                export_chart(doc, target, view=view, **opts)
                print(f"wrote {target}")
            return EXIT_OK
    except ExportError as exc:
        raise CliError(str(exc)) from None
    print(f"wrote {out}")
    return EXIT_OK


def _write_export(to: str, kind: str, write: Callable[[Path], object]) -> int:
    """Write one export of ``kind`` (a key of ``export.FORMATS``) to ``to`` with ``write``;
    an export that fails is a one-line error, not a traceback."""
    from .export import FORMATS, ExportError

    out = _writable(to, tuple(FORMATS[kind]))
    try:
        write(out)
    except ExportError as exc:
        raise CliError(str(exc)) from None
    print(f"wrote {out}")
    return EXIT_OK


def cmd_roles(args: argparse.Namespace) -> int:
    doc = _load(args.file)
    from .export import export_roles

    return _write_export(
        args.to, "roles", lambda out: export_roles(doc, out, with_cost=args.with_cost)
    )


def cmd_report(args: argparse.Namespace) -> int:
    doc = _load(args.file)
    config = _rules_config(doc, args.rules)
    from .core.rules import validate
    from .export import export_findings

    return _write_export(
        args.to,
        "findings",
        lambda out: export_findings(
            doc, validate(doc, config), out, with_cost=args.with_cost, rules=config
        ),
    )


def cli_diff(
    a_path: str, b_path: str, fmt: str = "text", to: str | None = None, with_cost: bool = False
) -> int:
    """``orgdesigner diff A B [--format text|json] [--to REPORT.pdf] [--with-cost]``.

    0, or 2 with one line on stderr.
    """
    from .core import io
    from .core.diff import diff

    if fmt not in ("text", "json"):
        return _fail(f"--format must be text or json, not {fmt!r}")
    try:
        a, b = io.load(a_path), io.load(b_path)
    except io.LoadError as exc:
        return _fail(str(exc))
    d = diff(a, b)
    if to is not None:
        # The comparison report is a PDF: only this command loads the exporters.
        from .export.common import ExportError
        from .export.compare_report import write_report

        try:
            write_report(d, to, files=(a_path, b_path), with_cost=with_cost)
        except ExportError as exc:
            return _fail(str(exc))
    # Names go to a terminal shown, never obeyed (as ``validate`` prints them).
    if fmt == "json":
        data = {"files": {"a": a_path, "b": b_path}, **d.to_json()}
        print(for_terminal(json.dumps(data, ensure_ascii=False, indent=2)))
    else:
        sys.stdout.write(for_terminal(d.to_text()))
        if to is not None:
            print(for_terminal(f"wrote {to}"))
    return EXIT_OK


def cli_import(src: str, out: str, maps: list[str]) -> int:
    """``orgdesigner import SRC --to OUT --map COLUMN=FIELD``: 0 written, 2 refused or unreadable.

    The summary goes to stdout, warnings and errors to stderr.
    """
    from .core.importer import ImportFailed, import_file, parse_map_args
    from .core.io import SaveError, save

    try:
        overrides = parse_map_args(maps or [])
        if Path(out).exists() and Path(src).exists() and Path(out).samefile(src):
            raise ImportFailed("--to names the file being imported; choose another file")
        result = import_file(src, overrides)
    except ImportFailed as exc:
        where = f"{src}: " if exc.line else ""
        print(for_terminal(f"orgdesigner import: {where}{exc}"), file=sys.stderr)
        return EXIT_UNREADABLE
    for w in result.warnings:
        print(for_terminal(f"warning: {w}"), file=sys.stderr)
    try:
        save(result.document, out, backup=True)
    except SaveError as exc:
        print(for_terminal(f"orgdesigner import: cannot write: {exc}"), file=sys.stderr)
        return EXIT_UNREADABLE
    print(result.summary_text())
    print(for_terminal(f"Written to {out}"))
    return EXIT_OK


def cli_transform(a_path: str, to: str, out: str, explain: bool = False) -> int:
    """``orgdesigner transform A --to sto|functional --out B [--explain]``: 0 written, 2 otherwise.

    With ``explain``, every decision is printed with its reason; without, only
    what was left undone (``note:`` lines).
    """
    from .core import io
    from .core.diff import diff
    from .core.transform import SUFFIXES, transform_with_notes

    if to not in SUFFIXES:
        return _fail(f"--to must be sto or functional, not {to!r}")
    try:
        same = Path(a_path).resolve() == Path(out).resolve()
    except OSError:
        same = False
    if same:
        return _fail(f"{out}: --out is the input file; write the variant to a new file")
    try:
        doc = io.load(a_path)
    except io.LoadError as exc:
        return _fail(str(exc))
    result = transform_with_notes(doc, to)  # type: ignore[arg-type]
    try:
        io.save(result.doc, out)
    except io.SaveError as exc:
        return _fail(str(exc))
    churn = diff(doc, result.doc, findings=False).churn
    print(
        f"Wrote {out}: {result.doc.name}; {churn['line_manager']} "
        f"{'person changes' if churn['line_manager'] == 1 else 'people change'} line manager, "
        f"{churn['functional_manager']} functional manager."
    )
    if explain:
        print(f"Decisions ({len(result.decisions)}):")
        for d in result.decisions:
            print(f"- {'[left] ' if d.left else ''}{d.text}")
            if d.reason:
                print(f"    because {d.reason}")
    else:
        for note in result.notes:
            print(f"note: {note}")
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    return cli_diff(args.a, args.b, fmt=args.format, to=args.to, with_cost=args.with_cost)


def cli_plan(a_path: str, b_path: str, fmt: str = "text", to: str | None = None) -> int:
    """``orgdesigner plan A B [--format text|json] [--to OUT]``: 0, or 2 with one line."""
    from .core import io
    from .core.plan import plan

    if fmt not in ("text", "json"):
        return _fail(f"--format must be text or json, not {fmt!r}")
    try:
        a, b = io.load(a_path), io.load(b_path)
    except io.LoadError as exc:
        return _fail(str(exc))
    p = plan(a, b, files=(a_path, b_path))
    if to is not None:
        # PDF, Markdown and CSV are written by the exporters, loaded only then.
        from .export import ExportError
        from .export.plan_report import write_plan

        try:
            write_plan(p, to)
        except (ExportError, OSError, ValueError) as exc:
            return _fail(str(exc))
    if fmt == "json":
        print(json.dumps(p.to_json(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(p.to_text())
        if to is not None:
            print(f"wrote {to}")
    return EXIT_OK


def cmd_plan(args: argparse.Namespace) -> int:
    from .export import FORMATS

    if args.to is not None:
        _writable(args.to, tuple(FORMATS["plan"]))
    return cli_plan(args.a, args.b, fmt=args.format, to=args.to)


def cmd_import(args: argparse.Namespace) -> int:
    return cli_import(args.src, args.to, list(args.map or []))


def cmd_transform(args: argparse.Namespace) -> int:
    return cli_transform(args.a, args.to, args.out, explain=args.explain)


def cmd_generate(args: argparse.Namespace) -> int:
    from .core import io
    from .core.generate import generate

    if args.people < 1:
        raise CliError("--people must be at least 1")
    doc = generate(args.people, seed=args.seed)
    try:
        io.save(doc, args.to, backup=False)
    except io.SaveError as exc:
        raise CliError(str(exc)) from None
    print(f"wrote {args.to} ({args.people} people, seed {args.seed})")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from .core.io import schema

    print(json.dumps(schema(), indent=2))
    return EXIT_OK


# -- parser -----------------------------------------------------------------------------


def _with_cost(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument(
        "--with-cost",
        action="store_true",
        help=f"{what} (left out unless asked: salaries are private)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="orgdesigner",
        description="Design organisations: single-threaded owners and functional excellence.",
        epilog="With no command, opens the desktop app on a bundled example organisation.",
    )
    parser.add_argument("--version", action="version", version=f"orgdesigner {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("open", help="open FILE in the app; with FILE2, compare the two")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_open)

    p = sub.add_parser("validate", help="print the findings of FILE")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--rules", metavar="RULEFILE", help="JSON rule settings over the file's own")
    p.add_argument("--strict", action="store_true", help="warnings also make the exit status 1")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("export", help="write the org chart as PDF, SVG, PNG or PowerPoint")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--to", required=True, metavar="OUT")
    # The export package's names; importing it loads neither reportlab nor the model.
    from .export import CLI_VIEWS, PAGE_CHOICES

    p.add_argument(
        "--view",
        choices=list(CLI_VIEWS),
        default="line",
        help="line: people by line manager; functional: by function; both; "
        "or a view of the app (people, teams, functions)",
    )
    p.add_argument("--page", choices=list(PAGE_CHOICES), default="a4")
    turn = p.add_mutually_exclusive_group()
    turn.add_argument(
        "--landscape",
        action="store_const",
        const=True,
        dest="landscape",
        help="wide paper (by default each view's paper is turned the way that takes fewer pages)",
    )
    turn.add_argument("--portrait", action="store_const", const=False, dest="landscape")
    _with_cost(p, "show each position's cost, each manager's line and each team's on the cards")
    p.add_argument(
        "--with-findings",
        action="store_true",
        help="print a badge on each card with findings: the worst severity's colour and how many",
    )
    p.set_defaults(func=cmd_export, landscape=None)

    p = sub.add_parser("roles", help="write the role-definition document, PDF, Word or Markdown")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--to", required=True, metavar="OUT")
    _with_cost(p, "show each ladder level's budgeted cost")
    p.set_defaults(func=cmd_roles)

    p = sub.add_parser("report", help="write the validation report of FILE as PDF")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--to", required=True, metavar="OUT.pdf")
    p.add_argument("--rules", metavar="RULEFILE", help="JSON rule settings over the file's own")
    _with_cost(p, "add what the variant costs, in total and by function")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("diff", help="the changes from A to B, with the figures side by side")
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--to", metavar="REPORT.pdf", help="also write a comparison report")
    _with_cost(p, "the comparison report shows the cost of A and B by team and by function")
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser(
        "plan", help="the transition from A to B: who is affected, and the moves in waves"
    )
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--to", metavar="OUT", help="also write the plan as .pdf, .md or .csv")
    p.set_defaults(func=cmd_plan)

    p = sub.add_parser("import", help="build a document from a CSV or XLSX HR export")
    p.add_argument("src", metavar="SRC")
    p.add_argument("--to", required=True, metavar="OUT.orgd")
    p.add_argument(
        "--map",
        action="append",
        metavar="COLUMN=FIELD",
        help="map a column to a field (id, name, first_name, last_name, title, "
        "manager, functional_manager, team, function, level, vacant, cost) or "
        "to ignore; a column may give several fields: Dept=team,function",
    )
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("transform", help="write the variant of A with every team on one model")
    p.add_argument("a", metavar="A")
    p.add_argument("--to", required=True, choices=["sto", "functional"])
    p.add_argument("--out", required=True, metavar="B")
    p.add_argument("--explain", action="store_true", help="print each decision and its reason")
    p.set_defaults(func=cmd_transform)

    p = sub.add_parser("generate", help="write a synthetic organisation of N people")
    p.add_argument("--people", type=int, required=True, metavar="N")
    p.add_argument("--seed", type=int, default=0, metavar="S")
    p.add_argument("--to", required=True, metavar="OUT.orgd")
    p.set_defaults(func=cmd_generate)

    p = sub.add_parser("schema", help="print the JSON Schema of the .orgd format")
    p.set_defaults(func=cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from .qt.app import run

        return run([])
    try:
        return int(args.func(args))
    except CliError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
