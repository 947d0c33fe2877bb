"""The word lists framing uses (``Lexicon``: reporting verbs, hedges, boosters,
weighted terms, naming exceptions) and their index, read from
``newsdiff/lexicons/`` or built from rows staff edit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from ..tokens import normalize, stem
from .words import _words

LEXICON_DIR = Path(__file__).resolve().parent.parent.parent / "lexicons"

# --------------------------------------------------------------------------------------
# Lexicon


@dataclass(frozen=True, slots=True)
class ReportingVerb:
    """A verb that attributes what follows to a source. ``core`` verbs count on
    their own; others only with a quotation, "that", a colon or a source after
    them. Any form may be given ("said", "says"); phrases too ("according to")."""

    verb: str
    core: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class WeightedTerm:
    """A name or label that carries weight. Terms of one ``family`` name the same
    kind of thing. ``kind``: "label", "neutral" (a plain word: choosing it over
    another neutral word of the family is no framing), "loaded" (a judgement) or
    "spelling"."""

    family: str
    term: str
    kind: str = "label"
    note: str = ""


@dataclass(frozen=True, slots=True)
class NamingException:
    """A phrase in which a family's word names something else ("prisoners of war")."""

    family: str
    phrase: str
    note: str = ""


@dataclass(frozen=True)
class Lexicon:
    """The word lists framing uses. Build one from lists (or database rows), or
    load the shipped files with ``Lexicon.default()`` / ``Lexicon.from_files()``.

    ``reporting_verb_exceptions`` are words never counted as reporting verbs;
    ``hedge_exceptions`` are hedges not counted, and phrases in which a hedge or
    booster word is none ("as soon as possible").
    """

    reporting_verbs: Sequence[ReportingVerb | str] = ()
    hedges: Sequence[str] = ()
    boosters: Sequence[str] = ()
    weighted_terms: Sequence[WeightedTerm] = ()
    naming_exceptions: Sequence[NamingException] = ()
    reporting_verb_exceptions: Sequence[str] = ()
    hedge_exceptions: Sequence[str] = ()
    index: _LexiconIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        verbs = tuple(
            v if isinstance(v, ReportingVerb) else ReportingVerb(v) for v in self.reporting_verbs
        )
        object.__setattr__(self, "reporting_verbs", verbs)
        for name in ("hedges", "boosters", "reporting_verb_exceptions", "hedge_exceptions"):
            object.__setattr__(self, name, tuple(str(x) for x in getattr(self, name)))
        object.__setattr__(self, "weighted_terms", tuple(self.weighted_terms))
        object.__setattr__(self, "naming_exceptions", tuple(self.naming_exceptions))
        object.__setattr__(self, "index", _LexiconIndex.build(self))

    @classmethod
    def from_files(cls, folder: str | Path) -> Lexicon:
        """Load the lists from ``folder``, laid out as ``newsdiff/lexicons/`` is
        (see its README). Missing files give empty lists."""
        root = Path(folder)
        ours = root / "newsdiff"
        verbs: list[ReportingVerb | str] = [
            *_read_list(root / "recasens-pryzant" / "report_verbs.txt"),
            *_read_list(root / "gendergaptracker" / "quote_verb_list.txt"),
        ]
        for row in _read_table(ours / "reporting_verbs.tsv"):
            verb = row.get("verb", "")
            if verb:
                core = row.get("core", "").strip().lower() in ("yes", "true", "1")
                verbs.append(ReportingVerb(verb, core, row.get("note", "")))
        return cls(
            reporting_verbs=verbs,
            hedges=[
                *_read_list(root / "recasens-pryzant" / "hedges_hyland2005.txt"),
                *_read_list(ours / "hedges.txt"),
            ],
            boosters=_read_list(ours / "boosters.txt"),
            weighted_terms=[
                WeightedTerm(
                    r.get("family", ""), r["term"], r.get("kind", "") or "label", r.get("note", "")
                )
                for r in _read_table(ours / "weighted_terms.tsv")
                if r.get("term") and r.get("family")
            ],
            naming_exceptions=[
                NamingException(r["family"], r["phrase"], r.get("note", ""))
                for r in _read_table(ours / "naming_exceptions.tsv")
                if r.get("family") and r.get("phrase")
            ],
            reporting_verb_exceptions=_read_list(ours / "reporting_verbs_skip.txt"),
            hedge_exceptions=_read_list(ours / "hedges_skip.txt"),
        )

    @classmethod
    def default(cls) -> Lexicon:
        """The lists shipped in ``newsdiff/lexicons/`` (loaded once)."""
        return _default_lexicon()


@cache
def _default_lexicon() -> Lexicon:
    return Lexicon.from_files(LEXICON_DIR)


def _read_lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return []
    return [
        line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]


def _read_list(path: Path) -> list[str]:
    return [line.strip() for line in _read_lines(path)]


