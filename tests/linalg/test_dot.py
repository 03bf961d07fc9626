"""mlmath.linalg.dot against NumPy, scikit-learn and closed forms."""

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.metrics.pairwise import cosine_similarity as sk_cosine

from mlmath import linalg

rng = np.random.default_rng(20261126)
PAIRS = [rng.normal(size=(2, n)) * scale for n in (1, 2, 3, 10, 300) for scale in (1e-3, 1, 1e5)]


@pytest.mark.parametrize("pair", PAIRS)
def test_dot_matches_numpy(pair):
    a, b = pair
    assert_allclose(linalg.dot(a, b), np.dot(a, b), rtol=1e-12, atol=1e-300)
    assert_allclose(linalg.dot(a, a), np.linalg.norm(a) ** 2, rtol=1e-12)


@pytest.mark.parametrize("pair", PAIRS)
def test_cosine_and_angle_match_scikit_learn(pair):
    a, b = pair
    expected = sk_cosine(a[np.newaxis], b[np.newaxis])[0, 0]
    assert_allclose(linalg.cosine_similarity(a, b), expected, rtol=1e-12, atol=1e-15)
    # Away from 0 and 180 degrees arccos is well conditioned, so the two forms agree.
    if abs(expected) < 0.99:
        assert_allclose(linalg.angle_between(a, b), np.arccos(expected), rtol=1e-12)
    assert_allclose(linalg.angle_between(a, b, degrees=True),
                    np.degrees(linalg.angle_between(a, b)), rtol=1e-14)


def test_geometric_form_of_the_dot_product():
    # a . b = |a| |b| cos(theta) for vectors drawn at known angles.
    for theta in np.linspace(0, np.pi, 13):
        a = 2.5 * np.array([1.0, 0.0])
        b = 0.4 * np.array([np.cos(theta), np.sin(theta)])
        assert_allclose(linalg.dot(a, b), 2.5 * 0.4 * np.cos(theta), atol=1e-15)
        assert_allclose(linalg.angle_between(a, b), theta, atol=1e-15)


def test_angle_is_exact_where_arccos_is_not():
    a = np.array([1.0, 1e-9])  # about 1e-9 radians from the x-axis
    assert_allclose(linalg.angle_between(a, [1.0, 0.0]), math.atan(1e-9), rtol=1e-12)
    assert np.arccos(linalg.cosine_similarity(a, [1.0, 0.0])) == 0.0  # arccos loses it all
    assert linalg.angle_between([3.0, 4.0], [6.0, 8.0]) == 0.0
    assert linalg.angle_between([3.0, 4.0], [-6.0, -8.0]) == math.pi


def test_cosine_ignores_length_and_stays_in_range():
    a, b = rng.normal(size=(2, 5))
    assert_allclose(linalg.cosine_similarity(1e200 * a, 1e-200 * b),
                    linalg.cosine_similarity(a, b), rtol=1e-12)
    assert linalg.cosine_similarity(a, 3 * a) == pytest.approx(1.0)
    assert -1.0 <= linalg.cosine_similarity(a, -7 * a) <= 1.0
    assert linalg.cosine_similarity([1.0, 0.0], [0.0, 5.0]) == 0.0


@pytest.mark.parametrize("pair", PAIRS[3:])
def test_projection_leaves_a_perpendicular_residual(pair):
    a, b = pair
    p = linalg.projection(a, onto=b)
    assert_allclose(p, np.dot(a, b) / np.dot(b, b) * b, rtol=1e-10, atol=1e-12 * np.abs(a).max())
    residual = a - p
    assert abs(np.dot(residual, b)) <= 1e-10 * np.linalg.norm(a) * np.linalg.norm(b)
    assert_allclose(linalg.scalar_projection(a, onto=b), np.dot(a, b) / np.linalg.norm(b),
                    rtol=1e-10, atol=1e-12 * np.linalg.norm(a))
    # The projection is the closest point of the line: any other multiple of b is farther.
    for t in (0.9, 1.1):
        assert np.linalg.norm(a - t * p) >= np.linalg.norm(residual)


CORPUS = [
    "Gradient descent finds the minimum of a loss function.",
    "The learning rate sets the step size of gradient descent; a rate too large diverges.",
    "Loss, loss, loss: the loss of a network is its average loss over the data.",
    "Search engines rank documents by cosine similarity, a normalized dot product.",
    "Ünïcode wörds and 42 numbers, plus a-b x y single letters",
]


