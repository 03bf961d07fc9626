"""The book's map: every algorithm it builds, and the math sections each one uses.

The closing page of Part IV (``chapters/ml/algorithm-map.md``) shows this
map twice: as a table whose cells link to the sections, and as a static
matplotlib chart, :func:`draw_algorithm_map`, with one row per algorithm and
one column per chapter of Parts I-III. It is a drawing of data rather than a
figure to explore, so it is not a kit figure and has no JavaScript.

Each :class:`Algorithm` names the section that builds it (``home``) and the
sections of Parts I-III it rests on (``uses``), by their labels. A label's
chapter is the longest chapter label it starts with (``gradient-descent-rule``
is in ``gradient-descent``). ``tests/figures/test_algorithm_map.py`` checks
that every label exists, that the chapters below are the table of contents'
order, and that the page's table lists exactly these sections.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmath.figures.kit import palette

__all__ = ["Algorithm", "ALGORITHMS", "MATH_CHAPTERS", "PARTS", "chapter_of",
           "usage_matrix", "draw_algorithm_map"]

#: The parts of the book, in order, with their overview pages' labels.
PARTS: dict[str, str] = {
    "linear-algebra": "Linear Algebra",
    "calculus": "Calculus",
    "probability": "Probability & Statistics",
    "ml": "Machine Learning Concepts",
}

#: The chapters of Parts I-III in the book's order: (label, short title, part).
MATH_CHAPTERS: tuple[tuple[str, str, str], ...] = (
    ("vectors", "Vectors", "linear-algebra"),
    ("matrices", "Matrices", "linear-algebra"),
    ("matrix-multiplication", "Matrix multiplication", "linear-algebra"),
    ("linear-systems", "Linear systems", "linear-algebra"),
    ("dot-product", "Dot product", "linear-algebra"),
    ("orthogonality", "Orthogonality", "linear-algebra"),
    ("eigenvectors", "Eigenvectors", "linear-algebra"),
    ("pca", "PCA", "linear-algebra"),
    ("norms-svd", "Norms and SVD", "linear-algebra"),
    ("derivatives", "Derivatives", "calculus"),
    ("gradients", "Gradients", "calculus"),
    ("gradient-descent", "Gradient descent", "calculus"),
    ("backpropagation", "Backpropagation", "calculus"),
    ("optimizers", "Optimizers", "calculus"),
    ("distributions", "Distributions", "probability"),
    ("normal-distribution", "Normal distribution", "probability"),
    ("bayes", "Bayes' theorem", "probability"),
    ("maximum-likelihood", "Maximum likelihood", "probability"),
    ("cross-validation", "Cross-validation", "probability"),
)

#: The chapters of Part IV, each building one model.
MODEL_CHAPTERS: tuple[str, ...] = (
    "linear-regression", "logistic-regression", "neural-networks", "decision-trees", "k-means",
    "regularisation",
)


@dataclass(frozen=True)
class Algorithm:
    """An algorithm the package implements from scratch.

    ``name`` as the page writes it; ``home`` the label of the section (or,
    in Part IV, the chapter) that builds it; ``uses`` the labels of the
    sections of Parts I-III it needs, in the order a reader would visit them.
    """

    name: str
    home: str
    uses: tuple[str, ...]

    @property
    def part(self) -> str:
        """The part of the book that builds the algorithm."""
        return part_of(self.home)


ALGORITHMS: tuple[Algorithm, ...] = (
    # Part I
    Algorithm("Cosine-similarity search", "dot-product-cosine",
              ("vectors-features", "vectors-norm", "dot-product-angle")),
    Algorithm("Gaussian elimination", "linear-systems-elimination",
              ("vectors-operations", "matrices-definition", "matrix-multiplication-views")),
    Algorithm("Gram–Schmidt and QR", "orthogonality-gram-schmidt",
              ("vectors-norm", "dot-product-projection", "orthogonality-orthonormal")),
    Algorithm("Least squares", "orthogonality-least-squares",
              ("matrices-transpose", "linear-systems-rank", "orthogonality-gram-schmidt",
               "orthogonality-projection")),
    Algorithm("Jacobi's eigenvalue method", "eigenvectors-jacobi",
              ("matrix-multiplication-maps", "orthogonality-orthonormal",
               "eigenvectors-definition", "eigenvectors-symmetric")),
    Algorithm("Principal component analysis", "pca-definition",
              ("vectors-norm", "matrices-data", "dot-product-projection",
               "eigenvectors-symmetric")),
    Algorithm("SVD and low-rank approximation", "norms-svd-svd",
              ("vectors-norm", "orthogonality-orthonormal", "eigenvectors-symmetric")),
    # Part II
    Algorithm("Finite differences", "derivatives-numerical", ("derivatives-definition",)),
    Algorithm("Gradient check", "gradients-check",
              ("vectors-norm", "derivatives-numerical", "gradients-partial")),
    Algorithm("Gradient descent", "gradient-descent-rule",
              ("eigenvectors-symmetric", "gradients-definition", "gradients-directional",
               "gradient-descent-hessian")),
    Algorithm("Reverse-mode automatic differentiation", "backpropagation-engine",
              ("derivatives-chain", "backpropagation-graphs", "backpropagation-passes")),
    Algorithm("SGD, momentum, RMSProp and Adam", "optimizers-rules",
              ("orthogonality-least-squares", "gradient-descent-rule",
               "gradient-descent-quadratic", "gradient-descent-hessian")),
    Algorithm("Newton's method", "optimizers-newton",
              ("linear-systems-elimination", "gradient-descent-hessian",
               "gradient-descent-convexity")),
    # Part III
    Algorithm("Inverse-CDF sampling", "distributions-sampling", ("distributions-functions",)),
    Algorithm("Naive Bayes", "bayes-in-ml",
              ("distributions-bernoulli", "bayes-theorem", "maximum-likelihood-coin")),
    Algorithm("Maximum likelihood by descent", "maximum-likelihood-numerical",
              ("gradients-definition", "gradient-descent-rule", "maximum-likelihood-log")),
    Algorithm("k-fold cross-validation", "cross-validation-kfold",
              ("orthogonality-least-squares", "distributions-expectation",
               "cross-validation-split")),
    # Part IV
    Algorithm("Linear regression", "linear-regression",
              ("orthogonality-least-squares", "orthogonality-conditioning",
               "gradient-descent-quadratic", "maximum-likelihood-in-ml",
               "cross-validation-split")),
    Algorithm("Logistic regression", "logistic-regression",
              ("dot-product-projection", "derivatives-chain", "gradients-check",
               "gradient-descent-convexity", "distributions-entropy",
               "maximum-likelihood-no-maximum")),
    Algorithm("Neural network", "neural-networks",
              ("matrix-multiplication-layer", "gradient-descent-learning-rate",
               "backpropagation-engine", "backpropagation-matrix", "optimizers-minibatch",
               "distributions-entropy")),
    Algorithm("Decision tree", "decision-trees",
              ("distributions-entropy", "cross-validation-kfold")),
    Algorithm("k-means", "k-means",
              ("vectors-norm", "gradient-descent-convexity", "normal-distribution-multivariate")),
    Algorithm("Ridge regression", "regularisation",
              ("orthogonality-least-squares", "norms-svd-regularisation", "norms-svd-svd",
               "gradient-descent-rule", "bayes-updating", "maximum-likelihood-in-ml",
               "cross-validation-kfold")),
)

_CHAPTER_PARTS = {label: part for label, _, part in MATH_CHAPTERS}
_CHAPTER_PARTS.update({label: "ml" for label in MODEL_CHAPTERS})


def chapter_of(label: str) -> str:
    """The chapter holding a section label: the longest chapter label it starts with.

    >>> chapter_of("gradient-descent-rule")
    'gradient-descent'
    """
    matches = [c for c in _CHAPTER_PARTS if label == c or label.startswith(c + "-")]
    if not matches:
        raise ValueError(f"label must start with a chapter's label; got {label!r}")
    return max(matches, key=len)


def part_of(label: str) -> str:
    """The part (a key of :data:`PARTS`) whose chapter holds ``label``."""
    return _CHAPTER_PARTS[chapter_of(label)]


def usage_matrix(algorithms=ALGORITHMS) -> np.ndarray:
    """Count, for each algorithm (row) and math chapter (column), the sections it uses there."""
    columns = {label: j for j, (label, _, _) in enumerate(MATH_CHAPTERS)}
    counts = np.zeros((len(algorithms), len(MATH_CHAPTERS)), dtype=int)
    for i, algorithm in enumerate(algorithms):
        for label in algorithm.uses:
            chapter = chapter_of(label)
            if chapter not in columns:
                raise ValueError(f"{algorithm.name} uses {label!r}, which is not in Parts I-III")
            counts[i, columns[chapter]] += 1
    return counts


_PART_COLOURS = {"linear-algebra": palette.BLUE, "calculus": palette.VERMILLION,
                 "probability": palette.GREEN, "ml": palette.PURPLE}
_PART_MARKERS = {"linear-algebra": "o", "calculus": "s", "probability": "D"}


def draw_algorithm_map(algorithms=ALGORITHMS):
    """A matplotlib chart of :func:`usage_matrix`: algorithms down, chapters across.

    A mark's area grows with the number of sections used in that chapter,
    its colour and shape say the chapter's part, and a ring marks the
    chapter that builds the algorithm. Rows are grouped by the part that
    builds them, separated by rules. Returns the figure."""
    import matplotlib.pyplot as plt

    counts = usage_matrix(algorithms)
    n_rows, n_cols = counts.shape
    fig, ax = plt.subplots(figsize=(7.2, 7.6), layout="constrained")
    for j, (_, _, part) in enumerate(MATH_CHAPTERS):
        rows = np.flatnonzero(counts[:, j])
        ax.scatter(np.full(rows.size, j), rows, s=45 * counts[rows, j],
                   marker=_PART_MARKERS[part], color=_PART_COLOURS[part], zorder=3,
                   label=PARTS[part] if j == min(
                       k for k, c in enumerate(MATH_CHAPTERS) if c[2] == part) else None)
    columns = [label for label, _, _ in MATH_CHAPTERS]
    homes = [(columns.index(chapter_of(a.home)), i) for i, a in enumerate(algorithms)
             if chapter_of(a.home) in columns]
    ax.scatter(*zip(*homes), s=190, facecolors="none", edgecolors=palette.INK,
               linewidths=1.2, zorder=2, label="where it is built")
    # Rules between the groups of rows and of columns.
    parts = [a.part for a in algorithms]
    for i in range(1, n_rows):
        if parts[i] != parts[i - 1]:
            ax.axhline(i - 0.5, color=palette.GREY, lw=0.8)
    col_parts = [part for _, _, part in MATH_CHAPTERS]
    for j in range(1, n_cols):
        if col_parts[j] != col_parts[j - 1]:
            ax.axvline(j - 0.5, color=palette.GREY, lw=0.8)
    ax.set_xticks(range(n_cols), [title for _, title, _ in MATH_CHAPTERS], rotation=60,
                  ha="left", rotation_mode="anchor", fontsize=8.5)
    ax.set_yticks(range(n_rows), [a.name for a in algorithms], fontsize=8.5)
    ax.xaxis.tick_top()
    ax.set_xlim(-0.6, n_cols - 0.4)
    ax.set_ylim(n_rows - 0.5, -0.5)
    ax.grid(True, color=palette.RULE, lw=0.6, zorder=0)
    ax.set_axisbelow(True)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=2, fontsize=8.5,
              frameon=False, markerscale=0.8, title="the chapter's part (area: sections used)",
              title_fontsize=8.5)
    return fig
