"""A two-layer neural network from scratch: forward pass, backward pass, training.

Book section: Machine Learning Concepts, *Neural networks*
(``chapters/ml/neural-networks.md``).

The network classifies points :math:`\\mathbf x \\in \\mathbb R^d` into two
classes with one hidden layer of :math:`h` units and a logistic output:

.. math::

   Z^{[1]} = XW^{[1]} + \\mathbf 1\\mathbf b^{[1]\\top}, \\quad A^{[1]} = f(Z^{[1]}),
   \\quad Z^{[2]} = A^{[1]}W^{[2]} + \\mathbf 1\\mathbf b^{[2]\\top}, \\quad
   \\hat{\\mathbf p} = \\sigma(Z^{[2]}),

with :math:`X` the :math:`N \\times d` data matrix, :math:`W^{[1]}` of shape
:math:`d \\times h`, :math:`W^{[2]}` of shape :math:`h \\times 1` and :math:`f`
one of :data:`ACTIVATIONS`. Its loss is the mean cross-entropy of the labels
:math:`y_i \\in \\{0, 1\\}` under the predicted probabilities (in nats),

.. math::

   L = -\\frac1N\\sum_{i=1}^N \\bigl(y_i\\ln\\hat p_i + (1 - y_i)\\ln(1 - \\hat p_i)\\bigr)
     = \\frac1N\\sum_{i=1}^N \\bigl(\\operatorname{softplus}(z_i) - y_i z_i\\bigr),

computed in the second form, from the scores :math:`z_i`, which never takes
the logarithm of 0. Each layer is the product of
:func:`mlmath.linalg.dense_layer`, written with NumPy's ``@`` (arguments are
checked once, by the public functions, not at every layer of every epoch); the
gradients are the backward pass of *Backpropagation and the chain rule* in
matrix form (:func:`network_gradients`); training, in
:mod:`mlmath.models.network_training`, is :func:`mlmath.calculus.gradient_descent`
on all the parameters at once, full batch, so that the book's playground
repeats it exactly in the page (``figures/js/network_playground_trainer.js``).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from mlmath._validate import as_int, as_matrix, as_vector
from mlmath.models.two_class_data import Mulberry32
from mlmath.probability import sigmoid  # the one logistic function, Part III's

__all__ = ["ACTIVATIONS", "WEIGHT_STREAM", "ForwardPass", "Network", "accuracy", "activate",
           "activation_slope", "forward", "init_network", "network_from_vector",
           "network_gradients", "network_loss", "network_predict", "network_predict_proba",
           "network_to_vector", "softplus"]

#: The hidden layer's activation functions, by the names the playground's menu uses.
ACTIVATIONS = ("tanh", "relu", "sigmoid")
#: The first weights come from :class:`~mlmath.models.two_class_data.Mulberry32`
#: seeded with ``seed ^ WEIGHT_STREAM``: a stream apart from the data's, which uses ``seed``.
WEIGHT_STREAM = 0x9E3779B9


class Network(NamedTuple):
    """A network's parameters and its hidden activation (see the module's formulas)."""

    W1: np.ndarray
    """shape (d, h): :math:`W^{[1]}`, column :math:`k` the weights of hidden unit :math:`k`."""
    b1: np.ndarray
    """shape (h,): :math:`\\mathbf b^{[1]}`."""
    W2: np.ndarray
    """shape (h, 1): :math:`W^{[2]}`, the output unit's weights."""
    b2: np.ndarray
    """shape (1,): :math:`\\mathbf b^{[2]}`, the output unit's bias."""
    activation: str
    """:math:`f`, one of :data:`ACTIVATIONS`."""

    @property
    def hidden(self) -> int:
        """:math:`h`, the number of hidden units."""
        return self.W1.shape[1]

    @property
    def size(self) -> int:
        """How many parameters: :math:`dh + h + h + 1`."""
        return self.W1.size + self.b1.size + self.W2.size + self.b2.size


class ForwardPass(NamedTuple):
    """Every intermediate of :func:`forward`, which the backward pass reuses."""

    Z1: np.ndarray
    """shape (N, h): the hidden units' scores."""
    A1: np.ndarray
    """shape (N, h): their outputs, :math:`f(Z^{[1]})`."""
    Z2: np.ndarray
    """shape (N, 1): the output unit's scores."""
    p: np.ndarray
    """shape (N,): :math:`\\hat p_i = \\sigma(z_i)`, the probability of class 1."""


def _activation(name) -> str:
    if name not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {', '.join(map(repr, ACTIVATIONS))}, "
                         f"got {name!r}")
    return name


def softplus(z) -> np.ndarray:
    """:math:`\\operatorname{softplus}(z) = \\ln(1 + e^z) = \\max(z, 0) + \\ln(1 + e^{-|z|})`,
    entry by entry: the second form never overflows."""
    z = np.asarray(z, dtype=float)
    return np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))


