"""A sentence's words as framing reads them: tokens with hyphenated compounds
joined ("12-point", "post-conflict"), what framing asks of each word, the word
sets its rules use, and what it works out from a sentence's reading (a comparison
remembers that in its ``state.ComparisonState``)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import compress
from operator import attrgetter
from typing import NamedTuple, cast

from ..clean import DATE_WORDS as _DATE_WORDS  # noqa: F401 (framing's modules)
from ..clean import is_metadata_line
from ..clean import is_title_case as _title_case  # noqa: F401 (wording.py)
from ..tokens import NUMBER_WORDS, STOPWORDS, Token, normalize, stem, without_possessive, word_info
from ..worddiff import sentence_tokens
from .results import Side


class _Word(NamedTuple):
    """A token, or a hyphenated compound, with what framing asks of it.

    ``cap``: capitalised (a compound counts by its last part: "China-Russia" is,
    "U.S.-led" is not). ``possessive``: "Russia's", "officials'" (not "it's").
    ``bare``: the text without a possessive ending. A word says nothing of where
    it stands (``_SentenceWords.starts`` and ``ends`` do), so one object serves
    every occurrence of a token.
    """

    text: str
    kind: str  # "word", "number" or "punct"
    norm: str
    key: str | None  # content key (stemmed), None for function words and punctuation
    cap: bool
    possessive: bool
    bare: str
    number: bool  # a number or a word that starts with one ("12-point", "six")
    capital: bool  # a capitalised content word
    # of a capitalised content word: (key, norm without "'s"), for the report's places
    cap_pair: tuple[str, str] | None


def _make_word(
    text: str, kind: str, norm: str, key: str | None, bare_norm: str | None = None
) -> _Word:
    """``bare_norm``: the text's ``_bare_norm`` when the caller knows it."""
    cap = False
    if kind == "word":
        last = text.rsplit("-", 1)[-1] if "-" in text[1:] else text
        cap = last[:1].isupper()
    possessive = key is not None and (norm.endswith("'s") or norm.endswith("s'"))
    bare = text
    if possessive:
        bare = text[:-2] if norm.endswith("'s") else text[:-1]
    number = kind == "number" or _numberish(norm)
    capital = cap and key is not None
    cap_pair = (key, bare_norm or _bare_norm(text)) if capital else None
    return _new_tuple(
        _Word, (text, kind, norm, key, cap, possessive, bare, number, capital, cap_pair)
    )


# Skips the named tuple's argument checks: words are made by the thousand.
_new_tuple = tuple.__new__
_HYPHENS = frozenset("-\u2010\u2011")


@lru_cache(maxsize=1 << 16)
def _token_word(surface: str, acronym: bool) -> _Word:
    """The word a single token makes (one object for all its occurrences)."""
    info = word_info(surface)
    kind, norm = info.kind, info.norm
    if kind == "punct":
        key = None
    elif kind == "number":
        key = norm.replace(",", "")
    elif acronym:
        key = _content_key(norm, acronym)
    else:
        # tokens.py's key of the word, less the adverbs framing also leaves out
        key = info.key_if_shouting
        if key is not None and without_possessive(norm) in _MINOR:
            key = None
    # the surface's norm is ``normalize(surface)``
    return _make_word(surface, kind, norm, key, norm[:-2] if norm.endswith("'s") else norm)


class _Memo[V](dict[str, V]):
    """A plain dictionary used as a cache, emptied like a functools cache
    (``cache_clear``: the benchmarks empty every cache to time text never seen),
    and emptied whole when it reaches its bound."""

    def __init__(self, bound: int) -> None:
        super().__init__()
        self.bound = bound

    def cache_clear(self) -> None:
        self.clear()

    def keep(self, key: str, value: V) -> V:
        if len(self) >= self.bound:
            self.clear()  # a bound for long-running processes
        self[key] = value
        return value


# The words of tokens that are not acronyms, by surface (``_plain_word`` fills it):
# a dictionary lookup costs a third of an lru_cache call with two arguments
_PLAIN_WORDS: _Memo[_Word] = _Memo(1 << 16)


