"""mlmath.calculus.optimizers, .newton, .convergence and .stochastic against textbook updates
written out here, closed forms, NumPy and scikit-learn."""

import dataclasses
import math

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LinearRegression

from mlmath import calculus

GRID = calculus.LEARNING_RATE_GRID
rng = np.random.default_rng(20261205)
M = rng.normal(size=(3, 3))
A3 = M @ M.T + 0.5 * np.eye(3)  # symmetric positive definite, not diagonal


def surface(name):
    return calculus.RACE_SURFACES[name]


def distances(result, minimum):
    return np.linalg.norm(result.path - minimum, axis=1)


# --- each optimizer reaches the known minimum ---------------------------------------------

# Learning rates from the grid (10^(−k/4)), each run's length, and the distance to the known
# minimum the last iterate must be within.
BOWLS_AND_WELL = [
    ("narrow bowl", "SGD", 5, 2000, 1e-12), ("narrow bowl", "Momentum", 6, 2000, 1e-12),
    ("narrow bowl", "Adam", 5, 2000, 1e-12),
    ("turned bowl", "SGD", 5, 2000, 1e-12), ("turned bowl", "Momentum", 6, 2000, 1e-12),
    ("turned bowl", "Adam", 3, 2000, 1e-12),
    ("two minima", "SGD", 4, 2000, 1e-12), ("two minima", "Momentum", 6, 2000, 1e-12),
    ("two minima", "Adam", 4, 2000, 1e-12),
    ("Rosenbrock", "SGD", 11, 20_000, 1e-5), ("Rosenbrock", "Momentum", 10, 3000, 1e-12),
    ("Rosenbrock", "Adam", 8, 10_000, 1e-6),
]


@pytest.mark.parametrize("name, optimizer, k, steps, tolerance", BOWLS_AND_WELL)
def test_each_optimizer_reaches_the_known_minimum(name, optimizer, k, steps, tolerance):
    s = surface(name)
    rule = dataclasses.replace(calculus.DEFAULT_RULES[optimizer], eta=GRID[k])
    result = calculus.optimize(rule, s.grad, calculus.RACE_STARTS[name], steps, f=s.f)
    assert not result.diverged
    assert distances(result, s.minimum)[-1] < tolerance
    assert result.losses[-1] - s.lowest < 1e-9


@pytest.mark.parametrize("name", list(calculus.RACE_SURFACES))
def test_newton_reaches_the_minimum_in_a_few_steps(name):
    s = surface(name)
    result = calculus.optimize(calculus.Newton(s.hessian), s.grad, calculus.RACE_STARTS[name],
                               10, f=s.f)
    assert distances(result, s.minimum)[-1] < 1e-12
    if s.quadratic:  # one step: the local quadratic model is the bowl itself
        assert distances(result, s.minimum)[1] < 1e-14


@pytest.mark.parametrize("name, k", [("narrow bowl", 8), ("turned bowl", 8), ("turned bowl", 4),
                                     ("two minima", 9)])
def test_rmsprop_ends_in_a_two_cycle_at_eta_over_root_two(name, k):
    # RMSProp at a fixed learning rate does not converge. Near a minimum its steps settle at
    # ±η along each coordinate (s tracks g², so η g/√s is η times the sign of g), and the run
    # jumps between two points η/2 either side of the minimum in each coordinate: a distance
    # of η/√2.
    s, eta = surface(name), GRID[k]
    result = calculus.optimize(calculus.RMSProp(eta), s.grad, calculus.RACE_STARTS[name], 4000)
    late = distances(result, s.minimum)[-1000:]
    assert_allclose(late, eta / math.sqrt(2), rtol=0.03)


def test_rmsprop_is_thrown_out_again_when_its_learning_rate_outgrows_the_bound():
    # On the narrow bowl at its defaults RMSProp comes within 10⁻¹⁰⁰ of the minimum, but √s
    # remembers gradients that are gone and shrinks only as 0.99^(t/2), so η/√s along the
    # steep axis (λ = 25) grows past the stability bound 2/25 of gradient descent, and the
    # error grows again, to the two-cycle.
    s = surface("narrow bowl")
    result = calculus.optimize(calculus.RMSProp(), s.grad, [-2.0, 1.0], 4000)
    d = distances(result, s.minimum)
    assert d[1000] < 1e-100 and d[1000:].argmin() < 200
    assert_allclose(d[-200:], 0.01 / math.sqrt(2), rtol=0.03)


