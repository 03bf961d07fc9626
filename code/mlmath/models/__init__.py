"""The models of machine learning from scratch (Part IV of the book), one module per chapter.

Each model is built on the three parts before it: least squares and norms
(:mod:`mlmath.linalg`), gradients and optimizers (:mod:`mlmath.calculus`),
likelihood and entropy (:mod:`mlmath.probability`). Every one is checked in the
tests against its scikit-learn counterpart.

``logistic_regression``
    logistic regression: the model's probabilities and labels at a threshold,
    the log-odds, the log-loss and its gradient (with an optional penalty),
    training by gradient descent, the confusion matrix with precision and
    recall, and the chapter's data sets.
``kmeans``
    k-means clustering: the within-cluster sum of squares, Lloyd's
    assignment and update steps (with the empty-cluster rule), k-means++ and
    random starts, and the chapter's data sets.

Everything public is re-exported here, so chapters write ``models.<name>(...)``.
A new chapter's module adds one import and one line of ``__all__``.
"""

from mlmath.models.kmeans import (CLUSTER_DATA, INITS, KMeansRun, assignment_step,
                                  cluster_data, inertia, initial_centroids, k_means,
                                  update_step)
from mlmath.models.logistic_regression import (
    CLASSIFICATION_DATA, ClassificationData, ConfusionMatrix, LogisticFit, classification_data,
    confusion_matrix, fit_logistic_regression, log_loss, log_loss_gradient, logit, predict,
    predict_proba)
from mlmath.models import kmeans as _kmeans
from mlmath.models import logistic_regression as _logistic_regression

# One line per module: a new chapter's module adds its own.
__all__: list[str] = [
    *_kmeans.__all__,
    *_logistic_regression.__all__,
]
