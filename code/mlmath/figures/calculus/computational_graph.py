"""The computational graph of one neuron (chapter *Backpropagation and the chain rule*,
``chapters/calculus/backpropagation.md``).

The graph of :func:`mlmath.calculus.neuron_squared_error`, the squared error
L = (ŷ − y)² of the neuron ŷ = σ(w₁x₁ + w₂x₂ + b), drawn top to bottom, from
the inputs and parameters to the loss. Sliders set the inputs x₁, x₂, the
weights w₁, w₂, the bias b and the target y; each box shows its node's value
(the forward pass) and, in its shaded lower half, its gradient ∂L/∂(node)
once the backward pass has reached it. The step slider walks the backward
pass of :func:`mlmath.calculus.backward_steps` one node at a time, bottom to
top (reverse topological order): the node being processed is outlined, the
edges to its parents carry their local derivatives, the parents receiving
their share are outlined in dashes, and the readout writes out the local
derivatives and the products the chain rule adds. A second plot draws the
logistic σ and its slope σ′ with the tangent at z: the local derivative of
the σ node, and what makes the gradient vanish when the neuron saturates.

``figures/js/computational_graph.js`` recomputes both passes in the page from
the graph's structure (the engine's nodes, parents and step order, passed
from Python) with the same floating-point operations in the same order;
:func:`page_state` is what it must show, from the Python engine.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

import numpy as np
from bokeh.models import ColumnDataSource, Range1d
from bokeh.transform import dodge
from matplotlib.patches import Rectangle

from mlmath import calculus
from mlmath.figures import kit
from mlmath.figures.kit import palette
from mlmath.figures.kit.layout import NARROW_PX, PHONE_COLUMN_PX, text_lines
from mlmath.figures.kit.widgets import READOUT_FONT_PX

__all__ = ["fig_computational_graph", "number", "page_state", "readout_text"]

NAME = "computational-graph"
INPUT = (-2.0, 2.0, 0.1)
SLIDERS = {
    "x1": kit.SliderSpec("Input x₁", *INPUT),
    "x2": kit.SliderSpec("Input x₂", *INPUT),
    "w1": kit.SliderSpec("Weight w₁", *INPUT),
    "w2": kit.SliderSpec("Weight w₂", *INPUT),
    "b": kit.SliderSpec("Bias b", *INPUT),
    "y": kit.SliderSpec("Target y", 0.0, 1.0, 0.05),
}
#: The leaf each slider sets, by its label in the graph.
LEAVES = {"x1": "x₁", "x2": "x₂", "w1": "w₁", "w2": "w₂", "b": "b", "y": "y"}
PARAMETERS = ("w₁", "w₂", "b")


def _graph(x1=1.5, x2=0.5, w1=0.8, w2=-1.2, b=0.1, y=1.0) -> calculus.NeuronGraph:
    return calculus.neuron_squared_error([x1, x2], [w1, w2], b, y)


#: How many steps the backward pass takes (one per node with parents).
STEPS = len(calculus.backward_steps(_graph().loss))
SLIDERS["step"] = kit.SliderSpec("Backward steps taken", 0.0, float(STEPS), 1.0)

#: Where each node is drawn: x across (0 to 4), rows down from the inputs to the loss.
POSITIONS = {
    "x₁": (0.5, 0.0), "w₁": (1.5, 0.0), "x₂": (2.5, 0.0), "w₂": (3.5, 0.0),
    "p₁": (1.0, -1.0), "p₂": (3.0, -1.0),
    "s": (2.0, -2.0), "b": (3.5, -2.0),
    "z": (2.0, -3.0),
    "y": (0.5, -4.0), "ŷ": (2.0, -4.0),
    "d": (2.0, -5.0),
    "L": (2.0, -6.0),
}
X_RANGE, Y_RANGE = (0.0, 4.0), (-6.45, 0.45)
#: A box, in data units: with the board's size, 65 × 33 px on a phone, 83 × 43 wide.
BOX_WIDTH, BOX_HEIGHT = 0.84, 0.6
GRAPH_PX, GRAPH_HEIGHT_PX = 400, 525
SIGMOID_PX, SIGMOID_HEIGHT_PX = 300, 300
Z_LIMIT = 10.5
#: Op symbols drawn left of each operation's box.
SYMBOLS = {"×": "×", "+": "+", "−": "−", "σ": "σ", "^2": "( )²"}
#: Below this slope the readout says that σ lets little gradient through.
FLAT = 0.01
#: Where the tangent at z is drawn: z ± this.
TANGENT_HALF = 2.0


def _sci_parts(value: float, digits: int) -> tuple[str, int]:
    # Ties away from zero on the exact binary value, as JavaScript's toExponential.
    with localcontext() as context:
        context.rounding = ROUND_HALF_UP
        text = format(Decimal(value), f".{digits}e")
    mantissa, exponent = text.split("e")
    return mantissa, int(exponent)


def number(value: float) -> str:
    """A value or gradient as boxes and readout write it (``number`` in the callback):
    three decimals, or ``1.8 × 10⁻⁴`` when that would round to zero, ``0`` for zero."""
    if value == 0:
        return "0"
    if abs(value) >= 0.0005:
        return kit.to_fixed(value, 3)
    mantissa, exponent = _sci_parts(value, 1)
    power = str(exponent).replace("-", "⁻").translate(str.maketrans("0123456789",
                                                                    "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{mantissa.replace('-', kit.MINUS)} × 10{power}"


def _edge_text(local: float) -> str:
    """A local derivative on its edge: ``×0.8``, short enough for two side by side."""
    text = number(local)
    return "×" + (text.rstrip("0").rstrip(".") if "." in text and "×" not in text else text)


def _leaf_text(value: float) -> str:
    return kit.to_fixed(value, 2, trim=True)


def _structure() -> dict:
    """What the callback needs of the graph, which no slider changes: the nodes in
    topological order with their ops, parents, places and formulas, and the order
    of the backward steps (node indices)."""
    graph = _graph()
    nodes = list(graph.nodes.values())
    index = {node: k for k, node in enumerate(nodes)}
    formulas, locals_ = [], []
    for node in nodes:
        labels = [p.label for p in node.parents]
        n = node.label
        formula, local = {
            "": ("", []),
            "×": (f"{n} = {''.join(labels)}", labels[::-1]),
            "+": (f"{n} = {' + '.join(labels)}", ["1", "1"]),
            "−": (f"{n} = {' − '.join(labels)}", ["1", f"{kit.MINUS}1"]),
            "σ": (f"{n} = σ({''.join(labels)})", [f"{n}(1 − {n})"]),
            "^2": (f"{n} = {''.join(labels)}²", [f"2{''.join(labels)}"]),
        }[node.op]
        formulas.append(formula)
        locals_.append(local)
    return {
        "labels": [node.label for node in nodes],
        "ops": [node.op for node in nodes],
        "parents": [[index[p] for p in node.parents] for node in nodes],
        "x": [POSITIONS[node.label][0] for node in nodes],
        "y": [POSITIONS[node.label][1] for node in nodes],
        "formulas": formulas,
        "local_formulas": locals_,
        "order": [index[step.node] for step in calculus.backward_steps(graph.loss)],
        "output": index[graph.loss],
    }


STRUCTURE = _structure()
assert STRUCTURE["ops"][STRUCTURE["output"]] == "^2" and len(STRUCTURE["order"]) == STEPS


def _state(x1, x2, w1, w2, b, y, step) -> dict:
    """Every number the figure shows, from the engine: the graph, its backward steps,
    and the gradients received by the first ``step`` of them."""
    graph = _graph(x1, x2, w1, w2, b, y)
    nodes = list(graph.nodes.values())
    steps = calculus.backward_steps(graph.loss)
    received = {}
    if step >= 1:
        received[graph.loss] = 1.0
    for done in steps[:step]:
        for parent, _, product in done.contributions:
            received[parent] = received.get(parent, 0.0) + product
    return {"graph": graph, "nodes": nodes, "steps": steps, "step": int(step),
            "received": received, "current": steps[step - 1] if step >= 1 else None}


def _nodes_data(state: dict) -> dict:
    current = state["current"]
    receiving = set(current.node.parents) if current else set()
    data = {key: [] for key in ("x", "y", "value", "gradient", "fill", "band", "line_color",
                                "line_width", "line_dash")}
    for k, node in enumerate(state["nodes"]):
        is_leaf = not node.parents
        known = node in state["received"]
        is_current = current is not None and node is current.node
        for key, item in zip(data, (
                STRUCTURE["x"][k], STRUCTURE["y"][k],
                f"{node.label} = {_leaf_text(node.data) if is_leaf else number(node.data)}",
                number(state["received"][node]) if known else "—",
                palette.ROW_FILL if node.label in PARAMETERS else palette.PAPER,
                palette.COLUMN_FILL if known else palette.PAPER,
                palette.GREEN if is_current else
                palette.VERMILLION if node in receiving else palette.GREY,
                3.0 if is_current else 2.5 if node in receiving else 1.0,
                "dashed" if node in receiving and not is_current else "solid")):
            data[key].append(item)
    return data


def _edges_data(state: dict) -> tuple[dict, dict]:
    """Every edge (child to parent), and the local derivatives on the current node's."""
    current = state["current"]
    edges = {key: [] for key in ("xs", "ys", "color", "width")}
    labels = {key: [] for key in ("x", "y", "text")}
    for k, node in enumerate(state["nodes"]):
        for j, parent_index in enumerate(STRUCTURE["parents"][k]):
            active = current is not None and node is current.node
            xs = [STRUCTURE["x"][k], STRUCTURE["x"][parent_index]]
            ys = [STRUCTURE["y"][k], STRUCTURE["y"][parent_index]]
            for key, item in zip(edges, (xs, ys, palette.VERMILLION if active else palette.GREY,
                                         3.0 if active else 1.5)):
                edges[key].append(item)
            if active:
                labels["x"].append((xs[0] + xs[1]) / 2)
                labels["y"].append((ys[0] + ys[1]) / 2)
                labels["text"].append(_edge_text(node.local_derivatives[j]))
    return edges, labels


