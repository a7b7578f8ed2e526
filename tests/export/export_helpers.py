"""Small documents and PDF helpers for the export tests (imported by name: pytest puts
this folder on the path)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from orgdesigner.core.model import Document, Function, Level, Person, Role, Team

TRICKY = 'Zoë <b>& "Łukasz" O\'Brien'  # markup, quotes and non-Latin letters
CJK_NAME = "王小明"


def small_org(name: str = "Acme <Org> & Co") -> Document:
    """Twelve people on two teams, three functions, a vacancy and some awkward text."""
    doc = Document.new(name)
    doc.description = "Variant B: platform split out & product teams <merged>"
    doc.functions = [
        Function(
            id="engineering",
            name="Engineering",
            leader="p-cto",
            standards={
                "leveling": "p-cto",
                "career_path": "p-cto",
                "promotion": "p-cto",
                "hiring": "p-em",
                "code_review": None,
            },
        ),
        Function(id="product", name="Product", leader="p-cpo", standards={"leveling": "p-cpo"}),
        Function(id="design", name="Design & Research", leader=None),
    ]
    doc.roles = [
        Role(
            id="cto",
            title="Chief Technology Officer",
            function="engineering",
            people_manager=True,
            purpose="Leads engineering.",
            responsibilities=["Owns the engineering ladder"],
            levels=[Level(code="X1", title="CTO", expectations="Runs the craft")],
        ),
        Role(
            id="em",
            title="Engineering Manager",
            function="engineering",
            people_manager=True,
            purpose="Leads one team.",
            responsibilities=["Hires", "Coaches"],
            levels=[
                Level(code="M1", title="Manager", expectations="Leads a team of 5-8"),
                Level(code="M2", title="Senior Manager", expectations=""),
            ],
        ),
        Role(
            id="swe",
            title="Software Engineer",
            function="engineering",
            purpose="Builds and runs the product.",
            responsibilities=["Writes code", "Reviews code <carefully> & kindly"],
            levels=[
                Level(code="E1", title="Engineer", expectations="Ships small changes"),
                Level(code="E2", title="Senior Engineer", expectations="Leads projects"),
            ],
        ),
        Role(
            id="cpo",
            title="Chief Product Officer",
            function="product",
            people_manager=True,
            purpose="Owns product.",
            responsibilities=["Sets strategy"],
            levels=[Level(code="P9", title="CPO", expectations="Leads product")],
        ),
        Role(id="pm", title="Product Manager", function="product"),  # nothing filled in
        Role(
            id="designer",
            title="Product Designer <UX>",
            function="design",
            purpose="Designs.",
            responsibilities=["Draws"],
            levels=[Level(code="D1", title="Designer", expectations="Designs flows")],
        ),
        Role(
            id="cjk",
            title="工程师",
            function="ghost-function",
            purpose="写代码",
            responsibilities=["测试"],
            levels=[Level(code="C1", title="初级", expectations="学习")],
        ),
    ]
    doc.teams = [
        Team(id="t-top", name="Leadership", mission="Run the company", owner="p-ceo"),
        Team(
            id="t-pay",
            name="Payments",
            mission="Customers pay in one step",
            owner="p-em",
            parent="t-top",
            model="sto",
        ),
        Team(
            id="t-plat",
            name="Platform & Tools",
            mission="Fast, safe deploys",
            owner="p-em2",
            parent="t-top",
            model="functional",
        ),
    ]
    doc.people = [
        Person(id="p-ceo", name="Ada Chief", team="t-top"),
        Person(id="p-cto", name="Ben Tech", role="cto", level="X1", manager="p-ceo", team="t-top"),
        Person(
            id="p-cpo", name="Cleo Product", role="cpo", level="P9", manager="p-ceo", team="t-top"
        ),
        Person(id="p-em", name="Dan Manager", role="em", level="M1", manager="p-cto", team="t-pay"),
        Person(
            id="p-em2", name="Eve Platform", role="em", level="M2", manager="p-cto", team="t-plat"
        ),
        Person(id="p-1", name=TRICKY, role="swe", level="E1", manager="p-em", team="t-pay"),
        Person(id="p-2", name="Fay Engineer", role="swe", level="E2", manager="p-em", team="t-pay"),
        Person(id="p-3", name=CJK_NAME, role="swe", level="E1", manager="p-em", team="t-pay"),
        Person(
            id="p-4",
            name="Gus Product",
            role="pm",
            level="PM1",
            manager="p-em",
            functional_manager="p-cpo",
            team="t-pay",
        ),
        Person(
            id="p-5",
            name="Hana Designer with a rather long name that has to wrap",
            role="designer",
            level="D1",
            manager="p-em",
            team="t-pay",
        ),
        Person(
            id="p-6", name="Ivo Platform", role="swe", level="E2", manager="p-em2", team="t-plat"
        ),
        Person(
            id="p-7", name="", role="swe", level="E1", manager="p-em2", team="t-plat", vacant=True
        ),
    ]
    doc.forget_index()
    return doc


def pdf_text_pages(path: Path) -> list[str]:
    """The text of each page, as a PDF reader extracts it."""
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def flat(text: str) -> str:
    """Text with line breaks and runs of spaces made single spaces (extraction splits lines)."""
    return " ".join(text.split())


needs_pdftoppm = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed"
)


def render_page(pdf: Path, page: int, out_dir: Path, dpi: int = 40) -> Path:
    """Page ``page`` (1-based) of ``pdf`` as a PNG made by poppler."""
    prefix = out_dir / f"{pdf.stem}-{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(prefix),
        ],
        check=True,
        capture_output=True,
    )
    return prefix.with_suffix(".png")


def ink_fraction(png: Path) -> float:
    """Share of pixels that are clearly not white: 0 for a blank page."""
    from PIL import Image

    with Image.open(png) as im:
        grey = im.convert("L")
        hist = grey.histogram()
    total = sum(hist)
    return sum(hist[:200]) / total if total else 0.0


def variant_a(ann: str = "Ann") -> Document:
    """Two STO teams under Cy, for the comparison and plan reports; names carry markup."""
    return Document.model_validate(
        {
            "format": "orgdesigner",
            "version": 1,
            "name": "Payments <b>& friends</b>",
            "functions": [{"id": "engineering", "name": "Engineering", "leader": "cy"}],
            "roles": [{"id": "eng", "title": "Engineer", "function": "engineering"}],
            "teams": [
                {"id": "t-pay", "name": "Payments", "owner": "al", "mission": "Pay"},
                {"id": "t-chk", "name": "Checkout", "owner": "bo", "mission": "Buy"},
            ],
            "people": [
                {"id": "cy", "name": "Cy", "role": "eng"},
                {"id": "al", "name": "Al", "role": "eng", "manager": "cy", "team": "t-pay"},
                {"id": "bo", "name": "Bo", "role": "eng", "manager": "cy", "team": "t-chk"},
                {"id": "ann", "name": ann, "role": "eng", "manager": "al", "team": "t-pay"},
                {"id": "ed", "name": "Ed", "role": "eng", "manager": "al", "team": "t-pay"},
            ],
        }
    )


def variant_b(ann: str = "Ann", *, zed_open: bool = False) -> Document:
    """``variant_a`` with Ann moved to Checkout, Ed gone and Zed added under Bo (open if asked)."""
    b = variant_a(ann)
    b.name = "Checkout-first"
    moved = b.person("ann")
    assert moved is not None
    moved.team, moved.manager = "t-chk", "bo"
    b.people = [p for p in b.people if p.id != "ed"]
    b.people.append(
        moved.model_copy(update={"id": "zed", "name": "Zed <i>Ng</i>", "vacant": zed_open})
    )
    b.forget_index()
    return b
