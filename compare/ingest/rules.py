"""Rules for the obvious page chrome of plain-text dumps: each matches a whole line.

Patterns are about the *shape* of chrome (share prompts, comment widgets, cookie banners,
teasers, credits) in the languages the tool meets most, never about one site's wording.
"""

from __future__ import annotations

from functools import lru_cache

import regex

# Rules matched at the start of a line (most chrome announces itself in its first words).
START_RULES: tuple[tuple[str, str], ...] = (
    (
        "republication notice",
        r"this (article|story|post|piece) (was |is )?(originally|first) (published|appeared)"
        r"|(originally|first) (published|appeared) (at|on|by|in)\b"
        r"|republished (with permission )?(from|by)\b",
    ),
    (
        "teaser",
        r"read (also|more|next|too)|see also|also (read|on|in|from) \S+|related( (articles?"
        r"|stories|news|coverage))?\s*[:|]?\s*$|related:|more on this|more from|you may (also )?like"
        r"|recommended( for you)?\s*$|читайте (также|тоже)|смотрите также|по теме\s*:?\s*$"
        # German, French, Spanish, Italian, Portuguese, Dutch, Polish
        r"|(auch|mehr) lesen\s*:|lesen sie (auch|mehr|hier)\b|mehr zum thema|weitere (artikel|themen|beiträge"
        r"|nachrichten|news|meldungen)\b|mehr (themen|artikel|news|nachrichten)\b|das könnte (sie|dich) auch"
        r"|(ähnliche|verwandte|empfohlene|passende) (artikel|beiträge|themen)|top-themen\b"
        r"|(à )?lire aussi|voir aussi|sur le même sujet|à (voir|découvrir) aussi|lea (también|más|además)\s*:"
        r"|(le|te) puede interesar|(también )?te (puede|podría) interesar|(noticias|artículos) relacionad[oa]s"
        r"|leggi anche|potrebbe interessarti|leia (também|mais)\s*:|veja também|lees ook|zie ook"
        r"|czytaj (także|też|więcej)|you (might|may) also (like|enjoy)|related (topics|posts|reading)"
        r"|more (stories|articles) (from|like|on)\b|lea\s*:",
    ),
    (
        "share prompt",
        r"share( this( story| article| post| page)?)?( on \w+)?\s*[!:.]?$"
        r"|share (this|the)( \w+)? (with|on|via)\b|(think|know) (your|a) friends?\b[^.?!]{0,20}\b(would|might|will) (be interested|like|enjoy)"
        r"|share (on|via) (facebook|twitter|x|telegram|whatsapp|vk|email)"
        r"|(tweet|pin it|email|print)( this)?$|поделиться\s*$|click to share"
        r"|((diesen )?(artikel|beitrag|seite) )?teilen( mit| auf \w+)?\s*:?$|partager( (sur \w+|cet article))?\s*:?$"
        r"|compartir( en \w+)?\s*:?$|compartilhe?\s*:?$|condividi\s*:?$|delen\s*:?$|udostępnij\s*:?$",
    ),
    (
        "comment widget",
        r"be the first to comment|comments are closed|leave a (comment|reply)|\d+\s+comments?\s*$"
        r"|add (a )?comment|post a comment|show comments|view comments|comments?\s*\(\d+\)\s*$"
        r"|you must be logged in to post a comment|комментари(и|ев)\s*\(?\d*\)?\s*$"
        r"|(reply|like|report|flag|upvote|downvote|permalink|ответить)\s*(\(\d+\))?\s*$"
        r"|join the (discussion|conversation)|\d+\s+(replies|likes)\s*$|share your thoughts"
        r"|((\d+|keine|no|neueste|letzte|latest|recent)\s+)?(comments?|kommentare?|commentaires?|comentarios?"
        r"|commenti|comentários)\s*(\(\d+\))?\s*:?$|publier un commentaire|nur angemeldete benutzer"
        r"|(schreib(e|en sie)?|verfasse|hinterlasse) (einen|deinen|ihren) kommentar|kommentar (schreiben|verfassen)"
        r"|diskutieren sie mit|laisser un commentaire|(deja|escribe) (un|tu) comentario|lascia un commento"
        r"|deixe (um|seu) comentário|we want to hear what you think",
    ),
    ("breadcrumb", r"\s*(home|main|главная)\s*([/>»›|]|\s-\s)\s*\S"),
    (
        "photo credit",
        r"\s*(©|\(c\)\s|photo( credit)?\s*:|image( credit)?\s*:|фото\s*:|getty images\s*$"
        r"|(titel)?(foto|bild)(quelle)?s?\s*:|\(?crédits?( photo)?\s*:|image illustrative\s*:|\(?crédito\s*:"
        r"|imagen\s*:|fotos?\s*:)",
    ),
    ("source link", r"(source|sources|via|источник)\s*:?\s*\S{0,60}$"),
    (
        "subscribe prompt",
        r"subscribe|sign up (for|to)|follow us( on)?|join us on|get (our|the) newsletter"
        r"|download (our|the) app|подписывайтесь|(zum |unseren? )?newsletter (abonnieren|anmelden|bestellen)"
        r"|jetzt (abonnieren|anmelden|registrieren)|abonnez-vous|inscrivez-vous|suscr[ií]bete|iscriviti|assine"
        r"|(mit unserem|unser|our|receive our|get our) (\w+ )?newsletter|for the latest (stories|news)",
    ),
    (
        "advertisement",
        r"(advertisement|реклама|ad|sponsored( content)?|partner (news|content)|anzeige|werbung|publicité"
        r"|publicidad|pubblicità|advertising disclosure)\s*$",
    ),
    ("page count", r"\d+\s+(pages?|photos?|images?)( in this (article|story|gallery))?\s*$"),
    (
        "tags",
        r"(tags|topics|categories|теги|kategorien?|schlagw(örter|orte)|themen|stichwörter|étiquettes"
        r"|mots-clés|etiquetas|temas|tag|argomenti|filed under)\s*(:|$)",
    ),
    ("copyright notice", r"copyright\b"),
    ("photo caption", r"(image (source|caption)|media caption|photo caption|caption|getty images)\s*[,:]"),
    (
        "credits (metadata)",
        r"((additional )?reporting|writing|editing|compiled|translated) by\b|\(?editing by\b",
    ),
    ("reading time", r"\d+\s*(min|minute)s?( read)?\s*$|reading time\b"),
    (
        "page furniture",
        r"(skip to (main )?content|advertisement\W+scroll to continue|scroll to continue( with content)?"
        r"|continue reading|sign in|log in|register|menu|search|close|back to top|load more|show more"
        r"|see more|view all|next article|previous article|print( this)?( article| page)?"
        r"|report an error|report a correction|zurück( zur übersicht| zum artikel)?|nach oben|(seite )?drucken"
        r"|mehr (anzeigen|erfahren|lesen)|weiterlesen|bild anzeigen|alle (artikel|anzeigen|beiträge)"
        r"|(vorschau auf den )?nächsten? (artikel|beitrag)|vorheriger (artikel|beitrag)|retour|lire la suite"
        r"|en savoir plus|article (suivant|précédent)|leer más|ver más|volver|leggi (di più|tutto))"
        r"\s*[:.!»›>]*$|click here\b|our standards\W|video verfügbar bis\b"
        r"|(inhaltsverzeichnis|table of contents|contents|kontakt|contact( us)?)\s*:?$",
    ),
)
START_RULES = (
    *START_RULES,
    # Dumps made by text browsers and html2text: bare URLs, link references, markdown links.
    (
        "link",
        r"\s*(\[?\d+\]?\.?\s*)?(https?://|www\.)\S+\s*$|\s*[*+\-]?\s*\[[^\]]*\]\([^)]*\)\s*$|!\[[^\]]*\]\(",
    ),
)
# Rules matched anywhere in a line.
ANYWHERE_RULES: tuple[tuple[str, str], ...] = (
    ("template placeholder", r"\{\{.*?\}\}|\{%.*?%\}|\$\{[\w.]+\}|<%.*?%>"),
    (
        "cookie banner",
        r"this (web)?site uses cookies|we use cookies|accept (all )?cookies|cookie (policy|settings)"
        r"|by continuing to (browse|use) (this|our) site|используем (файлы )?cookie|\buses? cookies\b"
        r"|cookie consent|manage (your )?(cookie|privacy) (preferences|settings)",
    ),
    ("photo credit", r"©|/\s*getty images|/\s*reuters\s*$|/\s*ap( photo)?\s*$|/\s*afp\s*$"),
    ("copyright notice", r"all rights reserved|may not be (re)?published, broadcast"),
    (
        "photo caption",
        r"\b(photo|photograph|picture|image)( by|:)\s+(?-i:\p{Lu})[^.]{0,80}$"
        r"|(?-i:\b\p{Lu}{2,}(-\p{Lu}{2,})?/\p{Lu}[\p{Ll}\p{Lu}]+(\s\p{Lu}[\p{L}'\-]+){0,3}\.?\s*$)"
        r"|(?-i:\b\p{Lu}{2,}(-\p{Lu}{2,})?/\p{Lu}\p{Ll}+(\s\p{Lu}[\p{L}'\-]+){1,3}/)",
    ),
    (
        "media placeholder",
        r"your browser does not support|this (video|content) (is not available|can ?not be played)"
        r"|javascript (is )?(disabled|required)|enable javascript",
    ),
)

