r"""Bayes' theorem from scratch (chapter *Bayes' theorem*, ``chapters/probability/bayes.md``).

Bayes' rule :math:`P(A \mid B) = P(B \mid A)\,P(A) / P(B)` with its evidence from the law
of total probability, for two hypotheses (a screening test: prevalence, sensitivity,
specificity) and for many (a grid of parameter values); the odds form, prior odds times
a Bayes factor; updating on one result after another; whole-number counts of a
population, as the book's figure draws them; and a seeded simulation to check all of it
against. Naive Bayes, the same rule applied to many features, is in
:mod:`mlmath.probability.naive_bayes`.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np

from mlmath._validate import as_int

__all__ = [
    "PopulationCounts", "Screening", "bayes_factor", "bayes_rule", "odds",
    "population_counts", "posterior", "probability_from_odds", "screening",
    "sequential_posteriors", "simulate_screening", "split_by_test", "total_probability",
]

#: How far a sum of probabilities may be from 1 (rounding), or P(A and B) above P(B).
TOLERANCE = 1e-9


def _probability(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a probability, a real number in [0, 1], got {value!r}")
    if not 0.0 <= float(value) <= 1.0:  # also refuses NaN
        raise ValueError(f"{name} must be a probability in [0, 1], got {float(value)}")
    return float(value)


def _probabilities(values, name: str) -> np.ndarray:
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a sequence of probabilities in [0, 1], "
                         f"got {values!r}") from None
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D sequence of probabilities, "
                         f"got shape {array.shape}")
    if not np.all((array >= 0.0) & (array <= 1.0)):  # also refuses NaN
        raise ValueError(f"{name} must hold probabilities in [0, 1] (no NaN), got {array}")
    return array


def _distribution(values, name: str) -> np.ndarray:
    array = _probabilities(values, name)
    if abs(array.sum() - 1.0) > TOLERANCE * array.size:
        raise ValueError(f"{name} must sum to 1 (a probability for each hypothesis of a "
                         f"partition), got a sum of {array.sum()!r}")
    return array


def bayes_rule(likelihood, prior, evidence) -> float:
    r"""Bayes' rule, :math:`P(A \mid B) = \dfrac{P(B \mid A)\,P(A)}{P(B)}`.

    Book section: Probability, *Bayes' theorem*.

    Parameters
    ----------
    likelihood : float
        :math:`P(B \mid A)`, in [0, 1].
    prior : float
        :math:`P(A)`, in [0, 1].
    evidence : float
        :math:`P(B)`, in (0, 1]: conditioning on an event of probability 0 is undefined.

    Returns
    -------
    float
        The posterior :math:`P(A \mid B)`.

    Raises
    ------
    ValueError
        If an argument is not a probability, if ``evidence`` is 0, or if
        ``likelihood * prior`` (which is :math:`P(A \cap B)`) exceeds ``evidence``.
    """
    likelihood = _probability(likelihood, "likelihood")
    prior = _probability(prior, "prior")
    evidence = _probability(evidence, "evidence")
    if evidence == 0.0:
        raise ValueError("evidence must be positive: P(B) = 0 means B never happens, and "
                         "P(A | B) is then undefined (0/0)")
    joint = likelihood * prior
    if joint > evidence * (1.0 + TOLERANCE):
        raise ValueError(f"evidence must be at least likelihood * prior = P(A and B) = {joint!r}"
                         f" (an event cannot be rarer than a part of it), got {evidence!r}")
    return min(joint / evidence, 1.0)


def total_probability(likelihoods, priors) -> float:
    r"""The law of total probability, :math:`P(B) = \sum_k P(B \mid A_k)\,P(A_k)`.

    The hypotheses :math:`A_1, \dots, A_K` must be a partition: exactly one of them is
    true, so their priors sum to 1. Book section: Probability, *Bayes' theorem*.

    Parameters
    ----------
    likelihoods : array_like, shape (K,)
        :math:`P(B \mid A_k)`, each in [0, 1].
    priors : array_like, shape (K,)
        :math:`P(A_k)`, each in [0, 1], summing to 1.
    """
    likelihoods = _probabilities(likelihoods, "likelihoods")
    priors = _distribution(priors, "priors")
    if likelihoods.shape != priors.shape:
        raise ValueError(f"likelihoods and priors must have one entry per hypothesis each, "
                         f"got {likelihoods.size} and {priors.size}")
    total = 0.0
    for likelihood, prior in zip(likelihoods.tolist(), priors.tolist()):
        total += likelihood * prior  # left to right, as the book's figure adds in the page
    return min(total, 1.0)


def posterior(prior, likelihood) -> np.ndarray:
    r"""Bayes' rule over a partition of hypotheses:
    :math:`P(A_k \mid B) = P(B \mid A_k)\,P(A_k) \,/\, \sum_j P(B \mid A_j)\,P(A_j)`.

    Two hypotheses (sick, healthy) give the screening test's posterior; a grid of
    parameter values gives a posterior distribution over the parameter.
    Book section: Probability, *Bayes' theorem*.

    Parameters
    ----------
    prior : array_like, shape (K,)
        :math:`P(A_k)`, summing to 1.
    likelihood : array_like, shape (K,)
        :math:`P(B \mid A_k)` for the observed :math:`B`, each in [0, 1].

    Returns
    -------
    numpy.ndarray, shape (K,)
        The posterior probabilities, summing to 1.

    Raises
    ------
    ValueError
        If the evidence :math:`P(B)` is 0: no hypothesis with a nonzero prior could
        have produced :math:`B`.
    """
    prior = _distribution(prior, "prior")
    likelihood = _probabilities(likelihood, "likelihood")
    if likelihood.shape != prior.shape:
        raise ValueError(f"prior and likelihood must have one entry per hypothesis each, "
                         f"got {prior.size} and {likelihood.size}")
    joint = likelihood * prior
    evidence = joint.sum()
    if evidence == 0.0:
        raise ValueError("likelihood is 0 wherever prior is positive, so the evidence P(B) "
                         "is 0 and the posterior is undefined")
    return joint / evidence


@dataclass(frozen=True)
class Screening:
    """A screening test applied to one person drawn from a population.

    ``posterior_positive`` is :math:`P(D \\mid +)`, the chance that a person who tests
    positive has the disease; ``posterior_negative`` is :math:`P(D \\mid -)`. Each is
    ``None`` when its result cannot happen (``p_positive`` or ``p_negative`` is 0).
    """

    prevalence: float
    sensitivity: float
    specificity: float
    p_positive: float
    p_negative: float
    posterior_positive: float | None
    posterior_negative: float | None


def screening(prevalence, sensitivity, specificity) -> Screening:
    r"""What a positive and a negative result say, for a test with the given
    sensitivity :math:`P(+ \mid D)` and specificity :math:`P(- \mid \neg D)` on a
    population with the given prevalence :math:`P(D)`:

    .. math::
        P(+) = P(+ \mid D)\,P(D) + \bigl(1 - P(- \mid \neg D)\bigr)\bigl(1 - P(D)\bigr),
        \qquad P(D \mid +) = \frac{P(+ \mid D)\,P(D)}{P(+)} .

    Book section: Probability, *Bayes' theorem*.

    Parameters
    ----------
    prevalence, sensitivity, specificity : float
        Probabilities in [0, 1].
    """
    p = _probability(prevalence, "prevalence")
    sens = _probability(sensitivity, "sensitivity")
    spec = _probability(specificity, "specificity")
    positive = total_probability([sens, 1.0 - spec], [p, 1.0 - p])
    negative = total_probability([1.0 - sens, spec], [p, 1.0 - p])
    return Screening(
        p, sens, spec, positive, negative,
        bayes_rule(sens, p, positive) if positive > 0.0 else None,
        bayes_rule(1.0 - sens, p, negative) if negative > 0.0 else None)


def odds(probability) -> float:
    r"""The odds :math:`p / (1 - p)` of an event of probability ``p`` (``inf`` at 1)."""
    p = _probability(probability, "probability")
    return math.inf if p == 1.0 else p / (1.0 - p)


def probability_from_odds(value) -> float:
    r"""The probability :math:`o / (1 + o)` of an event with odds ``o >= 0`` (1 at ``inf``)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not value >= 0.0:
        raise ValueError(f"value must be odds, a number in [0, inf], got {value!r}")
    return 1.0 if value == math.inf else float(value) / (1.0 + float(value))


