"""`compare events`: group articles into events nested in topics and print them."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer

from compare.cli.common import SET_OPTION, SETTINGS_FILE_OPTION, chosen_settings, load_articles, run_guarded


class EventsFormat(StrEnum):
    json = "json"
    text = "text"


def events(
    paths: list[str] = typer.Argument(
        ..., metavar="PATHS...", help="Files, folders (recursed), URLs or - for stdin."
    ),
    format: EventsFormat = typer.Option(
        EventsFormat.text, "--format", "-f", help="text (readable) or json (a list of events)."
    ),
    set_values: list[str] = SET_OPTION,
    settings_file: Path | None = SETTINGS_FILE_OPTION,
) -> None:
    """Group articles into events (same happening, same days) nested in topics, with why each joined."""

    def body() -> None:
        from compare.group import group_events

        settings = chosen_settings(set_values, settings_file)
        found = group_events(load_articles(paths).articles, settings.group, settings.crosslingual)
        if format is EventsFormat.json:
            typer.echo(json.dumps([e.to_dict() for e in found], ensure_ascii=False, indent=2))
        else:
            from compare.render.event_text import events_text

            typer.echo(events_text(found))

    run_guarded(body)
