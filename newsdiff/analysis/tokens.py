"""Split text into tokens and normalise them, one way for the whole analysis.

Alignment, the word diff and framing all compare words through this module, so
"U.S." and "US", "Nato" and "NATO", "Biden’s" and "Biden's" are the same word
everywhere. Three levels, from closest to the text to most forgiving:

- ``Token.text``: the token exactly as written (offsets point into the text);
- ``Token.norm``: case-folded, curly quotes made straight, dots of abbreviations
  dropped ("U.S." -> "us"). The word diff compares these.
- ``term_key(token)``: the content term a token stands for, or ``None`` for
  punctuation and function words: possessive dropped and the word lightly
  stemmed ("talks" -> "talk", "heading" -> "head", "described" -> "describ"),
  number words as digits ("three" -> "3"). Alignment and framing count these.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from operator import attrgetter
from typing import Literal, NamedTuple

TokenKind = Literal["word", "number", "punct"]

# Han, kana and CJK compatibility ideographs are written without spaces: each
# character is a token of its own, so such text still yields terms to compare.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Combining marks are not word characters for ``re``, yet they belong to the
# word they sit in (decomposed accents, Indic vowel signs, Thai, Hebrew points).
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u0900-\u0dff\u0e31-\u0e3a\u0e47-\u0e4e\u1ab0-\u1aff\u1dc0-\u1dff"
    "\u20d0-\u20ff\ufe20-\ufe2f"
)
_LETTER = rf"[^\W\d_{_CJK}][{_MARKS}]*"
_WORDCH = rf"[^\W_{_CJK}]"
_RUN = rf"{_WORDCH}+(?:[{_MARKS}]+{_WORDCH}*)*"  # letters and digits, marks inside
_APOSTROPHES = "'\u2019\u02bc"
_ABBR = rf"(?:{_LETTER}\.){{2,}}"  # U.S., e.g., U.K.
_NUMBER = rf"\d+(?:[.,:]\d+)*(?!{_WORDCH}|[{_MARKS}])"  # 18, 9,899, 3.5 (not 1990s, G7)
_WORD = rf"{_RUN}(?:[{_APOSTROPHES}]{_RUN})*"  # words, Biden's, G7, 1990s
_WORDS = re.compile(rf"{_ABBR}|{_NUMBER}|[{_CJK}]|{_WORD}")
# the same alternatives, then any other visible character as punctuation
_TOKEN = re.compile(rf"{_ABBR}|{_NUMBER}|[{_CJK}]|{_WORD}|[^\w\s]|_")
_IS_ABBR = re.compile(rf"{_ABBR}\Z")
_IS_NUMBER = re.compile(rf"{_NUMBER}\Z")
_QUOTE_MAP = str.maketrans(
    {
        "\u2019": "'",  # right single quote, the usual curly apostrophe
        "\u2018": "'",
        "\u02bc": "'",
        "\u201b": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2212": "-",
    }
)

# Function words, auxiliaries, pronouns, reporting verbs and titles: words that
# say nothing about which event a sentence reports. Written for newsdiff; kept
# in normalised form (straight apostrophes, lower case).
_STOPWORD_TEXT = """
    a about above across after afterwards again against ago all almost along already also although
    always am among an and another any anybody anyone anything anyway anywhere are around as at
    back be became because become becomes been before being below beside besides between beyond
    both but by can cannot could did do does doing done down during each either else elsewhere
    enough etc even ever every everyone everything everywhere few for from further furthermore
    had has have having he hence her here hers herself him himself his how however i if in indeed
    into is it its itself just last least less let like made make many may me meanwhile might mine
    more moreover most mostly much must my myself namely neither never nevertheless next no nobody
    none nor not nothing now nowhere of off often on once one only onto or other others otherwise
    our ours ourselves out over own per perhaps please quite rather really said same say saying
    says see seem seemed seems several shall she should since so some somebody someone something
    sometimes somewhat somewhere still such than that the their theirs them themselves then there
    thereby therefore these they this those though through throughout thus to together too toward
    towards under unless until up upon us very via was we well were what whatever when whenever
    where whereas wherever whether which while who whoever whole whom whose why will with within
    without would yet you your yours yourself yourselves mr mrs ms dr
    ain't aren't can't couldn't didn't doesn't don't hadn't hasn't haven't he'd he'll he's i'd
    i'll i'm i've isn't it'd it'll it's let's mustn't she'd she'll she's shan't shouldn't that's
    there's they'd they'll they're they've wasn't we'd we'll we're we've weren't what's where's
    who's won't wouldn't you'd you'll you're you've