def bayes_factor(sensitivity, specificity, *, positive: bool = True) -> float:
    r"""The Bayes factor (likelihood ratio) of a test result, by which it multiplies
    the odds of disease: :math:`P(+ \mid D) / P(+ \mid \neg D)` for a positive result,
    :math:`P(- \mid D) / P(- \mid \neg D)` for a negative one.

    A result that never happens to the healthy gives ``inf``. Book section:
    Probability, *Bayes' theorem*.

    Raises
    ------
    ValueError
        If the result never happens at all (0/0): a positive with sensitivity 0 and
        specificity 1, or a negative with sensitivity 1 and specificity 0.
    """
    sens = _probability(sensitivity, "sensitivity")
    spec = _probability(specificity, "specificity")
    if_sick, if_healthy = (sens, 1.0 - spec) if positive else (1.0 - sens, spec)
    if if_healthy == 0.0:
        if if_sick == 0.0:
            result = "positive" if positive else "negative"
            raise ValueError(f"sensitivity={sens:g} and specificity={spec:g} make a {result} "
                             "result impossible, so it has no Bayes factor (0/0)")
        return math.inf
    return if_sick / if_healthy


def sequential_posteriors(prior, sensitivity, specificity, results) -> np.ndarray:
    r"""Update on several test results in turn, each posterior the next prior.

    The results must be independent *given* the disease status (a second test whose
    errors do not repeat the first's). Book section: Probability, *Bayes' theorem*.

    Parameters
    ----------
    prior : float
        :math:`P(D)` before any result.
    sensitivity, specificity : float
        Of the test, the same at every repetition.
    results : sequence of bool
        ``True`` for a positive result, ``False`` for a negative one.

    Returns
    -------
    numpy.ndarray, shape (len(results) + 1,)
        :math:`P(D)` before the first result, then after each.

    Raises
    ------
    ValueError
        If a result had probability 0 given what came before it.
    """
    current = _probability(prior, "prior")
    sens = _probability(sensitivity, "sensitivity")
    spec = _probability(specificity, "specificity")
    if isinstance(results, (str, bytes)) or not all(
            isinstance(r, (bool, np.bool_)) for r in results):
        raise ValueError(f"results must be a sequence of booleans (True = positive), "
                         f"got {results!r}")
    trail = [current]
    for step, positive in enumerate(results, start=1):
        if_sick, if_healthy = (sens, 1.0 - spec) if positive else (1.0 - sens, spec)
        evidence = total_probability([if_sick, if_healthy], [current, 1.0 - current])
        if evidence == 0.0:
            raise ValueError(f"results[{step - 1}] ({'positive' if positive else 'negative'}) "
                             "has probability 0 after the results before it")
        current = bayes_rule(if_sick, current, evidence)
        trail.append(current)
    return np.array(trail)


