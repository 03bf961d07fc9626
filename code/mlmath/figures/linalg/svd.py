"""Figures of the chapter on norms and the SVD (``chapters/linear-algebra/norms-svd.md``):
the low-rank image.

:func:`fig_low_rank_image` rebuilds a grey-level photograph from its first
``r`` singular layers as a slider sets ``r``. The page cannot run LAPACK, so the
figure ships the factors of the SVD and ``figures/js/low_rank_image.js`` adds
up the layers, :math:`\\sum_{k \\le r} \\sigma_k \\mathbf u_k \\mathbf v_k^\\top`.

Shipping the factors compactly
------------------------------
The page must stay light (150 KB of HTML), so each singular vector travels as
16-bit integers with one scale factor, :math:`\\mathbf u_k \\approx q_k s_k` with
:math:`q_k \\in \\{-32767, \\dots, 32767\\}` and :math:`s_k = \\max_i |u_{ik}| / 32767`:
half the bytes of ``float32``, and rounding errors of at most
:math:`1/65534` of each vector's largest entry. :func:`encoding_error` measures
what that does to the picture: for the book's image, well under half a grey level
at every rank, so the pixels the page shows (whole grey levels) differ from the
exactly rounded rank-``r`` approximation by at most one level. The singular
values, and with them the readout's energy and error, travel exactly.
"""

from __future__ import annotations

import numpy as np
from bokeh.layouts import column, row
from bokeh.models import ColumnDataSource, Div, LinearColorMapper, Slider
from bokeh.palettes import Greys256
from bokeh.plotting import figure
from matplotlib.figure import Figure

from mlmath import linalg
from mlmath._validate import as_int
from mlmath.book.display import BookFigure
from mlmath.data import load_gray_image
from mlmath.figures import _style
from mlmath.figures._numbers import to_fixed as fixed
from mlmath.figures._slim import drop_unused_glyph_copies

__all__ = [
    "fig_low_rank_image",
    "encode_factors",
    "decode_low_rank",
    "to_grey_levels",
    "encoding_error",
    "low_rank_image_readout",
]

#: The largest magnitude of a 16-bit code.
CODE_MAX = 32767
#: What each of scikit-learn's sample photographs shows, for the alt text.
SUBJECTS = {"china.jpg": "a pagoda above a lake among trees", "flower.jpg": "a dahlia"}
#: Screen pixels per image pixel. The image is small (48 x 72 by default)
#: because its factors are in the page: see the module docstring.
ZOOM = 4


def encode_factors(U: np.ndarray, Vt: np.ndarray) -> dict:
    """The singular vectors as 16-bit codes and one scale per vector.

    Returns ``u_codes`` (shape ``(m, r)``, int16), ``u_scales`` (``r``),
    ``v_codes`` (``(n, r)``, int16) and ``v_scales``: column ``k`` of ``U``
    is approximately ``u_codes[:, k] * u_scales[k]``, and likewise row ``k``
    of ``Vt``.
    """
    encoded = {}
    for key, vectors in (("u", U), ("v", Vt.T)):
        scales = np.abs(vectors).max(axis=0) / CODE_MAX
        scales[scales == 0] = 1.0
        encoded[f"{key}_codes"] = np.round(vectors / scales).astype(np.int16)
        encoded[f"{key}_scales"] = scales
    return encoded


def decode_low_rank(encoded: dict, singular_values, rank: int) -> np.ndarray:
    """The rank-``rank`` approximation rebuilt from the encoded factors (as the page does)."""
    U = encoded["u_codes"][:, :rank] * encoded["u_scales"][:rank]
    V = encoded["v_codes"][:, :rank] * encoded["v_scales"][:rank]
    return (U * np.asarray(singular_values)[:rank]) @ V.T


def to_grey_levels(values: np.ndarray) -> np.ndarray:
    """Clip to [0, 255] and round half up to whole grey levels (JavaScript's
    ``Math.round``), as uint8: what the figure displays."""
    return np.floor(np.clip(values, 0, 255) + 0.5).astype(np.uint8)


def encoding_error(image, rank: int) -> float:
    """Largest difference, in grey levels, between the rank-``rank``
    approximation of ``image`` and its rebuild from the 16-bit encoding."""
    U, s, Vt = linalg.svd(image)
    exact = linalg.low_rank_approximation(image, rank)
    return float(np.max(np.abs(decode_low_rank(encode_factors(U, Vt), s, rank) - exact)))


