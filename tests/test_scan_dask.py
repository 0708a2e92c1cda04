"""The scan on a dask cluster: the index shipped in shards, workers that see none of the client's
files, a worker lost mid-scan, and rows equal to the local engine's."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from compare.cli import app
from compare.model import Article
from compare.scan import Engine, ScanSettings, build_index, scan_pages
from compare.scan.index import open_index
from compare.scan.shards import plan_shards
from tests.scan_fixtures import originals, pages
from tests.test_scan_boilerplate import _feed
from tests.test_scan_cli import _jsonl, runner
from tests.test_scan_crosslingual import FIXTURES, _originals, needs_encoder

distributed = pytest.importorskip("distributed")


def _pages() -> list[Article]:
    """The fixture pages, a page copying the syndicated wire story, and a digest of three originals."""
    found, feed = originals(8), _feed()
    digest = "\n\n".join(found[k].text.split("\n\n")[k % 5] for k in (4, 5, 6))
    return [
        *pages(found),
        Article(id="wire-copy", text="\n\n".join(feed[0].text.split("\n\n")[1:3]), outlet="Aggregator"),
        Article(id="page-three", text=f"Three stories.\n\n{digest}", outlet="Digest Daily"),
    ]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dask") / "originals.db"
    build_index(path, [*originals(8), *_feed()], workers=1)
    return path


def _rows(out: Path) -> list[str]:
    return (out / "matches.jsonl").read_text(encoding="utf-8").splitlines()


def test_a_tiny_shard_size_gives_one_shard_per_original(index: Path) -> None:
    conn = open_index(index)
    try:
        plan = plan_shards(conn, ScanSettings(), shard_bytes=1)
    finally:
        conn.close()
    assert len(plan.ranges) == 17 and all(stop - first == 1 for first, stop in plan.ranges)


@pytest.mark.parametrize(
    "settings",
    [ScanSettings(batch_pages=3), ScanSettings(batch_pages=3, max_candidates=1, max_postings=2)],
    ids=["defaults", "one-candidate-few-postings"],
)
def test_shards_give_the_local_engines_rows(index: Path, tmp_path: Path, settings: ScanSettings) -> None:
    """Each original in a shard of its own: syndication groups span shards, a page's candidates
    come from several, and stock fingerprints are counted over the whole index."""
    local = scan_pages(_pages(), index, tmp_path / "local", settings=settings, engine=Engine("local", 1), pair_pages=0)
    sharded = Engine("dask", 2, processes=False, shard_bytes=1)
    dask = scan_pages(_pages(), index, tmp_path / "dask", settings=settings, engine=sharded, pair_pages=0)
    assert dask.matches == local.matches and _rows(tmp_path / "dask") == _rows(tmp_path / "local")
    assert len({(m.page_id, m.original_id) for m in local.matches}) >= 4


@pytest.mark.parametrize("shard_bytes", [1, 10**9], ids=["a-shard-per-original", "one-shard"])
def test_a_batch_is_fingerprinted_once_whatever_the_shard_count(
    index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shard_bytes: int
) -> None:
    """The pages' fingerprints are made once per batch on the cluster, not once per shard task."""
    import compare.scan.matching as matching

    fingerprinted: list[int] = []
    real = matching.fingerprint_tokens

    def counted(tokens: Any, settings: Any) -> Any:
        fingerprinted.append(len(tokens))
        return real(tokens, settings)

    monkeypatch.setattr(matching, "fingerprint_tokens", counted)
    sharded = Engine("dask", 2, processes=False, shard_bytes=shard_bytes)
    found = _pages()
    scan_pages(found, index, tmp_path / "dask", ScanSettings(batch_pages=3), sharded, pair_pages=0)
    assert len(found) == 6 and fingerprinted == [3, 3]


def test_progress_counts_the_pages_every_shard_has_answered(index: Path, tmp_path: Path) -> None:
    """The progress bar's count (and so its rate and ETA) moves once per batch answered by all
    the shards, whichever worker ran them, up to every page."""
    calls: list[tuple[int, int | None]] = []
    sharded = Engine("dask", 2, processes=False, shard_bytes=20_000)
    found = _pages()
    record = lambda done, total: calls.append((done, total))  # noqa: E731
    scan_pages(found, index, tmp_path / "dask", ScanSettings(batch_pages=3), sharded, record, pair_pages=0)
    assert len(found) == 6 and calls == [(0, 6), (3, 6), (6, 6), (6, 6)]


