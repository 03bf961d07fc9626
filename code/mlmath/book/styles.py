"""One small stylesheet per page: the theme's CSS without what the book never uses.

Loaded by :mod:`mlmath.book.extension`. The theme (sphinx-book-theme on
pydata-sphinx-theme) and the extensions link ten stylesheets from the
``<head>`` of every page, 530 KB (92 KB gzip), and the browser paints no text
until it has all of them. The largest, ``pydata-sphinx-theme.css``, carries
all of Bootstrap and a rule for each of Font Awesome's 2,000 icons, whose
solid font (157 KB) it loads at the highest priority. On a phone on a slow
network that is seconds before the first line of text.

When the HTML build has written its pages (``build-finished``), this module

* **bundles** the stylesheets each page links, in their order, into one:
  ``@import`` rules are inlined, ``url()`` references rebased, source-map
  comments dropped (:func:`bundle_stylesheets`);
* **purges** it with PurgeCSS (npm ``purgecss``, pinned; ``purge-css.js``):
  a rule stays if every class, id, tag and attribute of its selector is a word
  of some page or of some script in ``_static`` (where the theme's scripts
  name the classes they toggle), so nothing a page or a script can show loses
  its style;
* **subsets** the icon fonts to the icons whose rules remain, with fontTools,
  as WOFF2 (:func:`subset_font`);
* names the results by their content (``_static/mlmath-styles-<hash>.css``,
  ``_static/mlmath-icons/<font>-<hash>.woff2``: a host may cache them for
  good) and points each page at its bundle with a single ``<link>``.

The bundle is made from every page on disk, so a build that rewrites a few
pages re-makes it for all. A manifest (``_static/mlmath-styles.json``) records
what it was made from: a build that changed no page, stylesheet or script,
nor this module, reuses it without starting Node.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import posixpath
import re
import shutil
import subprocess
import time
from importlib import resources
from pathlib import Path

from fontTools import subset as font_subset
from fontTools.ttLib import TTFont
from sphinx.application import Sphinx
from sphinx.errors import ConfigError, ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

SCRIPT = "purge-css.js"
STATIC = "_static"
BUNDLE = re.compile(r"^_static/mlmath-styles-[0-9a-f]{12}\.css$")
BUNDLE_NAME = "mlmath-styles-{}.css"
ICONS = "mlmath-icons"
MANIFEST = "mlmath-styles.json"
#: Font families whose faces are icon fonts, subset to the icons in use.
ICON_FAMILIES = ("Font Awesome",)

LINK = re.compile(r"<link\b[^>]*>", re.I)
REL_STYLESHEET = re.compile(r"""\brel=["']?stylesheet\b""", re.I)
HREF = re.compile(r"""\bhref=(["'])(.*?)\1""", re.I)
#: ``@import "x.css" media;`` or ``@import url(x.css) media;``, and any ``url()``.
IMPORT_OR_URL = re.compile(
    r"""@import\s+(?:url\(\s*)?(["']?)(?P<import>[^"')\s;]+)\1\s*\)?\s*(?P<media>[^;]*);"""
    r"""|url\(\s*(["']?)(?P<url>[^"')]+)\4\s*\)""", re.I)
CHARSET = re.compile(r"""@charset\s+["'][^"']*["']\s*;""", re.I)
SOURCE_MAP = re.compile(r"/\*[#@]\s*sourceMappingURL=[^*]*\*/")
FONT_FACE = re.compile(r"@font-face\s*\{(?P<body>[^}]*)\}", re.I)
FONT_FAMILY = re.compile(r"""font-family\s*:\s*(?P<family>[^;}]+)""", re.I)
WOFF2_URL = re.compile(r"""url\(\s*(["']?)(?P<url>[^"')]+\.woff2)\1\s*\)""", re.I)
#: A string of one character, written as it is or as an escape: ``"A"``, ``"\f0c9"``.
ONE_CHARACTER = re.compile(r"""(["'])(?:\\(?P<escape>[0-9a-fA-F]{1,6})\s?|(?P<plain>[^"'\\]))\1""")


# -- finding and replacing a page's stylesheets ---------------------------------------
def stylesheet_links(page: str) -> list[tuple[int, int, str]]:
    """``(start, end, href)`` of each ``<link rel="stylesheet">`` in the
    ``<head>`` of ``page``, in order."""
    head = page.find("</head>")
    head = len(page) if head < 0 else head
    links = []
    for match in LINK.finditer(page, 0, head):
        tag = match.group(0)
        href = HREF.search(tag)
        if REL_STYLESHEET.search(tag) and href:
            links.append((match.start(), match.end(), href.group(2)))
    return links


