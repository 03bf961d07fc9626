"""Bayes' theorem from scratch, against exact fractions, simulation and scipy.stats."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from scipy import stats

from mlmath import probability


def _exact_posterior(prevalence, sensitivity, specificity) -> Fraction:
    """P(D | +) in exact rational arithmetic, from the joint table of status and result."""
    p, sens, spec = (Fraction(str(x)) for x in (prevalence, sensitivity, specificity))
    joint = {("sick", "+"): p * sens, ("healthy", "+"): (1 - p) * (1 - spec),
             ("sick", "-"): p * (1 - sens), ("healthy", "-"): (1 - p) * spec}
    assert sum(joint.values()) == 1
    positive = joint[("sick", "+")] + joint[("healthy", "+")]
    return joint[("sick", "+")] / positive


def test_the_medical_test_posterior_is_about_0_98_percent():
    test = probability.screening(prevalence=1 / 10_000, sensitivity=0.99, specificity=0.99)
    exact = _exact_posterior("0.0001", "0.99", "0.99")
    assert exact == Fraction(99, 10_098)  # 99 true positives per 10,098 positives (per 10^6)
    assert test.posterior_positive == pytest.approx(float(exact), rel=1e-12)
    assert round(100 * test.posterior_positive, 2) == 0.98
    assert test.p_positive == pytest.approx(0.010098, rel=1e-12)
    # a negative all but rules the disease out: about one in a million
    assert test.posterior_negative == pytest.approx(1e-4 * 0.01 / (1e-4 * 0.01 + 0.9999 * 0.99))


@pytest.mark.parametrize("prevalence, sensitivity, specificity", [
    (0.0001, 0.99, 0.99), (0.01, 0.9, 0.95), (0.3, 0.7, 0.6), (0.5, 0.999, 0.001),
    (0.02, 1.0, 0.9), (0.9, 0.5, 0.5)])
def test_screening_agrees_with_exact_fractions(prevalence, sensitivity, specificity):
    test = probability.screening(prevalence, sensitivity, specificity)
    exact = _exact_posterior(prevalence, sensitivity, specificity)
    assert test.posterior_positive == pytest.approx(float(exact), rel=1e-12)
    assert test.p_positive + test.p_negative == pytest.approx(1.0, abs=1e-15)


def test_enumerating_a_simulated_population_gives_the_posterior():
    prevalence, sensitivity, specificity = 0.01, 0.9, 0.95
    sick, positive = probability.simulate_screening(prevalence, sensitivity, specificity,
                                                    size=2_000_000, seed=7)
    # count people, as the chapter's population of 10,000 does
    share = np.sum(sick & positive) / np.sum(positive)
    expected = probability.screening(prevalence, sensitivity, specificity).posterior_positive
    # a share of n positives has standard error sqrt(q(1 - q)/n); allow four of them
    error = math.sqrt(expected * (1 - expected) / np.sum(positive))
    assert abs(share - expected) < 4 * error
    # and who is sick follows the binomial distribution (scipy.stats) to 1e-6 at each tail
    low, high = stats.binom(2_000_000, prevalence).ppf([1e-6, 1 - 1e-6])
    assert low <= np.sum(sick) <= high


def test_simulation_is_seeded():
    a = probability.simulate_screening(0.1, 0.8, 0.9, size=1000, seed=3)
    b = probability.simulate_screening(0.1, 0.8, 0.9, size=1000, seed=3)
    c = probability.simulate_screening(0.1, 0.8, 0.9, size=1000, seed=4)
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    assert not np.array_equal(a[0], c[0])


def test_bayes_rule_and_total_probability_on_a_die():
    # A fair die: A = "six", B = "even". P(B | A) = 1, P(A) = 1/6, P(B) = 1/2.
    assert probability.bayes_rule(1.0, 1 / 6, 0.5) == pytest.approx(1 / 3)
    # B over the partition {1, 2, ..., 6}
    even = [0.0, 1.0, 0.0, 1.0, 0.0, 1.0]
    assert probability.total_probability(even, [1 / 6] * 6) == pytest.approx(0.5)
    assert probability.posterior([1 / 6] * 6, even) == pytest.approx([0, 1 / 3, 0, 1 / 3, 0, 1 / 3])


def test_grid_posterior_of_a_coin_is_the_beta_distribution():
    # 7 heads in 10 flips, a flat prior on a grid of biases: the posterior is Beta(8, 4),
    # whose mode (the MAP estimate) is the maximum likelihood estimate 7/10.
    theta = np.linspace(0.0, 1.0, 1001)
    prior = np.full(theta.size, 1 / theta.size)
    likelihood = theta**7 * (1 - theta) ** 3
    post = probability.posterior(prior, likelihood)
    density = stats.beta(8, 4).pdf(theta)
    np.testing.assert_allclose(post, density / density.sum(), rtol=1e-10, atol=1e-15)
    assert theta[np.argmax(post)] == pytest.approx(0.7)
    # a Beta(5, 5) prior pulls the MAP towards 1/2: the mode of Beta(12, 8) is 11/18
    prior = stats.beta(5, 5).pdf(theta)
    post = probability.posterior(prior / prior.sum(), likelihood)
    assert theta[np.argmax(post)] == pytest.approx(11 / 18, abs=5e-4)


def test_odds_form_prior_odds_times_bayes_factor():
    rng = np.random.default_rng(0)
    for p, sens, spec in rng.uniform(0.01, 0.99, size=(50, 3)):
        test = probability.screening(p, sens, spec)
        factor = probability.bayes_factor(sens, spec)
        assert probability.odds(test.posterior_positive) == pytest.approx(
            probability.odds(p) * factor, rel=1e-12)
        negative = probability.bayes_factor(sens, spec, positive=False)
        assert probability.odds(test.posterior_negative) == pytest.approx(
            probability.odds(p) * negative, rel=1e-12)
        assert probability.probability_from_odds(probability.odds(p)) == pytest.approx(p)
    assert probability.bayes_factor(0.99, 0.99) == pytest.approx(99.0)
    assert probability.bayes_factor(0.5, 1.0) == math.inf
    assert probability.odds(1.0) == math.inf and probability.probability_from_odds(math.inf) == 1


def test_a_second_independent_positive_multiplies_the_odds_again():
    trail = probability.sequential_posteriors(1e-4, 0.99, 0.99, [True, True])
    exact = Fraction(1, 9999) * 99 * 99  # posterior odds: prior odds times 99, twice
    assert trail[2] == pytest.approx(float(exact / (1 + exact)), rel=1e-12)
    assert trail[2] == pytest.approx(0.495, abs=1e-12)
    # the same as one test whose two results must both be positive
    both = probability.screening(1e-4, 0.99**2, 1 - 0.01**2)
    assert trail[2] == pytest.approx(both.posterior_positive, rel=1e-12)
    # the order of results does not matter
    a = probability.sequential_posteriors(0.2, 0.8, 0.7, [True, False, True])
    b = probability.sequential_posteriors(0.2, 0.8, 0.7, [False, True, True])
    assert a[-1] == pytest.approx(b[-1], rel=1e-12)


def test_population_counts_are_whole_people_adding_up():
    counts = probability.population_counts(1e-4, 0.99, 0.99)
    assert (counts.true_positives, counts.false_negatives, counts.false_positives,
            counts.true_negatives) == (1, 0, 100, 9899)
    rng = np.random.default_rng(1)
    for p, sens, spec in rng.uniform(0, 1, size=(200, 3)):
        c = probability.population_counts(p, sens, spec, population=10_000)
        assert c.total == 10_000 and min(c.true_positives, c.false_negatives,
                                         c.false_positives, c.true_negatives) >= 0
        # each count within half a person of what is expected of whole sick/healthy groups
        assert abs(c.sick - 10_000 * p) <= 0.5
        assert abs(c.true_positives - c.sick * sens) <= 0.5
        assert abs(c.false_positives - c.healthy * (1 - spec)) <= 0.5
    retest = probability.split_by_test(1, 100, 0.99, 0.99)
    assert (retest.true_positives, retest.false_positives, retest.total) == (1, 1, 101)


def test_degenerate_settings_are_said_not_divided():
    never = probability.screening(0.3, 0.0, 1.0)  # a test that never says positive
    assert never.p_positive == 0.0 and never.posterior_positive is None
    assert never.posterior_negative == pytest.approx(0.3)
    assert probability.screening(0.0, 0.99, 0.99).posterior_positive == 0.0
    assert probability.screening(0.2, 0.5, 1.0).posterior_positive == 1.0
    with pytest.raises(ValueError, match="0/0"):
        probability.bayes_factor(0.0, 1.0)
    with pytest.raises(ValueError, match="evidence must be positive"):
        probability.bayes_rule(0.5, 0.5, 0.0)
    with pytest.raises(ValueError, match="P\\(B\\) is 0"):
        probability.posterior([0.5, 0.5, 0.0], [0.0, 0.0, 1.0])
    with pytest.raises(ValueError, match=r"results\[1\]"):
        probability.sequential_posteriors(0.5, 1.0, 1.0, [True, False])


@pytest.mark.parametrize("call, argument", [
    (lambda v: probability.screening(v, 0.9, 0.9), "prevalence"),
    (lambda v: probability.screening(0.1, v, 0.9), "sensitivity"),
    (lambda v: probability.screening(0.1, 0.9, v), "specificity"),
    (lambda v: probability.bayes_rule(v, 0.5, 0.5), "likelihood"),
    (lambda v: probability.bayes_rule(0.5, v, 0.5), "prior"),
    (lambda v: probability.population_counts(v, 0.9, 0.9), "prevalence"),
    (lambda v: probability.odds(v), "probability"),
])
@pytest.mark.parametrize("value", [-0.1, 1.5, float("nan"), math.inf, "0.5", True])
def test_bad_probabilities_are_refused_by_name(call, argument, value):
    with pytest.raises(ValueError, match=rf"^{argument} must be a probability.*\[0, 1\]"):
        call(value)


def test_inconsistent_or_unnormalised_inputs_are_refused():
    with pytest.raises(ValueError, match="^evidence must be at least"):
        probability.bayes_rule(0.9, 0.5, 0.1)  # P(A and B) = 0.45 > P(B)
    with pytest.raises(ValueError, match="^priors must sum to 1"):
        probability.total_probability([0.5, 0.5], [0.5, 0.6])
    with pytest.raises(ValueError, match="^prior must sum to 1"):
        probability.posterior([1.0, 1.0], [0.5, 0.5])
    with pytest.raises(ValueError, match="^likelihood must hold probabilities"):
        probability.posterior([0.5, 0.5], [0.5, float("nan")])
    with pytest.raises(ValueError, match="^results must be a sequence of booleans"):
        probability.sequential_posteriors(0.5, 0.9, 0.9, [1, 0])
    with pytest.raises(ValueError, match="^value must be odds"):
        probability.probability_from_odds(-1.0)
    with pytest.raises(ValueError, match="^population must be"):
        probability.population_counts(0.5, 0.5, 0.5, population=0)
