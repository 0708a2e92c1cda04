"""Labelled fiction pages for the ingest benchmark: HTML pages and their text dumps.

Every sentence is invented. Each page puts a body (known paragraphs) inside one of several site
templates that differ in their chrome (menus, breadcrumbs, bylines, captions, inline teasers,
"most read" lists, newsletter and comment widgets, cookie banners) and in how a text dump of the
page looks (one block a line, blank lines or not, hard-wrapped). Deterministic for a seed.
"""

from __future__ import annotations

import html
import random
import textwrap
from dataclasses import dataclass

SENTENCES = (
    "The regional council of Orrby approved the budget for the new ferry terminal on Monday after a debate that lasted most of the night.",
    "Councillors from the coastal villages said the old quay could no longer take the weight of the larger boats.",
    "The terminal will cost about twelve million crowns, a third of which is to come from the national infrastructure fund.",
    "Work is expected to start in the autumn and to last two years, during which the ferries will dock at the fishing harbour.",
    "Residents of Skarvoy have complained for years that the crossing is cancelled whenever the wind turns to the north.",
    '"We have waited long enough, and the island cannot live on promises," said Ingrid Holm, who runs the only shop on Skarvoy.',
    "The opposition argued that the money would be better spent on the hospital, where the waiting lists have doubled since spring.",
    "A spokesman for the ferry company said it welcomed the decision but would not change its timetable before the terminal opens.",
    "The harbour master, Jon Aaberg, told the meeting that the new breakwater would make crossings possible in all but the worst storms.",
    "Engineers from the university in Velmora tested three designs in a wave tank before recommending the curved wall.",
    "The national transport agency is expected to publish its own assessment of the project next month.",
    "Fishermen, who share the harbour with the ferries, asked for a separate entrance so that their boats are not delayed.",
    "The mayor of Orrby, Sigrid Lund, said the vote showed that the region could still agree on the things that matter.",
    "In the last winter alone, the crossing was cancelled on thirty-one days, leaving schoolchildren and nurses stranded on the mainland.",
    "Environmental groups have asked for a study of the eelgrass meadows that lie along the planned route of the new channel.",
    "The council promised that the study would be finished before any dredging begins.",
    "Local businesses hope the terminal will bring more visitors in summer, when the island's population triples.",
    "A public meeting on the design of the waiting hall will be held in the town library on the first Thursday of next month.",
    "The decision still needs the approval of the county board, which meets again in three weeks.",
    "Members of the county board have said privately that they expect no objections.",
    "Last year a similar terminal in the neighbouring municipality of Brennvik opened six months late and over budget.",
    "Officials in Brennvik blamed the delays on a shortage of steel and on a harsh winter that stopped work for two months.",
    "Orrby's finance committee has set aside a reserve of one million crowns to cover unexpected costs.",
    "The ferry between Orrby and Skarvoy carried almost four hundred thousand passengers last year, a record.",
    "Most of them were commuters, but the number of tourists has grown by a fifth since the island's new hostel opened.",
    '"The boats are full every morning, and the old quay is simply too small," the ferry\'s captain, Per Nyland, said.',
    "The council will also repair the road to the terminal, which floods several times a year during spring tides.",
    "Some residents of the harbour district fear that traffic will increase once the terminal is built.",
    "The council said it would build a car park on the edge of town and run a bus to the quay.",
    "The first public tender for the construction work is to be announced before the end of the year.",
)
HEADLINES = (
    "Orrby council approves money for new ferry terminal",
    "Skarvoy crossing to get storm-proof harbour after years of delays",
    "Regional council backs terminal plan despite hospital concerns",
    "New breakwater promised for the island ferry",
    "Ferry terminal vote ends long dispute over old quay",
    "Island residents welcome decision on ferry harbour",
)
OTHER_STORIES = (
    "Library extends opening hours for exam season",
    "Storm damages the lighthouse roof on Hallo point",
    "Cyclists get their own lane on the harbour bridge",
    "School choir wins national competition in Velmora",
    "Fishing quotas cut for the third year running",
    "Museum of the sea reopens after renovation",
    "Bakery on Main Street closes after ninety years",
    "Football club signs goalkeeper from Brennvik",
)
MENU = ("News", "Politics", "Economy", "Culture", "Sport", "Weather", "Opinion", "Video", "Podcasts")


