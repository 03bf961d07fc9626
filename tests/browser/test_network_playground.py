"""What only a browser can do to the network playground: its animation loop.

The trainer's arithmetic is checked against Python in Node
(``tests/figures/test_network_playground.py``); here, once in Chromium, Step
reaches 200 epochs with Python's losses, Play trains until Pause and Pause
really stops it, a second Play does not start a second loop, and a run whose
parameters run away stops and says so.
"""

from __future__ import annotations

import numpy as np
import pytest

from mlmath import models
from tests.browser.conftest import wait_for_figures
from tests.browser.support import FIND_MODEL

pytestmark = pytest.mark.browser

PAGE = "chapters/ml/neural-networks.html"
NAME = "network-playground"
STATE = f"() => ({FIND_MODEL})('{NAME}-run').mlmath_playground"


def state(page) -> dict:
    return page.evaluate(f"() => {{ const S = ({STATE})(); return {{epoch: S?.epoch ?? 0, "
                         f"playing: S?.playing ?? false, token: S?.token ?? 0, "
                         f"stopped: S?.stopped ?? null}} }}")


def readout(page) -> str:
    return page.evaluate(f"({FIND_MODEL})('{NAME}-readout').text")


def button(page, label):
    return page.locator(f"[data-mlmath-figure='{NAME}']").get_by_role("button", name=label)


def test_step_trains_200_epochs_with_pythons_losses(visit):
    record = visit(PAGE)
    page = record.page
    wait_for_figures(page)
    for _ in range(20):
        button(page, "Step ×10").click()
    page.wait_for_function(f"() => ({STATE})()?.epoch === 200")
    shown = page.evaluate(f"({FIND_MODEL})('{NAME}-loss').data")
    data = models.playground_data("moons", 0.2, 0)
    run = models.train_network(data.X_train, data.y_train, 4, "tanh", 0.3, 200, 0,
                               data.X_test, data.y_test)
    assert list(shown["epoch"]) == list(range(201))
    np.testing.assert_allclose(shown["train"], run.losses, rtol=1e-6)
    np.testing.assert_allclose(shown["test"], run.test_losses, rtol=1e-6)
    assert readout(page).startswith("<b>Epoch 200</b>")
    record.assert_clean()


def test_play_trains_until_pause_and_pause_stops_the_loop(visit):
    record = visit(PAGE)
    page = record.page
    wait_for_figures(page)
    button(page, "Play").click()
    page.wait_for_function(f"() => ({STATE})()?.epoch >= 50")
    assert state(page)["playing"] and "Training" in readout(page)
    assert button(page, "Play").is_disabled()
    button(page, "Pause").click()
    paused = state(page)
    page.wait_for_timeout(400)
    assert state(page)["epoch"] == paused["epoch"] and not state(page)["playing"]
    assert f"Paused at epoch {paused['epoch']}" in readout(page)
    # Play again goes on from there, with one loop: a frame trains at most 10 epochs.
    button(page, "Play").click()
    epochs = page.evaluate(f"""async () => {{
      const S = ({STATE})(), seen = []
      for (let i = 0; i < 20; i++) {{
        seen.push(S.epoch)
        await new Promise((resolve) => requestAnimationFrame(() => resolve()))
      }}
      return seen
    }}""")
    steps = np.diff(epochs)
    assert epochs[0] >= paused["epoch"] and steps.max() <= 10 and steps.sum() > 0
    # A change of setting while playing starts a new run, still with one loop.
    page.evaluate(f"({FIND_MODEL})('{NAME}-hidden').value = 8")
    page.wait_for_timeout(300)
    assert state(page)["playing"] and "8 tanh units" in readout(page)
    button(page, "Pause").click()
    record.assert_clean()


def test_a_run_that_runs_away_stops_and_says_so(visit):
    record = visit(PAGE)
    page = record.page
    wait_for_figures(page)
    button(page, "Step ×10").click()
    # No learning rate of the menu diverges on these data; force one that does.
    page.evaluate(f"() => {{ ({STATE})().settings.eta = 1e12 }}")
    button(page, "Step ×10").click()
    text = readout(page)
    assert "<b>Stopped at epoch" in text and "diverged" in text
    assert "NaN" not in text and "Infinity" not in text
    assert button(page, "Play").is_disabled()
    losses = page.evaluate(f"({FIND_MODEL})('{NAME}-loss').data")
    assert all(np.isfinite(losses["train"])) and all(np.isfinite(losses["test"]))
    record.assert_clean()