"""
STOPWORDS: frozenset[str] = frozenset(_STOPWORD_TEXT.split())

# Number words read as the number they name, so "three pirates" and "3 pirates"
# share a term. "one" stays a function word ("one of them", "the one who").
_NUMBER_WORD_TEXT = """
    two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty
"""
NUMBER_WORDS: dict[str, str] = {
    word: str(value) for value, word in enumerate(_NUMBER_WORD_TEXT.split(), start=2)
} | {"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70"}
NUMBER_WORDS |= {"eighty": "80", "ninety": "90"}


class Token(NamedTuple):
    """One token of a text: ``text == source[start:end]``. (A named tuple rather
    than a dataclass: long documents have hundreds of thousands of tokens.)"""

    text: str
    start: int
    end: int
    kind: TokenKind
    norm: str
    acronym: bool = False  # "U.S.", or an all-capitals word in ordinary text ("NATO")


class WordInfo(NamedTuple):
    """What one spelling of a word or number says, whatever text it is in."""

    kind: TokenKind
    norm: str
    key: str | None  # its content term in ordinary text (None: function word, punctuation)
    key_if_shouting: str | None  # its content term in an all-caps line
    abbr: bool  # dotted ("U.S."): always an acronym
    upper: bool  # all capitals, two letters or more: an acronym unless the line shouts
    cased: bool  # has upper and lower case forms: counts towards shouting
    capitalised: bool  # starts with a capital (or is an acronym)
    lower: bool  # starts with a lower-case letter
    shouts: bool = False  # cased and all capitals
    long: bool = False  # four characters or more (for telling Title Case lines)
    long_capitalised: bool = False
    number: bool = False


_SHOUTS = attrgetter("shouts")
# Builds a named tuple without its argument checks: texts are tokenized by the thousand
_new_tuple = tuple.__new__
_CASED = attrgetter("cased")


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into words, numbers and punctuation marks (whitespace is
    not a token; the offsets keep it recoverable)."""
    surfaces = _TOKEN.findall(text)
    infos = list(map(word_info, surfaces))
    shouting = is_shouting(infos)
    tokens: list[Token] = []
    append = tokens.append
    find = text.find
    end = 0
    for surface, info in zip(surfaces, infos, strict=True):
        # tokens stand in order with only whitespace between them, so the next
        # occurrence of a surface is where it was matched (cheaper than match objects)
        start = find(surface, end)
        end = start + len(surface)
        acronym = info.abbr or (info.upper and not shouting)
        append(_new_tuple(Token, (surface, start, end, info.kind, info.norm, acronym)))
    return tokens


def word_surfaces(text: str) -> list[str]:
    """The words and numbers of ``text`` as written: the tokens of ``tokenize``
    without the punctuation, found faster."""
    return _WORDS.findall(text)


def is_shouting(infos: list[WordInfo]) -> bool:
    """True when most cased words are in capitals (an all-caps headline), so that
    capitals say nothing about acronyms or names."""
    return sum(map(_SHOUTS, infos)) * 2 > sum(map(_CASED, infos))


@lru_cache(maxsize=1 << 17)
def word_info(surface: str) -> WordInfo:
    """Everything about one token that does not depend on its context (cached)."""
    norm = normalize(surface)
    if "." in surface and _IS_ABBR.match(surface):
        key = _word_key(norm, True)
        return WordInfo(
            kind="word",
            norm=norm,
            key=key,
            key_if_shouting=key,
            abbr=True,
            upper=True,
            cased=False,  # "U.S." in a shouted line is no sign of shouting
            capitalised=True,
            lower=False,
            long=len(surface) > 3,
            long_capitalised=len(surface) > 3,
        )
    if surface[:1].isdigit() and _IS_NUMBER.match(surface):
        key = norm.replace(",", "")
        return WordInfo(
            kind="number",
            norm=norm,
            key=key,
            key_if_shouting=key,
            abbr=False,
            upper=False,
            cased=False,
            capitalised=False,
            lower=False,
            long=len(surface) > 3,
            number=True,
        )
    if len(surface) == 1 and not surface.isalnum():  # tokens of one other character
        return WordInfo("punct", norm, None, None, False, False, False, False, False)
    upper = len(surface) > 1 and surface.isupper()
    plain = _word_key(norm, False)
    return WordInfo(
        kind="word",
        norm=norm,
        key=_word_key(norm, True) if upper else plain,
        key_if_shouting=plain,
        abbr=False,
        upper=upper,
        cased=len(surface) > 1 and surface.lower() != surface.upper(),
        capitalised=surface[0].isupper(),
        lower=surface[0].islower(),
        shouts=upper and surface.lower() != surface.upper(),
        long=len(surface) > 3,
        long_capitalised=len(surface) > 3 and surface[0].isupper(),
        number=norm in NUMBER_WORDS,  # "three" is a number, as "3" is
    )


