"""What every command shares: one-line errors with the right exit code, and the skipped-inputs summary."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NoReturn

import typer

from compare.errors import CompareError, InputError


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``Error: message`` to stderr and exit with ``code``."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


def run_guarded(body: Callable[[], None]) -> None:
    """Run a command body, turning library errors into one line on stderr and an exit code."""
    try:
        body()
    except InputError as error:
        fail(str(error), 2 if error.reason.startswith("no such file") else error.exit_code)
    except CompareError as error:
        fail(str(error), error.exit_code)
    except KeyboardInterrupt:
        fail("interrupted", 130)


def report_skipped(skipped: Sequence[InputError]) -> None:
    """List the inputs that could not be read, one line each, then a count."""
    for error in skipped:
        typer.echo(f"Skipped: {error}", err=True)
    if skipped:
        typer.echo(f"Skipped {len(skipped)} input{'s' if len(skipped) != 1 else ''}.", err=True)
