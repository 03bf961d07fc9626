"""The Bayes explorer: what only it does (the rest: test_every_figure.py)."""

from __future__ import annotations

import json
import math
import re
import subprocess
from fractions import Fraction

import pytest

from mlmath.figures import fig_bayes_explorer
from mlmath.figures.kit.callbacks import script
from mlmath.figures.probability import bayes_explorer
from mlmath.figures.probability.bayes_explorer import (GROUPS, MARGIN, PER_10K, PREVALENCES,
                                                       SIDE, page_state, readout_text)
from tests.conftest import ROOT
from tests.figures.bokehjs import BokehJS, assert_matches

NAME = "bayes-explorer"
TINTED = re.compile(r'<span style="color: var\(--mlmath-vermillion\)">([^<]*)</span>')


def _values(prevalence=0.0001, sensitivity=0.99, specificity=0.99, second=False):
    index = min(range(len(PREVALENCES)), key=lambda i: abs(PREVALENCES[i] - prevalence))
    return {f"{NAME}-prevalence": index, f"{NAME}-sensitivity": sensitivity,
            f"{NAME}-specificity": specificity, f"{NAME}-second": second}


def _exact(prevalence, sensitivity, specificity, positives=1) -> Fraction:
    """P(D | `positives` independent positive results), by exact counting of a
    population of 10^12 people: sick ones test positive every time with probability
    sens^k, healthy ones with (1 - spec)^k."""
    p, sens, spec = (Fraction(str(x)) for x in (prevalence, sensitivity, specificity))
    sick_positive = 10**12 * p * sens**positives
    healthy_positive = 10**12 * (1 - p) * (1 - spec) ** positives
    return sick_positive / (sick_positive + healthy_positive)


