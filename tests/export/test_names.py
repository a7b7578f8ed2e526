"""The view and page names the command line offers come from the export package."""

from __future__ import annotations

import subprocess
import sys

from orgdesigner.cli import build_parser
from orgdesigner.export import CLI_VIEWS, PAGE_CHOICES, VIEWS, ExportError
from orgdesigner.export.common import PAGE_SIZES, page_size


def test_every_page_name_has_a_size():
    assert set(PAGE_CHOICES) == {*PAGE_SIZES, "fit"}
    assert page_size("fit", False) is None
    assert all(page_size(name, True) for name in PAGE_SIZES)


def test_the_command_line_accepts_the_package_names():
    parser = build_parser()
    for view in ("line", "functional", "both", "people", "teams", "functions"):
        for page in ("a4", "a3", "letter", "fit"):
            args = parser.parse_args(
                ["export", "f.orgd", "--to", "x.pdf", "--view", view, "--page", page]
            )
            assert args.view == view and args.page == page
    assert CLI_VIEWS["both"] == ("people", "functions")
    assert CLI_VIEWS["line"] == ("people",) and CLI_VIEWS["functional"] == ("functions",)
    assert all(v in VIEWS for views in CLI_VIEWS.values() for v in views)
    assert issubclass(ExportError, Exception)


def test_building_the_parser_loads_neither_reportlab_nor_the_model():
    # validate and --help start fast: the names come without the writers.
    code = (
        "import sys; from orgdesigner.cli import build_parser; build_parser(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'pydantic')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