def _sigmoid_data(state: dict) -> tuple[dict, dict]:
    nodes = state["graph"].nodes
    z, y_hat = nodes["z"].data, nodes["ŷ"].data
    slope = nodes["ŷ"].local_derivatives[0]
    point = {"x": [z, z], "y": [y_hat, slope]}
    tangent = {"x": [z - TANGENT_HALF, z + TANGENT_HALF],
               "y": [y_hat - TANGENT_HALF * slope, y_hat + TANGENT_HALF * slope]}
    return point, tangent


def _local_text(formula: str, local: float) -> str:
    """A local derivative's formula, with its number unless it is a constant."""
    return formula if formula in ("1", f"{kit.MINUS}1") else f"{formula} = {number(local)}"


def _factor_text(formula: str, local: float) -> str:
    return formula if formula in ("1", f"{kit.MINUS}1") else kit.paren(number(local))


def _readout(state: dict) -> str:
    nodes = state["graph"].nodes
    if state["step"] == 0:
        return (f"<b>Forward pass</b>, top to bottom: z = w₁x₁ + w₂x₂ + b = "
                f"{number(nodes['z'].data)}, ŷ = σ(z) = {number(nodes['ŷ'].data)}, "
                f"L = (ŷ − y)² = {number(nodes['L'].data)}.<br>No gradients yet: move "
                "“Backward steps taken” to send them up the graph, one node at a time.")
    current, k = state["current"], state["step"]
    position = state["nodes"].index(current.node)
    n, g = current.node.label, current.upstream
    formulas = STRUCTURE["local_formulas"][position]
    head = (f"<b>Step {k} of {STEPS}: {STRUCTURE['formulas'][position]}.</b> " +
            ("The pass starts here, with ∂L/∂L = 1." if current.node is state["graph"].loss
             else f"∂L/∂{n} = {number(g)} is complete."))
    local = ", ".join(f"∂{n}/∂{c.parent.label} = {_local_text(f, c.local)}"
                      for f, c in zip(formulas, current.contributions))
    if current.node.op == "σ" and current.contributions[0].local < FLAT:
        local += " (σ is nearly flat here: little gradient gets through)"
    chain = "; ".join(f"∂L/∂{c.parent.label} += {_factor_text(f, c.local)} × "
                      f"{kit.paren(number(g))} = {number(c.product)}"
                      for f, c in zip(formulas, current.contributions))
    text = f"{head}<br>Local derivatives: {local}.<br>Chain rule: {chain}."
    if k == STEPS:
        grads = ", ".join(f"∂L/∂{p} = {number(state['received'][nodes[p]])}"
                          for p in PARAMETERS)
        text += f"<br><b>Done:</b> {grads}."
    return text


