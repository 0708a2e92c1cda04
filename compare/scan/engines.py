"""Where scan batches run: in this process, a local process pool, or a dask.distributed cluster.

Every engine runs the same function on the same batches, and the scan sorts what comes back,
so the results are identical whichever engine ran them. Batches come back as they finish, so
the scan can save each one at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import Any, Literal

from compare.errors import UsageError

EngineName = Literal["local", "dask"]


@dataclass(frozen=True)
class Engine:
    """How to run batches: ``local`` with ``workers`` processes (1 runs in this process), or ``dask``.

    ``workers`` defaults to every core of the machine.

    ``scheduler`` is a dask scheduler address (a LocalCluster is started when it is None);
    ``processes`` says whether that LocalCluster uses worker processes or threads.
    """

    name: EngineName = "local"
    workers: int = field(default_factory=lambda: all_cores())
    scheduler: str | None = None
    processes: bool = True

    def __post_init__(self) -> None:
        if self.name not in ("local", "dask"):
            raise UsageError(f"unknown engine {self.name!r}: use local or dask")
        if self.workers < 1:
            raise UsageError(f"--workers must be at least 1, got {self.workers}")


def all_cores() -> int:
    """The default number of worker processes: every core of this machine."""
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_batches(
    engine: Engine, function: Callable[..., Any], batches: Iterable[tuple[Any, ...]]
) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Call ``function(*batch)`` for every batch; yield (batch, result) as each finishes.

    Batches are drawn from ``batches`` only as workers free up (two in flight per worker), so
    a stream of pages is never held whole in memory.
    """
    if engine.name == "dask":
        yield from _run_dask(engine, function, batches)
        return
    source = iter(batches)
    first = list(islice(source, 2))
    if engine.workers == 1 or len(first) < 2:
        # One batch in all: starting worker processes would cost more than it saves.
        for batch in chain(first, source):
            yield batch, function(*batch)
    else:
        yield from _run_pool(engine.workers, function, chain(first, source))


def _run_pool(
    workers: int, function: Callable[..., Any], batches: Iterable[tuple[Any, ...]]
) -> Iterator[tuple[tuple[Any, ...], Any]]:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    # spawn, not fork: the parent may run a progress-bar thread, which fork would copy mid-state.
    context = multiprocessing.get_context("spawn")
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        pending: dict[Future[Any], tuple[int, tuple[Any, ...]]] = {}
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
                yield pending.pop(future)[1], future.result()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _run_dask(
    engine: Engine, function: Callable[..., Any], batches: Iterable[tuple[Any, ...]]
) -> Iterator[tuple[tuple[Any, ...], Any]]:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise UsageError("--engine dask needs dask.distributed: pip install 'compare-news[dask]'") from None
    cluster = None
    if engine.scheduler is None:
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=engine.workers,
            threads_per_worker=1,
            processes=engine.processes,
            dashboard_address=None,
        )
    try:
        client = Client(engine.scheduler or cluster, timeout="30s")  # type: ignore[no-untyped-call]
    except OSError as error:
        raise UsageError(f"cannot reach the dask scheduler at {engine.scheduler}: {error}") from None
    try:
        source = iter(batches)
        given: dict[Any, tuple[Any, ...]] = {}
        running = as_completed()  # type: ignore[no-untyped-call]

        def submit() -> None:
            batch: tuple[Any, ...] | None = next(source, None)
            if batch is not None:
                future = client.submit(function, *batch, pure=False)
                given[future.key] = batch
                running.add(future)  # type: ignore[no-untyped-call]

        for _ in range(2 * max(engine.workers, 1)):
            submit()
        for future in running:
            yield given.pop(future.key), future.result()
            submit()
    finally:
        client.close()  # type: ignore[no-untyped-call]
        if cluster is not None:
            cluster.close()
