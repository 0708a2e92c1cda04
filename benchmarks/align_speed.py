"""Speed of compare_pair on synthetic article pairs of 1k, 10k and 100k words.

Timed twice: alignment with the overlap, relation and direction measures (``stance=False``: the
alignment issue's figure) and the whole pair with both articles' stance features (models loaded
beforehand: the stance issue budgets them per article).

B is A with word edits, a dropped and a moved paragraph, and new sentences, so every stage
(seeding, merging, word diffs, paraphrase, measures) does real work. Texts are generated, not
taken from any corpus. Usage: python benchmarks/align_speed.py [--quick]
Writes benchmarks/results/align_speed.json (best of several runs, milliseconds).
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from compare.model import Article  # noqa: E402
from compare.pipeline import compare_pair  # noqa: E402

SYLLABLES = ("ka", "lo", "mi", "ter", "san", "vo", "rin", "dal", "pe", "su", "gor", "na", "tiv", "bel")


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(size)]


def _sentence(rng: random.Random, words: list[str]) -> str:
    body = " ".join(rng.choice(words) for _ in range(rng.randint(8, 24)))
    if rng.random() < 0.15:
        body = f'{body} said, "{" ".join(rng.choice(words) for _ in range(rng.randint(6, 14)))}"'
    return body[0].upper() + body[1:] + "."


def article_pair(n_words: int, seed: int = 7) -> tuple[str, str]:
    """A synthetic article of about ``n_words`` words and an edited, reordered copy of it."""
    rng = random.Random(seed)
    words = _vocabulary(rng, 5000)
    paragraphs: list[list[str]] = []
    count = 0
    while count < n_words:
        paragraph = [_sentence(rng, words) for _ in range(rng.randint(2, 5))]
        count += sum(len(s.split()) for s in paragraph)
        paragraphs.append(paragraph)
    a_text = "\n\n".join(" ".join(p) for p in paragraphs)
    edited = []
    for paragraph in paragraphs:
        roll = rng.random()
        if roll < 0.1:
            continue
        if roll < 0.3:
            paragraph = [_sentence(rng, words)] + paragraph[1:]
        tokens = " ".join(paragraph).split(" ")
        for i in range(len(tokens)):
            if rng.random() < 0.03:
                tokens[i] = rng.choice(words)
        edited.append(" ".join(tokens))
    if len(edited) > 3:
        edited.insert(1, edited.pop())
    return a_text, "\n\n".join(edited)


def best_ms(a_text: str, b_text: str, repeat: int, stance: bool) -> tuple[float, float]:
    """The fastest of ``repeat`` runs of compare_pair in milliseconds: wall clock and CPU time.

    CPU time is printed too because the machine is shared: under load the wall clock mostly
    measures waiting for a core.
    """
    a, b = Article("a", a_text), Article("b", b_text)
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        compare_pair(a, b, stance=stance)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return min(wall), min(cpu)


def main() -> None:
    sizes = (1000, 10000) if "--quick" in sys.argv else (1000, 10000, 100000)
    warm_up = article_pair(200)
    compare_pair(Article("w", warm_up[0]), Article("v", warm_up[1]))
    figures: dict[str, object] = {}
    for stance, label in ((False, "align_and_measure"), (True, "compare_pair_with_stance")):
        wall, cpu = {}, {}
        for size in sizes:
            if stance and size > 10000:
                continue
            a_text, b_text = article_pair(size)
            wall[str(size)], cpu[str(size)] = (
                round(v, 1) for v in best_ms(a_text, b_text, 5 if size <= 10000 else 1, stance)
            )
            print(f"{label} {size:>7} words: {wall[str(size)]:.1f} ms wall, {cpu[str(size)]:.1f} ms CPU")
        figures[f"{label}_ms_by_words"], figures[f"{label}_cpu_ms_by_words"] = wall, cpu
    figures.update(load_average_1min=round(os.getloadavg()[0], 2), cores=os.cpu_count())
    (REPO / "benchmarks" / "results" / "align_speed.json").write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