def _plain_word(surface: str) -> _Word:
    return _PLAIN_WORDS.keep(surface, _token_word(surface, False))


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Adverbs and titles that carry no content of their own in a diff or a key phrase.
_MINOR = _wordset(
    """
    later earlier recently simultaneously currently previously formerly reportedly allegedly
    publicly repeatedly meanwhile initially eventually finally subsequently separately recent
    according
    """
)
_DETERMINERS = _wordset("the a an this that these those its their his her our my your whose")
_PRONOUNS = _wordset("he she it they we i you")
_AUX = _wordset(
    """
    has have had also later previously repeatedly publicly reportedly again already once then
    since just still recently has've 'd 've
    """
)
_BE = _wordset("is are was were be been being am")
_CONJ = _wordset("and or but nor")
_TITLES = _wordset(
    """
    mr mrs ms dr sir dame lord lady president vice prime minister foreign defence defense
    secretary national security adviser advisor chancellor general king queen prince princess
    senator sen rep representative governor mayor judge spokesman spokeswoman spokesperson chief
    deputy ambassador envoy commander colonel captain lieutenant sergeant director chairman
    chairwoman premier pope cardinal bishop reverend rev interior finance health home state
    attorney leader
    """
)
_NUMBER_WORDS = _wordset(
    """
    two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
    hundreds thousand thousands million millions billion billions trillion dozen dozens half
    """
)
_CLOCK = _wordset("am pm gmt bst utc cet cest est edt cst cdt pst pdt ist jst aest et pt")
_NAME_STARTERS = _wordset("new north south east west united saint st san los las el al")
_PREPOSITIONS_OF_PLACE = _wordset("in of on over against across inside")
_PREPOSITIONS = _wordset(
    """
    in of on over against across inside for to from with by at as into onto under after before
    during without within between among amid alongside despite including regarding following
    concerning towards toward near beyond behind beside besides
    """
)
# Adjectives that end a clause as a complement ("keeping the plants safe"), not a phrase
_COMPLEMENTS = _wordset(
    """
    safe open clear free alive possible secure stable intact closed ready available responsible
    accountable unclear illegal legal
    """
)
_PARTICIPLES = _wordset(
    """
    grown known seen been taken given shown made done gone become begun held met led left sent
    set put kept told said found thought brought bought caught taught fought written driven
    risen fallen chosen spoken broken
    """
)
_QUOTES = frozenset('"\u201c\u201d\u00ab\u00bb')
_CLAUSE_BREAKS = frozenset(",;:()\u2013\u2014")
# Words that never modify the noun after them, though they may stand before it
_NOT_MODIFIERS = _wordset("sure certain clear aware said says told asked urged argued")
# Words that start a clause inside a sentence ("the warship after it was sent for")
_SUBORDINATORS = _wordset(
    "after before when while because although though which who whom whose where until unless if"
)
_OPENERS = _QUOTES | {"'", "\u2018", ":"}  # after these a capital may just start a sentence


def _words(text: str) -> list[_Word]:
    return list(read_sentence(text).words)


class _SentenceWords(NamedTuple):
    """A sentence's words and what framing asks of them again and again, read
    once per sentence text (the word diff needs the normalised form of every
    token and the index of each word's first token)."""

    words: tuple[_Word, ...]
    starts: tuple[int, ...]  # where each word starts in the sentence
    ends: tuple[int, ...]  # and where it ends
    norms: tuple[str, ...]
    firsts: tuple[int, ...]
    n_words: int  # words and numbers, punctuation left out
    keys: tuple[str, ...]  # the content keys, each once, in order
    caps: tuple[tuple[str, str], ...]  # (key, bare norm) of each capitalised content word
    word_norms: tuple[str, ...]  # the norm of each word
    numbers: tuple[int, ...]  # where numbers are ("12", "12-point", "six")
    capitals: tuple[int, ...]  # where capitalised content words are


def _sentence_words(
    words: tuple[_Word, ...],
    starts: tuple[int, ...],
    ends: tuple[int, ...],
    norms: tuple[str, ...],
    firsts: Sequence[int],
) -> _SentenceWords:
    if not words:
        return _new_tuple(_SentenceWords, (words, starts, ends, norms, (), 0, (), (), (), (), ()))
    # the words' fields as columns, in one pass
    _, kinds, word_norms, keys, _, _, _, number, capital, cap_pair = zip(*words, strict=True)
    unique = dict.fromkeys(keys)
    unique.pop(None, None)
    everywhere = range(len(words))
    return _new_tuple(
        _SentenceWords,
        (
            words,
            starts,
            ends,
            norms,
            tuple(firsts),
            len(words) - kinds.count("punct"),
            tuple(cast("dict[str, None]", unique)),
            tuple(dict.fromkeys(compress(cap_pair, capital))),
            # one word a token (no compounds): the words' norms are the tokens'
            norms if len(norms) == len(words) else word_norms,
            tuple(compress(everywhere, number)),
            tuple(compress(everywhere, capital)),
        ),
    )