class RefuseFolder(distributed.diagnostics.plugin.WorkerPlugin):  # type: ignore[misc]
    """Makes a worker process unable to open anything under ``folder`` (as a worker on another
    machine would be): SQLite, open() and os.open all refuse it."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def setup(self, worker: Any) -> None:
        import builtins
        import io
        import sqlite3

        folder = self.folder

        def refuse(path: Any) -> None:
            if isinstance(path, (str, bytes, os.PathLike)) and os.fsdecode(path).startswith(folder):
                raise PermissionError(f"{os.fsdecode(path)}: not visible from this worker")

        def guarded(real: Any) -> Any:
            def call(path: Any, *args: Any, **kwargs: Any) -> Any:
                refuse(path)
                return real(path, *args, **kwargs)

            return call

        sqlite3.connect = guarded(sqlite3.connect)
        builtins.open = io.open = guarded(builtins.open)
        os.open = guarded(os.open)


class DieOnce(distributed.diagnostics.plugin.WorkerPlugin):  # type: ignore[misc]
    """Kills the worker process the first time any worker starts its ``after``-th shard task."""

    def __init__(self, marker: str, after: int) -> None:
        self.marker, self.after, self.seen = marker, after, 0

    def transition(self, key: Any, start: str, finish: str, **kwargs: Any) -> None:
        if finish != "executing" or "match_on_shard" not in str(key):
            return
        self.seen += 1
        if self.seen >= self.after and not os.path.exists(self.marker):
            Path(self.marker).touch()
            os._exit(1)


@pytest.fixture
def cluster() -> Iterator[Any]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as made:
        yield made


def test_workers_that_cannot_open_the_index_give_the_local_rows(
    index: Path, tmp_path: Path, cluster: Any
) -> None:
    """``compare scan --engine dask --scheduler ADDR`` on workers that cannot open any file of the
    client's (the index, the pages, the output folder) gives the rows of the local engine."""
    from compare.scan.matching import scan_batch

    page_file = _jsonl(tmp_path / "pages.jsonl", _pages())
    scan = ["scan", str(page_file), "--index", str(index), "--pages", "2"]
    with distributed.Client(cluster) as client:
        client.register_plugin(RefuseFolder(str(index.parent)))
        client.register_plugin(RefuseFolder(str(tmp_path)), name="refuse-output")
        # Opening the index at the client's path, as each worker did before shards, fails there.
        with pytest.raises(PermissionError, match="not visible from this worker"):
            client.submit(scan_batch, str(index), _pages()[:1], ScanSettings(), pure=False).result()
        options = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--shard-mb", "0.02"]
        result = runner.invoke(app, [*scan, "-o", str(tmp_path / "dask"), *options])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, [*scan, "-o", str(tmp_path / "local"), "--workers", "1"]).exit_code == 0
    assert _rows(tmp_path / "dask") == _rows(tmp_path / "local") and len(_rows(tmp_path / "local")) >= 5
    assert len(list((tmp_path / "dask" / "pairs").glob("*.html"))) == 2


def test_a_cluster_started_for_the_scan_keeps_the_shards_its_workers_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    """The LocalCluster a scan starts drops no replica between batches (a worker would fetch its
    shard again for each one) and leaves glibc's malloc trim to its default (the nanny's setting
    gives every large numpy temporary a fresh mapping)."""
    from compare.scan.engines import dask_client

    # As in a new `compare scan` process: a nanny started earlier in this one exported its own.
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    with dask_client(Engine("dask", 1)) as client:
        assert not client.amm.running()
        assert list(client.run(lambda: os.environ.get("MALLOC_TRIM_THRESHOLD_")).values()) == [None]
        profiled = client.run(lambda: __import__("dask").config.get("distributed.worker.profile.enabled"))
        assert list(profiled.values()) == [False]


