"""The book's map (``mlmath.figures.algorithm_map``) against the book itself.

The map is data about the chapters, so these tests read the chapters: every
label it names exists where it says, its chapters are the table of contents',
the closing page's tables say exactly what the data say, and the chart draws
one mark per (algorithm, chapter) pair that the data list."""

from __future__ import annotations

import re

import matplotlib
import numpy as np
import pytest
import yaml

from mlmath.figures import algorithm_map as amap
from tests.chapters import source_path
from tests.conftest import ROOT

matplotlib.use("Agg")

PAGE = ROOT / "chapters" / "ml" / "algorithm-map.md"
LABEL = re.compile(r"^\(([a-z0-9-]+)\)=$", re.MULTILINE)
REF = re.compile(r"\{ref\}`(?:[^`<]*<)?([a-z0-9-]+)>?`")


def _parts() -> dict[str, list[str]]:
    """Each part's chapter docnames, overview first, as _toc.yml lists them."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return {part["caption"]: [c["file"] for c in part["chapters"]] for part in toc["parts"]}


def _chapter_labels() -> dict[str, tuple[int, str]]:
    """Every chapter's own label, mapped to its place in the book and its docname."""
    labels, place = {}, 0
    for chapters in _parts().values():
        for docname in chapters:
            found = LABEL.findall(source_path(docname).read_text(encoding="utf-8"))
            if found:
                labels[found[0]] = (place, docname)
            place += 1
    return labels


def _section_positions() -> dict[str, tuple[int, int]]:
    """Every label of every chapter: (chapter's place in the book, line)."""
    positions = {}
    for label, (place, docname) in _chapter_labels().items():
        text = source_path(docname).read_text(encoding="utf-8")
        for match in LABEL.finditer(text):
            positions[match.group(1)] = (place, text.count("\n", 0, match.start()))
    return positions


def test_the_map_chapters_are_the_table_of_contents():
    parts, chapter_labels = _parts(), _chapter_labels()
    label_of = {docname: label for label, (_, docname) in chapter_labels.items()}
    captions = list(parts)
    math = [(label_of[d], amap.PARTS[label_of[chapters[0]]])
            for chapters in (parts[c] for c in captions[:3]) for d in chapters[1:]]
    assert [(label, amap.PARTS[part]) for label, _, part in amap.MATH_CHAPTERS] == math
    models = [label_of[d] for d in parts[captions[3]][1:]]
    assert [label for label in models if label != "algorithm-map"] == list(amap.MODEL_CHAPTERS)
    assert [amap.PARTS[label_of[parts[c][0]]] for c in captions[:4]] == captions[:4]


def test_every_label_exists_in_the_chapter_it_is_filed_under():
    positions = _section_positions()
    chapters = _chapter_labels()
    for algorithm in amap.ALGORITHMS:
        for label in (algorithm.home, *algorithm.uses):
            assert label in positions, f"{algorithm.name}: no section is labelled {label!r}"
            place, _ = positions[label]
            assert place == chapters[amap.chapter_of(label)][0], label


def test_uses_come_from_parts_one_to_three_in_reading_order():
    positions = _section_positions()
    for algorithm in amap.ALGORITHMS:
        assert algorithm.uses, algorithm.name
        assert all(amap.part_of(label) != "ml" for label in algorithm.uses), algorithm.name
        places = [positions[label] for label in algorithm.uses]
        assert places == sorted(places), f"{algorithm.name}: uses out of reading order"
        assert len(set(algorithm.uses)) == len(algorithm.uses), algorithm.name


def test_every_model_chapter_builds_exactly_one_algorithm_of_the_map():
    homes = [a.home for a in amap.ALGORITHMS if a.part == "ml"]
    assert sorted(homes) == sorted(amap.MODEL_CHAPTERS)


def _page_tables() -> list[tuple[str, str, list[str]]]:
    """The rows of the closing page's list-tables: (algorithm, home, used labels)."""
    rows = []
    for table in re.findall(r"```\{list-table\}.*?\n```", PAGE.read_text(), re.DOTALL):
        for row in re.split(r"^\* - ", table, flags=re.MULTILINE)[2:]:  # skip the header
            cells = re.split(r"^  - ", row, flags=re.MULTILINE)
            name, home, uses = (" ".join(cell.split()) for cell in cells)
            rows.append((name, REF.findall(home)[0], REF.findall(uses)))
    return rows


def test_the_closing_page_tables_list_exactly_the_map():
    expected = [(a.name, a.home, list(a.uses)) for a in amap.ALGORITHMS]
    assert _page_tables() == expected


def test_the_chart_marks_each_used_chapter_once_and_rings_each_home():
    fig = amap.draw_algorithm_map()
    ax = fig.axes[0]
    *marks, rings = ax.collections
    drawn = {(int(x), int(y)) for c in marks for x, y in c.get_offsets()}
    counts = amap.usage_matrix()
    rows, cols = np.nonzero(counts)
    assert drawn == set(zip(cols.tolist(), rows.tolist()))
    assert sum(len(c.get_offsets()) for c in marks) == len(drawn)
    columns = [label for label, _, _ in amap.MATH_CHAPTERS]
    homes = {(columns.index(amap.chapter_of(a.home)), i) for i, a in enumerate(amap.ALGORITHMS)
             if a.part != "ml"}
    assert {(int(x), int(y)) for x, y in rings.get_offsets()} == homes
    # Larger marks for more sections: the mark of a two-section cell is twice the area.
    sizes = {(int(x), int(y)): s for c in marks for (x, y), s in zip(c.get_offsets(),
                                                                    c.get_sizes())}
    area = {counts[r, c]: sizes[(c, r)] for c, r in drawn}
    assert area[2] == pytest.approx(2 * area[1])
    matplotlib.pyplot.close(fig)


@pytest.mark.parametrize("label", ["", "vector", "ml-index", "notation"])
def test_a_label_outside_every_chapter_is_refused(label):
    with pytest.raises(ValueError, match="label must start with a chapter's label"):
        amap.chapter_of(label)


def test_an_algorithm_using_a_model_chapter_is_refused():
    bad = amap.Algorithm("Stacking", "k-means", ("linear-regression",))
    with pytest.raises(ValueError, match="not in Parts I-III"):
        amap.usage_matrix([bad])


def test_each_model_chapter_cites_what_the_map_says_it_uses():
    """A model's row claims no more than its chapter shows: each section it lists is
    linked from the chapter, the section itself or, at least, its chapter."""
    docname = {label: d for label, (_, d) in _chapter_labels().items()}
    for algorithm in (a for a in amap.ALGORITHMS if a.part == "ml"):
        text = source_path(docname[algorithm.home]).read_text(encoding="utf-8")
        cited = set(REF.findall(text))
        for label in algorithm.uses:
            assert {label, amap.chapter_of(label)} & cited, \
                f"{algorithm.name} is said to use {label!r}, which its chapter never links"
