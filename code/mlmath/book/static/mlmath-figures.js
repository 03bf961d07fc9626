// The book's interactive figures: loaded when needed, usable by everyone.
// Served by mlmath.book.extension on pages that hold a figure, with the
// BokehJS bundles the page needs in data-bokehjs; nothing here is specific to
// one figure.
//
// Loading. Each figure's embed script (mlmath.figures.kit.display) waits in
// window.mlmathFigureQueue. When a figure comes within a screen of the
// viewport, BokehJS is loaded (once, in parallel, run in order) and the
// figure is drawn: the text and math of the page never wait for 1.6 MB of
// JavaScript, and a figure hidden in a closed dropdown is drawn when opened.
//
// Accessibility. Bokeh draws its widgets in shadow DOM and leaves gaps a
// screen reader falls into. Once a figure is drawn, and again whenever Bokeh
// redraws part of it, this script
// - names every slider handle after its slider's title (Bokeh's noUiSlider
//   handle has role="slider", a value and arrow keys, but no name; its size,
//   contrast and focus ring come with the figure, mlmath.figures.kit.widgets);
// - names any other form control without a label after its widget's title
//   (a Spinner's arrow buttons too), and tells the pressed state of toggle
//   and button-group buttons, which Bokeh shows by colour only;
// - makes every Div whose name ends in "readout" a polite live region, so the
//   numbers a slider changes are announced after the slider's own value;
// - hides the plot canvases from assistive technology: what they show is the
//   figure's text alternative, the description its wrapper points to, which
//   is also the static twin's alt text in the PDF.
//
// Dark mode. Figures are built light (mlmath.figures.kit.palette). When the
// theme is dark, every light palette colour of a figure is swapped for its
// dark twin, from the table in the figure's data-mlmath-palette: in the
// document's JSON before BokehJS draws it, and in the colours a callback
// writes into a data source afterwards. When the reader switches the theme,
// every drawn figure follows at once. Text in readouts and widgets follows by
// itself, through CSS variables (mlmath.figures.kit.layout).
(() => {
  "use strict"

  const FIGURE = "[data-mlmath-figure]"
  const HANDLE_PARTS = ["lower end", "upper end"]  // RangeSlider and friends
  const AHEAD = "100% 0px"  // start loading a screen before a figure is visible
  const bundles = (document.currentScript?.dataset.bokehjs ?? "").split(/\s+/).filter(Boolean)
  const queue = window.mlmathFigureQueue ?? []

  // -- loading ----------------------------------------------------------------
  let bokehjs = null
  function load_bokehjs() {
    if (bokehjs === null) {
      bokehjs = typeof Bokeh !== "undefined" ? Promise.resolve() : new Promise((resolve, reject) => {
        bundles.forEach((src, index) => {
          const tag = document.createElement("script")
          tag.src = src
          tag.async = false  // download together, run in order: every bundle extends the core
          tag.onerror = () => reject(new Error(`BokehJS could not be loaded from ${src}`))
          if (index === bundles.length - 1) tag.onload = resolve
          document.head.append(tag)
        })
      })
    }
    return bokehjs
  }

  const drawn = new WeakSet()
  function draw(figure) {
    if (drawn.has(figure)) return
    drawn.add(figure)
    load_bokehjs().then(() => {
      for (const [script, embed] of queue) {
        if (figure.contains(script)) embed((json) => themed_json(json, figure))
      }
      schedule(figure)
    }).catch((error) => console.error(error))
  }

  // -- accessibility ----------------------------------------------------------
  // Every view below `view`, `view` included.
  function* views(view) {
    yield view
    for (const child of view.child_views ?? []) yield* views(child)
  }

  // Every element below `root`, descending into open shadow roots.
  function* elements(root) {
    for (const element of root.querySelectorAll("*")) {
      yield element
      if (element.shadowRoot) yield* elements(element.shadowRoot)
    }
  }

  function title_of(model) {
    for (const key of ["title", "label"]) {
      const value = model.properties?.[key] ? model[key] : null
      if (typeof value === "string" && value.trim()) return value.trim()
    }
    return null
  }

  function set(element, attribute, value) {
    if (element.getAttribute(attribute) !== value) element.setAttribute(attribute, value)
  }

  function unnamed(element) {
    return !element.textContent.trim() && !element.getAttribute("aria-label")
      && !element.getAttribute("aria-labelledby") && !element.labels?.length
  }

  function label_view(view) {
    const shadow = view.shadow_el
    if (!shadow) return
    const title = title_of(view.model)
    const handles = shadow.querySelectorAll(".noUi-handle")
    // noUiSlider announces a value with two decimals ("3.00"); say what the
    // slider shows instead, in its own format ("3"; "0.2 .. 0.8" for a range).
    const shown = shadow.querySelector(".bk-slider-value")?.textContent.trim().split(" .. ")
    handles.forEach((handle, index) => {
      if (title) set(handle, "aria-label", handles.length > 1 ? `${title}, ${HANDLE_PARTS[index] ?? index + 1}` : title)
      if (shown?.length === handles.length && shown[index]) set(handle, "aria-valuetext", shown[index])
    })
    if (title) {
      for (const control of shadow.querySelectorAll("input, select, textarea, [role=switch], [role=checkbox]")) {
        if (unnamed(control)) set(control, "aria-label", title)
      }
    }
    // A Spinner's arrow buttons: named, and left out of the tab order (the
    // arrow keys in its field do the same).
    for (const [selector, verb] of [[".bk-spin-btn-up", "Increase"], [".bk-spin-btn-down", "Decrease"]]) {
      for (const button of shadow.querySelectorAll(selector)) {
        set(button, "aria-label", title ? `${verb} ${title}` : verb)
        set(button, "tabindex", "-1")
      }
    }
    // Toggle and button groups show their state by a class only: say it.
    if (["Toggle", "RadioButtonGroup", "CheckboxButtonGroup"].includes(view.model.type)) {
      for (const button of shadow.querySelectorAll(".bk-btn")) {
        set(button, "aria-pressed", String(button.classList.contains("bk-active")))
      }
    }
    if (view.model.type === "Div" && (view.model.name ?? "").endsWith("readout")) {
      set(view.el, "role", "status")
      set(view.el, "aria-live", "polite")
    }
  }

  // The figure's root views, once every one of them has finished drawing.
  function figure_views(figure) {
    const found = []
    for (const root of figure.querySelectorAll("[data-root-id]")) {
      const view = Bokeh.index.get_by_id(root.dataset.rootId)
      if (view == null || !view.has_finished()) return null
      found.push(view)
    }
    return found.length ? found : null
  }

  const observed = new WeakSet()
  function apply(figure) {
    const roots = figure_views(figure)
    if (roots === null) return false
    for (const root of roots) for (const view of views(root)) label_view(view)
    for (const element of elements(figure)) {
      if (element.tagName === "CANVAS") set(element, "aria-hidden", "true")
      // Apply again when Bokeh redraws part of the figure (a new handle, a new view).
      if (element.shadowRoot && !observed.has(element.shadowRoot)) {
        observed.add(element.shadowRoot)
        new MutationObserver(() => schedule(figure)).observe(element.shadowRoot,
          {childList: true, subtree: true, attributes: true, attributeFilter: ["class"]})
      }
    }
    if (!recoloured.has(figure)) {
      recoloured.add(figure)
      recolour(figure)
    }
    set(figure, "data-mlmath-accessible", "")
    set(figure, "data-mlmath-drawn", "")  // the twin in its place steps aside (mlmath.css)
    return true
  }

  // Wait (up to a minute) for the figure to be drawn, then apply, once a frame at most.
  const pending = new Set()
  function schedule(figure, attempt = 0) {
    if (pending.has(figure)) return
    pending.add(figure)
    requestAnimationFrame(() => {
      pending.delete(figure)
      const ready = typeof Bokeh !== "undefined" && Bokeh.index
      if (!(ready && apply(figure)) && attempt < 1200) setTimeout(() => schedule(figure, attempt + 1), 50)
    })
  }

  // -- dark mode ----------------------------------------------------------------
  const is_dark = () => document.documentElement.dataset.theme === "dark"
  const tables = new WeakMap()  // figure -> {dark: light -> dark, light: dark -> light}
  function table_of(figure) {
    if (!tables.has(figure)) {
      const dark = JSON.parse(figure.dataset.mlmathPalette ?? "{}")
      const light = Object.fromEntries(Object.entries(dark).map(([l, d]) => [d, l]))
      tables.set(figure, {dark, light})
    }
    return tables.get(figure)[is_dark() ? "dark" : "light"]
  }

  // `value` with its colours looked up in `table`, or undefined if none is in it.
  function swapped(value, table) {
    if (typeof value === "string") return table[value.toLowerCase()]
    if (value !== null && typeof value === "object" && typeof value.value === "string") {
      const colour = table[value.value.toLowerCase()]
      return colour === undefined ? undefined : {...value, value: colour}
    }
    return undefined
  }

  // The document's JSON, as embedded in the page, with its colours for the
  // page's mode: the figure is drawn dark from the start, with no light flash.
  function themed_json(json, figure) {
    const table = table_of(figure)
    return json.replace(/"#[0-9a-fA-F]{6}"/g, (quoted) => {
      const colour = table[quoted.slice(1, -1).toLowerCase()]
      return colour === undefined ? quoted : `"${colour}"`
    })
  }

  function recolour_source(source, table) {
    let changed = false
    const data = {}
    for (const [column, values] of Object.entries(source.data)) {
      const strings = Array.isArray(values) && values.some((v) => typeof v === "string")
      const mapped = strings ? values.map((v) => swapped(v, table) ?? v) : values
      if (strings && mapped.some((v, i) => v !== values[i])) changed = true
      data[column] = mapped
    }
    if (changed) source.data = data
  }

  const watched = new WeakSet()
  function recolour(figure) {
    const roots = figure_views(figure)
    if (roots === null) return
    const table = table_of(figure)
    for (const model of roots[0].model.document.all_models) {
      if (model.type === "ColumnDataSource") {
        recolour_source(model, table)
        if (!watched.has(model)) {  // a callback writes light colours: swap them again
          watched.add(model)
          model.connect(model.properties.data.change, () => recolour_source(model, table_of(figure)))
        }
        continue
      }
      const changes = {}
      for (const [name, property] of Object.entries(model.properties)) {
        if (!name.endsWith("color")) continue
        const colour = swapped(property.get_value(), table)
        if (colour !== undefined) changes[name] = colour
      }
      if (Object.keys(changes).length) model.setv(changes)
    }
  }

  const recoloured = new Set()
  new MutationObserver(() => recoloured.forEach(recolour))
    .observe(document.documentElement, {attributes: true, attributeFilter: ["data-theme"]})

  // -- start ------------------------------------------------------------------
  function start() {
    const figures = document.querySelectorAll(FIGURE)
    if (!("IntersectionObserver" in window)) {
      figures.forEach(draw)
      return
    }
    const near = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) {
          near.unobserve(entry.target)
          draw(entry.target)
        }
      }
    }, {rootMargin: AHEAD})
    figures.forEach((figure) => near.observe(figure))
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start)
  else start()
})()
