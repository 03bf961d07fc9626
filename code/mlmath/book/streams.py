"""One block per run of printed text: identical pages from identical cells.

A kernel sends what a cell prints to stdout in as many messages as its output
thread happens to flush: ``print("1.0")`` writes ``"1.0"`` and ``"\\n"``, and on a
busy machine the flush can fall between the two. myst-nb renders each message
as its own block, so two builds of the same chapter could differ (one block or
two, and the second starting with a blank line). myst-nb's ``nb_merge_streams``
strips and re-adds newlines at each message boundary, which turns that split
into an extra blank line.

This transform joins consecutive blocks of the same stream in a cell's
output, text exactly as printed. Loaded by :mod:`mlmath.book.extension`.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform


def _stream(node: nodes.Node) -> str | None:
    """``"stdout"`` or ``"stderr"`` for a myst-nb stream block, else None."""
    if not isinstance(node, nodes.literal_block):
        return None
    classes = node.get("classes", [])
    if "output" not in classes or "stream" not in classes:
        return None
    return "stderr" if "stderr" in classes else "stdout"


class JoinStreamOutputs(SphinxTransform):
    """Join adjacent stdout (or stderr) blocks of one cell into one block."""

    default_priority = 800

    def apply(self, **kwargs) -> None:
        for output in list(self.document.findall(nodes.container)):
            if output.get("nb_element") != "cell_code_output":
                continue
            index = 0
            while index + 1 < len(output.children):
                first, second = output.children[index], output.children[index + 1]
                stream = _stream(first)
                if stream is None or stream != _stream(second):
                    index += 1
                    continue
                text = first.astext() + second.astext()
                first[:] = [nodes.Text(text)]
                first.rawsource = text
                output.remove(second)


def setup(app: Sphinx) -> dict:
    app.add_transform(JoinStreamOutputs)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
