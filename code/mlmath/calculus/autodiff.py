"""Reverse-mode automatic differentiation from scratch (chapter *Backpropagation and
the chain rule*, ``chapters/calculus/backpropagation.md``).

A :class:`Value` is one real number that remembers how it was made: from which
:class:`Value` s (its *parents*) and with which *local derivatives*, the partial
derivatives of the operation at the numbers it was given. Arithmetic on Values
(``+ - * / **``, ``exp``, ``log``, ``tanh``, ``relu``, ``sigmoid``) records a
*computational graph* as it computes, the forward pass. :meth:`Value.backward`
then applies the chain rule to every node at once, in reverse topological
order:

.. math::

   \\frac{\\partial L}{\\partial v}
   = \\sum_{c \\text{ made from } v} \\frac{\\partial L}{\\partial c}\\,
     \\frac{\\partial c}{\\partial v},
   \\qquad \\frac{\\partial L}{\\partial L} = 1,

one multiplication and one addition per edge of the graph: about the cost of
the forward pass, whatever the number of inputs. Graphs are walked with an
explicit stack, never by recursion, so a chain of a hundred thousand nodes
works as well as one of ten.
"""

from __future__ import annotations

import math
import numbers
from typing import NamedTuple

import numpy as np

from mlmath._validate import as_real, as_vector

__all__ = [
    "BackwardStep",
    "Contribution",
    "NeuronGraph",
    "Value",
    "backward_steps",
    "neuron_squared_error",
    "value_and_gradient",
]


def _as_value(other, op: str) -> Value:
    """``other`` as a Value: a Value as it is, a real number as a constant."""
    if isinstance(other, Value):
        return other
    if isinstance(other, bool) or not isinstance(other, numbers.Real):
        raise ValueError(f"the other operand of {op} must be a Value or a finite real "
                         f"number, got {other!r}")
    return Value(other)


