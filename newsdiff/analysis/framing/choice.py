"""Which rewordings are word choices: the rules that tell a wording that changes
how something is seen (a label, a judging word, certainty, agency) from one that
changes only style or tells another fact. ``wording`` finds the rewordings and
asks these rules; the tuning and test judgements behind them are in
``bench/data/word_choice_judged.md``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..tokens import without_possessive
from .attribution import _LY_WORDS, _is_adverb
from .lexicon import LEXICON_DIR, WeightedTerm, _LexiconIndex
from .words import _BE, _DETERMINERS, _PARTICIPLES, _is_demonym, _title_case, _Word, _wordset

# Two wordings whose valence differs by at least this much (VADER's mean ratings, -4 to 4,
# summed over the words one side has and the other lacks) judge differently: "must respect"
# / "needs to consider" (2.1), "the conflict" / "the situation" (1.3). One point is where
# VADER's raters move from "neutral" to "slightly" positive or negative; set before
# looking at any finding, not tuned.
VALENCE_MIN_DIFFERENCE = 1.0
# How sure a wording is (the future "will", "can" and "expected to" are no doubt: "acquires" /
# "will buy", "to close" / "is expected to close" say when, not how sure)
_CERTAINTY = _wordset(
    """
    must should ought may might likely unlikely probably possibly perhaps certainly clearly
    definitely surely allegedly reportedly apparently alleged suspected accused accuses accuse
    charged
    """
)
# Whether a harm was meant: said on one side only, it changes who is to blame (agency)
_INTENT = _wordset(
    "deliberately intentionally purposely accidentally unintentionally inadvertently"
)
# Harm done to someone: a passive of these on one side only hides who did it ("was killed")
_HARM = _wordset(
    """
    killed shot injured wounded attacked beaten stabbed murdered bombed targeted hurt
    slain massacred executed tortured assaulted abducted kidnapped
    """
)
# Endings of adjectives that judge ("sensible", "disastrous", "brutal", "successful")
_ADJECTIVE_ENDINGS = ("ful", "ous", "ive", "al", "ic", "able", "ible", "less", "ant", "ent")
# Modifiers whose valence is the event's, not the report's: death and harm ("a fatal
# accident", "is dead", "was hurt"), and size or strength ("a powerful earthquake", "badly
# damaged", "a critical flaw"): a score or magnitude, not a judgement. Read off the tuning
# part of the protocol (bench/data/word_choice_judged.md), where every finding that rested
# on one of these alone was judged no.
_EVENT_VALENCE = _wordset(
    """
    dead death deadly fatal fatally lethal hurt injured wounded struck hit shot accident
    crash powerful strong huge massive major severe severely serious seriously critical
    critically badly heavily
    """
)
_DIED = _wordset("die died dies dead perished drowned")
_KILLED = _wordset("kill killed kills murdered slain shot massacred executed")
_GET = _wordset("get gets got getting gotten")


# A word of VADER's lexicon and its mean valence (emoticons and the rest left out)
_VALENCE_LINE = re.compile(r"^([a-z][a-z'-]*)\t(-?[0-9.]+)\t", re.MULTILINE)


@cache
def _valences() -> dict[str, str]:
    """VADER's valence of each word (``lexicons/vader/``, MIT), as written: a
    language resource framing reads as shipped, like its stemmer, not a list
    staff edit. Numbers are read when looked up (the file has 7,500 lines)."""
    try:
        text = (LEXICON_DIR / "vader" / "vader_lexicon.txt").read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    return dict(_VALENCE_LINE.findall(text))


def _valence(norm: str) -> float:
    """A word's valence, also through a plural or verb ending ("attacked", "riots")."""
    table = _valences()
    word = without_possessive(norm)
    found = table.get(word)
    if found is not None:
        return float(found)
    for ending, stem_forms in (("s", ("",)), ("ed", ("", "e")), ("ing", ("", "e")), ("d", ("",))):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            for tail in stem_forms:
                found = table.get(word[: -len(ending)] + tail)
                if found is not None:
                    return float(found)
    return 0.0


