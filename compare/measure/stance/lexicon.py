"""Small hand-written polarity and loaded-language lexicons for English political news.

Written for this project (not copied from a published lexicon), kept short and readable; an
entry ending in ``*`` matches any word starting with it. Used as features by the sentiment model
and as the whole of the shipped bias score (see ``bias.py``).
"""

from __future__ import annotations

from functools import lru_cache


def wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of a lexicon written as one block of text."""
    return frozenset(text.split())

POSITIVE = wordset(
    """
    praise* applaud* welcome* support* success* successful* achiev* win wins won victory
    hero* great good best better improve* benefit* help* helped helpful protect* constructive
    optimis* hope* hopeful agree* agreement cooperat* partner* friend* trust* respect* honest*
    popular boost* gain* strong strength* lead* leader* champion* celebrat* admire* thank*
    effective reliable fair* brave courage* progress* breakthrough reform* peace* peaceful
    secure stable stability safe* rescue* generous* inspir* landmark historic remarkable
    impressive credit* endors* backing backed favorable favourable positive* commend* laud*
    defend* ally allies rapprochement willing* desire* ready readiness
    """
)
NEGATIVE = wordset(
    """
    attack* criticiz* criticis* critic* condemn* blame* accus* denounc* slam* blast* lambast*
    fail* failure* scandal* corrupt* fraud* lie lies lied liar* false* mislead* deceiv* threat*
    threaten* danger* dangerous crisis crises disaster* chaos* chaotic war wars violen* kill*
    dead death* abuse* illegal* crime* criminal* guilt* convict* arrest* jail* prison* sanction*
    protest* oppos* reject* refus* deny denied denies problem* concern* worr* fear* angry anger
    outrage* hostil* aggress* invad* invasion annex* tension* strain* grievance* demand*
    weak* lose lost loss* decline* collapse* bad worse worst harm* damage* hurt* destroy*
    racist* bigot* extrem* radical* terror* incompetent* disgrace* shame* embarrass* controvers*
    impeach* investigat* probe* resign* fired oust* divisive dysfunction* partisan obstruct*
    misconduct* troubl* struggl* risk* deadly brutal* harsh* bitter* unfair* unjust* sham
    """
)
# Loaded or subjective words that mark opinionated writing (adjectives of judgement, emotive
# verbs, labels); the shipped bias score counts these in a sentence.
LOADED = wordset(
    """
    absurd* outrage* outrageous shocking disgrac* shameful horrific horrible terrible awful
    bizarre ridiculous idiot* stupid* insane crazy lunatic* radical* extremist* far-right
    far-left fringe thug* regime* propaganda puppet* scheme* slam* slams slammed blast* lambast*
    rant* rants ranted tirade* meltdown hysteri* hypocri* sham bogus fake* lies liar* smear*
    draconian dangerous disastrous catastroph* chaos chaotic failed failing pathetic
    incompetent* corrupt* racist* bigot* xenophob* misogyn* sexist* hateful hate* vile evil
    brutal* ruthless* reckless* cruel* heartless* greed* greedy elite* establishment
    so-called notorious* infamous* controversial divisive inflammatory incendiary rhetoric
    slur* attack* assault* onslaught crackdown* obsess* alarming alarmist
    staggering stunning astonishing blatant* flagrant* brazen* egregious unhinged
    demoniz* demonis* weaponiz* weaponis* rigged cronies crony* mob* radicaliz* radicalis*
    absolutely totally utterly extremely truly deeply insidious sinister nefarious despicable
    dishonest* deceptive* mislead* bombshell explosive scathing fierce* furious* rage* raging
    mocked mock* ridicul* sneer* gloat* boast* brag* whine* whining rail* railed scoff*
    hardline* hardliner* militant* illegal* alien* invasion invader* horde* flood* swarm*
    """
)


@lru_cache(maxsize=32768)
def in_lexicon(word: str, lexicon: frozenset[str]) -> bool:
    """Whether the normalised ``word`` matches an entry (exact, or by prefix for ``stem*``)."""
    if word in lexicon:
        return True
    return any(word[:i] + "*" in lexicon for i in range(3, len(word) + 1))
