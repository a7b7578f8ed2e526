"""The transition plan as PDF, Markdown and CSV, and the ``plan`` command."""

from __future__ import annotations

import csv
import io as _io
import json
from pathlib import Path

import pytest
from export_helpers import variant_a, variant_b
from pypdf import PdfReader

from orgdesigner.cli import main
from orgdesigner.core import io
from orgdesigner.core.plan import plan
from orgdesigner.export.common import ExportError
from orgdesigner.export.plan_report import (
    CSV_HEADER,
    csv_text,
    markdown,
    pdf_bytes,
    write_plan,
)

# A name a spreadsheet would read as a formula.
PLAN_ANN = "=Ann*"


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, str]:
    a, b = tmp_path / "a.orgd", tmp_path / "b.orgd"
    io.save(variant_a(PLAN_ANN), a)
    io.save(variant_b(PLAN_ANN, zed_open=True), b)
    return str(a), str(b)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_pdf_has_summary_waves_and_a_section_per_manager():
    p = plan(variant_a(PLAN_ANN), variant_b(PLAN_ANN, zed_open=True))
    reader = PdfReader(_io.BytesIO(pdf_bytes(p)))
    text = flat("\n".join(page.extract_text() for page in reader.pages))
    assert "Transition plan" in text and "Summary" in text and "Who is affected" in text
    for i, w in enumerate(p.waves, start=1):
        assert f"Wave {i}: {w.name}" in text
    assert "Ed leaves (from Payments)" in text
    # Ann moves: under Bo, her new line manager, in the managers' part
    managers = text.split("What changes for each manager's people", 1)[1]
    assert "Bo (" in managers and "=Ann*: Payments → Checkout" in managers
    # users' text prints literally, never as markup
    assert "Payments <b>& friends</b>" in text and "Zed <i>Ng</i>" in text
    outline = [o.title for o in reader.outline if not isinstance(o, list)]
    assert outline[0].startswith("Wave 1")


def test_markdown_escapes_users_text_and_numbers_the_steps():
    p = plan(variant_a(PLAN_ANN), variant_b(PLAN_ANN, zed_open=True))
    text = markdown(p)
    assert text.startswith("# Transition plan: Payments \\<b\\>\\&")
    assert "## Wave 1: " in text and "\n1. " in text
    assert "=Ann\\*: Payments" in text
    assert "## What changes for each manager's people" in text and "### Bo" in text


def test_csv_is_one_spreadsheet_safe_row_per_step():
    p = plan(variant_a(PLAN_ANN), variant_b(PLAN_ANN, zed_open=True))
    rows = list(csv.reader(_io.StringIO(csv_text(p))))
    assert rows[0] == CSV_HEADER
    assert len(rows) - 1 == len(p.steps)
    assert [r[2] for r in rows[1:]] == [str(i) for i in range(1, len(p.steps) + 1)]
    ann = next(r for r in rows if r[4] == "ann")
    assert ann[5] == "'=Ann*"  # a formula-looking cell is neutralised
    assert all(not c.startswith(("=", "+", "-", "@")) for r in rows for c in r)


def test_write_plan_picks_the_format_by_suffix_and_says_why_it_cannot(tmp_path: Path):
    p = plan(variant_a(PLAN_ANN), variant_b(PLAN_ANN, zed_open=True))
    for suffix, head in (
        (".pdf", b"%PDF"),
        (".md", b"# Transition"),
        (".csv", b"\xef\xbb\xbfwave"),
    ):
        out = tmp_path / f"plan{suffix}"
        write_plan(p, out)
        assert out.read_bytes().startswith(head)
    with pytest.raises(ExportError, match="unsupported output type"):
        write_plan(p, tmp_path / "plan.txt")
    with pytest.raises(ExportError, match="does not exist"):
        write_plan(p, tmp_path / "nope" / "plan.pdf")


# -- the command line ----------------------------------------------------------------------------


def test_cli_text(files: tuple[str, str], capsys: pytest.CaptureFixture[str]):
    assert main(["plan", *files]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Transition plan: Payments <b>& friends</b> → Checkout-first")
    assert "Wave 1: " in out and "Ed leaves (from Payments)" in out
    assert "Leave (in A, not in B): 1: Ed" in out


def test_cli_json(files: tuple[str, str], capsys: pytest.CaptureFixture[str]):
    assert main(["plan", *files, "--format", "json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["from"] == files[0] and got["to"] == files[1]
    assert got["impact"]["leaving"] == ["ed"] and got["impact"]["hires"] == ["zed"]
    assert got["impact"]["team"] == ["ann"]
    kinds = {(s["kind"], s["id"], s["action"]) for w in got["waves"] for s in w["steps"]}
    assert ("person", "ed", "remove") in kinds and ("person", "zed", "add") in kinds
    assert all(w["new_errors"] == [] for w in got["waves"])


@pytest.mark.parametrize("suffix", [".pdf", ".md", ".csv"])
def test_cli_writes_each_format(
    files: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
):
    out = tmp_path / f"plan{suffix}"
    assert main(["plan", *files, "--to", str(out)]) == 0
    assert out.stat().st_size > 0
    assert f"wrote {out}" in capsys.readouterr().out


@pytest.mark.parametrize("case", ["missing", "broken", "bad-suffix", "no-folder"])
def test_cli_fails_with_status_2_and_one_line(
    files: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
):
    a, b = files
    args = ["plan", a, b]
    if case == "missing":
        args = ["plan", str(tmp_path / "nope.orgd"), b]
    elif case == "broken":
        Path(b).write_text('{"format": "orgdesigner", "version": 1, "teams": [{"id": 3}]}')
    elif case == "bad-suffix":
        args += ["--to", str(tmp_path / "plan.txt")]
    else:
        args += ["--to", str(tmp_path / "nope" / "plan.pdf")]
    assert main(args) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert err.startswith("orgdesigner: ") and "\n" not in err
    assert captured.out == ""
    if case == "broken":
        assert "teams[0].id" in err
