"""The book's chapters as the table of contents lists them (no hard-coded names)."""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import yaml

from tests.conftest import HTML, ROOT

NOTEBOOKS = ROOT / "_build" / "notebooks"


def toc_docnames(toc: Path = ROOT / "_toc.yml") -> list[str]:
    """Every file of ``_toc.yml``, in reading order (root, parts, chapters, sections)."""
    data = yaml.safe_load(toc.read_text())
    names = [data["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                names.append(entry["file"])
            walk(entry.get("sections"))

    walk(data.get("chapters"))
    for part in data.get("parts") or []:
        walk(part.get("chapters"))
    return names


def source_path(docname: str) -> Path:
    for suffix in (".md", ".ipynb"):
        path = ROOT / f"{docname}{suffix}"
        if path.exists():
            return path
    raise FileNotFoundError(f"_toc.yml lists {docname}, which has no .md or .ipynb")


def is_notebook(docname: str) -> bool:
    """A chapter written as a notebook: its source declares a kernel (jupytext header)."""
    return "kernelspec" in jupytext.read(source_path(docname)).metadata


def notebook_chapters() -> list[str]:
    return [name for name in toc_docnames() if is_notebook(name)]


def figure_count(docname: str) -> int:
    """How many interactive figures the chapter's built page holds."""
    return (HTML / f"{docname}.html").read_text().count("data-mlmath-figure=")


def figure_chapters() -> list[str]:
    """Chapters whose source ends a cell with a figure builder (``fig_<name>(...)``):
    the pages the built book shows interactive figures on."""
    builder_call = re.compile(r"^fig_[a-z0-9_]+\(", re.MULTILINE)
    return [name for name in notebook_chapters()
            if builder_call.search(source_path(name).read_text(encoding="utf-8"))]
