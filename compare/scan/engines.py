"""Where scan batches run: in this process, a local process pool, or a dask.distributed cluster.

``run_batches`` runs a function over batches in local processes: work that reads this machine's
files (the index, the output folder). On a dask cluster the scan itself runs on shards of the
index that the cluster is given (``compare.scan.shards``), so its workers need no file of this
machine. Batches come back as they finish, so the scan can save each one at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, Literal

from compare.errors import UsageError
from compare.settings import SCAN_SHARD_BYTES

if TYPE_CHECKING:
    from distributed import Client

EngineName = Literal["local", "dask"]

# Dask settings of a LocalCluster started for one scan. It has no dashboard, so nothing needs
# what feeds one: the workers' profiler sampling every 10 ms, the system monitor, the event-loop
# tick every 20 ms. Memory is checked each second, not ten times. And the nanny's default
# MALLOC_TRIM_THRESHOLD_ is left unset: it gives every large numpy temporary of a task a fresh
# mapping from the kernel, a quarter of the workers' CPU time at 20k x 20k.
LEAN_CLUSTER: dict[str, object] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.scheduler.active-memory-manager.start": False,
}


@dataclass(frozen=True)
class Engine:
    """How to run batches: ``local`` with ``workers`` processes (1 runs in this process), or ``dask``.

    ``workers`` defaults to every core of the machine.

    ``scheduler`` is a dask scheduler address (a LocalCluster is started when it is None);
    ``processes`` says whether that LocalCluster uses worker processes or threads;
    ``shard_bytes`` is the size of the index shards a dask scan ships to its workers.
    """

    name: EngineName = "local"
    workers: int = field(default_factory=lambda: all_cores())
    scheduler: str | None = None
    processes: bool = True
    shard_bytes: int = SCAN_SHARD_BYTES

    def __post_init__(self) -> None:
        if self.name not in ("local", "dask"):
            raise UsageError(f"unknown engine {self.name!r}: use local or dask")
        if self.workers < 1:
            raise UsageError(f"--workers must be at least 1, got {self.workers}")
        if self.shard_bytes < 1:
            raise UsageError(f"--shard-mb must be positive, got {self.shard_bytes / 2**20:g}")


def all_cores() -> int:
    """The default number of worker processes: every core of this machine."""
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_batches(
    engine: Engine, function: Callable[..., Any], batches: Iterable[tuple[Any, ...]], ordered: bool = False
) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Call ``function(*batch)`` for every batch in local processes; yield (batch, result) as each finishes.

    A local engine uses its ``workers`` processes; a dask engine's cluster may not see this
    machine's files, so its batches run on every core here. Batches are drawn from ``batches``
    only as workers free up (two in flight per worker), so a stream of pages is never held
    whole in memory. With ``ordered`` they are yielded in the order they were drawn.
    """
    workers = engine.workers if engine.name == "local" else all_cores()
    source = iter(batches)
    first = list(islice(source, 2))
    if workers == 1 or len(first) < 2:
        # One batch in all: starting worker processes would cost more than it saves.
        for batch in chain(first, source):
            yield batch, function(*batch)
    else:
        yield from _run_pool(workers, function, chain(first, source), ordered)


def _run_pool(
    workers: int, function: Callable[..., Any], batches: Iterable[tuple[Any, ...]], ordered: bool
) -> Iterator[tuple[tuple[Any, ...], Any]]:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    # spawn, not fork: the parent may run a progress-bar thread, which fork would copy mid-state.
    context = multiprocessing.get_context("spawn")
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        pending: dict[Future[Any], tuple[int, tuple[Any, ...]]] = {}
        finished: dict[int, tuple[tuple[Any, ...], Any]] = {}
        following = 0
        source = enumerate(batches)
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < 2 * workers:
                item = next(source, None)
                if item is None:
                    exhausted = True
                else:
                    pending[executor.submit(function, *item[1])] = item
            if not pending:
                break
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: pending[f][0]):
                number, batch = pending.pop(future)
                finished[number] = (batch, future.result())
            for number in _releasable(finished, following, ordered):
                following = number + 1
                yield finished.pop(number)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _releasable(finished: dict[int, Any], following: int, ordered: bool) -> list[int]:
    """The numbers of the finished batches to yield now: all of them, or with ``ordered`` those
    from ``following`` on without a gap."""
    if not ordered:
        return sorted(finished)
    numbers: list[int] = []
    while following + len(numbers) in finished:
        numbers.append(following + len(numbers))
    return numbers


@contextmanager
def dask_client(engine: Engine) -> Iterator[Client]:
    """A client of the engine's scheduler, or of a LocalCluster started for the scan and closed after."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError("--engine dask needs dask.distributed: pip install 'compare-news[dask]'") from None
    cluster = None
    if engine.scheduler is None:
        with dask.config.set(LEAN_CLUSTER):
            cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=engine.workers,
                threads_per_worker=1,
                processes=engine.processes,
                dashboard_address=None,
            )
    try:
        client = Client(engine.scheduler or cluster, timeout="30s")  # type: ignore[no-untyped-call]
    except OSError as error:
        if cluster is not None:
            cluster.close()
        raise UsageError(f"cannot reach the dask scheduler at {engine.scheduler}: {error}") from None
    try:
        yield client
    finally:
        client.close()  # type: ignore[no-untyped-call]
        if cluster is not None:
            cluster.close()
