"""Step 3, finding the page furniture with a general line classifier (no list of
any site's strings).

Each line gets *topic* evidence (vocabulary of navigation, appeals for
donations, subscriptions and members, log-in prompts, sharing buttons, cookie
notices, advertising, links to more coverage, copyright and credits;
fundraising counters such as "£9,899 raised" or "12 days remaining") and
*shape* evidence (speaks to the reader outside quotes, starts with a
call-to-action verb, short line or label without a full stop, breaks off on a
preposition where a link was, all capitals, words glued together from several
links, repeated on the page), minus one for a long sentence. A line scoring
``_FURNITURE_SCORE`` or more (one more in the head or footer of the page) is
furniture when some of the evidence is its topic (or its shape alone is
overwhelming). Where the head and footer are is ``layout``'s business.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .normalise import _normalise

_FURNITURE_SCORE = 4  # topic + shape evidence at which a line is page furniture
_TERMINAL = re.compile(r"[.!?…][\"'’”)\]]*$")
_WORD = re.compile(r"[\w'’£$€%.,:-]+")

# (reason, weight, trigger substrings, pattern): a line collects the weights of
# the different patterns it matches. Strong phrases weigh 2; single words that
# news stories also use weigh 1. Patterns run on the lower-cased line, and only
# when one of their triggers occurs in it (a cheap test that spares most prose).
_VOCABULARY: tuple[tuple[str, int, tuple[str, ...], str], ...] = (
    (
        "navigation link",
        2,
        ("skip", "jump", "top", "menu", "navigation", "map", "search", "home", "sections"),
        r"\bskip (?:to|navigation)\b|\bjump to (?:main )?content\b|\bback to (?:top|home)\b"
        r"|\b(?:main|site) (?:menu|navigation)\b|\btoggle navigation\b|\bsite ?map\b"
        r"|^(?:menu|search|home|sections|close|open menu|more sections)$",
    ),
    (
        "donation appeal",
        2,
        ("donat", "fundrais", "crowdfund", "make a", "make an", "chip in", "support", "become"),
        r"\bdonat(?:e|es|ed|ing|ion|ions)\b|\bfundrais\w*|\bcrowdfund\w*"
        r"|\bmake an? (?:contribution|gift|one-off)\b|\bchip in\b"
        r"|\bsupport (?:us|our (?:journalism|work|reporting)|independent journalism)\b"
        r"|\bbecome an? (?:supporter|patron|donor|friend)\b",
    ),
    (
        "donation appeal",
        1,
        ("fund", "support", "contribut", "patron", "raised", "goal", "target"),
        r"\bfunds?\b|\bfunding\b|\bsupporters?\b|\bcontribut(?:e|ion|ions)\b|\bpatrons?\b"
        r"|\braised\b|\bgoal\b|\btarget\b",
    ),
    (
        "subscription appeal",
        2,
        ("subscri", "sign", "newsletter", "inbox", "trial", "unlimited", "paywall"),
        r"\bsubscri(?:be|bed|bes|bing|bers?|ptions?)\b|\bsign[- ]?up\b|\bnewsletters?\b"
        r"|\bin your inbox\b|\bfree trial\b|\bunlimited (?:access|articles)\b|\bpaywall\b",
    ),
    (
        "log-in prompt",
        2,
        ("log", "sign", "account", "password", "refresh", "navigate", "already", "thank you"),
        r"\blog(?:ged|ging)? ?(?:in|out)\b|\blogin\b|\bsign (?:in|out)\b(?! to law)"
        r"|\bcreate an? (?:free )?account\b|\bforgot (?:your )?password\b"
        r"|\brefresh (?:the|this|your) (?:page|browser)\b|\bnavigate to another page\b"
        r"|\balready (?:a subscriber|a member|have an account|registered)\b"
        r"|\bthank you for (?:registering|subscribing|signing up|your support|reading)\b",
    ),
    ("log-in prompt", 1, ("regist", "account"), r"\bregist(?:er|ered|ering|ration)\b|\baccount\b"),
    (
        "sharing buttons",
        2,
        ("share", "follow", "email", "print", "link", "comment", "tweet", "like", "save"),
        r"\bshare (?:this|on|via|the story|the article)\b|\bfollow us\b"
        r"|\b(?:email|print) (?:this|the) (?:article|story|page)\b|\bcopy (?:the )?link\b"
        r"|\b(?:leave|post|view|show|read) (?:a |the |all )?comments?\b"
        r"|^(?:share|tweet|email|print|comments?|like|save)$",
    ),
    (
        "cookie or privacy notice",
        2,
        ("cookie", "privacy", "terms"),
        r"\bcookies?\b|\bprivacy (?:policy|settings|notice)\b"
        r"|\bterms (?:of|and) (?:use|service|conditions)\b",
    ),
    (
        "advertising",
        2,
        ("advert", "sponsor", "promoted", "paid", "continue"),
        r"^(?:advertisement|advert|sponsored(?: content)?|promoted|paid (?:content|post))$"
        r"|\bad feedback\b|\b(?:story|article) continues below\b|\bcontinue reading\b",
    ),
    (
        "link to more coverage",
        2,
        ("read", "more", "available", "click", "related", "recommended", "popular", "trending")
        + ("latest", "most", "view", "see also", "watch", "listen", "top stories", "explore"),
        r"\bread more\b|\bread (?:the )?full (?:story|article)\b"
        r"|\bmore (?:of|from) \S.{0,40}\b(?:coverage|stories|news|articles)\b"
        r"|\b(?:is|are) available (?:at|on|here)\b|\bclick here\b"
        r"|\b(?:related|recommended|popular|trending|latest) (?:stories|articles|content|"
        r"reading|topics|news)\b|\bmost (?:read|popular|viewed|shared)\b"
        r"|\bview (?:all|more)\b|\bsee also\b|\bwatch (?:now|live|the video)\b"
        r"|\blisten to (?:this|the) (?:article|story)\b"
        r"|^(?:related|more|see more|top stories|explore more|more on this story)$"
        r"|^more (?:from|on|of|in) [^.!?]{1,40}$",
    ),
    (
        "page notice",
        2,
        ("this article", "this story", "first published", "last modified", "reading time"),
        r"\bthis (?:article|story) (?:is more than|was (?:first )?published|is over)\b"
        r"|\bfirst published\b|\blast modified\b|\breading time\b",
    ),
    (
        "copyright notice",
        2,
        ("©", "copyright", "(c)"),
        r"©|\bcopyright\b|\(c\) ?\d{4}",
    ),
    ("copyright notice", 2, ("rights reserved",), r"\ball rights reserved\b"),
    (
        "copyright notice",
        2,
        ("may not be", "without permission"),
        r"\bmay not be (?:published|reproduced|broadcast|rewritten|redistributed)\b"
        r"|\bwithout (?:prior |written )*permission\b",
    ),
    (
        "credits",
        2,
        ("by",),
        r"^\(?(?:additional )?(?:reporting|writing|editing|compiled|produced|graphics)"
        r"(?: and \w+)? by\b",
    ),
    (
        "membership appeal",
        2,
        ("reader", "owned", "become", "shares", "join"),
        r"\breader[- ]owned\b|\bowned by (?:our|its|the) readers\b"
        r"|\bbecome (?:a )?(?:part|member|shareholder) of\b|\bbuy(?:ing)? (?:a )?shares? in\b"
        r"|\bjoin (?:us|our|the) (?:co-?op|community|members)\w*",
    ),
    (
        "membership appeal",
        1,
        ("operative", "member", "shareholder"),
        r"\bco-?operative\b|\bmembers(?:hip)?\b|\bshareholders?\b",
    ),
)
_VOCABULARY_PATTERNS = tuple(
    (reason, weight, re.compile("|".join(map(re.escape, triggers))), re.compile(pattern))
    for reason, weight, triggers, pattern in _VOCABULARY
)
_COUNTERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("fundraising counter", re.compile(r"^[^£$€¥\d]{0,30}:\s*[£$€¥]\s?\d[\d,.]*\s*$")),
    (
        "fundraising counter",
        re.compile(
            r"\b(?:raised|need(?:ed)?|goal|target|total|so far|to go)\b\W{0,3}[£$€¥]\s?\d"
            r"|[£$€¥]\s?\d[\d,.]*k?\s+(?:raised|to go|goal|target)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "fundraising counter",
        re.compile(r"\b\d+\s+(?:days?|hours?|weeks?)\s+(?:remaining|left|to go)\b", re.I),
    ),
    (
        "fundraising counter",
        re.compile(r"\b\d{1,3}\s?%\s+(?:funded|of (?:our|the) (?:goal|target))\b", re.I),
    ),
    ("reading time", re.compile(r"^\d+\s*min(?:ute)?s?\s+(?:read|listen)$", re.I)),
)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘.*?’(?!\w)")  # ’ followed by a letter is an apostrophe
_READER_WORDS = {
    "you", "your", "yours", "you're", "you've", "you'll", "you’re", "you’ve", "you’ll",
    "we", "our", "ours", "we're", "we've", "we'll", "we’re", "we’ve", "we’ll",
}  # fmt: skip
_LOWER_US = re.compile(r"\bus\b")  # "us", never "US"
_CALL_TO_ACTION = {
    "skip", "subscribe", "sign", "log", "login", "register", "donate", "give", "click", "tap",
    "read", "share", "follow", "join", "become", "download", "try", "refresh", "please",
    "enable", "accept", "allow", "continue", "watch", "listen", "view", "visit", "explore",
    "discover", "contribute", "support", "help", "get", "save", "print", "email", "back",
    "jump", "go", "manage", "upgrade", "unlock", "start", "shop", "buy",
}  # fmt: skip
_DANGLING = {
    "at", "to", "of", "for", "on", "in", "from", "with", "by", "via", "the", "a", "an",
    "and", "or", "here", "below",
}  # fmt: skip
_GLUED = re.compile(r"(?<![\w’'])[a-z]{2,}[A-Z][a-z]{2,}")  # "logged inPlease refresh"


@dataclass(slots=True)
class _Line:
    number: int  # 0-based line in the text as given
    original: str
    text: str  # normalised
    block: int  # paragraphs: lines between blank lines
    words: int = 0
    terminal: bool = False  # ends like a sentence: . ! ? … (and closing quotes)
    topic: int = 0
    shape: int = 0
    topic_reason: str = ""
    topics: set[str] = field(default_factory=set)
    shape_reasons: list[str] = field(default_factory=list)
    role: str = ""  # headline, standfirst, byline, dateline, furniture, body
    reason: str = ""

    @property
    def score(self) -> int:
        return self.topic + self.shape

    @property
    def prose(self) -> bool:
        return self.terminal and self.words >= 8


def _score(line: _Line, repeated: bool) -> None:
    """Fill in the topic and shape evidence of ``line``."""
    text = line.text
    lower = text.lower()
    words = _WORD.findall(text)
    line.words = len(words)
    line.terminal = bool(_TERMINAL.search(text))
    topic: list[tuple[int, str]] = []
    for reason, weight, triggers, pattern in _VOCABULARY_PATTERNS:
        if triggers.search(lower) and pattern.search(lower):
            topic.append((weight, reason))
    short = not line.terminal and line.words <= 10
    if short:
        topic.extend((2, reason) for reason, counter in _COUNTERS if counter.search(text))
    line.topic = min(4, sum(weight for weight, _ in topic))
    line.topic_reason = max(topic, key=lambda item: item[0])[1] if topic else ""
    line.topics = {reason for _, reason in topic}

    shape: list[str] = []
    unquoted = _QUOTED.sub(" ", text) if ('"' in text or "“" in text or "‘" in text) else text
    tokens = {w.strip(".,:;!?()").lower() for w in unquoted.split()}
    if tokens & _READER_WORDS or ("us" in tokens and _LOWER_US.search(unquoted)):
        shape.append("speaks to the reader")
    first = words[0].lower().strip(".,:;!?") if words else ""
    if first in _CALL_TO_ACTION:
        shape.append("starts with a call to action")
    if short:
        shape.append("short line without a full stop")
    if not line.terminal and line.words <= 3:
        shape.append("a label rather than a sentence")
    last = words[-1].lower() if words else ""
    if not line.terminal and (last in _DANGLING or text.endswith(":")):
        shape.append("breaks off where a link was")
    if 2 <= line.words <= 8 and text.isupper() and sum(ch.isalpha() for ch in text) >= 4:
        shape.append("a slogan in capitals")
    if _GLUED.search(text):
        shape.append("words glued together from several links")
    if repeated and line.words <= 10:
        shape.append("repeated on the page")
    # A long sentence is likely to be the article's, unless it talks to the reader.
    addressed = {"speaks to the reader", "starts with a call to action"} & set(shape)
    line.shape = len(shape) - (1 if line.prose and line.words >= 12 and not addressed else 0)
    line.shape_reasons = shape


def _furniture_reason(line: _Line, where: str, context: str = "") -> str:
    """``"donation appeal (after the article)"``; ``context`` when the line's own words say
    nothing ("menu above the article")."""
    if line.topic_reason:
        return f"{line.topic_reason} ({where})"
    if context:
        return context
    shape = line.shape_reasons[0] if line.shape_reasons else "page furniture"
    return f"{shape} ({where})"


def _read_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    block = 0
    previous_blank = True
    for number, original in enumerate(text.splitlines()):
        normal = _normalise(original)
        if not normal:
            previous_blank = True
            continue
        if previous_blank and lines:
            block += 1
        previous_blank = False
        lines.append(_Line(number, original, normal, block))
    counts = Counter(line.text.lower() for line in lines)
    for line in lines:
        _score(line, counts[line.text.lower()] > 1)
    return lines


def _mark(line: _Line, role: str, reason: str = "") -> None:
    line.role = role
    line.reason = reason


def _is_furniture(line: _Line, in_zone: bool) -> bool:
    """Enough evidence, and some of it about what the line says (or a lot about its shape)."""
    score = line.score + (1 if in_zone else 0)
    return score >= _FURNITURE_SCORE and (line.topic >= 1 or line.shape >= _FURNITURE_SCORE)
