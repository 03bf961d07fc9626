"""Figure of the chapter on principal component analysis (``chapters/linear-algebra/pca.md``).

:func:`fig_pca_explorer` draws a seeded two-dimensional cloud whose spread,
correlation and rotation are sliders, its principal axes (each drawn one
standard deviation, :math:`\\sqrt{\\lambda}`, either side of the mean), every
point's projection onto the first axis, and the share of the variance that
axis explains. The numbers come from :mod:`mlmath.linalg.pca`;
``figures/js/pca_explorer.js`` recomputes them in the page (covariance, one
Jacobi rotation, projection), and ``tests/browser/test_pca.py`` checks the two.
"""

from __future__ import annotations

import math

import numpy as np
from bokeh.layouts import column, grid
from bokeh.models import Arrow, ColumnDataSource, Div, LabelSet, Scatter, Segment, Slider, VeeHead
from matplotlib.figure import Figure

from mlmath import linalg
from mlmath._validate import as_int, as_real, as_vector
from mlmath.book.display import BookFigure
from mlmath.data import shape_cloud
from mlmath.figures import _style
from mlmath.figures._numbers import to_fixed
from mlmath.linalg.eigen import REPEATED_TOLERANCE

__all__ = [
    "fig_pca_explorer", "pca_explorer_rows", "pca_explorer_readout", "population_variance_ratio",
    "cloud_base",
]

#: Sliders: (start, end, step) for each spread, the correlation and the angle.
SPREAD_RANGE = (0.25, 2.5, 0.25)
CORRELATION_RANGE = (-1.0, 1.0, 0.05)
ANGLE_RANGE = (-90.0, 90.0, 5.0)
#: Half the width of the plot.
LIMIT = 6.0
#: Below this share of the variance the second axis is "nothing": the cloud is a line.
LINE_SHARE = 1e-9
AXIS_STYLES = ((_style.VERMILLION, "PC1"), (_style.GREEN, "PC2"))


def cloud_base(n: int = 150, seed: int = 1) -> np.ndarray:
    """The seeded standard-normal pairs every setting of the figure reshapes."""
    n = as_int(n, "n", low=3, high=2000)
    seed = as_int(seed, "seed", low=0)
    return np.random.default_rng(seed).standard_normal((n, 2))


def _check(spread, correlation, angle):
    spread = as_vector(spread, "spread", size=2)
    low, high, _ = SPREAD_RANGE
    if np.any(spread < low) or np.any(spread > high):
        raise ValueError(f"spread must have both values in [{low}, {high}] (the sliders' "
                         f"range), got {tuple(spread.tolist())}")
    correlation = as_real(correlation, "correlation", low=-1.0, high=1.0)
    angle = as_real(angle, "angle", low=ANGLE_RANGE[0], high=ANGLE_RANGE[1])
    return spread, correlation, angle


def _line_angle(u) -> float:
    """The angle of the line along ``u``, in degrees, folded into (-90, 90]."""
    degrees = math.atan2(u[1], u[0]) * 180 / math.pi
    if degrees > 90:
        degrees -= 180
    elif degrees <= -90:
        degrees += 180
    return degrees


def _fit(base, spread, correlation, angle):
    points = shape_cloud(base, spread, correlation, angle)
    return points, linalg.fit_pca(points)


