"""The dot product and what it measures (chapter ``chapters/linear-algebra/dot-product.md``).

The dot product itself, the angle and the cosine similarity it yields, the
projection of one vector on another, and a tiny search engine: documents turned
into term-count vectors and ranked against a query by cosine similarity. The
tests check every function against NumPy and scikit-learn
(``sklearn.metrics.pairwise.cosine_similarity``,
``sklearn.feature_extraction.text.CountVectorizer``).
"""

from __future__ import annotations

import math
import re

import numpy as np

from mlmath._validate import as_vector, same_size
from mlmath.linalg.vectors import norm, unit_vector

__all__ = [
    "dot",
    "angle_between",
    "cosine_similarity",
    "scalar_projection",
    "projection",
    "tokenize",
    "count_vectorize",
    "rank_by_cosine",
]


def _nonzero(x: np.ndarray, name: str, what: str) -> None:
    if not np.any(x):
        raise ValueError(
            f"{name} must be a nonzero vector: the zero vector has no direction, "
            f"so {what} is undefined"
        )


def dot(a, b) -> float:
    r"""The dot product: multiply matching components and add the products.

    .. math:: \mathbf a \cdot \mathbf b = \sum_{i=1}^n a_i b_i

    Geometrically it equals :math:`\lVert\mathbf a\rVert\,\lVert\mathbf b\rVert\cos\theta`,
    with :math:`\theta` the angle between the two arrows.
    Book section: Linear Algebra, *The dot product*.

    Parameters
    ----------
    a, b : array_like, shape (n,)
        Vectors with the same number of components.

    Returns
    -------
    float
    """
    a = as_vector(a, "a")
    b = as_vector(b, "b")
    same_size(a, b, "a", "b")
    return float(np.sum(a * b))


def cosine_similarity(a, b) -> float:
    r"""The cosine of the angle between ``a`` and ``b``: their dot product after
    scaling both to length 1.

    .. math::

        \cos\theta = \frac{\mathbf a \cdot \mathbf b}
                          {\lVert \mathbf a \rVert_2 \, \lVert \mathbf b \rVert_2}
                   \in [-1, 1]

    1 means "same direction", 0 "perpendicular", -1 "opposite"; the lengths
    do not matter. Book section: Linear Algebra, *The dot product*.

    Parameters
    ----------
    a, b : array_like, shape (n,)
        Nonzero vectors with the same number of components.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If either vector is the zero vector (it has no direction).
    """
    a = as_vector(a, "a")
    b = as_vector(b, "b")
    same_size(a, b, "a", "b")
    _nonzero(a, "a", "the cosine similarity")
    _nonzero(b, "b", "the cosine similarity")
    # Normalising first keeps huge or tiny vectors from overflowing; rounding
    # can still land a hair outside [-1, 1], which would be no cosine at all.
    return float(np.clip(np.sum(unit_vector(a) * unit_vector(b)), -1.0, 1.0))


def angle_between(a, b, *, degrees: bool = False) -> float:
    r"""The angle between ``a`` and ``b``, in radians (or degrees).

    .. math:: \theta = \arccos \frac{\mathbf a \cdot \mathbf b}
                                    {\lVert \mathbf a \rVert\,\lVert \mathbf b \rVert}
              = 2 \operatorname{atan2}\bigl(\lVert \hat{\mathbf a} - \hat{\mathbf b} \rVert,
                                           \lVert \hat{\mathbf a} + \hat{\mathbf b} \rVert\bigr)

    The second form (W. Kahan's) is the one computed: :math:`\arccos` is so
    steep near 1 and -1 that the rounding error of the cosine (about
    :math:`10^{-16}`) becomes an error of about :math:`10^{-8}` in nearly
    parallel angles. Here :math:`\hat{\mathbf a}, \hat{\mathbf b}` are the unit
    vectors; their difference and sum are the diagonals of the rhombus they
    span, which meet at right angles and whose half-lengths are
    :math:`\sin(\theta/2)` and :math:`\cos(\theta/2)`.
    Book section: Linear Algebra, *The dot product*.

    Parameters
    ----------
    a, b : array_like, shape (n,)
        Nonzero vectors with the same number of components.
    degrees : bool, default False
        Return degrees instead of radians.

    Returns
    -------
    float
        In :math:`[0, \pi]` (or :math:`[0, 180]`).

    Raises
    ------
    ValueError
        If either vector is the zero vector.
    """
    a = as_vector(a, "a")
    b = as_vector(b, "b")
    same_size(a, b, "a", "b")
    _nonzero(a, "a", "the angle")
    _nonzero(b, "b", "the angle")
    u, v = unit_vector(a), unit_vector(b)
    theta = 2.0 * math.atan2(norm(u - v), norm(u + v))
    return math.degrees(theta) if degrees else theta


