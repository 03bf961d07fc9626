"""The logistic explorer (chapter *Logistic regression*, ``chapters/ml/logistic-regression.md``).

A menu picks a data set of :func:`mlmath.models.classification_data` (points in
the plane with labels 0 and 1); sliders set the weights w₁, w₂ and the bias b,
the threshold τ, and a number k of gradient steps. The model shown is the one
after k steps of :func:`mlmath.models.fit_logistic_regression` (learning rate
:data:`ETA`) started from the sliders' weights; with k = 0 it is the sliders'
model itself.

The left plot looks at the plane along the direction of w: each point sits at
s = w·x/‖w‖, its position along that direction, and at the height of its label
(0 or 1, spread a little so that points do not hide one another). There the
model is the sigmoid p̂ = σ(‖w‖s + b), reshaped by the sliders: ‖w‖ sets how
steep it is, b where it crosses ½. A thin line joins each point to its p̂; the
dashed line is τ, the solid one the cut s where p̂ = τ, and the shaded side is
predicted 1, so that the four corners hold the confusion matrix's counts (TP,
FN above, FP, TN below). The right plot draws the plane itself: the decision
boundary w·x + b = logit(τ) (solid), the side predicted 1 (shaded), the
direction of w (arrow), the start's boundary (dashed) when k > 0, and the
log-loss in its title. The readout gives the weights, the log-loss, the counts,
precision and recall, in words where precision is 0/0.

``figures/js/logistic_explorer.js`` repeats the k steps and everything after
them in the page; :func:`page_state` is what it must show, computed with
:mod:`mlmath.models` in :mod:`mlmath.figures.models.logistic_explorer_state`
(the controls, the data and the numbers; this module lays them out).
"""

from __future__ import annotations

import numpy as np
from bokeh.models import (Arrow, BoxAnnotation, ColumnDataSource, LabelSet, Range1d, Select,
                          Span, VeeHead)
from bokeh.models.annotations.geometry import AreaVisuals, BoxInteractionHandles

from mlmath.figures import kit
from mlmath.figures.kit import palette
from mlmath.figures.models.logistic_explorer_state import (
    ALONG_HEIGHT, ALONG_WIDTH, ARROW_LENGTH, CLIP, CURVE_POINTS, DATA_CHOICES, ETA, LIMIT, LOOKS,
    NAME, S_LIMIT, SLIDERS, _check, _numbers, _two, page_state, readout_text,
    shipped_data)

__all__ = ["fig_logistic_explorer", "page_state", "readout_text"]


def fig_logistic_explorer(data="overlapping", tau=0.5, steps=0, w1=1.0, w2=0.0,
                          b=0.0) -> kit.BookFigure:
    """The logistic explorer: a logistic regression on points in the plane, seen along
    the direction of its weights and from above, with its threshold, confusion matrix
    and log-loss, and gradient steps from the sliders' weights.
    Book section: Machine Learning Concepts, *Logistic regression*.

    Parameters
    ----------
    data : {"overlapping", "separable", "rare positives"}
        The data set (:func:`mlmath.models.classification_data`).
    tau : float
        The threshold τ, from 0.01 to 0.99 in steps of 0.01.
    steps : int
        How many gradient steps from the sliders' weights, from 0 to 500.
    w1, w2, b : float
        The weights and the bias (the start of the gradient steps), each from −5 to 5
        in steps of 0.1.
    """
    checked = _check(data, tau, steps, w1, w2, b)
    menu = Select(title="data", value=checked[0], options=list(DATA_CHOICES),
                  name=f"{NAME}-data", sizing_mode="stretch_width")
    formats = {"tau": "0.00", "steps": "0", "w1": "0.0", "w2": "0.0", "b": "0.0"}
    sliders = {key: spec.slider(value, name=f"{NAME}-{key}", argument=key, format=formats[key])
               for (key, spec), value in zip(SLIDERS.items(), checked[1:])}
    state = page_state({menu.name: menu.value, **{s.name: s.value for s in sliders.values()}})
    keys = ("points", "along", "curve", "counts", "region", "boundary", "start-boundary",
            "arrow")
    sources = {key: ColumnDataSource(state[f"{NAME}-{key}"]["data"], name=f"{NAME}-{key}")
               for key in keys}
    tau_line = Span(location=checked[1], dimension="width", line_color=palette.GREY,
                    line_width=1.5, line_dash="dashed", name=f"{NAME}-tau-line")
    cut_line = Span(dimension="height", line_color=palette.INK, line_width=2,
                    name=f"{NAME}-cut-line", **state[f"{NAME}-cut-line"])
    # The box is not editable, so its drag handles never show; they still get palette colours.
    handles = BoxInteractionHandles(all=AreaVisuals(
        fill_color=palette.PAPER, line_color=palette.INK, hover_fill_color=palette.RULE,
        hover_line_color=palette.INK))
    cut_box = BoxAnnotation(right=S_LIMIT + 1, fill_color=palette.COLUMN_FILL, fill_alpha=0.6,
                            line_color=None, level="underlay", name=f"{NAME}-cut-box",
                            handles=handles, **state[f"{NAME}-cut-box"])
    readout = kit.readout(NAME, state[f"{NAME}-readout"]["text"])
    along = _along_plot(sources, tau_line, cut_line, cut_box)
    plane = _plane_plot(sources, state[f"{NAME}-plane-title"]["text"])
    shipped = shipped_data()
    kit.link(kit.callback(
        "logistic_explorer.js", menu=menu, tau_slider=sliders["tau"],
        steps_slider=sliders["steps"], w1_slider=sliders["w1"], w2_slider=sliders["w2"],
        b_slider=sliders["b"], readout=readout, tau_line=tau_line, cut_line=cut_line,
        cut_box=cut_box, plane_title=plane.title, **{k.replace("-", "_"): s
                                                     for k, s in sources.items()},
        data_names=[name for name, _ in DATA_CHOICES],
        data_x1=[shipped[n]["x1"] for n, _ in DATA_CHOICES],
        data_x2=[shipped[n]["x2"] for n, _ in DATA_CHOICES],
        data_y=[shipped[n]["y"] for n, _ in DATA_CHOICES],
        data_spread=[shipped[n]["spread"] for n, _ in DATA_CHOICES],
        colours=[str(look[0]) for look in LOOKS], markers=[look[1] for look in LOOKS],
        eta=ETA, s_limit=S_LIMIT, clip=CLIP, curve_points=CURVE_POINTS,
        arrow_length=ARROW_LENGTH), menu, *sliders.values())
    v = _numbers(*checked)
    return kit.BookFigure(
        NAME, [kit.Controls(menu, *sliders.values(), columns=3),
               kit.Readout(readout, lines=_readout_lines()), kit.Panels(along, plane)],
        static=_static(state, v), alt=_describe(v))


