"""The Bayes explorer (chapter *Bayes' theorem*, ``chapters/probability/bayes.md``).

Sliders set a disease's prevalence (on a log scale, nobody to everyone) and a test's
sensitivity and specificity; a switch tests the positives again. The left plot is
10,000 people as a 100 × 100 waffle (:mod:`~mlmath.figures.probability.waffle`) in
four groups, told apart by more than colour: stripes mark the sick, a solid fill a
positive result. The right plot zooms in on the positives, where the striped share
*is* P(disease | positive); with the second test it splits them again. The readout
writes Bayes' rule and the law of total probability with the live numbers, the odds
form and the counts. ``figures/js/bayes_explorer.js`` recomputes all of it with the
same floating-point operations; :func:`page_state` is what it must show, from
:mod:`mlmath.probability`.
"""

from __future__ import annotations

import functools
import math

from bokeh.models import ColumnDataSource, CustomJSTickFormatter, Legend, LegendItem, Toggle
from matplotlib.patches import Patch

from mlmath import probability
from mlmath.figures import kit
from mlmath.figures.kit import palette
from mlmath.figures.probability import waffle

__all__ = ["fig_bayes_explorer", "page_state", "readout_text"]

NAME = "bayes-explorer"
POPULATION = 10_000
#: The left waffle: 100 × 100 cells, one per person.
SIDE = 100
#: Prevalence stops, in people per 10,000: nobody, then 1-2-5 steps per decade (a log
#: scale), then everyone. The slider's value is the index of a stop.
PER_10K = (0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)
PREVALENCES = tuple(k / POPULATION for k in PER_10K)
STOP_LABELS = tuple("nobody" if k == 0 else "everyone" if k == POPULATION
                    else f"1 in {POPULATION // k:,}" for k in PER_10K)
PREVALENCE = kit.SliderSpec("prevalence (log scale)", 0, len(PER_10K) - 1, 1)
SENSITIVITY = kit.SliderSpec("sensitivity", 0.0, 1.0, 0.001)
SPECIFICITY = kit.SliderSpec("specificity", 0.0, 1.0, 0.001)
TOGGLE_LABEL = "test the positives again"
EVERYONE_TITLE = f"{POPULATION:,} people, split by the test"
GROUPS = ("tp", "fn", "fp", "tn")
LEGEND = {"tp": "sick, positive", "fn": "sick, negative", "fp": "healthy, positive",
          "tn": "healthy, negative"}
#: Fill, stripe colour and stripe pattern: stripes mark the sick, a solid fill a positive.
STYLE = {"tp": (palette.VERMILLION, palette.PAPER, "/"),
         "fn": (palette.COLUMN_FILL, palette.VERMILLION, "/"),
         "fp": (palette.BLUE, None, None),
         "tn": (palette.ROW_FILL, None, None)}
#: A group smaller than this share of its square gets a ring, in grids of this many
#: columns or more (in coarser grids every cell is large enough to see).
RING_SHARE, RING_COLUMNS = 0.01, 20
#: Up to this many columns (cells of 6 px or more on a phone) the zoomed grid draws a
#: line between every two cells, above it one every ten.
CELL_LINES_UP_TO = 50
MIN_ZOOM_SIDE = 10
#: Room around the grid, in cells per 100 columns, for a ring at its edge.
MARGIN = 0.05
WIDTH_PX, EVERYONE_HEIGHT_PX, ZOOM_HEIGHT_PX = 400, 480, 430
SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


# -- numbers written as the page writes them ------------------------------------------
def _sci(x: float) -> str:
    """0 < x < 1 as ``9.80 × 10⁻⁵``: multiplied by ten until it is at least 1, as the
    callback does it (so both sides get the same mantissa)."""
    mantissa, exponent = x, 0
    while mantissa < 1.0:
        mantissa *= 10.0
        exponent += 1
    text = kit.to_fixed(mantissa, 2)
    if text == "10.00":
        text, exponent = "1.00", exponent - 1
    return f"{text} × 10⁻{str(exponent).translate(SUPERSCRIPTS)}"