def _key_runs(
    text: str, read: _SentenceWords, memo: dict[str, tuple[str | None, ...]]
) -> tuple[str | None, ...]:
    """A sentence's content keys in order, with None where punctuation breaks a
    run (function words are skipped): "the eastwards expansion of Nato, which"
    gives ("eastward", "expansion", "nato", None). ``memo``: the comparison's,
    by sentence text (``state.ComparisonState.key_runs``)."""
    found = memo.get(text)
    if found is None:
        found = memo[text] = tuple(
            w.key for w in read.words if w.key is not None or w.kind == "punct"
        )
    return found


def _has_run(
    text: str,
    read: _SentenceWords,
    keys: tuple[str, ...],
    memo: dict[str, tuple[str | None, ...]],
) -> bool:
    """Whether the content keys ``keys`` stand in a row in the sentence, not
    broken by punctuation."""
    runs = _key_runs(text, read, memo)
    n = len(keys)
    first = keys[0]
    start = 0
    while True:
        try:
            at = runs.index(first, start)
        except ValueError:
            return False
        if runs[at : at + n] == keys:
            return True
        start = at + 1


def is_metadata_text(read: _SentenceWords) -> bool:
    """A dateline or "Updated: ..." line (``clean.is_metadata_line``)."""
    return is_metadata_line(read.words)


@lru_cache(maxsize=65536)
def _numberish(norm: str) -> bool:
    """A word that is or starts with a number ("12-point", "six", "hundreds")."""
    first_part = norm.split("-")[0]
    return first_part.isdigit() or first_part in _NUMBER_WORDS


_KIND = attrgetter("kind")


def _compound_hyphens(tokens: Sequence[Token], surfaces: tuple[str, ...]) -> set[int]:
    """The tokens that are hyphens written without spaces between two words
    ("12-point", "post-conflict"): they join those words into one."""
    if _HYPHENS.isdisjoint(surfaces):
        return set()  # (dashes are not hyphens, though their norm is "-")
    return {
        k
        for k, surface in enumerate(surfaces)
        if surface in _HYPHENS
        and 0 < k < len(tokens) - 1
        and tokens[k - 1].end == tokens[k].start
        and tokens[k + 1].start == tokens[k].end
        and tokens[k - 1].kind != "punct"
        and tokens[k + 1].kind != "punct"
    }


@lru_cache(maxsize=8192)
def read_sentence(text: str) -> _SentenceWords:
    tokens = sentence_tokens(text)
    if not tokens:
        return _sentence_words((), (), (), (), ())
    # the tokens' fields as columns, in one pass
    surfaces, token_starts, token_ends, _, norms, acronyms = zip(*tokens, strict=True)
    # most words are met before and are no acronyms: a plain dictionary lookup
    words = list(map(_PLAIN_WORDS.get, surfaces))
    if None in words or True in acronyms:
        words = [
            _token_word(surface, True) if acronym else word or _plain_word(surface)
            for surface, acronym, word in zip(surfaces, acronyms, words, strict=True)
        ]
    joins = _compound_hyphens(tokens, surfaces)
    starts: Sequence[int] = token_starts
    ends: Sequence[int] = token_ends
    firsts: Sequence[int] = range(len(tokens))  # one word per token
    if joins:
        words, starts, ends, firsts = _join_compounds(text, tokens, words, starts, ends, joins)
    return _sentence_words(
        _one_as_digit(words) if "one" in norms else tuple(words),
        tuple(starts),
        tuple(ends),
        norms,
        firsts,
    )


def _join_compounds(
    text: str,
    tokens: Sequence[Token],
    words: list[_Word],
    starts: Sequence[int],
    ends: Sequence[int],
    joins: set[int],
) -> tuple[list[_Word], list[int], list[int], list[int]]:
    """The words, their starts and ends, and the index of each word's first
    token, with each "x-y(-z)" joined into one compound word at the hyphens
    ``joins``."""
    out: list[_Word] = []
    out_starts: list[int] = []
    out_ends: list[int] = []
    firsts: list[int] = []
    done = 0
    for hyphen in sorted(joins):
        i = hyphen - 1
        if i < done:
            continue  # inside a compound already joined
        j = hyphen + 1
        while j + 1 in joins:
            j += 2
        out += words[done:i]
        out_starts.extend(starts[done:i])
        out_ends.extend(ends[done:i])
        firsts += range(done, i + 1)
        parts = tokens[i : j + 1 : 2]
        last = parts[-1]
        last_key = _content_key(last.norm, last.acronym) or last.norm
        key = "-".join([*(p.norm for p in parts[:-1]), last_key])
        norm = "-".join(p.norm for p in parts)
        out.append(_make_word(text[tokens[i].start : last.end], "word", norm, key))
        out_starts.append(tokens[i].start)
        out_ends.append(last.end)
        done = j + 1
    firsts += range(done, len(tokens))
    out += words[done:]
    out_starts.extend(starts[done:])
    out_ends.extend(ends[done:])
    return out, out_starts, out_ends, firsts


