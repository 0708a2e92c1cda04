"""What every command shares: one-line errors with the right exit code, reading the inputs (skipped ones listed) and the settings options."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from compare.errors import CompareError, InputError, UsageError, no_articles_error, one_line

if TYPE_CHECKING:
    from compare.ingest import FetchSettings, LoadResult
    from compare.model import Article
    from compare.settings import Settings

DEBUG_HINT = "run `compare --debug ...` for the traceback"


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``Error: message`` to stderr and exit with ``code``."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


@dataclass
class RunOptions:
    """Options of the whole command line, set by the root callback on every run."""

    debug: bool = False


RUN = RunOptions()


def debug_on() -> bool:
    """True when the command line asked for tracebacks (``compare --debug COMMAND ...``)."""
    return RUN.debug


def run_guarded(body: Callable[[], None]) -> None:
    """Run a command body, turning every error into one line on stderr and an exit code.

    An unexpected exception (a bug) is one line too, unless ``--debug`` asks for its traceback.
    """
    try:
        body()
    except InputError as error:
        _show_detail(error)
        fail(str(error), error.exit_code)
    except CompareError as error:
        fail(str(error), error.exit_code)
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except (typer.Exit, typer.Abort, typer.BadParameter):
        raise
    except Exception as error:
        if debug_on():
            raise
        fail(f"unexpected {type(error).__name__}: {one_line(str(error))} ({DEBUG_HINT})")


def report_skip(error: InputError) -> None:
    """One line for an input or record that could not be read (its traceback with ``--debug``)."""
    typer.echo(f"Skipped: {error}", err=True)
    _show_detail(error)


def report_skip_count(count: int) -> None:
    """The closing count of skipped inputs, when there were any."""
    if count:
        typer.echo(f"Skipped {count} input{'s' if count != 1 else ''}.", err=True)


def report_skipped(skipped: Sequence[InputError]) -> None:
    """List the inputs that could not be read, one line each, then a count."""
    for error in skipped:
        report_skip(error)
    report_skip_count(len(skipped))


# What pair, report and events take; ``chosen_settings`` reads them.
SET_OPTION = typer.Option(
    [],
    "--set",
    metavar="NAME=VALUE",
    help="Set one setting, e.g. --set relation.model_min_words=80 (repeatable; `compare settings` lists them).",
)
SETTINGS_FILE_OPTION = typer.Option(
    None,
    "--settings",
    metavar="FILE",
    help="A TOML file of settings ([align] then min_passage_words = 7); --set and --min-words win over it.",
)


def chosen_settings(
    assignments: list[str], file: Path | None, min_words: int | None = None, only: str | None = None
) -> Settings:
    """The default settings with those of ``file``, then ``--set NAME=VALUE``, then ``--min-words``.

    A command that applies one group of settings (``only``, e.g. ``"scan"``) refuses the others, the
    other commands refuse the scan's, and every command refuses the settings read while inputs are
    loaded: a value that would change nothing is an error, not silently kept."""
    from compare.settings import (
        DEFAULT_SETTINGS,
        LOADING_SETTINGS,
        settings_file_values,
        with_min_words,
        with_values,
    )

    values = settings_file_values(file) if file is not None else {}
    for assignment in assignments:
        name, equals, value = assignment.partition("=")
        if not equals or not name.strip():
            raise UsageError(f"--set takes NAME=VALUE, got {assignment!r}")
        values[name.strip()] = value
    settings = with_values(DEFAULT_SETTINGS, values)
    for name in values:
        group = name.split(".")[0]
        if only is not None and group != only:
            raise UsageError(f"{name}: this command applies only the {only}.* settings")
        if only is None and group == "scan":
            raise UsageError(f"{name}: only compare scan applies the scan.* settings")
        if group in LOADING_SETTINGS:
            raise UsageError(
                f"{name} is read while inputs are loaded, with its default: --set and --settings cannot change it"
            )
    return with_min_words(settings, min_words)


def check_inputs(paths: Sequence[str]) -> None:
    """Inputs none of which exists (a misspelled path) are a usage error (exit 2, one line);
    a missing path among others that exist is skipped and listed, and the run goes on."""
    from compare.ingest.sources import is_url

    missing = [
        p for p in paths if p != "-" and not is_url(p) and not Path(p).exists() and not Path(p).is_symlink()
    ]
    if missing and len(missing) == len(paths):
        raise UsageError(f"{', '.join(missing)}: no such file or folder")


def load_articles(paths: Sequence[str], fetch: FetchSettings | None = None) -> LoadResult:
    """Load every input of a command at once (one batch: ``ingest.load_many``), listing the
    skipped ones; ``NoArticlesError`` when none is read (``check_inputs`` first)."""
    from compare.ingest import load_many

    check_inputs(paths)
    loaded = load_many(paths, fetch=fetch)
    report_skipped(loaded.skipped)
    if not loaded.articles:
        raise no_articles_error(paths)
    return loaded


class ArticleStream:
    """The articles of a command's inputs as a stream (``ingest.iter_articles``), for corpora of any
    size: each skipped input is listed as it comes and kept (``skipped``); ``finish`` prints the
    count. Like ``load_articles``, inputs none of which exists are a usage error, and inputs that
    give no article a ``NoArticlesError`` (raised here, once the stream has looked ahead for the
    first article)."""

    def __init__(
        self, paths: Sequence[str], clean: bool = True, fetch: FetchSettings | None = None, workers: int = 1
    ) -> None:
        from compare.ingest import iter_articles

        check_inputs(paths)
        self.skipped: list[InputError] = []
        self._items = iter_articles(paths, clean, fetch=fetch, workers=workers)
        self._first = next(self._articles(), None)
        if self._first is None:
            self.finish()
            raise no_articles_error(paths)

    def _articles(self) -> Iterator[Article]:
        for item in self._items:
            if isinstance(item, InputError):
                report_skip(item)
                self.skipped.append(item)
            else:
                yield item

    def __iter__(self) -> Iterator[Article]:
        if self._first is not None:
            first, self._first = self._first, None
            yield first
        yield from self._articles()

    def finish(self) -> None:
        """The closing count of skipped inputs."""
        report_skip_count(len(self.skipped))


def _show_detail(error: InputError) -> None:
    if error.detail and debug_on():
        typer.echo(error.detail.rstrip(), err=True)