def _prob(x: float) -> str:
    """A computed probability with about three significant digits."""
    if x == 0.0 or x == 1.0:
        return "0" if x == 0.0 else "1"
    if x < 0.001:
        return _sci(x)
    for bound, digits in ((0.01, 5), (0.1, 4), (0.999, 3)):
        if x < bound:
            return kit.to_fixed(x, digits)
    # Close to 1: up to six decimals, or how far below 1 (in parentheses, being a factor).
    text = kit.to_fixed(x, 6, trim=True)
    return text if text != "1" else f"(1 − {_sci(1.0 - x)})"


def _entered(x: float, digits: int = 3) -> str:
    """A slider's value (or one minus it), with no trailing zeros."""
    return kit.to_fixed(x, digits, trim=True)


def _percent(x: float) -> str:
    if x == 0.0 or x == 1.0:
        return "0 %" if x == 0.0 else "100 %"
    pct = 100.0 * x
    if pct < 0.01:
        return "less than 0.01 %"
    if pct > 99.99:
        return "more than 99.99 %"
    return f"{kit.to_fixed(pct, 2)} %"


def _grouped(text: str) -> str:
    return f"{int(text):,}"


def _ratio(x: float) -> str:
    if x < 10.0:
        return kit.to_fixed(x, 2, trim=True)
    if x < 100.0:
        return kit.to_fixed(x, 1, trim=True)
    return _grouped(kit.to_fixed(x, 0))


def _odds(o: float) -> str:
    if o == 0.0 or o == math.inf:
        return "0 : 1" if o == 0.0 else "1 : 0"
    return f"1 : {_ratio(1.0 / o)}" if o < 1.0 else f"{_ratio(o)} : 1"


def _factor(f: float) -> str:
    if f == math.inf:
        return "∞"
    return _ratio(f) if f >= 1.0 else _prob(f)


# -- what the figure shows ---------------------------------------------------------------
def _numbers(index: int, sens: float, spec: float, second: bool) -> dict:
    """Every number the explorer shows, from :mod:`mlmath.probability`."""
    p = PREVALENCES[index]
    test = probability.screening(p, sens, spec)
    counts = probability.population_counts(p, sens, spec, POPULATION)
    retest = probability.split_by_test(counts.true_positives, counts.false_positives,
                                       sens, spec)
    v = {"index": index, "p": p, "sens": sens, "spec": spec, "second": second, "test": test,
         "counts": counts, "retest": retest, "post1": test.posterior_positive, "post2": None}
    if test.posterior_positive is not None:
        trail = probability.sequential_posteriors(p, sens, spec, [True, True])
        v["post2"] = float(trail[2])
    return v


def _reason(v: dict) -> str:
    """Why the posterior is what it is, in words, when a setting makes it 0 or 1."""
    p, sens, spec = v["p"], v["sens"], v["spec"]
    if p == 0.0:
        return ("nobody has the disease, so every positive is a false alarm, however good "
                "the test")
    if p == 1.0:
        return "everyone has the disease, so a positive cannot tell anything new"
    if sens == 1.0 and spec == 1.0:
        return ("a perfect test: every sick person tests positive and nobody else does, so a "
                "positive is certain to be right")
    if spec == 1.0:
        return "with specificity 1 no healthy person tests positive, so every positive is sick"
    if sens == 0.0:
        return ("with sensitivity 0 the test never finds the disease, so every positive is "
                "a false alarm")
    return ""


def _nobody_positive(v: dict) -> str:
    p, sens, spec = v["p"], v["sens"], v["spec"]
    if sens == 0.0 and spec == 1.0:
        why = "This test never says positive: sensitivity 0, specificity 1."
    elif p == 0.0:
        why = "Nobody is sick, and with specificity 1 no healthy person tests positive."
    else:
        why = "Everyone is sick, and with sensitivity 0 the test misses every one of them."
    again = " So there is nobody to test a second time." if v["second"] else ""
    return (f"<b>Nobody tests positive</b>: P(+) = {_entered(sens)} × {_entered(p, 4)} + "
            f"{_entered(1.0 - spec)} × {_entered(1.0 - p, 4)} = 0, so P(D | +) would be 0/0, "
            f"undefined: there is no positive result to learn from. {why}{again}")


def _people(n: int) -> str:
    return "1 person" if n == 1 else f"{n:,} people"