_MAGNITUDES = _wordset("hundred thousand million billion trillion")


def _one_as_digit(words: list[_Word]) -> tuple[_Word, ...]:
    """ "one million" counts as "1 million" ("one" is otherwise a function word)."""
    for k in range(len(words) - 1):
        if words[k].norm == "one" and words[k + 1].norm in _MAGNITUDES:
            words[k] = words[k]._replace(key="1", kind="number", number=True)
    return tuple(words)


@lru_cache(maxsize=65536)
def _content_key(norm: str, acronym: bool) -> str | None:
    norm = without_possessive(norm)
    if not norm:
        return None
    if not acronym and (norm in STOPWORDS or norm in _MINOR or (len(norm) < 2 and norm.isascii())):
        return None
    # number words as digits, as tokens.py reads them: "six children" is "6 children"
    return NUMBER_WORDS.get(norm) or stem(norm)


def _related(a: str, b: str) -> bool:
    """Two content keys for the same word: equal, or one a long prefix of the
    other ("discuss"/"discussion")."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 5 and long_.startswith(short)


@lru_cache(maxsize=65536)
def _bare_norm(word: str) -> str:
    w = normalize(word)
    return w[:-2] if w.endswith("'s") else w


def _same_place(a: str, b: str) -> bool:
    """A place and its people, roughly: Russia/Russian, China/Chinese,
    Ukraine/Ukrainian (a long shared beginning)."""
    if a == b:
        return True
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= 4 and n >= min(len(a), len(b)) - 2


def _clean(text: str) -> str:
    return " ".join(text.split())


def _quote(text: str, limit: int = 12) -> str:
    words = text.split()
    if len(words) <= limit:
        return " ".join(words)
    return " ".join(words[:limit]) + "\u2026"


def _join_terms(terms: Sequence[str], limit: int = 4) -> str:
    shown = [f"\u2018{t}\u2019" for t in terms[:limit]]
    more = len(terms) - len(shown)
    if more > 0:
        shown.append(f"{more} more")
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def _other(side: Side) -> Side:
    return "right" if side == "left" else "left"


def _span_text(
    sentence: str,
    words: Sequence[_Word],
    bounds: tuple[Sequence[int], Sequence[int]],
    start: int,
    end: int,
) -> str:
    """The text of words ``start`` to ``end`` as written, spaces tidied and a
    possessive ending dropped; ``bounds``: where each word starts and ends."""
    starts, ends = bounds
    text = sentence[starts[start] : ends[end - 1]]
    text = _clean(text)
    if words[end - 1].possessive:
        text = text[: -len(words[end - 1].text)] + words[end - 1].bare
    return text


def _verbish(words: Sequence[_Word], k: int) -> bool:
    """A lower-case word that reads as a verb here: an "-ing" form not led by a
    determiner or number ("the ruling party"), an "-ed" form or participle not
    led by a determiner, preposition or number ("the occupied territories")."""
    w = words[k]
    if w.cap or w.kind != "word" or "-" in w.norm:
        return False
    prev = words[k - 1] if k > 0 else None
    adjective_lead = prev is not None and (
        prev.norm in _DETERMINERS or prev.kind == "number" or prev.norm in _NUMBER_WORDS
    )
    if w.norm.endswith("ing") and len(w.norm) > 5:
        # a clause starts with it (", protecting civilians"); after a noun it is
        # a noun itself ("government spending")
        return not adjective_lead and (prev is None or prev.key is None)
    if w.norm.endswith("ed") or w.norm in _PARTICIPLES:
        return not (adjective_lead or (prev is not None and prev.norm in _PREPOSITIONS))
    return False


def _is_demonym(w: _Word) -> bool:
    return w.cap and w.norm.endswith(("an", "ese", "ish", "ic", "i")) and not w.possessive