def low_rank_image_readout(singular_values, shape: tuple[int, int], rank: int) -> str:
    """The figure's readout (HTML); ``low_rank_image.js`` writes the same text."""
    m, n = shape
    stored = rank * (m + n + 1)
    return (
        f"<b>rank r = {rank}</b> of {len(singular_values)} · "
        f"energy kept {fixed(100 * linalg.energy_kept(singular_values, rank), 2)} % · "
        f"relative error ‖A − A<sub>r</sub>‖ / ‖A‖ = "
        f"{fixed(100 * linalg.low_rank_error(singular_values, rank), 2)} %<br>"
        f"stores r(m + n + 1) = {stored} numbers instead of m·n = {m * n} "
        f"({fixed(100 * stored / (m * n), 1)} %)"
    )


def _spectrum_rows(singular_values, rank: int) -> tuple[dict, dict]:
    """The kept and the dropped singular values, as (k, sigma_k) columns.

    Arrays, not lists: Bokeh sends arrays as base64 binary, about half the size."""
    k = np.arange(1, len(singular_values) + 1, dtype=np.int32)
    s = np.asarray(singular_values, dtype=float)
    return ({"k": k[:rank], "sigma": s[:rank]}, {"k": k[rank:], "sigma": s[rank:]})


def fig_low_rank_image(rank: int = 5, image: str = "china.jpg", height: int = 48) -> BookFigure:
    """Interactive low-rank approximation of a photograph.

    A slider sets the rank ``r``; the figure shows the grey-level image beside
    its best rank-``r`` approximation, the singular values with the kept ones
    highlighted, and a readout of the energy kept, the relative error (both
    from the singular values, by Eckart–Young) and the storage the ``r``
    layers need. Book section: Linear Algebra, *Norms and the SVD*.

    Parameters
    ----------
    rank : int
        The starting rank, from 1 to ``min(m, n)``.
    image, height
        Passed to :func:`mlmath.data.load_gray_image`.
    """
    picture = load_gray_image(image, height)
    m, n = picture.shape
    rank = as_int(rank, "rank", low=1, high=min(m, n))
    U, s, Vt = linalg.svd(picture)
    encoded = encode_factors(U, Vt)
    shown = to_grey_levels(decode_low_rank(encoded, s, rank))
    state = {"picture": picture, "shown": shown, "s": s, "rank": rank, "encoded": encoded,
             "name": image}
    return BookFigure(
        name="low-rank-image",
        layout=_bokeh_low_rank_image(state),
        static=_static_low_rank_image(state),
        alt=_describe_low_rank_image(state),
    )


def _image_plot(title: str, name: str, m: int, n: int):
    # No axes at all (not hidden ones): every Bokeh model costs page weight.
    plot = figure(name=name, title=title, width=n * ZOOM, height=m * ZOOM + 30,
                  x_range=(0, n), y_range=(0, m), tools="", toolbar_location=None,
                  x_axis_type=None, y_axis_type=None, min_border=0)
    plot.outline_line_color = None
    return plot


