"""The kit's numbers are written alike in Python and in the page's kit.js."""

import json
import subprocess
from importlib import resources

import numpy as np
import pytest

from mlmath.figures.kit.numbers import MINUS, paren, subscript, to_fixed


def test_ties_round_away_from_zero_like_tofixed():
    assert to_fixed(0.125, 2) == "0.13"       # Python's format would say 0.12
    assert to_fixed(-0.125, 2) == MINUS + "0.13"
    assert to_fixed(2.675, 2) == "2.67"       # 2.675 is stored just below 2.675
    assert to_fixed(-0.001, 2) == "0.00"      # never a negative zero
    assert to_fixed(-0.0, 1) == "0.0"
    assert to_fixed(12.5, 0) == "13"


def test_trim_drops_trailing_zeros_only_after_the_point():
    assert to_fixed(2.5, 2, trim=True) == "2.5"
    assert to_fixed(-2.0, 2, trim=True) == MINUS + "2"
    assert to_fixed(100.0, 0, trim=True) == "100"
    assert to_fixed(-0.001, 2, trim=True) == "0"


def test_matches_the_javascript_helper():
    rng = np.random.default_rng(5)
    values = np.concatenate([rng.normal(scale=3, size=300), np.arange(-4, 4.01, 0.125),
                             np.arange(-1, 1, 0.005), [0.0, -0.0, 1e-9, -1e-9]]).tolist()
    helper = resources.files("mlmath.figures").joinpath("js", "kit.js").read_text("utf-8")
    script = helper + (f"\nconst values = {json.dumps(values)}\n"
                       "const write = (trim) => [0, 1, 2].map((d) => values.map((v) => fixed(v, d, trim)))\n"
                       "console.log(JSON.stringify([write(false), write(true)]))")
    # Node is there: `make book` needs it for MathJax.
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    page = json.loads(result.stdout)
    for trim in (False, True):
        for digits in (0, 1, 2):
            assert page[trim][digits] == [to_fixed(v, digits, trim=trim) for v in values]


def test_subscripts_and_parentheses_match_the_javascript_helpers():
    helper = resources.files("mlmath.figures").joinpath("js", "kit.js").read_text("utf-8")
    cases = [[1], [1, 2], [10, 3], [0]]
    texts = ["1", MINUS + "2", "0", MINUS + "0.5"]
    script = helper + (f"\nconsole.log(JSON.stringify([{json.dumps(cases)}.map((c) => sub(...c)),"
                       f" {json.dumps(texts)}.map(paren)]))")
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    subs, parens = json.loads(result.stdout)
    assert subs == [subscript(*c) for c in cases] == ["₁", "₁₂", "₁₀₃", "₀"]
    assert parens == [paren(t) for t in texts] == ["1", f"({MINUS}2)", "0", f"({MINUS}0.5)"]
