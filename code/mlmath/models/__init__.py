"""The models of machine learning from scratch (Part IV of the book), one module per chapter.

Each model is built on the three parts before it: least squares and norms
(:mod:`mlmath.linalg`), gradients and optimizers (:mod:`mlmath.calculus`),
likelihood and entropy (:mod:`mlmath.probability`). Every one is checked in the
tests against its scikit-learn counterpart.

Everything public is re-exported here, so chapters write ``models.<name>(...)``.
A new chapter's module adds one import and one line of ``__all__``.

``neural_network``, ``network_training``, ``two_class_data``
    a two-layer network from scratch (forward pass, backward pass in matrix
    form; full-batch training by gradient descent), and the seeded two-class
    data sets in the plane (XOR, moons, circles) it is trained on, from a
    generator the book's playground repeats in JavaScript.
"""

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
from mlmath.models import two_class_data as _two_class_data
from mlmath.models import network_training as _network_training
from mlmath.models import neural_network as _neural_network

# One line per module: a new chapter's module adds its own.
__all__: list[str] = [
    *_two_class_data.__all__,
    *_neural_network.__all__,
    *_network_training.__all__,
]
