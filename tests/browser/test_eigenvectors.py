"""The linear-transformation figure computes in the page what mlmath computes in Python.

Sliders are moved from the keyboard to settings that hit every case of
eigen_2x2: two real eigenvalues, a complex pair, a repeated eigenvalue with one
line (a shear, and one with nonzero corners), and a multiple of the identity.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlmath import linalg
from mlmath.figures.linalg.eigen import linear_transformation_readout, linear_transformation_rows
from tests.browser.conftest import wait_for_figures
from tests.browser.support import FIND_MODEL, press_key

pytestmark = pytest.mark.browser

FIGURE = "[data-mlmath-figure='linear-transformation']"
SLIDERS = ["a11", "a12", "a21", "a22"]
SOURCES = ["ring", "image", "lines", "arrows", "note"]

# The chapter starts the figure at [[1.5, 1], [0.5, 1]]; each slider step is 0.25.
CASES = {
    "distinct (the chapter's matrix)": ([], "distinct", False),
    "complex": ([("a12", "ArrowLeft")] * 8, "complex", False),               # b = -1
    "shear": ([("a21", "ArrowLeft")] * 2 + [("a11", "ArrowLeft")] * 2,       # [[1, 1], [0, 1]]
              "repeated", False),
    "repeated, nonzero corners": ([("a11", "ArrowLeft")] * 2 + [("a22", "ArrowRight")] * 4
                                  + [("a21", "ArrowLeft")] * 3, "repeated", False),
    "identity": ([("a12", "ArrowLeft")] * 4 + [("a21", "ArrowLeft")] * 2
                 + [("a11", "ArrowLeft")] * 2, "repeated", True),
    "slider ends": ([("a11", "End"), ("a22", "Home"), ("a21", "PageDown")], None, False),
}


@pytest.mark.parametrize("case", list(CASES))
def test_linear_transformation_page_matches_python(visit, case):
    presses, kind, every_vector = CASES[case]
    record = visit("chapters/linear-algebra/eigenvectors.html")
    page = record.page
    wait_for_figures(page)
    handles = page.locator(f"{FIGURE} .noUi-handle")
    assert handles.count() == 4
    for name, key in presses:
        press_key(page, handles.nth(SLIDERS.index(name)), key)

    value = lambda name: page.evaluate(f"({FIND_MODEL})('linear-transformation-{name}').value")
    matrix = np.array([[value("a11"), value("a12")], [value("a21"), value("a22")]])
    eigen = linalg.eigen_2x2(matrix)
    if kind is not None:
        assert eigen.kind == kind and eigen.every_vector == every_vector, matrix

    expected = linear_transformation_rows(matrix)
    for source in SOURCES:
        shown = json.loads(page.evaluate(
            f"JSON.stringify(({FIND_MODEL})('linear-transformation-{source}').data)"))
        assert set(shown) == set(expected[source]), source
        for column, values in expected[source].items():
            assert len(shown[column]) == len(values), f"{source}.{column}"
            if values and isinstance(values[0], str):
                assert shown[column] == list(values), f"{source}.{column}"
            else:
                assert_allclose(shown[column], values, rtol=1e-9, atol=1e-12,
                                err_msg=f"{source}.{column}")
    readout = page.evaluate(f"({FIND_MODEL})('linear-transformation-readout').text")
    assert readout == linear_transformation_readout(matrix)

    # ... and the reader sees it, in words where there is nothing to draw.
    text = page.locator(f"{FIGURE} .bk-clearfix").inner_text()
    if eigen.kind == "complex":
        assert "Complex eigenvalues" in text and "no real vector" in text
        assert expected["lines"]["x0"] == []
    elif eigen.every_vector:
        assert "every vector is an eigenvector" in text
    else:
        assert f"{eigen.eigenvalues[0]:.2f}" in text.replace("\u2212", "-")
    record.assert_clean()
