"""Where the book's figures are: one module per figure, found by file name."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import mlmath.figures


def figure_modules() -> list[str]:
    """Every figure module: ``mlmath.figures.<part>.<name>`` defining ``fig_<name>``."""
    found = []
    for part in pkgutil.iter_modules(mlmath.figures.__path__):
        if not part.ispkg or part.name == "kit":
            continue
        folder = Path(mlmath.figures.__file__).parent / part.name
        for module in pkgutil.iter_modules([str(folder)]):
            source = (folder / f"{module.name}.py").read_text()
            if re.search(rf"^def fig_{module.name}\(", source, re.MULTILINE):
                found.append(f"mlmath.figures.{part.name}.{module.name}")
    return sorted(found)


def builders() -> list:
    """Every figure builder ``fig_<name>``, in module order."""
    return [getattr(importlib.import_module(name), "fig_" + name.rsplit(".", 1)[1])
            for name in figure_modules()]


def module_for(figure_name: str):
    """The module of the figure called ``figure_name`` (``"vector-addition"``)."""
    stem = figure_name.replace("-", "_")
    for name in figure_modules():
        if name.rsplit(".", 1)[1] == stem:
            return importlib.import_module(name)
    raise KeyError(f"no figure module for {figure_name!r}")
