"""Build glue for the book: how figures are rendered and served, and the PDF.

``render``
    the myst-nb renderer that carries figures' alt text into HTML and PDF.
``extension``
    the Sphinx extension: offline BokehJS, and re-execution of the
    chapters when the code they run changes.
``math``
    the math typeset at build time by MathJax 3 in Node: pages load no MathJax.
``styles``
    the pages' one stylesheet: the theme's CSS bundled and purged by
    PurgeCSS, icon fonts subset to the icons the book shows.
``kernel``
    the IPython extension the build's kernels load: plain matplotlib figures
    as a sharp PNG and a vector PDF.
``theme_scripts``
    the theme's script with its tab-stop pass made cheap on long pages.
``notebooks``, ``pdf``, ``latexlog``, ``streams``
    the chapters as downloadable notebooks; the PDF's additions and checks;
    a cell's printed text as one block.

This package may import :mod:`mlmath.figures` (figures are what it renders);
nothing outside it imports it, except the kernels, which load ``kernel``.
"""
