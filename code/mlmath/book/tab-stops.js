/* The book's version of pydata-sphinx-theme's addTabStopsToScrollableElements,
   patched into the theme's script by mlmath.book.theme_scripts.

   The theme makes every code block and output that scrolls a tab stop (so a
   keyboard can scroll it) and takes the others out of the tab order. It reads
   one element's size, writes its tabIndex, reads the next: one layout per
   element. The book's stylesheet lets the browser skip laying out chapter
   sections that are off screen (content-visibility: auto), and those reads
   would lay every one of them out at load, in one long task.

   Here an element is measured when its section comes on screen, all reads
   before all writes. Until then it is a tab stop: it may scroll, and a
   keyboard must not skip one that does. The expression evaluates to the
   function the theme calls at load, on resize and when the page changes. */
(() => {
  const SELECTOR = ["pre", ".nboutput > .output_area", ".cell_output > .output",
    ".jp-RenderedHTMLCommon", ".pst-scrollable-table-container"].join(", ");
  /* The sections mlmath.css gives content-visibility: auto on narrow screens. */
  const SECTIONS = ".bd-article > section > section";
  const onScreen = new Set();

  const measure = (elements) => {
    const scrolls = elements.map((el) =>
      el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight);
    elements.forEach((el, i) => { el.tabIndex = scrolls[i] ? 0 : -1; });
  };

  const update = () => {
    const now = [];
    for (const el of document.querySelectorAll(SELECTOR)) {
      const section = el.closest(SECTIONS);
      if (!observer || !section || onScreen.has(section)) now.push(el);
      else if (!el.hasAttribute("tabindex")) el.tabIndex = 0;
    }
    measure(now);
  };

  const observer = "IntersectionObserver" in window && new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        onScreen.add(entry.target);
        measure([...entry.target.querySelectorAll(SELECTOR)]);
      } else {
        onScreen.delete(entry.target);
      }
    }
  });
  if (observer) document.querySelectorAll(SECTIONS).forEach((s) => observer.observe(s));
  return update;
})()
