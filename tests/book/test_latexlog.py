"""mlmath.book.latexlog: what xelatex only warns about fails the PDF build."""

from mlmath.book.latexlog import main, problems


def tex_log(*messages: str) -> str:
    """Messages as TeX writes them to its log: hard-wrapped at 79 characters."""
    return "\n".join("\n".join(m[i:i + 79] for i in range(0, len(m), 79)) for m in messages)


CLEAN = tex_log(
    "LaTeX Font Info:    Trying to load font information for TS1+FreeSerif on input line 12.",
    "Output written on book.pdf (37 pages).",
)
BROKEN = tex_log(
    "LaTeX Warning: Reference `equation:chapters/linear-algebra/vectors:eq-distance' "
    "on page 12 undefined on input line 850.",
    "",
    "Missing character: There is no ⟂ (U+27C2) in font "
    "FreeSerif:mode=node;script=latn;language=dflt;!",
    "",
    "LaTeX Warning: Float too large for page by 84.38547pt on input line 9364.",
    "",
    "LaTeX Warning: There were undefined references.",
)


def test_a_clean_log_has_no_problem():
    assert problems(CLEAN) == []


def test_wrapped_warnings_are_found_in_order():
    found = problems(BROKEN)
    assert [line.split(":")[0] for line in found] == [
        "undefined reference", "missing character", "float too large", "undefined references"]
    assert "eq-distance" in found[0] and "U+27C2" in found[1]


def test_exit_status(tmp_path, capsys):
    log = tmp_path / "book.log"
    log.write_text(BROKEN)
    assert main([str(log)]) == 1
    assert "undefined reference" in capsys.readouterr().err
    log.write_text(CLEAN)
    assert main([str(log)]) == 0
    assert main([str(tmp_path / "missing.log")]) == 2
