"""A figure's callbacks run by BokehJS in Node, compared with its Python twin.

Every figure module has ``page_state(values)``: for the values of the
figure's controls (by model name), what its callback must leave in the
page, as ``{model name: {property: value}}``. :class:`BokehJS` runs the
callback itself, in the installed bokeh's own BokehJS (``bokehjs_runner.js``,
under jsdom: no browser, a few milliseconds a run), and :func:`assert_matches`
compares the two. This is where most of "the JavaScript agrees with Python"
is checked; the browser tests check that the page wires it up.
"""

from __future__ import annotations

import json
import math
import subprocess
from pathlib import Path

import numpy as np
from bokeh.embed.util import OutputDocumentFor, standalone_docs_json
from bokeh.models import AbstractSlider, CheckboxGroup, Select, Spinner, Toggle
from bokeh.util.paths import bokehjs_path

from tests.conftest import ROOT

RUNNER = Path(__file__).with_name("bokehjs_runner.js")


def document_json(figure) -> dict:
    """The Bokeh document of ``figure`` (a BookFigure), as the page receives it."""
    with OutputDocumentFor(figure.roots):
        docs = standalone_docs_json(figure.roots)
    (doc,) = docs.values()
    return json.loads(json.dumps(doc, default=_serialized))


def _serialized(value):
    from bokeh.core.json_encoder import serialize_json

    return json.loads(serialize_json(value))


def controls(figure) -> list:
    """The figure's controls a reader can change, in reading order."""
    found = []
    for root in figure.roots:
        for model in root.select({}):
            if isinstance(model, (AbstractSlider, Select, Spinner, Toggle, CheckboxGroup)) \
                    and model.name and model.visible and model not in found:
                found.append(model)
    return found


def control_property(control) -> str:
    return "active" if isinstance(control, (Toggle, CheckboxGroup)) else "value"


def choices(control) -> list:
    """Every value a reader can give ``control``."""
    if isinstance(control, AbstractSlider):
        count = round((control.end - control.start) / control.step)
        return [control.start + control.step * k for k in range(count + 1)]
    if isinstance(control, Spinner):
        count = round((control.high - control.low) / control.step)
        return [control.low + control.step * k for k in range(count + 1)]
    if isinstance(control, Select):
        return [o if isinstance(o, str) else o[0] for o in control.options]
    if isinstance(control, Toggle):
        return [False, True]
    raise TypeError(f"no choices for {type(control).__name__}")


def random_settings(figure, count: int, seed: int) -> list[list]:
    """``count`` settings of all the figure's controls, each value drawn from the
    control's own choices (its two ends first), as lists of steps."""
    rng = np.random.default_rng(seed)
    steps = []
    for index in range(count):
        setting = []
        for control in controls(figure):
            options = choices(control)
            ends = (options[0], options[-1])
            value = ends[index] if index < 2 else options[int(rng.integers(len(options)))]
            setting.append([control.name, control_property(control), _json(value)])
        steps.append(setting)
    return steps


def _json(value):
    return float(value) if isinstance(value, (float, np.floating)) else value


class BokehJS:
    """One Node process with BokehJS loaded, answering run requests in turn."""

    def __init__(self):
        node_modules = ROOT / "node_modules"
        self.process = subprocess.Popen(
            ["node", str(RUNNER), str(Path(bokehjs_path()) / "js")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
            env={"NODE_PATH": str(node_modules), "PATH": "/usr/bin:/usr/local/bin:/bin"})
        # Each figure's document as JSON, by the figure's id (the figure is kept so that
        # its id is not reused). A test that changes a figure's models in Python calls
        # forget(figure) before the next run.
        self._docs: dict[int, tuple[object, str]] = {}

    def forget(self, figure) -> None:
        """Serialise ``figure`` again at its next run: its models were changed in Python."""
        self._docs.pop(id(figure), None)

    def run(self, figure, steps: list, read: dict[str, list[str]]) -> dict:
        """Set ``steps`` (``[name, property, value]``) in ``figure``'s document,
        then read ``read`` (``{name: [property, ...]}``)."""
        if id(figure) not in self._docs:  # serialising a large document costs more than a run
            self._docs[id(figure)] = (figure, json.dumps(document_json(figure)))
        request = json.dumps({"steps": steps, "read": read})
        self.process.stdin.write(f'{{"doc": {self._docs[id(figure)][1]}, {request[1:]}\n')
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        if "error" in answer:
            raise AssertionError(f"BokehJS: {answer['error']}")
        return answer["models"]

    def state_after(self, figure, steps: list, page_state) -> tuple[dict, dict]:
        """Run ``steps``; return what BokehJS shows and what ``page_state`` expects
        for the controls' values as BokehJS left them."""
        names = {c.name: control_property(c) for c in controls(figure)}
        first = page_state({c.name: getattr(c, names[c.name]) for c in controls(figure)})
        read = {name: [prop] for name, prop in names.items()}
        for name, properties in first.items():
            read.setdefault(name, []).extend(p for p in properties if p not in read[name])
        models = self.run(figure, steps, read)
        expected = page_state({name: models[name][prop] for name, prop in names.items()})
        shown = {name: {p: models[name][p] for p in props} for name, props in expected.items()}
        return shown, expected

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=10)
        self.process.stdout.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def assert_matches(shown, expected, where: str = "") -> None:
    """``shown`` equals ``expected``: numbers to 1e-9, everything else exactly."""
    if isinstance(expected, dict):
        assert isinstance(shown, dict), f"{where}: {shown!r} is not a mapping"
        assert set(shown) == set(expected), f"{where}: keys {sorted(shown)} != {sorted(expected)}"
        for key in expected:
            assert_matches(shown[key], expected[key], f"{where}.{key}")
    elif isinstance(expected, (list, tuple, np.ndarray)):
        expected = list(np.asarray(expected).tolist()) if isinstance(expected, np.ndarray) \
            else list(expected)
        assert isinstance(shown, list) and len(shown) == len(expected), \
            f"{where}: {shown!r} != {expected!r}"
        for index, (a, b) in enumerate(zip(shown, expected)):
            assert_matches(a, b, f"{where}[{index}]")
    elif isinstance(expected, (bool, np.bool_)) or expected is None or isinstance(expected, str):
        assert shown == expected, f"{where}: {shown!r} != {expected!r}"
    else:
        expected = float(expected)
        assert isinstance(shown, (int, float)) and not isinstance(shown, bool), \
            f"{where}: {shown!r} is not a number"
        assert math.isclose(shown, expected, rel_tol=1e-9, abs_tol=1e-12), \
            f"{where}: {shown!r} != {expected!r}"
