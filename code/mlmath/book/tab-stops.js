/* The book's version of pydata-sphinx-theme's addTabStopsToScrollableElements,
   patched into the theme's script by mlmath.book.theme_scripts.

   The theme makes every code block and output that scrolls a tab stop (so a
   keyboard can scroll it) and takes the others out of the tab order. It reads
   one element's size, writes its tabIndex, reads the next: one layout per
   element. On a phone the book's stylesheet lets the browser skip laying out
   what is off screen (content-visibility: auto), and those reads would lay the
   whole chapter out at load, in one long task.

   Here a block is measured when it comes on screen, and those on screen when
   the theme asks again (on resize, when the page changes): all reads before
   all writes. Until a block has been seen it is a tab stop: it may scroll, and
   a keyboard must not skip one that does. The expression evaluates to the
   function the theme calls. */
(() => {
  const SELECTOR = ["pre", ".nboutput > .output_area", ".cell_output > .output",
    ".jp-RenderedHTMLCommon", ".pst-scrollable-table-container"].join(", ");
  const observed = new WeakSet();
  const onScreen = new Set();

  const measure = (elements) => {
    const scrolls = elements.map((el) =>
      el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight);
    elements.forEach((el, i) => { el.tabIndex = scrolls[i] ? 0 : -1; });
  };

  const observer = "IntersectionObserver" in window && new IntersectionObserver((entries) => {
    const shown = [];
    for (const entry of entries) {
      if (entry.isIntersecting) {
        onScreen.add(entry.target);
        shown.push(entry.target);
      } else {
        onScreen.delete(entry.target);
      }
    }
    measure(shown);
  });

  return () => {
    const elements = [...document.querySelectorAll(SELECTOR)];
    if (!observer) {
      measure(elements);
      return;
    }
    for (const el of elements) {
      if (observed.has(el)) continue;
      observed.add(el);
      observer.observe(el);
      if (!el.hasAttribute("tabindex")) el.tabIndex = 0;
    }
    measure(elements.filter((el) => onScreen.has(el)));
  };
})()