def _share(sick: int, total: int, of: str) -> str:
    if total == 0:
        return ""
    if total == 1:
        return f" The only {of} is {'sick' if sick == 1 else 'healthy'}."
    return f" {sick:,} of the {total:,} {of}s {'is' if sick == 1 else 'are'} sick."


def _counts_line(v: dict) -> str:
    c = v["counts"]
    # The prevalence in words: a screen reader hears the slider's index, not its label.
    text = (f"In {POPULATION:,} people ({STOP_LABELS[v['index']]} sick): "
            f"{c.true_positives:,} sick and positive, "
            f"{c.false_negatives:,} sick but negative, {c.false_positives:,} healthy but "
            f"positive, {c.true_negatives:,} healthy and negative.")
    if c.positives == 0 and v["test"].p_positive > 0.0:
        text += (f" Nobody tests positive here: {_prob(POPULATION * v['test'].p_positive)} "
                 "expected, which rounds to 0.")
    return text + _share(c.true_positives, c.positives, "positive")


def _retest_line(v: dict) -> str:
    c, r = v["counts"], v["retest"]
    if c.positives == 0:
        return ""
    who = "the one positive" if c.positives == 1 else f"the {c.positives:,} positives"
    return (f"<br>Tested again, {who}: {r.true_positives:,} sick and positive again, "
            f"{r.false_negatives:,} sick and now negative, {r.false_positives:,} healthy and "
            f"positive again, {r.true_negatives:,} healthy and now negative."
            + _share(r.true_positives, r.positives, "double positive"))


def _negative_line(v: dict) -> str:
    test = v["test"]
    if test.posterior_negative is None:
        return "Nobody tests negative (P(−) = 0), so P(D | −) is undefined."
    return (f"after a negative: P(D | −) = {_entered(1.0 - v['sens'])} × {_entered(v['p'], 4)} "
            f"/ {_prob(test.p_negative)} = {_prob(test.posterior_negative)}")


def _readout(v: dict) -> str:
    if v["post1"] is None:
        return f"{_nobody_positive(v)}<br>{_counts_line(v)}"
    p, sens, spec, test = v["p"], v["sens"], v["spec"], v["test"]
    s, fpr, ps, qs = _entered(sens), _entered(1.0 - spec), _entered(p, 4), _entered(1.0 - p, 4)
    post = v["post2"] if v["second"] else v["post1"]
    given = "P(D | +, +)" if v["second"] else "P(D | +)"
    reason = _reason(v)
    headline = (f"<b>{given} = {kit.tint(_prob(post), palette.VERMILLION)}</b> "
                f"({_percent(post)})" + (f": {reason}." if reason else
                                          " after two positive tests." if v["second"] else
                                          ", the chance that a positive is sick."))
    ratio = f"{s} × {ps} / {_prob(test.p_positive)}"
    factor = _factor(probability.bayes_factor(sens, spec))
    odds = (f"odds: prior {_odds(probability.odds(p))} × Bayes factor {factor}"
            + (f" × {factor}" if v["second"] else "")
            + f" = posterior {_odds(probability.odds(post))}")
    if v["second"]:
        p1, q1 = _prob(v["post1"]), _prob(1.0 - v["post1"])
        lines = [headline, f"first test: P(D | +) = {ratio} = {p1}",
                 f"second test, {p1} the new prior: {s} × {p1} / ({s} × {p1} + {fpr} × {q1}) "
                 f"= {_prob(post)}", odds, _counts_line(v) + _retest_line(v)]
    else:
        lines = [headline, f"Bayes: {given} = P(+ | D) P(D) / P(+) = {ratio}",
                 f"total probability: P(+) = {s} × {ps} + {fpr} × {qs} = "
                 f"{_prob(test.p_positive)}", odds, _negative_line(v), _counts_line(v)]
    return "<br>".join(lines)


def readout_text(prevalence=0.0001, sensitivity=0.99, specificity=0.99,
                 second_test=False) -> str:
    """The explorer's readout for the given settings (HTML)."""
    return _readout(_numbers(*_check(prevalence, sensitivity, specificity, second_test)))


# -- the waffles ---------------------------------------------------------------------------
def _geometry(counts: list[int], columns: int) -> tuple[dict, dict]:
    shapes = waffle.runs(counts, columns, GROUPS)
    return shapes, waffle.rings(shapes, counts, columns, GROUPS, share=RING_SHARE,
                                min_columns=RING_COLUMNS)


