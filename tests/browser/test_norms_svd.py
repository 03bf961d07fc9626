"""The ridge–lasso and low-rank-image figures compute in the page what mlmath computes."""

from __future__ import annotations

import json

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlmath import linalg
from mlmath.data import load_gray_image
from mlmath.figures.linalg.norms import ridge_lasso_readout, ridge_lasso_state
from mlmath.figures.linalg.svd import low_rank_image_readout, to_grey_levels
from tests.browser.conftest import wait_for_figures
from tests.browser.support import FIND_MODEL, press_key

pytestmark = pytest.mark.browser

PAGE = "chapters/linear-algebra/norms-svd.html"
RIDGE_LASSO_SLIDERS = ["ridge-lasso-z-1", "ridge-lasso-z-2", "ridge-lasso-penalty"]


#: JS: a source's data with typed arrays (how Bokeh ships NumPy arrays) as plain arrays.
PLAIN = """(value) => {
  const plain = (v) => ArrayBuffer.isView(v) ? Array.from(v) : Array.isArray(v) ? v.map(plain) : v
  return JSON.stringify(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)])))
}"""


def data_of(page, name):
    return json.loads(page.evaluate(f"({PLAIN})(({FIND_MODEL})('{name}').data)"))


def value_of(page, name):
    return page.evaluate(f"({FIND_MODEL})('{name}').value")


@pytest.mark.parametrize(
    "presses",
    [
        [("ridge-lasso-penalty", "ArrowRight")],
        [("ridge-lasso-penalty", "Home")],                          # no penalty: w = z
        [("ridge-lasso-penalty", "End"), ("ridge-lasso-z-2", "ArrowLeft")],  # both zero
        [("ridge-lasso-z-1", "ArrowLeft")] * 25 + [("ridge-lasso-z-2", "ArrowRight")] * 4,
    ],
)
def test_ridge_lasso_page_matches_python(visit, presses):
    record = visit(PAGE)
    page = record.page
    wait_for_figures(page)
    handles = page.locator("[data-mlmath-figure='ridge-lasso'] .noUi-handle")
    assert handles.count() == 3
    for name, key in presses:
        before = value_of(page, name)
        press_key(page, handles.nth(RIDGE_LASSO_SLIDERS.index(name)), key)
        assert value_of(page, name) != before, f"{name} did not move on {key}"

    z = (value_of(page, "ridge-lasso-z-1"), value_of(page, "ridge-lasso-z-2"))
    penalty = value_of(page, "ridge-lasso-penalty")
    expected = ridge_lasso_state(z, penalty)
    for key in ("ridge", "lasso"):
        points = data_of(page, f"ridge-lasso-{key}-points")
        for column in ("x", "y", "label_x", "label_y"):
            assert_allclose(points[column], expected[f"{key}_points"][column], rtol=1e-9,
                            atol=1e-12, err_msg=f"{key} {column}")
        for part in ("ball", "guides"):
            data = data_of(page, f"ridge-lasso-{key}-{part}")
            python = expected[f"{key}_{part}"]
            assert len(data["xs"]) == len(python["xs"]), f"{key} {part}"
            for line, python_line in zip(data["xs"] + data["ys"], python["xs"] + python["ys"]):
                assert_allclose(line, python_line, rtol=1e-9, atol=1e-12, err_msg=f"{key} {part}")
    readout = page.evaluate(f"({FIND_MODEL})('ridge-lasso-readout').text")
    assert readout == ridge_lasso_readout(z, penalty)
    record.assert_clean()


@pytest.fixture(scope="module")
def picture():
    return load_gray_image("china.jpg", 48)


@pytest.mark.parametrize(
    "presses",
    [
        [],
        [("ArrowRight")] * 3,
        ["Home"],        # rank 1: a plaid of bands
        ["End"],         # full rank: the image itself
        ["End"] + ["ArrowLeft"] * 10,
    ],
)
def test_low_rank_image_page_matches_python(visit, picture, presses):
    record = visit(PAGE)
    page = record.page
    wait_for_figures(page)
    handle = page.locator("[data-mlmath-figure='low-rank-image'] .noUi-handle")
    assert handle.count() == 1
    for key in presses:
        press_key(page, handle, key)
    rank = value_of(page, "low-rank-image-rank")
    m, n = picture.shape

    shown = page.evaluate(f"""(() => {{
        const image = ({FIND_MODEL})('low-rank-image-reconstruction').data.image[0]
        return {{pixels: Array.from(image), shape: Array.from(image.shape)}}
    }})()""")
    assert shown["shape"] == [m, n]
    pixels = np.flipud(np.array(shown["pixels"]).reshape(m, n))
    # The page rebuilds the image from 16-bit codes of the singular vectors;
    # tests/figures/test_norms_svd_figures.py shows that this moves no value by
    # even 0.05 grey levels, so after rounding to whole levels at most 1 may differ.
    exact = to_grey_levels(linalg.low_rank_approximation(picture, rank)).astype(int)
    assert np.max(np.abs(pixels - exact)) <= 1
    assert np.mean(pixels == exact) > 0.99
    if rank == min(m, n):
        assert np.array_equal(pixels, picture)

    s = np.linalg.svd(picture, compute_uv=False)
    kept = data_of(page, "low-rank-image-kept")
    assert kept["k"] == list(range(1, rank + 1))
    assert_allclose(kept["sigma"], s[:rank], rtol=1e-9)
    assert len(data_of(page, "low-rank-image-dropped")["k"]) == len(s) - rank
    readout = page.evaluate(f"({FIND_MODEL})('low-rank-image-readout').text")
    assert readout == low_rank_image_readout(s, (m, n), rank)
    record.assert_clean()
