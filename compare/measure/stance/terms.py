"""Terms most distinctive of each outlet: log-odds ratio with an informative Dirichlet prior.

Monroe, Colaresi & Quinn (2008), "Fightin' Words", section 3.5: for outlet i against all other
outlets of the event, with prior pseudo-counts ``alpha_w`` proportional to the word's frequency
in all the texts together,

    delta_w = log((y_iw + a_w) / (n_i + a0 - y_iw - a_w)) - log((y_jw + a_w) / (n_j + a0 - y_jw - a_w))
    var_w  ~= 1 / (y_iw + a_w) + 1 / (y_jw + a_w),      z_w = delta_w / sqrt(var_w)

The prior shrinks rare words toward zero, so a word used twice by one outlet does not top the
list just because the others never used it.
"""

from __future__ import annotations

import math
from collections import Counter

from compare.measure.stance.vectors import STOPWORDS, words

# Total prior pseudo-count a0; Monroe et al. scale the prior to the corpus. 500 keeps one-off
# words of a few short articles from dominating while letting repeated words through.
PRIOR_TOTAL = 500.0


def _counts(texts: list[str]) -> Counter[str]:
    return Counter(
        w for t in texts for w in words(t) if w not in STOPWORDS and not w.isdigit() and len(w) > 1
    )


def total_vocabulary(counts: dict[str, Counter[str]]) -> set[str]:
    """Every word any outlet uses."""
    return {w for c in counts.values() for w in c}


def distinctive_terms(
    texts_by_outlet: dict[str, list[str]], top: int = 15, prior_total: float = PRIOR_TOTAL
) -> dict[str, list[tuple[str, float]]]:
    """For each outlet, its most distinctive words against the other outlets, with z-scores."""
    counts = {outlet: _counts(texts) for outlet, texts in texts_by_outlet.items()}
    # Log-odds against "the others" needs at least two outlets that have words.
    if sum(1 for c in counts.values() if c) < 2 or len(total_vocabulary(counts)) < 2:
        return {outlet: [] for outlet in counts}
    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    grand = sum(total.values())
    prior = {w: prior_total * n / grand for w, n in total.items()}
    out: dict[str, list[tuple[str, float]]] = {}
    for outlet, own in counts.items():
        n_i = sum(own.values())
        n_j = grand - n_i
        scored = []
        for w, a_w in prior.items():
            y_i = own.get(w, 0)
            y_j = total[w] - y_i
            delta = math.log((y_i + a_w) / (n_i + prior_total - y_i - a_w)) - math.log(
                (y_j + a_w) / (n_j + prior_total - y_j - a_w)
            )
            z = delta / math.sqrt(1.0 / (y_i + a_w) + 1.0 / (y_j + a_w))
            if z > 0 and y_i > 0:
                scored.append((w, round(z, 4)))
        scored.sort(key=lambda wz: (-wz[1], wz[0]))
        out[outlet] = scored[:top]
    return out
