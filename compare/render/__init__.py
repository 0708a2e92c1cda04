"""Render: view models for each page, HTML through jinja2, JSON beside it, all written atomically."""
