"""A generated feed and aggregator crawl for the scan benchmark, with the truth of who copies whom.

What makes copy detection hard on real crawls is all here, as issue 16 lists it:
- a Zipfian vocabulary of invented words, and topic words shared by the stories of one topic;
- a Zipfian list of ~20k stock phrases of 2-6 words, sprinkled into every text, copied or not;
- originals that open with their headline; outlet footers of 30-200 words under every story of
  half the outlets; 2% of originals syndicated from an earlier one (its paragraphs, with an
  intro and footer of their own, from another outlet, later);
- aggregator pages in page chrome (a menu, a "Related" list of other originals' headlines, a
  share prompt): verbatim copies, wrapped copies, partial copies (30-70% of paragraphs), light
  rewrites (5-15% of words changed), digests (1-2 paragraphs of 40-120 words from each of 2-3
  originals under an intro of their own), and 55% unrelated pages on the same topics.
Truth is kept by paragraph: a page copies an original when it holds one of its body paragraphs
(its headline and footer do not count). Each side is written as one JSONL file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

SYLLABLES = (
    *("ka", "lo", "mer", "tan", "vi", "sol", "ru", "den", "pa", "gri", "om", "bel", "ta", "nik"),
    *("sa", "vor", "lu", "ze", "fi", "dar", "mo", "pel", "hu", "rin", "ast", "ke", "bro", "dul"),
    *("sen", "ti", "gal", "ver", "no", "mi", "cho", "tra", "ul", "es", "pon"),
)
COPY_KINDS = ("verbatim", "wrapped", "partial", "rewrite", "digest")
KINDS = (*COPY_KINDS, "unrelated")
KIND_SHARES = (0.09, 0.09, 0.09, 0.09, 0.09, 0.55)


@dataclass
class Doc:
    """A generated article and, for the truth, the body paragraphs it holds and how it was made."""

    id: str
    outlet: str
    date: str
    title: str
    text: str = ""
    kind: str = "original"
    paragraphs: list[int] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def record(self) -> dict[str, object]:
        """The JSONL record `compare` reads."""
        return {"id": self.id, "title": self.title, "outlet": self.outlet, "date": self.date, "text": self.text}


class Generator:
    """Originals and pages from one seeded random generator."""

    def __init__(self, seed: int, vocabulary: int = 50_000, topics: int = 800) -> None:
        self.rng = np.random.default_rng(seed)
        parts = self.rng.integers(0, len(SYLLABLES), size=(vocabulary * 2, 4))
        sizes = self.rng.integers(1, 5, size=vocabulary * 2)
        words = {"".join(SYLLABLES[k] for k in row[:n]) for row, n in zip(parts.tolist(), sizes.tolist(), strict=True)}
        ordered = sorted(words, key=lambda w: (len(w), w))
        self.words = np.array([ordered[i] for i in self.rng.permutation(len(ordered))[:vocabulary]])
        weights = 1.0 / np.arange(1, len(self.words) + 1) ** 1.07
        self.cdf = np.cumsum(weights / weights.sum())
        self.topics = [self.rng.integers(2000, len(self.words), size=120) for _ in range(topics)]
        phrase_count = 20_000
        self.stock = [
            " ".join(self.words[self.rng.integers(0, 5000, size=int(self.rng.integers(2, 7)))])
            for _ in range(phrase_count)
        ]
        stock_weights = 1.0 / np.arange(1, phrase_count + 1) ** 1.0
        self.stock_cdf = np.cumsum(stock_weights / stock_weights.sum())
        self.outlets = [f"Outlet {i:02d}" for i in range(40)]
        self.footers = {
            outlet: self._words(int(self.rng.integers(30, 201)), 0).capitalize() + "."
            for outlet in self.outlets[::2]
        }
        self.paragraphs: list[str] = []

    def _words(self, count: int, topic: int) -> str:
        picks = np.searchsorted(self.cdf, self.rng.random(count))
        chosen = self.words[np.minimum(picks, len(self.words) - 1)]
        own = self.rng.random(count) < 0.25
        chosen[own] = self.words[self.rng.choice(self.topics[topic], size=int(own.sum()))]
        return " ".join(chosen.tolist())

    def _sentence(self, topic: int) -> str:
        text = self._words(int(self.rng.integers(10, 24)), topic)
        for _ in range(int(self.rng.poisson(0.8))):
            phrase = self.stock[int(np.searchsorted(self.stock_cdf, self.rng.random()))]
            words = text.split(" ")
            at = int(self.rng.integers(0, len(words) + 1))
            text = " ".join([*words[:at], phrase, *words[at:]])
        return text[0].upper() + text[1:] + "."

    def _paragraph(self, topic: int) -> int:
        """A new paragraph of 40-120 words; returns its id."""
        target = int(self.rng.integers(40, 121))
        sentences: list[str] = []
        size = 0
        while size < target:
            sentence = self._sentence(topic)
            sentences.append(sentence)
            size += sentence.count(" ") + 1
        self.paragraphs.append(" ".join(sentences))
        return len(self.paragraphs) - 1

    def _title(self, topic: int) -> str:
        return self._words(int(self.rng.integers(6, 15)), topic).capitalize()

    def _reword(self, text: str) -> str:
        words = text.split(" ")
        share = self.rng.uniform(0.05, 0.15)
        for i in np.flatnonzero(self.rng.random(len(words)) < share).tolist():
            words[i] = str(self.words[int(self.rng.integers(0, 20_000))])
        return " ".join(words)

    def originals(self, count: int) -> tuple[list[Doc], list[int]]:
        """Originals: headline, body paragraphs, the outlet's footer; 2% syndicated from an earlier one."""
        docs: list[Doc] = []
        topics: list[int] = []
        for i in range(count):
            outlet = self.outlets[int(self.rng.integers(0, len(self.outlets)))]
            day = 1 + i * 365 // max(count, 1)
            date = f"2026-{1 + (day - 1) // 31 % 12:02d}-{1 + (day - 1) % 28:02d}"
            if i > 20 and self.rng.random() < 0.02:
                source = docs[int(self.rng.integers(0, i))]
                outlet = next(o for o in self.rng.permutation(self.outlets).tolist() if o != source.outlet)
                topic = topics[int(source.id[1:])]
                body = [self._paragraph(topic), *source.paragraphs]
                date = max(date, source.date)
            else:
                topic = int(self.rng.integers(0, len(self.topics)))
                body = [self._paragraph(topic) for _ in range(int(self.rng.integers(3, 9)))]
            doc = Doc(f"o{i:06d}", outlet, date, self._title(topic), paragraphs=body)
            parts = [doc.title, *(self.paragraphs[p] for p in body)]
            if outlet in self.footers:
                parts.append(self.footers[outlet])
            doc.text = "\n\n".join(parts)
            docs.append(doc)
            topics.append(topic)
        return docs, topics

    def _chrome(self, originals: list[Doc]) -> tuple[str, str]:
        """A menu line, and a "Related" list of 3-6 other originals' headlines with a share prompt."""
        picks = self.rng.choice(len(originals), size=int(self.rng.integers(3, 7)), replace=False)
        related = "\n".join(originals[int(k)].title for k in picks.tolist())
        return "Home | World | Business | Sport | Culture", f"Related stories\n{related}\n\nShare this story"

    def pages(self, count: int, originals: list[Doc], topics: list[int]) -> list[Doc]:
        """Aggregator pages of every kind, each naming the originals it was made from."""
        pages: list[Doc] = []
        kinds = self.rng.choice(len(KINDS), size=count, p=KIND_SHARES)
        for i, kind_index in enumerate(kinds.tolist()):
            kind = KINDS[kind_index]
            source = originals[int(self.rng.integers(0, len(originals)))]
            topic = topics[int(source.id[1:])]
            page = Doc(f"p{i:06d}", f"Aggregator {i % 25:02d}", source.date, "", kind=kind)
            menu, related = self._chrome(originals)
            head, tail = [menu], [related]
            body: list[str] = []
            if kind in ("verbatim", "wrapped"):
                page.title = source.title
                body = [source.text]
                page.paragraphs = list(source.paragraphs)
                page.sources = [source.id]
                if kind == "verbatim":
                    head, tail = [], []
            elif kind == "partial":
                take = max(1, round(len(source.paragraphs) * self.rng.uniform(0.3, 0.7)))
                first = int(self.rng.integers(0, len(source.paragraphs) - take + 1))
                page.paragraphs = source.paragraphs[first : first + take]
                page.title = source.title
                body = [self.paragraphs[p] for p in page.paragraphs]
                page.sources = [source.id]
            elif kind == "rewrite":
                page.title = self._reword(source.title)
                page.paragraphs = list(source.paragraphs)
                body = [self._reword(self.paragraphs[p]) for p in page.paragraphs]
                page.sources = [source.id]
            elif kind == "digest":
                page.title = "Digest: " + self._title(topic)
                body = [self.paragraphs[self._paragraph(topic)]]
                chosen = self.rng.choice(len(originals), size=int(self.rng.integers(2, 4)), replace=False)
                for pick in chosen.tolist():
                    paragraphs = originals[pick].paragraphs
                    take = min(len(paragraphs), int(self.rng.integers(1, 3)))
                    first = int(self.rng.integers(0, len(paragraphs) - take + 1))
                    page.paragraphs.extend(paragraphs[first : first + take])
                    body.extend(self.paragraphs[p] for p in paragraphs[first : first + take])
                    page.sources.append(originals[pick].id)
            else:
                page.title = self._title(topic)
                body = [self.paragraphs[self._paragraph(topic)] for _ in range(int(self.rng.integers(3, 8)))]
            if kind != "unrelated" and self.rng.random() < 0.5:
                tail.append(f"Originally published by {source.outlet}.")
            page.text = "\n\n".join([*head, *body, *tail])
            pages.append(page)
        return pages


