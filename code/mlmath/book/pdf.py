"""The book as a PDF: what the LaTeX build needs beyond Jupyter Book's defaults.

``make pdf`` runs ``jupyter-book build . --builder pdflatex`` (Sphinx's LaTeX
builder, then xelatex through latexmk) on the same execution cache as the HTML
book, so no chapter runs twice. The book's Sphinx extension
(:mod:`mlmath.book.extension`) loads this module, which

* ships a stand-in for ``bbm.sty`` (``latex/bbm.sty``): Jupyter Book's LaTeX
  class loads it, and the real one is only in the 1.4 GB texlive-fonts-extra;
* numbers figures, equations and exercises per chapter, as the HTML does
  (sphinx-jupyterbook-latex would number exercises per *section*);
* refuses cell outputs that LaTeX cannot show: an output with no static
  representation (only ``text/html``, say), or web output whose only printable
  form is its plain-text repr, fails the build with the chapter and the cell;
* completes the caption of every interactive figure's static twin with what
  the interactive version lets the reader change (its controls' labels, from
  :mod:`mlmath.figures.kit.display`) and its address in the online book
  (``html.baseurl`` in ``_config.yml``, or ``MLMATH_BASEURL``);
* gives the introduction a chapter heading of its own and leaves unnumbered
  what the HTML leaves unnumbered (the Reference part, the glossary);
* offers the PDF in every HTML page's download menu, and provides the role
  ``{book-pdf}`text``` that links to it from a chapter (the introduction).

``make pdf`` copies the finished PDF into the HTML output, where those links
point, and checks the LaTeX log (:mod:`mlmath.book.latexlog`).
"""

from __future__ import annotations

