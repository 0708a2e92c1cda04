"""Group stage: events (same happening, same days) nested in topics, and the views of one event."""

from compare.group.events import group_events

__all__ = ["group_events"]