def page_state(values: dict) -> dict:
    """What the page shows for control values ``{"computational-graph-x1": ..., ...}``."""
    state = _state(*(float(values[f"{NAME}-{key}"]) for key in SLIDERS if key != "step"),
                   int(round(values[f"{NAME}-step"])))
    edges, labels = _edges_data(state)
    point, tangent = _sigmoid_data(state)
    return {
        f"{NAME}-nodes": {"data": _nodes_data(state)},
        f"{NAME}-edges": {"data": edges},
        f"{NAME}-edge-labels": {"data": labels},
        f"{NAME}-point": {"data": point},
        f"{NAME}-tangent": {"data": tangent},
        f"{NAME}-readout": {"text": _readout(state)},
    }


def _check(x1, x2, w1, w2, b, y, step):
    given = {"x1": x1, "x2": x2, "w1": w1, "w2": w2, "b": b, "y": y, "step": step}
    return tuple(SLIDERS[key].check(value, key) for key, value in given.items())


def readout_text(x1=1.5, x2=0.5, w1=0.8, w2=-1.2, b=0.1, y=1.0, step=STEPS) -> str:
    """The readout (HTML) for the given controls."""
    checked = _check(x1, x2, w1, w2, b, y, step)
    return _readout(_state(*checked[:-1], int(checked[-1])))


