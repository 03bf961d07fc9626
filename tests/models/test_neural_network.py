"""The two-layer network and its data: checked against finite differences, the
autodiff engine, scikit-learn and the data sets' own rules."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.neural_network import MLPClassifier

from mlmath import calculus, models, probability

ACTIVATIONS = models.ACTIVATIONS


def small_problem(seed=3, n=12, hidden=3, activation="tanh"):
    data = models.playground_data("moons", 0.2, seed, n_train=n, n_test=n)
    network = models.init_network(hidden, activation, seed)
    # Biases away from zero, so that their gradients are tested as much as the weights'.
    rng = np.random.default_rng(seed)
    network = network._replace(b1=rng.normal(0, 0.5, hidden), b2=np.array([0.3]))
    return data.X_train, data.y_train, network


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_the_backward_pass_agrees_with_finite_differences(activation):
    X, y, network = small_problem(activation=activation)
    theta = models.network_to_vector(network)

    def loss(theta):
        return models.network_loss(models.network_from_vector(theta, network), X, y)

    def gradient(theta):
        grads = models.network_gradients(models.network_from_vector(theta, network), X, y)
        return models.network_to_vector(grads)

    assert calculus.gradient_check(loss, gradient, theta) < calculus.GRADIENT_CHECK_TOLERANCE


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_the_backward_pass_agrees_with_the_autodiff_engine(activation):
    # The same network, written one scalar at a time with Value: the engine's reverse
    # mode knows nothing of the matrix formulas.
    X, y, network = small_problem(n=5, hidden=2, activation=activation)
    d, h = network.W1.shape
    W1 = [[calculus.Value(network.W1[j, k]) for k in range(h)] for j in range(d)]
    b1 = [calculus.Value(b) for b in network.b1]
    W2 = [calculus.Value(w) for w in network.W2[:, 0]]
    b2 = calculus.Value(network.b2[0])
    total = calculus.Value(0.0)
    for x, label in zip(X, y):
        hidden = []
        for k in range(h):
            z = sum((W1[j][k] * float(x[j]) for j in range(d)), b1[k])
            hidden.append(getattr(z, activation)())
        z = sum((a * w for a, w in zip(hidden, W2)), b2)
        p = z.sigmoid()
        total = total - (p.log() if label == 1 else (1 - p).log())
    loss = total / len(y)
    loss.backward()
    grads = models.network_gradients(network, X, y)
    assert loss.data == pytest.approx(models.network_loss(network, X, y), rel=1e-12)
    np.testing.assert_allclose([[w.grad for w in row] for row in W1], grads.W1, rtol=1e-9)
    np.testing.assert_allclose([b.grad for b in b1], grads.b1, rtol=1e-9)
    np.testing.assert_allclose([w.grad for w in W2], grads.W2[:, 0], rtol=1e-9)
    np.testing.assert_allclose([b2.grad], grads.b2, rtol=1e-9)


def test_the_loss_is_the_cross_entropy_of_the_predicted_probabilities():
    X, y, network = small_problem()
    p = models.network_predict_proba(network, X)
    expected = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert models.network_loss(network, X, y) == pytest.approx(expected, rel=1e-12)


def test_the_forward_pass_is_two_dense_layers():
    X, y, network = small_problem(hidden=4)
    passed = models.forward(network, X)
    np.testing.assert_allclose(passed.Z1, X @ network.W1 + network.b1, rtol=1e-14)
    np.testing.assert_allclose(passed.A1, np.tanh(passed.Z1), rtol=1e-14)
    np.testing.assert_allclose(passed.p, 1 / (1 + np.exp(-(passed.A1 @ network.W2 + network.b2)[:, 0])),
                               rtol=1e-12)


def test_the_networks_sigmoid_and_softplus_stay_finite_and_exact_far_out():
    z = np.array([-800.0, -30.0, 0.0, 30.0, 800.0])
    assert np.all(np.isfinite(probability.sigmoid(z))) and np.all(np.isfinite(models.softplus(z)))
    np.testing.assert_allclose(probability.sigmoid(z[1:4]), 1 / (1 + np.exp(-z[1:4])), rtol=1e-14)
    np.testing.assert_allclose(models.softplus(z[1:4]), np.log1p(np.exp(z[1:4])), rtol=1e-14)
    assert models.softplus(800.0) == 800.0


@pytest.mark.parametrize("dataset, activation", [("moons", "tanh"), ("circles", "relu"),
                                                 ("XOR", "tanh")])
def test_accuracy_is_within_a_few_points_of_scikit_learns_mlp(dataset, activation):
    # Same architecture (8 hidden units, a logistic output, cross-entropy); different
    # optimizers and first weights, so the accuracies are compared, not the weights.
    data = models.playground_data(dataset, 0.2, seed=1)
    run = models.train_network(data.X_train, data.y_train, hidden=8, activation=activation,
                               eta=0.3, epochs=4000, seed=1)
    ours = models.accuracy(run.network, data.X_test, data.y_test)
    theirs = MLPClassifier(hidden_layer_sizes=(8,), activation=activation, solver="lbfgs",
                           alpha=0.0, max_iter=4000, random_state=1).fit(
        data.X_train, data.y_train).score(data.X_test, data.y_test)
    assert ours > 0.85
    assert abs(ours - theirs) <= 0.05, (ours, theirs)


def test_training_lowers_the_loss_and_records_every_epoch():
    data = models.playground_data("moons", 0.2, 0)
    run = models.train_network(data.X_train, data.y_train, hidden=4, epochs=300,
                               X_test=data.X_test, y_test=data.y_test)
    start = models.init_network(4, "tanh", 0)
    assert len(run.losses) == len(run.test_losses) == 301 and run.diverged_at is None
    assert run.losses[0] == pytest.approx(models.network_loss(start, data.X_train,
                                                              data.y_train), rel=1e-14)
    assert run.losses[-1] == pytest.approx(models.network_loss(run.network, data.X_train,
                                                               data.y_train), rel=1e-14)
    assert run.losses[-1] < 0.5 * run.losses[0]
    # One epoch is one step θ − η∇L, by hand.
    theta = models.network_to_vector(start)
    step = theta - 0.3 * models.network_to_vector(
        models.network_gradients(start, data.X_train, data.y_train))
    one = models.train_network(data.X_train, data.y_train, hidden=4, epochs=1)
    np.testing.assert_allclose(models.network_to_vector(one.network), step, rtol=1e-14)


def test_a_run_that_diverges_stops_and_says_when():
    data = models.playground_data("XOR", 0.0, 0)
    run = models.train_network(data.X_train, data.y_train, hidden=8, activation="relu",
                               eta=1e6, epochs=50)
    assert run.diverged_at is not None and len(run.losses) == run.diverged_at
    assert np.all(np.isfinite(run.losses))


def test_glorot_bounds_and_zero_biases():
    network = models.init_network(8, "tanh", 5)
    assert network.W1.shape == (2, 8) and network.W2.shape == (8, 1)
    assert np.all(np.abs(network.W1) <= np.sqrt(6 / 10))
    assert np.all(np.abs(network.W2) <= np.sqrt(6 / 9))
    assert not network.b1.any() and not network.b2.any() and network.size == 33


def test_mulberry32_is_uniform_and_seeded():
    u = models.Mulberry32(7).uniforms(20000)
    assert np.all((0 <= u) & (u < 1)) and abs(u.mean() - 0.5) < 0.01
    assert abs(u.var() - 1 / 12) < 0.003
    z = models.Mulberry32(7).normals(20000)
    assert abs(z.mean()) < 0.03 and abs(z.std() - 1) < 0.03
    np.testing.assert_array_equal(models.Mulberry32(7).uniforms(5), u[:5])


def test_the_data_sets_follow_their_rules_without_noise():
    X, y = models.make_two_class("XOR", 300, 0.0, 2)
    assert np.all(y == (X[:, 0] * X[:, 1] > 0)) and np.all(np.abs(X) >= 0.1)
    X, y = models.make_two_class("circles", 300, 0.0, 2)
    np.testing.assert_allclose(np.hypot(*X.T), np.where(y == 1, 0.5, 1.0), rtol=1e-12)
    X, y = models.make_two_class("moons", 300, 0.0, 2)
    centre = np.where(y[:, None] == 0, [-0.5, -0.25], [0.5, 0.25])
    np.testing.assert_allclose(np.hypot(*(X - centre).T), 1.0, rtol=1e-12)
    assert np.all(np.bincount(y) == 150)


def test_noise_moves_the_same_points():
    X0, y0 = models.make_two_class("moons", 50, 0.0, 4)
    X1, y1 = models.make_two_class("moons", 50, 0.3, 4)
    np.testing.assert_array_equal(y0, y1)
    assert 0.1 < np.std(X1 - X0) < 0.5


@pytest.mark.parametrize("call, message", [
    (lambda: models.train_network(np.empty((0, 2)), []), r"^X must"),
    (lambda: models.train_network([[0.0, 1.0], [1.0, 0.0]], [0, 1, 1]),
     r"^X and y must have the same number of examples"),
    (lambda: models.train_network([[0.0, 1.0]], [1], hidden=0), r"^hidden must"),
    (lambda: models.train_network([[0.0, 1.0]], [1], activation="softmax"),
     r"^activation must be one of 'tanh', 'relu', 'sigmoid', got 'softmax'"),
    (lambda: models.train_network([[0.0, np.nan]], [1]), r"^X must"),
    (lambda: models.train_network([[0.0, 1.0]], [np.nan]), r"^y must"),
    (lambda: models.train_network([[0.0, 1.0]], [2]), r"^y must hold class labels 0 and 1"),
    (lambda: models.train_network([[0.0, 1.0]], [1], eta=0.0), r"^eta must"),
    (lambda: models.train_network([[0.0, 1.0]], [1], epochs=0), r"^epochs must"),
    (lambda: models.init_network(2, "tanh", seed=-1), r"^seed must"),
    (lambda: models.make_two_class("spirals"), r"^dataset must be one of 'XOR', 'moons'"),
    (lambda: models.make_two_class("moons", noise=np.nan), r"^noise must"),
    (lambda: models.make_two_class("moons", n=0), r"^n must"),
    (lambda: models.forward(models.init_network(2), [[1.0, 2.0, 3.0]]), r"^X must have 2"),
])
def test_bad_input_is_refused_by_name(call, message):
    with pytest.raises(ValueError, match=message):
        call()
