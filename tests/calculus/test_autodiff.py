"""mlmath.calculus.autodiff against closed forms, central differences and matrix calculus."""

import math
import sys

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.special import expit

from mlmath import calculus
from mlmath.calculus import Value

rng = np.random.default_rng(20261203)

# Each one-argument operation: the engine's, the value and the derivative in closed
# form (written independently of the engine), and points where both exist.
UNARY = {
    "exp": (lambda v: v.exp(), np.exp, np.exp, [-3.0, 0.0, 0.7, 5.0]),
    "log": (lambda v: v.log(), np.log, lambda x: 1 / x, [1e-3, 0.5, 1.0, 40.0]),
    "tanh": (lambda v: v.tanh(), np.tanh, lambda x: 1 / np.cosh(x) ** 2,
             [-4.0, -0.3, 0.0, 2.0]),
    "relu": (lambda v: v.relu(), lambda x: np.maximum(x, 0.0),
             lambda x: np.where(x > 0, 1.0, 0.0), [-2.0, -1e-3, 1e-3, 3.0]),
    "sigmoid": (lambda v: v.sigmoid(), expit, lambda x: np.exp(-x) / (1 + np.exp(-x)) ** 2,
                [-30.0, -2.0, 0.0, 0.5, 30.0]),
    "neg": (lambda v: -v, np.negative, lambda x: -np.ones_like(x), [-1.5, 2.0]),
    "square": (lambda v: v**2, np.square, lambda x: 2 * x, [-1.5, 0.0, 2.0]),
    "cube": (lambda v: v**3, lambda x: x**3, lambda x: 3 * x**2, [-1.5, 0.0, 2.0]),
    "reciprocal": (lambda v: v**-1, lambda x: 1 / x, lambda x: -1 / x**2, [-2.0, 0.25, 3.0]),
    "square root": (lambda v: v**0.5, np.sqrt, lambda x: 0.5 / np.sqrt(x), [0.04, 1.0, 9.0]),
    "zeroth power": (lambda v: v**0, np.ones_like, np.zeros_like, [-2.0, 0.0, 3.0]),
}

# Each two-argument operation, Value with Value and mixed with a constant on either side:
# the value and both partial derivatives in closed form.
BINARY = {
    "+": (lambda a, b: a + b, lambda a, b: (a + b, 1.0, 1.0)),
    "−": (lambda a, b: a - b, lambda a, b: (a - b, 1.0, -1.0)),
    "×": (lambda a, b: a * b, lambda a, b: (a * b, b, a)),
    "÷": (lambda a, b: a / b, lambda a, b: (a / b, 1 / b, -a / b**2)),
}
PAIRS = [(1.5, -0.5), (-2.0, 3.0), (0.25, 0.125), (7.0, -4.0)]


@pytest.mark.parametrize("name", UNARY)
def test_each_function_has_the_closed_form_value_and_derivative(name):
    op, value, derivative, points = UNARY[name]
    for x in points:
        a = Value(x)
        out = op(a)
        out.backward()
        assert_allclose(out.data, value(np.float64(x)), rtol=1e-14, atol=1e-300)
        assert_allclose(a.grad, derivative(np.float64(x)), rtol=1e-12, atol=1e-300)
        assert out.local_derivatives == (a.grad,) and out.parents == (a,)


