"""Long chapters on a phone: sections and blocks off screen are not laid out
until the reader nears them (``content-visibility: auto`` in ``mlmath.css``), and nothing
a reader relies on notices: links to a section, print, code blocks' tab stops
(``mlmath.book.theme_scripts``). Desktops keep the plain layout."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

#: A long chapter with code blocks, outputs, a figure and exercises.
PAGE = "chapters/probability/distributions.html"
PHONE = {"width": 412, "height": 823}
DESKTOP = {"width": 1280, "height": 900}

#: Is the last section skipped (not laid out) right now? (Its heading is.)
LAST_SECTION_SKIPPED = """() => {
  const sections = document.querySelectorAll('.bd-article > section > section')
  const heading = sections[sections.length - 1].querySelector('h2')
  return heading.checkVisibility() && !heading.checkVisibility({contentVisibilityAuto: true})
}"""

#: The theme's own rule: an element that scrolls is a tab stop, one that does not is not.
SCROLLABLE = """() => [...document.querySelectorAll(
    'pre, .nboutput > .output_area, .cell_output > .output, .jp-RenderedHTMLCommon, '
    + '.pst-scrollable-table-container')]
  .filter((el) => el.checkVisibility({visibilityProperty: true}))
  .map((el) => [el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight,
                el.tabIndex, el.closest('section').id])"""


def _scroll_through(page) -> None:
    height = page.evaluate("document.documentElement.scrollHeight")
    y = 0
    while y < height:  # a screen at a time, as a reader would, letting each one draw
        y += PHONE["height"] // 2
        page.mouse.wheel(0, PHONE["height"] // 2)
        page.wait_for_timeout(60)
        height = page.evaluate("document.documentElement.scrollHeight")
    page.wait_for_timeout(300)


def test_a_phone_lays_out_only_the_sections_near_the_screen_and_prints_them_all(visit):
    page = visit(PAGE, viewport=PHONE).page
    page.wait_for_timeout(200)
    assert page.evaluate(LAST_SECTION_SKIPPED), "a phone lays out the whole chapter at load"
    page.emulate_media(media="print")
    assert not page.evaluate(LAST_SECTION_SKIPPED), "print must lay out every section"
    page.emulate_media(media="screen")
    page.reload()  # (what print laid out is remembered: start again)
    page.wait_for_timeout(200)
    assert page.evaluate(LAST_SECTION_SKIPPED)
    page.evaluate("document.querySelector('#exercises').scrollIntoView()")
    page.wait_for_timeout(300)
    assert not page.evaluate(LAST_SECTION_SKIPPED), "the section the reader reached was not drawn"


def test_a_desktop_lays_out_the_whole_chapter(visit):
    page = visit(PAGE, viewport=DESKTOP).page
    page.wait_for_timeout(200)
    assert not page.evaluate(LAST_SECTION_SKIPPED)


def test_a_link_to_a_section_lands_on_it_on_a_phone(visit):
    page = visit(f"{PAGE}#exercises", viewport=PHONE).page
    for wait in (100, 600):  # where it lands, and that it stays when the section is drawn
        page.wait_for_timeout(wait)
        top = page.evaluate("document.querySelector('#exercises h2').getBoundingClientRect().top")
        assert 0 <= top < PHONE["height"] / 3, f"the heading is at {top:.0f} px"


def test_every_code_block_that_scrolls_is_a_tab_stop_before_and_after_it_is_seen(visit):
    """The theme makes scrolling blocks tab stops by measuring them; the book's
    version measures a block when it comes on screen and, until then, keeps it
    in the tab order: a keyboard never misses one that scrolls."""
    visit_ = visit(PAGE, viewport=PHONE)
    page = visit_.page
    page.wait_for_timeout(300)
    before = page.evaluate(SCROLLABLE)  # (measuring here lays the sections out: after the script)
    assert [row for row in before if row[0] and row[1] != 0] == []
    unseen = [row for row in before if not row[0] and row[1] == 0]
    assert unseen, "no block below the screen waits to be measured: is the theme's script patched?"
    _scroll_through(page)
    after = page.evaluate(SCROLLABLE)
    wrong = [row for row in after if row[1] != (0 if row[0] else -1)]
    assert wrong == [], f"tab stops that do not match scrolling: {wrong}"
    assert {row[0] for row in after} == {True, False}, "the page should have both kinds"
    # Folded solutions are measured when the reader unfolds them and scrolls by.
    page.evaluate("""() => document.querySelectorAll('.toggle-hidden')
      .forEach((e) => e.classList.remove('toggle-hidden'))""")
    page.evaluate("window.scrollTo(0, 0)")
    _scroll_through(page)
    unfolded = page.evaluate(SCROLLABLE)
    assert len(unfolded) > len(after), "unfolding the solutions showed no code block"
    wrong = [row for row in unfolded if row[1] != (0 if row[0] else -1)]
    assert wrong == [], f"tab stops that do not match scrolling: {wrong}"
    visit_.assert_clean()
