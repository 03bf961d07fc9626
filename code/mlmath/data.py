"""Small, seeded data sets made for the book.

Everything here is generated, never downloaded: the book builds with no network,
and the same seed gives the same numbers in every build.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from mlmath._validate import as_int, as_matrix, as_real, as_vector

__all__ = ["HOUSE_FEATURES", "Houses", "make_houses", "load_gray_image", "make_cloud",
           "shape_cloud"]

#: Column names of :func:`make_houses`'s feature matrix, in order.
HOUSE_FEATURES = ("square_feet", "bedrooms", "age_years")


class Houses(NamedTuple):
    """A toy housing market: one row per house."""

    features: np.ndarray
    """shape (n, 3): square feet, bedrooms, age in years (see ``HOUSE_FEATURES``)."""
    price: np.ndarray
    """shape (n,): sale price in thousands of dollars."""
    feature_names: tuple[str, ...]


def make_houses(n: int = 8, seed: int = 0) -> Houses:
    r"""Generate ``n`` houses described by three features, with prices.

    Floor area is drawn between 700 and 3500 square feet; bedrooms grow with
    area (about one per 650 square feet, at least 1); age is uniform on
    0 to 80 years. The price (thousands of dollars) is linear in the features
    plus Gaussian noise,

    .. math:: \text{price} = 40 + 0.12\,\text{sqft} + 8\,\text{bedrooms}
              - 0.9\,\text{age} + \varepsilon,\quad
              \varepsilon \sim \mathcal N(0, 15^2),

    so later chapters can recover these coefficients by regression.
    Book section: Linear Algebra, *Vectors* (a house as a feature vector).

    Parameters
    ----------
    n : int, 1 <= n <= 100000
        Number of houses.
    seed : int, >= 0
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    Houses
    """
    n = as_int(n, "n", low=1, high=100_000)
    seed = as_int(seed, "seed", low=0)
    rng = np.random.default_rng(seed)
    square_feet = np.round(rng.uniform(700, 3500, n), -1)
    bedrooms = np.clip(np.round(square_feet / 650 + rng.normal(0, 0.5, n)), 1, None)
    age = np.round(rng.uniform(0, 80, n))
    noise = rng.normal(0, 15, n)
    price = 40 + 0.12 * square_feet + 8 * bedrooms - 0.9 * age + noise
    features = np.column_stack([square_feet, bedrooms, age])
    return Houses(features, np.round(price, 1), HOUSE_FEATURES)


#: The photographs that ship with scikit-learn (``sklearn.datasets.load_sample_image``).
SAMPLE_IMAGES = ("china.jpg", "flower.jpg")


def load_gray_image(name: str = "china.jpg", height: int = 80) -> np.ndarray:
    r"""A photograph shipped with scikit-learn, in grey levels, made small.

    The colour image is turned into luminance the way television and JPEG do
    (ITU-R BT.601 weights, Pillow's ``"L"`` mode),

    .. math:: Y = 0.299\,R + 0.587\,G + 0.114\,B,

    shrunk to ``height`` rows by averaging blocks of pixels (the width keeps
    the aspect ratio), and rounded to whole grey levels.
    Book section: Linear Algebra, *Norms and the SVD* (an image as a matrix).

    Parameters
    ----------
    name : {"china.jpg", "flower.jpg"}
        Which of scikit-learn's two sample photographs (both 427 x 640).
    height : int, 8 <= height <= 427
        Rows of the result.

    Returns
    -------
    numpy.ndarray, shape (height, width), float
        Grey levels, whole numbers from 0 (black) to 255 (white); row 0 is the
        top of the picture.
    """
    from PIL import Image
    from sklearn.datasets import load_sample_image

    if name not in SAMPLE_IMAGES:
        raise ValueError(f"name must be one of {SAMPLE_IMAGES}, got {name!r}")
    height = as_int(height, "height", low=8, high=427)
    gray = Image.fromarray(load_sample_image(name)).convert("L")
    width = round(gray.width * height / gray.height)
    small = gray.convert("F").resize((width, height), Image.Resampling.BOX)
    return np.clip(np.round(np.asarray(small, dtype=float)), 0, 255)


def shape_cloud(base, spread=(1.0, 1.0), correlation: float = 0.0,
                angle: float = 0.0) -> np.ndarray:
    r"""Stretch, correlate and rotate a cloud of standard-normal pairs.

    Each row :math:`(z_1, z_2)` of ``base`` becomes

    .. math::

        \begin{bmatrix} x_1 \\ x_2 \end{bmatrix}
        = R(\theta) \begin{bmatrix} s_1 z_1 \\
          s_2 \bigl(\rho z_1 + \sqrt{1 - \rho^2}\, z_2\bigr) \end{bmatrix},
        \qquad
        R(\theta) = \begin{bmatrix} \cos\theta & -\sin\theta \\
                                     \sin\theta & \cos\theta \end{bmatrix},

    so that before the rotation the two coordinates have standard deviations
    :math:`s_1, s_2` and correlation :math:`\rho` (for a standard-normal
    ``base``); the rotation then turns the whole cloud by :math:`\theta`.
    ``figures/js/pca_explorer.js`` repeats this, operation for operation.
    Book section: Linear Algebra, *Principal Component Analysis*.

    Parameters
    ----------
    base : array_like, shape (n, 2)
    spread : (float, float), each > 0
        :math:`s_1, s_2`.
    correlation : float in [-1, 1]
        :math:`\rho`; at :math:`\pm 1` the cloud collapses onto a line.
    angle : float
        :math:`\theta` in degrees, counter-clockwise.

    Returns
    -------
    numpy.ndarray, shape (n, 2)
    """
    base = as_matrix(base, "base")
    if base.shape[1] != 2:
        raise ValueError(f"base must have 2 columns, got shape {base.shape}")
    s1, s2 = as_vector(spread, "spread", size=2)
    if s1 <= 0 or s2 <= 0:
        raise ValueError(f"spread must be two numbers > 0, got ({s1}, {s2})")
    rho = as_real(correlation, "correlation", low=-1.0, high=1.0)
    theta = as_real(angle, "angle") * np.pi / 180
    z1, z2 = base[:, 0], base[:, 1]
    x = s1 * z1
    y = s2 * (rho * z1 + np.sqrt(max(0.0, 1 - rho * rho)) * z2)
    cos, sin = np.cos(theta), np.sin(theta)
    return np.column_stack([cos * x - sin * y, sin * x + cos * y])


def make_cloud(n: int = 200, spread=(2.0, 0.6), correlation: float = 0.0,
               angle: float = 30.0, seed: int = 0) -> np.ndarray:
    r"""``n`` seeded points of a two-dimensional Gaussian cloud, shaped by :func:`shape_cloud`.

    The raw material of the chapter on principal component analysis: a cloud
    whose spread, correlation and orientation are known, so that what PCA
    finds can be compared with what was put in. Book section: Linear Algebra,
    *Principal Component Analysis*.

    Parameters
    ----------
    n : int, 2 <= n <= 100000
    spread, correlation, angle
        See :func:`shape_cloud`.
    seed : int, >= 0
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    numpy.ndarray, shape (n, 2)
    """
    n = as_int(n, "n", low=2, high=100_000)
    seed = as_int(seed, "seed", low=0)
    base = np.random.default_rng(seed).standard_normal((n, 2))
    return shape_cloud(base, spread, correlation, angle)