def scalar_projection(a, onto) -> float:
    r"""The signed length of the shadow that ``a`` casts on the line through ``onto``.

    .. math:: \operatorname{comp}_{\mathbf b}\mathbf a
              = \frac{\mathbf a \cdot \mathbf b}{\lVert \mathbf b \rVert}
              = \lVert \mathbf a \rVert \cos\theta

    Negative when ``a`` points away from ``onto`` (an obtuse angle).
    Book section: Linear Algebra, *The dot product*.

    Raises
    ------
    ValueError
        If ``onto`` is the zero vector (it spans no line).
    """
    a = as_vector(a, "a")
    onto = as_vector(onto, "onto")
    same_size(a, onto, "a", "onto")
    _nonzero(onto, "onto", "the projection on it")
    return float(np.sum(a * unit_vector(onto)))


def projection(a, onto) -> np.ndarray:
    r"""The vector projection of ``a`` on the line through ``onto``.

    .. math:: \operatorname{proj}_{\mathbf b}\mathbf a
              = \frac{\mathbf a \cdot \mathbf b}{\mathbf b \cdot \mathbf b}\,\mathbf b

    It is the point of that line closest to ``a``: the residual
    ``a - projection(a, onto)`` is perpendicular to ``onto``.
    Book section: Linear Algebra, *The dot product*.

    Parameters
    ----------
    a, onto : array_like, shape (n,)
        ``onto`` must be nonzero.

    Returns
    -------
    numpy.ndarray, shape (n,)

    Raises
    ------
    ValueError
        If ``onto`` is the zero vector (it spans no line).
    """
    a = as_vector(a, "a")
    onto = as_vector(onto, "onto")
    same_size(a, onto, "a", "onto")
    _nonzero(onto, "onto", "the projection on it")
    direction = unit_vector(onto)
    return float(np.sum(a * direction)) * direction


#: Words of two or more letters or digits: the same rule as scikit-learn's
#: ``CountVectorizer`` (its default ``token_pattern``).
WORD = re.compile(r"(?u)\b\w\w+\b")


def tokenize(text: str) -> list[str]:
    """Split ``text`` into lower-case words of at least two characters.

    ``"The dot-product, 2 times!"`` gives ``["the", "dot", "product", "times"]``.
    Book section: Linear Algebra, *The dot product* (search-engine example).
    """
    if not isinstance(text, str):
        raise ValueError(f"text must be a string, got {type(text).__name__}")
    return WORD.findall(text.lower())


def _as_documents(documents, name: str) -> list[str]:
    if isinstance(documents, str) or not hasattr(documents, "__iter__"):
        raise ValueError(f"{name} must be a list of strings, got {type(documents).__name__}")
    documents = list(documents)
    if not documents:
        raise ValueError(f"{name} must hold at least one document, got none")
    for index, document in enumerate(documents):
        if not isinstance(document, str):
            raise ValueError(
                f"{name}[{index}] must be a string, got {type(document).__name__}"
            )
    return documents