def test_rmsprop_on_rosenbrock_gets_within_its_learning_rate_and_no_closer():
    s = surface("Rosenbrock")
    result = calculus.optimize(calculus.RMSProp(1e-3), s.grad, [-1.2, 1.0], 10_000)
    late = distances(result, s.minimum)[-1000:]
    assert 0.5e-3 < late.min() and late.max() < 1.5e-3


# --- each rule against a textbook update written out here -----------------------------------

def rosenbrock_path(rule, steps=200, w0=(-1.2, 1.0)):
    return calculus.optimize(rule, surface("Rosenbrock").grad, list(w0), steps).path


def test_sgd_is_w_minus_eta_times_the_gradient():
    grad = surface("Rosenbrock").grad
    w = np.array([-1.2, 1.0])
    expected = [w]
    for _ in range(50):
        w = w - 1e-3 * grad(w)
        expected.append(w)
    assert_allclose(rosenbrock_path(calculus.SGD(1e-3), 50), expected, rtol=0, atol=0)


def test_momentum_matches_polyaks_heavy_ball_and_gradient_descent():
    grad = surface("Rosenbrock").grad
    eta, beta = 5e-4, 0.9
    # Polyak's form, w⁺ = w − η∇L(w) + β (w − w⁻), the same recurrence as v⁺ = βv + ∇L(w),
    # w⁺ = w − ηv⁺ with v = (w⁻ − w)/η.
    w = previous = np.array([-1.2, 1.0])
    expected = [w]
    for _ in range(300):
        w, previous = w - eta * grad(w) + beta * (w - previous), w
        expected.append(w)
    path = rosenbrock_path(calculus.Momentum(eta, beta), 300)
    assert_allclose(path, expected, rtol=1e-9, atol=1e-12)
    descent = calculus.gradient_descent(grad, [-1.2, 1.0], eta, 300, momentum=beta)
    assert_allclose(path, descent.path, rtol=0, atol=0)


def test_rmsprop_matches_hintons_update_coordinate_by_coordinate():
    # Tieleman and Hinton's lecture: MeanSquare(w) = 0.99 MeanSquare(w) + 0.01 g²,
    # w ← w − η g / (√MeanSquare(w) + ε), written in plain floats, one coordinate at a time.
    grad = surface("Rosenbrock").grad
    eta, decay, eps = 1e-2, 0.99, 1e-8
    w = [-1.2, 1.0]
    mean_square = [0.0, 0.0]
    expected = [list(w)]
    for _ in range(200):
        g = [float(v) for v in grad(np.array(w))]
        for j in range(2):
            mean_square[j] = decay * mean_square[j] + (1 - decay) * g[j] ** 2
            w[j] -= eta * g[j] / (math.sqrt(mean_square[j]) + eps)
        expected.append(list(w))
    assert_allclose(rosenbrock_path(calculus.RMSProp(eta, decay, eps)), expected,
                    rtol=1e-10, atol=1e-12)


def test_adam_matches_kingma_and_bas_algorithm_with_bias_correction():
    # Algorithm 1 of Kingma & Ba (2015), with the powers β₁ᵗ and β₂ᵗ computed as powers.
    grad = surface("Rosenbrock").grad
    alpha, beta1, beta2, eps = 0.05, 0.9, 0.999, 1e-8
    theta = np.array([-1.2, 1.0])
    m = v = np.zeros(2)
    expected = [theta]
    for t in range(1, 201):
        g = grad(theta)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g**2
        m_hat = m / (1 - beta1**t)
        v_hat = v / (1 - beta2**t)
        theta = theta - alpha * m_hat / (np.sqrt(v_hat) + eps)
        expected.append(theta)
    assert_allclose(rosenbrock_path(calculus.Adam(alpha, beta1, beta2, eps)), expected,
                    rtol=1e-10, atol=1e-12)


