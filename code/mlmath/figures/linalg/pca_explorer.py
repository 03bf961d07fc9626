"""The PCA explorer (chapter *Principal Component Analysis*, section "Exploring PCA",
``chapters/linear-algebra/pca.md``).

A seeded cloud of standard-normal pairs is stretched, correlated and rotated
by four sliders (:func:`mlmath.data.shape_cloud`),

    x = R(θ) (s₁ z₁,  s₂ (ρ z₁ + √(1 − ρ²) z₂)),

and :func:`mlmath.linalg.fit_pca` finds its principal axes: the eigenvectors
v₁, v₂ of its covariance matrix, with the variances λ₁ ≥ λ₂ along them. The
plot draws each axis one standard deviation, √λ, either side of the mean,
the first axis across the plot, and every point's projection onto it (joined
to the point: the part a one-component PCA throws away). The readout gives
the share of the variance PC1 explains, λ₁ / (λ₁ + λ₂), the eigenvalues, the
direction of PC1, and the share in the population the points were drawn
from (:func:`population_variance_ratio`). At ρ = ±1 the cloud is a line and
PC2 is not drawn; when s₁ = s₂ and ρ = 0 the population has no preferred
direction, and the readout says so.

``figures/js/pca_explorer.js`` redoes the cloud, the covariance and its one
Jacobi rotation in the page; :func:`page_state` is what it must show.
"""

from __future__ import annotations

import math

import numpy as np
from bokeh.models import (Arrow, ColumnDataSource, LabelSet, Scatter,
                          Segment, VeeHead)

from mlmath import linalg
from mlmath._validate import as_int, as_vector
from mlmath.data import shape_cloud
from mlmath.figures import kit
from mlmath.figures.kit import palette
from mlmath.figures.kit.layout import PHONE_COLUMN_PX, text_lines
from mlmath.figures.kit.widgets import READOUT_FONT_PX
from mlmath.linalg.eigen import REPEATED_TOLERANCE

__all__ = ["cloud_base", "fig_pca_explorer", "page_state", "population_variance_ratio",
           "readout_text", "sources"]

NAME = "pca-explorer"
SPREAD = (0.25, 2.5, 0.25)
SLIDERS = {
    "spread1": kit.SliderSpec("spread s₁", *SPREAD),
    "spread2": kit.SliderSpec("spread s₂", *SPREAD),
    "correlation": kit.SliderSpec("correlation ρ", -1.0, 1.0, 0.05),
    "angle": kit.SliderSpec("rotation θ (degrees)", -90.0, 90.0, 5.0),
}
#: How each slider writes its value.
FORMATS = {"spread1": "0.00", "spread2": "0.00", "correlation": "0.00", "angle": "0"}
#: Half the width of the plot.
LIMIT = 6.0
#: Below this share of the variance the second axis is "nothing": the cloud is a line.
LINE_SHARE = 1e-9
#: Two components of a unit vector closer in size than this count as equal, for
#: its sign (below); so do angles this close (in degrees) to ±90°, for folding.
TIE = 1e-9
#: How far beyond an axis's tip its label sits (plot units).
LABEL_GAP = 0.6
AXIS_STYLES = ((palette.VERMILLION, "PC1"), (palette.GREEN, "PC2"))


def cloud_base(n: int = 150, seed: int = 1) -> np.ndarray:
    """The seeded standard-normal pairs every setting of the figure reshapes."""
    n = as_int(n, "n", low=3, high=2000)
    seed = as_int(seed, "seed", low=0)
    return np.random.default_rng(seed).standard_normal((n, 2))


def _signed(u) -> np.ndarray:
    """``u`` signed so that its larger component is positive (as ``fit_pca`` and
    scikit-learn sign components), the first when the two are equal to within
    :data:`TIE`. A cloud along a diagonal has PC1 at exactly ±45°, where
    rounding alone would decide (differently in Python and in the page)."""
    x, y = (float(c) for c in u)
    lead = x if abs(x) >= abs(y) - TIE else y
    return np.array([-x + 0.0, -y + 0.0] if lead < 0 else [x + 0.0, y + 0.0])