def activate(z, activation: str) -> np.ndarray:
    """:math:`f(z)` entry by entry: :math:`\\tanh z`, :math:`\\max(z, 0)` or :math:`\\sigma(z)`."""
    activation = _activation(activation)
    z = np.asarray(z, dtype=float)
    if activation == "tanh":
        return np.tanh(z)
    if activation == "relu":
        return np.maximum(z, 0.0)
    return sigmoid(z)


def activation_slope(z, activation: str, a=None) -> np.ndarray:
    """:math:`f'(z)` entry by entry: :math:`1 - \\tanh^2 z`, :math:`[z > 0]` (0 at the
    corner, as PyTorch and :class:`mlmath.calculus.Value` take it) or
    :math:`\\sigma(z)(1 - \\sigma(z))`. ``a``, if given, is :math:`f(z)` already
    computed (the forward pass keeps it)."""
    activation = _activation(activation)
    z = np.asarray(z, dtype=float)
    a = activate(z, activation) if a is None else np.asarray(a, dtype=float)
    if activation == "tanh":
        return 1 - a * a
    if activation == "relu":
        return (z > 0).astype(float)
    return a * (1 - a)


def init_network(hidden: int, activation: str = "tanh", seed: int = 0,
                 inputs: int = 2) -> Network:
    """A network with Glorot-uniform first weights and zero biases.

    Each weight of a layer with :math:`n_\\text{in}` inputs and :math:`n_\\text{out}`
    outputs is drawn uniformly from :math:`[-s, s)`,
    :math:`s = \\sqrt{6/(n_\\text{in} + n_\\text{out})}` (Glorot and Bengio, 2010; the
    rule scikit-learn's ``MLPClassifier`` uses for tanh and relu), so that
    signals keep about the same size from layer to layer. The draws are
    :math:`W^{[1]}` row by row, then :math:`W^{[2]}`, from
    :class:`~mlmath.models.two_class_data.Mulberry32` seeded with
    ``seed ^`` :data:`WEIGHT_STREAM`. Book section: Machine Learning Concepts,
    *Neural networks*.

    Parameters
    ----------
    hidden : int
        :math:`h`, at least 1.
    activation : {"tanh", "relu", "sigmoid"}
    seed : int
        From 0 to :math:`2^{32} - 1`.
    inputs : int
        :math:`d`, at least 1.

    Raises
    ------
    ValueError
        If ``hidden`` or ``inputs`` is not an integer of at least 1,
        ``activation`` is not one of :data:`ACTIVATIONS`, or ``seed`` is out of range.
    """
    hidden = as_int(hidden, "hidden", low=1)
    inputs = as_int(inputs, "inputs", low=1)
    activation = _activation(activation)
    rng = Mulberry32(as_int(seed, "seed", low=0, high=0xFFFFFFFF) ^ WEIGHT_STREAM)

    def glorot(rows: int, columns: int) -> np.ndarray:
        bound = np.sqrt(6 / (rows + columns))
        return np.array([[(2 * rng.uniform() - 1) * bound for _ in range(columns)]
                         for _ in range(rows)])

    W1 = glorot(inputs, hidden)
    W2 = glorot(hidden, 1)
    return Network(W1, np.zeros(hidden), W2, np.zeros(1), activation)


def _network(network) -> Network:
    if not isinstance(network, Network):
        raise ValueError(f"network must be a Network (see init_network), got "
                         f"{type(network).__name__}")
    return network


def _data(X, y, network: Network | None = None) -> tuple[np.ndarray, np.ndarray]:
    X = as_matrix(X, "X")
    y = as_vector(y, "y")
    if y.size != X.shape[0]:
        raise ValueError(f"X and y must have the same number of examples (rows of X, "
                         f"entries of y), got {X.shape[0]} and {y.size}")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"y must hold class labels 0 and 1 only, got {np.unique(y)}")
    if network is not None and X.shape[1] != network.W1.shape[0]:
        raise ValueError(f"X must have {network.W1.shape[0]} columns, one per input of the "
                         f"network, got {X.shape[1]}")
    return X, y


def _forward(network: Network, X: np.ndarray) -> ForwardPass:
    """:func:`forward` on checked arguments."""
    Z1 = X @ network.W1 + network.b1
    A1 = activate(Z1, network.activation)
    Z2 = A1 @ network.W2 + network.b2
    return ForwardPass(Z1, A1, Z2, sigmoid(Z2[:, 0]))


def _loss(passed: ForwardPass, y: np.ndarray) -> float:
    """The mean of softplus(z) − y z over the output's scores z of a forward pass."""
    z = passed.Z2[:, 0]
    return float(np.mean(softplus(z) - y * z))