def test_first_steps_of_the_adaptive_rules_in_closed_form():
    # After one gradient g, Adam's corrected averages are g and g², so its step is η g/(|g| + δ):
    # η in size along every coordinate. RMSProp's average is (1 − β₂) g², uncorrected, so its
    # first step is η/√(1 − β₂) = 10 η in size for β₂ = 0.99.
    grad = surface("Rosenbrock").grad
    g = grad([-1.2, 1.0])
    adam = rosenbrock_path(calculus.Adam(0.1), 1)
    assert_allclose(adam[1] - adam[0], -0.1 * g / (np.abs(g) + 1e-8), rtol=1e-14)
    rms = rosenbrock_path(calculus.RMSProp(0.1), 1)
    assert_allclose(np.abs(rms[1] - rms[0]), 0.1 / math.sqrt(0.01), rtol=1e-7)


def test_effective_learning_rates_on_a_constant_gradient():
    # L(w) = 3 w: a constant gradient. SGD's ‖Δw‖/‖g‖ is η; momentum's grows to η/(1 − β);
    # Adam's is η/(|g| + δ) at every step.
    def grad(w):
        return np.array([3.0])
    steps = 200
    sgd = calculus.optimize(calculus.SGD(0.01), grad, [0.0], steps)
    assert_allclose(sgd.effective_learning_rates, 0.01, rtol=1e-14)
    momentum = calculus.optimize(calculus.Momentum(0.01, 0.9), grad, [0.0], steps)
    t = np.arange(1, steps + 1)
    assert_allclose(momentum.effective_learning_rates, 0.01 * (1 - 0.9**t) / (1 - 0.9),
                    rtol=1e-12)
    adam = calculus.optimize(calculus.Adam(0.01), grad, [0.0], steps)
    assert_allclose(adam.effective_learning_rates, 0.01 / (3 + 1e-8), rtol=1e-12)
    assert_allclose(adam.gradient_norms, 3.0)
    still = calculus.optimize(calculus.SGD(0.1), lambda w: np.zeros(1), [1.0], 3)
    assert np.all(np.isnan(still.effective_learning_rates))  # no gradient, no rate


# --- Newton ---------------------------------------------------------------------------------

def test_newton_lands_on_the_minimum_of_any_quadratic_in_one_step():
    b = np.array([1.0, -2.0, 0.5])  # L = ½ wᵀAw − bᵀw, minimum A⁻¹b

    def grad(w):
        return A3 @ w - b
    result = calculus.optimize(calculus.Newton(lambda w: A3), grad, [5.0, 5.0, 5.0], 1)
    assert_allclose(result.final, np.linalg.solve(A3, b), rtol=1e-12)


def test_newton_converges_quadratically_on_rosenbrock():
    s = surface("Rosenbrock")
    errors = distances(calculus.optimize(calculus.Newton(s.hessian), s.grad, [1.3, 1.5], 8),
                       s.minimum)
    # Once close, each error is at most a constant times the square of the one before.
    close = [(e0, e1) for e0, e1 in zip(errors, errors[1:]) if 0 < e0 < 0.1 and e1 > 1e-15]
    assert close and all(e1 < 10 * e0**2 for e0, e1 in close)


def test_newton_climbs_to_the_ridge_of_the_double_well():
    # Pure Newton goes to the stationary point of its local model, and between the wells
    # that is the top of the ridge (a saddle): the middle root of 4w₁³ − 4w₁ + ½ = 0.
    s = surface("two minima")
    result = calculus.optimize(calculus.Newton(s.hessian), s.grad, [0.3, 2.0], 20)
    ridge = np.sort(np.roots([4.0, 0.0, -4.0, calculus.DOUBLE_WELL_TILT]).real)[1]
    assert_allclose(result.final, [ridge, 0.0], atol=1e-12)
    assert np.linalg.eigvalsh(s.hessian(result.final))[0] < 0  # not a minimum


