"""Paragraphs of a short news story, the body the page-reading tests wrap in chrome."""

from __future__ import annotations

BODY = [
    "The council of Orrby voted on Tuesday to rebuild the old quay, and the harbour master said "
    "that the work would start before the winter storms.",
    "The ferry company said that its summer timetable would not change while the quay is rebuilt, "
    "because the boats can use the new pier on the north side of the harbour.",
    "Residents who had asked for the repairs for ten years said that they were glad the vote "
    "had finally come, although some of them doubted that the money would be enough.",
]