@pytest.mark.parametrize("name", UNARY)
def test_each_function_s_derivative_matches_central_differences(name):
    op, _, _, points = UNARY[name]
    for x in points:
        if name == "relu" and abs(x) < 1e-2:
            continue  # the step 1e-5 would straddle the corner at 0
        a = Value(x)
        op(a).backward()
        h = 1e-6 * min(abs(x), 1.0) if x else 1e-6  # small against x, where log curves
        estimate = calculus.central_difference(lambda t: op(Value(float(t))).data, x, h=h)
        assert_allclose(a.grad, estimate, rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("symbol", BINARY)
def test_each_arithmetic_operation_with_values_and_with_constants(symbol):
    op, closed = BINARY[symbol]
    for x, y in PAIRS:
        expected, da, db = closed(x, y)
        a, b = Value(x), Value(y)
        out = op(a, b)
        out.backward()
        assert_allclose([out.data, a.grad, b.grad], [expected, da, db], rtol=1e-15)
        left, right = Value(x), Value(y)
        mixed = [op(left, y), op(x, right)]  # a constant on the right, then on the left
        for node in mixed:
            node.backward()
        assert_allclose([m.data for m in mixed], expected, rtol=1e-15)
        assert_allclose([left.grad, right.grad], [da, db], rtol=1e-15)


def test_sigmoid_is_stable_far_out_and_numpy_scalars_mix_in():
    for x in (-800.0, 800.0):
        a = Value(x)
        out = a.sigmoid()
        out.backward()
        assert out.data == expit(x) and a.grad == 0.0
    mixed = np.float64(2.0) * Value(3.0) + np.int64(1)  # NumPy defers to Value
    assert isinstance(mixed, Value) and mixed.data == 7.0


def test_relu_takes_slope_zero_at_its_corner():
    a = Value(0.0)
    a.relu().backward()
    assert a.grad == 0.0


def test_a_node_used_twice_collects_both_gradients():
    a = Value(3.0)
    b = a + a
    c = b + b
    c.backward()
    assert (a.grad, b.grad, c.grad) == (4.0, 2.0, 1.0)
    # a·a: two edges into a, each with local derivative a, so d(a²)/da = 2a.
    d = Value(-1.5)
    (d * d).backward()
    assert d.grad == -3.0
    # A diamond, a → (2a, eᵃ) → 2a·eᵃ: the sum over both paths is 2eᵃ + 2a·eᵃ.
    e = Value(0.7)
    out = (e * 2) * e.exp()
    out.backward()
    assert_allclose(e.grad, 2 * math.exp(0.7) * (1 + 0.7), rtol=1e-15)


def test_backward_accumulates_and_zero_grad_starts_again():
    x, w = Value(2.0), Value(-3.0)
    y = (x * w).tanh()
    y.backward()
    first = {"x": x.grad, "w": w.grad, "y": y.grad}
    assert first["y"] == 1.0
    y.backward()  # the same gradients added once more, everywhere
    assert (x.grad, w.grad, y.grad) == (2 * first["x"], 2 * first["w"], 2.0)
    y.zero_grad()
    assert (x.grad, w.grad, y.grad) == (0.0, 0.0, 0.0)
    y.backward()
    assert (x.grad, w.grad) == (first["x"], first["w"])
    # Two outputs sharing x: their gradients add up in x.grad.
    y.zero_grad()
    z = x * 5.0
    y.backward()
    z.backward()
    assert x.grad == first["x"] + 5.0


def test_a_chain_of_ten_thousand_nodes_is_deeper_than_recursion_could_go():
    c = 1.0001
    x = Value(0.5)
    v = x
    for _ in range(5000):
        v = v * c + 1e-4  # two nodes per round, and one constant
    order = v.topological_order()
    assert len(order) > 10_000 > sys.getrecursionlimit()
    v.backward()
    assert_allclose(x.grad, c**5000, rtol=1e-12)  # the product of 5000 local derivatives
    # One node used ten thousand times: ∂(a + a + ... + a)/∂a = 10000.
    a = Value(1.0)
    total = a
    for _ in range(9999):
        total = total + a
    total.backward()
    assert a.grad == 10_000.0


def test_topological_order_puts_every_node_after_its_parents():
    a, b = Value(1.0), Value(2.0)
    out = ((a * b).exp() + a / b).log() * (b - a).sigmoid()
    order = out.topological_order()
    position = {node: k for k, node in enumerate(order)}
    assert len(position) == len(order) and order[-1] is out
    for node in order:
        assert all(position[p] < position[node] for p in node.parents)
    assert {a, b} <= set(order)


def _functions():
    """Functions of several variables written once for Values, evaluated either way."""
    return [
        lambda v: (v[0] * v[1]).exp() + v[1] ** 2 - v[2] / (v[0] ** 2 + 1),
        lambda v: ((v[0] - v[1]).tanh() * v[2] + v[0].sigmoid()).relu() + (v[1] ** 2 + 1).log(),
        lambda v: sum(((v[j] - 0.3 * j) ** 2).sigmoid() for j in range(3)) / 3,
    ]


@pytest.mark.parametrize("f", _functions())
def test_gradients_pass_the_gradient_check(f):
    def numeric(x):
        return f([Value(float(t)) for t in x]).data

    for _ in range(5):
        x = rng.normal(size=3)
        value, gradient = calculus.value_and_gradient(f, x)
        assert value == numeric(x)
        assert calculus.gradient_check(numeric, lambda p: calculus.value_and_gradient(f, p)[1],
                                       x) < calculus.GRADIENT_CHECK_TOLERANCE
        assert_allclose(gradient, calculus.numerical_gradient(numeric, x), rtol=1e-6, atol=1e-8)


def test_value_and_gradient_of_a_constant_is_zero():
    value, gradient = calculus.value_and_gradient(lambda v: 4.0, [1.0, 2.0])
    assert value == 4.0 and gradient.tolist() == [0.0, 0.0]


def _network(X, y, W1, b1, W2, b2, activation):
    """A two-layer network built from Values, one number at a time: the hidden layer
    f(XW⁽¹⁾ + 1b⁽¹⁾ᵀ) with f = tanh or relu, a logistic output, the mean squared error."""
    N, d = X.shape
    hidden = W1.shape[1]
    params = {name: np.vectorize(Value, otypes=[object])(array) for name, array in
              (("W1", W1), ("b1", b1), ("W2", W2), ("b2", b2))}
    P = params
    loss = 0.0
    for i in range(N):
        a1 = [getattr(sum((P["W1"][j, k] * X[i, j] for j in range(d)), P["b1"][k]), activation)()
              for k in range(hidden)]
        z2 = sum((a1[k] * P["W2"][k, 0] for k in range(hidden)), P["b2"][0])
        loss = loss + (z2.sigmoid() - y[i]) ** 2
    loss = loss / N
    loss.backward()
    return loss.data, {name: np.vectorize(lambda v: v.grad)(array) for name, array in P.items()}


def _network_by_matrix_calculus(X, y, W1, b1, W2, b2, activation):
    """The same network's loss and gradients, derived by hand in matrix form (NumPy)."""
    N = len(X)
    Z1 = X @ W1 + b1
    A1 = np.tanh(Z1) if activation == "tanh" else np.maximum(Z1, 0)
    Z2 = A1 @ W2 + b2
    Y_hat = 1 / (1 + np.exp(-Z2))
    E = Y_hat - y[:, None]
    loss = float(np.mean(E**2))
    dZ2 = 2 * E / N * Y_hat * (1 - Y_hat)  # ∂L/∂Z2, N × 1
    dA1 = dZ2 @ W2.T
    dZ1 = dA1 * ((1 - A1**2) if activation == "tanh" else (Z1 > 0))
    return loss, {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": A1.T @ dZ2,
                  "b2": dZ2.sum(axis=0)}


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_a_two_layer_network_has_the_gradients_of_matrix_calculus(activation):
    N, d, hidden = 6, 3, 4
    X = rng.normal(size=(N, d))
    y = (rng.random(N) > 0.5).astype(float)
    W1, b1 = rng.normal(size=(d, hidden)), rng.normal(size=hidden) * 0.1
    W2, b2 = rng.normal(size=(hidden, 1)), np.array([0.2])
    loss, grads = _network(X, y, W1, b1, W2, b2, activation)
    expected_loss, expected = _network_by_matrix_calculus(X, y, W1, b1, W2, b2, activation)
    assert_allclose(loss, expected_loss, rtol=1e-13)
    for name in expected:
        assert grads[name].shape == expected[name].shape
        assert_allclose(grads[name], expected[name], rtol=1e-10, atol=1e-14, err_msg=name)


def test_backward_steps_record_backward_in_reverse_topological_order():
    graph = calculus.neuron_squared_error([1.5, 0.5], [0.8, -1.2], 0.1, 1.0)
    steps = calculus.backward_steps(graph.loss)
    assert all(node.grad == 0.0 for node in graph.nodes.values())  # left alone
    assert [s.node.label for s in steps] == ["L", "d", "ŷ", "z", "s", "p₂", "p₁"]
    assert steps[0].upstream == 1.0
    received = {}
    for step in steps:
        # A node passes its gradient on only once everything made from it has.
        assert step.upstream == (1.0 if step.node is graph.loss else received[step.node])
        for parent, local, product in step.contributions:
            assert product == local * step.upstream
            received[parent] = received.get(parent, 0.0) + product
    graph.loss.backward()
    for node in graph.nodes.values():
        if node is not graph.loss:
            assert received[node] == node.grad, node.label


def test_the_neurons_graph_has_the_closed_form_gradient():
    x, w, b, y = np.array([1.5, 0.5]), np.array([0.8, -1.2]), 0.1, 1.0
    graph = calculus.neuron_squared_error(x, w, b, y)
    assert list(graph.nodes) == ["w₁", "x₁", "p₁", "w₂", "x₂", "p₂", "s", "b", "z", "ŷ", "y",
                                 "d", "L"]
    graph.loss.backward()
    z = w @ x + b
    y_hat = expit(z)
    # ∂L/∂w_j = 2(ŷ − y) σ'(z) x_j, ∂L/∂b = 2(ŷ − y) σ'(z), ∂L/∂x_j = 2(ŷ − y) σ'(z) w_j.
    delta = 2 * (y_hat - y) * y_hat * (1 - y_hat)
    nodes = graph.nodes
    assert_allclose(nodes["L"].data, (y_hat - y) ** 2, rtol=1e-15)
    assert_allclose([nodes["w₁"].grad, nodes["w₂"].grad], delta * x, rtol=1e-14)
    assert_allclose([nodes["x₁"].grad, nodes["x₂"].grad], delta * w, rtol=1e-14)
    assert_allclose([nodes["b"].grad, nodes["y"].grad], [delta, -2 * (y_hat - y)], rtol=1e-14)
    one = calculus.neuron_squared_error([2.0], [-1.0], 0.5, 0.0)
    assert "s" not in one.nodes and one.nodes["z"].parents == (one.nodes["p₁"], one.nodes["b"])


@pytest.mark.parametrize("make, message", [
    (lambda: Value(float("nan")), r"^data must be finite, got nan"),
    (lambda: Value(float("inf")), r"^data must be finite"),
    (lambda: Value("2.0"), r"^data must be a real number, got '2.0'"),
    (lambda: Value(None), r"^data must be a real number"),
    (lambda: Value(True), r"^data must be a real number, got True"),
    (lambda: Value(1.0, label=3), r"^label must be a string"),
    (lambda: Value(1.0) + "a", r"^the other operand of \+ must be a Value or a finite real"),
    (lambda: [1.0, 2.0] * Value(1.0), r"^the other operand of × must be a Value"),
    (lambda: Value(1.0) - float("nan"), r"^data must be finite"),
    (lambda: Value(0.0).log(), r"^log needs a positive number .*got 0.0"),
    (lambda: Value(-1.0).log(), r"^log needs a positive number"),
    (lambda: Value(1.0) / 0, r"^division by zero: the divisor of 1.0 is 0"),
    (lambda: 2.0 / Value(0.0), r"^division by zero"),
    (lambda: Value(0.0) ** -1, r"^0 \*\* -1 is not defined"),
    (lambda: Value(-2.0) ** 0.5, r"^a negative number to a fractional power"),
    (lambda: Value(0.0) ** 0.5, r"^the derivative of x \*\* 0.5 is infinite at x = 0"),
    (lambda: Value(2.0) ** Value(2.0), r"^the exponent of \*\* must be a real number"),
    (lambda: Value(2.0) ** float("nan"), r"^the exponent of \*\* must be finite"),
    (lambda: 2.0 ** Value(2.0), r"^a Value can only be raised to a constant power"),
    (lambda: Value(1000.0).exp(), r"^exp of 1000.0 overflows"),
    (lambda: Value(1e200) * 1e200, r"^× of 1e\+200, 1e\+200 overflows"),
    (lambda: Value(1e-200) ** -2, r"overflows"),
    (lambda: Value(1e300) / 1e-300, r"^÷ of 1e\+300, 1e-300 overflows"),
    (lambda: calculus.value_and_gradient("f", [1.0]), r"^f must be a callable function"),
    (lambda: calculus.value_and_gradient(lambda v: v[0], [float("nan")]), r"^x must be finite"),
    (lambda: calculus.value_and_gradient(lambda v: v[0], "ab"), r"^x must be a sequence"),
    (lambda: calculus.value_and_gradient(lambda v: "one", [1.0]),
     r"^f must return a Value \(or a real number\), got 'one'"),
    (lambda: calculus.backward_steps(3.0), r"^output must be a Value, got 3.0"),
    (lambda: calculus.neuron_squared_error([1.0, 2.0], [1.0], 0.0, 1.0),
     r"^w must have 2 components, got 1"),
    (lambda: calculus.neuron_squared_error([1.0], [1.0], float("nan"), 1.0),
     r"^b must be finite"),
])
def test_bad_input_raises_a_value_error_that_says_what_is_allowed(make, message):
    with pytest.raises(ValueError, match=message):
        make()
