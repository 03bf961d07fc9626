'use strict';
/*
 * Typesets the book's formulas with MathJax 3 (mathjax-full), in one Node
 * process per build; called by mlmath/book/math.py.
 *
 * stdin:  {"mathjax": "<folder of mathjax-full>",
 *          "pages": [{"fontURL": "<fonts, relative to the page>",
 *                     "formulas": [{"tex": "...", "display": true}, ...]}, ...]}
 * stdout: {"version": "3.2.2",
 *          "pages": [{"css": "...", "formulas": [{"html": "..."} | {"error": "..."}]}]}
 *
 * Each page gets CommonHTML markup with hidden MathML for screen readers
 * (assistive-mml) and a stylesheet holding only the characters that page uses.
 * Display formulas can take the keyboard's focus, to scroll when they are wider
 * than the page.
 * A TeX error is reported, never typeset as an error box.
 */
const fs = require('fs');
const path = require('path');

const request = JSON.parse(fs.readFileSync(0, 'utf8'));
const root = path.resolve(request.mathjax);
const load = (file) => require(path.join(root, 'js', file));

const {mathjax} = load('mathjax.js');
const {TeX} = load('input/tex.js');
const {CHTML} = load('output/chtml.js');
const {liteAdaptor} = load('adaptors/liteAdaptor.js');
const {RegisterHTMLHandler} = load('handlers/html.js');
const {AssistiveMmlHandler} = load('a11y/assistive-mml.js');
load('input/tex/AllPackages.js'); // registers every TeX package's configuration

/*
 * What the browser's tex-chtml.js offers: its packages plus those it
 * autoloads when a formula uses one of their macros. Left out: noundefined
 * (an unknown macro must be an error, not red text), require and autoload
 * (they load files at run time), and physics, which tex-chtml.js lacks.
 */
const PACKAGES = [
  'base', 'ams', 'newcommand', 'configmacros',
  'action', 'amscd', 'bbox', 'boldsymbol', 'braket', 'bussproofs', 'cancel', 'color',
  'enclose', 'extpfeil', 'html', 'mhchem', 'unicode', 'verb',
];

const adaptor = liteAdaptor();
AssistiveMmlHandler(RegisterHTMLHandler(adaptor));

function typesetPage(page) {
  // New input and output jax for each page: the stylesheet then holds only
  // the characters and constructs of this page's formulas.
  const tex = new TeX({
    packages: PACKAGES,
    formatError: (jax, error) => { throw error; },
  });
  const chtml = new CHTML({fontURL: page.fontURL});
  const document = mathjax.document('', {InputJax: tex, OutputJax: chtml});
  const formulas = page.formulas.map(({tex: source, display}) => {
    try {
      const container = document.convert(source, {display});
      if (display) {
        // The theme lets a formula wider than the column scroll sideways;
        // a keyboard can scroll only what it can focus.
        adaptor.setAttribute(container, 'tabindex', '0');
      }
      const html = adaptor.outerHTML(container);
      if (html.includes('<mjx-merror')) {
        return {error: 'MathJax typeset it as an error'};
      }
      return {html};
    } catch (error) {
      return {error: error.message};
    }
  });
  // Math takes the size of the text around it, as MathJax's browser output
  // does when it measures the page's font (matchFontHeight): 1ex of the
  // surrounding font is one x-height of the TeX fonts.
  const css = adaptor.textContent(chtml.styleSheet(document))
    + `\nmjx-container[jax="CHTML"] {\n  font-size: calc(1ex / ${chtml.font.params.x_height});\n}\n`;
  return {css: css.replace(/\n\s*/g, ''), formulas};
}

const pages = request.pages.map(typesetPage);
process.stdout.write(JSON.stringify({version: mathjax.version, pages}));