def _bokeh_low_rank_image(state: dict):
    picture, s, rank, encoded = state["picture"], state["s"], state["rank"], state["encoded"]
    m, n = picture.shape
    mapper = LinearColorMapper(palette=Greys256, low=0, high=255)
    # Bokeh draws row 0 of an image at the bottom: flip, so the sky stays up.
    original = ColumnDataSource({"image": [np.flipud(picture).astype(np.uint8)]},
                                name="low-rank-image-original")
    rebuilt = ColumnDataSource({"image": [np.flipud(state["shown"])]},
                               name="low-rank-image-reconstruction")
    left = _image_plot(f"The image A ({m} × {n} grey levels)", "low-rank-image-original-plot",
                       m, n)
    left.image(image="image", x=0, y=0, dw=n, dh=m, source=original, color_mapper=mapper)
    right = _image_plot("Its best rank-r approximation Aᵣ", "low-rank-image-plot", m, n)
    right.image(image="image", x=0, y=0, dw=n, dh=m, source=rebuilt, color_mapper=mapper)

    kept_rows, dropped_rows = _spectrum_rows(s, rank)
    kept = ColumnDataSource(kept_rows, name="low-rank-image-kept")
    dropped = ColumnDataSource(dropped_rows, name="low-rank-image-dropped")
    spectrum = figure(name="low-rank-image-spectrum", title="Singular values σₖ (log scale)",
                      width=2 * n * ZOOM, height=200, y_axis_type="log", tools="",
                      toolbar_location=None, x_range=(0, len(s) + 1))
    spectrum.xaxis.axis_label = "k"
    spectrum.scatter(x="k", y="sigma", source=dropped, size=5, color=_style.GREY,
                     marker="circle", fill_alpha=0.0, legend_label="dropped")
    spectrum.scatter(x="k", y="sigma", source=kept, size=6, color=_style.BLUE,
                     marker="circle", legend_label="kept (k ≤ r)")
    spectrum.legend.location = "top_right"

    slider = Slider(start=1, end=len(s), step=1, value=rank, width=2 * n * ZOOM,
                    title="rank r (number of layers σₖ uₖ vₖᵀ kept)",
                    name="low-rank-image-rank")
    readout = Div(text=low_rank_image_readout(s, (m, n), rank), name="low-rank-image-readout",
                  styles={"font-size": "15px", "text-align": "left"})
    callback = _style.js_callback(
        "low_rank_image.js", rank=slider, rebuilt=rebuilt, kept=kept, dropped=dropped,
        readout=readout, sigma=s, m=m, n=n,
        u_codes=encoded["u_codes"].ravel(), u_scales=encoded["u_scales"],
        v_codes=encoded["v_codes"].ravel(), v_scales=encoded["v_scales"],
    )
    slider.js_on_change("value", callback)
    return drop_unused_glyph_copies(
        column(slider, readout, row(left, right), spectrum, name="low-rank-image"))


def _static_ranks(rank: int, largest: int) -> list[int]:
    """The ranks the printed twin shows: 1, the figure's rank, and four times it."""
    return sorted({1, rank, min(4 * rank, largest)})


def _static_low_rank_image(state: dict) -> Figure:
    picture, s, rank, encoded = state["picture"], state["s"], state["rank"], state["encoded"]
    m, n = picture.shape
    ranks = _static_ranks(rank, len(s))
    figure_ = Figure(figsize=(7.2, 3.9), layout="constrained")
    grid = figure_.add_gridspec(2, len(ranks) + 1, height_ratios=[1.15, 1.0])
    axes = [figure_.add_subplot(grid[0, i]) for i in range(len(ranks) + 1)]
    images = [("A, the image", picture)] + [
        (f"rank {r}: {fixed(100 * linalg.low_rank_error(s, r), 1)} % error",
         to_grey_levels(decode_low_rank(encoded, s, r))) for r in ranks]
    for ax, (title, pixels) in zip(axes, images):
        ax.imshow(pixels, cmap="gray", vmin=0, vmax=255, interpolation="nearest")
        ax.set_title(title, fontsize=9)
        ax.set_axis_off()
    ax = figure_.add_subplot(grid[1, :])
    k = np.arange(1, len(s) + 1)
    ax.semilogy(k[rank:], s[rank:], "o", color=_style.GREY, markerfacecolor="none",
                markersize=4, label="dropped")
    ax.semilogy(k[:rank], s[:rank], "o", color=_style.BLUE, markersize=4,
                label=f"kept at rank {rank}")
    ax.set_xlabel("k")
    ax.set_title("Singular values $\\sigma_k$", fontsize=9)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    return figure_


def _describe_low_rank_image(state: dict) -> str:
    picture, s, rank = state["picture"], state["s"], state["rank"]
    m, n = picture.shape
    ranks = _static_ranks(rank, len(s))
    errors = ", ".join(
        f"rank {r} keeps {fixed(100 * linalg.energy_kept(s, r), 2)} % of the energy with a "
        f"relative error of {fixed(100 * linalg.low_rank_error(s, r), 1)} %" for r in ranks)
    return (
        f"A grey-level photograph, {SUBJECTS[state['name']]} ({state['name']} from "
        f"scikit-learn, {m} by {n} pixels), beside its best approximations of low rank, built "
        f"from the first singular layers of its SVD: {errors}. Rank 1 is a blurred pattern of "
        f"horizontal and vertical bands, and every further layer sharpens the picture. Below, "
        f"the {len(s)} singular values on a log scale fall from {s[0]:.0f} to {s[-1]:.1f}, "
        f"the kept ones highlighted."
    )