import os
import posixpath
from importlib import resources

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.latex import LaTeXBuilder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Overrides ``html.baseurl`` (the online book's address) for one build, e.g.
#: in the publishing workflow, which knows the site's address.
BASEURL_ENV = "MLMATH_BASEURL"

#: Outputs that only a browser can show.
WEB_ONLY = ("text/html", "application/javascript")
STATIC = ("application/pdf", "image/png", "image/jpeg", "text/latex")


def pdf_filename(config) -> str:
    """The PDF's file name: ``latex_documents``' target with ``.pdf``."""
    target = config.latex_documents[0][1] if config.latex_documents else "book.tex"
    return posixpath.splitext(target)[0] + ".pdf"


def online_url(config, docname: str, anchor: str = "") -> str | None:
    """The address of ``docname`` (and ``anchor`` in it) in the online book."""
    base = (config.html_baseurl or "").strip()
    if not base:
        return None
    url = base.rstrip("/") + "/" + docname + ".html"
    return url + (f"#{anchor}" if anchor else "")


def _is_latex(app: Sphinx) -> bool:
    return isinstance(app.builder, LaTeXBuilder)


# -- configuration ----------------------------------------------------------------
def _configure(app: Sphinx, config) -> None:
    sty = resources.files("mlmath.book").joinpath("latex", "bbm.sty")
    config.latex_additional_files = [*config.latex_additional_files, str(sty)]
    if os.environ.get(BASEURL_ENV):
        config.html_baseurl = os.environ[BASEURL_ENV]


def _number_like_html(app: Sphinx) -> None:
    """Per-chapter numbers, in the text (Sphinx) and in LaTeX's counters.

    sphinx-jupyterbook-latex sets ``numfig_secnum_depth = 2`` when parts are
    the top level, so that LaTeX resets its counters per chapter. Sphinx's own
    numbers (exercises) then count per section: "Exercise 2.7.1" where the
    HTML says "Exercise 2.1". Depth 1 while the chapters are read gives the
    HTML's numbers; depth 2 when the LaTeX is written (from the assembled
    book's ``doctree-resolved`` on) gives per-chapter counters. Reading with
    the HTML's value also keeps the shared doctree cache valid for the next
    HTML build, which then reads no chapter again.
    """
    if not _is_latex(app) or app.config.numfig_secnum_depth != 2:
        return
    app.config.numfig_secnum_depth = 1

    def for_the_writer(app: Sphinx, doctree, docname) -> None:
        # The assembled book is resolved after reading, just before writing.
        app.config.numfig_secnum_depth = 2

    app.connect("doctree-resolved", for_the_writer)


# -- outputs LaTeX cannot show ---------------------------------------------------------
def _cell_of(node: nodes.Node) -> int | None:
    while node is not None:
        if isinstance(node, nodes.container) and node.get("nb_element") == "cell_code":
            return node.get("cell_index")
        node = node.parent
    return None


class CheckPrintableOutputs(SphinxPostTransform):
    """Fail on a cell output that the PDF would drop or show as a bare repr.

    Runs before myst-nb picks each output's representation for the builder.
    """

    default_priority = 3  # myst-nb's SelectMimeType is 4
    builders = ("latex",)

    def run(self, **kwargs) -> None:
        from myst_nb.core.render import get_mime_priority

        priority = get_mime_priority(
            self.app.builder.name, self.config["nb_mime_priority_overrides"])
        for bundle in list(self.document.findall(nodes.container)):
            if bundle.get("nb_element") != "mime_bundle":
                continue
            offered = [child["mime_type"] for child in bundle.children]
            chosen = next((m for m in priority if m in offered), None)
            web = [m for m in offered
                   if m in WEB_ONLY or m.startswith("application/vnd.")]
            if chosen is not None and not (chosen == "text/plain" and web):
                continue
            cell = _cell_of(bundle)
            where = f"cell {cell + 1}" if cell is not None else "a cell"
            logger.error(
                f"{where} of this chapter displays {', '.join(offered)}: the PDF cannot "
                f"show {', '.join(web) or 'any of these'}"
                + (" and would print only its plain-text repr" if chosen else "")
                + f". Give the object a static representation ({', '.join(STATIC)}), "
                "e.g. return a mlmath.figures.kit.BookFigure, whose static twin the PDF shows.",
                location=bundle, type="mlmath", subtype="pdf_output",
            )
            bundle.parent.remove(bundle)


# -- captions of the interactive figures -----------------------------------------------
def _chapter_of_each_image(document: nodes.document) -> dict[int, str]:
    """Which chapter each image of the assembled book comes from.

    Found top-down: the LaTeX builder moves each chapter's nodes under a
    ``start_of_file`` node without updating their ``parent``.
    """
    chapters: dict[int, str] = {}
    for start in document.findall(addnodes.start_of_file):  # outer before inner
        for image in start.findall(nodes.image):
            chapters[id(image)] = start["docname"]
    return chapters


def _quoted_list(labels: list[str]) -> str:
    quoted = [f"“{label}”" for label in labels]
    if len(quoted) <= 2:
        return " and ".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def interactive_note(controls: list[tuple[str, str]], url: str | None) -> list[nodes.Node]:
    """The sentence a static twin gets: what its interactive version lets the
    reader change (``controls``: ``(kind, label)`` pairs), and where it is."""
    kinds = {kind for kind, _ in controls}
    kind = kinds.pop() if len(kinds) == 1 else "control"
    labels = [label for _, label in controls]
    what = "."
    if labels:
        verb = "move" if kind == "slider" else "use"
        what = f": {verb} the {kind}{'s' if len(labels) > 1 else ''} {_quoted_list(labels)}."
    if url is None:
        return [nodes.Text(f"Interactive version in the online book and the chapter’s notebook{what}")]
    return [
        nodes.Text("Interactive version at "),
        nodes.reference(url, url, refuri=url),
        nodes.Text(f" (and in the chapter’s notebook){what}"),
    ]


class CaptionInteractiveFigures(SphinxPostTransform):
    """Tell print readers what the interactive figure lets them explore, and where."""

    default_priority = 5  # after myst-nb has chosen the static twin
    builders = ("latex",)

    def run(self, **kwargs) -> None:
        chapters = _chapter_of_each_image(self.document)
        for image in list(self.document.findall(nodes.image)):
            if "mlmath_figure" not in image:
                continue
            figure = image.parent
            while figure is not None and not isinstance(figure, nodes.figure):
                figure = figure.parent
            docname = chapters.get(id(image), self.env.docname)
            anchor = figure["ids"][0] if figure is not None and figure["ids"] else ""
            note = interactive_note(image.get("mlmath_controls", []),
                                    online_url(self.config, docname, anchor))
            caption = next(iter(figure.findall(nodes.caption)), None) if figure else None
            if caption is not None:
                caption += [nodes.Text(" "), *note]
            else:
                image.parent.insert(image.parent.index(image) + 1,
                                    nodes.paragraph("", "", *note))


# -- front and back matter -------------------------------------------------------------
INTRODUCTION = r"""\cleardoublepage\phantomsection
\addcontentsline{toc}{chapter}{Introduction}
\chapter*{Introduction}\markboth{Introduction}{Introduction}
"""
# Parts (and their chapters) that the HTML numbers, and those it does not.
SAVE_SECNUMDEPTH = r"\ifdefined\mlmathsecnumdepth\else\edef\mlmathsecnumdepth{\the\value{secnumdepth}}\fi"
NUMBERED = SAVE_SECNUMDEPTH + r"\setcounter{secnumdepth}{\mlmathsecnumdepth}" + "\n"
UNNUMBERED = SAVE_SECNUMDEPTH + r"\setcounter{secnumdepth}{-2}" + "\n"


class BookMatter(SphinxPostTransform):
    """The introduction as an unnumbered chapter; parts numbered as in the HTML.

    Acts on the whole book, assembled by the LaTeX builder after
    sphinx-jupyterbook-latex has turned the root's toctree captions into parts.
    """

    default_priority = 800  # sphinx-jupyterbook-latex's LatexRootDocPostTransforms is 700
    builders = ("latex",)

    def run(self, **kwargs) -> None:
        if self.app.project.path2doc(self.document["source"]) != self.config.root_doc:
            return  # only the assembled book, which starts with the root document
        self.document.insert(0, nodes.raw("", INTRODUCTION, format="latex"))
        numbers = self.env.toc_secnumbers
        for part in list(self.document.findall(addnodes.start_of_file)):
            if part["docname"] in self.env.all_docs:
                continue  # a chapter; parts are named by their caption
            chapters = [node["docname"] for node in part.findall(addnodes.start_of_file)
                        if node["docname"] in self.env.all_docs]
            numbered = any(numbers.get(docname) for docname in chapters)
            part.insert(0, nodes.raw("", NUMBERED if numbered else UNNUMBERED,
                                     format="latex"))


# -- links to the PDF ------------------------------------------------------------------
def book_pdf_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{book-pdf}`the PDF``` links to the book's PDF from a chapter.

    In HTML the link is relative (the PDF sits at the root of the HTML
    output); in the PDF itself it points at the online copy.
    """
    env = inliner.document.settings.env
    up = "../" * env.docname.count("/")
    node = nodes.reference(rawtext, text, refuri=up + pdf_filename(env.config),
                           classes=["mlmath-book-pdf"])
    return [node], []


class PdfLinksInPdf(SphinxPostTransform):
    """In the PDF, a link to the PDF points at its online copy (or is plain text)."""

    default_priority = 5
    builders = ("latex",)

    def run(self, **kwargs) -> None:
        base = (self.config.html_baseurl or "").strip()
        for ref in list(self.document.findall(nodes.reference)):
            if "mlmath-book-pdf" not in ref["classes"]:
                continue
            if base:
                ref["refuri"] = base.rstrip("/") + "/" + pdf_filename(self.config)
            else:
                ref.replace_self(nodes.emphasis("", "", *ref.children))


def _add_pdf_to_download_menu(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Every page's download menu (sphinx-book-theme) offers the whole book as a PDF."""
    for button in context.get("header_buttons", []):
        if button.get("label") == "download-buttons":
            button["buttons"].append({
                "type": "link",
                "url": context["pathto"](pdf_filename(app.config), 1),
                "text": "Book (PDF)",
                "tooltip": "Download the whole book as a PDF",
                "icon": "fas fa-book",
                "label": "download-book-pdf-button",
            })


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _configure)
    app.connect("builder-inited", _number_like_html, priority=600)
    app.add_post_transform(CheckPrintableOutputs)
    app.add_post_transform(CaptionInteractiveFigures)
    app.add_post_transform(PdfLinksInPdf)
    app.add_post_transform(BookMatter)
    app.add_role("book-pdf", book_pdf_role)
    # After sphinx-book-theme has made the menu (priority 501).
    app.connect("html-page-context", _add_pdf_to_download_menu, priority=502)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