def _readout_lines() -> tuple[int, int]:
    """Room for the longest readouts the controls can produce, on a phone and wider."""
    texts = [readout_text("separable", 0.99, 0, 0.0, 0.0, -5.0),
             readout_text("separable", 0.99, 500, -5.0, -5.0, -5.0),
             readout_text("rare positives", 0.01, 500, -5.0, 5.0, 5.0),
             readout_text("overlapping", 0.99, 0, 0.0, 0.0, -4.9)]
    font = kit.widgets.READOUT_FONT_PX
    return (max(kit.text_lines(t, kit.PHONE_COLUMN_PX, font) for t in texts),
            max(kit.text_lines(t, kit.NARROW_PX, font) for t in texts))


def _along_plot(sources: dict, tau_line, cut_line, cut_box):
    plot = kit.canvas(f"{NAME}-along-plot", title="Along w: the labels and p̂ = σ(‖w‖s + b)",
                      width=ALONG_WIDTH, height=ALONG_HEIGHT,
                      x_range=Range1d(-S_LIMIT, S_LIMIT), y_range=Range1d(-0.32, 1.32))
    plot.xaxis.axis_label = "s, the position along w"
    plot.yaxis.axis_label = "label y, probability p̂"
    plot.add_layout(cut_box)
    plot.segment(x0="s", y0="row", x1="s", y1="p", source=sources["along"],
                 line_color=palette.GREY, line_alpha=0.35, line_width=1)
    plot.line("s", "p", source=sources["curve"], line_color=palette.GREEN, line_width=3)
    plot.scatter("s", "row", source=sources["along"], marker="marker", size=7,
                 fill_color="colour", line_color="colour", fill_alpha=0.6)
    plot.add_layout(tau_line)
    plot.add_layout(cut_line)
    plot.add_layout(LabelSet(x="x", y="y", text="text", text_align="align",
                             source=sources["counts"], text_font_size="13px",
                             text_font_style="bold", text_baseline="middle",
                             text_color=palette.INK))
    return plot


def _plane_plot(sources: dict, title: str):
    plot = kit.square_canvas(f"{NAME}-plane", LIMIT, title=title)
    plot.title.name = f"{NAME}-plane-title"
    plot.patch("x", "y", source=sources["region"], fill_color=palette.COLUMN_FILL,
               fill_alpha=0.6, line_color=None, level="underlay")
    plot.line("x", "y", source=sources["start-boundary"], line_color=palette.GREY,
              line_width=2, line_dash="dashed")
    plot.line("x", "y", source=sources["boundary"], line_color=palette.INK, line_width=2.5)
    plot.scatter("x1", "x2", source=sources["points"], marker="marker", size=7,
                 fill_color="colour", line_color="colour", fill_alpha=0.6)
    plot.add_layout(Arrow(x_start="x0", y_start="y0", x_end="x1", y_end="y1",
                          source=sources["arrow"], line_color=palette.PURPLE, line_width=3,
                          end=VeeHead(size=12, line_color=palette.PURPLE,
                                      fill_color=palette.PURPLE)))
    plot.add_layout(LabelSet(x="x1", y="y1", text="label", source=sources["arrow"],
                             x_offset=6, y_offset=4, text_font_size="14px",
                             text_font_style="bold", text_color=palette.PURPLE))
    kit.axes_through_origin(plot)
    return plot


