"""Hand-written fictional articles for the grouping tests (three happenings, two stories)."""

from __future__ import annotations

from compare.model import Article

BRIDGE_1 = Article(
    id="bridge-1",
    path="news/bridge-1.txt",
    title="Valmora closes harbour bridge after storm cracks pylon",
    date="2024-03-01",
    text=(
        "The city of Valmora closed its harbour bridge on Friday after engineers found a crack in the "
        "northern pylon following the overnight storm. Mayor Ilona Varga said the bridge would stay shut "
        "until divers inspect the foundations. Ferries will run every twenty minutes while the harbour "
        "bridge is closed, the port authority said."
    ),
)
BRIDGE_2 = Article(
    id="bridge-2",
    path="news/bridge-2.txt",
    title="Storm damage shuts Valmora harbour bridge",
    date="2024-03-02",
    text=(
        "Engineers discovered a cracked pylon on the Valmora harbour bridge after Thursday's storm, and "
        "the bridge was closed to traffic. Ilona Varga, the mayor, told reporters divers would inspect "
        "the foundations before any reopening. Extra ferries are crossing the harbour meanwhile."
    ),
)
MINE_1 = Article(
    id="mine-1",
    path="news/mine-1.txt",
    title="Miners at Orlen copper pit walk out over pay",
    date="2024-03-10",
    text=(
        "Eight hundred miners at the Orlen copper pit stopped work on Sunday demanding a pay rise and "
        "safer ventilation shafts. Union leader Tomas Brek said the strike would continue until the "
        "owners reopen wage talks. Copper prices rose on the news."
    ),
)
MINE_2 = Article(
    id="mine-2",
    path="news/mine-2.txt",
    title="Orlen copper strike: union demands wage talks",
    date="2024-03-11",
    text=(
        "The strike at the Orlen copper pit entered its second day as union leader Tomas Brek demanded "
        "that the owners return to wage talks. The miners also want the ventilation shafts repaired. "
        "Copper traders watched the walkout closely."
    ),
)
FESTIVAL = Article(
    id="festival",
    path="news/festival.txt",
    title="Cheese makers gather for the autumn fair in Dravik",
    date="2024-03-05",
    text=(
        "Cheese makers from forty farms brought goat and sheep cheeses to the autumn fair in Dravik, where "
        "a jury of chefs tasted three hundred wheels. The prize for the best blue went to a family dairy "
        "from the hills, whose recipe has not changed in a century."
    ),
)
ALL = (BRIDGE_1, BRIDGE_2, MINE_1, MINE_2, FESTIVAL)
