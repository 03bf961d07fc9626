"""Fixtures of the figure tests."""

import pytest

from tests.figures.bokehjs import BokehJS


@pytest.fixture(scope="module")
def bokehjs():
    """BokehJS in Node (``bokehjs.py``), one process per test module."""
    with BokehJS() as runner:
        yield runner
