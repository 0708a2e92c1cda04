"""Ingest: turn files, folders and URLs into clean articles with metadata."""

from compare.ingest.load import LoadResult, load, load_many

__all__ = ["LoadResult", "load", "load_many"]
