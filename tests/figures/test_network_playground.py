"""The network playground: what only it does (the rest: test_every_figure.py).

Above all, that the page's trainer (``network_playground_trainer.js``) is the
package's twin: the same Mulberry32 stream, the same points and first weights,
and the same loss after each of the first 200 epochs, to 1e-6 relative.
"""

from __future__ import annotations

import json
import subprocess

import numpy as np
import pytest

from mlmath import models
from mlmath.figures import fig_network_playground
from mlmath.figures.kit.callbacks import script
from mlmath.figures.models.network_playground import ETAS, page_state, readout_text
from tests.conftest import ROOT
from tests.figures.bokehjs import BokehJS, assert_matches

NAME = "network-playground"
#: The contract: the page's loss after each epoch, relative to Python's.
TWIN_RTOL = 1e-6
EPOCHS = 200

#: Every data set, activation and learning rate, the extreme hidden units, noises and seeds.
SETTINGS = [
    dict(dataset="moons", noise=0.2, hidden=4, activation="tanh", eta="0.3", seed=0),
    dict(dataset="moons", noise=0.0, hidden=8, activation="relu", eta="1", seed=9),
    dict(dataset="XOR", noise=0.5, hidden=1, activation="sigmoid", eta="1", seed=3),
    dict(dataset="XOR", noise=0.1, hidden=8, activation="tanh", eta="1", seed=7),
    dict(dataset="circles", noise=0.5, hidden=8, activation="relu", eta="0.01", seed=0),
    dict(dataset="circles", noise=0.05, hidden=3, activation="sigmoid", eta="0.1", seed=5),
    dict(dataset="moons", noise=0.35, hidden=6, activation="relu", eta="0.03", seed=2),
]

#: Reads a JSON list of settings on stdin; for each, runs the page's trainer for EPOCHS
#: epochs and writes what it drew and computed.
HARNESS = """
let input = ''
process.stdin.on('data', (d) => { input += d })
process.stdin.on('end', () => {
  const answers = JSON.parse(input).map((s) => {
    const rng = mulberry32(s.seed)
    const stream = Array.from({length: 8}, () => rng.uint32())
    const all = makeTwoClass(s.dataset, 400, s.noise, s.seed)
    const train = {X: all.X.slice(0, 400), y: all.y.slice(0, 200), n: 200}
    const test = {X: all.X.slice(400), y: all.y.slice(200), n: 200}
    const net = initNetwork(s.hidden, s.activation, s.seed)
    const first = {W1: Array.from(net.W1), W2: Array.from(net.W2)}
    const losses = [], testLosses = []
    let diverged = null
    for (let t = 0; t < s.epochs; t++) {
      const r = trainEpoch(net, train, test, Number(s.eta))
      losses.push(r.loss)
      testLosses.push(r.testLoss)
      if (r.diverged) { diverged = t + 1; break }
    }
    if (diverged === null) {
      const now = evaluate(net, train, test)
      losses.push(now.train.loss)
      testLosses.push(now.test.loss)
    }
    return {stream, X: Array.from(all.X), y: Array.from(all.y), first, losses, testLosses,
      diverged}
  })
  process.stdout.write(JSON.stringify(answers))
})
"""


def run_page_trainer(settings: list[dict]) -> list[dict]:
    program = script("network_playground_trainer.js") + HARNESS
    request = [dict(s, epochs=EPOCHS) for s in settings]
    answer = subprocess.run(["node", "-e", program], input=json.dumps(request),
                            capture_output=True, text=True, check=True, cwd=ROOT, timeout=120)
    return json.loads(answer.stdout)


@pytest.fixture(scope="module")
def page_runs():
    return run_page_trainer(SETTINGS)


def test_the_two_generators_give_the_same_stream(page_runs):
    for setting, page in zip(SETTINGS, page_runs):
        rng = models.Mulberry32(setting["seed"])
        assert page["stream"] == [rng.next_uint32() for _ in range(8)]


def test_the_page_draws_the_same_points_and_first_weights(page_runs):
    for setting, page in zip(SETTINGS, page_runs):
        X, y = models.make_two_class(setting["dataset"], 400, setting["noise"], setting["seed"])
        np.testing.assert_allclose(np.reshape(page["X"], (400, 2)), X, rtol=1e-13, atol=1e-15)
        np.testing.assert_array_equal(page["y"], y)
        network = models.init_network(setting["hidden"], setting["activation"], setting["seed"])
        assert page["first"]["W1"] == network.W1.ravel().tolist()  # uniform draws: exact
        assert page["first"]["W2"] == network.W2.ravel().tolist()


