"""The low-rank image (chapter *Norms and the SVD*, section "Low-rank approximation",
``chapters/linear-algebra/norms-svd.md``).

A slider sets the rank r; the figure shows a grey-level photograph A
(:func:`mlmath.data.load_gray_image`) beside its best rank-r approximation

    A_r = σ₁ u₁ v₁ᵀ + … + σ_r u_r v_rᵀ

(the first r layers of its SVD, :func:`mlmath.linalg.svd`), the singular
values with the kept ones highlighted, and a readout of the energy kept,
Σ_{k≤r} σ_k² / Σ σ_k², and the relative error ‖A − A_r‖_F / ‖A‖_F, both from the
singular values by Eckart–Young (:func:`mlmath.linalg.energy_kept`,
:func:`mlmath.linalg.low_rank_error`), and of the r(m + n + 1) numbers the r
layers need instead of the m·n pixels.

Shipping the factors compactly
------------------------------
The page cannot run LAPACK, so the figure ships the factors of the SVD and
``figures/js/low_rank_image.js`` adds up the layers. To keep the page light
each singular vector travels as 16-bit integers with one scale factor,
uₖ ≈ qₖ sₖ with qₖ ∈ {−32767, …, 32767} and sₖ = maxᵢ |uᵢₖ| / 32767: half the
bytes of ``float32``, and rounding errors of at most 1/65534 of each vector's
largest entry. :func:`encoding_error` measures what that does to the picture:
for the book's image, well under half a grey level at every rank, so the
pixels the page shows (whole grey levels) differ from the exactly rounded
rank-r approximation by at most one level. The singular values, and with them
the readout, travel exactly. :func:`decode_low_rank` adds the layers in the
page's order, operation for operation, so that Python and the page agree on
every pixel; :func:`page_state` is what the page must show.
"""

from __future__ import annotations

import functools

import numpy as np
from bokeh.models import (ColumnDataSource, CustomJSTransform, DataRange1d, 
                          LinearColorMapper)

from mlmath import linalg
from mlmath.data import load_gray_image
from mlmath.figures import kit
from mlmath.figures.kit import palette
from mlmath.figures.kit.layout import NARROW_PX, PHONE_COLUMN_PX, text_lines
from mlmath.figures.kit.widgets import READOUT_FONT_PX

__all__ = ["decode_low_rank", "encode_factors", "encoding_error", "fig_low_rank_image",
           "page_state", "readout_text", "to_grey_levels"]

NAME = "low-rank-image"
#: The largest magnitude of a 16-bit code.
CODE_MAX = 32767
#: What each of scikit-learn's sample photographs shows, for the alt text.
SUBJECTS = {"china.jpg": "a pagoda above a lake among trees", "flower.jpg": "a dahlia"}
#: Screen pixels per image pixel on a wide screen. The image is small (48 × 72
#: by default) because its factors are in the page: see the module docstring.
ZOOM = 4
#: Pixels an image plot's title takes above the picture.
TITLE_PX = 30
#: The spectrum's size on a wide screen (it keeps these proportions on a phone).
SPECTRUM_PX = (440, 260)
#: The 256 grey levels, black to white, each written #rrggbbff. A photograph keeps
#: its greys in dark mode, but the page's dark mode swaps every palette colour
#: written #rrggbb in a figure (#ffffff, #e5e5e5, #222222, ... are palette colours):
#: Bokeh's Greys256 would draw the white sky dark.
GREYS = tuple(f"#{v:02x}{v:02x}{v:02x}ff" for v in range(256))
SLIDER_TITLE = "rank r (number of layers σₖ uₖ vₖᵀ kept)"
# The rebuilt picture travels as a flat list of grey levels (a list compares in
# the tests, as the page's data); this turns it into the m × n array Bokeh draws.
_RESHAPE = ("const {ndarray} = Bokeh.require('core/util/ndarray')\n"
            "return xs.map((flat) => ndarray(Uint8Array.from(flat), {shape: [m, n]}))")


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
    """The rank-``rank`` approximation rebuilt from the encoded factors as the
    page does: ``c_k = σ_k s^u_k s^v_k``, then for each pixel the sum over
    ``k`` of ``(c_k q^u_ik) q^v_jk``, layer after layer (the same operations in
    the same order give the same bits as ``low_rank_image.js``)."""
    s = np.asarray(singular_values, dtype=float)
    c = s[:rank] * encoded["u_scales"][:rank] * encoded["v_scales"][:rank]
    w = c * encoded["u_codes"][:, :rank]  # (m, rank)
    v = encoded["v_codes"][:, :rank].astype(float)  # (n, rank)
    total = np.zeros((w.shape[0], v.shape[0]))
    for k in range(rank):
        total = total + w[:, k, None] * v[None, :, k]
    return total


