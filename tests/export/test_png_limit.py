"""A PNG wider or taller than image viewers open is refused with the advice to use PDF or
SVG; a large chart that fits at a legible resolution is drawn within the limit."""

from __future__ import annotations

import pytest
from PIL import Image

from orgdesigner.cli import main
from orgdesigner.core import io
from orgdesigner.core.generate import generate
from orgdesigner.export import ExportError, export_chart
from orgdesigner.export.png import MAX_SIDE


@pytest.fixture(scope="module")
def thousand():
    return generate(1000, seed=1)


@pytest.fixture(scope="module")
def huge():
    # Too many cards for any legible PNG, however the chart is laid out.
    return generate(5000, seed=1)


def test_a_strip_png_is_refused_and_nothing_is_written(huge, tmp_path):
    out = tmp_path / "wide.png"
    with pytest.raises(ExportError, match="PDF or\\s+SVG") as err:
        export_chart(huge, out)
    assert f"{MAX_SIDE:,}" in str(err.value)
    assert not out.exists()


def test_the_command_line_refuses_it_with_exit_2_and_says_why(huge, tmp_path, capsys):
    src = tmp_path / "g.orgd"
    io.save(huge, src)
    assert main(["export", str(src), "--to", str(tmp_path / "wide.png")]) == 2
    err = capsys.readouterr().err
    assert "too large for a PNG" in err and "PDF" in err and "SVG" in err
    assert not (tmp_path / "wide.png").exists()
    # the same chart as SVG is fine
    assert main(["export", str(src), "--to", str(tmp_path / "wide.svg")]) == 0


def test_a_chart_that_fits_at_a_legible_size_stays_within_the_limit(thousand, tmp_path):
    out = tmp_path / "folded.png"
    # the top of the organisation, folded as it opens: far smaller than the limit
    from orgdesigner.core.chart import folded_at

    export_chart(thousand, out, dpi=600, collapsed=folded_at(thousand, "people", 1))
    with Image.open(out) as im:
        assert max(im.size) <= MAX_SIDE
