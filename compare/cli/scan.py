"""Commands of the scan: ``compare index build|add|remove|stats`` and ``compare scan``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import typer

from compare.cli.common import SET_OPTION, SETTINGS_FILE_OPTION, ArticleStream, chosen_settings, run_guarded
from compare.errors import UsageError
from compare.settings import SCAN_SHARD_BYTES
from compare.settings import ScanSettings as _ScanDefaults

MIN_WORDS = _ScanDefaults().align.min_passage_words

index_app = typer.Typer(
    help="Keep a persistent index of originals (one SQLite file) for `compare scan`.",
    no_args_is_help=True,
)

if TYPE_CHECKING:
    from compare.errors import InputError
    from compare.scan import Change, Engine, ScanResult

DB_HELP = "The index file (SQLite)."
WORKERS_HELP = "Processes that read, fingerprint and compress the texts (default: every core)."


def _workers(count: int | None) -> int:
    from compare.scan.engines import all_cores

    if count is None:
        return all_cores()
    if count < 1:
        raise UsageError(f"--workers must be at least 1, got {count}")
    return count


def _pair_pages(value: str | None) -> int | None | Literal["settings"]:
    """``--pages``: a count, or ``all``; not given, the settings' ``scan.pair_pages``."""
    if value is None:
        return "settings"
    if value.strip().lower() == "all":
        return None
    if not value.strip().isdigit():
        raise UsageError(f"--pages takes a number or 'all', got {value!r}")
    return int(value)


class EngineChoice(StrEnum):
    local = "local"
    dask = "dask"


def estimated_total(paths: list[str]) -> int | None:
    """How many articles the inputs hold, for the progress bar's ETA: lines of JSONL files, one per
    other file; None when an input cannot be counted ahead (a web archive, a URL, stdin)."""
    total = 0
    for path in map(Path, paths):
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            suffix = file.suffix.lower()
            if str(path) == "-" or suffix in (".warc", ".gz") or not file.is_file():
                return None
            if suffix in (".jsonl", ".ndjson"):
                with file.open("rb") as stream:
                    total += sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b""))
            else:
                total += 1
    return total


def _change_line(change: Change) -> str:
    parts = [f"{change.added} added"]
    if change.replaced:
        parts.append(f"{change.replaced} replaced")
    if change.unchanged:
        parts.append(f"{change.unchanged} unchanged")
    return ", ".join(parts) + "."


@index_app.command("build", epilog="Example: compare index build originals/ --db originals.db")
def build(
    paths: list[str] = typer.Argument(..., metavar="PATHS...", help="Originals: files, folders (recursed) or JSONL exports."),
    db: Path = typer.Option(..., "--db", help=DB_HELP),
    workers: int | None = typer.Option(None, "--workers", help=WORKERS_HELP, show_default=False),
) -> None:
    """Create a new index of the originals (replacing any file at --db once it is complete)."""

    def body() -> None:
        from compare.cli.common import check_inputs, report_skip, report_skip_count
        from compare.scan.building import build_index_from_inputs
        from compare.scan.index import Analysis
        from compare.settings import BoilerplateSettings, FingerprintSettings

        count = _workers(workers)
        check_inputs(paths)
        skipped: list[InputError] = []

        def skip(error: InputError) -> None:
            report_skip(error)
            skipped.append(error)

        analysis = Analysis(FingerprintSettings(), BoilerplateSettings(), count)
        try:
            with _progress("indexing", "originals") as progress:
                found = progress.count(estimated_total(paths))
                change = build_index_from_inputs(db, paths, analysis, progress=found, on_skip=skip)
        finally:
            report_skip_count(len(skipped))
        typer.echo(f"{db}: " + _change_line(change))

    run_guarded(body)


@index_app.command("add", epilog="Example: compare index add new/ --db originals.db")
def add(
    paths: list[str] = typer.Argument(..., metavar="PATHS...", help="Originals to add: files, folders or JSONL exports."),
    db: Path = typer.Option(..., "--db", help=DB_HELP),
    workers: int | None = typer.Option(None, "--workers", help=WORKERS_HELP, show_default=False),
) -> None:
    """Add originals to an index; an id already there is replaced when its text changed."""

    def body() -> None:
        from compare.scan import add_articles

        count = _workers(workers)
        articles = ArticleStream(paths, workers=count)
        with _progress("adding", "originals") as progress:
            change = add_articles(db, articles, count, progress=progress.count(estimated_total(paths)))
        articles.finish()
        typer.echo(f"{db}: " + _change_line(change))

    run_guarded(body)


