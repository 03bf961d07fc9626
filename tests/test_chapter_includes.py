"""The package code the chapters show with ``{literalinclude}`` is the package's code.

A chapter cuts a function after its docstring (``:start-at:``) and may put back
a shorter ``def`` line by hand (``:prepend:``, without the type hints). The
build fails when a cut no longer matches; a hand-written ``def`` line would
drift silently, so here it must name the same parameters, in the same order,
with the same defaults, as the function it stands for.
"""

from __future__ import annotations

import ast
import re

import pytest

from tests.conftest import ROOT

DIRECTIVE = re.compile(r"^`{3,}\{literalinclude\}[ \t]+(\S+)\n((?:[ \t]*:[\w-]+:.*\n)*)",
                       re.MULTILINE)


def _prepended():
    found = []
    for chapter in sorted((ROOT / "chapters").rglob("*.md")):
        for path, block in DIRECTIVE.findall(chapter.read_text()):
            options = dict(re.findall(r"^[ \t]*:([\w-]+):[ \t]*(.*)$", block, re.MULTILINE))
            if "prepend" in options and "pyobject" in options:
                source = (ROOT / path.lstrip("/") if path.startswith("/")
                          else (chapter.parent / path).resolve())
                found.append((chapter.relative_to(ROOT).as_posix(), source, options))
    return found


def _signature(function: ast.FunctionDef) -> tuple:
    arguments = function.args
    names = lambda args: [a.arg for a in args]  # noqa: E731
    defaults = [ast.unparse(d) for d in arguments.defaults]
    keyword = [None if d is None else ast.unparse(d) for d in arguments.kw_defaults]
    return (names(arguments.posonlyargs), names(arguments.args), defaults,
            names(arguments.kwonlyargs), keyword,
            arguments.vararg and arguments.vararg.arg, arguments.kwarg and arguments.kwarg.arg)


PREPENDED = _prepended()


def test_chapters_put_back_some_def_lines():
    assert PREPENDED, "no chapter prepends a def line any more: drop this test"


@pytest.mark.parametrize("chapter, source, options", PREPENDED,
                         ids=[f"{c}:{o['pyobject']}" for c, _, o in PREPENDED])
def test_a_hand_written_def_line_matches_the_function(chapter, source, options):
    prepend = options["prepend"].strip().strip("\"'")
    (shown,) = ast.parse(prepend + "\n    pass\n").body
    real = next((node for node in ast.walk(ast.parse(source.read_text()))
                 if isinstance(node, ast.FunctionDef) and node.name == options["pyobject"]), None)
    assert real is not None, f"{chapter}: no function {options['pyobject']} in {source}"
    assert shown.name == real.name
    assert _signature(shown) == _signature(real), f"{chapter}: {prepend}"