def test_the_page_trainer_repeats_pythons_losses_for_200_epochs(page_runs):
    worst = 0.0
    for setting, page in zip(SETTINGS, page_runs):
        data = models.playground_data(setting["dataset"], setting["noise"], setting["seed"])
        run = models.train_network(data.X_train, data.y_train, setting["hidden"],
                                   setting["activation"], float(setting["eta"]), EPOCHS,
                                   setting["seed"], data.X_test, data.y_test)
        assert run.diverged_at is None and page["diverged"] is None, setting
        for got, wanted in ((page["losses"], run.losses), (page["testLosses"], run.test_losses)):
            assert len(got) == EPOCHS + 1
            np.testing.assert_allclose(got, wanted, rtol=TWIN_RTOL, err_msg=str(setting))
            worst = max(worst, float(np.max(np.abs(np.array(got) - wanted) / wanted)))
    print(f"largest relative difference of a loss, page against Python: {worst:.1e}")


def test_the_first_settings_learn_the_moons():
    data = models.playground_data("moons", 0.2, 0)
    run = models.train_network(data.X_train, data.y_train, 4, "tanh", 0.3, 2000, 0)
    assert models.accuracy(run.network, data.X_test, data.y_test) > 0.9


def values(dataset="moons", noise=0.2, hidden=4, activation="tanh", eta="0.3", seed=0):
    return {f"{NAME}-dataset": dataset, f"{NAME}-noise": noise, f"{NAME}-hidden": hidden,
            f"{NAME}-activation": activation, f"{NAME}-eta": eta, f"{NAME}-seed": seed}


def test_a_change_of_setting_starts_the_run_python_shows():
    figure = fig_network_playground()
    with BokehJS() as runner:
        for setting in SETTINGS[1:]:
            steps = [[name, "value", value] for name, value in values(**setting).items()]
            shown, expected = runner.state_after(figure, steps, page_state)
            assert_matches(shown, expected, str(setting))


def test_the_readout_states_epoch_losses_accuracy_and_the_architecture():
    text = readout_text()
    data = models.playground_data("moons", 0.2, 0)
    network = models.init_network(4, "tanh", 0)
    loss = models.network_loss(network, data.X_train, data.y_train)
    assert text.startswith(f"<b>Epoch 0</b> · loss: training {loss:.3f}")
    assert "4 tanh units → σ: 17 parameters, learning rate η = 0.3" in text
    assert "1 ReLU unit → σ: 5 parameters" in readout_text(hidden=1, activation="relu")


def test_negative_weights_are_dashed_and_wider_weights_are_wider():
    state = page_state(values(hidden=8, seed=4))
    edges = state[f"{NAME}-edges"]["data"]
    assert len(edges["weight"]) == 2 * 8 + 8
    for weight, dash, width in zip(edges["weight"], edges["dash"], edges["width"]):
        assert dash == ("solid" if weight >= 0 else "dashed")
        assert width == pytest.approx(min(1 + 2.5 * abs(weight), 9.0))


def test_the_alt_text_gives_the_numbers_of_the_first_epoch():
    alt = fig_network_playground().alt
    assert "moons" in alt and "200 training points" in alt and "4 tanh hidden units" in alt


def test_learning_rates_of_the_menu_are_numbers():
    assert [float(eta) for eta in ETAS] == sorted(float(eta) for eta in ETAS)


@pytest.mark.parametrize("kwargs, message", [
    ({"dataset": "spirals"}, r"^dataset must be one of 'XOR', 'moons', 'circles'"),
    ({"activation": "softmax"}, r"^activation must be one of 'tanh', 'relu', 'sigmoid'"),
    ({"eta": "3"}, r"^eta must be one of the menu's learning rates"),
    ({"hidden": 0}, r"^hidden must be in \[1, 8\]"),
    ({"hidden": 9}, r"^hidden must be in \[1, 8\]"),
    ({"noise": float("nan")}, r"^noise must"),
    ({"seed": 10}, r"^seed must be in \[0, 9\]"),
])
def test_bad_settings_are_refused_with_the_argument_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_network_playground(**kwargs)