def test_newton_stops_and_says_so_at_a_singular_hessian():
    # On the double well the Hessian diag(12w₁² − 4, 2) is singular at w₁ = ±1/√3; a Hessian
    # that is singular everywhere stops the run at once.
    result = calculus.optimize(calculus.Newton(lambda w: np.array([[1.0, 2.0], [2.0, 4.0]])),
                               lambda w: np.array([1.0, 1.0]), [0.0, 0.0], 5)
    assert result.singular_at == 1 and len(result.path) == 1 and not result.diverged


# --- rates on a quadratic -------------------------------------------------------------------

def spectral_radius(matrix):
    return float(np.abs(np.linalg.eigvals(matrix)).max())


@pytest.mark.parametrize("A", [np.diag([1.0, 100.0]), A3, np.array([[13.0, 12.0], [12.0, 13.0]])])
def test_the_best_settings_on_a_quadratic_and_their_rates(A):
    rates = calculus.quadratic_rates(A)
    n = len(A)
    values = np.linalg.eigvalsh(A)
    kappa = values[-1] / values[0]
    assert_allclose(rates.gd_rate, (kappa - 1) / (kappa + 1), rtol=1e-10)
    assert_allclose(rates.momentum_rate, (math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1),
                    rtol=1e-10)
    # Independently: the spectral radius of gradient descent's step matrix I − ηA ...
    step = np.eye(n) - rates.gd_eta * A
    assert_allclose(spectral_radius(step), rates.gd_rate, rtol=1e-10)
    for factor in (0.95, 1.05):  # ... is larger at any other learning rate
        assert spectral_radius(np.eye(n) - factor * rates.gd_eta * A) > rates.gd_rate
    # ... and of the heavy ball's: (w⁺, w) = [[(1 + β)I − ηA, −βI], [I, 0]] (w, w⁻).
    def heavy_ball(eta, beta):
        return np.block([[(1 + beta) * np.eye(n) - eta * A, -beta * np.eye(n)],
                         [np.eye(n), np.zeros((n, n))]])
    best = heavy_ball(rates.momentum_eta, rates.momentum_beta)
    assert_allclose(spectral_radius(best), rates.momentum_rate, rtol=1e-6)  # a double root
    for eta, beta in ((0.9, 1.0), (1.1, 1.0), (1.0, 0.9), (1.0, 1.1)):
        other = heavy_ball(eta * rates.momentum_eta, min(beta * rates.momentum_beta, 0.999))
        assert spectral_radius(other) > rates.momentum_rate * (1 + 1e-4)


def test_measured_rates_approach_the_predicted_ones():
    A = np.diag([1.0, 100.0])
    rates = calculus.quadratic_rates(A)

    def grad(w):
        return A @ w
    gd = calculus.optimize(calculus.SGD(rates.gd_eta), grad, [1.0, 1.0], 1000)
    assert_allclose(calculus.convergence_rate(gd.path, [0.0, 0.0]), rates.gd_rate, rtol=1e-9)
    heavy = calculus.optimize(calculus.Momentum(rates.momentum_eta, rates.momentum_beta), grad,
                              [1.0, 1.0], 1000)
    measured = calculus.convergence_rate(heavy.path, [0.0, 0.0])
    # At the double root the error is (a + bt)rᵗ: the factor over steps 500..1000 is
    # r (1000/500)^(1/500) at most, just above r.
    assert rates.momentum_rate < measured < rates.momentum_rate * 2 ** (1 / 500) * (1 + 1e-9)


# --- the race -------------------------------------------------------------------------------

