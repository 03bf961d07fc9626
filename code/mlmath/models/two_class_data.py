"""Seeded two-class data sets in the plane, from a generator the page repeats.

Book section: Machine Learning Concepts, *Neural networks* (``chapters/ml/neural-networks.md``),
whose playground trains a network in the reader's browser on exactly the data
the chapter trains on in Python.

That is why this module does not draw from NumPy's generator, as the rest of
the package does: JavaScript cannot reproduce NumPy's PCG64 stream cheaply. It
uses :class:`Mulberry32`, a 32-bit generator of a few integer operations that
JavaScript computes bit for bit alike (``figures/js/network_playground_trainer.js``),
so that one seed gives the same points, and the same first weights, in both.
Its uniform numbers are equal in the two languages to the last bit; its normal
numbers (Box-Muller: a logarithm and a cosine) may differ in the last bit,
since the two languages' libraries round those functions in their own ways.

Three data sets, each of two classes, with Gaussian noise of standard
deviation ``noise`` added to both coordinates (the labels keep the noiseless
rule, so noise blurs the border between the classes):

``"XOR"``
    points spread over the square ``[-1.1, 1.1]²`` away from the axes; class 1
    where :math:`x_1 x_2 > 0` (the first and third quadrants).
``"moons"``
    two interleaved half circles of radius 1; example ``i`` is of class
    ``i % 2``.
``"circles"``
    a circle of radius 1 (class 0) around one of radius 0.5 (class 1).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from mlmath._validate import as_int, as_real

__all__ = ["DATASETS", "MAX_NOISE", "Mulberry32", "TwoClassData", "make_two_class",
           "playground_data"]

#: The data sets :func:`make_two_class` makes, as the playground's menu names them.
DATASETS = ("XOR", "moons", "circles")
#: The largest noise allowed: beyond it the classes overlap almost entirely.
MAX_NOISE = 1.0
#: The playground's split: the first points train the network, the rest test it.
N_TRAIN = N_TEST = 200
_MASK = 0xFFFFFFFF
_TWO_32 = 4294967296.0
#: How far each XOR point is pushed away from the axes, so that with no noise
#: the classes are separated by a margin.
XOR_MARGIN = 0.1


class Mulberry32:
    """Tommy Ettinger's Mulberry32: a 32-bit state, advanced by a constant and hashed.

    Every operation is on 32-bit unsigned integers (``& 0xFFFFFFFF`` here,
    ``Math.imul`` and ``>>> 0`` in JavaScript), so both languages make the same
    stream from the same seed. Its period is :math:`2^{32}`: ample for toy
    data, not for statistics. Book section: Machine Learning Concepts, *Neural
    networks*.

    Parameters
    ----------
    seed : int
        Any integer from 0 to :math:`2^{32} - 1`.
    """

    def __init__(self, seed: int):
        self.state = as_int(seed, "seed", low=0, high=_MASK)

    def next_uint32(self) -> int:
        """The next integer of the stream, in ``[0, 2³²)``."""
        self.state = (self.state + 0x6D2B79F5) & _MASK
        t = self.state
        t = ((t ^ (t >> 15)) * (t | 1)) & _MASK
        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & _MASK)) & _MASK
        return (t ^ (t >> 14)) & _MASK

    def uniform(self) -> float:
        """A number in ``[0, 1)``: the next integer divided by :math:`2^{32}` (exact)."""
        return self.next_uint32() / _TWO_32

    def normal(self) -> float:
        """A standard normal number, from two uniform ones by Box and Muller's formula,

        .. math:: z = \\sqrt{-2\\ln u_1}\\,\\cos(2\\pi u_2),

        with :math:`u_1 = (k + \\tfrac12)/2^{32}` in ``(0, 1)``, never 0.
        """
        u1 = (self.next_uint32() + 0.5) / _TWO_32
        u2 = self.uniform()
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)

    def uniforms(self, n: int) -> np.ndarray:
        """The next ``n`` uniform numbers."""
        return np.array([self.uniform() for _ in range(as_int(n, "n", low=0))])

    def normals(self, n: int) -> np.ndarray:
        """The next ``n`` standard normal numbers (two integers each)."""
        return np.array([self.normal() for _ in range(as_int(n, "n", low=0))])


class TwoClassData(NamedTuple):
    """A training set and a test set drawn from one distribution."""

    X_train: np.ndarray
    """shape (N, 2): the training points, one per row."""
    y_train: np.ndarray
    """shape (N,): their labels, 0 or 1."""
    X_test: np.ndarray
    """shape (N_test, 2): the test points, drawn after the training points."""
    y_test: np.ndarray
    """shape (N_test,): their labels."""


def _dataset(dataset) -> str:
    if dataset not in DATASETS:
        raise ValueError(f"dataset must be one of {', '.join(map(repr, DATASETS))}, "
                         f"got {dataset!r}")
    return dataset


def make_two_class(dataset: str = "moons", n: int = 200, noise: float = 0.2,
                   seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``n`` labelled points of one of the :data:`DATASETS`, from :class:`Mulberry32`.

    Each point takes its own draws in a fixed order: the shape's draws (two
    uniform numbers for XOR, one angle :math:`t` for the others), then two
    standard normal numbers :math:`\\varepsilon_1, \\varepsilon_2` for the noise,
    added as ``noise`` times them. So the points move smoothly as ``noise``
    changes, and the page draws the same points from the same seed.

    ``"XOR"``: :math:`x_j = u_j + 0.1\\operatorname{sign}(u_j)` with
    :math:`u_j` uniform on ``[-1, 1)``, label :math:`[x_1 x_2 > 0]`.
    ``"moons"``: :math:`t = \\pi u`; class 0 at :math:`(\\cos t - \\tfrac12,
    \\sin t - \\tfrac14)`, class 1 at :math:`(\\tfrac12 - \\cos t,\\ \\tfrac14 -
    \\sin t)`. ``"circles"``: :math:`t = 2\\pi u`, radius 1 for class 0 and 0.5
    for class 1. Book section: Machine Learning Concepts, *Neural networks*.

    Parameters
    ----------
    dataset : {"XOR", "moons", "circles"}
    n : int
        How many points, at least 1.
    noise : float
        The standard deviation of the noise, in ``[0, 1]``.
    seed : int
        The generator's seed, from 0 to :math:`2^{32} - 1`.

    Returns
    -------
    X : numpy.ndarray, shape (n, 2)
    y : numpy.ndarray of int, shape (n,)
        Labels 0 and 1.

    Raises
    ------
    ValueError
        If ``dataset`` is not one of :data:`DATASETS`, ``n`` is not an integer
        of at least 1, ``noise`` is not a number in ``[0, 1]`` or ``seed`` is
        out of range.
    """
    dataset = _dataset(dataset)
    n = as_int(n, "n", low=1)
    noise = as_real(noise, "noise", low=0.0, high=MAX_NOISE)
    rng = Mulberry32(seed)
    X = np.empty((n, 2))
    y = np.empty(n, dtype=int)
    for i in range(n):
        if dataset == "XOR":
            u1, u2 = 2.0 * rng.uniform() - 1.0, 2.0 * rng.uniform() - 1.0
            x1 = u1 + XOR_MARGIN * math.copysign(1.0, u1)
            x2 = u2 + XOR_MARGIN * math.copysign(1.0, u2)
            label = 1 if x1 * x2 > 0 else 0
        else:
            label = i % 2
            if dataset == "moons":
                t = math.pi * rng.uniform()
                c, s = math.cos(t), math.sin(t)
                x1, x2 = (c - 0.5, s - 0.25) if label == 0 else (0.5 - c, 0.25 - s)
            else:
                t = 2.0 * math.pi * rng.uniform()
                radius = 1.0 if label == 0 else 0.5
                x1, x2 = radius * math.cos(t), radius * math.sin(t)
        e1, e2 = rng.normal(), rng.normal()
        X[i] = x1 + noise * e1, x2 + noise * e2
        y[i] = label
    return X, y


def playground_data(dataset: str = "moons", noise: float = 0.2, seed: int = 0,
                    n_train: int = N_TRAIN, n_test: int = N_TEST) -> TwoClassData:
    """The playground's data: ``n_train + n_test`` points of :func:`make_two_class`,
    the first ``n_train`` for training and the rest for testing (one stream,
    so both come from the same distribution). Book section: Machine Learning
    Concepts, *Neural networks*.

    Raises
    ------
    ValueError
        As :func:`make_two_class`, or if ``n_train`` or ``n_test`` is not an
        integer of at least 1.
    """
    n_train = as_int(n_train, "n_train", low=1)
    n_test = as_int(n_test, "n_test", low=1)
    X, y = make_two_class(dataset, n_train + n_test, noise, seed)
    return TwoClassData(X[:n_train], y[:n_train], X[n_train:], y[n_train:])
