"""mlmath.book.parallel: how many pages Sphinx reads at once."""

import pytest

from mlmath.book import parallel


def test_jobs_follow_the_environment_or_the_cores(monkeypatch):
    monkeypatch.setenv("MLMATH_BUILD_JOBS", "3")
    assert parallel.jobs() == 3
    monkeypatch.delenv("MLMATH_BUILD_JOBS")
    monkeypatch.setattr("os.cpu_count", lambda: 16)
    assert parallel.jobs() == 4  # more processes than this only add memory
    monkeypatch.setattr("os.cpu_count", lambda: None)
    assert parallel.jobs() == 1


@pytest.mark.parametrize("value", ["0", "-2", "two", "1.5", ""])
def test_a_bad_job_count_is_an_error_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv("MLMATH_BUILD_JOBS", value)
    with pytest.raises(ValueError, match="MLMATH_BUILD_JOBS must be a positive integer"):
        parallel.jobs()