def test_the_race_surfaces_are_the_chapters_functions():
    points = [np.array(p) for p in ([-1.2, 1.0], [0.3, -0.7], [2.0, 1.5], [0.0, 0.0])]
    rosen, well = surface("Rosenbrock"), surface("two minima")
    for w in points:
        assert_allclose(rosen.f(w), calculus.rosenbrock(w), rtol=1e-14, atol=1e-300)
        assert_allclose(rosen.grad(w), calculus.rosenbrock_gradient(w), rtol=1e-14, atol=1e-12)
        assert_allclose(well.f(w), calculus.double_well(w), rtol=1e-14)
        for name in ("narrow bowl", "turned bowl"):
            s = surface(name)
            A = s.hessian(w)
            assert_allclose(s.f(w), calculus.bowl(w, A), rtol=1e-14, atol=1e-300)
            assert_allclose(s.grad(w), A @ w, rtol=1e-14, atol=1e-300)
        for s in calculus.RACE_SURFACES.values():
            if np.any(s.grad(w) != 0):
                assert calculus.gradient_check(s.f, s.grad, w) < calculus.GRADIENT_CHECK_TOLERANCE
            assert_allclose(calculus.numerical_hessian(s.grad, w), s.hessian(w), rtol=1e-6,
                            atol=1e-6)
            assert_allclose(s.on_grid(*w), s.f(w))
    eigen = np.linalg.eigvalsh(surface("turned bowl").hessian(np.zeros(2)))
    assert_allclose(eigen, [1.0, 25.0])


def test_a_run_finishes_where_it_stays_within_the_tolerance():
    race = calculus.steps_to_tolerance(calculus.Momentum(GRID[6]), "turned bowl", (-2.0, 1.0))
    gaps = race.result.losses
    k = race.steps
    assert k is not None and np.all(gaps[k:] <= calculus.RACE_TOLERANCE)
    assert gaps[k - 1] > calculus.RACE_TOLERANCE
    assert len(gaps) == calculus.RACE_BUDGET + 1
    # RMSProp passes through the tolerance on the turned bowl and out again: not finished.
    hover = calculus.steps_to_tolerance(calculus.RMSProp(GRID[4]), "turned bowl", (-2.0, 1.0))
    assert hover.steps is None
    assert hover.result.losses.min() <= calculus.RACE_TOLERANCE < hover.result.losses[-1]


def test_tuning_picks_the_fastest_rate_of_an_exhaustive_scan():
    for name, rule in (("turned bowl", calculus.Adam()), ("Rosenbrock", calculus.Momentum()),
                       ("Rosenbrock", calculus.RMSProp())):
        w0 = calculus.RACE_STARTS[name]
        tuned = calculus.tune_learning_rate(rule, name, w0)
        scan = []
        for eta in GRID:
            race = calculus.steps_to_tolerance(dataclasses.replace(rule, eta=eta), name, w0)
            end = math.inf if race.result.diverged else race.result.losses[-1]
            scan.append((race.steps if race.steps is not None else math.inf, end, eta))
        finished = [s for s in scan if s[0] < math.inf]
        best = min(finished) if finished else min(scan, key=lambda s: s[1])
        assert tuned.rule.eta == best[2] and tuned.steps == (best[0] if finished else None)
        assert tuned.rule == dataclasses.replace(rule, eta=best[2])  # the rest kept


# --- mini-batches on a real least-squares problem --------------------------------------------

@pytest.fixture(scope="module")
def diabetes():
    X, y = load_diabetes(return_X_y=True)
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    return calculus.LeastSquares(X, (y - y.mean()) / y.std())


def test_the_least_squares_problem_against_scikit_learn(diabetes):
    model = LinearRegression(fit_intercept=False).fit(diabetes.X, diabetes.y)
    assert_allclose(diabetes.minimum, model.coef_, rtol=1e-8, atol=1e-10)
    assert_allclose(diabetes.gradient(diabetes.minimum), 0.0, atol=1e-12)
    w = np.linspace(-1, 1, 10)
    assert calculus.gradient_check(diabetes.loss, diabetes.gradient, w) \
        < calculus.GRADIENT_CHECK_TOLERANCE
    assert_allclose(calculus.numerical_hessian(diabetes.gradient, w), diabetes.hessian,
                    rtol=1e-6, atol=1e-8)