def pca_explorer_rows(spread, correlation, angle, base) -> dict[str, dict]:
    """Column data of the figure's sources for one setting of the sliders.

    ``pca_explorer.js`` rebuilds the same columns in the page.

    Returns
    -------
    dict
        ``"points"``: the base pairs ``z1, z2``, the cloud ``x, y`` and each
        point's projection ``px, py`` onto the first principal axis;
        ``"axes"``: each principal axis as a segment from
        :math:`\\boldsymbol\\mu - \\sqrt{\\lambda}\\,\\mathbf v` to
        :math:`\\boldsymbol\\mu + \\sqrt{\\lambda}\\,\\mathbf v`, with its label;
        ``"pc1_line"``: the whole first axis, across the plot.
    """
    points, pca = _fit(base, spread, correlation, angle)
    first = linalg.PCAResult(pca.mean, pca.components[:1], pca.explained_variance[:1],
                             pca.explained_variance_ratio[:1])
    shadows = linalg.pca_reconstruct(linalg.pca_project(points, first), first)
    mean = pca.mean
    kept = pca.explained_variance.sum()
    axes = {key: [] for key in ("x0", "y0", "x1", "y1", "color", "label", "label_x", "label_y")}
    for (color, label), variance, u in zip(AXIS_STYLES, pca.explained_variance, pca.components):
        if variance <= LINE_SHARE * kept:
            continue
        half = math.sqrt(variance)
        axes["x0"].append(mean[0] - half * u[0])
        axes["y0"].append(mean[1] - half * u[1])
        axes["x1"].append(mean[0] + half * u[0])
        axes["y1"].append(mean[1] + half * u[1])
        axes["color"].append(color)
        axes["label"].append(label)
        axes["label_x"].append(mean[0] + (half + 0.6) * u[0])
        axes["label_y"].append(mean[1] + (half + 0.6) * u[1])
    u1 = pca.components[0]
    reach = 2 * LIMIT
    return {
        "points": {"z1": base[:, 0].tolist(), "z2": base[:, 1].tolist(),
                   "x": points[:, 0].tolist(), "y": points[:, 1].tolist(),
                   "px": shadows[:, 0].tolist(), "py": shadows[:, 1].tolist()},
        "axes": axes,
        "pc1_line": {"x0": [mean[0] - reach * u1[0]], "y0": [mean[1] - reach * u1[1]],
                     "x1": [mean[0] + reach * u1[0]], "y1": [mean[1] + reach * u1[1]]},
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


def pca_explorer_readout(spread, correlation, angle, base) -> str:
    """The figure's live readout for one setting of the sliders (HTML).

    ``pca_explorer.js`` writes the same text in the page.
    """
    _, pca = _fit(base, spread, correlation, angle)
    lam1, lam2 = pca.explained_variance
    u1 = pca.components[0]
    share, tie = population_variance_ratio(spread, correlation)
    text = (
        f"<b>PC1 explains {to_fixed(100 * pca.explained_variance_ratio[0], 1)} %</b> of the "
        f"variance · λ₁ = {to_fixed(lam1, 2)}, λ₂ = {to_fixed(lam2, 2)} · PC1 along "
        f"({to_fixed(u1[0], 2)}, {to_fixed(u1[1], 2)}), at {to_fixed(_line_angle(u1), 0)}°"
        f"<br>In the population these {len(base)} points were drawn from, PC1 explains "
        f"{to_fixed(100 * share, 1)} %."
    )
    if lam2 <= LINE_SHARE * (lam1 + lam2):
        text += " The points lie on one line: PC1 keeps all of their spread."
    elif tie:
        text += (" That population has no preferred direction, so the axes drawn here are "
                 "set by the sample's random wobble.")
    return text


def fig_pca_explorer(spread=(2.0, 0.75), correlation=0.0, angle=30.0, n=150,
                     seed=1) -> BookFigure:
    """Interactive PCA of a 2-D cloud: principal axes, projections, explained variance.

    Sliders set the cloud's spread along its two original axes, the
    correlation between them and a rotation. The figure draws the points, the
    principal axes (one standard deviation, √λ, either side of the mean), the
    first axis across the plot and every point's projection onto it (joined
    to the point by a thin segment: the part a one-component PCA throws away).
    The readout gives the explained-variance ratio, both eigenvalues and the
    direction of PC1. Book section: Linear Algebra, *Principal Component
    Analysis*.

    Parameters
    ----------
    spread : (float, float)
        Standard deviations before the rotation, each in ``[0.25, 2.5]``.
    correlation : float in [-1, 1]
    angle : float in [-90, 90]
        Rotation of the cloud, in degrees.
    n : int, 3 <= n <= 2000
        Number of points.
    seed : int
        Seed of the standard-normal pairs the cloud is made from.
    """
    spread, correlation, angle = _check(spread, correlation, angle)
    base = cloud_base(n, seed)
    rows = pca_explorer_rows(spread, correlation, angle, base)
    readout = pca_explorer_readout(spread, correlation, angle, base)
    return BookFigure(
        name="pca-explorer",
        layout=_bokeh_pca_explorer(spread, correlation, angle, rows, readout),
        static=_static_pca_explorer(spread, correlation, angle, base, rows),
        alt=_describe_pca_explorer(spread, correlation, angle, base),
    )


def _bokeh_pca_explorer(spread, correlation, angle, rows, readout_text):
    sources = {key: ColumnDataSource(data, name=f"pca-explorer-{key.replace('_', '-')}")
               for key, data in rows.items()}
    plot = _style.square_canvas(LIMIT, name="pca-explorer-plot",
                                title="A cloud of points and its principal axes")
    _style.axes_through_origin(plot)
    plot.add_glyph(sources["pc1_line"], Segment(x0="x0", y0="y0", x1="x1", y1="y1",
                                                line_color=_style.VERMILLION, line_width=1.5,
                                                line_dash="dashed", line_alpha=0.8))
    plot.add_glyph(sources["points"], Segment(x0="x", y0="y", x1="px", y1="py",
                                              line_color=_style.GREY, line_alpha=0.35))
    plot.add_glyph(sources["points"], Scatter(x="x", y="y", size=5, fill_color=_style.BLUE,
                                              fill_alpha=0.55, line_color=None))
    plot.add_glyph(sources["points"], Scatter(x="px", y="py", size=4, marker="square",
                                              fill_color=_style.VERMILLION, line_color=None,
                                              fill_alpha=0.8))
    plot.add_layout(Arrow(
        source=sources["axes"], x_start="x0", y_start="y0", x_end="x1", y_end="y1",
        line_color="color", line_width=4,
        end=VeeHead(size=14, fill_color="color", line_color="color"),
    ))
    plot.add_layout(LabelSet(
        source=sources["axes"], x="label_x", y="label_y", text="label", text_color="color",
        text_font_style="bold", text_font_size="14px", text_align="center",
        text_baseline="middle", background_fill_color="white", background_fill_alpha=0.8,
    ))

    def slider(name, title, value, limits, fmt):
        start, end, step = limits
        return Slider(start=start, end=end, step=step, value=float(value), title=title,
                      name=f"pca-explorer-{name}", width=200, format=fmt)

    sliders = {
        "spread1": slider("spread1", "spread s₁", spread[0], SPREAD_RANGE, "0.00"),
        "spread2": slider("spread2", "spread s₂", spread[1], SPREAD_RANGE, "0.00"),
        "correlation": slider("correlation", "correlation ρ", correlation,
                              CORRELATION_RANGE, "0.00"),
        "angle": slider("angle", "rotation θ (degrees)", angle, ANGLE_RANGE, "0"),
    }
    readout = Div(text=readout_text, name="pca-explorer-readout",
                  styles={"font-size": "15px", "max-width": f"{_style.PLOT_PX}px"})
    callback = _style.js_callback(
        "pca_explorer.js", **sources, readout=readout, **sliders, limit=LIMIT,
        eps=float(np.finfo(float).eps), line_share=LINE_SHARE,
        tolerance=REPEATED_TOLERANCE,
        styles=[list(style) for style in AXIS_STYLES],
    )
    for widget in sliders.values():
        widget.js_on_change("value", callback)
    controls = grid([[sliders["spread1"], sliders["spread2"]],
                     [sliders["correlation"], sliders["angle"]]])
    return column(controls, readout, plot, name="pca-explorer")


def _static_pca_explorer(spread, correlation, angle, base, rows) -> Figure:
    _, pca = _fit(base, spread, correlation, angle)
    figure_ = Figure(figsize=(_style.PLOT_INCHES, _style.PLOT_INCHES), layout="constrained")
    ax = _style.mpl_square_axes(figure_, LIMIT, title=(
        f"PC1 explains {100 * pca.explained_variance_ratio[0]:.1f} % of the variance"))
    points, axes, line = rows["points"], rows["axes"], rows["pc1_line"]
    ax.plot([line["x0"][0], line["x1"][0]], [line["y0"][0], line["y1"][0]],
            color=_style.VERMILLION, ls="--", lw=1.2, alpha=0.8)
    for x, y, px, py in zip(points["x"], points["y"], points["px"], points["py"]):
        ax.plot([x, px], [y, py], color=_style.GREY, lw=0.6, alpha=0.35)
    ax.scatter(points["x"], points["y"], s=9, color=_style.BLUE, alpha=0.55, linewidths=0)
    ax.scatter(points["px"], points["py"], s=7, marker="s", color=_style.VERMILLION,
               alpha=0.8, linewidths=0)
    for i, color in enumerate(axes["color"]):
        ax.annotate("", xy=(axes["x1"][i], axes["y1"][i]), xytext=(axes["x0"][i], axes["y0"][i]),
                    arrowprops=dict(arrowstyle="-|>", color=color, lw=3, mutation_scale=18,
                                    shrinkA=0, shrinkB=0))
        ax.text(axes["label_x"][i], axes["label_y"][i], axes["label"][i], color=color,
                fontweight="bold", ha="center", va="center",
                bbox=dict(facecolor="white", edgecolor="none", alpha=0.8, pad=1))
    return figure_


def _describe_pca_explorer(spread, correlation, angle, base) -> str:
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