def _read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated file whose first non-comment line names the columns."""
    lines = _read_lines(path)
    if not lines:
        return []
    header = [h.strip().lower() for h in lines[0].split("\t")]
    rows = []
    for line in lines[1:]:
        cells = [c.strip() for c in line.split("\t")]
        rows.append(dict(zip(header, cells, strict=False)))
    return rows


# Irregular forms of reporting verbs, so that "said" meets "say". Language, not judgement.
_IRREGULAR = {
    "said": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "spoke": "speak",
    "spoken": "speak",
    "thought": "think",
    "swore": "swear",
    "sworn": "swear",
    "taught": "teach",
    "foretold": "foretell",
    "retold": "retell",
    "forecast": "forecast",
    "heard": "hear",
    "found": "find",
    "meant": "mean",
    "felt": "feel",
    "saw": "see",
    "seen": "see",
    "read": "read",
    "learnt": "learn",
    "spread": "spread",
    "sang": "sing",
    "sung": "sing",
}


# Function words whose stem is a reporting verb's: "not" stems as "note" does
_STEM_COLLISIONS = frozenset({"not"})


@lru_cache(maxsize=65536)
def _verb_key(word: str) -> str:
    word = normalize(word)
    return stem(_IRREGULAR.get(word, word))


def _phrase_norms(phrase: str) -> tuple[str, ...]:
    return tuple(w.norm for w in _words(phrase) if w.kind != "punct")


@dataclass(frozen=True, slots=True)
class _LexiconIndex:
    verb_keys: frozenset[str]
    core_keys: frozenset[str]
    verb_notes: Mapping[str, str]
    verb_phrases: tuple[tuple[tuple[str, ...], bool, str], ...]  # multiword verbs
    verb_first_words: frozenset[str]
    verb_phrase_keys: frozenset[str]  # the base keys of their first words ("point")
    verb_prefixes: frozenset[str]  # the first two letters of each verb key
    markers: _KindIndex  # hedges, boosters and the exceptions to hedges
    terms: _PhraseIndex  # weighted terms (all forms) -> index into weighted_terms
    term_rows: tuple[WeightedTerm, ...]
    naming_exceptions: Mapping[str, _PhraseIndex]

    def term_matches(
        self, norms: tuple[str, ...], memo: dict[tuple[str, ...], tuple[tuple[int, int, int], ...]]
    ) -> tuple[tuple[int, int, int], ...]:
        """``terms.matches(norms)``, remembered in the comparison's ``memo``
        (naming and key terms both ask)."""
        found = memo.get(norms)
        if found is None:
            found = memo[norms] = tuple(self.terms.matches(norms))
        return found

    def verb_candidates(
        self, norms: Sequence[str], known: dict[str, bool], verbs: set[str]
    ) -> list[int]:
        """Where in a sentence's word norms a reporting verb may start.
        ``known``: the comparison's answer for each norm met so far; ``verbs``:
        the norms of those that may (both filled here)."""
        prefixes = self.verb_prefixes
        for norm in set(norms).difference(known):
            # stemming keeps a word's first two letters, so most words are ruled
            # out without stemming them (irregular forms are looked up)
            is_verb = norm in self.verb_first_words or (
                (norm[:2] in prefixes or norm in _IRREGULAR)
                and norm not in _STEM_COLLISIONS
                and (_verb_key(norm) in self.verb_keys or _verb_key(norm) in self.verb_phrase_keys)
            )
            known[norm] = is_verb
            if is_verb:
                verbs.add(norm)
        if verbs.isdisjoint(norms):
            return []
        return [k for k, norm in enumerate(norms) if norm in verbs]

    @classmethod
    def build(cls, lexicon: Lexicon) -> _LexiconIndex:
        skip = {_verb_key(w) for w in lexicon.reporting_verb_exceptions}
        keys: set[str] = set()
        core: set[str] = set()
        notes: dict[str, str] = {}
        phrases: list[tuple[tuple[str, ...], bool, str]] = []
        for v in lexicon.reporting_verbs:
            if not isinstance(v, ReportingVerb):  # __post_init__ made every entry one
                v = ReportingVerb(v)
            norms = _phrase_norms(v.verb)
            if not norms:
                continue
            if len(norms) > 1:
                phrases.append((norms, v.core, v.note))
                continue
            key = _verb_key(norms[0])
            if key in skip and not v.core:
                continue
            keys.add(key)
            if v.core:
                core.add(key)
            if v.note:
                notes[key] = v.note
        phrase_keys = {_verb_key(p[0][0]) for p in phrases}
        exceptions = {normalize(h.strip()) for h in lexicon.hedge_exceptions}
        hedges = [h for h in lexicon.hedges if normalize(h.strip()) not in exceptions]
        rows = tuple(t for t in lexicon.weighted_terms if t.term.strip())
        term_forms: list[tuple[str, int]] = []
        for i, row in enumerate(rows):
            for form in _plural_forms(row.term):
                term_forms.append((form, i))
        by_family: dict[str, list[str]] = defaultdict(list)
        for e in lexicon.naming_exceptions:
            by_family[e.family].append(e.phrase)
        return cls(
            verb_keys=frozenset(keys),
            core_keys=frozenset(core),
            verb_notes=notes,
            verb_phrases=tuple(phrases),
            verb_first_words=frozenset(p[0][0] for p in phrases),
            verb_phrase_keys=frozenset(phrase_keys),
            verb_prefixes=frozenset(key[:2] for key in (*keys, *phrase_keys)),
            markers=_KindIndex.build(
                [
                    *((h, "hedge") for h in hedges),
                    *((b, "booster") for b in lexicon.boosters),
                    *((x, "exception") for x in lexicon.hedge_exceptions),
                ]
            ),
            terms=_PhraseIndex.build_valued(term_forms),
            term_rows=rows,
            naming_exceptions={f: _PhraseIndex.build(p) for f, p in by_family.items()},
        )


def _plural_forms(term: str) -> list[str]:
    """The term and its plural (on the last word): "militant" -> "militants"."""
    term = term.strip()
    head, _, last = term.rpartition(" ")
    forms = {term}
    if last and last[0].islower() and last.replace("-", "").isalpha() and not last.endswith("s"):
        if last.endswith("y") and last[-2:-1] not in "aeiou":
            plural = last[:-1] + "ies"
        elif last.endswith(("sh", "ch", "x", "z")):
            plural = last + "es"
        elif last.endswith("man"):
            plural = last[:-3] + "men"
        else:
            plural = last + "s"
        forms.add(f"{head} {plural}".strip())
    return sorted(forms)


def _by_first_word[V](
    phrases: Iterable[tuple[str, V]],
) -> dict[str, tuple[tuple[tuple[str, ...], V], ...]]:
    """Phrases (with a value each) grouped by their first word's norm, longest first."""
    by_first: dict[str, set[tuple[tuple[str, ...], V]]] = defaultdict(set)
    for phrase, value in phrases:
        norms = _phrase_norms(phrase)
        if norms:
            by_first[norms[0]].add((norms, value))
    return {k: tuple(sorted(v, key=lambda p: (-len(p[0]), p))) for k, v in by_first.items()}