def _line_angle(u) -> float:
    """The angle of the line along ``u``, in degrees, folded into (-90, 90] (a
    line at 90° ± rounding is at 90°)."""
    degrees = math.atan2(u[1], u[0]) * 180 / math.pi
    if degrees > 90 + TIE:
        degrees -= 180
    elif degrees <= -90 + TIE:
        degrees += 180
    return degrees


def _fit(base, spread, correlation, angle):
    """The cloud and its PCA (:func:`mlmath.linalg.fit_pca`, components re-signed)."""
    points = shape_cloud(base, spread, correlation, angle)
    pca = linalg.fit_pca(points)
    components = np.array([_signed(u) for u in pca.components])
    return points, pca._replace(components=components)


def sources(spread, correlation, angle, base) -> dict[str, dict]:
    """Column data of the figure's sources for one setting, by model name
    without the figure's prefix.

    ``"points"``: the base pairs ``z1, z2``, the cloud ``x, y`` and each point's
    projection ``px, py`` onto the first principal axis; ``"axes"``: each axis
    from μ − √λ v to μ + √λ v, with its colour and label (PC2 left out when the
    cloud is a line); ``"pc1-line"``: the whole first axis, across the plot.
    """
    points, pca = _fit(base, spread, correlation, angle)
    first = linalg.PCAResult(pca.mean, pca.components[:1], pca.explained_variance[:1],
                             pca.explained_variance_ratio[:1])
    shadows = linalg.pca_reconstruct(linalg.pca_project(points, first), first)
    mean, kept = pca.mean, pca.explained_variance.sum()
    axes = {key: [] for key in ("x0", "y0", "x1", "y1", "color", "label", "label_x", "label_y")}
    for (color, label), variance, u in zip(AXIS_STYLES, pca.explained_variance, pca.components):
        if variance <= LINE_SHARE * kept:
            continue
        half = math.sqrt(variance)
        for key, value in (("x0", mean[0] - half * u[0]), ("y0", mean[1] - half * u[1]),
                           ("x1", mean[0] + half * u[0]), ("y1", mean[1] + half * u[1]),
                           ("color", color), ("label", label),
                           ("label_x", mean[0] + (half + LABEL_GAP) * u[0]),
                           ("label_y", mean[1] + (half + LABEL_GAP) * u[1])):
            axes[key].append(value if isinstance(value, str) else float(value))
    start, end = (mean + side * 2 * LIMIT * pca.components[0] for side in (-1, 1))
    return {
        "points": {"z1": base[:, 0].tolist(), "z2": base[:, 1].tolist(),
                   "x": points[:, 0].tolist(), "y": points[:, 1].tolist(),
                   "px": shadows[:, 0].tolist(), "py": shadows[:, 1].tolist()},
        "axes": axes,
        "pc1-line": {"x0": [float(start[0])], "y0": [float(start[1])],
                     "x1": [float(end[0])], "y1": [float(end[1])]},
    }


def population_variance_ratio(spread, correlation) -> tuple[float, bool]:
    r"""The share of variance PC1 explains in the population the cloud is drawn from.

    Before the rotation (which changes no variance) the population covariance
    is :math:`\begin{bmatrix} s_1^2 & \rho s_1 s_2 \\ \rho s_1 s_2 & s_2^2 \end{bmatrix}`;
    its eigenvalues come from :func:`mlmath.linalg.eigen_2x2`. Returns the
    share and whether the two population variances are equal (then no
    direction is preferred, and the sample's axes are set by chance).
    """
    s1, s2 = spread
    covariance = [[s1 * s1, correlation * s1 * s2], [correlation * s1 * s2, s2 * s2]]
    eigen = linalg.eigen_2x2(covariance)
    return eigen.eigenvalues[0] / eigen.trace, eigen.kind == "repeated"


def readout_text(spread, correlation, angle, base) -> str:
    """The readout (HTML) for one setting of the sliders."""
    fixed = kit.to_fixed
    _, pca = _fit(base, spread, correlation, angle)
    lam1, lam2 = pca.explained_variance
    u1 = pca.components[0]
    share, tie = population_variance_ratio(spread, correlation)
    text = (
        f"<b>PC1 explains {fixed(100 * pca.explained_variance_ratio[0], 1)} %</b> of the "
        f"variance · λ₁ = {fixed(lam1, 2)}, λ₂ = {fixed(lam2, 2)} · PC1 along "
        f"({fixed(u1[0], 2)}, {fixed(u1[1], 2)}), at {fixed(_line_angle(u1), 0)}°"
        f"<br>In the population these {len(base)} points were drawn from, PC1 explains "
        f"{fixed(100 * share, 1)} %."
    )
    if lam2 <= LINE_SHARE * (lam1 + lam2):
        text += " The points lie on one line: PC1 keeps all of their spread."
    elif tie:
        text += (" That population has no preferred direction, so the axes drawn here are "
                 "set by the sample's random wobble.")
    return text