def _static(state: dict, v: dict):
    figure = kit.twin(2 * kit.PLOT_INCHES * 0.8, 0.85 * kit.PLOT_INCHES)
    left, right = figure.subplots(1, 2)
    along = state[f"{NAME}-along"]["data"]
    box = state[f"{NAME}-cut-box"]
    if box["visible"]:
        left.axvspan(box["left"], S_LIMIT + 1, color=palette.COLUMN_FILL, alpha=0.6, lw=0)
    for s, row, p in zip(along["s"], along["row"], along["p"]):
        left.plot([s, s], [row, p], color=palette.GREY, alpha=0.35, lw=0.6)
    curve = state[f"{NAME}-curve"]["data"]
    left.plot(curve["s"], curve["p"], color=palette.GREEN, lw=2.2)
    y = np.array(v["shipped"]["y"])
    for label, (colour, _, marker) in enumerate(LOOKS):
        keep = y == label
        left.scatter(np.array(along["s"])[keep], np.array(along["row"])[keep], s=12,
                     marker=marker, color=colour, alpha=0.6, linewidths=0)
    left.axhline(v["tau"], color=palette.GREY, ls="--", lw=1.2)
    cut = state[f"{NAME}-cut-line"]
    if cut["visible"]:
        left.axvline(cut["location"], color=palette.INK, lw=1.6)
    counts = state[f"{NAME}-counts"]["data"]
    for x, yy, text, align in zip(counts["x"], counts["y"], counts["text"], counts["align"]):
        left.text(x, yy, text, ha=align, va="center", fontsize=9, fontweight="bold",
                  color=palette.INK)
    left.set_xlim(-S_LIMIT, S_LIMIT)
    left.set_ylim(-0.32, 1.32)
    left.set_xlabel("s, the position along w")
    left.set_ylabel("label y, probability p̂")
    left.set_title("Along w: the labels and p̂ = σ(‖w‖s + b)", fontsize=9)
    left.grid(alpha=0.3)
    kit.square_axes(figure, LIMIT, state[f"{NAME}-plane-title"]["text"], ax=right,
                    title_size=9)
    region = state[f"{NAME}-region"]["data"]
    if region["x"]:
        right.fill(region["x"], region["y"], color=palette.COLUMN_FILL, alpha=0.6, lw=0)
    for key, style in (("start-boundary", {"color": palette.GREY, "ls": "--", "lw": 1.5}),
                       ("boundary", {"color": palette.INK, "lw": 2})):
        line = state[f"{NAME}-{key}"]["data"]
        right.plot(line["x"], line["y"], **style)
    points = state[f"{NAME}-points"]["data"]
    for label, (colour, _, marker) in enumerate(LOOKS):
        keep = y == label
        right.scatter(np.array(points["x1"])[keep], np.array(points["x2"])[keep], s=12,
                      marker=marker, color=colour, alpha=0.6, linewidths=0)
    arrow = state[f"{NAME}-arrow"]["data"]
    if arrow["x1"]:
        right.annotate("", xy=(arrow["x1"][0], arrow["y1"][0]), xytext=(0, 0),
                       arrowprops={"arrowstyle": "->", "color": palette.PURPLE, "lw": 2})
        right.text(arrow["x1"][0], arrow["y1"][0], " w", color=palette.PURPLE,
                   fontweight="bold", fontsize=10)
    right.set_xlim(-LIMIT, LIMIT)
    right.set_ylim(-LIMIT, LIMIT)
    return figure


def _describe(v: dict) -> str:
    c = v["counts"]
    w1, w2, b = v["theta"]
    label = dict(DATA_CHOICES)[v["data"]]
    model = ("the sliders' model" if v["steps"] == 0
             else f"the model after {v['steps']} gradient steps from the sliders' weights")
    precision = ("undefined, as nothing is predicted 1" if c.precision is None
                 else kit.to_fixed(c.precision, 3))
    return (f"Two plots of a logistic regression on the {label} data set, labels 0 drawn as "
            f"blue circles and labels 1 as vermillion triangles, for {model}: w = "
            f"({_two(w1)}, {_two(w2)}), b = {_two(b)}. Left: the points along the "
            f"direction of w, at the height of their label, under the S-shaped curve of the "
            f"predicted probability p̂, with the threshold τ = {kit.to_fixed(v['tau'], 2)} as a "
            f"dashed line and the side predicted 1 shaded; the corners count {c.tp} true "
            f"positives, {c.fn} false negatives, {c.fp} false positives and {c.tn} true "
            f"negatives. Right: the points in the plane, with the decision boundary as a line, "
            f"the side predicted 1 shaded and an arrow along w. The log-loss is "
            f"{kit.to_fixed(v['loss'], 3)}; precision {precision}, recall "
            f"{kit.to_fixed(c.recall, 3)}.")