def _readout_lines() -> tuple[int, int]:
    """Room for the longest readouts, on a phone and wide: every step, at the
    settings with the longest numbers (negative, tiny) and a saturated σ."""
    settings = [(-1.9, -1.9, 1.9, 1.9, -1.9, 0.05), (2.0, 2.0, 2.0, 2.0, 2.0, 1.0),
                (-2.0, -2.0, 2.0, 2.0, -2.0, 0.0), (1.5, 0.5, 0.8, -1.2, 0.1, 1.0)]
    texts = [_readout(_state(*s, k)) for s in settings for k in range(STEPS + 1)]
    return tuple(max(text_lines(t, width, READOUT_FONT_PX) for t in texts)
                 for width in (PHONE_COLUMN_PX, NARROW_PX))


def _sigmoid_curves() -> dict:
    """σ and σ′ on a grid, from the engine (a Value's σ and its local derivative)."""
    grid = np.linspace(-Z_LIMIT, Z_LIMIT, 211)
    values = [calculus.Value(float(z)).sigmoid() for z in grid]
    return {"z": grid.tolist(), "sigma": [v.data for v in values],
            "slope": [v.local_derivatives[0] for v in values]}


CURVES = _sigmoid_curves()


def fig_computational_graph(x1=1.5, x2=0.5, w1=0.8, w2=-1.2, b=0.1, y=1.0,
                            step=STEPS) -> kit.BookFigure:
    """The computational graph of a neuron's squared error, with its forward values,
    its gradients and a step-by-step backward pass.
    Book section: Calculus, *Backpropagation and the chain rule*.

    Parameters
    ----------
    x1, x2, w1, w2, b : float
        The inputs, the weights and the bias, each in ``[-2, 2]`` in steps of 0.1.
    y : float
        The target, in ``[0, 1]`` in steps of 0.05.
    step : int
        How many steps of the backward pass are taken, from 0 (the forward pass
        only) to 7 (all of it).
    """
    checked = _check(x1, x2, w1, w2, b, y, step)
    formats = {key: "0.0" for key in SLIDERS}
    formats.update(y="0.00", step="0")
    sliders = {key: spec.slider(value, name=f"{NAME}-{key}", argument=key, format=formats[key])
               for (key, spec), value in zip(SLIDERS.items(), checked)}
    state_values = {s.name: s.value for s in sliders.values()}
    shown = page_state(state_values)
    sources = {key: ColumnDataSource(shown[f"{NAME}-{key}"]["data"], name=f"{NAME}-{key}")
               for key in ("nodes", "edges", "edge-labels", "point", "tangent")}
    readout = kit.readout(NAME, shown[f"{NAME}-readout"]["text"])
    kit.link(kit.callback(
        "computational_graph.js", leaves={LEAVES[k]: sliders[k] for k in LEAVES},
        step_slider=sliders["step"], readout=readout, nodes=sources["nodes"],
        edges=sources["edges"], edge_labels=sources["edge-labels"], point=sources["point"],
        tangent=sources["tangent"], structure=STRUCTURE, parameters=list(PARAMETERS),
        steps=STEPS, flat=FLAT, tangent_half=TANGENT_HALF,
        colors={"paper": palette.PAPER, "param": palette.ROW_FILL, "band": palette.COLUMN_FILL,
                "current": palette.GREEN, "receiving": palette.VERMILLION,
                "plain": palette.GREY}),
        *sliders.values())
    state = _state(*checked[:-1], int(checked[-1]))
    return kit.BookFigure(
        NAME, [kit.Controls(*sliders.values(), columns=2),
               kit.Readout(readout, lines=_readout_lines()),
               kit.Panels(_graph_plot(sources), _sigmoid_plot(sources))],
        static=_static(state), alt=_describe(state))