@dataclass(frozen=True)
class Page:
    """A labelled page: its HTML, a text dump of it, the title and the body paragraphs."""

    name: str
    html: str
    dump: str
    title: str
    body: tuple[str, ...]
    date: str


def make_pages(count: int, seed: int = 7) -> list[Page]:
    """``count`` labelled pages spread over the site templates."""
    rng = random.Random(seed)
    return [_page(i, rng) for i in range(count)]


def _page(index: int, rng: random.Random) -> Page:
    style = index % 4
    title = rng.choice(HEADLINES)
    start = rng.randrange(len(SENTENCES))
    size = rng.randint(4, 9)
    chosen = [SENTENCES[(start + k) % len(SENTENCES)] for k in range(size * 2)]
    body: list[str] = []
    while chosen and len(body) < size:
        take = rng.choice((1, 1, 2))
        body.append(" ".join(chosen[:take]))
        chosen = chosen[take:]
    date = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    others = rng.sample(OTHER_STORIES, 5)
    site = ("Orrby Tidende", "Coastline Gazette", "Velmora Courier", "Island Weekly")[style]
    author = rng.choice(("Kari Strand", "Lars Bekk", "Mona Fjell", "Tor Vik"))
    teaser_at = rng.randint(1, max(1, len(body) - 1))
    blocks: list[tuple[str, bool]] = []  # (text, is_body)
    menu = rng.sample(MENU, rng.randint(4, 8))
    blocks += [(m, False) for m in menu]
    if style in (1, 3):
        blocks.append((f"Home / News / {title}", False))
    blocks.append((title, False))
    blocks.append((f"By {author}" if style != 2 else f"{author}, {site}", False))
    blocks.append(
        ({0: date, 1: f"Published {date} 10:{index % 60:02d}", 2: f"Updated {date}", 3: date}[style], False)
    )
    if style in (0, 2):
        blocks.append((f"Photo: {author}/{site}", False))
    for number, paragraph in enumerate(body):
        if number == teaser_at:
            blocks += [("Read also" if style != 3 else "Related:", False), (others[0], False)]
        blocks.append((paragraph, True))
    blocks += [
        ({0: "Share this article", 1: "Share on Facebook", 2: "Share", 3: "Tweet"}[style], False),
        (
            {0: "12 comments", 1: "Leave a comment", 2: "Be the first to comment", 3: "Comments (4)"}[style],
            False,
        ),
        ({0: "Most read", 1: "Most popular", 2: "Top stories", 3: "Trending"}[style], False),
    ]
    blocks += [(story, False) for story in others[1:]]
    blocks += [
        ("Sign up for our newsletter", False),
        (f"© 2024 {site}. All rights reserved.", False),
        ("We use cookies to improve your experience on our site. Accept", False),
    ]
    return Page(
        f"page{index:03d}",
        _html(blocks, title, site, date, author),
        _dump(blocks, style),
        title,
        tuple(body),
        date,
    )


def _html(blocks: list[tuple[str, bool]], title: str, site: str, date: str, author: str) -> str:
    parts = []
    in_article = False
    for text, is_body in blocks:
        escaped = html.escape(text)
        if is_body and not in_article:
            parts.append("<article>")
            in_article = True
        if (
            not is_body
            and in_article
            and text in ("Share this article", "Share on Facebook", "Share", "Tweet")
        ):
            parts.append("</article>")
            in_article = False
        if text == title:
            parts.append(f"<h1>{escaped}</h1>")
        elif is_body:
            parts.append(f"<p>{escaped}</p>")
        elif len(text) < 20:
            parts.append(f"<div class='nav'><a href='#'>{escaped}</a></div>")
        else:
            parts.append(f"<div class='widget'><a href='#'>{escaped}</a></div>")
    meta = (
        f"<title>{html.escape(title)} | {html.escape(site)}</title>"
        f"<meta property='og:site_name' content='{html.escape(site)}'>"
        f"<meta property='article:published_time' content='{date}T10:00:00Z'>"
        f"<meta name='author' content='{html.escape(author)}'>"
    )
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'>{meta}</head><body>{''.join(parts)}</body></html>"
    )


def _dump(blocks: list[tuple[str, bool]], style: int) -> str:
    lines = []
    for text, is_body in blocks:
        if style == 3 and is_body:
            lines.append("\n".join(textwrap.wrap(text, 72)))
        else:
            lines.append(text)
    separator = "\n" if style == 1 else "\n\n"
    return separator.join(lines) + "\n"