@index_app.command("remove", epilog="Example: compare index remove tass-0012 --db originals.db")
def remove(
    ids: list[str] = typer.Argument(..., metavar="IDS...", help="Ids of the originals to remove."),
    db: Path = typer.Option(..., "--db", help=DB_HELP),
) -> None:
    """Remove originals from an index by id."""

    def body() -> None:
        from compare.scan import remove_ids

        change = remove_ids(db, ids)
        for missing in change.missing:
            typer.echo(f"Not in the index: {missing}", err=True)
        typer.echo(f"{db}: {change.removed} removed.")

    run_guarded(body)


@index_app.command("stats", epilog="Example: compare index stats --db originals.db")
def stats(db: Path = typer.Option(..., "--db", help=DB_HELP)) -> None:
    """Show how many originals an index holds and how big it is."""

    def body() -> None:
        from compare.scan import index_info

        info = index_info(db)
        lines = [
            f"index: {info.path} (schema version {info.schema_version}, change {info.generation})",
            f"documents: {info.documents}",
            f"fingerprints: {info.fingerprints} ({info.fingerprints / max(info.documents, 1):.1f} per document; "
            f"{info.settings.shingle_words}-word shingles, 1 in {info.settings.modulo})",
            f"file size: {info.file_bytes / 1e6:.1f} MB ({info.bytes_per_document:.0f} bytes per document; "
            f"{info.index_bytes_per_document:.0f} without the stored texts)",
        ]
        typer.echo("\n".join(lines))

    run_guarded(body)


def scan(
    paths: list[str] = typer.Argument(
        ..., metavar="PATHS...", help="Pages to check: files, folders (recursed) or JSONL exports."
    ),
    index: Path = typer.Option(..., "--index", help="The index of originals (from `compare index build`)."),
    out: Path = typer.Option(
        ..., "--out", "-o", help="Folder for matches.csv, matches.jsonl and index.html."
    ),
    workers: int | None = typer.Option(
        None, "--workers", help="Worker processes (local) or dask workers (default: every core).", show_default=False
    ),
    engine: EngineChoice = typer.Option(
        EngineChoice.local, "--engine", help="local (process pool) or dask (dask.distributed)."
    ),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Address of a running dask scheduler (default: start a LocalCluster)."
    ),
    shard_mb: float = typer.Option(
        SCAN_SHARD_BYTES / 2**20,
        "--shard-mb",
        metavar="MB",
        help="With --engine dask: the index is shipped to the workers in shards of about this many MB "
        "(workers need no access to the index file).",
    ),
    pages: str | None = typer.Option(
        None,
        "--pages",
        show_default=False,
        help="Write pair pages for the N most copied matches, or 'all'; "
        "`compare serve DIR` makes any other row's page when it is opened. "
        f"[default: {_ScanDefaults().pair_pages}, the setting scan.pair_pages]",
    ),
    stance: bool = typer.Option(
        False, "--stance", help="Give the pair pages their stance section (voices, wording, bias): slower."
    ),
    min_words: int | None = typer.Option(
        None,
        "--min-words",
        show_default=False,
        help="A row needs a copied passage of at least N words that are not boilerplate; "
        f"shorter passages count as not copied. [default: {MIN_WORDS}, the setting scan.align.min_passage_words]",
    ),
    set_values: list[str] = SET_OPTION,
    settings_file: Path | None = SETTINGS_FILE_OPTION,
) -> None:
    """Find which indexed originals each page copies; resumable, with a progress bar."""

    options = _ScanOptions(
        engine, workers, scheduler, shard_mb, pages, stance, min_words, set_values, settings_file
    )
    run_guarded(lambda: _run_scan(paths, index, out, options))


@dataclass(frozen=True)
class _ScanOptions:
    """What `compare scan` was asked, checked when the scan starts."""

    engine: EngineChoice
    workers: int | None
    scheduler: str | None
    shard_mb: float
    pages: str | None
    stance: bool
    min_words: int | None
    set_values: list[str]
    settings_file: Path | None

    def settings(self) -> _ScanDefaults:
        """The scan's settings (``scan.*`` of --settings and --set) with --min-words."""
        from compare.settings import with_min_words

        return with_min_words(chosen_settings(self.set_values, self.settings_file, only="scan").scan, self.min_words)

    def chosen_engine(self) -> Engine:
        from compare.scan import Engine
        from compare.scan.scan import check_engine_options

        check_engine_options(self.engine.value, self.scheduler)
        shard_bytes = round(self.shard_mb * 2**20)
        if self.engine is EngineChoice.dask:
            return Engine("dask", _workers(self.workers), self.scheduler, shard_bytes=shard_bytes)
        return Engine("local", _workers(self.workers), self.scheduler, shard_bytes=shard_bytes)