@dataclass(frozen=True)
class PopulationCounts:
    """Whole numbers of people in the four groups of a screening."""

    true_positives: int
    false_negatives: int
    false_positives: int
    true_negatives: int

    @property
    def sick(self) -> int:
        return self.true_positives + self.false_negatives

    @property
    def healthy(self) -> int:
        return self.false_positives + self.true_negatives

    @property
    def positives(self) -> int:
        return self.true_positives + self.false_positives

    @property
    def negatives(self) -> int:
        return self.false_negatives + self.true_negatives

    @property
    def total(self) -> int:
        return self.sick + self.healthy


def _round_half_up(x: float) -> int:
    # The page's JavaScript rounds with Math.floor(x + 0.5); Python's round() would
    # round halves to even and disagree with it on ties.
    return math.floor(x + 0.5)


def split_by_test(sick, healthy, sensitivity, specificity) -> PopulationCounts:
    """Split ``sick`` and ``healthy`` people by a test's result: ``sensitivity`` of
    the sick test positive, ``1 - specificity`` of the healthy do, each rounded to a
    whole person (halves up); the negatives are the rest, so nobody is lost."""
    sick = as_int(sick, "sick", low=0)
    healthy = as_int(healthy, "healthy", low=0)
    sens = _probability(sensitivity, "sensitivity")
    spec = _probability(specificity, "specificity")
    true_positives = _round_half_up(sick * sens)
    false_positives = _round_half_up(healthy * (1.0 - spec))
    return PopulationCounts(true_positives, sick - true_positives, false_positives,
                            healthy - false_positives)


def population_counts(prevalence, sensitivity, specificity,
                      population: int = 10_000) -> PopulationCounts:
    r"""The expected numbers of true and false positives and negatives in a
    population, as whole people: :math:`\operatorname{round}(Np)` sick, the rest
    healthy, each then split by :func:`split_by_test`.
    Book section: Probability, *Bayes' theorem*.
    """
    p = _probability(prevalence, "prevalence")
    population = as_int(population, "population", low=1, high=10**9)
    sick = _round_half_up(population * p)
    return split_by_test(sick, population - sick, sensitivity, specificity)


def simulate_screening(prevalence, sensitivity, specificity, size: int,
                       seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``size`` people drawn at random: who is sick, and who tests positive.

    Each person is sick with probability ``prevalence``; a sick person tests
    positive with probability ``sensitivity``, a healthy one with
    ``1 - specificity``. Seeded, so the same call gives the same people.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        Two boolean arrays of shape ``(size,)``: sick, and positive.
    """
    p = _probability(prevalence, "prevalence")
    sens = _probability(sensitivity, "sensitivity")
    spec = _probability(specificity, "specificity")
    size = as_int(size, "size", low=1, high=10**8)
    rng = np.random.default_rng(as_int(seed, "seed", low=0))
    sick = rng.random(size) < p
    positive = np.where(sick, rng.random(size) < sens, rng.random(size) < 1.0 - spec)
    return sick, positive
