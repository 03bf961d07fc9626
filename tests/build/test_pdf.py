"""The PDF, read the way a reader and poppler-utils see it.

The whole book's PDF is built once (``make test`` runs ``make all`` first; the
``book_pdf`` fixture runs ``make pdf`` only when the PDF is missing or older
than its sources) and every check reads that one file: pdfinfo, pdffonts,
pdftotext, pdfimages and pdftohtml's outline. Expectations come from the
built HTML (headings, figure and exercise numbers, the figures' sliders), so
the two media are compared with each other, not with numbers copied here.

Two small books check what the whole book cannot: a chapter whose output LaTeX
cannot show fails the PDF build, and a PDF built after the HTML executes
nothing again and wraps a long line of code inside the margins.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import unicodedata
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

from mlmath.figures.kit.display import FIGURE_MARKER
from mlmath.book.latexlog import problems
from tests.browser.support import html_pages
from tests.build.conftest import code_cell, mini_book
from tests.conftest import HTML, ROOT, run_build

pytestmark = pytest.mark.build

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
PDF_NAME = Path(CONFIG["latex"]["latex_documents"]["targetname"]).with_suffix(".pdf").name
LATEX = ROOT / "_build" / "latex"
BASEURL = CONFIG["html"]["baseurl"]
#: What a web page's source looks like when it leaks into print.
WEB_LEAKS = ("<div", "<script", "</", "Bokeh", "BokehJS", "text/html", "application/",
             "IPython.core.display", "function(", "=>", "docs_json", "BookFigure(")


def poppler(*args: str) -> str:
    return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout


def squeeze(text: str) -> str:
    """Text without whitespace (lines and words break anywhere in a PDF), in NFKC
    form: the PDF sets a subscript letter such as ₖ as a small k."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _sources() -> list[Path]:
    return [ROOT / "_config.yml", ROOT / "_toc.yml", *ROOT.glob("chapters/**/*.md"),
            *(ROOT / "code").rglob("*.py"), *(ROOT / "code").rglob("*.sty")]


