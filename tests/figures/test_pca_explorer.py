"""The PCA explorer: what only it does (the rest: test_every_figure.py)."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.decomposition import PCA

from mlmath.figures.linalg.pca_explorer import (cloud_base, fig_pca_explorer, page_state,
                                                population_variance_ratio, readout_text)
from tests.figures.bokehjs import assert_matches

NAME = "pca-explorer"


def values(spread, correlation, angle) -> dict:
    return {f"{NAME}-spread1": spread[0], f"{NAME}-spread2": spread[1],
            f"{NAME}-correlation": correlation, f"{NAME}-angle": angle}


def steps(spread, correlation, angle) -> list:
    return [[name, "value", float(value)]
            for name, value in values(spread, correlation, angle).items()]


def cloud(spread, correlation, angle):
    """The cloud written out from its definition, independently of mlmath.data."""
    z = cloud_base()
    s1, s2 = spread
    before = np.column_stack([s1 * z[:, 0],
                              s2 * (correlation * z[:, 0]
                                    + np.sqrt(1 - correlation**2) * z[:, 1])])
    t = np.radians(angle)
    return before @ np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]]).T


@pytest.fixture(scope="module")
def figure():
    return fig_pca_explorer()


@pytest.mark.parametrize("spread, correlation, angle",
                         [((2.0, 0.75), 0.0, 30.0), ((1.0, 2.5), 0.6, -45.0),
                          ((1.5, 1.5), 0.0, 0.0), ((0.5, 2.0), -0.85, 80.0)])
def test_axes_and_projections_are_scikit_learns(spread, correlation, angle):
    state = page_state(values(spread, correlation, angle))
    points, axes = state[f"{NAME}-points"]["data"], state[f"{NAME}-axes"]["data"]
    X = cloud(spread, correlation, angle)
    assert_allclose(np.column_stack([points["x"], points["y"]]), X, atol=1e-12)
    pca = PCA().fit(X)
    assert axes["label"] == ["PC1", "PC2"]
    for i, (u, variance) in enumerate(zip(pca.components_, pca.explained_variance_)):
        start = np.array([axes["x0"][i], axes["y0"][i]])
        end = np.array([axes["x1"][i], axes["y1"][i]])
        assert_allclose((start + end) / 2, pca.mean_, atol=1e-12)
        # One standard deviation either side of the mean, along ±u.
        half = (end - start) / 2
        assert_allclose(np.linalg.norm(half), np.sqrt(variance), rtol=1e-9)
        assert_allclose(abs(half @ u), np.sqrt(variance), rtol=1e-9)
    # The projections are those of a one-component PCA.
    first = PCA(n_components=1).fit(X)
    assert_allclose(np.column_stack([points["px"], points["py"]]),
                    first.inverse_transform(first.transform(X)), atol=1e-9)


def test_readout_states_scikit_learns_ratio_and_eigenvalues():
    text = readout_text((2.0, 0.75), 0.0, 30.0, cloud_base())
    pca = PCA().fit(cloud((2.0, 0.75), 0.0, 30.0))
    assert f"PC1 explains {100 * pca.explained_variance_ratio_[0]:.1f} %" in text
    assert f"λ₁ = {pca.explained_variance_[0]:.2f}, λ₂ = {pca.explained_variance_[1]:.2f}" in text
    u = pca.components_[0] * np.sign(pca.components_[0][np.argmax(abs(pca.components_[0]))])
    assert f"PC1 along ({u[0]:.2f}, {u[1]:.2f}), at {np.degrees(np.arctan2(u[1], u[0])):.0f}°" \
        in text


def test_population_ratio_is_the_share_of_the_largest_eigenvalue():
    for spread, correlation in (((2.0, 0.5), 0.0), ((1.0, 1.0), 0.6), ((1.0, 2.0), 1.0),
                                ((0.25, 2.5), -0.35)):
        s1, s2 = spread
        eigenvalues = np.linalg.eigvalsh([[s1 * s1, correlation * s1 * s2],
                                          [correlation * s1 * s2, s2 * s2]])
        share, tie = population_variance_ratio(spread, correlation)
        assert share == pytest.approx(eigenvalues[-1] / eigenvalues.sum(), rel=1e-12)
        assert not tie
    assert population_variance_ratio((1.5, 1.5), 0.0) == (0.5, True)


def test_a_tied_population_says_its_axes_are_chance_in_python_and_in_bokehjs(bokehjs, figure):
    setting = ((1.5, 1.5), 0.0, 10.0)
    shown, expected = bokehjs.state_after(figure, steps(*setting), page_state)
    assert_matches(shown, expected)
    text = expected[f"{NAME}-readout"]["text"]
    assert "PC1 explains 50.0 %." in text and "no preferred direction" in text


@pytest.mark.parametrize("correlation, angle", [(1.0, 30.0), (-1.0, -90.0)])
def test_a_perfectly_correlated_cloud_is_a_line_with_one_axis(bokehjs, figure, correlation, angle):
    setting = ((2.0, 0.75), correlation, angle)
    shown, expected = bokehjs.state_after(figure, steps(*setting), page_state)
    assert_matches(shown, expected)
    assert expected[f"{NAME}-axes"]["data"]["label"] == ["PC1"]
    text = expected[f"{NAME}-readout"]["text"]
    assert "PC1 explains 100.0 %" in text and "lie on one line" in text
    points = expected[f"{NAME}-points"]["data"]
    assert np.all(np.isfinite(points["px"])) and np.all(np.isfinite(points["py"]))
    # The projections are the points themselves: nothing is thrown away.
    assert_allclose(points["px"], points["x"], atol=1e-9)


@pytest.mark.parametrize("correlation, angle, along, degrees", [
    (1.0, 90.0, "(0.71, −0.71)", "−45°"),   # a line at 135°: PC1's sign set by a tie
    (-1.0, 0.0, "(0.71, −0.71)", "−45°"),
    (-1.0, -45.0, "(0.00, 1.00)", "90°"),   # a vertical line: 90°, never −90°
    (1.0, 45.0, "(0.00, 1.00)", "90°"),
])
def test_diagonal_and_vertical_lines_read_the_same_in_python_and_bokehjs(
        bokehjs, figure, correlation, angle, along, degrees):
    setting = ((2.0, 2.0), correlation, angle)
    shown, expected = bokehjs.state_after(figure, steps(*setting), page_state)
    assert_matches(shown, expected)
    assert f"PC1 along {along}, at {degrees}" in expected[f"{NAME}-readout"]["text"]


def test_rotating_the_cloud_turns_the_first_axis_and_keeps_the_ratio():
    a = page_state(values((2.0, 0.75), 0.3, 0.0))
    b = page_state(values((2.0, 0.75), 0.3, 50.0))
    assert a[f"{NAME}-readout"]["text"].split("·")[0] == b[f"{NAME}-readout"]["text"].split("·")[0]

    def direction(state):
        line = state[f"{NAME}-pc1-line"]["data"]
        d = np.array([line["x1"][0] - line["x0"][0], line["y1"][0] - line["y0"][0]])
        return d / np.linalg.norm(d)

    t = np.radians(50)
    turned = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]]) @ direction(a)
    assert abs(turned @ direction(b)) == pytest.approx(1.0, rel=1e-12)


def test_figure_models_static_twin_and_alt_text(figure):
    for name, title in (("spread1", "spread s₁"), ("spread2", "spread s₂"),
                        ("correlation", "correlation ρ"), ("angle", "rotation θ (degrees)")):
        assert figure.model(f"{NAME}-{name}").title == title
    assert len(figure.model(f"{NAME}-points").data["x"]) == 150
    assert figure.model(f"{NAME}-readout").text.startswith("<b>PC1 explains")
    assert "percent of the variance" in figure.alt and "150 points" in figure.alt
    assert "PC1 explains" in figure.static.axes[0].get_title()
    assert len(fig_pca_explorer(n=40, seed=3).model(f"{NAME}-points").data["x"]) == 40


@pytest.mark.parametrize("kwargs, message", [
    ({"spread": (3.0, 1.0)}, r"spread\[0\] must be in \[0.25, 2.5\] in steps of 0.25"),
    ({"spread": (1.0, 0.3)}, r"spread\[1\] must be .* between two steps"),
    ({"spread": (1.0,)}, "spread must have 2 components"),
    ({"correlation": 1.5}, r"correlation must be in \[-1, 1\]"),
    ({"correlation": np.nan}, "correlation must be"),
    ({"angle": 120}, r"angle must be in \[-90, 90\]"),
    ({"angle": 12}, "angle must be .* between two steps"),
    ({"n": 2}, "n must be >= 3"),
    ({"seed": -1}, "seed must be >= 0"),
])
def test_bad_arguments_are_refused_with_the_argument_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_pca_explorer(**kwargs)
