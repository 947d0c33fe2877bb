"""Attribution: who each report cites. A reader of attribution cues (reporting
verbs, "according to", a colon after a speaker) and their sources, sentence by
sentence, and the findings built from them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import (
    _LOADED,
    Lexicon,
    _LexiconIndex,
    _SentenceAttribution,
    _verb_key,
)
from .report import ReadReport
from .results import SIDES, Attribution, Finding, Side, _sided
from .state import ComparisonState
from .words import (
    _AUX,
    _BE,
    _CONJ,
    _DATE_WORDS,
    _DETERMINERS,
    _PARTICIPLES,
    _PREPOSITIONS,
    _PRONOUNS,
    _QUOTES,
    _SUBORDINATORS,
    _TITLES,
    _join_terms,
    _other,
    _SentenceWords,
    _span_text,
    _verbish,
    _Word,
    _words,
    _wordset,
    read_sentence,
)

if TYPE_CHECKING:
    from .naming import _Naming


_ATTR_STOP = _wordset(
    """
    that which who whom where when while and but or as if because though although so than then
    after before since until said says
    """
)
# Words that stand as a source on their own: "some have said", "others told"
_QUANTIFIERS = _wordset("both all some many several most others few each")
# Before a verb they say no content is attributed: "did not say", "declined to comment"
_NEGATIONS = _wordset(
    """
    not never didn't doesn't don't wouldn't won't couldn't can't cannot haven't hasn't hadn't
    isn't wasn't weren't aren't shouldn't
    """
)
_REFUSALS = _wordset("declined declines declining refused refuses refusing unable decline refuse")
# Before a verb these make it a noun: "no reports", "such claims"
_NOUN_LEADS = _wordset("no any such more other another every")
# After a verb ending in "s", these make it a noun: "reports of looting", "claims from"
_NOUN_NEXT = _wordset("of from about against")
# "called off", "called back": no report
_CALL_PARTICLES = _wordset("off back up in out into at upon by")
# After "asked" (and its object), these show a question or a request: "asked whether",
# "asked the public to send"
_ASK_NEXT = _wordset("whether if why how what when who where which about for to")
# Between a verb and what it reports: "said on Twitter that", "told reporters in a statement:"
_ADJUNCT_STARTS = _wordset("on in at to during via through from over with")
# Adverbs that stand between a source and its verb ("police also said", "she first told")
_ADVERBS = _AUX | _wordset(
    """
    first now later earlier again repeatedly publicly privately initially officially
    previously separately specifically formally quickly swiftly angrily bluntly
    """
)
# Ends a source that follows its verb ('…," said Rosa Mendes on Sunday')
_SOURCE_AFTER_ENDS = _ADJUNCT_STARTS | _wordset(
    "when as after before while in a statement who whose"
)
# Verbs whose "-ing" form after a comma continues an attribution: ", adding that", ", citing"
_PARTICIPLE_VERBS = frozenset(
    _verb_key(v)
    for v in [
        "add",
        "cite",
        "call",
        "note",
        "say",
        "tell",
        "claim",
        "warn",
        "insist",
        "argue",
        "accuse",
    ]
)
# "went on to say", "continued to insist": the words before "to" that let a verb report
_TO_LEADS = _wordset("on continued continues continue proceeded")
_OPEN_QUOTES = frozenset("\u201c\u00ab")
# A lone straight quote mark with at most this many words after it closes a quotation
# begun in an earlier sentence ('…progress, "SEACOM tweeted at 09:30 this morning.'); chosen
# on the tune part of bench/data/attribution_gold.json
LONE_QUOTE_TAIL_WORDS = 16
_CLOSE_QUOTES = frozenset("\u201d\u00bb")


def find_attributions(report: ReadReport, lexicon: _LexiconIndex) -> list[Attribution]:
    out: list[Attribution] = []
    state = report.state
    known = state.attributions
    for i in report.order:
        text = report.sentences[i].text
        found = known.get(text)
        if found is None:
            found = known[text] = _sentence_attributions(text, report.read[i], lexicon, state)
        out.extend(Attribution(i, *a) for a in found)
    return out


# verb start, verb end, source start, source end (word indexes), note
_Cue = tuple[int, int, int, int, str]


def attribution_cues(text: str, lexicon: Lexicon | None = None) -> list[tuple[int, str, str]]:
    """Where one sentence attributes content: (character offset of the cue, the
    cue as written, the source as written, "" when the text does not say)."""
    read = read_sentence(text)
    index = (lexicon or Lexicon.default()).index
    spans = (read.starts, read.ends)
    out = []
    for vs, ve, ss, se, _note in _sentence_cues(read, index, ComparisonState()):
        source = _span_text(text, read.words, spans, ss, se) if se > ss else ""
        out.append((read.starts[vs], _span_text(text, read.words, spans, vs, ve), source))
    return out


def _sentence_attributions(
    text: str, read: _SentenceWords, lexicon: _LexiconIndex, state: ComparisonState
) -> tuple[_SentenceAttribution, ...]:
    """The attributions of one sentence."""
    cues = _sentence_cues(read, lexicon, state)
    if not cues:
        return ()
    words = read.words
    spans = (read.starts, read.ends)
    quoted = _has_quotation(words)
    out: list[_SentenceAttribution] = []
    for verb_start, verb_end, src_start, src_end, note in cues:
        verb = _span_text(text, words, spans, verb_start, verb_end)
        source = _span_text(text, words, spans, src_start, src_end) if src_end > src_start else ""
        if not source:
            phrase = verb
        elif src_start >= verb_end:  # "according to the ministry", "said the minister"
            phrase = _span_text(text, words, spans, verb_start, src_end)
        elif verb_start - src_end <= 2 and all(
            x.kind != "punct" for x in words[src_end:verb_start]
        ):
            phrase = _span_text(text, words, spans, src_start, verb_end)
        else:
            phrase = f"{source} \u2026 {verb}"
        out.append((source, verb, phrase, note, quoted))
    return tuple(out)


def _sentence_cues(
    read: _SentenceWords, lexicon: _LexiconIndex, state: ComparisonState
) -> list[_Cue]:
    """The attribution cues of a sentence, in reading order: reporting verbs used
    as such outside quotations, and a colon after a speaker."""
    words = read.words
    candidates = lexicon.verb_candidates(read.word_norms, state.verb_norms, state.verb_hits)
    colons = [k for k, w in enumerate(words) if w.text == ":"] if ":" in read.norms else []
    if not candidates and not colons:
        return []
    quoted = _quoted(words, lexicon.verb_keys)
    cues: list[_Cue] = []
    for k in sorted({*candidates, *colons}):
        if quoted[k] or (cues and k < cues[-1][1]):
            continue  # a word of a quotation, or of the cue before ("according to")
        if words[k].text == ":":
            found = _colon_cue(words, k, quoted, cues)
        elif words[k].kind == "word":
            found = _cue_at(words, k, lexicon, quoted, cues)
        else:
            found = None
        if found is not None:
            cues.append(found)
    return cues


def _has_quotation(words: Sequence[_Word]) -> bool:
    marks = [k for k, w in enumerate(words) if w.kind == "punct" and w.text in _QUOTES]
    return len(marks) >= 2 and marks[-1] - marks[0] > 3


def _quoted(words: Sequence[_Word], verb_keys: frozenset[str] = frozenset()) -> list[bool]:
    """Which words stand inside a direct quotation, its marks included. A
    quotation left open runs to the sentence's end (it goes on in the next
    sentence); a closing mark with no opening one ends a quotation begun in an
    earlier sentence. Straight double quotes take turns; a lone one after a
    comma or full stop closes a quotation (', "the officer said.') when a
    lower-case word follows it or the sentence ends within a few words, unless
    a reporting verb (``verb_keys``) stands before the comma ('he said, "We').
    Single quotes count only in pairs ('the word ‘take’')."""
    n = len(words)
    inside = [False] * n
    if not any(w.kind == "punct" and w.norm in ('"', "'") for w in words):
        return inside  # no quotation mark at all, as in most sentences
    doubles = [k for k, w in enumerate(words) if w.kind == "punct" and w.text in _QUOTES]
    if doubles:
        straight = [k for k in doubles if words[k].text == '"']
        lone_closer = -1
        if len(straight) % 2:
            first = straight[0]
            after = words[first + 1] if first + 1 < n else None
            lower = after is None or after.kind != "word" or not after.text[:1].isupper()
            introduced = first > 1 and _verb_key(words[first - 2].norm) in verb_keys
            if (
                first > 0
                and words[first - 1].text in (",", ".", "!", "?", "\u2026")
                and (lower or (n - first <= LONE_QUOTE_TAIL_WORDS and not introduced))
            ):
                lone_closer = first
        open_at = -1
        for k in doubles:
            text = words[k].text
            opens = text in _OPEN_QUOTES or (text == '"' and k != lone_closer and open_at < 0)
            if opens:
                if open_at < 0:
                    open_at = k
                continue
            start = open_at if open_at >= 0 else 0
            inside[start : k + 1] = [True] * (k + 1 - start)
            open_at = -1
        if open_at >= 0:
            inside[open_at:] = [True] * (n - open_at)
    opened = -1
    for k, w in enumerate(words):
        if w.kind != "punct" or w.text not in ("'", "\u2018", "\u2019"):
            continue
        opener = w.text == "\u2018" or (
            w.text == "'" and (k == 0 or words[k - 1].text in (":", ",", "("))
        )
        if opener and opened < 0 and k + 1 < n and words[k + 1].kind == "word":
            opened = k
        elif opened >= 0 and w.text != "\u2018":
            inside[opened : k + 1] = [True] * (k + 1 - opened)
            opened = -1
    return inside


def _colon_cue(
    words: Sequence[_Word], k: int, quoted: Sequence[bool], cues: Sequence[_Cue]
) -> _Cue | None:
    """'Ruiz: "Nobody will be turned away."': a speaker, a colon and a quotation."""
    if k + 1 >= len(words) or not quoted[k + 1] or (cues and cues[-1][1] >= k - 1):
        return None
    j = k - 1
    while j >= 0 and k - j <= 5 and words[j].kind == "word" and not quoted[j]:
        j -= 1
    start = j + 1
    if start == k or (j >= 0 and words[j].text not in (".", ";", "\u2014", "\u2013")):
        return None
    speaker = words[start:k]
    if not speaker[0].cap or any(_verbish(words, m) for m in range(start, k)):
        return None
    if any(w.key is None and w.norm not in _DETERMINERS and not w.cap for w in speaker):
        return None
    return k, k + 1, start, k, ""


def _cue_at(
    words: Sequence[_Word],
    k: int,
    lexicon: _LexiconIndex,
    quoted: Sequence[bool],
    cues: Sequence[_Cue],
) -> _Cue | None:
    """The cue that starts at words[k], if a reporting verb stands there and is
    used as one."""
    w = words[k]
    n = len(words)
    # multiword verbs: "according to" (the source follows), "point out"
    for phrase, _core, note in lexicon.verb_phrases:
        m = len(phrase)
        if k + m > n or tuple(x.norm for x in words[k + 1 : k + m]) != phrase[1:]:
            continue
        if w.norm != phrase[0] and (
            phrase[-1] == "to" or _verb_key(w.norm) != _verb_key(phrase[0])
        ):
            continue  # "pointed out" is "point out"; "an accord to end" is not "according to"
        if phrase[-1] != "to":
            return _verb_cue(words, k, k + m, _verb_key(phrase[0]), lexicon, quoted, cues)
        end = k + m
        src_end = end
        while (
            src_end < n
            and src_end - end < 6
            and words[src_end].kind != "punct"
            and words[src_end].norm not in ("who", "which", "that", "whose")
        ):
            src_end += 1
        if src_end == end:
            return None
        return k, end, end, src_end, note
    if w.cap and k > 0:
        return None  # a name ("Tell City") or a title-case headline
    key = _verb_key(w.norm)
    if key not in lexicon.verb_keys:
        return None
    return _verb_cue(words, k, k + 1, key, lexicon, quoted, cues)


def _verb_cue(
    words: Sequence[_Word],
    vs: int,
    ve: int,
    key: str,
    lexicon: _LexiconIndex,
    quoted: Sequence[bool],
    cues: Sequence[_Cue],
) -> _Cue | None:
    """The cue of the reporting verb words[vs:ve] (base key ``key``), with its
    source, or None where the verb reports nothing here."""
    n = len(words)
    w = words[vs]
    note = lexicon.verb_notes.get(key, "")
    core = key in lexicon.core_keys
    prev = words[vs - 1] if vs > 0 else None
    b = vs - 1  # the word before the verb, adverbs, auxiliaries and a bracket skipped
    while b >= 0 and (_is_adverb(words[b]) or words[b].text == ")"):
        if words[b].text == ")":  # "AMD (NYSE: AMD) today announced"
            b = next((m for m in range(b - 1, max(-1, b - 8), -1) if words[m].text == "("), b)
        b -= 1
    before = words[b] if b >= 0 else None
    a = ve  # the word after the verb, adverbs skipped
    while a < n and _is_adverb(words[a]):
        a += 1
    after = words[a] if a < n else None
    past = w.norm.endswith("ed") or w.norm in _PARTICIPLES
    if prev is not None and (
        prev.norm in _DETERMINERS
        or prev.norm in _NOUN_LEADS
        or (prev.possessive and not (prev.cap and past))  # "Moody's warned" reports
        or prev.kind == "number"
    ):
        return None  # "the claims", "his statement", "no reports": a noun
    if w.norm == "state" and prev is not None and prev.cap and vs > 1:
        return None  # "Upper Nile state", "Borno state": a place
    if w.norm.endswith("s") and (
        (after is not None and after.norm in _NOUN_NEXT)
        or (
            prev is not None
            and not prev.cap
            and (prev.norm.endswith("ed") or prev.norm in _PARTICIPLES)
        )
    ):
        return None  # "reports of looting", "warnings from academics", "had received reports"
    if key == _CLAIM and any(x.norm in ("lives", "life", "victims") for x in words[ve : ve + 5]):
        return None  # "the bombardment has claimed 660 lives"
    if past and after is not None and (after.norm == "of" or key == _ACCUSE and after.norm == "in"):
        return None  # "a man accused of running down", "accused in the deaths"
    if before is not None and before.norm in _NEGATIONS:
        return None  # "did not say", "would not confirm": nothing is attributed
    if vs == 0 and w.norm.endswith("ed") or vs == 0 and w.norm == "told":
        return None  # "Asked whether …, Okafor said": the asker is not named
    ing = w.norm.endswith("ing")
    if before is not None and before.norm in _BE and not ing:
        # a passive names its source after "by", or none
        if core and after is not None and after.norm == "by":
            s, e = _source_after(words, a + 1)
            return (vs, ve, s, e, note) if e > s else None
        return None
    if (
        core
        and after is not None
        and after.norm == "by"
        and past
        and prev is not None
        and prev.key is not None
    ):
        s, e = _source_after(words, a + 1)  # "a statement echoed by its president"
        if e > s:
            return vs, ve, s, e, note
    if prev is not None and prev.norm == "to":
        if vs < 2 or words[vs - 2].norm not in _TO_LEADS or not core:
            return None  # "declined to comment", "too early to tell"; "went on to say" counts
        s, e = _clause_subject(words, vs - 1)
        return (vs, ve, s, e, note) if e > s else None
    if key == _CALL:
        if after is not None and after.norm in _CALL_PARTICLES:
            return None
        if not (after is not None and after.norm in ("for", "on") or _labels(words, a, quoted)):
            return None  # "a line called Mantra", "police called the fire brigade"
    framed = _framed(words, ve, quoted)
    if key == _ASK and _asks(words, a):
        framed = True
    # an "-ing" form after a comma continues the attribution before it: "…, adding that"
    if ing and not (before is not None and before.norm in _BE):
        if prev is None or prev.text != "," or not (core or framed or key in _PARTICIPLE_VERBS):
            return None  # "stop saying", "after hearing", "speaking from the city"
        if cues and max(cues[-1][1], cues[-1][3]) == vs - 1:
            s, e = cues[-1][2], cues[-1][3]  # '"…," Kempthorne said, adding'
        else:
            s, e = _clause_subject(words, vs - 1)
        return (vs, ve, s, e, note) if e > s else None
    # the source after the verb: '"…," said Rosa Mendes, one of the organisers.', or
    # "…, said prison spokesman Al Quintero." ("Osama, a director, said the cable …" is
    # no inversion)
    after_quote = prev is not None and prev.kind == "punct" and quoted[vs - 1]
    after_quote = after_quote or (
        prev is not None and prev.text == "," and vs > 1 and quoted[vs - 2]
    )
    if after_quote or (
        prev is not None
        and prev.text == ","
        and key not in _ADDRESSEE_VERBS  # "…, Abdolreza Sheikholeslami, told state television"
        and not _name_segment(words, _segment_before(words, vs - 1, quoted))
    ):
        s, e = _source_after(words, ve, inverted=True)
        if e > s and (after_quote or e == n or words[e].text in (".", ";", "!", "?")):
            return vs, ve, s, e, note
    src_start, src_end = _source_before(words, b, quoted)
    if src_end > src_start and w.norm == key and not _many(words, src_start, src_end):
        return None  # a base form needs more than one speaker: "police say", not "a … report"
    if key == _CALL:
        # "called for calm" is a demand only from someone: "the president", not "the plan"
        demand = after is not None and after.norm in ("for", "on")
        if src_end == src_start or (demand and not _someone(words, src_start, src_end)):
            return None
        framed = True
    post_posed = (
        src_end > src_start
        and src_start > 0
        and (words[src_start - 1].text in (",", "\u201d", '"') or quoted[src_start - 1])
        and sum(1 for x in words[ve:] if x.kind != "punct") <= 5
        and not any(x.text == "," for x in words[ve:])
    )
    if core and not framed and not post_posed and (a == n or words[a].kind == "punct"):
        opens = src_start == 0 or words[src_start - 1].kind == "punct"
        if not opens and words[src_start - 1].norm not in _CONJ:
            return None  # "built to withstand the tremors reported today, …": no report
    if core or framed or post_posed:
        if src_end == src_start and (not framed or vs == 0):
            return None  # "Report: Red Sox offer …" is a headline's label
        return vs, ve, src_start, src_end, note
    return None


_SAY = _verb_key("say")
_ACCUSE = _verb_key("accuse")
_CLAIM = _verb_key("claim")
# Verbs whose object is whom they address: the words after them are no inverted source
_ADDRESSEE_VERBS = frozenset(_verb_key(v) for v in ["tell", "ask", "inform", "remind", "urge"])
# Collective nouns that take a plural verb ("police say")
_COLLECTIVES = _wordset("police people staff media family military public crew press")
# Words ending in "-ly" that are no adverbs
_LY_WORDS = _wordset(
    """
    family ally rally assembly supply reply monopoly anomaly bully belly jelly holly folly
    tally italy july elderly early likely only daily weekly monthly quarterly
    """
)
_MODALS = _wordset("will would to can could should must may might did does do shall")


def _is_adverb(w: _Word) -> bool:
    """An adverb or auxiliary that may stand between a source and its verb
    ("police also said", "Blackmore openly admits", "AMD today announced")."""
    if w.norm in _ADVERBS or w.norm in ("today", "yesterday", "tonight"):
        return True
    return not w.cap and len(w.norm) > 4 and w.norm.endswith("ly") and w.norm not in _LY_WORDS


def _many(words: Sequence[_Word], start: int, end: int) -> bool:
    """The source words[start:end] is plural, as a base-form verb needs ("police
    say", "the charges say", "they argue"), and not "a final ballistics" (report)."""
    head = words[end - 1]
    if words[start].norm in ("a", "an"):
        return False
    return (
        head.norm in _PRONOUNS
        or head.norm in _COLLECTIVES
        or (head.norm.endswith("s") and not head.norm.endswith("ss"))
        or any(x.norm == "and" for x in words[start:end])
        or head.cap
    )


_CALL = _verb_key("call")
_ASK = _verb_key("ask")


def _framed(words: Sequence[_Word], k: int, quoted: Sequence[bool]) -> bool:
    """What follows the verb at words[k:] is what it reports: "that", a
    quotation or a colon, perhaps after a short phrase saying where or to whom
    it was said ("said on Twitter that", "told reporters:")."""
    n = len(words)
    j = k
    while j < n and words[j].norm in _ADVERBS:
        j += 1
    for _ in range(3):
        if j >= n:
            return False
        nxt = words[j]
        if (
            nxt.norm == "that"
            or quoted[j]
            or nxt.text == ":"
            or (nxt.text == "," and j + 1 < n and quoted[j + 1])
        ):
            return True
        # skip one short phrase: "on Twitter", "in a statement", "reporters", "on Monday"
        m = j + 1 if nxt.norm in _ADJUNCT_STARTS else j
        end = m
        while (
            end < n
            and end - m < 4
            and words[end].norm != "that"
            and (words[end].key is not None or words[end].norm in _DETERMINERS)
        ):
            end += 1
        if end == m or end >= n:
            return False
        j = end
    return False


def _someone(words: Sequence[_Word], start: int, end: int) -> bool:
    """The phrase words[start:end] names a person or people: a name, a pronoun,
    a title ("the president") or a plural ("Democrats", "officials")."""
    head = words[end - 1]
    return (
        head.norm in _PRONOUNS
        or head.norm in _TITLES
        or head.norm.endswith("s")
        or (head.cap and (end - 1 > start or start > 0))
    )


def _asks(words: Sequence[_Word], j: int) -> bool:
    """After "asked": a question or a request ("asked whether", "asked for
    blankets", "asked the public to send footage")."""
    n = len(words)
    if j < n and words[j].norm in _ASK_NEXT:
        return True
    end = j
    while (
        end < n
        and end - j < 5
        and (
            words[end].key is not None
            or words[end].norm in _DETERMINERS
            or words[end].norm
            in ("anyone", "everyone", "people", "them", "him", "her", "us", "with")
            or words[end].possessive
        )
    ):
        end += 1
    return end > j and end < n and words[end].norm in _ASK_NEXT


def _labels(words: Sequence[_Word], j: int, quoted: Sequence[bool]) -> bool:
    """After "called": an object and a label for it ("called the levy a tax
    grab", "called it "a giveaway"", "called the case one of the worst")."""
    n = len(words)
    end = j
    while (
        end < n
        and end - j < 5
        and not quoted[end]
        and words[end].kind == "word"
        and (
            words[end].key is not None
            or words[end].norm in _DETERMINERS
            or words[end].norm in _PRONOUNS
            or words[end].norm in ("them", "him", "her", "us")
        )
    ):
        if end > j and words[end].norm in ("a", "an", "one"):
            break
        end += 1
    return end > j and end < n and (quoted[end] or words[end].norm in ("a", "an", "one", "the"))


def _source_after(words: Sequence[_Word], j: int, inverted: bool = False) -> tuple[int, int]:
    """The noun phrase that starts at words[j] ("the officer", "Lt. Gregg
    Hastings of the Oregon State Police"). ``inverted``: after a verb that
    follows a quotation or a comma, where the phrase must end the clause."""
    n = len(words)
    start = j
    while j < n and j - start < 10:
        w = words[j]
        if w.kind == "punct":
            if _abbreviation_dot(words, j):
                j += 1
                continue
            break
        if w.norm in _PRONOUNS and j == start:
            j += 1
            break
        if w.norm in _SUBORDINATORS or (w.norm == "that" and j == start):
            break
        if (
            w.norm == "of"
            and j > start
            and j + 1 < n
            and (words[j + 1].cap or words[j + 1].norm in _DETERMINERS)
        ):
            j += 1
            continue
        if (
            w.norm in _DETERMINERS
            or w.possessive
            or w.cap
            or (w.key is not None and not _verbish(words, j) and w.norm not in _SOURCE_AFTER_ENDS)
        ):
            j += 1
            continue
        break
    if j == start:
        return start, start
    if inverted and j < n:
        ends = words[j]
        if not (
            ends.kind == "punct" or ends.norm in _SOURCE_AFTER_ENDS or ends.norm in _DATE_WORDS
        ):
            return start, start  # ', said the bill would pass': no source here
    while j > start and words[j - 1].norm in _DETERMINERS:
        j -= 1
    return start, j


def _abbreviation_dot(words: Sequence[_Word], j: int) -> bool:
    """A full stop inside a name: "Nick J. Rahall", "Lt. Gregg Hastings"."""
    return (
        words[j].text == "."
        and 0 < j < len(words) - 1
        and words[j - 1].cap
        and len(words[j - 1].text) <= 3
        and words[j + 1].cap
    )


def _source_before(words: Sequence[_Word], j: int, quoted: Sequence[bool]) -> tuple[int, int]:
    """The source of a verb whose last word before it (adverbs skipped) is
    words[j]: a noun phrase ending there, the person a "who" stands for, the
    subject shared by coordinated verbs, or a name set off by commas."""
    if j < 0:
        return 0, 0
    w = words[j]
    if w.norm in ("who", "which"):
        a = j - 1
        if a >= 0 and words[a].text == ",":
            a -= 1
        return _phrase_before(words, a) if a >= 0 else (j, j)
    if w.norm in ("and", "but"):
        return _clause_subject(words, j)
    if w.text == ",":
        return _source_before_comma(words, j, quoted)
    return _phrase_before(words, j)


def _source_before_comma(
    words: Sequence[_Word], comma: int, quoted: Sequence[bool]
) -> tuple[int, int]:
    """The source of a verb right after a comma, looking back over what commas
    set off: "Raj Patel, 71, said", "The judge, Sarah Doyle, reminded",
    "Ellery, who said …, told", "Bill Ritz, EDS spokesman, pointed out"."""
    end = comma
    for _ in range(4):
        start = end - 1
        while start >= 0 and not (
            not quoted[start] and words[start].text in (",", ";", ":", "(", "\u2014", "\u2013")
        ):
            start -= 1
        segment = range(start + 1, end)
        if not segment:
            return comma, comma
        if start < 0 or words[start].text != ",":
            return _phrase_before(words, end - 1)
        if _name_segment(words, segment):
            return segment[0], end
        end = start
    return comma, comma


def _segment_before(words: Sequence[_Word], comma: int, quoted: Sequence[bool]) -> range:
    """The words between the comma at ``comma`` and the comma before it."""
    start = comma - 1
    while start >= 0 and not (not quoted[start] and words[start].text in (",", ";", ":", "(")):
        start -= 1
    return range(start + 1, comma) if start >= 0 and words[start].text == "," else range(0)


def _name_segment(words: Sequence[_Word], segment: range) -> bool:
    """A name set off by commas, perhaps after a title: "Raj Patel", "actor
    Lorenzo Lamas", "Nick J. Rahall II" (not "D-N.Y.", "EDS spokesman", "71")."""
    if not segment or len(segment) > 7 or not words[segment[-1]].cap:
        return False
    if words[segment[0]].norm in _DETERMINERS or not words[segment[0]].key:
        return False
    if not any(c.islower() for m in segment for c in words[m].text):
        return False
    seen_cap = False
    for m in segment:
        x = words[m]
        if x.cap:
            seen_cap = True
        elif _abbreviation_dot(words, m) or (seen_cap and x.norm in ("of", "and")):
            continue
        elif seen_cap or x.key is None or x.kind != "word" or _verbish(words, m):
            return False
    return seen_cap


def _phrase_before(words: Sequence[_Word], end_at: int) -> tuple[int, int]:
    """The noun phrase that ends at words[end_at]."""
    j = end_at
    end = j + 1
    start = end
    while j >= 0 and end - j <= 12:
        w = words[j]
        if w.kind == "punct":
            if _abbreviation_dot(words, j):
                j -= 1
                continue
            if (
                w.text in ("'", "\u2019")
                and start < end
                and j > 0
                and words[j - 1].norm.endswith("s")
            ):
                j -= 1  # "the city prosecutors' office"
                continue
            break
        if not w.cap and w.key is not None and j > 0 and words[j - 1].norm in _MODALS:
            break  # "will replace Matt Smith, who announced"
        if w.norm == "and" and start < end and words[start].cap and j > 0 and words[j - 1].cap:
            start = j  # "the websites of Axxess and Afrihost", "Woodward and Bernstein"
            j -= 1
            continue
        if w.norm in _ATTR_STOP:
            break
        if w.norm in _PRONOUNS:
            if start == end:
                start = j
            break
        inner_preposition = (
            w.norm in ("of", "on", "at", "from", "in", "for")
            and start < end
            and j > 0
            and words[j - 1].key is not None
        )
        if (
            w.key is None
            and not w.cap
            and w.norm not in _DETERMINERS
            and w.norm not in _QUANTIFIERS
            and not inner_preposition
        ):
            break
        start = j
        j -= 1
    # "the officer who fired the shot says": the source is the officer
    if start < end and j > 0 and words[j].norm == "who":
        m = j - 1
        while m >= 0 and j - m <= 4 and (words[m].key is not None or words[m].norm in _DETERMINERS):
            m -= 1
        if m < j - 1:
            start = m + 1
    # drop a leading preposition left over from "... from Iran's Red Crescent"
    while start < end and (words[start].norm in _PREPOSITIONS or words[start].norm in _CONJ):
        start += 1
    return start, end


def _clause_subject(words: Sequence[_Word], upto: int) -> tuple[int, int]:
    """The subject of the clause a verb at or before words[upto] belongs to:
    the noun phrase the sentence starts with, after an opening quotation or an
    opening phrase set off by a comma ("On Monday, the mayor …")."""
    k = 0
    n = min(upto, len(words))
    quoted = _quoted(words)
    for m in range(n - 1, 0, -1):  # "…, but LaSalle refused to comply, saying …"
        if not quoted[m] and (words[m].norm == "but" or words[m].text == ";"):
            k = m + 1
            break
    while k < n and quoted[k]:
        k += 1  # '"…," the officer said, adding …'
    if k < n and words[k].text == ",":
        k += 1
    opener = words[k].norm if k < n else ""
    if opener in _PREPOSITIONS or opener in _SUBORDINATORS or opener == "according":
        comma = next((m for m in range(k, min(n, k + 10)) if words[m].text == ","), -1)
        if comma < 0:
            return 0, 0
        k = comma + 1
    if k < n and words[k].norm in _PRONOUNS:
        return k, k + 1
    start = k
    while k < n and k - start < 8:
        w = words[k]
        if w.kind == "punct":
            if _abbreviation_dot(words, k):
                k += 1
                continue
            break
        if w.norm in _DETERMINERS or w.norm in ("and", "both", "all") or w.possessive:
            k += 1
            continue
        if w.norm == "of" and k > start and k + 1 < n and words[k + 1].key is not None:
            k += 1
            continue
        if (w.key is None and not w.cap) or (k > start and _verbish(words, k)):
            break
        if k > start and not w.cap and words[k - 1].cap and w.norm in _ATTR_STOP:
            break
        k += 1
    while k > start and words[k - 1].norm in ("and", "of", *_DETERMINERS):
        k -= 1
    return start, k


# --- attribution


@dataclass(frozen=True, slots=True)
class _SourceId:
    names: frozenset[str]  # keys of capitalised words ("gray", "ministry")
    keys: frozenset[str]
    head: str  # the last content word ("experts" -> "expert")

    @classmethod
    def of(cls, source: str) -> _SourceId | None:
        words = _words(source)
        if not words or words[0].norm in _PRONOUNS:
            return None
        keys = [w.key for w in words if w.key and w.norm not in _TITLES]
        if not keys:
            return None
        names = frozenset(w.key for w in words if w.key and w.cap and w.norm not in _TITLES)
        return cls(names, frozenset(keys), keys[-1])

    def same(self, other: _SourceId) -> bool:
        return bool(self.names & other.keys or other.names & self.keys) or self.head == other.head


def _mark_shared_sources(
    attributions: dict[Side, list[Attribution]],
) -> dict[Side, list[Attribution]]:
    ids = {side: [_SourceId.of(a.source) for a in attributions[side]] for side in SIDES}
    out: dict[Side, list[Attribution]] = {}
    for side in SIDES:
        theirs = [x for x in ids[_other(side)] if x is not None]
        heads = {t.head for t in theirs}
        names = {n for t in theirs for n in t.names}
        keys = {k for t in theirs for k in t.keys}
        marked = []
        for a, mine in zip(attributions[side], ids[side], strict=True):
            # the same test as _SourceId.same, against all their sources at once
            shared = mine is not None and (
                mine.head in heads or bool(mine.names & keys) or bool(mine.keys & names)
            )
            marked.append(
                Attribution(a.sentence, a.source, a.verb, a.phrase, a.note, a.quoted, shared)
            )
        out[side] = marked
    return out


def _attribution_findings(
    attributions: dict[Side, list[Attribution]],
    reports: dict[Side, ReadReport],
    namings: dict[Side, list[_Naming]],
) -> list[Finding]:
    out: list[Finding] = []
    for side in SIDES:
        other = _other(side)
        mine = attributions[side]
        # sources only this report cites, each once
        groups: list[tuple[_SourceId, list[Attribution]]] = []
        for a in mine:
            sid = _SourceId.of(a.source)
            if sid is None or a.cited_by_both:
                continue
            for known, members in groups:
                if known.same(sid):
                    members.append(a)
                    break
            else:
                groups.append((sid, [a]))
        if groups:
            sources = [members[0].source for _, members in groups]
            phrases = tuple(dict.fromkeys(a.phrase for _, members in groups for a in members))
            sentences = tuple(sorted({a.sentence for _, members in groups for a in members}))
            if len(groups) == 1:
                what = f"cites {sources[0]}"
            else:
                what = (
                    f"cites {len(groups)} sources the {other} report does not: "
                    + ", ".join(sources[:5])
                    + (f" and {len(sources) - 5} more" if len(sources) > 5 else "")
                )
            out.append(
                _sided(
                    "attribution",
                    side,
                    f"source only {side}",
                    f"Only the {side} report {what} ({_join_terms(phrases, 3)}).",
                    phrases,
                    sentences,
                    subkind="source",
                )
            )
        # verbs that colour what they report, used by this report only
        their_verbs = {_verb_key(a.verb.split()[-1]) for a in attributions[other]}
        coloured: dict[str, list[Attribution]] = defaultdict(list)
        for a in mine:
            key = _verb_key(a.verb.split()[-1])
            if a.note and key not in their_verbs:
                coloured[key].append(a)
        for found in coloured.values():
            first = found[0]
            phrases = tuple(dict.fromkeys(a.phrase for a in found))
            sentences = tuple(sorted({a.sentence for a in found}))
            out.append(
                _sided(
                    "attribution",
                    side,
                    f"\u2018{first.verb}\u2019, {side}",
                    f"Only the {side} report uses \u2018{first.verb}\u2019 ({first.note}): "
                    f"{_join_terms(phrases)}.",
                    phrases,
                    sentences,
                    subkind="verb",
                )
            )
        # judgements stated in the report's own voice
        attributed = {a.sentence for a in mine}
        other_loaded = {n.term.lower() for n in namings[other] if n.kind in _LOADED}
        for n in namings[side]:
            if n.kind not in _LOADED or n.sentence in attributed or n.term.lower() in other_loaded:
                continue
            if _has_quotation(reports[side].words[n.sentence]):
                continue
            out.append(
                _sided(
                    "attribution",
                    side,
                    f"unattributed, {side}",
                    f"The {side} report uses \u2018{n.text}\u2019 in its own voice, with no "
                    f"source: {n.note}.",
                    (n.text,),
                    (n.sentence,),
                    subkind="unattributed",
                )
            )
    return out