def count_vectorize(documents, vocabulary=None) -> tuple[np.ndarray, list[str]]:
    r"""Turn documents into term-count vectors, one row per document.

    Entry :math:`(d, t)` of the result counts how often word ``vocabulary[t]``
    occurs in document ``d``. Without a ``vocabulary`` the sorted set of all
    words in ``documents`` is used; with one (say, a corpus's vocabulary applied
    to a query) words outside it are ignored.
    Book section: Linear Algebra, *The dot product* (search-engine example).

    Parameters
    ----------
    documents : list of str
    vocabulary : list of str, optional
        Distinct words, in the order of the columns.

    Returns
    -------
    counts : numpy.ndarray, shape (len(documents), len(vocabulary))
    vocabulary : list of str

    Raises
    ------
    ValueError
        If ``documents`` is not a non-empty list of strings, if it has no word
        at all (and no ``vocabulary`` is given), or if ``vocabulary`` is empty
        or repeats a word.
    """
    documents = _as_documents(documents, "documents")
    tokens = [tokenize(document) for document in documents]
    if vocabulary is None:
        vocabulary = sorted({word for words in tokens for word in words})
        if not vocabulary:
            raise ValueError(
                "documents must contain at least one word of two or more letters, got none"
            )
    else:
        vocabulary = _as_documents(vocabulary, "vocabulary")
        if len(set(vocabulary)) != len(vocabulary):
            raise ValueError("vocabulary must not repeat a word")
    column = {word: index for index, word in enumerate(vocabulary)}
    counts = np.zeros((len(documents), len(vocabulary)))
    for row, words in enumerate(tokens):
        for word in words:
            if word in column:
                counts[row, column[word]] += 1
    return counts, list(vocabulary)


def rank_by_cosine(query, documents) -> tuple[np.ndarray, np.ndarray]:
    r"""Rank the rows of ``documents`` by cosine similarity to ``query``.

    .. math:: \text{score}_d = \frac{\mathbf q \cdot \mathbf d_d}
                                    {\lVert \mathbf q \rVert\,\lVert \mathbf d_d \rVert}

    Dividing by the lengths is what stops a long document from winning just
    because it repeats words: only the *direction* of its term vector counts.
    Book section: Linear Algebra, *The dot product* (search-engine example).

    Parameters
    ----------
    query : array_like, shape (n,)
        The query's term vector; nonzero.
    documents : array_like, shape (m, n)
        One document's term vector per row; no row may be all zeros.

    Returns
    -------
    order : numpy.ndarray of int, shape (m,)
        Row indices, best match first (ties keep the documents' order).
    scores : numpy.ndarray, shape (m,)
        Every row's cosine similarity, in the rows' original order.

    Raises
    ------
    ValueError
        If ``query`` is the zero vector (it shares no word with the
        vocabulary), if a document row is all zeros, or if the sizes disagree.
    """
    query = as_vector(query, "query")
    try:
        matrix = np.asarray(documents, dtype=float)
    except (TypeError, ValueError):
        raise ValueError("documents must be a 2-D array of real numbers") from None
    if matrix.ndim != 2 or matrix.shape[0] == 0:
        raise ValueError(
            f"documents must be a 2-D array with at least one row, got shape {matrix.shape}"
        )
    if matrix.shape[1] != query.size:
        raise ValueError(
            f"query and documents must have the same number of terms, "
            f"got {query.size} and {matrix.shape[1]} columns"
        )
    if not np.all(np.isfinite(matrix)):
        raise ValueError("documents must be finite (no NaN or inf)")
    if not np.any(query):
        raise ValueError(
            "query must be a nonzero vector: it shares no word with the vocabulary, "
            "so there is nothing to rank by"
        )
    empty = np.flatnonzero(~np.any(matrix, axis=1))
    if empty.size:
        raise ValueError(
            f"documents must have no all-zero row (a document without a known word "
            f"has no direction), got one at row {int(empty[0])}"
        )
    scores = np.array([cosine_similarity(query, row) for row in matrix])
    order = np.argsort(-scores, kind="stable")
    return order, scores
