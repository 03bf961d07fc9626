// Runs figures' callbacks in BokehJS under Node, without a browser.
//
// Loads the installed bokeh's own bokeh.min.js and bokeh-widgets.min.js into a
// jsdom window (models only: no view is ever drawn), then answers one JSON
// request per line on stdin with one JSON line on stdout:
//   {"doc": <Bokeh document JSON>, "steps": [[model name, property, value], ...],
//    "read": {model name: [property, ...]}}
// -> {"models": {model name: {property: value}}}  or  {"error": "..."}
// Each step sets a property as a reader's control would (a slider's value, a
// toggle's active), which runs the callbacks linked to it; the runner waits for
// them (CustomJS runs asynchronously) before the next step. Used by
// tests/figures/bokehjs.py; argv[2] is the folder of the BokehJS bundles.
'use strict'
const fs = require('fs')
const path = require('path')
const readline = require('readline')
const {JSDOM, VirtualConsole} = require('jsdom')

// Errors a callback throws, and what BokehJS logs as an error, fail the request.
const errors = []
const console_ = new VirtualConsole()
console_.on('error', (...args) => errors.push(args.map(String).join(' ')))
console_.on('jsdomError', (error) => errors.push(String(error.stack ?? error)))
const dom = new JSDOM('<!doctype html><html><body></body></html>',
  {runScripts: 'outside-only', pretendToBeVisual: true, virtualConsole: console_})
const win = dom.window
for (const name of ['MessageChannel', 'structuredClone', 'TextEncoder', 'TextDecoder']) {
  if (globalThis[name] && !win[name]) win[name] = globalThis[name]
}
// BokehJS parses colours with a 2-D canvas at load; jsdom has none. A context
// that keeps what is assigned to fillStyle is all it needs.
win.HTMLCanvasElement.prototype.getContext = function () {
  let fill = '#000000'
  const context = {
    createLinearGradient: () => ({addColorStop() {}}),
    get fillStyle() { return fill },
    set fillStyle(value) { if (typeof value === 'string') fill = value },
  }
  return new Proxy(context, {get: (target, key) => key in target ? target[key] : () => ({})})
}
for (const bundle of ['bokeh.min.js', 'bokeh-widgets.min.js']) {
  win.eval(fs.readFileSync(path.join(process.argv[2], bundle), 'utf8'))
}
const {Document} = win.Bokeh.require('document')

// Plain JSON of a property value: typed arrays and Bokeh's ndarrays as lists,
// Maps as objects, models by name.
function plain(value) {
  if (value == null || typeof value !== 'object') return value
  if (ArrayBuffer.isView(value)) return Array.from(value)
  if (value instanceof win.Map || value instanceof Map) {
    return Object.fromEntries([...value.entries()].map(([k, v]) => [k, plain(v)]))
  }
  if (Array.isArray(value)) return value.map(plain)
  if (value.id !== undefined && value.type !== undefined) return {model: value.name ?? value.id}
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]))
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

async function run(request) {
  const doc = Document.from_json(win.JSON.parse(JSON.stringify(request.doc)))
  const find = (name) => {
    const model = doc.get_model_by_name(name)
    if (model === null) throw new Error(`no model named ${name}`)
    return model
  }
  await settle()
  for (const [name, property, value] of request.steps) {
    const model = find(name)
    if (!(property in model.properties)) throw new Error(`${name} has no property ${property}`)
    model[property] = value
    await settle()
    await settle()
  }
  const models = {}
  for (const [name, properties] of Object.entries(request.read)) {
    const model = find(name)
    models[name] = Object.fromEntries(properties.map((p) => [p, plain(model[p])]))
  }
  return {models}
}

process.on('unhandledRejection', (reason) => errors.push(String(reason?.stack ?? reason)))
win.addEventListener('error', (event) => errors.push(String(event.error ?? event.message)))
const lines = readline.createInterface({input: process.stdin})
let queue = Promise.resolve()
lines.on('line', (line) => {
  queue = queue.then(async () => {
    let answer
    try {
      errors.length = 0
      answer = await run(JSON.parse(line))
      if (errors.length) answer = {error: errors.join('\n')}
    } catch (error) {
      answer = {error: String(error && error.stack || error)}
    }
    process.stdout.write(JSON.stringify(answer) + '\n')
  })
})
lines.on('close', () => queue.then(() => process.exit(0)))
