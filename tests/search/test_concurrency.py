"""Two processes writing to one index: the second waits for the first's lock, neither crashes."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from gongkai.search.analysis import make_indexed_document
from gongkai.search.engine import EngineQuery, TantivyEngine


def _write(path: str, start: int, count: int) -> None:
    engine = TantivyEngine(path)
    for pk in range(start, start + count):
        engine.add([make_indexed_document(id=pk, title=f"关于第{pk}号文件的通知", body="政务公开")])
        engine.commit()  # one writer at a time: each commit takes the file lock


def test_two_processes_write_without_lock_busy(tmp_path: Path) -> None:
    path = str(tmp_path / "idx")
    TantivyEngine(path).count()  # the index exists before the writers start
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_write, args=(path, start, 15)) for start in (1, 1001)]
    for process in writers:
        process.start()
    for process in writers:
        process.join(120)
    assert [p.exitcode for p in writers] == [0, 0]
    engine = TantivyEngine(path)
    assert engine.count() == 30
    assert engine.search(EngineQuery(facets=False, limit=50)).total == 30


def _rebuild(path: str) -> None:
    engine = TantivyEngine(path)
    engine.rebuild(make_indexed_document(id=pk, title=f"重建的第{pk}号文件") for pk in range(5000, 5200))


def test_a_rebuild_and_a_writer_at_once(tmp_path: Path) -> None:
    path = str(tmp_path / "idx")
    reader = TantivyEngine(path)
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_rebuild, args=(path,)), context.Process(target=_write, args=(path, 1, 10))]
    for process in processes:
        process.start()
    while processes[0].is_alive():
        reader.search(EngineQuery(facets=False))  # searching all along, never an error
        processes[0].join(0.05)
    for process in processes:
        process.join(120)
    assert [p.exitcode for p in processes] == [0, 0]
    assert reader.count() >= 200