def to_grey_levels(values: np.ndarray) -> np.ndarray:
    """Clip to [0, 255] and round half up to whole grey levels, as JavaScript's
    ``Math.round`` does, as uint8: what the figure displays."""
    values = np.clip(values, 0, 255)
    whole = np.floor(values)
    return (whole + (values - whole >= 0.5)).astype(np.uint8)


def encoding_error(image, rank: int) -> float:
    """Largest difference, in grey levels, between the rank-``rank``
    approximation of ``image`` and its rebuild from the 16-bit encoding."""
    U, s, Vt = linalg.svd(image)
    exact = linalg.low_rank_approximation(image, rank)
    return float(np.max(np.abs(decode_low_rank(encode_factors(U, Vt), s, rank) - exact)))


def readout_text(singular_values, shape: tuple[int, int], rank: int) -> str:
    """The readout (HTML) at rank ``rank`` for a picture of ``shape`` (m, n)."""
    fixed = kit.to_fixed
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


class _Picture:
    """A photograph and the encoded factors of its SVD."""

    def __init__(self, image: str, height: int):
        self.name = image
        self.pixels = load_gray_image(image, height)
        U, self.s, Vt = linalg.svd(self.pixels)
        self.encoded = encode_factors(U, Vt)

    def shown(self, rank: int) -> np.ndarray:
        """The rank-``rank`` picture as the page shows it (row 0 at the top)."""
        return to_grey_levels(decode_low_rank(self.encoded, self.s, rank))


@functools.lru_cache(maxsize=4)
def _picture(image: str = "china.jpg", height: int = 48) -> _Picture:
    """The picture, loaded and factored once (page_state is asked for many ranks)."""
    return _Picture(image, height)


def page_state(values: dict, image: str = "china.jpg", height: int = 48) -> dict:
    """What the page shows for the slider value ``{"low-rank-image-rank": r}`` (for
    the picture ``image`` at ``height`` rows): the rebuilt picture as a flat list
    of grey levels, bottom row first (Bokeh draws row 0 at the bottom)."""
    picture = _picture(image, height)
    rank = int(values[f"{NAME}-rank"])
    k = list(range(1, len(picture.s) + 1))
    sigma = picture.s.tolist()
    return {
        f"{NAME}-reconstruction": {"data": {
            "image": [np.flipud(picture.shown(rank)).ravel().tolist()]}},
        f"{NAME}-kept": {"data": {"k": k[:rank], "sigma": sigma[:rank]}},
        f"{NAME}-dropped": {"data": {"k": k[rank:], "sigma": sigma[rank:]}},
        f"{NAME}-readout": {"text": readout_text(picture.s, picture.pixels.shape, rank)},
    }


def fig_low_rank_image(rank=5, image: str = "china.jpg", height: int = 48) -> kit.BookFigure:
    """Interactive low-rank approximation of a photograph, with its singular values.
    Book section: Linear Algebra, *Norms and the SVD*.

    Parameters
    ----------
    rank : int
        The starting rank, from 1 to ``min(m, n)``.
    image, height
        Passed to :func:`mlmath.data.load_gray_image`.
    """
    picture = _picture(image, height)
    (m, n), s = picture.pixels.shape, picture.s
    slider = kit.SliderSpec(SLIDER_TITLE, 1, len(s), 1).slider(rank, name=f"{NAME}-rank",
                                                               argument="rank")
    rank = int(slider.value)
    state = page_state({slider.name: rank}, image, height)
    models = {key: ColumnDataSource(state[f"{NAME}-{key}"]["data"], name=f"{NAME}-{key}")
              for key in ("reconstruction", "kept", "dropped")}
    readout = kit.readout(NAME, state[f"{NAME}-readout"]["text"])
    encoded = picture.encoded
    kit.link(kit.callback(
        "low_rank_image.js", rank=slider, rebuilt=models["reconstruction"],
        kept=models["kept"], dropped=models["dropped"], readout=readout, sigma=s, m=m, n=n,
        u_codes=encoded["u_codes"].ravel(), u_scales=encoded["u_scales"],
        v_codes=encoded["v_codes"].ravel(), v_scales=encoded["v_scales"]), slider)
    # The readout's room: its longest text (the largest rank has the most digits).
    lines = tuple(max(text_lines(readout_text(s, (m, n), r), width, READOUT_FONT_PX)
                      for r in range(1, len(s) + 1)) for width in (PHONE_COLUMN_PX, NARROW_PX))
    return kit.BookFigure(
        NAME, [kit.Controls(slider, columns=1), kit.Readout(readout, lines=lines),
               kit.Panels(*_pictures(picture, models["reconstruction"])),
               kit.Panels(_spectrum(s, models))],
        static=_static(picture, rank), alt=_describe(picture, rank))



