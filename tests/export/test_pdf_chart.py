"""The org chart as PDF: pages, names as real text, furniture, splitting by branch."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from export_helpers import (
    CJK_NAME,
    TRICKY,
    flat,
    ink_fraction,
    needs_pdftoppm,
    pdf_text_pages,
    render_page,
    small_org,
)
from pypdf import PdfReader

from orgdesigner.core.generate import generate
from orgdesigner.core.io import dumps, load
from orgdesigner.export import ExportError, export_chart
from orgdesigner.resources_path import examples

A4 = (595, 842)
A3 = (842, 1191)
LETTER = (612, 792)


def page_sizes(path) -> list[tuple[int, int]]:
    reader = PdfReader(str(path))
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]


def names_of(doc) -> list[str]:
    return [doc.display_name(p) for p in doc.people]


@pytest.mark.parametrize("view", ["people", "teams", "functions"])
def test_each_view_on_one_page_has_header_legend_and_real_text(org, tmp_path, view):
    out = tmp_path / f"{view}.pdf"
    export_chart(
        org, out, view=view, page="a3", landscape=True, split=False, when=dt.date(2025, 1, 31)
    )
    pages = pdf_text_pages(out)
    assert len(pages) == 1 and page_sizes(out) == [(A3[1], A3[0])]
    text = flat(pages[0])
    assert "Acme <Org> & Co" in text  # the organisation, printed literally
    assert "Variant B: platform split out & product teams <merged>" in text
    assert "2025-01-31" in text and f"{view.capitalize()} view" in text
    assert "Legend" in text
    for function in ("Engineering", "Product"):
        assert function in text
    assert "Page 1 of 1" in text
    if view == "teams":
        for team in ("Leadership", "Payments", "Platform & Tools"):
            assert team in text
        assert "single-threaded owner" in text  # the team-model badges are explained
    else:
        for name in names_of(org):
            assert flat(name) in text, name


def test_names_with_markup_and_other_scripts_print_literally(org, tmp_path):
    out = tmp_path / "chart.pdf"
    export_chart(org, out, split=False)
    text = flat(pdf_text_pages(out)[0])
    assert TRICKY in text  # Zoë <b>& "Łukasz" O'Brien
    assert CJK_NAME in text
    assert "Product Designer <UX>" in text


@pytest.mark.parametrize(
    ("page", "landscape", "size"),
    [
        ("a4", False, A4),
        ("a4", True, (A4[1], A4[0])),
        ("a3", False, A3),
        ("letter", False, LETTER),
        ("letter", True, (LETTER[1], LETTER[0])),
    ],
)
def test_page_size_and_orientation_as_asked(org, tmp_path, page, landscape, size):
    out = tmp_path / "chart.pdf"
    export_chart(org, out, page=page, landscape=landscape, split=False)
    assert page_sizes(out) == [size]


def test_fit_is_one_page_the_size_of_the_chart(tmp_path):
    from orgdesigner.core.chart import build_chart

    doc = generate(60, seed=2)
    out = tmp_path / "fit.pdf"
    export_chart(doc, out, page="fit")
    chart = build_chart(doc, "people")
    [(w, h)] = page_sizes(out)
    assert chart.width <= w <= chart.width + 100  # the chart at 1:1 plus margins
    assert chart.height < h < chart.height + 200
    text = flat(pdf_text_pages(out)[0])
    assert all(flat(n) in text for n in names_of(doc))


def test_fit_stays_within_what_pdf_readers_open(tmp_path):
    doc = generate(600, seed=2)  # some 30,000 points wide at 1:1
    out = tmp_path / "fit.pdf"
    export_chart(doc, out, page="fit")
    [(w, h)] = page_sizes(out)
    assert max(w, h) <= 14400  # 200 inches
    text = flat(pdf_text_pages(out)[0])
    assert all(flat(n) in text for n in names_of(doc))


def test_unknown_page_or_view_or_suffix_is_refused_before_writing(org, tmp_path):
    with pytest.raises(ExportError, match="page size"):
        export_chart(org, tmp_path / "a.pdf", page="a5")
    with pytest.raises(ExportError, match="view"):
        export_chart(org, tmp_path / "a.pdf", view="matrix")
    with pytest.raises(ExportError, match=r"\.pdf, \.svg, \.png or \.pptx"):
        export_chart(org, tmp_path / "a.jpg")
    assert list(tmp_path.iterdir()) == []


def test_large_chart_splits_by_branch_with_overview_and_continuations(tmp_path):
    doc = generate(400, seed=5)
    out = tmp_path / "big.pdf"
    export_chart(doc, out, page="a4", landscape=True)
    pages = [flat(t) for t in pdf_text_pages(out)]
    n = len(pages)
    assert n > 3
    assert all(size == (A4[1], A4[0]) for size in page_sizes(out))
    assert pages[0].startswith(doc.name) and "Overview: the pages of this chart" in pages[0]
    for i, text in enumerate(pages, start=1):
        assert f"Page {i} of {n}" in text
        assert "Legend" in text and doc.name in text
    # Every person is on some page, as text.
    everything = " ".join(pages)
    missing = [name for name in names_of(doc) if flat(name) not in everything]
    assert not missing
    # Each "continued on page N" leads to a page that says where it came from.
    targets = {int(m) for text in pages for m in re.findall(r"continued on pages? (\d+)", text)}
    assert targets
    for target in targets:
        assert 1 < target <= n
        assert re.search(r"reports to .+, page \d+", pages[target - 1])


def test_split_pages_link_and_bookmark(tmp_path):
    doc = generate(300, seed=4)
    out = tmp_path / "big.pdf"
    export_chart(doc, out, page="a4", split=True, author="Org design")
    reader = PdfReader(str(out))
    assert reader.metadata.author == "Org design"
    assert reader.metadata.title == f"{doc.name}: org chart (people view)"
    outline = reader.outline
    assert outline[0].title == "Overview"

    def entries(items):
        for item in items:
            yield from entries(item) if isinstance(item, list) else [item]

    # Each bookmark opens the page that names it (in its footer, or the overview's title).
    for entry in entries(outline):
        page = reader.pages[reader.get_destination_page_number(entry)]
        assert entry.title.split(" (")[0].split(",")[0] in flat(page.extract_text()), entry.title
    links = [
        a
        for page in reader.pages
        for a in (page.get("/Annots") or [])
        if a.get_object().get("/Subtype") == "/Link"
    ]
    assert len(links) >= len(reader.pages) - 1  # at least the overview's line per page


def test_split_false_scales_everything_onto_one_page(tmp_path):
    doc = generate(400, seed=5)
    out = tmp_path / "one.pdf"
    calls: list[tuple[int, int]] = []
    export_chart(doc, out, page="a4", split=False, progress=lambda d, t: calls.append((d, t)))
    pages = pdf_text_pages(out)
    assert len(pages) == 1 and calls == [(1, 1)]
    text = flat(pages[0])
    assert all(flat(n) in text for n in names_of(doc))


def test_progress_counts_every_page(tmp_path):
    doc = generate(400, seed=5)
    calls: list[tuple[int, int]] = []
    out = tmp_path / "big.pdf"
    export_chart(doc, out, page="a4", split=True, progress=lambda d, t: calls.append((d, t)))
    n = len(PdfReader(str(out)).pages)
    assert calls == [(i, n) for i in range(1, n + 1)]


def test_functions_view_split_keeps_every_person(tmp_path):
    doc = generate(250, seed=6)
    out = tmp_path / "functions.pdf"
    export_chart(doc, out, view="functions", page="a4", split=True)
    pages = [flat(t) for t in pdf_text_pages(out)]
    assert len(pages) > 2
    everything = " ".join(pages)
    assert not [n for n in names_of(doc) if flat(n) not in everything]
    assert "continued" in everything


def test_teams_view_split_keeps_every_team(tmp_path):
    doc = generate(1500, seed=6)
    out = tmp_path / "teams.pdf"
    export_chart(doc, out, view="teams", page="a4", split=True)
    everything = " ".join(flat(t) for t in pdf_text_pages(out))
    assert not [t.name for t in doc.teams if flat(t.name) not in everything]


def test_several_views_in_one_document(org, tmp_path):
    out = tmp_path / "both.pdf"
    export_chart(org, out, view=["people", "functions"], split=False)
    pages = [flat(t) for t in pdf_text_pages(out)]
    assert len(pages) == 2
    assert "People view" in pages[0] and "Functions view" in pages[1]
    assert [o.title for o in PdfReader(str(out)).outline if not isinstance(o, list)] == [
        "People view",
        "Functions view",
    ]


def test_functional_lines_are_drawn_and_explained(org, tmp_path):
    plain, lined = tmp_path / "plain.pdf", tmp_path / "lined.pdf"
    export_chart(org, plain, split=False)
    export_chart(org, lined, split=False, functional_lines=True)
    assert "functional manager" not in flat(pdf_text_pages(plain)[0])
    assert "functional manager" in flat(pdf_text_pages(lined)[0])

    # one dashed line more: Gus Product's dotted line to Cleo Product
    def dashes(path):
        return PdfReader(str(path)).pages[0].get_contents().get_data().count(b"] 0 d")

    assert dashes(lined) > dashes(plain)


@needs_pdftoppm
def test_rendered_pages_are_not_blank(tmp_path):
    doc = generate(200, seed=1)
    out = tmp_path / "chart.pdf"
    export_chart(doc, out, page="a4", split=True)
    for page in (1, 2):
        png = render_page(out, page, tmp_path)
        assert ink_fraction(png) > 0.005, page


def test_export_does_not_change_the_document_and_failures_say_why(org, tmp_path):
    before = dumps(org)
    target = tmp_path / "chart.pdf"
    target.write_bytes(b"earlier")
    with pytest.raises(ExportError, match="does not exist"):
        export_chart(org, tmp_path / "missing" / "chart.pdf")
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        export_chart(org, folder)
    assert target.read_bytes() == b"earlier"
    export_chart(org, target)
    assert target.read_bytes().startswith(b"%PDF")
    assert dumps(org) == before


@pytest.mark.parametrize("path", examples(), ids=lambda p: p.stem)
def test_bundled_examples_export_in_every_view(path, tmp_path):
    doc = load(path)
    for view in ("people", "teams", "functions"):
        for page in ("a4", "a3"):
            out = tmp_path / f"{view}-{page}.pdf"
            export_chart(doc, out, view=view, page=page)
            # Upright or turned, whichever takes fewer pages.
            assert all(tuple(sorted(size)) in (A4, A3) for size in page_sizes(out))
            if view == "people":
                everything = " ".join(flat(t) for t in pdf_text_pages(out))
                assert not [n for n in names_of(doc) if flat(n) not in everything]


def test_a_tall_chain_and_a_huge_team_still_export(tmp_path):
    from orgdesigner.core.model import Person

    doc = small_org()
    chain = [
        Person(id=f"c{i}", name=f"Chain {i}", manager=f"c{i - 1}" if i else "p-ceo")
        for i in range(300)
    ]
    wide = [Person(id=f"w{i}", name=f"Wide {i}", manager="p-cpo", team="t-pay") for i in range(150)]
    doc.people += chain + wide
    doc.forget_index()
    for view in ("people", "teams"):
        out = tmp_path / f"{view}.pdf"
        export_chart(doc, out, view=view, page="a4")
        everything = " ".join(flat(t) for t in pdf_text_pages(out))
        if view == "people":
            assert "Chain 299" in everything and "Wide 149" in everything


def test_functional_lines_on_split_pages_run_between_cards_as_on_the_canvas(tmp_path, monkeypatch):
    from orgdesigner.export import draw

    dotted: list[list] = []
    polyline = draw.PdfPainter._polyline

    def spy(self, pts, stroke, width, dash):
        if dash:
            dotted.append(list(pts))
        return polyline(self, pts, stroke, width, dash)

    monkeypatch.setattr(draw.PdfPainter, "_polyline", spy)
    doc = generate(300, seed=4)
    out = tmp_path / "big.pdf"
    export_chart(doc, out, page="a4", split=True, functional_lines=True)
    assert len(PdfReader(str(out)).pages) > 1
    lines = [pts for pts in dotted if len(pts) > 1]
    assert len(lines) > len(PdfReader(str(out)).pages)  # more than the legend's samples
    # As on the canvas, a functional line runs in the gaps between the cards: across and
    # down, turning at right angles (a straight diagonal would cut through cards).
    for pts in lines:
        for (ax, ay), (bx, by) in zip(pts, pts[1:], strict=False):
            assert abs(ax - bx) < 1e-6 or abs(ay - by) < 1e-6, pts


def test_split_pages_stack_reports_as_the_canvas_does(tmp_path):
    # The canvas lists more than DEFAULT_COMPACT leaf reports one under another;
    # pages of a split chart must show a team the same way, on A3 as on A4.
    from orgdesigner.core.chart import DEFAULT_COMPACT, build_chart
    from orgdesigner.export.pdf_chart import _section

    doc = load(next(p for p in examples() if p.name == "company-reorg.orgd"))
    chart = build_chart(doc, "people")
    for page in ("a4", "a3"):
        sec = _section(
            doc, chart, page=page, landscape=False, functional_lines=False, split=True, when=None
        )
        assert len(sec.plan) > 1
        teams = 0
        for pg in sec.plan:
            lay = pg.layout
            kids: dict[str, list[str]] = {}
            for a, b in lay.edges:
                kids.setdefault(a, []).append(b)
            for boss, under in kids.items():
                leaves = [k for k in under if k not in kids]
                if len(leaves) > DEFAULT_COMPACT and len(leaves) == len(under):
                    teams += 1
                    # one under another: in one column, or two where that saves pages
                    assert len({lay.boxes[k].x for k in leaves}) <= 2, boss
        assert teams


def test_a_pdf_of_no_views_is_refused(org):
    import io

    from orgdesigner.export.pdf_chart import write_pdf

    with pytest.raises(ExportError, match="No view"):
        write_pdf(org, [], io.BytesIO())
