"""The models of machine learning from scratch (Part IV of the book), one module per chapter.

Each model is built on the three parts before it: least squares and norms
(:mod:`mlmath.linalg`), gradients and optimizers (:mod:`mlmath.calculus`),
likelihood and entropy (:mod:`mlmath.probability`). Every one is checked in the
tests against its scikit-learn counterpart.

``linear_regression``
    the least-squares line in closed form, linear models fitted by QR, the
    normal equations or gradient descent, R² and the mean squared error, and
    the study-hours data.

Everything public is re-exported here, so chapters write ``models.<name>(...)``.
A new chapter's module adds one import and one line of ``__all__``.
"""

from mlmath.models.linear_regression import (
    GradientFit,
    LeastSquaresLoss,
    LineFit,
    LinearModel,
    StudyScores,
    design_matrix,
    fit_gradient_descent,
    fit_least_squares,
    fit_line,
    least_squares_loss,
    mean_squared_error,
    r2_score,
    study_hours,
)
from mlmath.models import linear_regression as _linear_regression

# One line per module: a new chapter's module adds its own.
__all__: list[str] = [
    *_linear_regression.__all__,
]
