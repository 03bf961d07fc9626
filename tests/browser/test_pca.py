"""The PCA explorer computes in the page what mlmath.linalg.fit_pca computes in Python.

Sliders are moved from the keyboard to a few settings, among them the
degenerate ones: a perfectly correlated cloud (all points on a line) and equal
spreads with no correlation (a population with a repeated eigenvalue).
"""

from __future__ import annotations

import json

import pytest
from numpy.testing import assert_allclose

from mlmath.figures.linalg.pca import (
    cloud_base, pca_explorer_readout, pca_explorer_rows, population_variance_ratio,
)
from tests.browser.conftest import wait_for_figures
from tests.browser.support import FIND_MODEL, press_key

pytestmark = pytest.mark.browser

FIGURE = "[data-mlmath-figure='pca-explorer']"
SLIDERS = ["spread1", "spread2", "correlation", "angle"]
SOURCES = ["points", "axes", "pc1-line"]

# The chapter starts the figure at spreads (2, 0.75), correlation 0, angle 30.
CASES = {
    "the chapter's cloud": ([], None),
    "on a line (correlation 1)": ([("correlation", "End")], "line"),
    "equal spreads (repeated)": ([("spread2", "ArrowRight")] * 5, "tie"),
    "negative correlation, turned": ([("correlation", "ArrowLeft")] * 8
                                     + [("angle", "ArrowLeft")] * 10, None),
    "correlation -1, angle 90": ([("correlation", "Home"), ("angle", "End"),
                                  ("spread1", "Home")], "line"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_pca_explorer_page_matches_python(visit, case):
    presses, note = CASES[case]
    record = visit("chapters/linear-algebra/pca.html")
    page = record.page
    wait_for_figures(page)
    handles = page.locator(f"{FIGURE} .noUi-handle")
    assert handles.count() == 4
    for name, key in presses:
        press_key(page, handles.nth(SLIDERS.index(name)), key)

    value = lambda name: page.evaluate(f"({FIND_MODEL})('pca-explorer-{name}').value")
    spread = (value("spread1"), value("spread2"))
    correlation, angle = value("correlation"), value("angle")
    base = cloud_base()

    expected = pca_explorer_rows(spread, correlation, angle, base)
    for source in SOURCES:
        shown = json.loads(page.evaluate(
            f"JSON.stringify(({FIND_MODEL})('pca-explorer-{source}').data)"))
        rows = expected[source.replace("-", "_")]
        assert set(shown) == set(rows), source
        for column, values in rows.items():
            assert len(shown[column]) == len(values), f"{source}.{column}"
            if values and isinstance(values[0], str):
                assert shown[column] == list(values), f"{source}.{column}"
            else:
                assert_allclose(shown[column], values, rtol=1e-9, atol=1e-12,
                                err_msg=f"{source}.{column}")
    readout = page.evaluate(f"({FIND_MODEL})('pca-explorer-readout').text")
    assert readout == pca_explorer_readout(spread, correlation, angle, base)

    text = page.locator(f"{FIGURE} .bk-clearfix").inner_text()
    if note == "line":
        assert abs(correlation) == 1.0
        assert expected["axes"]["label"] == ["PC1"]
        assert "PC1 explains 100.0 %" in text and "lie on one line" in text
    elif note == "tie":
        assert spread[0] == spread[1] and correlation == 0
        assert population_variance_ratio(spread, correlation) == (0.5, True)
        assert "no preferred direction" in text
    else:
        assert "lie on one line" not in text and "no preferred direction" not in text
    record.assert_clean()