def _frames(
    lw: Sequence[_Word], l0: int, l1: int, rw: Sequence[_Word], r0: int, r1: int, lex: _LexiconIndex
) -> bool:
    """A replaced wording changes how something is seen: a weighted term or loaded
    word only one report uses, a judging modifier (valence of an adjective or
    adverb: "a sensible" / "a disastrous step"), another label for people ("the
    hackers" / "the criminals"), a different certainty, or agency (an agentless
    passive on one side, "died" / "were killed"). Abbreviations, titles, spellings
    of a name, other names, tense and plain reporting-verb swaps change none of
    these; nor do words whose valence is the event's ("struck" / "hit", "a fatal
    accident", "a powerful earthquake") or one word for another that is no label
    for people ("win" / "victory", "suffered" / "sustained")."""
    left, right = lw[l0:l1], rw[r0:r1]
    headline_case = _title_case(lw) or _title_case(rw)  # its capitals say nothing of names
    if not headline_case and (_only_names(left, right) or _only_names(right, left)):
        return False  # "Rancho Mirage" / "her reckless driving conviction": two facts
    if _weighted_choice(left, right, lw, rw, lex):
        return True
    lnorms = {w.norm for w in left if w.kind == "word"}
    rnorms = {w.norm for w in right if w.kind == "word"}
    lval = sum(_valence(lw[k].norm) for k in _judging(lw, l0, l1) if lw[k].norm not in rnorms)
    rval = sum(_valence(rw[k].norm) for k in _judging(rw, r0, r1) if rw[k].norm not in lnorms)
    if abs(lval - rval) >= VALENCE_MIN_DIFFERENCE:
        return True
    lkeys = [w for w in left if w.key is not None and not w.cap and not w.number]
    rkeys = [w for w in right if w.key is not None and not w.cap and not w.number]
    if len(lkeys) == len(rkeys) == 1 and _names_people(lkeys[0]) and _names_people(rkeys[0]):
        # one label for people for another: "the hackers" / "the criminals"
        swing = abs(_valence(lkeys[0].norm) - _valence(rkeys[0].norm))
        if swing >= VALENCE_MIN_DIFFERENCE:
            return True
    if _certainty_change(left, right) or bool(lnorms & _INTENT) != bool(rnorms & _INTENT):
        return True
    if bool(lnorms & _DIED) != bool(rnorms & _DIED) and bool(lnorms & _KILLED) != bool(
        rnorms & _KILLED
    ):
        return True
    # an agentless passive of harm on one side, the same harm told with its agent on the
    # other ("was shot" / "officers shot"); not "was shot" / "a shooting" (no agent either)
    lpass, rpass = _passive(lw, max(0, l0 - 1), l1), _passive(rw, max(0, r0 - 1), r1)
    if lpass == rpass:
        return False
    passive_side, active_side = (left, right) if lpass else (right, left)
    return any(w.norm in _HARM for w in passive_side) and any(
        w.norm in _HARM or w.norm in _KILLED for w in active_side
    )


def _only_names(names: Sequence[_Word], other: Sequence[_Word]) -> bool:
    """One side's changed content words are all names and the other's none: a place
    or person against a description tells another fact, not another wording."""
    content = [w for w in names if w.key is not None]
    described = [w for w in other if w.key is not None]
    return (
        bool(content)
        and bool(described)
        and all(w.cap for w in content)
        and not any(w.cap for w in described)
    )


def _weighted_choice(
    left: Sequence[_Word],
    right: Sequence[_Word],
    lw: Sequence[_Word],
    rw: Sequence[_Word],
    lex: _LexiconIndex,
) -> bool:
    """A weighted term chosen where the other report puts another name for the same
    thing: a term of the same family ("the conflict" / "the war"), or one word in
    its place ("the conflict" / "the situation"). A weighted word inside a longer
    rewrite ("the refugee agency is concerned by" / "the bombing was a result") is
    no choice between names (a loaded word there is its own weighted-term finding);
    nor is a term the other sentence uses as well."""
    own = {
        side: _weighted_rows(words, lex) - _weighted_rows(whole, lex)
        for side, words, whole in (("left", left, rw), ("right", right, lw))
    }
    if not own["left"] and not own["right"]:
        return False
    families = {
        side: {r.family for r in _weighted_term_rows(words, lex)}
        for side, words in (("left", left), ("right", right))
    }
    if families["left"] & families["right"]:
        return True
    return sum(1 for w in left if w.key) == sum(1 for w in right if w.key) == 1


# Endings of plural nouns for people ("rioters", "activists", "militants", "criminals",
# "detainees"): one such label for another is a label for people, whose valence is the
# report's; one event word for another ("win" / "victory") is not.
_PEOPLE_ENDINGS = ("ers", "ors", "ists", "ants", "ents", "ians", "als", "ees", "ites")
_PEOPLE = _wordset("youths men women people thugs mob crowd gang")