def _graph_plot(sources: dict):
    plot = kit.board(f"{NAME}-graph", title="Value above, gradient ∂L/∂· below (shaded)",
                     x_range=Range1d(*X_RANGE), y_range=Range1d(*Y_RANGE), width=GRAPH_PX,
                     height=GRAPH_HEIGHT_PX)
    plot.min_border_left = plot.min_border_right = 2
    plot.multi_line(xs="xs", ys="ys", source=sources["edges"], line_color="color",
                    line_width="width")
    quarter = BOX_HEIGHT / 4
    nodes = sources["nodes"]
    for fill, shift in (("fill", quarter), ("band", -quarter)):
        plot.rect(x="x", y=dodge("y", shift), width=BOX_WIDTH, height=BOX_HEIGHT / 2,
                  source=nodes, fill_color=fill, line_color=None)
    plot.rect(x="x", y="y", width=BOX_WIDTH, height=BOX_HEIGHT, source=nodes,
              fill_color=None, line_color="line_color", line_width="line_width",
              line_dash="line_dash")
    for column, shift in (("value", quarter), ("gradient", -quarter)):
        plot.text(x="x", y=dodge("y", shift), text=column, source=nodes, text_align="center",
                  text_baseline="middle", text_font_size="12px", text_color=palette.INK)
    symbols = ColumnDataSource(_symbols(), name=f"{NAME}-symbols")
    plot.text(x="x", y="y", text="text", source=symbols, text_align="right",
              text_baseline="middle", text_font_size="14px", text_color=palette.GREY)
    plot.text(x="x", y="y", text="text", source=sources["edge-labels"], text_align="center",
              text_baseline="middle", text_font_size="12px", text_font_style="bold",
              text_color=palette.VERMILLION, background_fill_color=palette.PAPER, padding=1)
    return plot


def _symbols() -> dict:
    """Each operation's symbol, left of its box."""
    data = {"x": [], "y": [], "text": []}
    for k, op in enumerate(STRUCTURE["ops"]):
        if op:
            data["x"].append(STRUCTURE["x"][k] - BOX_WIDTH / 2 - 0.06)
            data["y"].append(STRUCTURE["y"][k])
            data["text"].append(SYMBOLS[op])
    return data


def _sigmoid_plot(sources: dict):
    plot = kit.canvas(f"{NAME}-sigmoid", title="σ(z), its slope σ′(z), the tangent at z",
                      width=SIGMOID_PX, height=SIGMOID_HEIGHT_PX,
                      x_range=Range1d(-Z_LIMIT, Z_LIMIT), y_range=Range1d(-0.08, 1.08))
    plot.xaxis.axis_label = "z"
    curves = ColumnDataSource(CURVES, name=f"{NAME}-curves")
    plot.line(x="z", y="sigma", source=curves, line_color=palette.BLUE, line_width=2.5)
    plot.line(x="z", y="slope", source=curves, line_color=palette.GREEN, line_width=2.5,
              line_dash="dashed")
    tips = ColumnDataSource({"x": [-Z_LIMIT + 0.4, 0.0], "y": [0.9, 0.3],
                             "text": ["σ(z)", "σ′(z)"], "color": [palette.BLUE, palette.GREEN]},
                            name=f"{NAME}-tips")
    plot.text(x="x", y="y", text="text", source=tips, text_color="color",
              text_font_size="13px", text_baseline="middle", text_align="left")
    plot.line(x="x", y="y", source=sources["tangent"], line_color=palette.VERMILLION,
              line_width=2.5)
    plot.scatter(x="x", y="y", source=sources["point"], size=9, fill_color=palette.PAPER,
                 line_color=palette.INK, line_width=2)
    return plot


