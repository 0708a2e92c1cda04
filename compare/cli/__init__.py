"""The command-line interface: typer only; each command calls the library and reports errors in one line."""

from __future__ import annotations

import json
import sys
import textwrap
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from compare.cli.common import (
    RUN,
    SET_OPTION,
    SETTINGS_FILE_OPTION,
    ArticleStream,
    chosen_settings,
    fail,
    load_articles,
    run_guarded,
)
from compare.cli.serve import serve

if TYPE_CHECKING:
    from compare.model import Article
    from compare.settings import Settings

# Each argument's metavar (PATHS..., A, DIR) says what it takes, as the usage line shows it; typer's
# help would add its Python type ("PATHS... <list[str]>") and braces ("{paths}...").
setattr(typer.core.TyperArgument, "display_type_rich", lambda self, ctx: None)  # noqa: B010
setattr(  # noqa: B010
    typer.core.TyperArgument,
    "_usage_display_name",
    lambda self: self.display_name_raw if self.required else f"[{self.display_name_raw}]",
)

app = typer.Typer(
    name="compare",
    help="Find where news text came from and how outlets' accounts of an event differ.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain click help: the rich panels print a flag's type ("<bool>") and a list's ("<list[str]>").
    rich_markup_mode=None,
)


class PairFormat(StrEnum):
    html = "html"
    json = "json"
    text = "text"


@app.callback()
def _root(
    debug: bool = typer.Option(
        False, "--debug", help="Show the traceback behind an error or a skipped input (for bug reports)."
    ),
) -> None:
    """Find where news text came from and how outlets' accounts of an event differ."""
    RUN.debug = debug


SAVE_RAW_HELP = "Folder where every page fetched from a URL is kept as it arrived."
MIN_WORDS_HELP = (
    "Copied passages shorter than this many words are not reported as copied (their text counts "
    "as unique). Default 5 (see README); 40 suits corpora that mark only long inserted passages."
)
# Shared by pair and report; None keeps the settings' default.
MIN_WORDS_OPTION = typer.Option(None, "--min-words", help=MIN_WORDS_HELP)


class ExtractFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


@app.command(epilog="Example: compare pair wire.txt aggregator.html -o reports/")
def pair(
    a: str = typer.Argument(..., metavar="A", help="First article: a file, URL or - for stdin."),
    b: str = typer.Argument(..., metavar="B", help="Second article: a file, URL or - for stdin."),
    out: Path = typer.Option(Path("reports"), "--out", "-o", help="Folder for the HTML and JSON report."),
    format: PairFormat = typer.Option(
        PairFormat.html, "--format", "-f", help="html writes files; json or text print to stdout."
    ),
    no_clean: bool = typer.Option(
        False,
        "--no-clean",
        help="Take the inputs as clean text: offsets index the decoded files exactly.",
    ),
    no_stance: bool = typer.Option(
        False,
        "--no-stance",
        help="Leave out the stance section (voices, wording, bias): about twice as fast.",
    ),
    min_words: int | None = MIN_WORDS_OPTION,
    set_values: list[str] = SET_OPTION,
    settings_file: Path | None = SETTINGS_FILE_OPTION,
) -> None:
    """Compare two articles: shared passages, overlap, relation and who copied whom."""

    def body() -> None:
        from compare.ingest import load
        from compare.ingest.sources import is_url
        from compare.pipeline import compare_pair

        settings = chosen_settings(set_values, settings_file, min_words)
        if format is PairFormat.html:
            check_out_folder(out)
        if a != "-" and not is_url(a) and Path(a).is_file() and Path(a).resolve() == Path(b).resolve():
            typer.echo(f"Note: A and B are the same file ({a}): it is compared with itself.", err=True)
        result = compare_pair(
            load(a, clean=not no_clean), load(b, clean=not no_clean), settings, stance=not no_stance
        )
        if format is PairFormat.json:
            typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        elif format is PairFormat.text:
            from compare.render.text import pair_text

            typer.echo(pair_text(result))
        else:
            from compare.render.html import write_pair

            typer.echo(str(write_pair(result, out)))

    run_guarded(body)


@app.command(epilog="Example: compare report articles/ -o reports/")
def report(
    paths: list[str] = typer.Argument(
        ..., metavar="PATHS...", help="Files, folders (recursed), URLs or - for stdin."
    ),
    out: Path = typer.Option(
        Path("reports"), "--out", "-o", help="Folder for index.html and the pair pages."
    ),
    save_raw: Path | None = typer.Option(None, "--save-raw", help=SAVE_RAW_HELP),
    topic: bool = typer.Option(
        False,
        "--topic",
        help="Compare every pair within a topic (a running story), not only within an event.",
    ),
    min_words: int | None = MIN_WORDS_OPTION,
    set_values: list[str] = SET_OPTION,
    settings_file: Path | None = SETTINGS_FILE_OPTION,
) -> None:
    """Load every article and write an HTML report: index.html → event pages → pair pages."""

    def body() -> None:
        settings = chosen_settings(set_values, settings_file, min_words)
        typer.echo(str(_report(paths, out, settings, save_raw, topic)))

    run_guarded(body)


