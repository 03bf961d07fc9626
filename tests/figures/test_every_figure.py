"""What every figure of the book must do, checked on each without a browser.

A figure's own test file (``test_<module>.py``) checks what only it does; this
one takes every builder in :mod:`mlmath.figures` with its default arguments:

- its callback, run by BokehJS (``bokehjs.py``), leaves in the page what the
  module's ``page_state`` computes in Python, for settings drawn from the
  controls' own values (both ends of every control first);
- as built, it already shows ``page_state`` of its starting values;
- each of its controls, moved alone, changes its plot's data and its readout;
- every colour in it is a palette colour (so the page can turn it dark) and
  every text is at least 11 px;
- every control has a title or label, and every named model carries the
  figure's name;
- its static twin (the page's placeholder, the PDF's figure) writes no number
  that the live figure does not show at its start;
- its module, callback and test file are named alike.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from bokeh.core.property.dataspec import FontSizeSpec
from bokeh.core.enums import NamedColor
from bokeh.models import ColumnDataSource, Widget

import mlmath.figures
from mlmath.figures.kit.palette import theme_map
from tests.figures.registry import builders
from tests.figures.bokehjs import (_json, assert_matches, choices, controls,
                                   control_property, random_settings)



BUILDERS = builders()
HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
FIGURES_JS = Path(mlmath.figures.__file__).with_name("js")
TESTS = Path(__file__).parent


def module_of(builder):
    return sys.modules[builder.__module__]


@pytest.fixture(scope="module", params=BUILDERS, ids=lambda b: b.__name__)
def built(request):
    return request.param, request.param()


def test_callback_in_bokehjs_agrees_with_page_state(built, bokehjs):
    builder, figure = built
    for steps in random_settings(figure, count=8, seed=len(builder.__name__)):
        shown, expected = bokehjs.state_after(figure, steps, module_of(builder).page_state)
        assert_matches(shown, expected, f"{figure.name} after {steps}")


def test_each_control_alone_changes_the_plot_and_the_readout(built, bokehjs):
    builder, figure = built
    page_state = module_of(builder).page_state
    start = {c.name: getattr(c, control_property(c)) for c in controls(figure)}
    shown = {name: list(props) for name, props in page_state(start).items()}
    before = bokehjs.run(figure, [], shown)
    for control in controls(figure):
        prop = control_property(control)
        # Its farthest value from where it starts: a move no figure rounds away.
        value = max(choices(control), key=lambda v: v != start[control.name] and (
            abs(v - start[control.name]) if isinstance(v, (int, float)) else 1))
        after = bokehjs.run(figure, [[control.name, prop, _json(value)]], shown)
        moved = [name for name in shown if after[name] != before[name]]
        where = f"{figure.name}: {control.name} from {start[control.name]!r} to {value!r}"
        assert any("data" in shown[name] for name in moved), f"{where} left the plot alone"
        assert any(name.endswith("-readout") for name in moved), \
            f"{where} left the readout alone"


def test_the_built_figure_shows_page_state_of_its_start(built):
    builder, figure = built
    start = {c.name: getattr(c, control_property(c)) for c in controls(figure)}
    for name, properties in module_of(builder).page_state(start).items():
        model = figure.model(name)
        shown = {p: (dict(model.data) if p == "data" else getattr(model, p)) for p in properties}
        assert_matches(shown, properties, name)


# Twins that draw several settings side by side, where the live figure shows one.
TWIN_OF_SEVERAL_SETTINGS = {
    "fig_low_rank_image": "the twin shows the image at ranks 1, 5 and 20 together",
}
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _numbers(texts) -> set[float]:
    text = re.sub(r"<[^>]+>", " ", " ".join(texts))
    return {float(n.replace(",", "")) for n in NUMBER.findall(text)}


def test_the_twin_shows_the_numbers_of_the_live_figure_at_its_start(built):
    builder, figure = built
    if builder.__name__ in TWIN_OF_SEVERAL_SETTINGS:
        pytest.skip(TWIN_OF_SEVERAL_SETTINGS[builder.__name__])
    # What the twin writes: titles and notes (not the axes' ticks and labels).
    written = [figure.static.get_suptitle()] + [t.get_text() for t in figure.static.texts]
    for ax in figure.static.axes:
        written += [ax.get_title(loc) for loc in ("left", "center", "right")]
        written += [t.get_text() for t in ax.texts]
    # What the live figure shows: its texts, its tables' strings, its controls' values.
    shown = []
    for model in _models(figure):
        for name, value in model.properties_with_values(include_defaults=False).items():
            if name in ("text", "title", "label", "labels", "value", "start", "end"):
                shown.append(str(value))
        if isinstance(model, ColumnDataSource):
            shown += [str(v) for column in model.data.values() for v in list(column)
                      if isinstance(v, str)]
    missing = _numbers(written) - _numbers(shown)
    assert not missing, f"{figure.name}: the twin writes {sorted(missing)}, the live figure " \
        f"does not show them at its start"


def _models(figure):
    seen = {}
    for root in figure.roots:
        for model in root.references():
            seen[model.id] = model
    return list(seen.values())


def test_every_colour_is_a_palette_colour(built):
    _, figure = built
    palette = set(theme_map())
    strange = []
    for model in _models(figure):
        properties = model.properties_with_values(include_defaults=True)
        for name, value in properties.items():
            pattern = properties.get(name.replace("_color", "_pattern"))
            if name.endswith("hatch_color") and pattern in (None, {"value": None}):
                continue  # no hatching is drawn
            if name.endswith("color"):  # line_, fill_, text_, background_fill_, bar_...
                value = value.get("value") if isinstance(value, dict) else value
                if _is_colour(value) and value.lower() not in palette:
                    strange.append(f"{model.name or type(model).__name__}.{name} = {value}")
        if isinstance(model, ColumnDataSource):
            for column, values in model.data.items():
                for value in values if isinstance(values, list) else []:
                    if isinstance(value, str) and HEX.match(value) \
                            and value.lower() not in palette:
                        strange.append(f"{model.name}.data[{column!r}] holds {value}")
    assert not strange, "colours outside the palette (they would stay light in dark mode): " \
        + "; ".join(sorted(set(strange)))


def _is_colour(value) -> bool:
    """A colour written out, as a hex code or a CSS name (not a data column's name,
    whose colours are checked with the column; not "transparent")."""
    return isinstance(value, str) and (HEX.match(value) is not None or (
        value in NamedColor and value != "transparent"))


def test_every_text_is_at_least_11px(built):
    _, figure = built
    small = []
    for model in _models(figure):
        for name, value in model.properties_with_values(include_defaults=True).items():
            if isinstance(model.lookup(name).property, FontSizeSpec) or name.endswith(
                    "font_size"):
                value = value.get("value") if isinstance(value, dict) else value
                if isinstance(value, str) and value.endswith("px") and float(value[:-2]) < 11:
                    small.append(f"{model.name or type(model).__name__}.{name} = {value}")
        styles = getattr(model, "styles", None) or {}
        size = str(styles.get("font-size", "")) if isinstance(styles, dict) else ""
        if size.endswith("px") and float(size[:-2]) < 11:
            small.append(f"{model.name}.styles font-size {size}")
    assert not small, small


def test_controls_are_labelled_and_models_named_after_the_figure(built):
    _, figure = built
    for model in _models(figure):
        if model.name:
            assert model.name.startswith(figure.name + "-") or model.name == figure.name, \
                model.name
        if isinstance(model, Widget) and model in controls(figure):
            label = getattr(model, "title", None) or getattr(model, "label", None)
            assert isinstance(label, str) and label.strip(), f"{model.name} has no label"


def test_module_callback_and_test_are_named_alike(built):
    builder, figure = built
    stem = Path(module_of(builder).__file__).stem
    assert builder.__name__ == "fig_" + stem, (builder.__name__, stem)
    assert figure.name == stem.replace("_", "-")
    assert (FIGURES_JS / f"{stem}.js").is_file(), f"figures/js/{stem}.js is missing"
    assert (TESTS / f"test_{stem}.py").is_file(), f"tests/figures/test_{stem}.py is missing"


def test_every_figure_module_is_exported_by_mlmath_figures():
    exported = {getattr(mlmath.figures, name) for name in mlmath.figures.__all__}
    assert len(BUILDERS) >= 1
    assert set(BUILDERS) <= exported, sorted(b.__name__ for b in set(BUILDERS) - exported)


def test_page_state_names_only_models_of_the_figure(built):
    builder, figure = built
    start = {c.name: getattr(c, control_property(c)) for c in controls(figure)}
    for name in module_of(builder).page_state(start):
        figure.model(name)  # raises KeyError if the page has no such model

