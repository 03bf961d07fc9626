"""Every label in the book names one place.

Two equations labelled alike (``:label: eq-log-odds`` in Bayes' theorem and in
logistic regression) make a reference point at whichever Sphinx read last.
The build warns about it only when both chapters are read by the same
process: with parallel reading (``-j``) the warning came and went from one
build to the next. Read from the sources, the check is certain.
"""

from __future__ import annotations

import collections
import re

from tests.chapters import source_path, toc_docnames

#: ``(name)=`` targets, and ``:label:`` options of directives (math, figures, exercises).
TARGET = re.compile(r"^\((?P<name>[A-Za-z0-9_.:-]+)\)=\s*$")
OPTION = re.compile(r"^:label:\s*(?P<name>\S+)\s*$")


def book_labels() -> dict[str, list[str]]:
    """Label -> the ``file:line`` places that define it."""
    places = collections.defaultdict(list)
    for docname in toc_docnames():
        path = source_path(docname)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            found = TARGET.match(line.strip()) or OPTION.match(line.strip())
            if found:
                places[found["name"]].append(f"{docname}:{number}")
    return places


def test_no_label_is_defined_twice():
    labels = book_labels()
    assert len(labels) > 300  # the scan finds the book's labels at all
    twice = {name: where for name, where in labels.items() if len(where) > 1}
    assert not twice, twice