def _image_canvas(name: str, title: str, m: int, n: int):
    """A canvas showing an m × n picture at :data:`ZOOM` screen pixels per pixel
    on a wide screen, scaling with its column. No axes at all (not hidden ones:
    every Bokeh model costs page weight). Its ranges are fitted to the picture
    with equal units across and up (as in kit.square_canvas), so that the
    title's fixed pixels never squash the picture on a narrow screen."""
    plot = kit.canvas(name, title=title, width=n * ZOOM, height=m * ZOOM + TITLE_PX,
                      x_range=DataRange1d(range_padding=0), y_range=DataRange1d(range_padding=0),
                      match_aspect=True, x_axis_type=None, y_axis_type=None, min_border=0)
    plot.outline_line_color = None
    return plot


def _pictures(picture: _Picture, rebuilt):
    m, n = picture.pixels.shape
    mapper = LinearColorMapper(palette=GREYS, low=0, high=255, nan_color=palette.PAPER)
    # Bokeh draws row 0 of an image at the bottom: flip, so the sky stays up.
    original = ColumnDataSource({"image": [np.flipud(picture.pixels).astype(np.uint8)]},
                                name=f"{NAME}-original")
    left = _image_canvas(f"{NAME}-original-plot", f"The image A ({m} × {n} grey levels)", m, n)
    left.image(image="image", x=0, y=0, dw=n, dh=m, source=original, color_mapper=mapper)
    right = _image_canvas(f"{NAME}-plot", "Its best rank-r approximation Aᵣ", m, n)
    reshape = CustomJSTransform(args={"m": m, "n": n}, v_func=_RESHAPE)
    right.image(image={"field": "image", "transform": reshape}, x=0, y=0, dw=n, dh=m,
                source=rebuilt, color_mapper=mapper)
    return left, right


def _spectrum(s, models: dict):
    width, height = SPECTRUM_PX
    plot = kit.canvas(f"{NAME}-spectrum", title="Singular values σₖ (log scale)", width=width,
                      height=height, y_axis_type="log", x_range=(0, len(s) + 1))
    plot.xaxis.axis_label = "k"
    plot.scatter(x="k", y="sigma", source=models["dropped"], size=5, color=palette.GREY,
                 marker="circle", fill_alpha=0.0, legend_label="dropped")
    plot.scatter(x="k", y="sigma", source=models["kept"], size=6, color=palette.BLUE,
                 marker="circle", legend_label="kept (k ≤ r)")
    legend = plot.legend[0]
    legend.location, legend.orientation = "top_right", "horizontal"  # one row, over nothing
    kit.theme_legend(legend)
    return plot


def _static_ranks(rank: int, largest: int) -> list[int]:
    """The ranks the printed twin shows: 1, the figure's rank, and four times it."""
    return sorted({1, rank, min(4 * rank, largest)})


def _static(picture: _Picture, rank: int):
    fixed = kit.to_fixed
    s = picture.s
    ranks = _static_ranks(rank, len(s))
    figure = kit.twin(7.2, 3.9)
    grid = figure.add_gridspec(2, len(ranks) + 1, height_ratios=[1.15, 1.0])
    axes = [figure.add_subplot(grid[0, i]) for i in range(len(ranks) + 1)]
    images = [("A, the image", picture.pixels)] + [
        (f"rank {r}: {fixed(100 * linalg.low_rank_error(s, r), 1)} % error", picture.shown(r))
        for r in ranks]
    for ax, (title, pixels) in zip(axes, images):
        ax.imshow(pixels, cmap="gray", vmin=0, vmax=255, interpolation="nearest")
        ax.set_title(title, fontsize=9)
        ax.set_axis_off()
    ax = figure.add_subplot(grid[1, :])
    k = np.arange(1, len(s) + 1)
    ax.semilogy(k[rank:], s[rank:], "o", color=palette.GREY, markerfacecolor="none",
                markersize=4, label="dropped")
    ax.semilogy(k[:rank], s[:rank], "o", color=palette.BLUE, markersize=4,
                label=f"kept at rank {rank}")
    ax.set_xlabel("k")
    ax.set_title("Singular values $\\sigma_k$", fontsize=9)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    return figure


def _describe(picture: _Picture, rank: int) -> str:
    fixed = kit.to_fixed
    (m, n), s = picture.pixels.shape, picture.s
    errors = ", ".join(
        f"rank {r} keeps {fixed(100 * linalg.energy_kept(s, r), 2)} % of the energy with a "
        f"relative error of {fixed(100 * linalg.low_rank_error(s, r), 1)} %"
        for r in _static_ranks(rank, len(s)))
    return (
        f"A grey-level photograph, {SUBJECTS[picture.name]} ({picture.name} from "
        f"scikit-learn, {m} by {n} pixels), beside its best approximations of low rank, built "
        f"from the first singular layers of its SVD: {errors}. Rank 1 is a blurred pattern of "
        f"horizontal and vertical bands, and every further layer sharpens the picture. Below, "
        f"the {len(s)} singular values on a log scale fall from {s[0]:.0f} to {s[-1]:.1f}, "
        f"the kept ones highlighted."
    )