def _run_scan(paths: list[str], index: Path, out: Path, options: _ScanOptions) -> None:
    from compare.scan import index_info

    chosen, settings, pair_pages = options.chosen_engine(), options.settings(), _pair_pages(options.pages)
    index_info(index)  # refuse a missing or foreign index before reading any page
    read = _scan_on_cluster if chosen.name == "dask" else _scan_locally
    result, inputs_skipped = read(paths, index, out, _Scan(chosen, settings, pair_pages, options.stance))
    for item in result.skipped[: len(result.skipped) - inputs_skipped]:
        typer.echo(f"Skipped: {item}", err=True)
    typer.echo(
        f"{result.pages} pages ({result.scanned} scanned, {result.resumed} from an earlier run), "
        f"{len(result.matches)} matches: {out / 'index.html'}"
    )


@dataclass(frozen=True)
class _Scan:
    """How `compare scan` was asked to scan, checked."""

    engine: Engine
    settings: _ScanDefaults
    pair_pages: int | None | Literal["settings"]
    stance: bool


def _scan_locally(paths: list[str], index: Path, out: Path, scan: _Scan) -> tuple[ScanResult, int]:
    """The scan with each page read in the worker that matches it; the inputs skipped listed as they come."""
    from compare.cli.common import check_inputs, report_skip, report_skip_count
    from compare.scan import scan_inputs

    check_inputs(paths)
    skipped: list[InputError] = []

    def skip(error: InputError) -> None:
        report_skip(error)
        skipped.append(error)

    try:
        with _progress("scanning", "pages", estimated_total(paths)) as progress:
            result = scan_inputs(
                paths,
                index,
                out,
                settings=scan.settings,
                engine=scan.engine,
                progress=progress,
                pair_pages=scan.pair_pages,
                stance=scan.stance,
                on_skip=skip,
            )
    finally:
        report_skip_count(len(skipped))
    return result, len(skipped)


def _scan_on_cluster(paths: list[str], index: Path, out: Path, scan: _Scan) -> tuple[ScanResult, int]:
    """The scan on a dask cluster: the pages read here (the cluster may not see the inputs)."""
    from compare.scan import scan_pages

    articles = ArticleStream(paths, workers=scan.engine.workers)
    with _progress("scanning", "pages", estimated_total(paths)) as progress:
        result = scan_pages(
            articles,
            index,
            out,
            settings=scan.settings,
            engine=scan.engine,
            progress=progress,
            pair_pages=scan.pair_pages,
            skipped_inputs=articles.skipped,
            stance=scan.stance,
        )
    articles.finish()
    return result, len(articles.skipped)


class _progress:
    """A rich progress bar on stderr with count, rate and ETA, as a callback (done, total).

    The ETA shows once the total is known (a stream of pages is counted as it is read).
    """

    def __init__(self, verb: str, unit: str, expected: int | None = None) -> None:
        self.verb, self.unit, self.expected = verb, unit, expected

    def __enter__(self) -> _progress:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        console = Console(stderr=True)
        self.bar = Progress(
            TextColumn(self.verb),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=console,
            transient=False,
            # A log file or a pipe gets the summary line, not a bar redrawn in it.
            disable=not console.is_terminal,
        )
        self.task = self.bar.add_task(self.verb, total=None, rate="")
        self.bar.start()
        return self

    def __call__(self, done: int, total: int | None) -> None:
        total = total if total is not None else self.expected
        if total is not None and done > total:
            total = None  # the estimate was short (records spanning lines): no ETA rather than a wrong one
        speed = self.bar.tasks[0].speed
        rate = f"{speed:,.0f} {self.unit}/s" if speed else ""
        self.bar.update(self.task, completed=done, total=total, rate=rate)

    def count(self, total: int | None) -> Callable[[int], None]:
        """A callback taking the count done alone, against a fixed total."""
        return lambda done: self(done, total)

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()