class Value:
    """A real number in a computational graph, with the gradient of a later output.

    ``Value(2.0)`` is a leaf (an input or a parameter); operations on Values
    make new ones that record their ``parents`` and ``local_derivatives``,
    the partial derivative of the operation with respect to each parent, at
    the numbers of the forward pass. Plain numbers mix in as constants
    (``2 * v``, ``v - 1``), which receive no gradient. After
    ``output.backward()``, each node's :attr:`grad` holds
    :math:`\\partial\\,\\text{output} / \\partial\\,\\text{node}`. Book section:
    Calculus, *Backpropagation and the chain rule*.

    Parameters
    ----------
    data : float
        The number, finite (a Python or NumPy real; not a bool).
    label : str, default ""
        A name to show for it (``"w₁"``); operations leave it empty.

    Attributes
    ----------
    data : float
        The value computed in the forward pass.
    grad : float
        The gradient accumulated by :meth:`backward`, 0 until then.
    parents : tuple of Value
        The operands this node was computed from (a node used twice, as in
        ``a * a``, appears twice); empty for a leaf.
    local_derivatives : tuple of float
        :math:`\\partial\\,\\text{self} / \\partial\\,\\text{parent}`, one per parent.
    op : str
        The operation that made it (``"+"``, ``"×"``, ``"σ"``, ...); ``""`` for a leaf.
    label : str
        Its name, if it was given one.

    Raises
    ------
    ValueError
        If ``data`` is not a finite real number; if an operation is given an
        operand that is neither a Value nor a real number, has no value
        (``log`` of a number ``<= 0``, division by 0, ``0 ** -1``, a negative
        number to a fractional power), has an infinite derivative
        (``0 ** 0.5``) or overflows (``exp(1000)``).
    """

    __slots__ = ("data", "grad", "parents", "local_derivatives", "op", "label")
    # NumPy scalars on the left of an operator defer to Value's reflected methods.
    __array_ufunc__ = None

    def __init__(self, data, label: str = ""):
        self.data = as_real(data, "data")
        self.grad = 0.0
        self.parents: tuple[Value, ...] = ()
        self.local_derivatives: tuple[float, ...] = ()
        self.op = ""
        if not isinstance(label, str):
            raise ValueError(f"label must be a string, got {label!r}")
        self.label = label

    @classmethod
    def _node(cls, op: str, data: float, parents, local_derivatives) -> Value:
        """The result of ``op``: its value and how it depends on each parent."""
        numbers_made = (data, *local_derivatives)
        if not all(math.isfinite(n) for n in numbers_made):
            operands = ", ".join(repr(p.data) for p in parents)
            raise ValueError(f"{op} of {operands} overflows: its value or derivative is not "
                             "a finite float")
        node = cls.__new__(cls)  # data is a checked float already: skip __init__'s checks
        node.data, node.grad, node.op, node.label = float(data), 0.0, op, ""
        node.parents = tuple(parents)
        node.local_derivatives = tuple(float(d) for d in local_derivatives)
        return node

    def __repr__(self) -> str:
        name = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data!r}, grad={self.grad!r}{name})"

    # -- arithmetic: each records its local derivatives --------------------------------
    def __add__(self, other) -> Value:
        other = _as_value(other, "+")
        return Value._node("+", self.data + other.data, (self, other), (1.0, 1.0))

    def __radd__(self, other) -> Value:
        return _as_value(other, "+") + self

    def __sub__(self, other) -> Value:
        other = _as_value(other, "−")
        return Value._node("−", self.data - other.data, (self, other), (1.0, -1.0))

    def __rsub__(self, other) -> Value:
        return _as_value(other, "−") - self

    def __neg__(self) -> Value:
        return Value._node("neg", -self.data, (self,), (-1.0,))

    def __mul__(self, other) -> Value:
        other = _as_value(other, "×")
        return Value._node("×", self.data * other.data, (self, other), (other.data, self.data))

    def __rmul__(self, other) -> Value:
        return _as_value(other, "×") * self

    def __truediv__(self, other) -> Value:
        other = _as_value(other, "÷")
        if other.data == 0:
            raise ValueError(f"division by zero: the divisor of {self.data!r} is 0")
        # −a/b/b, not −a/b²: b² can underflow to 0 where b does not.
        return Value._node("÷", self.data / other.data, (self, other),
                           (1 / other.data, -self.data / other.data / other.data))

    def __rtruediv__(self, other) -> Value:
        return _as_value(other, "÷") / self

    def __pow__(self, exponent) -> Value:
        if isinstance(exponent, Value):
            raise ValueError("the exponent of ** must be a real number (a constant), got a "
                             "Value; for a variable exponent write (b * a.log()).exp()")
        n, a = as_real(exponent, "the exponent of **"), self.data
        if a == 0 and n < 0:
            raise ValueError(f"0 ** {n:g} is not defined (a division by zero)")
        if a < 0 and not n.is_integer():
            raise ValueError(f"a negative number to a fractional power has no real value, "
                             f"got {a!r} ** {n:g}")
        if a == 0 and 0 < n < 1:
            raise ValueError(f"the derivative of x ** {n:g} is infinite at x = 0")
        try:
            power, local = a**n, (0.0 if n == 0 else n * a ** (n - 1))
        except (OverflowError, ZeroDivisionError):  # a tiny a to a negative power
            raise ValueError(f"{a!r} ** {n:g} overflows: its value or derivative is not a "
                             "finite float") from None
        return Value._node(f"^{n:g}", power, (self,), (local,))

    def __rpow__(self, base):
        raise ValueError("a Value can only be raised to a constant power; for c ** v write "
                         "(v * math.log(c)).exp()")

    # -- functions ----------------------------------------------------------------------
    def exp(self) -> Value:
        try:
            e = math.exp(self.data)
        except OverflowError:
            raise ValueError(f"exp of {self.data!r} overflows: its value is not a finite "
                             "float (exp is finite up to about 709.78)") from None
        return Value._node("exp", e, (self,), (e,))

    def log(self) -> Value:
        if self.data <= 0:
            raise ValueError(f"log needs a positive number (it is defined for x > 0 only), "
                             f"got {self.data!r}")
        return Value._node("log", math.log(self.data), (self,), (1 / self.data,))

    def tanh(self) -> Value:
        t = math.tanh(self.data)
        return Value._node("tanh", t, (self,), (1 - t * t,))

    def relu(self) -> Value:
        # At 0 the slope jumps from 0 to 1; 0 is taken there, as PyTorch does.
        positive = self.data > 0
        return Value._node("relu", self.data if positive else 0.0, (self,),
                           (1.0 if positive else 0.0,))

    def sigmoid(self) -> Value:
        # σ(x) and 1 − σ(x) from e = exp(−|x|) <= 1: exp never overflows, and 1 − σ(x)
        # is not found by a subtraction that cancels (σ(30) rounds to 1 − 9.4e-14).
        e = math.exp(-abs(self.data))
        big, small = 1 / (1 + e), e / (1 + e)
        s, complement = (big, small) if self.data >= 0 else (small, big)
        return Value._node("σ", s, (self,), (s * complement,))

    # -- the backward pass --------------------------------------------------------------
    def topological_order(self) -> list[Value]:
        """Every node this one was computed from, itself last, each after all its parents.

        A depth-first search with an explicit stack of (node, parents not yet
        visited): a node is written out once all its parents have been, so no
        recursion, and no depth limit.
        """
        order, seen = [], {self}
        stack = [(self, iter(self.parents))]
        while stack:
            node, parents = stack[-1]
            for parent in parents:
                if parent not in seen:
                    seen.add(parent)
                    stack.append((parent, iter(parent.parents)))
                    break
            else:  # every parent of node is written out: node can follow
                stack.pop()
                order.append(node)
        return order

    def backward(self) -> None:
        """Add ∂self/∂node to the ``grad`` of every node of the graph.

        The chain rule, node by node in reverse topological order, so that a
        node's gradient is complete (every node made from it has passed its
        share back) before it is passed on to its parents.

        Gradients *accumulate*, as PyTorch's do: a second call adds the same
        gradients again, and the gradients of two outputs that share nodes
        add up. Call :meth:`zero_grad` to start again from 0.
        """
        order = self.topological_order()
        gradient = {self: 1.0}  # ∂self/∂self
        for node in reversed(order):  # every node after all the nodes made from it
            for parent, local in zip(node.parents, node.local_derivatives):
                gradient[parent] = gradient.get(parent, 0.0) + local * gradient[node]
        for node in order:
            node.grad += gradient[node]

    def zero_grad(self) -> None:
        """Set ``grad`` to 0 on every node this one was computed from, and on itself."""
        for node in self.topological_order():
            node.grad = 0.0