def _zoom(v: dict) -> dict:
    c, r = v["counts"], v["retest"]
    n = c.positives
    columns = max(MIN_ZOOM_SIDE, math.ceil(math.sqrt(n)))
    counts = ([r.true_positives, r.false_negatives, r.false_positives, r.true_negatives]
              if v["second"] else [c.true_positives, 0, c.false_positives, 0])
    shapes, ringed = _geometry(counts, columns)
    if n == 0:
        title = "nobody tests positive"
    else:
        title = ("the one person who tests positive" if n == 1 else
                 f"the {n:,} who test positive") + (", tested again" if v["second"] else "")
    note = {"x": [], "y": [], "text": []}
    if n == 0:
        note = {"x": [columns / 2], "y": [-columns / 2], "text": ["no positives to show"]}
    return {"columns": columns, "counts": counts, "shapes": shapes, "title": title,
            "rings": ringed, "note": note}


def page_state(values: dict) -> dict:
    """What the page shows for control values ``{"bayes-explorer-prevalence": 1,
    "bayes-explorer-sensitivity": 0.99, "bayes-explorer-specificity": 0.99,
    "bayes-explorer-second": False}`` (the prevalence as the index of its stop)."""
    v = _numbers(int(round(values[f"{NAME}-prevalence"])),
                 float(values[f"{NAME}-sensitivity"]), float(values[f"{NAME}-specificity"]),
                 bool(values[f"{NAME}-second"]))
    c = v["counts"]
    everyone_counts = [c.true_positives, c.false_negatives, c.false_positives, c.true_negatives]
    everyone, everyone_rings = _geometry(everyone_counts, SIDE)
    zoom = _zoom(v)
    state = {f"{NAME}-everyone-{g}": {"data": everyone[g]} for g in GROUPS}
    state.update({f"{NAME}-zoom-{g}": {"data": zoom["shapes"][g]} for g in GROUPS})
    state.update({
        f"{NAME}-everyone-rings": {"data": everyone_rings},
        f"{NAME}-zoom-rings": {"data": zoom["rings"]},
        f"{NAME}-zoom-frame": {"data": waffle.frame(zoom["columns"], MARGIN)},
        f"{NAME}-zoom-lines": {"data": waffle.cell_lines(zoom["columns"], CELL_LINES_UP_TO)},
        f"{NAME}-zoom-note": {"data": zoom["note"]},
        f"{NAME}-zoom-title": {"text": zoom["title"]},
        f"{NAME}-readout": {"text": _readout(v)},
    })
    return state


# -- the builder -------------------------------------------------------------------------
def _check(prevalence, sensitivity, specificity, second_test):
    allowed = ", ".join(f"{p:g}" for p in PREVALENCES)
    if isinstance(prevalence, bool) or not isinstance(prevalence, (int, float)) or not any(
            math.isclose(prevalence, p, rel_tol=1e-9, abs_tol=1e-15) for p in PREVALENCES):
        raise ValueError(f"prevalence must be one of the slider's stops ({allowed}), "
                         f"got {prevalence!r}")
    index = min(range(len(PREVALENCES)), key=lambda i: abs(PREVALENCES[i] - prevalence))
    if not isinstance(second_test, bool):
        raise ValueError(f"second_test must be True or False, got {second_test!r}")
    return (index, SENSITIVITY.check(sensitivity, "sensitivity"),
            SPECIFICITY.check(specificity, "specificity"), second_test)


