"""Where scan batches run: in this process, a local process pool, or a dask.distributed cluster.

Every engine runs the same function on the same batches, and the scan sorts what comes back,
so the results are identical whichever engine ran them. Batches come back as they finish, so
the scan can save each one at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from compare.errors import UsageError

EngineName = Literal["local", "dask"]


@dataclass(frozen=True)
class Engine:
    """How to run batches: ``local`` with ``workers`` processes (1 runs in this process), or ``dask``.

    ``scheduler`` is a dask scheduler address (a LocalCluster is started when it is None);
    ``processes`` says whether that LocalCluster uses worker processes or threads.
    """

    name: EngineName = "local"
    workers: int = 1
    scheduler: str | None = None
    processes: bool = True

    def __post_init__(self) -> None:
        if self.name not in ("local", "dask"):
            raise UsageError(f"unknown engine {self.name!r}: use local or dask")
        if self.workers < 1:
            raise UsageError(f"--workers must be at least 1, got {self.workers}")


def run_batches(
    engine: Engine, function: Callable[..., Any], batches: Sequence[tuple[Any, ...]]
) -> Iterator[tuple[int, Any]]:
    """Call ``function(*batch)`` for every batch; yield (batch number, result) as each finishes."""
    if engine.name == "dask":
        yield from _run_dask(engine, function, batches)
    elif engine.workers == 1 or len(batches) <= 1:
        for number, batch in enumerate(batches):
            yield number, function(*batch)
    else:
        yield from _run_pool(engine.workers, function, batches)


def _run_pool(
    workers: int, function: Callable[..., Any], batches: Sequence[tuple[Any, ...]]
) -> Iterator[tuple[int, Any]]:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    # spawn, not fork: the parent may run a progress-bar thread, which fork would copy mid-state.
    context = multiprocessing.get_context("spawn")
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        pending = {executor.submit(function, *batch): number for number, batch in enumerate(batches)}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: pending[f]):
                yield pending.pop(future), future.result()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _run_dask(
    engine: Engine, function: Callable[..., Any], batches: Sequence[tuple[Any, ...]]
) -> Iterator[tuple[int, Any]]:
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
        futures = [client.submit(function, *batch, pure=False) for batch in batches]
        numbers = {future.key: number for number, future in enumerate(futures)}
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            yield numbers[future.key], future.result()
    finally:
        client.close()  # type: ignore[no-untyped-call]
        if cluster is not None:
            cluster.close()
