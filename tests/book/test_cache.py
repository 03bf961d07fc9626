"""The jupyter-cache is ready before Sphinx forks its parallel readers.

A cold build once failed with "Unexpected error accessing jupyter cache":
every reader process opened the new cache and created its tables, and two
doing so at once collide ("table nbcache already exists")."""

from concurrent.futures import ProcessPoolExecutor
from types import SimpleNamespace

from jupyter_cache import get_cache

from mlmath.book.extension import HASH_FILE, _clear_stale_cache, source_hashes


def _app(cache_dir):
    config = SimpleNamespace(execution_mode="cache", execution_cache_path=str(cache_dir))
    return SimpleNamespace(env=SimpleNamespace(mystnb_config=config))


def _open(path):
    try:
        get_cache(path).list_cache_records()
        return "ok"
    except Exception as error:  # the failure we look for, whatever its type
        return repr(error.__cause__ or error)


def test_parallel_readers_open_a_cold_cache_without_colliding(tmp_path):
    failures = []
    with ProcessPoolExecutor(4) as pool:
        for round in range(12):
            cache_dir = tmp_path / f"cache{round}"
            _clear_stale_cache(_app(cache_dir))
            failures += [r for r in pool.map(_open, [str(cache_dir)] * 4) if r != "ok"]
    assert failures == []


def test_a_cache_filled_by_other_sources_is_emptied_and_stamped(tmp_path):
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    (cache_dir / HASH_FILE).write_text("an older package\n")
    (cache_dir / "leftover").write_text("from the older package")
    _clear_stale_cache(_app(cache_dir))
    assert not (cache_dir / "leftover").exists()
    assert (cache_dir / HASH_FILE).read_text().strip() == source_hashes()[0]
    assert get_cache(str(cache_dir)).list_cache_records() == []