def fig_bayes_explorer(prevalence=0.0001, sensitivity=0.99, specificity=0.99,
                       second_test=False) -> kit.BookFigure:
    """The Bayes explorer: a population of 10,000 split by disease and test result,
    the positives zoomed in, and P(disease | positive) with its equation.
    Book section: Probability, *Bayes' theorem*.

    Parameters
    ----------
    prevalence : float
        One of the slider's stops: 0, 0.0001, 0.0002, 0.0005, 0.001, ..., 0.5, 1
        (1-2-5 steps per decade).
    sensitivity, specificity : float
        Each in ``[0, 1]`` in steps of 0.001.
    second_test : bool
        Start with the positives tested a second time.
    """
    index, sens, spec, second = _check(prevalence, sensitivity, specificity, second_test)
    label = CustomJSTickFormatter(args={"labels": list(STOP_LABELS)},
                                  code="return labels[Math.round(tick)]")
    sliders = [PREVALENCE.slider(index, name=f"{NAME}-prevalence", argument="prevalence",
                                 format=label),
               SENSITIVITY.slider(sens, name=f"{NAME}-sensitivity", argument="sensitivity",
                                  format="0.0[00]"),
               SPECIFICITY.slider(spec, name=f"{NAME}-specificity", argument="specificity",
                                  format="0.0[00]")]
    toggle = Toggle(label=TOGGLE_LABEL, active=second, name=f"{NAME}-second",
                    sizing_mode="stretch_width")
    state = page_state({**{s.name: s.value for s in sliders}, toggle.name: second})
    keys = ([f"everyone-{g}" for g in GROUPS] + [f"zoom-{g}" for g in GROUPS]
            + ["everyone-rings", "zoom-rings", "zoom-frame", "zoom-lines", "zoom-note"])
    sources = {key: ColumnDataSource(state[f"{NAME}-{key}"]["data"], name=f"{NAME}-{key}")
               for key in keys}
    readout = kit.readout(NAME, state[f"{NAME}-readout"]["text"])
    everyone, zoom = _plots(sources, state[f"{NAME}-zoom-title"]["text"])
    kit.link(kit.callback(
        "bayes_explorer.js", prevalence_slider=sliders[0], sensitivity_slider=sliders[1],
        specificity_slider=sliders[2], toggle=toggle, readout=readout, title=zoom.title,
        sources=sources, per_10k=list(PER_10K), stop_labels=list(STOP_LABELS),
        population=POPULATION, side=SIDE,
        min_zoom_side=MIN_ZOOM_SIDE, ring_share=RING_SHARE, ring_columns=RING_COLUMNS,
        cell_lines_up_to=CELL_LINES_UP_TO, margin=MARGIN), *sliders, toggle)
    v = _numbers(index, sens, spec, second)
    return kit.BookFigure(
        NAME, [kit.Controls(*sliders, toggle, columns=2),
               kit.Readout(readout, lines=_readout_lines()), kit.Panels(everyone, zoom)],
        static=_static(state, v), alt=_describe(v))


@functools.cache
def _readout_lines() -> tuple[int, int]:
    """Room for the longest readout the controls can produce, on a phone and wider."""
    texts = [_readout(_numbers(i, sens, spec, second))
             for i in range(len(PER_10K)) for sens in (0.0, 0.555, 0.999, 1.0)
             for spec in (0.0, 0.555, 0.999, 1.0) for second in (False, True)]
    font = kit.widgets.READOUT_FONT_PX
    return (max(kit.text_lines(t, kit.PHONE_COLUMN_PX, font) for t in texts),
            max(kit.text_lines(t, kit.NARROW_PX, font) for t in texts))


def _plots(sources: dict, zoom_title: str):
    everyone = waffle.board(f"{NAME}-everyone", title=EVERYONE_TITLE, corners=ColumnDataSource(
        waffle.frame(SIDE, MARGIN), name=f"{NAME}-everyone-frame"), width=WIDTH_PX,
        height=EVERYONE_HEIGHT_PX)
    zoom = waffle.board(f"{NAME}-zoom", title=zoom_title, corners=sources["zoom-frame"],
                        width=WIDTH_PX, height=ZOOM_HEIGHT_PX)
    zoom.title.name = f"{NAME}-zoom-title"
    lines = {"everyone": ColumnDataSource(waffle.cell_lines(SIDE, CELL_LINES_UP_TO),
                                          name=f"{NAME}-everyone-lines"),
             "zoom": sources["zoom-lines"]}
    for key, plot in (("everyone", everyone), ("zoom", zoom)):
        for group in GROUPS:
            waffle.quads(plot, sources[f"{key}-{group}"], STYLE[group])
        plot.segment("x0", "y0", "x1", "y1", source=lines[key], line_color=palette.PAPER,
                     line_width=1)
        plot.scatter("x", "y", source=sources[f"{key}-rings"], marker="circle", size=22,
                     fill_color=None, line_color=palette.INK, line_width=2)
    zoom.text("x", "y", "text", source=sources["zoom-note"], text_align="center",
              text_baseline="middle", text_font_size="13px", text_color=palette.INK_SOFT)
    # One legend, for both plots (on a phone it sits between them). Its swatches are
    # quads of no area, so that a group with nobody in it still has its swatch.
    nothing = {"left": [0], "right": [0], "top": [0], "bottom": [0]}
    items = [LegendItem(label=LEGEND[g], renderers=[waffle.quads(everyone, ColumnDataSource(
        nothing, name=f"{NAME}-swatch-{g}"), STYLE[g])]) for g in GROUPS]
    legend = Legend(items=items, orientation="horizontal", ncols=2, location="center",
                    label_text_font_size="12px", glyph_width=18, glyph_height=18,
                    spacing=6, padding=4, margin=4)
    kit.theme_legend(legend)
    everyone.add_layout(legend, "below")
    return everyone, zoom