def test_count_vectorize_matches_scikit_learn():
    counts, vocabulary = linalg.count_vectorize(CORPUS)
    reference = CountVectorizer()
    expected = reference.fit_transform(CORPUS).toarray()
    assert vocabulary == list(reference.get_feature_names_out())
    assert_array_equal(counts, expected)
    query = ["loss function minimum, unknown words ignored"]
    assert_array_equal(linalg.count_vectorize(query, vocabulary)[0],
                       reference.transform(query).toarray())


def test_tokenize_follows_count_vectorizer():
    text = "The dot-product, 2 times! A b Éclair"
    assert linalg.tokenize(text) == CountVectorizer().build_analyzer()(text)


def test_rank_by_cosine_matches_scikit_learn_and_ignores_length():
    counts, vocabulary = linalg.count_vectorize(CORPUS[:4])
    query = linalg.count_vectorize(["loss function minimum"], vocabulary)[0][0]
    order, scores = linalg.rank_by_cosine(query, counts)
    assert_allclose(scores, sk_cosine(query[np.newaxis], counts)[0], rtol=1e-12)
    assert_array_equal(order, np.argsort(-scores, kind="stable"))
    assert order[0] == 0  # the document about the minimum of a loss function
    assert np.argmax(counts @ query) == 2  # the raw dot product prefers repetition
    # A document repeated twice over has the same direction, hence the same score.
    doubled = np.vstack([counts, 2 * counts[0]])
    _, doubled_scores = linalg.rank_by_cosine(query, doubled)
    assert_allclose(doubled_scores[-1], doubled_scores[0])


def test_ties_keep_the_documents_order():
    order, scores = linalg.rank_by_cosine([1, 0], [[0, 1], [1, 1], [2, 2], [5, 0]])
    assert list(order) == [3, 1, 2, 0]
    assert scores[1] == scores[2]


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: linalg.dot([1, 2], [1, 2, 3]), "a and b must have the same number"),
        (lambda: linalg.dot([1, np.nan], [1, 2]), "a must be finite"),
        (lambda: linalg.dot([[1, 2]], [1, 2]), "a must be a 1-D vector"),
        (lambda: linalg.cosine_similarity([0, 0], [1, 2]), "a must be a nonzero vector"),
        (lambda: linalg.cosine_similarity([1, 2], [0.0, -0.0]), "b must be a nonzero vector"),
        (lambda: linalg.cosine_similarity([1, 2], [np.inf, 1]), "b must be finite"),
        (lambda: linalg.angle_between([0, 0], [1, 2]), "a must be a nonzero vector.*angle"),
        (lambda: linalg.angle_between([1, 2, 3], [1, 2]), "a and b must have the same"),
        (lambda: linalg.projection([1, 2], [0, 0]), "onto must be a nonzero vector"),
        (lambda: linalg.scalar_projection([1, 2], [0, 0]), "onto must be a nonzero vector"),
        (lambda: linalg.projection([1, 2], [1, 2, 3]), "a and onto must have the same"),
        (lambda: linalg.tokenize(42), "text must be a string"),
        (lambda: linalg.count_vectorize("one document"), "documents must be a list of strings"),
        (lambda: linalg.count_vectorize([]), "documents must hold at least one"),
        (lambda: linalg.count_vectorize(["fine", 3]), r"documents\[1\] must be a string"),
        (lambda: linalg.count_vectorize(["a b c"]), "at least one word"),
        (lambda: linalg.count_vectorize(["x"], ["aa", "aa"]), "vocabulary must not repeat"),
        (lambda: linalg.rank_by_cosine([0, 0], [[1, 2]]), "query must be a nonzero vector"),
        (lambda: linalg.rank_by_cosine([1, 0], [[1, 2], [0, 0]]), "all-zero row.*row 1"),
        (lambda: linalg.rank_by_cosine([1, 0], [[1, 2, 3]]), "same number of terms"),
        (lambda: linalg.rank_by_cosine([1, 0], [1, 2]), "documents must be a 2-D"),
        (lambda: linalg.rank_by_cosine([1, 0], [[1, np.nan]]), "documents must be finite"),
    ],
)
def test_bad_input_names_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()
