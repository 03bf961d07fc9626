"""The models of machine learning from scratch (Part IV of the book), one module per chapter.

Each model is built on the three parts before it: least squares and norms
(:mod:`mlmath.linalg`), gradients and optimizers (:mod:`mlmath.calculus`),
likelihood and entropy (:mod:`mlmath.probability`). Every one is checked in the
tests against its scikit-learn counterpart.

Everything public is re-exported here, so chapters write ``models.<name>(...)``.
A new chapter's module adds one import and one line of ``__all__``.

``decision_tree``
    classification trees grown greedily by information gain (entropy), with
    the entropy, Gini impurity and gain of a split, the best split, and the
    tree printed as a flow chart of questions.
"""

from mlmath.models.decision_tree import (
    TIE_TOLERANCE,
    DecisionTree,
    Split,
    best_split,
    class_proportions,
    fit_decision_tree,
    gini_impurity,
    information_gain,
    labelled_clusters,
    node_entropy,
    split_thresholds,
    tree_text,
)
from mlmath.models import decision_tree as _decision_tree

# One line per module: a new chapter's module adds its own.
__all__: list[str] = [
    *_decision_tree.__all__,
]
