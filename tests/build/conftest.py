"""Helpers for tests that build copies of the book in temporary folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from tests.conftest import ROOT

JUPYTEXT_HEADER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""


def copy_book(target: Path, *, with_cache: bool = True) -> Path:
    """Copy the book's sources into ``target``, the package linked (not copied).

    With ``with_cache`` the execution cache comes along, so chapters are not
    executed again unless the test changes them.
    """
    target.mkdir(parents=True, exist_ok=True)
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy(ROOT / name, target / name)
    shutil.copytree(ROOT / "chapters", target / "chapters")
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    # The chapters show the package's code with {literalinclude} (the kernels
    # import the installed package, whatever this folder holds).
    (target / "code").symlink_to(ROOT / "code")
    cache = ROOT / "_build" / ".jupyter_cache"
    if with_cache and cache.exists():
        shutil.copytree(cache, target / "_build" / ".jupyter_cache")
    return target


def mini_book(target: Path, chapter_body: str, *, config_changes: dict | None = None) -> Path:
    """A one-chapter book with the real book's configuration (plus ``config_changes``
    merged into its ``sphinx: config:``)."""
    target.mkdir(parents=True, exist_ok=True)
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    config["sphinx"]["config"].update(config_changes or {})
    (target / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    (target / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n  - file: probe\n")
    (target / "intro.md").write_text("# Probe book\n\nA book with one chapter, for tests.\n")
    (target / "probe.md").write_text(JUPYTEXT_HEADER + "\n# Probe\n\n" + chapter_body)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def code_cell(source: str, metadata: str = "") -> str:
    return f"```{{code-cell}} ipython3\n{metadata}{source}\n```\n\n"