def generate(originals: int, pages: int, seed: int) -> tuple[list[Doc], list[Doc]]:
    """Originals and pages of one benchmark corpus."""
    generator = Generator(seed)
    docs, topics = generator.originals(originals)
    return docs, generator.pages(pages, docs, topics)


def truth(originals: list[Doc], pages: list[Doc]) -> dict[str, object]:
    """Who copies whom: per page, the originals holding any of its body paragraphs, and the targets.

    ``holders`` lists every original a page truly copies (syndicated copies of a source hold its
    paragraphs too); ``targets`` are (page, original, kind) for the originals each page was made
    from, which recall is measured on.
    """
    by_paragraph: dict[int, list[str]] = {}
    for doc in originals:
        for paragraph in doc.paragraphs:
            by_paragraph.setdefault(paragraph, []).append(doc.id)
    holders = {
        page.id: sorted({o for p in page.paragraphs for o in by_paragraph.get(p, [])})
        for page in pages
        if page.kind != "unrelated"
    }
    targets = [(page.id, source, page.kind) for page in pages for source in page.sources]
    return {"holders": holders, "targets": targets}


def write_corpus(folder: Path, originals: int, pages: int, seed: int) -> None:
    """originals.jsonl, pages.jsonl and truth.json in ``folder``."""
    docs, crawl = generate(originals, pages, seed)
    folder.mkdir(parents=True, exist_ok=True)
    for name, items in (("originals.jsonl", docs), ("pages.jsonl", crawl)):
        with (folder / name).open("w", encoding="utf-8") as stream:
            for doc in items:
                stream.write(json.dumps(doc.record(), ensure_ascii=False) + "\n")
    (folder / "truth.json").write_text(json.dumps(truth(docs, crawl)))
