"""The models of machine learning from scratch (Part IV of the book), one module per chapter.

Each model is built on the three parts before it: least squares and norms
(:mod:`mlmath.linalg`), gradients and optimizers (:mod:`mlmath.calculus`),
likelihood and entropy (:mod:`mlmath.probability`). Every one is checked in the
tests against its scikit-learn counterpart.

``linear_regression``
    the least-squares line in closed form, linear models fitted by QR, the
    normal equations or gradient descent, R² and the mean squared error, and
    the study-hours data.
``logistic_regression``
    logistic regression: the model's probabilities and labels at a threshold,
    the log-odds, the log-loss and its gradient (with an optional penalty),
    training by gradient descent, the confusion matrix with precision and
    recall, and the chapter's data sets.
``neural_network``, ``network_training``, ``two_class_data``
    a two-layer network from scratch (forward pass, backward pass in matrix
    form; full-batch training by gradient descent), and the seeded two-class
    data sets in the plane (XOR, moons, circles) it is trained on, from a
    generator the book's playground repeats in JavaScript.
``impurity``, ``decision_tree``
    the entropy, Gini impurity and information gain of labelled examples;
    classification trees grown greedily by information gain, the best split,
    and the tree printed as a flow chart of questions.
``kmeans``
    k-means clustering: the within-cluster sum of squares, Lloyd's
    assignment and update steps (with the empty-cluster rule), k-means++ and
    random starts, and the chapter's data sets.
``regularisation``
    ridge regression through the SVD (filter factors, effective degrees of
    freedom), with standardised features and an unpenalised intercept, its
    strength chosen by k-fold cross-validation, polynomial features, and the
    weight-decay step of gradient descent.

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
from mlmath.models.logistic_regression import (
    CLASSIFICATION_DATA, ClassificationData, ConfusionMatrix, LogisticFit, classification_data,
    confusion_matrix, fit_logistic_regression, log_loss, log_loss_gradient, logit, predict,
    predict_proba)
from mlmath.models.two_class_data import (
    DATASETS,
    MAX_NOISE,
    Mulberry32,
    TwoClassData,
    make_two_class,
    playground_data,
)
from mlmath.models.neural_network import (
    ACTIVATIONS,
    WEIGHT_STREAM,
    ForwardPass,
    Network,
    accuracy,
    activate,
    activation_slope,
    forward,
    init_network,
    network_from_vector,
    network_gradients,
    network_loss,
    network_predict,
    network_predict_proba,
    network_to_vector,
    sigmoid,
    softplus,
)
from mlmath.models.network_training import TrainingRun, train_network
from mlmath.models.impurity import (
    class_proportions,
    gini_impurity,
    information_gain,
    node_entropy,
)
from mlmath.models.decision_tree import (
    TIE_TOLERANCE,
    DecisionTree,
    Split,
    best_split,
    fit_decision_tree,
    labelled_clusters,
    split_thresholds,
    tree_text,
)
from mlmath.models.kmeans import (CLUSTER_DATA, INITS, KMeansRun, assignment_step,
                                  cluster_data, inertia, initial_centroids, k_means,
                                  update_step)
from mlmath.models.regularisation import (RidgeCV, RidgeFit, effective_dof, filter_factors,
                                          fit_ridge, polynomial_powers, ridge_cv, ridge_svd,
                                          weight_decay_step)
from mlmath.models import linear_regression as _linear_regression
from mlmath.models import logistic_regression as _logistic_regression
from mlmath.models import two_class_data as _two_class_data
from mlmath.models import neural_network as _neural_network
from mlmath.models import network_training as _network_training
from mlmath.models import decision_tree as _decision_tree
from mlmath.models import impurity as _impurity
from mlmath.models import kmeans as _kmeans
from mlmath.models import regularisation as _regularisation

# One line per module: a new chapter's module adds its own.
__all__: list[str] = [
    *_linear_regression.__all__,
    *_logistic_regression.__all__,
    *_two_class_data.__all__,
    *_neural_network.__all__,
    *_network_training.__all__,
    *_impurity.__all__,
    *_decision_tree.__all__,
    *_kmeans.__all__,
    *_regularisation.__all__,
]