# Anywhere-rules only apply to lines shorter than this (placeholders excepted): a long body
# paragraph may mention a cookie policy or quote a "©".
ANYWHERE_MAX_CHARS = 300

# A line made only of a number ("13", "4.") is a counter, a rank in a list or a page number.
NUMBER_ONLY = regex.compile(r"^[\d\s.,:#/+\-–—%]+$")
# A line that opens an inline teaser on its own ("Read also"), after which other stories'
# headline and lead follow until the body resumes.
TEASER_OPENER = regex.compile(
    r"^(read (also|more|next|too)|see also|related( (articles?|stories|news|coverage|content))?"
    r"|more on this( (topic|story))?|you may (also )?like|also (read|on \S+)|читайте (также|тоже)"
    r"|смотрите также|по теме)\s*[:.]?$",
    regex.IGNORECASE,
)
# Lists of other stories ("Most read", "Top stories") run to the end of the block.
LIST_OPENER = regex.compile(
    r"^(most (read|popular|viewed|shared|commented)|top (stories|news)|trending now|latest (news|stories)"
    r"|editor'?s picks|more (news|stories)|in other media|самое (читаемое|популярное))\s*:?$",
    regex.IGNORECASE,
)


def _combined(rules: tuple[tuple[str, str], ...]) -> tuple[regex.Pattern[str], tuple[str, ...]]:
    """Rules as one alternation (one scan a line); the group that matched names the reason."""
    pattern = "|".join(f"(?P<r{i}>{source})" for i, (_, source) in enumerate(rules))
    return regex.compile(pattern, regex.IGNORECASE), tuple(reason for reason, _ in rules)