@dataclass(frozen=True, slots=True)
class _PhraseIndex:
    """Phrases by their first normalised word, longest first."""

    by_first: Mapping[str, tuple[tuple[tuple[str, ...], int], ...]]

    @classmethod
    def build(cls, phrases: Iterable[str]) -> _PhraseIndex:
        return cls.build_valued((p, 0) for p in phrases)

    @classmethod
    def build_valued(cls, phrases: Iterable[tuple[str, int]]) -> _PhraseIndex:
        return cls(_by_first_word(phrases))

    def matches(self, norms: tuple[str, ...]) -> list[tuple[int, int, int]]:
        """(start, end, value) of every match in a sentence, given the norms of
        its words (punctuation skipped inside phrases is not allowed: phrases
        match contiguous words)."""
        by_first = self.by_first
        if by_first.keys().isdisjoint(norms):
            return []
        out = []
        for i, norm in enumerate(norms):
            candidates = by_first.get(norm)
            if not candidates:
                continue
            for phrase, value in candidates:
                n = len(phrase)
                if n == 1 or norms[i : i + n] == phrase:
                    out.append((i, i + n, value))
                    break
        return out


@dataclass(frozen=True, slots=True)
class _KindIndex:
    """Phrases of several kinds, found in one pass: at each word, the longest
    phrase of each kind that starts there."""

    by_first: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]

    @classmethod
    def build(cls, phrases: Iterable[tuple[str, str]]) -> _KindIndex:
        return cls(_by_first_word(phrases))

    def matches_by_kind(self, norms: tuple[str, ...]) -> list[tuple[int, int, str]]:
        """Like ``_PhraseIndex.matches``, for each kind."""
        by_first = self.by_first
        if by_first.keys().isdisjoint(norms):
            return []
        out = []
        for i, norm in enumerate(norms):
            candidates = by_first.get(norm)
            if not candidates:
                continue
            kinds: set[str] = set()
            for phrase, kind in candidates:
                if kind in kinds:
                    continue
                n = len(phrase)
                if n == 1 or norms[i : i + n] == phrase:
                    out.append((i, i + n, kind))
                    kinds.add(kind)
        return out


_MarkerSpan = tuple[int, int, str, str]  # word start, word end, kind, phrase


# source, verb, phrase, note, quoted: an Attribution without its sentence
_SentenceAttribution = tuple[str, str, str, str, bool]


# Weighted-term kinds that pass a judgement, and those that name nothing to compare
_LOADED = ("loaded", "judgement")
_NOT_NAMES = ("spelling", "judgement")
