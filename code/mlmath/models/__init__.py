"""The models of machine learning from scratch (Part IV of the book), one module per chapter.

Each model is built on the three parts before it: least squares and norms
(:mod:`mlmath.linalg`), gradients and optimizers (:mod:`mlmath.calculus`),
likelihood and entropy (:mod:`mlmath.probability`). Every one is checked in the
tests against its scikit-learn counterpart.

Everything public is re-exported here, so chapters write ``models.<name>(...)``.
A new chapter's module adds one import and one line of ``__all__``.
"""

# One line per module: a new chapter's module adds its own.
__all__: list[str] = []
