"""Ingest: turn files, folders, web archives and URLs into clean articles with metadata."""

from compare.ingest.load import Loaded, LoadResult, iter_articles, load, load_many
from compare.ingest.sources import FetchSettings

__all__ = ["FetchSettings", "LoadResult", "Loaded", "iter_articles", "load", "load_many"]