@pytest.fixture(scope="module")
def book_pdf(built_book) -> Path:
    """The book's PDF in the HTML output, built (once) if missing or stale."""
    pdf = built_book / PDF_NAME
    newest = max(path.stat().st_mtime for path in _sources())
    if not pdf.exists() or pdf.stat().st_mtime < newest:
        result = subprocess.run(["make", "pdf"], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return pdf


@pytest.fixture(scope="module")
def text(book_pdf) -> str:
    return poppler("pdftotext", "-enc", "UTF-8", str(book_pdf), "-")


@pytest.fixture(scope="module")
def chapters(built_book) -> dict[str, BeautifulSoup]:
    """The HTML page of every document in the table of contents."""
    pages = {}
    for page in html_pages(HTML):
        soup = BeautifulSoup((HTML / page).read_text(), "html.parser")
        if soup.select_one(".btn-download-source-button"):  # made from a source file
            pages[page] = soup
    assert len(pages) >= 5, f"expected the book's chapters, found {sorted(pages)}"
    return pages


def outline(pdf: Path) -> list[str]:
    xml = poppler("pdftohtml", "-xml", "-i", "-q", "-stdout", str(pdf))
    start = xml.find("<outline>")
    assert start >= 0, "the PDF has no outline (bookmarks)"
    return [html.unescape(item) for item in re.findall(r"<item[^>]*>(.*?)</item>", xml[start:])]


# -- a book -------------------------------------------------------------------------------
def test_title_and_a_page_count_that_fits_the_book(book_pdf, chapters):
    info = dict(line.split(":", 1) for line in poppler("pdfinfo", str(book_pdf)).splitlines()
                if ":" in line)
    assert info["Title"].strip() == CONFIG["title"]
    pages = int(info["Pages"])
    # Title page, contents, and every chapter opening on a page of its own.
    assert pages >= len(chapters) + 2, pages
    assert pages < 40 * len(chapters), f"{pages} pages for {len(chapters)} chapters"


def test_every_font_is_embedded_and_none_is_type3(book_pdf):
    rows = poppler("pdffonts", str(book_pdf)).splitlines()[2:]
    assert rows, "pdffonts lists no font"
    for row in rows:
        # name, type (one or two words), encoding, emb, sub, uni, object, generation
        columns = row.split()
        emb = columns[-5]
        assert emb == "yes", f"font not embedded: {row}"
        assert "Type 3" not in row, f"Type 3 font (matplotlib's default, not 42): {row}"


def test_no_unresolved_reference_and_no_missing_glyph(text, book_pdf):
    assert "??" not in text
    log = LATEX / book_pdf.with_suffix(".log").name
    assert problems(log.read_text(errors="replace")) == []


def html_headings(soup: BeautifulSoup) -> list[str]:
    """A page's numbered headings as the PDF's bookmarks write them: "2.1 Title"."""
    headings = []
    for number in soup.select("article h1 .section-number, article h2 .section-number, "
                              "article h3 .section-number"):
        heading = number.parent
        for link in heading.select("a.headerlink"):
            link.extract()
        title = heading.get_text().replace(number.get_text(), "", 1)
        headings.append(f"{number.get_text().strip().rstrip('.')} {' '.join(title.split())}")
    return headings


def test_bookmarks_have_every_numbered_heading_of_the_html(book_pdf, chapters):
    bookmarks = {" ".join(item.split()) for item in outline(book_pdf)}
    expected = [h for soup in chapters.values() for h in html_headings(soup)]
    assert len(expected) >= 10, expected
    missing = [heading for heading in expected if heading not in bookmarks]
    assert not missing, f"HTML headings with no bookmark of the same number: {missing}"
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    for part in toc["parts"]:
        assert any(item.endswith(part["caption"]) for item in bookmarks), part["caption"]


def test_figure_exercise_and_equation_numbers_match_the_html(text, chapters):
    flat = " ".join(text.split())
    labels = []
    for soup in chapters.values():
        labels += [f"Fig. {n.get_text().split()[-1]}" for n in soup.select("figcaption .caption-number")]
        labels += [n.get_text().strip() for n in soup.select(".eqno")]
        for number in soup.select(".exercise .caption-number"):
            labels += [number.get_text().strip(), "Solution to " + number.get_text().strip()]
    labels = [" ".join(label.replace("#", "").split()) for label in labels]
    assert any(label.startswith("Exercise") for label in labels)
    assert any(label.startswith("(") for label in labels)
    missing = [label for label in labels if label not in flat]
    assert not missing, f"numbered in the HTML but not in the PDF: {missing}"


# -- the interactive figures --------------------------------------------------------------
def bokeh_controls(soup: BeautifulSoup) -> dict[str, list[str]]:
    """Each interactive figure's slider titles, read from its embedded Bokeh document."""
    controls = {}
    for figure in soup.select(f"[{FIGURE_MARKER}]"):
        script = figure.find("script").string
        docs = re.search(r"docs_json = '(.*?)';", script, re.S).group(1)
        document = json.loads(docs.replace("\\\\", "\\").replace("\\'", "'"))
        titles = []

        def visit(value):
            if isinstance(value, dict):
                if value.get("type") == "object" and value.get("name", "").endswith("Slider"):
                    titles.append(value["attributes"]["title"])
                for item in value.values():
                    visit(item)
            elif isinstance(value, list):
                for item in value:
                    visit(item)

        visit(document)
        controls[figure[FIGURE_MARKER]] = titles
    return controls


def test_every_interactive_figure_is_a_static_figure(book_pdf, chapters):
    import pypdf

    figures = sum(len(soup.select(f"[{FIGURE_MARKER}]")) for soup in chapters.values())
    assert figures >= 1
    rasters = poppler("pdfimages", "-list", str(book_pdf)).splitlines()[2:]
    seen, vectors = set(), 0
    # A vector figure (matplotlib's PDF) is a form XObject; pdfimages lists only rasters.
    pending = [page.get("/Resources") for page in pypdf.PdfReader(book_pdf).pages]
    while pending:
        resources = pending.pop()
        xobjects = resources.get_object().get("/XObject") if resources else None
        for reference in (xobjects.get_object().values() if xobjects else []):
            if reference.idnum in seen:
                continue
            seen.add(reference.idnum)
            xobject = reference.get_object()
            vectors += xobject.get("/Subtype") == "/Form"
            pending.append(xobject.get("/Resources"))
    assert len(rasters) + vectors >= figures, (len(rasters), vectors, figures)
    for row in rasters:  # any raster image is sharp enough to print
        x_ppi, y_ppi = (int(value) for value in row.split()[12:14])
        assert min(x_ppi, y_ppi) >= 200, row


def test_captions_say_what_the_interactive_version_offers_and_where(text, chapters):
    flat = squeeze(text)
    for page, soup in chapters.items():
        for name, titles in bokeh_controls(soup).items():
            figure = soup.select_one(f"[{FIGURE_MARKER}='{name}']").find_parent("figure")
            anchor = f"#{figure['id']}" if figure is not None else ""
            url = urljoin(BASEURL, page) + anchor
            assert squeeze(url) in flat, f"{name}: no link to {url} in the PDF"
            for title in titles:
                assert squeeze(f"“{title}”") in flat, f"{name}: slider {title!r} not named"


def test_no_raw_web_output_in_the_text(text):
    # A leak that starts with a letter counts only as a word of its own: the PDF
    # may print Python's `_check_function(f)`, not JavaScript's `function(`.
    patterns = {leak: re.compile((r"(?<!\w)" if leak[0].isalpha() else "") + re.escape(leak))
                for leak in WEB_LEAKS}
    leaks = {leak: len(found) for leak, pattern in patterns.items()
             if (found := pattern.findall(text))}
    assert not leaks, leaks


def words_outside_margins(pdf: Path, tolerance_pt: float = 2.0) -> list[str]:
    """Words that stick out of the text block into a page's right margin.

    The text block's left edge is where the leftmost word starts; the book's
    margins are symmetric, so its right edge is as far from the page's edge.
    """
    layout = poppler("pdftotext", "-bbox", str(pdf), "-")
    pages = re.findall(r'<page width="([\d.]+)"[^>]*>(.*?)</page>', layout, re.S)
    words = [(float(width), float(x_min), float(x_max), word)
             for width, body in pages
             for x_min, x_max, word in re.findall(
                 r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>',
                 body)]
    assert len(words) > 100, "pdftotext found almost no text"
    left = min(x_min for _, x_min, _, _ in words)
    assert left > 36, f"text starts {left:.0f} pt from the page's edge"
    return [html.unescape(word) for width, _, x_max, word in words
            if x_max > width - left + tolerance_pt]


def test_text_and_code_stay_inside_the_margins(book_pdf):
    assert words_outside_margins(book_pdf) == []


# -- linked from the HTML -----------------------------------------------------------------
def test_every_chapter_page_links_to_the_pdf(book_pdf, chapters):
    built = (LATEX / PDF_NAME).read_bytes()
    assert book_pdf.read_bytes() == built, "the PDF in the HTML output is not the one built"
    for page, soup in chapters.items():
        links = soup.select("a.btn-download-book-pdf-button")
        assert len(links) == 1, f"{page}: {len(links)} PDF links in the download menu"
        target = (HTML / page).parent / urlparse(links[0]["href"]).path
        assert target.resolve() == book_pdf.resolve(), f"{page}: {links[0]['href']}"
    intro = chapters["chapters/intro.html"].select("a.mlmath-book-pdf")
    assert intro and ((HTML / "chapters").joinpath(intro[0]["href"]).resolve()
                      == book_pdf.resolve())


# -- bad input and the cache (small books) ------------------------------------------------
WEB_ONLY_CELLS = (
    code_cell('from IPython.display import display\n'
              'display({"text/html": "<b>only for browsers</b>"}, raw=True)')
    + code_cell('from IPython.display import HTML\nHTML("<i>a widget</i>")')
)


def test_an_output_latex_cannot_show_fails_the_pdf_naming_chapter_and_cell(tmp_path):
    book = mini_book(tmp_path / "book", "Some text.\n\n" + WEB_ONLY_CELLS)
    result = run_build(book, "--builder", "pdflatex")
    log = result.stdout + result.stderr
    assert result.returncode != 0, log[-3000:]
    problems = [line for line in log.splitlines() if "the PDF cannot show" in line]
    assert len(problems) == 2, log[-3000:]
    # probe.md: the heading's markdown cell is cell 1, the two code cells 2 and 3.
    assert "probe.md" in problems[0] and "cell 2 " in problems[0] and "text/html" in problems[0]
    assert "probe.md" in problems[1] and "cell 3 " in problems[1]
    assert not list((book / "_build/latex").glob("*.pdf"))  # LaTeX never ran


LONG_LINE = "x = " + " + ".join(f"value_{i:02d}" for i in range(30))


def test_pdf_after_html_executes_nothing_again_and_keeps_code_in_the_margins(tmp_path):
    body = (code_cell("\n".join(f"value_{i:02d} = {i}" for i in range(30)) + "\n" + LONG_LINE
                      + "\nprint(repr(str(list(range(60)))))\nprint('x' * 300)")
            + code_cell("from mlmath.figures import fig_vector_addition\n"
                        "fig_vector_addition(a=(2, -1), b=(1, 3))",
                        "---\nmystnb:\n  figure:\n    name: fig-probe\n"
                        "    caption: A probe figure.\n---\n"))
    book = mini_book(tmp_path / "book", body)
    first = run_build(book)
    assert first.returncode == 0, first.stdout[-4000:]
    assert "Executing" in first.stdout
    second = run_build(book, "--builder", "pdflatex")
    assert second.returncode == 0, second.stdout[-4000:] + second.stderr[-2000:]
    assert "Executing" not in second.stdout  # the HTML build's outputs, from the cache
    pdf = next((book / "_build/latex").glob("*.pdf"))
    assert len(LONG_LINE) > 150  # longer than a printed line: it must wrap, and so
    # must the 300 characters of output without a space
    assert words_outside_margins(pdf) == []
    flat = squeeze(poppler("pdftotext", "-enc", "UTF-8", str(pdf), "-"))
    assert "value_29" in flat and squeeze(urljoin(BASEURL, "probe.html#fig-probe")) in flat