def _names_people(w: _Word) -> bool:
    word = without_possessive(w.norm)
    return word in _PEOPLE or word.endswith(_PEOPLE_ENDINGS) and len(word) > 5


def _judging(words: Sequence[_Word], a: int, b: int) -> list[int]:
    """Where in words[a:b] a word stands as a judging modifier: an adverb in
    "-ly" ("hugely"), an adjective between a determiner and a noun ("a sensible
    step") or after a form of "be" ("was brutal"). Names are never judgements."""
    out = []
    for k in range(a, b):
        w = words[k]
        if w.kind != "word" or w.cap or w.key is None or w.number or w.norm in _EVENT_VALENCE:
            continue
        prev = words[k - 1] if k > 0 else None
        nxt = words[k + 1] if k + 1 < len(words) else None
        adverb = w.norm.endswith("ly") and w.norm not in _LY_WORDS
        attributive = (
            prev is not None
            and (prev.norm in _DETERMINERS or prev.possessive or prev.norm.endswith("ly"))
            and nxt is not None
            and nxt.key is not None
            and w.norm.endswith(_ADJECTIVE_ENDINGS)  # "a sensible step", not "the fire chief"
        )
        participle = w.norm.endswith(("ing", "ed")) or w.norm in _PARTICIPLES
        predicative = prev is not None and prev.norm in _BE and not participle  # "was brutal"
        if adverb or attributive or predicative:
            out.append(k)
    return out


def _certainty_change(left: Sequence[_Word], right: Sequence[_Word]) -> bool:
    """One wording is surer than the other: "will" / "may", "must" / "could",
    "accuses Sudan of" / "Sudan bombed"."""
    lnorms, rnorms = _certainties(left), _certainties(right)
    return bool(lnorms or rnorms) and lnorms != rnorms


def _certainties(words: Sequence[_Word]) -> set[str]:
    return {_SAME_CERTAINTY.get(w.norm, w.norm) for w in words if w.norm in _CERTAINTY}


# A modal and its past form are one certainty: "said he may" / "said he might" is tense;
# a charge is a claim however it is put ("charged with" / "accused of" / "alleged")
_SAME_CERTAINTY = {"might": "may"} | dict.fromkeys(
    ("accused", "accuses", "accuse", "charged", "alleged", "allegedly", "suspected"), "claim"
)


def _frames_modifier(words: Sequence[_Word], a: int, b: int, lex: _LexiconIndex) -> bool:
    """Words one side adds inside a noun phrase frame it when they judge ("the
    brutal attack"), hedge ("the alleged attack") or name who did it before a
    weighted term ("Russia's invasion", "Russian aggression"); "the Ukraine war"
    only says where."""
    added = words[a:b]
    if _weighted_rows(added, lex) or any(w.norm in _CERTAINTY for w in added):
        return True
    judged = _judging(words, a, b)
    if abs(sum(_valence(words[k].norm) for k in judged)) >= VALENCE_MIN_DIFFERENCE:
        return True
    head = words[b : b + 1]
    agent = any(w.possessive or _is_demonym(w) for w in added)
    return agent and bool(_weighted_rows(head, lex))


def _weighted_rows(words: Sequence[_Word], lex: _LexiconIndex) -> set[str]:
    """The weighted terms among ``words`` that say more than a neutral word."""
    return {r.term.lower() for r in _weighted_term_rows(words, lex) if r.kind != "neutral"}


def _weighted_term_rows(words: Sequence[_Word], lex: _LexiconIndex) -> list[WeightedTerm]:
    norms = tuple(w.norm for w in words)
    return [lex.term_rows[i] for _, _, i in lex.terms.matches(norms)]


def _passive(words: Sequence[_Word], a: int, b: int) -> bool:
    """A passive of harm with no agent in words[a:b]: "was killed", "were
    reportedly shot", "got hurt"."""
    for k in range(a, min(b, len(words))):
        if words[k].norm in _BE or words[k].norm in _GET:
            j = k + 1
            while j < len(words) and _is_adverb(words[j]):
                j += 1
            if (
                j < len(words)
                and not words[j].cap
                and words[j].norm in _HARM
                and all(x.norm != "by" for x in words[j + 1 : j + 4])  # no agent named
            ):
                return True
    return False
