"""Probability and statistics from scratch (Part III of the book), one module per chapter.
``distributions``
    random variables: Bernoulli, binomial and uniform distributions, their
    PMF/PDF and CDF, expectation and variance, seeded sampling by the inverse
    CDF, and the empirical mean, running mean, variance, histogram and CDF of
    a sample.
``information``
    entropy, cross-entropy and KL divergence of discrete distributions, in
    bits or nats.
``normal``
    the normal distribution: density, the error function and the CDF built on
    it, standardisation, interval probabilities, the 68-95-99.7 rule, seeded
    sampling, and the central limit theorem by simulation.
``multivariate``
    covariance and the multivariate normal: the Cholesky factor of a
    covariance matrix, the density, sampling, sample covariance, and the
    ellipses of constant density along the eigenvectors.
``bayes``
    Bayes' theorem: the rule with its evidence by the law of total
    probability, screening tests (prevalence, sensitivity, specificity),
    odds and Bayes factors, updating on several results, whole-number counts
    of a population, and a seeded simulation.
``naive_bayes``
    Bernoulli naive Bayes: fitted by counting with Laplace smoothing, the
    posterior of every class by a log-sum-exp.
``likelihood``
    maximum likelihood: the log-likelihoods of a coin and of a normal
    distribution, their estimates in closed form, the mean negative
    log-likelihoods with their gradients for gradient descent, and the bias of
    the 1/N variance by repeated sampling.
``logistic_likelihood``
    the log-likelihood of logistic regression and its gradient, with the
    logistic function ``sigmoid``.
``validation``
    cross-validation: a seeded train/test split, k-fold splits (as
    scikit-learn's ``KFold``), the cross-validation loop with the spread of its
    fold errors, polynomial regression of any degree by least squares, and the
    feature screening whose leak the chapter shows.

Everything public is re-exported here, so chapters write ``probability.normal_cdf(...)``.
A new chapter's module adds one import and one line of ``__all__``.
"""

from mlmath.probability.distributions import (
    MAX_TRIALS,
    Bernoulli,
    Binomial,
    Uniform,
    discrete_mean,
    discrete_var,
    empirical_cdf,
    empirical_frequencies,
    histogram_density,
    running_means,
    sample,
    sample_mean,
    sample_var,
    uniforms,
)
from mlmath.probability.information import cross_entropy, entropy, kl_divergence
from mlmath.probability.normal import (
    clt_standardised_means,
    erf,
    erfc,
    interval_probability,
    ks_distance,
    normal_cdf,
    normal_pdf,
    normal_sample,
    sample_skewness,
    sigma_rule,
    standard_normals,
    standardise,
)
from mlmath.probability.multivariate import (
    cholesky,
    covariance_ellipse,
    multivariate_normal_pdf,
    multivariate_normal_sample,
    sample_covariance,
)
from mlmath.probability.bayes import (
    PopulationCounts,
    Screening,
    bayes_factor,
    bayes_rule,
    odds,
    population_counts,
    posterior,
    probability_from_odds,
    screening,
    sequential_posteriors,
    simulate_screening,
    split_by_test,
    total_probability,
)
from mlmath.probability.naive_bayes import NaiveBayes, fit_naive_bayes, naive_bayes_posterior
from mlmath.probability.likelihood import (
    GaussianEstimate,
    bernoulli_log_likelihood,
    bernoulli_mle,
    bernoulli_nll,
    bernoulli_nll_gradient,
    gaussian_log_likelihood,
    gaussian_mle,
    gaussian_nll,
    gaussian_nll_gradient,
    sampled_variance_estimates,
)
from mlmath.probability.logistic_likelihood import (
    logistic_log_likelihood,
    logistic_log_likelihood_gradient,
    sigmoid,
)
from mlmath.probability.validation import (
    CrossValidation,
    Fold,
    PolynomialCV,
    PolynomialFit,
    correlation_screen,
    cross_validate,
    fit_linear,
    fit_polynomial,
    kfold,
    legendre_columns,
    mean_squared_error,
    noisy_sine,
    polynomial_cv,
    screened_fit,
    train_test_split,
)
from mlmath.probability import bayes as _bayes
from mlmath.probability import distributions as _distributions
from mlmath.probability import information as _information
from mlmath.probability import likelihood as _likelihood
from mlmath.probability import logistic_likelihood as _logistic_likelihood
from mlmath.probability import multivariate as _multivariate
from mlmath.probability import naive_bayes as _naive_bayes
from mlmath.probability import normal as _normal
from mlmath.probability import validation as _validation

# One line per module: a new chapter's module adds its own.
__all__: list[str] = [
    *_distributions.__all__,
    *_information.__all__,
    *_normal.__all__,
    *_multivariate.__all__,
    *_bayes.__all__,
    *_naive_bayes.__all__,
    *_likelihood.__all__,
    *_logistic_likelihood.__all__,
    *_validation.__all__,
]
