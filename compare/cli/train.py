"""`compare train`: rebuild the shipped relation, stance and sentiment models, or train a local bias model."""

from __future__ import annotations

from pathlib import Path

import typer

from compare.cli.common import run_guarded

app = typer.Typer(
    help="Rebuild the models from public labelled data (files are non-pickle .npz).",
    no_args_is_help=True,
)


@app.command(epilog="Example: compare train stance --data fnc-1/ --out stance.npz")
def stance(
    data: Path = typer.Option(
        ..., "--data", help="FNC-1 folder with train_stances.csv and train_bodies.csv."
    ),
    out: Path | None = typer.Option(None, "--out", "-o", help="Model file (default: the shipped one)."),
) -> None:
    """Train the claim-stance model (agree/disagree/discuss/unrelated) on FNC-1."""

    def body() -> None:
        from compare.measure.stance.claim import train_stance

        typer.echo(str(train_stance(data, out)))

    run_guarded(body)


@app.command(epilog="Example: compare train sentiment --data newsmtsc/ --out sentiment.npz")
def sentiment(
    data: Path = typer.Option(..., "--data", help="NewsMTSC folder with train.jsonl."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Model file (default: the shipped one)."),
    news: Path | None = typer.Option(
        None, "--news", help="FNC-1 folder whose article bodies add text for the word vectors "
        "(default: a fnc-1-train folder next to --data, if any)."),
) -> None:
    """Train the target-dependent sentiment model on NewsMTSC."""

    def body() -> None:
        from compare.measure.stance.sentiment import train_sentiment

        typer.echo(str(train_sentiment(data, out, news)))

    run_guarded(body)


@app.command(epilog="Example: compare train bias --data babe.csv --out bias.npz")
def bias(
    data: Path = typer.Option(..., "--data", help="BABE-style ';'-separated CSV (text, label_bias)."),
    out: Path = typer.Option(
        ..., "--out", "-o", help="Model file to write (.npz); use it with predict_bias(model=...)."
    ),
) -> None:
    """Train a sentence bias model on a CSV you supply (its licence may forbid shipping it)."""

    def body() -> None:
        from compare.measure.stance.bias import train_bias

        typer.echo(str(train_bias(data, out)))

    run_guarded(body)


@app.command(epilog="Example: compare train relation --data labelled-pairs.jsonl --out relation.json")
def relation(
    data: Path = typer.Option(
        ...,
        "--data",
        help='JSON Lines of labelled pairs: {"a": text, "b": text, "level": "wholly|partially|non"}.',
    ),
    out: Path | None = typer.Option(None, "--out", "-o", help="Model file (default: the shipped one)."),
) -> None:
    """Refit the relation model (how far one text derives from the other) on labelled pairs."""

    def body() -> None:
        from compare.measure.relation import train_relation

        typer.echo(str(train_relation(data, out)))

    run_guarded(body)