def term_key(token: Token) -> str | None:
    """The content term ``token`` stands for, or ``None`` if it carries none
    (punctuation, function words)."""
    info = word_info(token.text)
    return info.key if token.acronym else info.key_if_shouting


def content_terms(text: str) -> list[tuple[str, Token]]:
    """The content terms of ``text`` in order, each with the token it comes from."""
    out: list[tuple[str, Token]] = []
    for token in tokenize(text):
        key = term_key(token)
        if key is not None:
            out.append((key, token))
    return out


def normalize(surface: str) -> str:
    """The comparison form of one token: NFKC, case-folded, straight quotes and
    plain hyphens, no dots inside abbreviations ("U.S." -> "us")."""
    if surface.isascii():  # NFKC leaves ASCII alone; of the quotes only ` is ASCII
        norm = surface.lower().replace("`", "'")
    else:
        norm = unicodedata.normalize("NFKC", surface).translate(_QUOTE_MAP).casefold()
    if len(norm) > 2 and norm.endswith(".") and "." in norm[:-1]:
        norm = norm.replace(".", "")
    return norm


def without_possessive(norm: str) -> str:
    """A normalised word without its possessive ending ("china's" -> "china")."""
    if norm.endswith("'s"):
        return norm[:-2]
    if norm.endswith("s'"):
        return norm[:-1]
    return norm


def _word_key(norm: str, acronym: bool) -> str | None:
    """The content term of a normalised word, or ``None`` for a function word."""
    norm = without_possessive(norm)
    if not norm:
        return None
    if acronym:
        return stem(norm)  # "US" is a country, never the pronoun "us"
    if norm in STOPWORDS or (len(norm) < 2 and norm.isascii()):
        return None  # a single Latin letter is no term; a single Han character is
    number = NUMBER_WORDS.get(norm)
    if number is not None:
        return number
    return stem(norm)


_VOWELS = frozenset("aeiouy")
_NO_UNDOUBLE = frozenset("lszaeiouy")  # "fall", "pass", "buzz", "free", "zoo" stay
_ES_PLURALS = frozenset(("sses", "shes", "ches"))


@lru_cache(maxsize=1 << 16)  # the aligner and framing stem the same words
def stem(word: str) -> str:
    """Strip common English inflections so the forms of one word meet.

    Deliberately light: plural and third-person "-s", "-es", "-ies", then past
    "-ed" or "-ing", then a final "-e" and a doubled consonant, so "talks" and
    "talk", "heading" and "heads", "described" and "describe", "stepped" and
    "step", "meetings" and "meet", "countries" and "country" share a stem.
    Words of other scripts, and words with digits, pass unchanged.
    """
    if len(word) < 4 or not word.isascii() or not word.isalpha():
        return word
    base = word
    if base[-1] == "s":
        if base[-3:] == "ies" and len(base) > 4:
            base = base[:-3] + "y"
        elif base[-4:] in _ES_PLURALS or base[-3:] in ("xes", "zes"):
            base = base[:-2]
        elif base[-2:] not in ("ss", "us", "is"):
            base = base[:-1]
    if base[-3:] == "eed":
        return base  # "agreed", "speed": no rule below helps them
    if base[-3:] == "ing" and len(base) > 5 and _has_vowel(base[:-3]):
        base = base[:-3]
    elif base[-2:] == "ed" and len(base) > 4 and _has_vowel(base[:-2]):
        base = base[:-2]
        if base[-1] == "i":
            base = base[:-1] + "y"  # "carried" -> "carry"
    if len(base) > 3 and base[-1] == "e" and base[-2] not in "eiy":
        base = base[:-1]
    if len(base) > 3 and base[-1] == base[-2] and base[-1] not in _NO_UNDOUBLE:
        base = base[:-1]
    return base


def _has_vowel(text: str) -> bool:
    return any(ch in _VOWELS for ch in text)
