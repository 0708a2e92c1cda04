"""Ingest: turn files, folders, web archives and URLs into clean articles with metadata."""

from compare.ingest.load import LoadResult, load, load_many
from compare.ingest.sources import FetchSettings

__all__ = ["FetchSettings", "LoadResult", "load", "load_many"]