def _static(state: dict):
    # Narrower than two plots side by side, so that the boxes' text stays legible in print.
    figure = kit.twin(1.75 * kit.PLOT_INCHES, 1.3 * kit.PLOT_INCHES)
    graph_ax, sigmoid_ax = figure.subplots(1, 2, width_ratios=[5, 3])
    edges, labels = _edges_data(state)
    for xs, ys, color, width in zip(*(edges[k] for k in ("xs", "ys", "color", "width"))):
        graph_ax.plot(xs, ys, color=color, linewidth=width * 0.7, zorder=1)
    nodes = _nodes_data(state)
    half = BOX_HEIGHT / 2
    dashes = {"solid": "-", "dashed": "--"}
    for x, y, value, gradient, fill, band, line, width, dash in zip(*(nodes[k] for k in (
            "x", "y", "value", "gradient", "fill", "band", "line_color", "line_width",
            "line_dash"))):
        left = x - BOX_WIDTH / 2
        graph_ax.add_patch(Rectangle((left, y), BOX_WIDTH, half, facecolor=fill,
                                     edgecolor="none", zorder=2))
        graph_ax.add_patch(Rectangle((left, y - half), BOX_WIDTH, half, facecolor=band,
                                     edgecolor="none", zorder=2))
        graph_ax.add_patch(Rectangle((left, y - half), BOX_WIDTH, BOX_HEIGHT, facecolor="none",
                                     edgecolor=line, linewidth=width * 0.7,
                                     linestyle=dashes[dash], zorder=3))
        for text, shift in ((value, half / 2), (gradient, -half / 2)):
            graph_ax.text(x, y + shift, text, ha="center", va="center", fontsize=9.5,
                          color=palette.INK, zorder=4)
    symbols = _symbols()
    for x, y, text in zip(symbols["x"], symbols["y"], symbols["text"]):
        graph_ax.text(x, y, text, ha="right", va="center", fontsize=11, color=palette.GREY)
    for x, y, text in zip(labels["x"], labels["y"], labels["text"]):
        graph_ax.text(x, y, text, ha="center", va="center", fontsize=9.5, fontweight="bold",
                      color=palette.VERMILLION, zorder=5,
                      bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5})
    graph_ax.set(xlim=X_RANGE, ylim=Y_RANGE)
    graph_ax.axis("off")
    graph_ax.set_title("Value above, gradient ∂L/∂· below (shaded)", fontsize=10)

    sigmoid_ax.plot(CURVES["z"], CURVES["sigma"], color=palette.BLUE, linewidth=2)
    sigmoid_ax.plot(CURVES["z"], CURVES["slope"], color=palette.GREEN, linewidth=2,
                    linestyle="--")
    sigmoid_ax.text(-Z_LIMIT + 0.4, 0.9, "σ(z)", color=palette.BLUE, va="center")
    sigmoid_ax.text(0.0, 0.3, "σ′(z)", color=palette.GREEN, va="center")
    point, tangent = _sigmoid_data(state)
    sigmoid_ax.plot(tangent["x"], tangent["y"], color=palette.VERMILLION, linewidth=2)
    sigmoid_ax.plot(point["x"], point["y"], "o", markerfacecolor="white",
                    markeredgecolor=palette.INK, markersize=7, markeredgewidth=1.5)
    sigmoid_ax.set(xlim=(-Z_LIMIT, Z_LIMIT), ylim=(-0.08, 1.08), xlabel="z")
    sigmoid_ax.grid(alpha=0.3)
    sigmoid_ax.set_title("σ(z), its slope σ′(z), the tangent at z", fontsize=10)
    return figure


def _describe(state: dict) -> str:
    nodes = state["graph"].nodes
    inputs = ", ".join(f"{label} = {_leaf_text(nodes[label].data)}"
                       for label in ("x₁", "x₂", "w₁", "w₂", "b", "y"))
    text = (f"A computational graph drawn top to bottom: the inputs and parameters ({inputs}) "
            "feed the products p₁ = w₁x₁ and p₂ = w₂x₂, their sum s, z = s + b, the "
            "prediction ŷ = σ(z), the difference d = ŷ − y and the loss L = d². Each box shows "
            f"its value: z = {number(nodes['z'].data)}, ŷ = {number(nodes['ŷ'].data)}, "
            f"L = {number(nodes['L'].data)}. ")
    k = state["step"]
    if k == 0:
        text += "No backward step has been taken, so no gradients are shown. "
    else:
        grads = ", ".join(f"∂L/∂{p} = {number(state['received'][nodes[p]])}"
                          for p in PARAMETERS if nodes[p] in state["received"])
        text += (f"After {k} of {STEPS} backward steps, the shaded half of each box reached "
                 "shows its gradient" + (f": {grads}. " if grads else ". "))
    point, _ = _sigmoid_data(state)
    return text + (f"Beside it, the logistic curve σ(z) and its slope σ′(z), with the tangent "
                   f"at z = {number(point['x'][0])}, of slope {number(point['y'][1])}.")
