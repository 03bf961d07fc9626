"""mlmath.book.kernel: how the build's kernels keep plain matplotlib figures."""

import base64
import re

import pytest
from IPython.core.interactiveshell import InteractiveShell
from matplotlib.figure import Figure

from mlmath.book import kernel
from mlmath.figures.kit.display import PDF_IMAGE_DPI


@pytest.fixture
def shell():
    shell = InteractiveShell.instance()
    kernel.load_ipython_extension(shell)
    yield shell
    InteractiveShell.clear_instance()


def picture(width_in: float = 3.0) -> Figure:
    figure = Figure(figsize=(width_in, 2), dpi=100)
    figure.add_subplot().imshow([[0, 1], [1, 0]], cmap="gray_r")
    return figure


def test_png_is_sharp_but_shown_at_the_figures_size(shell):
    data, metadata = shell.display_formatter.format(picture())
    png = base64.b64decode(data["image/png"])
    pixel_width = int.from_bytes(png[16:20], "big")  # the IHDR chunk
    assert abs(metadata["image/png"]["width"] * 2 - pixel_width) <= 1
    # No fixed height: a narrow page scales the picture down without squashing it.
    assert "height" not in metadata["image/png"]


def test_pdf_is_vector_with_print_resolution_images_and_no_date(shell):
    first = base64.b64decode(shell.display_formatter.format(picture())[0]["application/pdf"])
    again = base64.b64decode(shell.display_formatter.format(picture())[0]["application/pdf"])
    assert first.startswith(b"%PDF") and first == again
    assert b"/CreationDate" not in first
    # The 2 x 2 picture fills a square as tall as the axes, 77 % of the figure's
    # 2 inches, and is resampled at PDF_IMAGE_DPI, not at the figure's 100 dpi.
    width = int(re.search(rb"/Subtype /Image.*?/Width (\d+)", first, re.S).group(1))
    assert width >= 0.95 * 0.77 * 2 * PDF_IMAGE_DPI


def test_an_empty_figure_shows_nothing(shell):
    data, _ = shell.display_formatter.format(Figure())
    assert "application/pdf" not in data