def test_minibatch_gradients_are_unbiased_with_the_predicted_covariance(diabetes):
    w = np.linspace(-0.5, 0.5, 10)
    for batch in (5, 50):
        grad = diabetes.minibatch_gradient(batch, seed=3)
        draws = np.array([grad(w) for _ in range(20_000)])
        covariance = diabetes.gradient_covariance(w, batch)
        spread = np.sqrt(np.diag(covariance) / len(draws))
        assert np.all(np.abs(draws.mean(axis=0) - diabetes.gradient(w)) < 5 * spread)
        assert_allclose(np.cov(draws.T), covariance, rtol=0.1, atol=0.05 * covariance.max())
    full = diabetes.minibatch_gradient(diabetes.size)
    assert_allclose(full(w), diabetes.gradient(w), rtol=1e-12)
    assert_allclose(diabetes.gradient_covariance(w, diabetes.size), 0.0, atol=1e-15)
    a, b = diabetes.minibatch_gradient(10, seed=7), diabetes.minibatch_gradient(10, seed=7)
    assert all(np.array_equal(a(w), b(w)) for _ in range(5))


def test_the_noise_floor_is_the_stationary_solution_and_what_sgd_shows(diabetes):
    eta, batch = 0.03, 50
    H = diabetes.hessian
    sigma = diabetes.gradient_covariance(diabetes.minimum, batch)
    # Independently: the stationary C = K C K + η²Σ_B (K = I − ηH) by the Kronecker product.
    d = len(H)
    K = np.eye(d) - eta * H
    C = np.linalg.solve(np.eye(d * d) - np.kron(K, K), (eta**2 * sigma).ravel()).reshape(d, d)
    floor = diabetes.sgd_noise_floor(eta, batch)
    assert_allclose(floor, 0.5 * np.trace(H @ C), rtol=1e-10)
    assert_allclose(floor, eta * np.trace(sigma) / 4, rtol=0.1)  # the small-η form
    run = calculus.optimize(calculus.SGD(eta), diabetes.minibatch_gradient(batch, seed=1),
                            diabetes.minimum, 10_000, f=diabetes.loss)
    measured = run.losses[2000:].mean() - diabetes.lowest
    assert abs(measured - floor) < 0.2 * floor


# --- bad input ------------------------------------------------------------------------------

GRAD = surface("turned bowl").grad


@pytest.mark.parametrize("make, message", [
    (lambda: calculus.SGD(0.0), r"^eta must be > 0"),
    (lambda: calculus.SGD(-0.1), r"^eta must be > 0"),
    (lambda: calculus.Adam(float("nan")), r"^eta must be finite"),
    (lambda: calculus.Momentum(0.1, 1.0), r"^beta must be in \[0, 1\)"),
    (lambda: calculus.Momentum(0.1, -0.1), r"^beta must be >= 0"),
    (lambda: calculus.RMSProp(0.1, beta2=1.5), r"^beta2 must be in \[0, 1\)"),
    (lambda: calculus.RMSProp(0.1, delta=0.0), r"^delta must be > 0"),
    (lambda: calculus.Adam(beta1=float("nan")), r"^beta1 must be finite"),
    (lambda: calculus.Adam(beta2=1.0), r"^beta2 must be in \[0, 1\)"),
    (lambda: calculus.Newton("not a function"), r"^hessian must be a callable"),
    (lambda: calculus.Newton(lambda w: w, eta=0.0), r"^eta must be > 0"),
])
def test_bad_hyperparameters_name_the_argument(make, message):
    with pytest.raises(ValueError, match=message):
        make()


@pytest.mark.parametrize("kwargs, message", [
    ({"rule": "adam"}, r"^rule must be an update rule, one of SGD, Momentum"),
    ({"grad": "not a function"}, r"^grad must be a callable"),
    ({"f": 3.0}, r"^f must be a callable"),
    ({"w0": [np.nan, 1.0]}, r"^w0 must be finite"),
    ({"w0": [np.inf, 1.0]}, r"^w0 must be finite"),
    ({"w0": [[1.0, 2.0]]}, r"^w0 must be a 1-D vector"),
    ({"steps": 0}, r"^steps must be >= 1"),
    ({"steps": 2.5}, r"^steps must be an integer"),
    ({"grad": lambda w: np.zeros(3)}, r"^grad must return an array with the shape of w0"),
    ({"grad": lambda w: np.zeros((2, 1))}, r"^grad must return an array with the shape of w0"),
    ({"rule": calculus.Newton(lambda w: np.eye(3))}, r"^hessian must return an array of shape"),
    ({"limit": 0.0}, r"^limit must be > 0"),
])
def test_bad_input_to_optimize_names_the_argument(kwargs, message):
    arguments = {"rule": calculus.Adam(0.1), "grad": GRAD, "w0": [1.0, 1.0], "steps": 5,
                 **kwargs}
    with pytest.raises(ValueError, match=message):
        calculus.optimize(**arguments)