def _setting(values: dict):
    return ((values[f"{NAME}-spread1"], values[f"{NAME}-spread2"]),
            values[f"{NAME}-correlation"], values[f"{NAME}-angle"])


def page_state(values: dict, base=None) -> dict:
    """What the page shows for slider values ``{"pca-explorer-spread1": ..., ...}``
    (and the figure's ``base`` pairs, by default :func:`cloud_base`'s)."""
    base = cloud_base() if base is None else base
    spread, correlation, angle = _setting(values)
    state = {f"{NAME}-{key}": {"data": data}
             for key, data in sources(spread, correlation, angle, base).items()}
    state[f"{NAME}-readout"] = {"text": readout_text(spread, correlation, angle, base)}
    return state


def _readout_lines(base) -> tuple[int, int]:
    """Room for the longest readouts (a line, and a tied population, with negative
    components), on a phone and on a wide screen (the plot's width)."""
    texts = [readout_text(*setting, base) for setting in (
        ((2.5, 0.25), -1.0, -90.0), ((2.5, 2.5), 1.0, 90.0), ((1.5, 1.5), 0.0, -60.0),
        ((0.25, 2.5), -0.95, -85.0))]
    return tuple(max(text_lines(t, width, READOUT_FONT_PX) for t in texts)
                 for width in (PHONE_COLUMN_PX, kit.PLOT_PX))


def fig_pca_explorer(spread=(2.0, 0.75), correlation=0.0, angle=30.0, n=150,
                     seed=1) -> kit.BookFigure:
    """Interactive PCA of a 2-D cloud: principal axes, projections, explained variance.
    Book section: Linear Algebra, *Principal Component Analysis*.

    Parameters
    ----------
    spread : (float, float)
        Standard deviations before the rotation, each in ``[0.25, 2.5]`` in steps of 0.25.
    correlation : float
        In ``[-1, 1]``, in steps of 0.05.
    angle : float
        Rotation of the cloud in degrees, in ``[-90, 90]``, in steps of 5.
    n : int, 3 <= n <= 2000
        Number of points.
    seed : int
        Seed of the standard-normal pairs the cloud is made from.
    """
    spread = as_vector(spread, "spread", size=2)
    given = {"spread1": spread[0], "spread2": spread[1], "correlation": correlation,
             "angle": angle}
    arguments = {"spread1": "spread[0]", "spread2": "spread[1]"}
    sliders = {key: spec.slider(given[key], name=f"{NAME}-{key}",
                                argument=arguments.get(key, key))
               for key, spec in SLIDERS.items()}
    for key, slider in sliders.items():
        slider.format = FORMATS[key]
    base = cloud_base(n, seed)
    state = page_state({s.name: s.value for s in sliders.values()}, base)
    models = {key: ColumnDataSource(state[f"{NAME}-{key}"]["data"], name=f"{NAME}-{key}")
              for key in ("points", "axes", "pc1-line")}
    readout = kit.readout(NAME, state[f"{NAME}-readout"]["text"])
    kit.link(kit.callback(
        "pca_explorer.js", points=models["points"], axes=models["axes"],
        pc1_line=models["pc1-line"], readout=readout, **sliders, limit=LIMIT,
        eps=float(np.finfo(float).eps), line_share=LINE_SHARE, tie=TIE,
        tolerance=REPEATED_TOLERANCE, label_gap=LABEL_GAP,
        styles=[list(style) for style in AXIS_STYLES]), *sliders.values())
    setting = _setting({s.name: s.value for s in sliders.values()})
    return kit.BookFigure(
        NAME, [kit.Controls(*sliders.values(), columns=2),
               kit.Readout(readout, lines=_readout_lines(base)), _plot(models)],
        static=_static(*setting, base, state), alt=_describe(*setting, base))