def test_shard_size_must_be_positive(tmp_path: Path) -> None:
    result = runner.invoke(app, ["scan", "x", "--index", "y", "-o", "z", "--engine", "dask", "--shard-mb", "0"])
    assert result.exit_code == 2 and result.output == "Error: --shard-mb must be positive, got 0\n"


def test_a_worker_lost_mid_scan_is_replaced_without_duplicate_rows(
    index: Path, tmp_path: Path, cluster: Any
) -> None:
    settings = ScanSettings(batch_pages=1)
    marker = tmp_path / "killed"
    with distributed.Client(cluster) as client:
        client.register_plugin(DieOnce(str(marker), after=3))
        engine = Engine("dask", 2, scheduler=cluster.scheduler_address, shard_bytes=20_000)
        dask = scan_pages(_pages(), index, tmp_path / "dask", settings=settings, engine=engine, pair_pages=0)
    assert marker.exists()
    local = scan_pages(_pages(), index, tmp_path / "local", settings=settings, engine=Engine("local", 1), pair_pages=0)
    assert dask.matches == local.matches and _rows(tmp_path / "dask") == _rows(tmp_path / "local")
    state = (tmp_path / "dask" / ".scan-state.jsonl").read_text().splitlines()[1:]
    keys = [json.loads(line)["key"] for line in state]
    assert len(keys) == len(set(keys)) == len(_pages())


@needs_encoder
def test_translations_on_shards_are_the_local_engines(tmp_path: Path, examples: Path) -> None:
    index = tmp_path / "feed.sqlite"
    build_index(index, [*_originals(examples), *originals(4)], workers=1)
    found = [
        Article("ru-page", (FIXTURES / "nordpress-ru.txt").read_text(encoding="utf-8"), language="ru"),
        Article("copy", (examples / "dailyfeed-copy.txt").read_text(encoding="utf-8"), language="en"),
        *pages(originals(4))[:2],
    ]
    local = scan_pages(found, index, tmp_path / "local", engine=Engine("local", 1), pair_pages=0)
    sharded = Engine("dask", 1, processes=False, shard_bytes=1)
    dask = scan_pages(found, index, tmp_path / "dask", engine=sharded, pair_pages=0)
    assert dask.matches == local.matches and "yes" in {m.translated for m in local.matches}


def test_a_shipped_shard_is_memory_mapped_once_per_machine(index: Path) -> None:
    import pickle
    import tempfile

    import numpy as np

    from compare.scan.index import read_dictionary
    from compare.scan.shards import SHARD_FOLDER, build_shard, forget_shards

    conn = open_index(index)
    try:
        plan = plan_shards(conn, ScanSettings(), shard_bytes=20_000)
        shard, dictionary = build_shard(conn, plan, 1), read_dictionary(conn)
    finally:
        conn.close()
    first, second = pickle.loads(pickle.dumps(shard)), pickle.loads(pickle.dumps(shard))
    assert isinstance(first.postings.keys, np.memmap) and isinstance(second.texts.blob, np.memmap)
    assert first.postings.keys.filename == second.postings.keys.filename
    docs = [int(d) for d in shard.postings.docs]
    assert first.read(docs, dictionary) == shard.read(docs, dictionary)
    folder = Path(tempfile.gettempdir()) / SHARD_FOLDER / shard.name
    assert folder.is_dir()
    forget_shards([shard.name])
    assert not folder.exists()


def test_a_shipment_lost_with_its_worker_is_shipped_again() -> None:
    """A worker that dies while a shard or a batch is on its way to it (dask raises
    CommClosedError, "Stream is closed") costs a second shipment, not the scan."""
    from compare.scan.shards import _ShardedScan

    class DropsTheFirst:
        calls = 0

        def scatter(self, data: list[object], broadcast: bool, hash: bool) -> list[str]:
            self.calls += 1
            if self.calls == 1:
                raise distributed.comm.core.CommClosedError("Stream is closed")
            return [f"future of {data[0]}"]

    scan = object.__new__(_ShardedScan)
    scan.client = DropsTheFirst()
    assert scan._scatter("shard 3") == "future of shard 3" and scan.client.calls == 2
