'use strict';
/*
 * Removes from a stylesheet the rules no page of the book can match, with
 * PurgeCSS (npm, pinned in package-lock.json); called by mlmath/book/styles.py.
 *
 * stdin:  {"purgecss": "<folder of the purgecss package>",
 *          "css": "<the stylesheet>",
 *          "content": ["<glob of files whose words may name a class>", ...]}
 * stdout: {"css": "<the rules that may match>"}
 *
 * A rule stays when every class, id, tag and attribute in its selector is a
 * word of the content (the built pages and every script they load, which is
 * where the theme's scripts name the classes they add: "show", "dark", ...).
 * Bootstrap's tooltips and popovers are the exception: their placement classes
 * are made up at run time (`bs-${NAME}-auto`), so no file spells them; their
 * rules are kept whole.
 * Custom properties all stay (the theme reads them from JavaScript);
 * @font-face and @keyframes rules stay when a remaining rule uses them.
 */
const fs = require('fs');
const path = require('path');

const request = JSON.parse(fs.readFileSync(0, 'utf8'));
const {PurgeCSS} = require(path.resolve(request.purgecss));

new PurgeCSS().purge({
  css: [{raw: request.css}],
  content: request.content,
  fontFace: true,
  keyframes: true,
  variables: false,
  safelist: {greedy: [/^bs-(tooltip|popover)-/]},
}).then(([result]) => {
  process.stdout.write(JSON.stringify({css: result.css}));
}).catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
