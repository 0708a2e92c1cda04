"""Rules for the obvious page chrome of plain-text dumps: each matches a whole line.

Patterns are about the *shape* of chrome (share prompts, comment widgets, cookie banners,
teasers, credits) in the languages the tool meets most, never about one site's wording.
"""

from __future__ import annotations

import regex

RULES: tuple[tuple[str, regex.Pattern[str]], ...] = tuple(
    (reason, regex.compile(pattern, regex.IGNORECASE))
    for reason, pattern in (
        ("template placeholder", r"\{\{.*?\}\}|\{%.*?%\}|\$\{[\w.]+\}|<%.*?%>"),
        (
            "republication notice",
            r"^(this (article|story|post|piece) (was |is )?(originally|first) (published|appeared)"
            r"|(originally|first) (published|appeared) (at|on|by|in)\b"
            r"|republished (with permission )?(from|by)\b)",
        ),
        (
            "teaser",
            r"^(read (also|more|next|too)|see also|also (read|on|in|from) \S+|related( (articles?"
            r"|stories|news|coverage))?\s*[:|]?\s*$|related:|more on this|more from|you may (also )?like"
            r"|recommended( for you)?\s*$|читайте (также|тоже)|смотрите также|по теме\s*:?\s*$)",
        ),
        (
            "share prompt",
            r"^(share( this( story| article| post| page)?)?( on \w+)?\s*[!:.]?$"
            r"|think your friends would be interested|share (on|via) (facebook|twitter|x|telegram"
            r"|whatsapp|vk|email)|(tweet|pin it|email|print)( this)?$|поделиться\s*$|click to share)",
        ),
        (
            "comment widget",
            r"^(be the first to comment|comments are closed|leave a (comment|reply)|\d+\s+comments?\s*$"
            r"|add (a )?comment|post a comment|show comments|view comments|comments?\s*\(\d+\)\s*$"
            r"|you must be logged in to post a comment|комментари(и|ев)\s*\(?\d*\)?\s*$)",
        ),
        (
            "cookie banner",
            r"(this (web)?site uses cookies|we use cookies|accept (all )?cookies|cookie (policy|settings)"
            r"|by continuing to (browse|use) (this|our) site|используем (файлы )?cookie)",
        ),
        ("breadcrumb", r"^\s*(home|main|главная)\s*([/>»›|]|\s-\s)\s*\S"),
        (
            "photo credit",
            r"^\s*(©|\(c\)\s|photo( credit)?\s*:|image( credit)?\s*:|фото\s*:|getty images\s*$)",
        ),
        ("photo credit", r"(©|/\s*getty images|/\s*reuters\s*$|/\s*ap( photo)?\s*$|/\s*afp\s*$)"),
        ("source link", r"^(source|sources|via|источник)\s*:?\s*\S{0,60}$"),
        (
            "subscribe prompt",
            r"^(subscribe|sign up (for|to)|follow us( on)?|join us on|get (our|the) newsletter"
            r"|download (our|the) app|подписывайтесь)",
        ),
        (
            "advertisement",
            r"^(advertisement|реклама|ad|sponsored( content)?|partner (news|content))\s*$",
        ),
        ("page count", r"^\d+\s+(pages?|photos?|images?)( in this (article|story|gallery))?\s*$"),
        ("tags", r"^(tags|topics|categories|теги)\s*:"),
    )
)

# A line made only of a number ("13", "4.") is a counter, a rank in a list or a page number.
NUMBER_ONLY = regex.compile(r"^[\d\s.,:#/+\-–—%]+$")
# A line that opens an inline teaser on its own ("Read also"), after which other stories'
# headline and lead follow until the body resumes.
TEASER_OPENER = regex.compile(
    r"^(read (also|more|next|too)|see also|related( (articles?|stories|news))?|more on this( topic)?"
    r"|you may (also )?like|also (read|on \S+)|читайте (также|тоже)|смотрите также|по теме)\s*[:.]?$",
    regex.IGNORECASE,
)
# Lists of other stories ("Most read", "Top stories") run to the end of the block.
LIST_OPENER = regex.compile(
    r"^(most (read|popular|viewed|shared|commented)|top (stories|news)|trending( now)?|popular"
    r"|latest (news|stories)|editor'?s picks|more (news|stories)|in other media|популярное"
    r"|самое (читаемое|популярное)|главное|infographics|photo|video|news feed)\s*:?$",
    regex.IGNORECASE,
)


def rule_reason(line: str) -> str | None:
    """The reason a line is obvious page chrome, or None when it may be body text."""
    if NUMBER_ONLY.match(line):
        return "number"
    for reason, pattern in RULES:
        if pattern.search(line):
            return reason
    return None