def _plot(models: dict):
    plot = kit.square_canvas(f"{NAME}-plot", LIMIT,
                             title="A cloud of points and its principal axes")
    kit.axes_through_origin(plot)
    plot.add_glyph(models["pc1-line"], Segment(x0="x0", y0="y0", x1="x1", y1="y1",
                                               line_color=palette.VERMILLION, line_width=1.5,
                                               line_dash="dashed", line_alpha=0.8))
    plot.add_glyph(models["points"], Segment(x0="x", y0="y", x1="px", y1="py",
                                             line_color=palette.GREY, line_alpha=0.35))
    plot.add_glyph(models["points"], Scatter(x="x", y="y", size=5, fill_color=palette.BLUE,
                                             fill_alpha=0.55, line_color=None))
    plot.add_glyph(models["points"], Scatter(x="px", y="py", size=4, marker="square",
                                             fill_color=palette.VERMILLION, line_color=None,
                                             fill_alpha=0.8))
    plot.add_layout(Arrow(
        source=models["axes"], x_start="x0", y_start="y0", x_end="x1", y_end="y1",
        line_color="color", line_width=4,
        end=VeeHead(size=14, fill_color="color", line_color="color")))
    plot.add_layout(LabelSet(
        source=models["axes"], x="label_x", y="label_y", text="label", text_color="color",
        text_font_style="bold", text_font_size="14px", text_align="center",
        text_baseline="middle", background_fill_color=palette.PAPER,
        background_fill_alpha=0.8))
    return plot


def _static(spread, correlation, angle, base, state):
    _, pca = _fit(base, spread, correlation, angle)
    figure = kit.twin()
    ax = kit.square_axes(figure, LIMIT, title=(
        f"PC1 explains {100 * pca.explained_variance_ratio[0]:.1f} % of the variance"))
    points, axes, line = (state[f"{NAME}-{key}"]["data"] for key in ("points", "axes", "pc1-line"))
    ax.plot([line["x0"][0], line["x1"][0]], [line["y0"][0], line["y1"][0]],
            color=palette.VERMILLION, ls="--", lw=1.2, alpha=0.8)
    for x, y, px, py in zip(points["x"], points["y"], points["px"], points["py"]):
        ax.plot([x, px], [y, py], color=palette.GREY, lw=0.6, alpha=0.35)
    ax.scatter(points["x"], points["y"], s=9, color=palette.BLUE, alpha=0.55, linewidths=0)
    ax.scatter(points["px"], points["py"], s=7, marker="s", color=palette.VERMILLION,
               alpha=0.8, linewidths=0)
    for i, color in enumerate(axes["color"]):
        ax.annotate("", xy=(axes["x1"][i], axes["y1"][i]), xytext=(axes["x0"][i], axes["y0"][i]),
                    arrowprops=dict(arrowstyle="-|>", color=color, lw=3, mutation_scale=18,
                                    shrinkA=0, shrinkB=0))
        ax.text(axes["label_x"][i], axes["label_y"][i], axes["label"][i], color=color,
                fontweight="bold", ha="center", va="center",
                bbox=dict(facecolor=palette.PAPER, edgecolor="none", alpha=0.8, pad=1))
    return figure


def _describe(spread, correlation, angle, base) -> str:
    _, pca = _fit(base, spread, correlation, angle)
    u1, u2 = pca.components
    lam1, lam2 = pca.explained_variance
    return (
        f"A cloud of {len(base)} points, made with spreads {spread[0]:g} and {spread[1]:g}, "
        f"correlation {correlation:g} and rotated by {angle:g} degrees. Its first principal "
        f"axis points along ({u1[0]:.2f}, {u1[1]:.2f}), at {_line_angle(u1):.0f} degrees, "
        f"with variance {lam1:.2f}; the second, perpendicular to it along "
        f"({u2[0]:.2f}, {u2[1]:.2f}), has variance {lam2:.2f}. Both are drawn as arrows one "
        "standard deviation either side of the mean. Each point is joined to its projection "
        "onto the first axis (small squares on the dashed line). The first axis explains "
        f"{100 * pca.explained_variance_ratio[0]:.1f} percent of the variance."
    )