def local_path(href: str, page_dir: str) -> str | None:
    """The file ``href`` (relative to the page's folder ``page_dir``) names,
    relative to the book's root; ``None`` for another site's URL."""
    if re.match(r"^([a-z][a-z0-9+.-]*:|//|/)", href, re.I):
        return None
    bare = re.split(r"[?#]", href, maxsplit=1)[0]
    return posixpath.normpath(posixpath.join(page_dir, bare))


def relink(page: str, links: list[tuple[int, int, str]], href: str) -> str:
    """``page`` with ``links`` (from :func:`stylesheet_links`) replaced by one
    ``<link rel="stylesheet">`` to ``href``, where the first of them was; a
    line a removed link leaves empty goes with it."""
    parts, last = [], 0
    for index, (start, end, _) in enumerate(links):
        if index == 0:
            parts += [page[last:start], f'<link rel="stylesheet" href="{href}" />']
        else:
            line_start = page.rfind("\n", last, start)
            if line_start >= 0 and not page[line_start + 1:start].strip() \
                    and page[end:end + 1] in ("\n", ""):
                start = line_start
            parts.append(page[last:start])
        last = end
    parts.append(page[last:])
    return "".join(parts)


# -- bundling -----------------------------------------------------------------------------
def bundle_stylesheets(root: Path, sources: list[str], target_dir: str) -> str:
    """The stylesheets ``sources`` (paths relative to ``root``) as one, to be
    saved in ``target_dir`` (relative to ``root``): imports inlined in place,
    every relative ``url()`` rewritten for the new place, ``@charset`` and
    source-map comments dropped."""
    return "\n".join(_read_stylesheet(root, source, target_dir, ()) for source in sources)


def _read_stylesheet(root: Path, source: str, target_dir: str, chain: tuple) -> str:
    if source in chain:
        raise ValueError(f"stylesheet {source!r} imports itself (through {' -> '.join(chain)})")
    path = root / source
    if not path.is_file():
        raise ValueError(f"stylesheet {source!r} does not exist under {root}")
    text = SOURCE_MAP.sub("", CHARSET.sub("", path.read_text(encoding="utf-8")))
    base = posixpath.dirname(source)

    def replace(match: re.Match) -> str:
        if match.group("import"):
            imported = local_path(match.group("import"), base)
            if imported is None:  # another site's stylesheet: keep importing it
                return match.group(0)
            body = _read_stylesheet(root, imported, target_dir, chain + (source,))
            media = match.group("media").strip()
            return f"@media {media}{{{body}}}" if media else body
        url = match.group("url")
        resolved = local_path(url, base)
        if resolved is None or url.startswith(("data:", "#")):
            return match.group(0)
        suffix = url[len(re.split(r"[?#]", url, maxsplit=1)[0]):]
        return f'url("{posixpath.relpath(resolved, target_dir)}{suffix}")'

    return IMPORT_OR_URL.sub(replace, text)


# -- purging ------------------------------------------------------------------------------
def purge(node: str, purgecss: Path, css: str, content: list[str]) -> str:
    """``css`` without the rules whose selectors name a class, id, tag or
    attribute that is no word of the files matched by the globs ``content``."""
    script = resources.files("mlmath.book").joinpath(SCRIPT)
    request = json.dumps({"purgecss": str(purgecss), "css": css, "content": content})
    with resources.as_file(script) as path:
        done = subprocess.run([node, str(path)], input=request, capture_output=True,
                              text=True, encoding="utf-8")
    if done.returncode != 0:
        raise ExtensionError(f"PurgeCSS could not purge the book's stylesheet:\n{done.stderr}")
    return json.loads(done.stdout)["css"]


# -- icon fonts -----------------------------------------------------------------------------
def quoted_characters(css: str) -> set[int]:
    """The code points of every one-character string in ``css``: what icon
    rules draw (``content: "\\f0c9"``, or ``"A"`` for the letter icons), so
    each icon whose rule remains is kept in its font."""
    return {int(m.group("escape"), 16) if m.group("escape") else ord(m.group("plain"))
            for m in ONE_CHARACTER.finditer(css)}