@pytest.mark.parametrize("call, message", [
    (lambda: calculus.steps_to_tolerance(calculus.SGD(), "saddle", [0.0, 0.0]),
     r"^surface must be one of 'narrow bowl'"),
    (lambda: calculus.steps_to_tolerance(calculus.SGD(), "Rosenbrock", [0.0, 0.0], tolerance=0),
     r"^tolerance must be > 0"),
    (lambda: calculus.steps_to_tolerance("SGD", "Rosenbrock", [0.0, 0.0]),
     r"^rule must be an update rule"),
    (lambda: calculus.tune_learning_rate(calculus.Newton(np.eye), "Rosenbrock", [0.0, 0.0]),
     r"^rule must be SGD, Momentum, RMSProp or Adam"),
    (lambda: calculus.tune_learning_rate(calculus.SGD(), "Rosenbrock", [0.0, 0.0], etas=[]),
     r"^etas must hold at least one"),
    (lambda: calculus.tune_learning_rate(calculus.SGD(), "Rosenbrock", [0.0, 0.0], etas=[-1]),
     r"^etas must be > 0"),
    (lambda: calculus.quadratic_rates([[1.0, 0.0], [0.0, -1.0]]), r"^A must be positive"),
    (lambda: calculus.convergence_rate([[0.0, 0.0], [0.0, 0.0]], [0.0, 0.0]),
     r"^start must be a step still away"),
    (lambda: calculus.convergence_rate([[1.0, 0.0]], [0.0, 0.0]), r"^path must have at least"),
    (lambda: calculus.LeastSquares(np.ones((3, 2)), [1.0, 2.0]), r"^y must have 3 entries"),
    (lambda: calculus.LeastSquares(np.ones((3, 2)), [1.0, 2.0, 3.0]),
     r"^X must have independent columns"),
])
def test_bad_input_to_the_race_and_the_rates_names_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_bad_input_to_the_least_squares_problem_names_the_argument(diabetes):
    with pytest.raises(ValueError, match=r"^batch_size must be <= 442"):
        diabetes.minibatch_gradient(443)
    with pytest.raises(ValueError, match=r"^batch_size must be >= 1"):
        diabetes.gradient_covariance(np.zeros(10), 0)
    with pytest.raises(ValueError, match=r"^seed must be >= 0"):
        diabetes.minibatch_gradient(10, seed=-1)
    with pytest.raises(ValueError, match=r"^eta must be below the stability bound"):
        diabetes.sgd_noise_floor(1.0, 10)
    with pytest.raises(ValueError, match=r"^w must have 10 components"):
        diabetes.loss(np.zeros(3))


# --- divergence is reported, not hidden -----------------------------------------------------

@pytest.mark.parametrize("rule", [calculus.SGD(0.2), calculus.Momentum(0.2, 0.5)])
def test_a_diverging_run_is_reported_with_its_step_and_value(rule):
    # On the turned bowl λ_max = 25: η = 0.2 multiplies the steep error by 1 − 5 = −4 a step.
    result = calculus.optimize(rule, GRAD, [-2.0, 1.0], 1000)
    assert result.diverged and result.diverged_value > calculus.DIVERGENCE_LIMIT
    assert len(result.path) == result.diverged_at and np.all(np.isfinite(result.path))
    assert len(result.step_lengths) == result.diverged_at - 1
    race = calculus.steps_to_tolerance(rule, "turned bowl", [-2.0, 1.0])
    assert race.steps is None and race.result.diverged_at == result.diverged_at
