"""Check the LaTeX log of the book's PDF: what xelatex only warns about.

latexmk stops on LaTeX *errors*, but a reference it cannot resolve becomes
"??" in the PDF, a character missing from the font silently disappears, and
a figure taller than the page loses its foot (the caption) past the page's
edge; all three are only warnings in the log. ``make pdf`` runs

    python -m mlmath.book.latexlog _build/latex/math-for-ml.log

after the build, which lists every such warning and exits with status 1 when
there is one. The log checked is the one of latexmk's last xelatex pass, so
warnings that a later pass resolved do not count.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# TeX wraps its log at 79 characters; problems are matched on the joined text.
PROBLEMS = {
    "undefined reference": re.compile(
        r"(?:LaTeX|pdfTeX) Warning: (?:Hyper )?[Rr]eference `[^']*' on page \S+ undefined"),
    "undefined citation": re.compile(r"LaTeX Warning: Citation `[^']*' on page \S+ undefined"),
    "missing character": re.compile(r"Missing character: There is no \S+ (?:\(U\+[0-9A-F]+\) )?"
                                    r"in font [^!]*!"),
    "undefined references": re.compile(r"LaTeX Warning: There were undefined references"),
    # A float taller than the page: its foot (a figure's caption) is cut off in print.
    "float too large": re.compile(r"LaTeX Warning: Float too large for page by \S+ on input "
                                  r"line \d+\."),
}


def _joined(log: str) -> str:
    """Undo TeX's hard wrapping of log lines at 79 characters."""
    lines = log.splitlines()
    out: list[str] = []
    for line in lines:
        if out and len(out[-1]) >= 79:
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


def problems(log_text: str) -> list[str]:
    """Every unresolved reference and missing glyph in a LaTeX log, in order."""
    text = _joined(log_text)
    found: list[tuple[int, str]] = []
    for kind, pattern in PROBLEMS.items():
        for match in pattern.finditer(text):
            found.append((match.start(), f"{kind}: {match.group(0)}"))
    return [message for _, message in sorted(found)]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m mlmath.book.latexlog BOOK.log", file=sys.stderr)
        return 2
    path = Path(args[0])
    if not path.is_file():
        print(f"No LaTeX log at {path}: did the PDF build run?", file=sys.stderr)
        return 2
    found = problems(path.read_text(encoding="utf-8", errors="replace"))
    if found:
        print(f"{path}: {len(found)} problem(s) the PDF would show as '??' or as a gap:",
              file=sys.stderr)
        for message in found:
            print(f"  {message}", file=sys.stderr)
        return 1
    print(f"{path}: no undefined references, no missing characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
