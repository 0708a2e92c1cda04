"""A synthetic news corpus for the scan benchmark, with ground truth of who copies whom.

Fixed seed; realistic in the ways that matter to copy detection:
- a Zipfian vocabulary of invented words, plus topic words shared by the stories of one topic;
- stock phrases ("said in a statement on ...") shared by unrelated stories, outlet footers;
- originals, some of which are wire copies of each other (shared paragraphs, own intro/footer);
- pages: verbatim copies, copies wrapped in site chrome, partial copies (30-70% of paragraphs),
  light rewrites (5-15% of words changed), digests (1-2 paragraphs from each of 2-3 originals),
  and unrelated pages on the same topics.
Truth is kept per paragraph: a page copies an original when it holds one of its paragraphs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

SYLLABLES = [
    "ka",
    "lo",
    "mer",
    "tan",
    "vi",
    "sol",
    "ru",
    "den",
    "pa",
    "gri",
    "om",
    "bel",
    "ta",
    "nik",
    "sa",
    "vor",
    "lu",
    "ze",
    "fi",
    "dar",
    "mo",
    "pel",
    "hu",
    "rin",
    "ast",
    "ke",
    "bro",
    "dul",
    "sen",
    "ti",
    "gal",
    "ver",
    "no",
    "mi",
    "cho",
    "tra",
    "ul",
    "es",
    "pon",
]
KINDS = ("verbatim", "wrapped", "partial", "rewrite", "digest", "unrelated")
KIND_SHARES = (0.12, 0.13, 0.15, 0.15, 0.15, 0.30)


@dataclass
class Doc:
    """A generated article: id, outlet, date, text, and the paragraph ids with their char spans."""

    id: str
    outlet: str
    date: str
    text: str
    kind: str = "original"
    paragraphs: list[tuple[int, int, int]] = field(default_factory=list)  # (paragraph id, start, end)
    sources: list[str] = field(default_factory=list)  # originals the page was made from
    attribution: str = ""
    reworded: set[int] = field(default_factory=set)

    def record(self) -> dict[str, object]:
        """A JSONL record as `compare` reads it."""
        out: dict[str, object] = {"id": self.id, "outlet": self.outlet, "date": self.date, "text": self.text}
        if self.attribution:
            out["attribution"] = self.attribution
        return out


class Generator:
    """Makes originals and pages from one seeded random generator."""

    def __init__(self, seed: int = 20260322, vocabulary: int = 60_000, topics: int = 800) -> None:
        self.rng = np.random.default_rng(seed)
        words: set[str] = set()
        while len(words) < vocabulary:
            picks = self.rng.integers(0, len(SYLLABLES), size=(vocabulary, 4)).tolist()
            sizes = self.rng.integers(1, 5, size=vocabulary).tolist()
            words.update("".join(SYLLABLES[k] for k in row[:n]) for row, n in zip(picks, sizes, strict=True))
        chosen = sorted(words, key=lambda w: (len(w), w))[: vocabulary * 2]
        order = self.rng.permutation(len(chosen))[:vocabulary]
        self.words = np.array(sorted((chosen[k] for k in order), key=lambda w: (len(w), w)))
        ranks = np.arange(1, vocabulary + 1)
        weights = 1.0 / ranks**1.07
        self.cdf = np.cumsum(weights / weights.sum())
        self.buffer: list[str] = []
        self.uniform: list[float] = []
        self.at = 0
        self.topic_words = [
            self.words[self.rng.integers(2000, vocabulary, size=120)].tolist() for _ in range(topics)
        ]
        self.stock = [
            " ".join(self.rng.choice(self.words[:3000], size=self.rng.integers(5, 9))) for _ in range(300)
        ]
        self.outlets = [f"Outlet {i:02d}" for i in range(40)]
        self.footers = {o: self._sentence(0, 22) + " " + self._sentence(0, 14) for o in self.outlets}
        self.chrome = [
            ("Home | World | Business | Sport | " + self._sentence(0, 8), "Related: " + self._sentence(0, 12))
            for _ in range(25)
        ]
        self.paragraph_text: list[str] = []

    def _draw(self, size: int) -> tuple[list[str], list[float]]:
        """Zipf-distributed words and uniform numbers, drawn a million at a time."""
        if self.at + size > len(self.buffer):
            ids = np.searchsorted(self.cdf, self.rng.random(1_000_000))
            self.buffer = self.words[np.minimum(ids, len(self.words) - 1)].tolist()
            self.uniform = self.rng.random(1_000_000).tolist()
            self.at = 0
        start, self.at = self.at, self.at + size
        return self.buffer[start : self.at], self.uniform[start : self.at]

    def _sentence(self, topic: int, length: int | None = None) -> str:
        size = int(length or 12 + int(self._draw(1)[1][0] * 14))
        words, numbers = self._draw(size)
        own = self.topic_words[topic]
        for i, number in enumerate(numbers):
            if number < 0.25:
                words[i] = own[int(number * 480)]
        if numbers[0] > 0.8:
            at = int(numbers[-1] * size)
            words[at:at] = [self.stock[int(numbers[0] * 1500) % len(self.stock)]]
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def _paragraph(self, topic: int) -> int:
        sentences = int(self.rng.integers(2, 5))
        self.paragraph_text.append(" ".join(self._sentence(topic) for _ in range(sentences)))
        return len(self.paragraph_text) - 1

    def _assemble(self, doc: Doc, head: list[str], ids: list[int], tail: list[str]) -> Doc:
        parts: list[str] = []
        spans: list[tuple[int, int, int]] = []
        at = 0
        for piece in head:
            parts.append(piece)
            at += len(piece) + 2
        for pid in ids:
            text = self.paragraph_text[pid] if pid >= 0 else ""
            if pid in doc.reworded:
                text = self._reword(text)
            spans.append((pid, at, at + len(text)))
            parts.append(text)
            at += len(text) + 2
        parts.extend(tail)
        doc.text = "\n\n".join(parts)
        doc.paragraphs = spans
        return doc

    def _reword(self, text: str) -> str:
        words = text.split(" ")
        share = self.rng.uniform(0.05, 0.15)
        for i in np.flatnonzero(self.rng.random(len(words)) < share):
            words[i] = str(self.words[self.rng.integers(0, 20_000)])
        return " ".join(words)

    def originals(self, count: int) -> tuple[list[Doc], list[int], list[list[int]]]:
        """Originals; 10% are wire copies of an earlier one (its paragraphs, own intro and footer)."""
        docs: list[Doc] = []
        topics: list[int] = []
        bodies: list[list[int]] = []
        for i in range(count):
            outlet = self.outlets[int(self.rng.integers(0, len(self.outlets)))]
            date = f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}"
            if i > 10 and self.rng.random() < 0.1:
                source = int(self.rng.integers(0, i))
                topic = topics[source]
                body = [self._paragraph(topic)] + bodies[source]
            else:
                topic = int(self.rng.integers(0, len(self.topic_words)))
                body = [self._paragraph(topic) for _ in range(int(self.rng.integers(4, 10)))]
            doc = Doc(f"o{i:06d}", outlet, date, "")
            docs.append(self._assemble(doc, [], body, [self.footers[outlet]]))
            topics.append(topic)
            bodies.append(body)
        return docs, topics, bodies

    def pages(
        self, count: int, originals: list[Doc], topics: list[int], bodies: list[list[int]]
    ) -> list[Doc]:
        """Pages of every kind, each recording the originals it was made from."""
        pages: list[Doc] = []
        kinds = self.rng.choice(len(KINDS), size=count, p=KIND_SHARES)
        for i, kind_index in enumerate(kinds):
            kind = KINDS[int(kind_index)]
            source = int(self.rng.integers(0, len(originals)))
            chrome = self.chrome[int(self.rng.integers(0, len(self.chrome)))]
            page = Doc(f"p{i:06d}", f"Aggregator {i % 25:02d}", originals[source].date, "", kind=kind)
            body = bodies[source]
            head: list[str] = []
            tail: list[str] = []
            if kind != "verbatim":
                head, tail = [chrome[0]], [chrome[1]]
            if kind in ("verbatim", "wrapped"):
                ids = list(body)
                page.sources = [originals[source].id]
            elif kind == "partial":
                take = max(1, round(len(body) * self.rng.uniform(0.3, 0.7)))
                first = int(self.rng.integers(0, len(body) - take + 1))
                ids = body[first : first + take]
                page.sources = [originals[source].id]
            elif kind == "rewrite":
                ids = list(body)
                page.reworded = set(ids)
                page.sources = [originals[source].id]
            elif kind == "digest":
                chosen = self.rng.choice(len(originals), size=int(self.rng.integers(2, 4)), replace=False)
                ids = []
                for pick in chosen.tolist():
                    paragraphs = bodies[pick]
                    take = min(len(paragraphs), int(self.rng.integers(1, 3)))
                    first = int(self.rng.integers(0, len(paragraphs) - take + 1))
                    ids.extend(paragraphs[first : first + take])
                    page.sources.append(originals[pick].id)
            else:
                ids = [self._paragraph(topics[source]) for _ in range(int(self.rng.integers(3, 8)))]
            if kind != "unrelated" and self.rng.random() < 0.5:
                credited = originals[int(source if kind != "digest" else chosen[0])].outlet
                page.attribution = f"Originally published by {credited}."
                tail.append(page.attribution)
            pages.append(self._assemble(page, head, ids, tail))
        return pages


def truth(originals: list[Doc], pages: list[Doc], min_words: int = 30) -> dict[tuple[str, str], int]:
    """(page, original) pairs where the page holds paragraphs of the original: words copied.

    A paragraph counts when its id is in the original, so wire copies of a source count too.
    """
    holders: dict[int, list[int]] = {}
    for index, doc in enumerate(originals):
        for pid, _, _ in doc.paragraphs:
            holders.setdefault(pid, []).append(index)
    pairs: dict[tuple[str, str], int] = {}
    for page in pages:
        if page.kind == "unrelated":
            continue
        for pid, start, end in page.paragraphs:
            words = page.text.count(" ", start, end) + 1
            for index in holders.get(pid, []):
                key = (page.id, originals[index].id)
                pairs[key] = pairs.get(key, 0) + words
    return {k: v for k, v in pairs.items() if v >= min_words}


def corpus(originals: int, pages: int, seed: int = 20260322) -> tuple[list[Doc], list[Doc]]:
    """Originals and pages for one benchmark size."""
    generator = Generator(seed)
    docs, topics, bodies = generator.originals(originals)
    return docs, generator.pages(pages, docs, topics, bodies)


def write_jsonl(docs: list[Doc], path: Path) -> None:
    """Write docs as JSONL records."""
    with path.open("w", encoding="utf-8") as stream:
        for doc in docs:
            stream.write(json.dumps(doc.record(), ensure_ascii=False) + "\n")