def _shown_posterior(text: str) -> float:
    shown = TINTED.search(text).group(1)
    mantissa = re.fullmatch(r"(\d\.\d\d) × 10⁻([⁰¹²³⁴⁵⁶⁷⁸⁹]+)", shown)
    if mantissa:
        exponent = int(mantissa.group(2).translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")))
        return float(mantissa.group(1)) * 10.0**-exponent
    return float(shown)


def test_the_chapter_setting_reads_0_98_percent_with_the_equation_filled_in():
    text = readout_text()
    assert f">{0.00980:.5f}</span>" in text and "(0.98 %)" in text
    assert "P(+ | D) P(D) / P(+) = 0.99 × 0.0001 / 0.0101" in text
    assert "P(+) = 0.99 × 0.0001 + 0.01 × 0.9999 = 0.0101" in text
    assert "prior 1 : 9,999 × Bayes factor 99 = posterior 1 : 101" in text
    assert "1 sick and positive, 0 sick but negative, 100 healthy but positive, 9,899" in text
    assert "1 of the 101 positives is sick" in text


def test_a_second_positive_brings_it_to_about_one_half():
    text = readout_text(second_test=True)
    assert _shown_posterior(text) == pytest.approx(float(_exact(0.0001, 0.99, 0.99, 2)),
                                                   abs=5e-4)
    assert "0.00980 the new prior" in text and "99 × 99" in text
    assert "1 of the 2 double positives is sick" in text


@pytest.mark.parametrize("prevalence, sensitivity, specificity, second", [
    (0.0001, 0.99, 0.99, False), (0.0002, 0.9, 0.95, False), (0.01, 0.99, 0.99, False),
    (0.05, 0.8, 0.9, True), (0.5, 0.6, 0.7, False), (0.001, 0.999, 0.999, True),
    (0.0001, 0.001, 0.0, True), (0.2, 0.25, 0.5, True)])
def test_readout_posterior_against_exact_counting(prevalence, sensitivity, specificity, second):
    text = readout_text(prevalence, sensitivity, specificity, second)
    exact = float(_exact(prevalence, sensitivity, specificity, 2 if second else 1))
    # three significant digits
    assert _shown_posterior(text) == pytest.approx(exact, rel=5e-3)


def _area(quads: dict) -> int:
    return sum((r - l) * (t - b) for l, r, t, b in zip(quads["left"], quads["right"],
                                                        quads["top"], quads["bottom"]))


def _cells(quads: dict) -> set:
    return {(x, y) for l, r, t, b in zip(quads["left"], quads["right"], quads["top"],
                                         quads["bottom"])
            for x in range(int(l), int(r)) for y in range(int(b), int(t))}


@pytest.mark.parametrize("index", range(len(PER_10K)))
def test_waffle_areas_are_the_counts_and_groups_never_overlap(index):
    for sens, spec, second in ((0.99, 0.99, False), (0.731, 0.42, True), (1.0, 0.0, True)):
        state = page_state({f"{NAME}-prevalence": index, f"{NAME}-sensitivity": sens,
                            f"{NAME}-specificity": spec, f"{NAME}-second": second})
        cells = [_cells(state[f"{NAME}-everyone-{g}"]["data"]) for g in GROUPS]
        assert sum(len(c) for c in cells) == SIDE * SIDE  # every person once
        assert len(set().union(*cells)) == SIDE * SIDE
        # the sick are as many as the prevalence says, to half a person
        assert abs(len(cells[0]) + len(cells[1]) - SIDE * SIDE * PREVALENCES[index]) <= 0.5
        assert abs(len(cells[0]) - (len(cells[0]) + len(cells[1])) * sens) <= 0.5
        assert abs(len(cells[2]) - (len(cells[2]) + len(cells[3])) * (1 - spec)) <= 0.5
        zoom = [_area(state[f"{NAME}-zoom-{g}"]["data"]) for g in GROUPS]
        assert sum(zoom) == len(cells[0]) + len(cells[2])  # the positives, zoomed in
        for g in GROUPS:  # so a redraw moves at most 3 rectangles a group
            assert len(state[f"{NAME}-everyone-{g}"]["data"]["left"]) <= 3
            assert len(state[f"{NAME}-zoom-{g}"]["data"]["left"]) <= 3


def test_a_lone_sick_person_is_ringed_and_large_in_the_zoom():
    state = page_state(_values())
    assert state[f"{NAME}-everyone-rings"]["data"] == {"x": [0.5], "y": [-0.5]}
    frame = state[f"{NAME}-zoom-frame"]["data"]
    columns = (frame["x"][1] - frame["x"][0]) / (1 + 2 * MARGIN)
    assert columns == pytest.approx(11)  # 101 positives: 11 × 11 cells, 9 times as wide
    assert state[f"{NAME}-zoom-title"]["text"] == "the 101 who test positive"


DEGENERATE = [
    (_values(0.0), "nobody has the disease"),
    (_values(0.0, specificity=1.0), "Nobody tests positive"),
    (_values(1.0), "everyone has the disease"),
    (_values(1.0, sensitivity=0.0, second=True), "nobody to test a second time"),
    (_values(0.01, 0.0, 1.0), "This test never says positive"),
    (_values(0.01, 1.0, 1.0), "a perfect test"),
    (_values(0.01, 0.5, 1.0), "with specificity 1 no healthy person tests positive"),
    (_values(0.01, 0.0, 0.5), "with sensitivity 0 the test never finds the disease"),
    (_values(0.0001, 0.4, 1.0), "which rounds to 0"),
]


@pytest.mark.parametrize("values, words", DEGENERATE, ids=[w for _, w in DEGENERATE])
def test_degenerate_settings_are_said_in_words_never_nan(values, words):
    state = page_state(values)
    text = state[f"{NAME}-readout"]["text"]
    assert words in text
    everything = json.dumps(state)
    for bad in ("NaN", "nan", "Infinity", "inf", "None", "null"):
        assert bad not in everything.replace("Bayes factor ∞", ""), (bad, text)
    if "<b>Nobody tests positive</b>" in text:
        assert "0/0, undefined" in text
    if "obody tests positive" in text:
        assert state[f"{NAME}-zoom-note"]["data"]["text"] == ["no positives to show"]


# Every prevalence stop once, at the ends and in between of the other controls, then
# the degenerate settings.
SETTINGS = [{f"{NAME}-prevalence": index, f"{NAME}-sensitivity": sens,
             f"{NAME}-specificity": spec, f"{NAME}-second": second}
            for index, (sens, spec, second) in enumerate([
                (0.99, 0.99, True), (0.99, 0.99, False), (0.001, 0.0, True), (0.5, 0.5, True),
                (1.0, 0.999, True), (0.123, 0.987, False), (0.8, 0.999, True),
                (0.0, 0.0, False), (0.999, 0.999, True), (0.731, 0.42, True),
                (1.0, 0.0, False), (0.25, 0.75, True), (0.999, 0.999, True),
                (1.0, 1.0, True)])] + [v for v, _ in DEGENERATE]


def test_settings_in_bokehjs_match_page_state():
    figure = fig_bayes_explorer()
    with BokehJS() as runner:  # one Node process for every setting
        for values in SETTINGS:
            steps = [[name, "active" if name.endswith("second") else "value", value]
                     for name, value in values.items()]
            shown, expected = runner.state_after(figure, steps, page_state)
            assert_matches(shown, expected, str(values))


def _run_js(function: str, values: list) -> list:
    """``function`` of the callback's number helpers (with kit.js), run by Node on ``values``."""
    block = re.search(r"// Numbers written as the Python side writes them\..*?\n\n",
                      script("bayes_explorer.js"), re.DOTALL).group(0)
    program = (script("kit.js") + "\n" + block + "\nlet input = ''\n"
               "process.stdin.on('data', (d) => { input += d })\n"
               "process.stdin.on('end', () => process.stdout.write(JSON.stringify("
               f"JSON.parse(input).map((x) => {function}(x === 'inf' ? Infinity : x)))))\n")
    answer = subprocess.run(["node", "-e", program], input=json.dumps(values),
                            capture_output=True, text=True, check=True, cwd=ROOT, timeout=60)
    return json.loads(answer.stdout)


NUMBERS = [0.0, 1.0, 1e-10, 9.995e-7, 0.00099949, 0.000999, 0.001, 0.0098039, 0.0099999,
           0.01, 0.0123456, 0.099999, 0.1, 0.4949999, 0.5, 0.9985, 0.999, 0.9995, 0.999999,
           1 - 1e-7, 1 - 4e-7, 1 - 1e-12, 0.125, 0.0625]


@pytest.mark.parametrize("python, javascript, values", [
    ("_prob", "prob", NUMBERS),
    ("_percent", "percent", NUMBERS),
    ("_odds", "oddsText", [0.0, "inf", 1e-7, 0.0001, 0.0099, 0.5, 0.98, 1.0, 1.02, 9.999,
                           99.95, 101.5, 9999.000000000002, 1e6, 3.3e9]),
    ("_factor", "factorText", ["inf", 0.001, 0.0015, 0.5, 1.0, 2.5, 98.99999999999991, 999.0]),
])
def test_number_helpers_write_as_python_does(python, javascript, values):
    helper = getattr(bayes_explorer, python)
    expected = [helper(math.inf if v == "inf" else v) for v in values]
    assert _run_js(javascript, values) == expected


def test_number_helpers_examples():
    assert bayes_explorer._prob(0.0098039) == "0.00980"
    assert bayes_explorer._prob(1e-10) == "1.00 × 10⁻¹⁰"
    assert bayes_explorer._prob(0.00099999) == "1.00 × 10⁻³"  # rounds up to the next power
    assert bayes_explorer._prob(1 - 1e-7) == "(1 − 1.00 × 10⁻⁷)"
    assert bayes_explorer._odds(0.0099) == "1 : 101" and bayes_explorer._odds(2.0) == "2 : 1"
    assert bayes_explorer._percent(1e-7) == "less than 0.01 %"


@pytest.mark.parametrize("kwargs, message", [
    ({"prevalence": 0.3}, r"^prevalence must be one of the slider's stops \(0, 0.0001, "),
    ({"prevalence": float("nan")}, r"^prevalence must be one of"),
    ({"prevalence": -0.0001}, r"^prevalence must be one of"),
    ({"sensitivity": 1.5}, r"^sensitivity must be in \[0, 1\] in steps of 0.001"),
    ({"sensitivity": float("nan")}, r"^sensitivity must be in \[0, 1\]"),
    ({"specificity": -0.1}, r"^specificity must be in \[0, 1\]"),
    ({"specificity": 0.9995}, r"^specificity must be .* between two steps"),
    ({"second_test": "yes"}, r"^second_test must be True or False"),
])
def test_bad_arguments_are_refused_with_the_argument_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_bayes_explorer(**kwargs)


def test_alt_text_states_the_counts_and_the_posterior():
    alt = fig_bayes_explorer().alt
    assert "1 in 10,000" in alt and "100 healthy and positive" in alt
    assert "0.00980" in alt and "0.98 %" in alt
    assert "undefined" in fig_bayes_explorer(prevalence=0.0, specificity=1.0).alt
