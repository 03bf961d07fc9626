"""The theme's tab-stop function is replaced exactly once, or the build says why."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pydata_sphinx_theme
import pytest
from sphinx.errors import ExtensionError

from mlmath.book import theme_scripts

THEME_JS = (Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
            / "static" / "scripts" / "pydata-sphinx-theme.js")


def test_the_installed_theme_s_function_is_replaced_once_and_only_once():
    script = THEME_JS.read_text(encoding="utf-8")
    patched = theme_scripts.patch(script)
    assert theme_scripts.ORIGINAL not in patched
    assert patched.count("const observed = new WeakSet()") == 1
    assert "sourceMappingURL" not in patched
    assert theme_scripts.patch(patched) == patched  # a second build leaves it alone
    assert len(patched) - len(script) < 3000


def test_a_theme_without_the_function_stops_the_build_with_a_reason():
    with pytest.raises(ExtensionError, match="tab-stop function was not found"):
        theme_scripts.patch("function I(){/* some other theme */}")


def test_the_replacement_is_one_javascript_expression_that_node_parses(tmp_path):
    """It stands where the theme had ``const e=()=>{...},t=...``: a comment or a
    statement left over would break the theme's whole script."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed")
    script = tmp_path / "expression.js"
    script.write_text(f"const update = {theme_scripts.replacement()}, other = 1;\n")
    subprocess.run([node, "--check", str(script)], check=True, capture_output=True)
