"""Printed text is one block however the kernel happened to flush it."""

from __future__ import annotations

import re

import pytest

from tests.build.conftest import code_cell, mini_book
from tests.conftest import run_build

pytestmark = pytest.mark.build


def test_a_cells_printed_text_is_one_block_whatever_the_flushes(tmp_path):
    # Each flush ends one stream message; a busy machine flushes at random
    # points like these, and the page must not show where.
    cell = code_cell(
        "import sys\n"
        'print("first", end=""); sys.stdout.flush()\n'
        'print(" line"); sys.stdout.flush()\n'
        'print("second line")\n'
        'print("to stderr", file=sys.stderr)'
    )
    book = mini_book(tmp_path / "book", cell, config_changes={"nb_output_stderr": "show"})
    result = run_build(book)
    assert result.returncode == 0, result.stdout[-4000:]
    page = (book / "_build/html/probe.html").read_text()
    blocks = re.findall(r'<div class="output (stream|stderr)[^"]*"><div class="highlight">'
                        r"<pre><span></span>(.*?)</pre>", page, re.S)
    assert blocks == [("stream", "first line\nsecond line\n"), ("stderr", "to stderr\n")]