def subset_font(font: Path, codepoints: set[int]) -> bytes | None:
    """``font`` cut down to the glyphs of ``codepoints``, as WOFF2; ``None`` if
    it has none of them."""
    options = font_subset.Options()
    options.flavor = "woff2"
    options.drop_tables += ["FFTM"]  # FontForge's timestamps: fontTools can't subset them
    with TTFont(font) as whole:
        present = codepoints & set(whole.getBestCmap())
    if not present:
        return None
    loaded = font_subset.load_font(str(font), options)
    subsetter = font_subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(present))
    subsetter.subset(loaded)
    out = io.BytesIO()
    font_subset.save_font(loaded, out, options)
    loaded.close()
    return out.getvalue()


def subset_icon_fonts(root: Path, css: str, css_dir: str) -> tuple[str, dict]:
    """``css`` (saved in ``css_dir``, relative to ``root``) with each icon
    font's ``@font-face`` pointing at a subset holding only the icons ``css``
    uses, written to ``_static/mlmath-icons/``; a face none of whose icons is
    used is dropped. Returns the new CSS and ``{subset path: (bytes before,
    bytes after)}``."""
    used = quoted_characters(css)
    written = {}

    def replace(match: re.Match) -> str:
        body = match.group("body")
        family = FONT_FAMILY.search(body)
        source = WOFF2_URL.search(body)
        if not (family and source and any(name in family.group("family").replace("\\", "")
                                          for name in ICON_FAMILIES)):
            return match.group(0)
        font = root / posixpath.normpath(posixpath.join(css_dir, source.group("url")))
        data = subset_font(font, used)
        if data is None:
            return ""
        digest = hashlib.sha256(data).hexdigest()[:10]
        target = f"{STATIC}/{ICONS}/{font.stem}-{digest}.woff2"
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        (root / target).write_bytes(data)
        written[target] = (font.stat().st_size, len(data))
        src = f'src:url("{posixpath.relpath(target, css_dir)}") format("woff2")'
        return "@font-face{" + re.sub(r"src\s*:[^;}]*", src, body, count=1) + "}"

    return FONT_FACE.sub(replace, css), written


# -- the build step -----------------------------------------------------------------------
def _pages(outdir: Path) -> list[Path]:
    return sorted(path for path in outdir.rglob("*.html")
                  if not any(part.startswith(("_", ".")) for part in
                             path.relative_to(outdir).parts[:-1]))


def _input_key(outdir: Path, pages: dict, groups: dict) -> str:
    """What the bundles are made from: this module, the purge script, every
    stylesheet and script in ``_static``, and every page (less its links)."""
    digest = hashlib.sha256()
    book = resources.files("mlmath.book")
    for name in (SCRIPT, "styles.py"):
        digest.update(book.joinpath(name).read_bytes())
    digest.update(json.dumps(sorted(groups)).encode())
    for path in sorted((outdir / STATIC).rglob("*")):
        if path.suffix in (".css", ".js", ".woff2") and ICONS not in path.parts \
                and not BUNDLE.match(path.relative_to(outdir).as_posix()):
            digest.update(path.relative_to(outdir).as_posix().encode())
            digest.update(path.read_bytes())
    for name, (page, links) in sorted(pages.items()):
        digest.update(name.encode())
        digest.update(relink(page, links, "").encode())  # as it is once relinked
    return digest.hexdigest()


