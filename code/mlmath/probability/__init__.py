"""Probability and statistics from scratch (Part III of the book), one module per chapter.

``distributions``
    random variables: Bernoulli, binomial and uniform distributions, their
    PMF/PDF and CDF, expectation and variance, and seeded sampling.
``normal``
    the normal distribution: density, CDF, standardisation, interval
    probabilities, and the central limit theorem by simulation.

Everything public is re-exported here, so chapters write ``probability.binomial_pmf(...)``.
A new chapter's module adds one import and one line of ``__all__``.
"""

__all__: list[str] = []