def check_out_folder(out: Path) -> None:
    """``-o`` names a folder to write into: an existing file there is a usage error."""
    from compare.errors import UsageError

    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: is a file, not a folder (-o takes the folder to write the report into)")


def _report(
    paths: list[str], out: Path, settings: Settings, save_raw: Path | None = None, by_topic: bool = False
) -> Path:
    """Load, build the report (``pipeline.build_report``) and write it into ``out``."""
    from compare.ingest import FetchSettings
    from compare.pipeline import build_report
    from compare.render.html import write_report

    check_out_folder(out)
    loaded = load_articles(paths, FetchSettings(save_raw=save_raw))
    return write_report(build_report(loaded, settings, by_topic=by_topic), out)


@app.command(epilog="Example: compare demo")
def demo(
    out: Path = typer.Option(Path("reports"), "--out", "-o", help="Folder for the report."),
) -> None:
    """Run `report` on the bundled sample corpus and print the path of its index.html."""
    from compare.examples_path import example_articles
    from compare.settings import DEFAULT_SETTINGS

    run_guarded(lambda: typer.echo(str(_report([str(p) for p in example_articles()], out, DEFAULT_SETTINGS))))


@app.command("settings", epilog="Example: compare settings")
def settings_command() -> None:
    """List every setting with its value, as --set NAME=VALUE and --settings FILE take them."""
    from compare.settings import DEFAULT_SETTINGS, setting_values

    for name, value in setting_values(DEFAULT_SETTINGS).items():
        typer.echo(f"{name} = {str(value).lower() if isinstance(value, bool) else value}")


@app.command(epilog="Example: compare extract page.html --format json")
def extract(
    paths: list[str] = typer.Argument(
        ..., metavar="PATHS...", help="Files, folders (recursed), URLs or - for stdin."
    ),
    format: ExtractFormat = typer.Option(
        ExtractFormat.json, "--format", "-f", help="json (a list), jsonl (one per line) or text."
    ),
    no_clean: bool = typer.Option(False, "--no-clean", help="Keep the text exactly as decoded."),
    save_raw: Path | None = typer.Option(None, "--save-raw", help=SAVE_RAW_HELP),
    workers: int | None = typer.Option(
        None,
        "--workers",
        help="Processes that read and clean the pages (default: every core).",
        show_default=False,
    ),
) -> None:
    """Print the loaded, cleaned article(s) with their metadata."""

    def body() -> None:
        from compare.cli.scan import _workers
        from compare.ingest import FetchSettings

        fetch = FetchSettings(save_raw=save_raw)
        articles = ArticleStream(paths, clean=not no_clean, fetch=fetch, workers=_workers(workers))
        for count, article in enumerate(articles):
            sys.stdout.write(_extract_record(article, format, count == 0))
        if format is ExtractFormat.json:
            typer.echo("\n]")
        articles.finish()

    run_guarded(body)


def _extract_record(article: Article, format: ExtractFormat, first: bool) -> str:
    """One article as ``extract`` prints it, streamed: ``json`` is one list, written item by item."""
    if format is ExtractFormat.json:
        item = textwrap.indent(json.dumps(article.to_dict(), ensure_ascii=False, indent=2), "  ")
        return ("[\n" if first else ",\n") + item
    if format is ExtractFormat.jsonl:
        return json.dumps(article.to_dict(), ensure_ascii=False) + "\n"
    heading = f"{article.outlet or 'unknown outlet'} · {article.date or 'undated'}"
    return f"# {article.name}\n{heading}\n\n{article.text}\n\n"


from compare.cli import train as _train  # noqa: E402
from compare.cli.events import events  # noqa: E402
from compare.cli.scan import index_app, scan  # noqa: E402

app.command("events", epilog="Example: compare events articles/ --format text")(events)
app.command("scan", epilog="Example: compare scan pages/ --index originals.db -o scan/")(scan)
app.command(epilog="Example: compare serve reports/ --open")(serve)
app.add_typer(index_app, name="index")
app.add_typer(_train.app, name="train")


def main() -> None:
    """Entry point of the ``compare`` console script."""
    app()


__all__ = ["app", "fail", "main"]