def _gradients(network: Network, X: np.ndarray, y: np.ndarray, passed: ForwardPass) -> Network:
    """:func:`network_gradients` on checked arguments, after their forward pass."""
    dZ2 = ((passed.p - y) / len(y))[:, np.newaxis]
    dW2 = passed.A1.T @ dZ2
    db2 = dZ2.sum(axis=0)
    dZ1 = (dZ2 @ network.W2.T) * activation_slope(passed.Z1, network.activation, passed.A1)
    dW1 = X.T @ dZ1
    db1 = dZ1.sum(axis=0)
    return Network(dW1, db1, dW2, db2, network.activation)


def forward(network: Network, X) -> ForwardPass:
    """The forward pass (the module's first formula): each layer is the product
    :math:`AW + \\mathbf 1\\mathbf b^\\top` of :func:`mlmath.linalg.dense_layer`,
    followed by its activation. Book section: Machine Learning Concepts,
    *Neural networks*.

    Parameters
    ----------
    network : Network
    X : array_like, shape (N, d)
        The examples, one per row, finite.

    Raises
    ------
    ValueError
        If ``network`` is not a :class:`Network`, or ``X`` is not a finite
        matrix with one column per input of the network.
    """
    network = _network(network)
    X = as_matrix(X, "X")
    if X.shape[1] != network.W1.shape[0]:
        raise ValueError(f"X must have {network.W1.shape[0]} columns, one per input of the "
                         f"network, got {X.shape[1]}")
    return _forward(network, X)


def network_loss(network: Network, X, y) -> float:
    """The mean cross-entropy :math:`L` in nats (the module's second formula).
    Book section: Machine Learning Concepts, *Neural networks*.

    Raises
    ------
    ValueError
        If ``X`` is not a finite matrix with one column per input, ``y`` is not
        a vector of 0s and 1s with one label per row of ``X``.
    """
    X, y = _data(X, y, _network(network))
    return _loss(_forward(network, X), y)


def network_gradients(network: Network, X, y) -> Network:
    """The gradient of :func:`network_loss` with respect to every parameter: the
    backward pass in matrix form.

    .. math::

       \\frac{\\partial L}{\\partial Z^{[2]}} = \\frac1N(\\hat{\\mathbf p} - \\mathbf y), \\quad
       \\frac{\\partial L}{\\partial W^{[2]}} = A^{[1]\\top}\\frac{\\partial L}{\\partial Z^{[2]}},
       \\quad
       \\frac{\\partial L}{\\partial Z^{[1]}} = \\Bigl(\\frac{\\partial L}{\\partial Z^{[2]}}
       W^{[2]\\top}\\Bigr) \\odot f'(Z^{[1]}), \\quad
       \\frac{\\partial L}{\\partial W^{[1]}} = X^\\top\\frac{\\partial L}{\\partial Z^{[1]}},

    and each bias's gradient is the column sums of its layer's
    :math:`\\partial L/\\partial Z`. Book section: Machine Learning Concepts,
    *Neural networks*, where it is derived.

    Returns
    -------
    Network
        The gradients, each with the shape of its parameter (and the same activation).

    Raises
    ------
    ValueError
        As :func:`network_loss`.
    """
    X, y = _data(X, y, _network(network))
    return _gradients(network, X, y, _forward(network, X))


def network_to_vector(network: Network) -> np.ndarray:
    """All the parameters in one vector: :math:`W^{[1]}` row by row, :math:`\\mathbf
    b^{[1]}`, :math:`W^{[2]}`, :math:`\\mathbf b^{[2]}`."""
    network = _network(network)
    return np.concatenate([network.W1.ravel(), network.b1, network.W2.ravel(), network.b2])


def network_from_vector(vector, like: Network) -> Network:
    """The network with the shapes and activation of ``like`` whose parameters
    are ``vector`` (in :func:`network_to_vector`'s order)."""
    like = _network(like)
    vector = as_vector(vector, "vector", size=like.size)
    d, h = like.W1.shape
    cuts = np.cumsum([d * h, h, h])
    W1, b1, W2, b2 = np.split(vector, cuts)
    return Network(W1.reshape(d, h), b1, W2.reshape(h, 1), b2, like.activation)


def network_predict_proba(network: Network, X) -> np.ndarray:
    """shape (N,): :math:`\\hat p_i`, the probability of class 1 for each row of ``X``."""
    return forward(network, X).p


def network_predict(network: Network, X) -> np.ndarray:
    """shape (N,): the predicted class, 1 where :math:`\\hat p_i \\ge \\tfrac12` (that is,
    where the output's score :math:`z_i \\ge 0`), else 0."""
    return (forward(network, X).Z2[:, 0] >= 0).astype(int)


def accuracy(network: Network, X, y) -> float:
    """The fraction of the examples whose class :func:`network_predict` gets right."""
    X, y = _data(X, y, _network(network))
    return float(np.mean((_forward(network, X).Z2[:, 0] >= 0) == y))
