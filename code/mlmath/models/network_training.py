"""Training the two-layer network of :mod:`mlmath.models.neural_network`.

Book section: Machine Learning Concepts, *Neural networks*
(``chapters/ml/neural-networks.md``).

Full-batch gradient descent on the mean cross-entropy: every epoch is one
step of :func:`mlmath.calculus.gradient_descent` on the vector of all the
parameters, with the gradient of the backward pass on the whole training set.
No shuffling and no mini-batches, so the run is a function of the seed alone
and the book's playground repeats it in the page
(``figures/js/network_playground_trainer.js``) loss for loss.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from mlmath import calculus
from mlmath._validate import as_int, as_matrix, as_real, as_vector
from mlmath.models.neural_network import (Network, _data, _forward, _gradients, _loss,
                                          _network, init_network, network_from_vector,
                                          network_to_vector)

__all__ = ["TrainingRun", "train_network"]

class TrainingRun(NamedTuple):
    """What :func:`train_network` returns."""

    network: Network
    """The parameters after the last epoch (before the divergence, if there was one)."""
    losses: np.ndarray
    """shape (epochs + 1,): the training loss after 0, 1, 2, ... epochs."""
    test_losses: np.ndarray | None
    """The same on the test set, if one was given."""
    diverged_at: int | None
    """The epoch at which a parameter passed :data:`mlmath.calculus.DIVERGENCE_LIMIT`
    in size, or ``None``; ``losses`` then stops at the epoch before."""




def train_network(X, y, hidden: int = 8, activation: str = "tanh", eta: float = 0.3,
                  epochs: int = 1000, seed: int = 0, X_test=None, y_test=None,
                  initial: Network | None = None) -> TrainingRun:
    """Train the network by full-batch gradient descent on the cross-entropy.

    Each epoch is one step of :func:`mlmath.calculus.gradient_descent` on the
    vector of all parameters, :math:`\\boldsymbol\\theta \\leftarrow
    \\boldsymbol\\theta - \\eta\\,\\nabla L(\\boldsymbol\\theta)`, with the gradient
    of :func:`network_gradients` on the whole training set; the run stops,
    and says at which epoch, when a parameter passes
    :data:`mlmath.calculus.DIVERGENCE_LIMIT` in size. Book section: Machine
    Learning Concepts, *Neural networks*.

    Parameters
    ----------
    X : array_like, shape (N, d)
        The training examples, finite, at least one.
    y : array_like, shape (N,)
        Their labels, 0 or 1.
    hidden : int
        :math:`h`, at least 1 (ignored when ``initial`` is given).
    activation : {"tanh", "relu", "sigmoid"}
        (ignored when ``initial`` is given).
    eta : float
        The learning rate :math:`\\eta > 0`.
    epochs : int
        How many steps, at least 1.
    seed : int
        Seeds :func:`init_network`.
    X_test, y_test : array_like, optional
        A test set, whose loss is recorded after every epoch too.
    initial : Network, optional
        Start from these parameters instead of :func:`init_network`'s.

    Returns
    -------
    TrainingRun

    Raises
    ------
    ValueError
        If ``X`` is empty, not finite (NaN) or not a matrix; ``y`` does not
        have one label 0 or 1 per row of ``X``; ``hidden`` is below 1;
        ``activation`` is not one of :data:`ACTIVATIONS`; ``eta`` is not above 0;
        ``epochs`` is below 1; or the test set is bad in the same ways.
    """
    if initial is None:
        X = as_matrix(X, "X")
        start = init_network(hidden, activation, seed, inputs=X.shape[1])
    else:
        start = _network(initial)
    X, y = _data(X, y, start)
    test = None
    if X_test is not None or y_test is not None:
        if X_test is None or y_test is None:
            raise ValueError("X_test and y_test must be given together, or neither")
        test = _data(as_matrix(X_test, "X_test"), as_vector(y_test, "y_test"), start)
    eta = as_real(eta, "eta", low=0.0, low_inclusive=False)
    epochs = as_int(epochs, "epochs", low=1)

    losses, test_losses = [], []

    def gradient(theta: np.ndarray) -> np.ndarray:
        # Called once per epoch, at the parameters the epoch starts from: their losses
        # come with the forward pass the gradient needs.
        network = network_from_vector(theta, start)
        passed = _forward(network, X)
        losses.append(_loss(passed, y))
        if test is not None:
            test_losses.append(_loss(_forward(network, test[0]), test[1]))
        return network_to_vector(_gradients(network, X, y, passed))

    run = calculus.gradient_descent(gradient, network_to_vector(start), eta, epochs)
    final = network_from_vector(run.path[-1], start)
    if run.diverged_at is None:  # the losses after the last step
        losses.append(_loss(_forward(final, X), y))
        if test is not None:
            test_losses.append(_loss(_forward(final, test[0]), test[1]))
    return TrainingRun(final, np.array(losses),
                       None if test is None else np.array(test_losses), run.diverged_at)