START, START_REASONS = _combined(START_RULES)
ANYWHERE, ANYWHERE_REASONS = _combined(ANYWHERE_RULES)
PLACEHOLDER = regex.compile(ANYWHERE_RULES[0][1])
# Every anywhere-rule needs one of these substrings: a cheap test spares most lines the scan.
ANYWHERE_TRIGGERS = (
    "{",
    "<%",
    "cookie",
    "©",
    "/",
    "rights reserved",
    "may not be",
    "photo",
    "picture",
    "image",
    "browser",
    "video",
    "content",
    "javascript",
    "используем",
)


# Lines up to this long have their reason cached: a site's chrome lines recur on its every page
# (a third of a feed's lines are repeats), and the cache stays small.
CACHED_LINE_CHARS = 1000


def rule_reason(line: str) -> str | None:
    """The reason a line is obvious page chrome, or None when it may be body text."""
    return _cached_reason(line) if len(line) <= CACHED_LINE_CHARS else _reason(line)


def _reason(line: str) -> str | None:
    if NUMBER_ONLY.match(line):
        return "number"
    match = START.match(line)
    if match is not None and match.lastgroup is not None:
        return START_REASONS[int(match.lastgroup[1:])]
    if len(line) > ANYWHERE_MAX_CHARS:
        # Every placeholder holds "{" or "<%": a long line without them is not searched.
        held = "{" in line or "<%" in line
        return "template placeholder" if held and PLACEHOLDER.search(line) else None
    lowered = line.lower()
    if not any(trigger in lowered for trigger in ANYWHERE_TRIGGERS):
        return None
    match = ANYWHERE.search(line)
    if match is not None and match.lastgroup is not None:
        return ANYWHERE_REASONS[int(match.lastgroup[1:])]
    return None


_cached_reason = lru_cache(maxsize=8192)(_reason)