# -- the static twin and the alt text ---------------------------------------------------
def _static(state: dict, v: dict):
    figure = kit.twin(2 * kit.PLOT_INCHES * 0.8, kit.PLOT_INCHES * 0.95)
    left, right = figure.subplots(1, 2)
    zoom = _zoom(v)
    for ax, key, columns, title in ((left, "everyone", SIDE, EVERYONE_TITLE),
                                    (right, "zoom", zoom["columns"], zoom["title"])):
        waffle.draw_twin(ax, {g: state[f"{NAME}-{key}-{g}"]["data"] for g in GROUPS}, STYLE,
                         columns=columns, margin=MARGIN,
                         ringed=state[f"{NAME}-{key}-rings"]["data"],
                         every_cell_up_to=CELL_LINES_UP_TO, title=title)
    if zoom["note"]["text"]:
        right.text(zoom["columns"] / 2, -zoom["columns"] / 2, zoom["note"]["text"][0],
                   ha="center", va="center", fontsize=10, color=palette.INK_SOFT)
    handles = [Patch(facecolor=STYLE[g][0], edgecolor=STYLE[g][1] or STYLE[g][0],
                     hatch=STYLE[g][2] * 3 if STYLE[g][2] else None, label=LEGEND[g])
               for g in GROUPS]
    figure.legend(handles=handles, loc="outside lower center", ncols=4, fontsize=9)
    if v["post1"] is None:
        figure.suptitle("Nobody tests positive: P(D | +) is undefined", fontsize=11)
    else:
        given, post = ("P(D | +, +)", v["post2"]) if v["second"] else ("P(D | +)", v["post1"])
        figure.suptitle(f"{given} = {_prob(post)} ({_percent(post)})", fontsize=11)
    return figure


def _describe(v: dict) -> str:
    c = v["counts"]
    setting = (f"Prevalence {STOP_LABELS[v['index']]}, sensitivity {_entered(v['sens'])}, "
               f"specificity {_entered(v['spec'])}. ")
    grid = (f"On the left, {POPULATION:,} people as a 100 by 100 grid of cells: "
            f"{c.true_positives:,} sick and positive (solid, striped), {c.false_negatives:,} "
            f"sick and negative (pale, striped), {c.false_positives:,} healthy and positive "
            f"(solid blue) and {c.true_negatives:,} healthy and negative (pale blue); a ring "
            "marks each group too small to see. ")
    if c.positives == 0:
        zoom = "On the right, nobody: no one in this population tests positive. "
    elif v["second"]:
        r = v["retest"]
        zoom = (f"On the right, the {_people(c.positives)} who tested positive, tested again: "
                f"{r.true_positives:,} sick and {r.false_positives:,} healthy people test "
                "positive a second time. ")
    else:
        zoom = (f"On the right, in larger cells, the {_people(c.positives)} who test positive: "
                f"{c.true_positives:,} sick and {c.false_positives:,} healthy. ")
    if v["post1"] is None:
        result = "P(disease | positive) is undefined, since nobody tests positive."
    else:
        given, post = (("P(disease | two positives)", v["post2"]) if v["second"] else
                       ("P(disease | positive)", v["post1"]))
        result = f"{given} = {_prob(post)}, that is {_percent(post)}."
    return setting + grid + zoom + result