def _bundle_pages(app: Sphinx, exception) -> None:
    """Give every page of the HTML build one purged stylesheet (see the module's
    docstring)."""
    if exception is not None or app.builder.format != "html" or not app.config.mlmath_bundle_css:
        return
    started = time.perf_counter()
    outdir = Path(app.outdir)
    manifest_path = outdir / STATIC / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text())
    except (OSError, ValueError):
        manifest = {"key": None, "bundles": {}}

    # Each page's stylesheets: the files it links, or those its bundle was made from.
    pages, groups = {}, {}  # page -> (text, links); sources -> [pages]
    for path in _pages(outdir):
        name = path.relative_to(outdir).as_posix()
        page = path.read_text(encoding="utf-8")
        links = [link for link in stylesheet_links(page)
                 if local_path(link[2], posixpath.dirname(name)) is not None]
        if not links:
            continue
        files = [local_path(href, posixpath.dirname(name)) for _, _, href in links]
        if len(files) == 1 and BUNDLE.match(files[0]):
            if files[0] not in manifest["bundles"]:
                raise ExtensionError(f"{name} links {files[0]}, which no manifest describes: "
                                     "remove the build folder and build again")
            sources = tuple(manifest["bundles"][files[0]])
        else:
            sources = tuple(files)
        pages[name] = (page, links)
        groups.setdefault(sources, []).append(name)
    if not pages:
        return

    key = _input_key(outdir, pages, groups)
    if key == manifest["key"] and all((outdir / bundle).exists() for bundle in manifest["bundles"]):
        bundles = {tuple(sources): bundle for bundle, sources in manifest["bundles"].items()}
        made = None
    else:
        bundles, made = _make_bundles(app, outdir, groups)
        manifest = {"key": key, "bundles": {bundle: list(sources)
                                            for sources, bundle in bundles.items()}}
        manifest_path.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        _remove_stale(outdir, manifest["bundles"])

    relinked = 0
    for sources, names in groups.items():
        for name in names:
            page, links = pages[name]
            href = posixpath.relpath(bundles[sources], posixpath.dirname(name))
            if len(links) == 1 and links[0][2] == href:
                continue
            (outdir / name).write_text(relink(page, links, href), encoding="utf-8")
            relinked += 1
    if made is not None:
        before, after, fonts = made
        logger.info(f"[mlmath] stylesheets: {len(groups)} bundle(s) for {len(pages)} pages, "
                    f"{before[0] // 1024} KB ({before[1] // 1024} KB gzip) -> "
                    f"{after[0] // 1024} KB ({after[1] // 1024} KB gzip); icon fonts "
                    f"{sum(b for b, _ in fonts.values()) // 1024} KB -> "
                    f"{sum(a for _, a in fonts.values()) // 1024} KB; {relinked} pages "
                    f"relinked in {time.perf_counter() - started:.1f} s")


def _gzip_size(text: str) -> int:
    return len(gzip.compress(text.encode(), mtime=0))


def _make_bundles(app: Sphinx, outdir: Path, groups: dict):
    node = shutil.which("node")
    purgecss = Path(app.config.mlmath_purgecss)
    purgecss = purgecss if purgecss.is_absolute() else Path(app.srcdir) / purgecss
    if node is None or not (purgecss / "package.json").is_file():
        raise ConfigError(
            f"PurgeCSS is missing ({purgecss}{'' if node else ', and Node.js'}): the book's "
            "stylesheets are cut down at build time. Run `npm ci` in the book's root "
            "(`make book` does), or set `mlmath_bundle_css: false`.")
    content = [str(outdir / "**" / "*.html"), str(outdir / STATIC / "**" / "*.js")]
    bundles, fonts = {}, {}
    before = after = (0, 0)
    for sources in groups:
        whole = bundle_stylesheets(outdir, list(sources), STATIC)
        purged = purge(node, purgecss, whole, content)
        purged, written = subset_icon_fonts(outdir, purged, STATIC)
        fonts.update(written)
        name = f"{STATIC}/{BUNDLE_NAME.format(hashlib.sha256(purged.encode()).hexdigest()[:12])}"
        (outdir / name).write_text(purged, encoding="utf-8")
        bundles[sources] = name
        before = (before[0] + len(whole), before[1] + _gzip_size(whole))
        after = (after[0] + len(purged), after[1] + _gzip_size(purged))
    return bundles, (before, after, fonts)


def _remove_stale(outdir: Path, bundles: dict) -> None:
    """Bundles and font subsets of earlier builds that no page links any more."""
    keep = set(bundles)
    for bundle in bundles:
        css = (outdir / bundle).read_text(encoding="utf-8")
        keep |= {posixpath.normpath(posixpath.join(posixpath.dirname(bundle), m.group("url")))
                 for m in WOFF2_URL.finditer(css)}
    stale = [*(outdir / STATIC).glob(BUNDLE_NAME.format("*")),
             *(outdir / STATIC / ICONS).glob("*.woff2")]
    for path in stale:
        if path.relative_to(outdir).as_posix() not in keep:
            path.unlink()


def setup(app: Sphinx) -> dict:
    app.add_config_value("mlmath_purgecss", "node_modules/purgecss", "html")
    app.add_config_value("mlmath_bundle_css", True, "html")
    # After the math is typeset (its <style> goes into the pages, not the bundle).
    app.connect("build-finished", _bundle_pages, priority=800)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
