"""The PCA explorer draws what mlmath.linalg.fit_pca computes."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlmath import linalg
from mlmath.data import shape_cloud
from mlmath.figures import fig_pca_explorer
from mlmath.figures.linalg.pca import cloud_base, pca_explorer_readout, pca_explorer_rows


def model(figure, name):
    found = figure.layout.select_one({"name": name})
    assert found is not None, f"no Bokeh model named {name!r}"
    return found


@pytest.mark.parametrize("spread, correlation, angle",
                         [((2.0, 0.75), 0.0, 30.0), ((1.0, 2.5), 0.6, -45.0), ((1.5, 1.5), 0, 0)])
def test_axes_and_projections_come_from_fit_pca(spread, correlation, angle):
    base = cloud_base()
    rows = pca_explorer_rows(spread, correlation, angle, base)
    points = shape_cloud(base, spread, correlation, angle)
    pca = linalg.fit_pca(points)
    assert_allclose(np.column_stack([rows["points"]["x"], rows["points"]["y"]]), points)
    # Each projection lies on the PC1 line, and the point minus it is perpendicular to PC1.
    shadows = np.column_stack([rows["points"]["px"], rows["points"]["py"]])
    u1, u2 = pca.components
    assert_allclose((shadows - pca.mean) @ u2, 0, atol=1e-12)
    assert_allclose((points - shadows) @ u1, 0, atol=1e-12)
    axes = rows["axes"]
    assert axes["label"] == ["PC1", "PC2"]
    for i, u in enumerate((u1, u2)):
        start = np.array([axes["x0"][i], axes["y0"][i]])
        end = np.array([axes["x1"][i], axes["y1"][i]])
        assert_allclose((start + end) / 2, pca.mean, atol=1e-12)
        assert_allclose(end - start, 2 * np.sqrt(pca.explained_variance[i]) * u, atol=1e-12)


def test_readout_states_the_explained_variance_ratio():
    base = cloud_base()
    text = pca_explorer_readout((2.0, 0.75), 0.0, 30.0, base)
    pca = linalg.fit_pca(shape_cloud(base, (2.0, 0.75), 0.0, 30.0))
    assert f"PC1 explains {100 * pca.explained_variance_ratio[0]:.1f} %" in text
    assert f"λ₂ = {pca.explained_variance[1]:.2f}" in text


def test_a_perfectly_correlated_cloud_is_a_line_with_one_axis():
    base = cloud_base()
    rows = pca_explorer_rows((2.0, 0.75), 1.0, 30.0, base)
    assert rows["axes"]["label"] == ["PC1"]
    text = pca_explorer_readout((2.0, 0.75), 1.0, 30.0, base)
    assert "PC1 explains 100.0 %" in text and "lie on one line" in text
    assert np.all(np.isfinite(rows["points"]["px"]))


def test_rotating_the_cloud_rotates_the_axes_and_keeps_the_ratio():
    base = cloud_base()
    a = linalg.fit_pca(shape_cloud(base, (2.0, 0.75), 0.3, 0.0))
    b = linalg.fit_pca(shape_cloud(base, (2.0, 0.75), 0.3, 50.0))
    assert_allclose(a.explained_variance_ratio, b.explained_variance_ratio, rtol=1e-12)
    theta = np.radians(50)
    turned = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]]) @ a.components[0]
    assert_allclose(abs(turned @ b.components[0]), 1.0, rtol=1e-12)


def test_figure_models_static_twin_and_alt_text():
    figure = fig_pca_explorer()
    for name in ("spread1", "spread2", "correlation", "angle"):
        assert model(figure, f"pca-explorer-{name}").title
    assert len(model(figure, "pca-explorer-points").data["x"]) == 150
    assert model(figure, "pca-explorer-readout").text.startswith("<b>PC1 explains")
    assert "percent of the variance" in figure.alt and "150 points" in figure.alt
    assert "PC1 explains" in figure.static.axes[0].get_title()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"spread": (3.0, 1.0)}, r"spread must have both values in \[0.25, 2.5\]"),
        ({"spread": (1.0,)}, "spread must have 2 components"),
        ({"correlation": 1.5}, "correlation must be <= 1.0"),
        ({"correlation": np.nan}, "correlation must be finite"),
        ({"angle": 120}, "angle must be <= 90.0"),
        ({"n": 2}, "n must be >= 3"),
    ],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_pca_explorer(**kwargs)


def test_population_ratio_matches_the_closed_form():
    from mlmath.figures.linalg.pca import population_variance_ratio

    assert population_variance_ratio((2.0, 0.5), 0.0) == (4.0 / 4.25, False)
    share, tie = population_variance_ratio((1.5, 1.5), 0.0)
    assert tie and share == 0.5
    share, tie = population_variance_ratio((1.0, 1.0), 0.6)   # eigenvalues 1 ± 0.6
    assert not tie and share == pytest.approx(0.8, rel=1e-14)
    assert population_variance_ratio((1.0, 2.0), 1.0)[0] == pytest.approx(1.0, rel=1e-14)
    base = cloud_base()
    text = pca_explorer_readout((1.5, 1.5), 0.0, 10.0, base)
    assert "PC1 explains 50.0 %." in text and "no preferred direction" in text
