"""Hand-made fiction for the scan tests: originals built from invented sentences, and pages copying them."""

from __future__ import annotations

import random

from compare.model import Article, Attribution

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
]


def _vocabulary(size: int = 3000) -> list[str]:
    rng = random.Random(0)
    return sorted({"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(size)})


VOCABULARY = _vocabulary()


def sentence(rng: random.Random) -> str:
    """One invented sentence: English glue words around invented names and things."""
    w = [rng.choice(VOCABULARY) for _ in range(8)]
    return (
        f"The {w[0]} of {w[1].capitalize()} said on {w[2]} that the {w[3]} would {w[4]} "
        f"the {w[5]} in {w[6].capitalize()} before the {w[7]} was over."
    )


def paragraph(rng: random.Random, sentences: int = 4) -> str:
    """A paragraph of invented sentences."""
    return " ".join(sentence(rng) for _ in range(sentences))


def originals(count: int = 8, seed: int = 7) -> list[Article]:
    """Originals of five paragraphs from two invented wire outlets."""
    rng = random.Random(seed)
    return [
        Article(
            id=f"orig-{i:02d}",
            text="\n\n".join(paragraph(rng) for _ in range(5)),
            url=f"https://wire.example/{i}",
            outlet=["Northwire", "Eastpress"][i % 2],
            date=f"2026-03-{i + 1:02d}",
            title=f"Original story {i}",
        )
        for i in range(count)
    ]


def pages(found: list[Article], seed: int = 11) -> list[Article]:
    """Pages: a credited verbatim copy, a digest of two originals, a light rewrite, an unrelated page."""
    rng = random.Random(seed)
    words = found[3].text.split(" ")
    for i in range(0, len(words), 10):
        words[i] = "changed"
    return [
        Article(
            id="page-copy",
            text="Home | News | Sport\n\n" + found[0].text + "\n\nOriginally published by Northwire.",
            outlet="Aggregator",
            date="2026-03-05",
            attribution=(
                Attribution("republication_notice", "Originally published by Northwire.", "Northwire"),
            ),
        ),
        Article(
            id="page-digest",
            text="Today's digest.\n\n"
            + found[1].text.split("\n\n")[2]
            + "\n\n"
            + found[2].text.split("\n\n")[4],
            outlet="Digest Daily",
        ),
        Article(id="page-rewrite", text=" ".join(words), outlet="Rewriter"),
        Article(id="page-unrelated", text=paragraph(rng, 12), outlet="Elsewhere"),
    ]
