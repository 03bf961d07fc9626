"""MathJax's fonts cut down to the characters the book's formulas draw.

Loaded with :mod:`mlmath.book.math`, which calls :func:`subset_book_fonts`
after it has typeset the pages. MathJax's CommonHTML output draws every
character from CSS, ``mjx-c.mjx-c1D465.TEX-I::before {content: "x"}``, in one
of 23 web fonts (``MathJax_Main-Regular.woff``, 34 KB, ``MathJax_Math-Italic``,
``MathJax_AMS-Regular``, ...). Each font holds a whole TeX font, while a page
of linear algebra draws a few dozen characters; a first visit to a math page
fetched about 150 KB of fonts for them.

Each page's math stylesheet (``<style data-mlmath-math>``) names exactly the
characters its formulas draw. This step

* collects them from every page of the book (:func:`drawn_characters`);
* cuts each of MathJax's fonts down to those it holds, as WOFF2, with fontTools
  (:func:`mlmath.book.styles.subset_font`), leaving out a font that holds none;
* writes them to ``_static/mathjax-<version>/fonts-<hash>/``, the hash naming
  the character set and the tools, so a host may cache the folder for good
  and two clean builds give the same files;
* points each page's ``@font-face`` rules at that folder, dropping the faces
  whose font was left out (:func:`repoint_fonts`), and removes what earlier
  builds left in ``_static/mathjax-<version>/``.

One font set serves the whole book, so a reader's second math page fetches
only the fonts the first did not need. Every character is kept in every font
that has it: a character drawn in italic on one page and upright on another
is in both fonts. A small manifest (``fonts.json``) records the folder in use,
so a build that typeset nothing does not read the pages again.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import fontTools

from mlmath.book.styles import subset_font

#: Where the fonts go, under ``_static/mathjax-<version>/``.
FOLDER = "fonts-{}"
MANIFEST = "fonts.json"
STYLE = re.compile(r"(<style data-mlmath-math>)(?P<css>.*?)(</style>)", re.S)
CONTENT = re.compile(r"""content\s*:\s*(?P<quote>["'])(?P<text>(?:\\.|(?!(?P=quote)).)*)(?P=quote)""",
                     re.S)
CSS_ESCAPE = re.compile(r"\\(?:(?P<hex>[0-9a-fA-F]{1,6})[ \t\n]?|(?P<char>.))", re.S)
FONT_FACE = re.compile(r"@font-face\s*(?:/\*.*?\*/\s*)?\{(?P<body>[^}]*)\}", re.S)
FONT_SOURCE = re.compile(
    r"""src\s*:\s*url\((?P<quote>["']?)(?P<prefix>[^"')]*?)_static/mathjax-[^/"')]+/"""
    r"""[^"')]+/(?P<font>MathJax_[\w-]+)\.woff2?(?P=quote)\)\s*format\(["']woff2?["']\)""")


def unescape_css(text: str) -> str:
    """A CSS string's characters, its escapes (``\\2212``, ``\\"``) decoded."""
    return CSS_ESCAPE.sub(lambda m: chr(int(m["hex"], 16)) if m["hex"] else m["char"], text)


def drawn_characters(css: str) -> set[int]:
    """The code points of every character a rule of ``css`` draws with
    ``content``: each character MathJax's fonts must hold for ``css``."""
    return {ord(char) for match in CONTENT.finditer(css)
            for char in unescape_css(match["text"])}


def repoint_fonts(css: str, folder: str, fonts: set[str]) -> str:
    """``css`` with each MathJax ``@font-face`` taking its font from
    ``<folder>/<font>.woff2`` (``folder`` relative to ``_static/``, the URL's
    path up to ``_static/`` kept); a face whose font is not in ``fonts`` is
    dropped."""

    def replace(match: re.Match) -> str:
        source = FONT_SOURCE.search(match["body"])
        if source is None:
            return match[0]
        if source["font"] not in fonts:
            return ""
        url = f'src: url("{source["prefix"]}_static/{folder}/{source["font"]}.woff2") format("woff2")'
        body = match["body"][:source.start()] + url + match["body"][source.end():]
        return "@font-face {" + body + "}"

    return FONT_FACE.sub(replace, css)


def font_set_key(characters: set[int], version: str) -> str:
    """Names a font set: its characters, MathJax's and fontTools' versions,
    and this module."""
    digest = hashlib.sha256()
    digest.update(Path(__file__).read_bytes())
    digest.update(f"{version}\n{fontTools.version}\n".encode())
    digest.update(",".join(map(str, sorted(characters))).encode())
    return digest.hexdigest()[:10]


def subset_fonts(source: Path, characters: set[int], target: Path) -> dict[str, tuple[int, int]]:
    """Each font of ``source`` (MathJax's ``woff-v2`` folder) cut down to
    ``characters`` and written to ``target`` as ``<font>.woff2``; returns
    ``{font: (bytes before, bytes after)}`` for the fonts written."""
    target.mkdir(parents=True, exist_ok=True)
    written = {}
    for font in sorted(source.glob("MathJax_*.woff")):
        data = subset_font(font, characters)
        if data is not None:
            (target / f"{font.stem}.woff2").write_bytes(data)
            written[font.stem] = (font.stat().st_size, len(data))
    return written


def _remove_all_but(static: Path, keep: set[str]) -> None:
    for path in static.iterdir():
        if path.name not in keep:
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def subset_book_fonts(pages: list[Path], source: Path, static: Path, version: str,
                      *, typeset_any: bool) -> dict | None:
    """Give the book's ``pages`` a font set made for them (see the module's
    docstring) in ``static`` (``_static/mathjax-<version>``), from MathJax's
    fonts in ``source``. Returns ``{"folder": ..., "fonts": {font: (before,
    after)}, "pages": pages rewritten}``, or ``None`` when nothing was to do:
    ``typeset_any`` false (no page has new math) and the manifest's folder there.
    """
    manifest = static / MANIFEST
    if not typeset_any and manifest.exists():
        folder = json.loads(manifest.read_text())["folder"]
        if (static / folder).is_dir():
            return None
    texts = {path: path.read_text(encoding="utf-8") for path in pages}
    characters = set()
    for text in texts.values():
        for style in STYLE.finditer(text):
            characters |= drawn_characters(style["css"])
    if not characters:  # no page has math
        shutil.rmtree(static, ignore_errors=True)
        return None
    static.mkdir(parents=True, exist_ok=True)
    folder = FOLDER.format(font_set_key(characters, version))
    fonts = {}
    if not (static / folder).is_dir() or not manifest.exists() \
            or json.loads(manifest.read_text()).get("folder") != folder:
        shutil.rmtree(static / folder, ignore_errors=True)
        fonts = subset_fonts(source, characters, static / folder)
        manifest.write_text(json.dumps({"folder": folder, "characters": len(characters),
                                        "fonts": sorted(fonts)}, indent=1) + "\n")
    available = {path.stem for path in (static / folder).glob("*.woff2")}
    rewritten = 0
    for path, text in texts.items():
        new = STYLE.sub(lambda m: m[1] + repoint_fonts(m["css"], f"{static.name}/{folder}",
                                                        available) + m[3], text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            rewritten += 1
    _remove_all_but(static, {folder, MANIFEST})
    return {"folder": folder, "fonts": fonts, "pages": rewritten}
