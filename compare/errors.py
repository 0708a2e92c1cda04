"""Errors a user can act on: each message says what failed, where, and what to do."""

from __future__ import annotations

from collections.abc import Sequence


class CompareError(Exception):
    """Base class of every error `compare` raises on purpose."""

    exit_code = 1


class UsageError(CompareError):
    """The command was asked for something it cannot do (exit code 2)."""

    exit_code = 2


class InputError(CompareError):
    """One input could not be read as an article; names the input and the reason.

    ``detail`` keeps the traceback of an unexpected failure behind the reason (``--debug``).
    """

    def __init__(self, source: str, reason: str, detail: str | None = None) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
        self.detail = detail

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, str | None]]:
        # Rebuilt from its parts when sent between processes (the message alone is not enough).
        return type(self), (self.source, self.reason, self.detail)


class MissingInputError(InputError):
    """An input that does not exist (a misspelled path): a usage error (exit code 2)."""

    exit_code = 2


class NoArticlesError(CompareError):
    """None of the inputs gave an article."""


def no_articles_error(paths: Sequence[str]) -> NoArticlesError:
    """The error of a command none of whose inputs gave an article."""
    return NoArticlesError(f"no article could be read from {', '.join(paths)}")


class ModelError(CompareError):
    """A model file is missing, foreign or of another version."""


class IndexFileError(CompareError):
    """A scan index is missing, foreign, or of another schema version."""


def one_line(text: str, limit: int = 200) -> str:
    """A message squeezed to one line of at most ``limit`` characters."""
    squeezed = " ".join(text.split())
    return squeezed if len(squeezed) <= limit else squeezed[: limit - 1] + "…"