class Contribution(NamedTuple):
    """One edge of a backward step: ``parent`` receives ``local × upstream``."""

    parent: Value
    local: float
    product: float


class BackwardStep(NamedTuple):
    """What the backward pass does at one node: its complete gradient ``upstream``
    (∂output/∂node), multiplied by each local derivative and added to a parent."""

    node: Value
    upstream: float
    contributions: tuple[Contribution, ...]


def backward_steps(output: Value) -> list[BackwardStep]:
    """The backward pass from ``output``, one step per node that has parents.

    The same arithmetic as :meth:`Value.backward`, in the same order, but
    recorded instead of added to ``grad`` (which it leaves alone): the
    chapter's figure walks through these steps. Leaves have nothing to
    pass on and get no step.

    Parameters
    ----------
    output : Value
        The node to differentiate, usually a loss.

    Returns
    -------
    list of BackwardStep
        In reverse topological order, starting at ``output`` (if it has parents).

    Raises
    ------
    ValueError
        If ``output`` is not a Value.
    """
    if not isinstance(output, Value):
        raise ValueError(f"output must be a Value, got {output!r}")
    gradient = {output: 1.0}
    steps = []
    for node in reversed(output.topological_order()):
        if not node.parents:
            continue
        upstream = gradient[node]
        contributions = []
        for parent, local in zip(node.parents, node.local_derivatives):
            product = local * upstream
            gradient[parent] = gradient.get(parent, 0.0) + product
            contributions.append(Contribution(parent, local, product))
        steps.append(BackwardStep(node, upstream, tuple(contributions)))
    return steps


