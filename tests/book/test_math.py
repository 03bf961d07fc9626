"""Build-time math (mlmath.book.math): finding Sphinx's formulas in a written
page, putting MathJax's output in their place, and the Node typesetter."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from mlmath.book.math import find_formulas, insert_math, typeset
from tests.conftest import ROOT

#: Sphinx's default delimiters (sphinx.ext.mathjax).
CONFIG = SimpleNamespace(mathjax_inline=[r"\(", r"\)"], mathjax_display=[r"\[", r"\]"])
MATHJAX = ROOT / "node_modules" / "mathjax-full"
MATHML = {"m": "http://www.w3.org/1998/Math/MathML"}


def mathml(markup: str) -> ET.Element:
    """The hidden MathML of a typeset formula, parsed."""
    found = re.search(r"<math .*</math>", markup, re.S)
    assert found, "no MathML in the formula"
    return ET.fromstring(found.group(0))

# What Sphinx (and myst-parser, and the theme's headings) write for MathJax,
# as found in the book's pages.
PAGE = """<html><head><title>Probe</title>
</head><body>
<h1>Norms <span class="math notranslate nohighlight">\\(\\lVert x \\rVert\\)</span></h1>
<p>Let <span class="math notranslate nohighlight">\\(a &lt; b\\)</span>.</p>
<div class="math notranslate nohighlight" id="equation-eq-matmul">
<span class="eqno">(4.1)<a class="headerlink" href="#equation-eq-matmul" title="Link to this equation">#</a></span>\\[c_{ij} = \\sum_k a_{ik} b_{kj}\\]</div>
<div class="amsmath math notranslate nohighlight">
\\[\\begin{align}x &amp;= 1\\end{align}\\]</div>
<div class="math notranslate nohighlight">
\\begin{align*}y = 2\\end{align*}</div>
</body></html>
"""


def test_finds_every_kind_of_formula_with_its_tex_unescaped():
    found = find_formulas(PAGE, CONFIG)
    assert [(f.tex, f.display) for f in found] == [
        (r"\lVert x \rVert", False),
        (r"a < b", False),
        (r"c_{ij} = \sum_k a_{ik} b_{kj}", True),
        (r"\begin{align}x &= 1\end{align}", True),
        (r"\begin{align*}y = 2\end{align*}", True),  # nowrap: no delimiters
    ]
    for formula in found:  # each span covers the TeX and its delimiters, nothing else
        text = PAGE[formula.start:formula.end]
        assert "<" not in text and text.strip()


def test_inserted_math_replaces_the_tex_keeps_the_equation_number_and_is_not_found_again():
    found = find_formulas(PAGE, CONFIG)
    rendered = [f"<mjx-container>{i}</mjx-container>" for i in range(len(found))]
    page = insert_math(PAGE, found, rendered, "mjx-c{}")
    assert find_formulas(page, CONFIG) == []
    assert r"\(" not in page and r"\[" not in page
    assert '<span class="eqno">(4.1)<a class="headerlink"' in page
    assert "#</a></span><mjx-container>2</mjx-container></div>" in page
    assert page.count("<style data-mlmath-math>mjx-c{}</style>") == 1
    assert page.index("<style data-mlmath-math>") < page.index("</head>")


def test_a_formula_without_output_keeps_its_tex_and_a_page_with_none_gets_no_style():
    found = find_formulas(PAGE, CONFIG)
    rendered = ["<mjx-container>ok</mjx-container>", *[None] * (len(found) - 1)]
    page = insert_math(PAGE, found, rendered, "css")
    assert [f.tex for f in find_formulas(page, CONFIG)] == [f.tex for f in found[1:]]
    assert insert_math(PAGE, found, [None] * len(found), "css") == PAGE


needs_node = pytest.mark.skipif(
    shutil.which("node") is None or not MATHJAX.is_dir(),
    reason="Node.js and mathjax-full (npm ci) are needed")


@needs_node
def test_typesetter_gives_each_page_its_own_characters_mathml_and_errors():
    pages = typeset(shutil.which("node"), MATHJAX, [
        {"fontURL": "../_static/fonts", "formulas": [{"tex": "x", "display": False}]},
        {"fontURL": "_static/fonts", "formulas": [
            {"tex": r"\mathbf{y}^\top", "display": True},
            {"tex": r"\lamda + 1", "display": False},
            {"tex": r"\frac{1}{", "display": False},
        ]},
    ])
    first, second = pages
    # x is U+1D465 (math italic), bold y U+1D432: each page's sheet has its own.
    assert "mjx-c1D465" in first["css"] and "mjx-c1D432" not in first["css"]
    assert "mjx-c1D432" in second["css"] and "mjx-c1D465" not in second["css"]
    assert 'url("../_static/fonts/MathJax_Main-Regular.woff")' in first["css"]
    assert 'url("_static/fonts/MathJax_Main-Regular.woff")' in second["css"]
    markup = second["formulas"][0]["html"]
    assert markup.startswith('<mjx-container class="MathJax" jax="CHTML" display="true"')
    # What a screen reader gets: the formula as MathML; the drawn glyphs are hidden.
    assert re.search(r'<mjx-math [^>]*aria-hidden="true"', markup)
    power = mathml(markup).find(".//m:msup", MATHML)
    base, exponent = list(power)
    assert "".join(base.itertext()) == "y"
    assert any(e.get("mathvariant") == "bold" for e in base.iter())
    assert "".join(exponent.itertext()) == "⊤"
    assert second["formulas"][1] == {"error": r"Undefined control sequence \lamda"}
    assert "error" in second["formulas"][2] and "html" not in second["formulas"][2]