def value_and_gradient(f, x) -> tuple[float, np.ndarray]:
    """The value of ``f`` at ``x`` and its gradient, by one forward and one backward pass.

    ``f`` is called with a list of leaf Values, one per component of ``x``
    (labelled ``x1``, ``x2``, ...), and must compute with them as with
    numbers: ``lambda v: (v[0] * v[1]).exp() + v[1] ** 2``.

    Parameters
    ----------
    f : callable
        ``f(values)`` returns a Value (or a plain number, for a constant).
    x : array_like, shape (n,)
        The point, finite.

    Returns
    -------
    value : float
        :math:`f(\\mathbf x)`.
    gradient : numpy.ndarray, shape (n,)
        :math:`\\nabla f(\\mathbf x)`, with the shape of ``x``.

    Raises
    ------
    ValueError
        If ``f`` is not callable or returns something other than a Value or a
        real number, or ``x`` is not a finite vector.
    """
    if not callable(f):
        raise ValueError(f"f must be a callable function of a list of Values, got {f!r}")
    x = as_vector(x, "x")
    inputs = [Value(float(v), label=f"x{j + 1}") for j, v in enumerate(x)]
    output = f(inputs)
    if not isinstance(output, Value):
        if isinstance(output, bool) or not isinstance(output, numbers.Real):
            raise ValueError(f"f must return a Value (or a real number), got {output!r}")
        return as_real(output, "f(x)"), np.zeros_like(x)
    output.backward()
    return output.data, np.array([v.grad for v in inputs])


class NeuronGraph(NamedTuple):
    """:func:`neuron_squared_error`'s graph: the ``loss`` :math:`L` and every
    node by its label (``nodes``), in topological order."""

    loss: Value
    nodes: dict


def neuron_squared_error(x, w, b: float, y: float) -> NeuronGraph:
    """The squared error of one logistic neuron, as a labelled computational graph.

    .. math::

       p_j = w_j x_j, \\qquad z = p_1 + \\dots + p_d + b, \\qquad
       \\hat y = \\sigma(z), \\qquad L = (\\hat y - y)^2 ,

    built from :class:`Value` s with the labels the chapter writes: ``x₁``,
    ``w₁``, ``p₁``, ..., ``s`` for the sum of the products (when there are
    several; on the way, ``s₂``, ``s₃``, ... for the sums of the first 2, 3,
    ... of them), ``z``, ``ŷ``, ``y``, ``d`` for :math:`\\hat y - y`, and ``L``.
    The sum is added left to right, as ``w[0] * x[0] + w[1] * x[1] + b`` is.

    Parameters
    ----------
    x, w : array_like, shape (d,)
        The inputs and the weights, finite, of the same size.
    b : float
        The bias.
    y : float
        The target.

    Raises
    ------
    ValueError
        If ``x`` or ``w`` is not a finite vector, their sizes differ, or ``b``
        or ``y`` is not a finite real number.
    """
    x = as_vector(x, "x")
    w = as_vector(w, "w", size=x.size)
    b, y = as_real(b, "b"), as_real(y, "y")
    digits = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
    nodes: dict[str, Value] = {}

    def named(value: Value, label: str) -> Value:
        value.label = label
        nodes[label] = value
        return value

    products = []
    for j in range(x.size):
        index = str(j + 1).translate(digits)
        leaves = (Value(x[j], f"x{index}"), Value(w[j], f"w{index}"))
        for leaf in leaves:
            nodes[leaf.label] = leaf
        products.append(named(leaves[1] * leaves[0], f"p{index}"))
    total = products[0]
    for j, product in enumerate(products[1:], start=2):
        total = named(total + product, "s" if j == x.size else f"s{str(j).translate(digits)}")
    bias = named(Value(b), "b")
    z = named(total + bias, "z")
    prediction = named(z.sigmoid(), "ŷ")
    target = named(Value(y), "y")
    difference = named(prediction - target, "d")
    loss = named(difference**2, "L")
    order = {node: k for k, node in enumerate(loss.topological_order())}
    return NeuronGraph(loss, dict(sorted(nodes.items(), key=lambda item: order[item[1]])))
