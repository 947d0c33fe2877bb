import importlib
import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import replace

import pytest

from newsdiff.analysis.framing import (
    LEXICON_DIR,
    Finding,
    Framing,
    Lexicon,
    NamingException,
    ReportingVerb,
    WeightedTerm,
    analyse_framing,
    framing_to_dict,
)
from newsdiff.analysis.types import AlignedGroup, Alignment, DiffSpan, Restatement, Sentence
from newsdiff.analysis.worddiff import diff_sentences

from .seed_sentences import left_sentences, right_sentences

# The hand-made gold alignment of the seed pair (shared/gold/seed-alignment.json),
# each sentence named by a fragment only it holds: (left, right).
GOLD_PAIRS = [
    ("heads to Moscow for talks after meeting", "Wang Yi heads to Moscow after meeting"),
    ("travelled", "Joe Biden's national security adviser over the weekend in Malta."),
    ("will be in Russia until Thursday", "will be in Russia from Monday to Thursday"),
    ("The conflict in Ukraine was one of the key areas", "Wang discussed the situation in Ukraine"),
    ("Both sides later described the talks", "Both sides described the talks as candid"),
    ("Specifics of their talks were not released.", "Specifics of their talks were not released."),
    ("China has not taken sides in the Ukraine war", "China has refrained from taking sides"),
    ("Mr Wang stepped down as foreign minister", "Wang stepped down as foreign minister"),
]
GOLD_ONLY_LEFT = [
    "shuttle diplomacy between Kiev and Moscow",
    "the Chinese 12-point plan covered the need",
    "The plan also called for the end of unilateral sanctions",
    "given a frosty reception from Ukraine and the US",
]
GOLD_ONLY_RIGHT = [
    "at odds over Russia's invasion of Ukraine",
    "accused the U.S. of prolonging the fighting",
    "China and Russia have grown closer in recent years",
    "reshape the U.S.-led international order",
    "expansion of the BRICS partnership",
    "It's unclear what happened to Qin",
    "Li Shangfu, also has not been seen",
    "two sitting Cabinet members to disappear from sight",
]
# framing_expected in the gold file
LEFT_ONLY_TERMS = [
    "12-point plan",
    "Kiev",
    "cold war mentality",
    "ceasefire",
    "unilateral sanctions",
    "frosty reception",
]
RIGHT_ONLY_TERMS = ["Qin Gang", "Li Shangfu", "BRICS", "invasion", "Russian aggression"]
NAMING_THE_WAR = {
    "left": ["the conflict in Ukraine", "the Ukraine war", "the conflict"],
    "right": ["Russia's invasion of Ukraine", "the war", "the fighting", "Russian aggression"],
}
# word choices the gold pairs list (left, right), plus the lede's
WORD_CHOICES = [
    ("the conflict in Ukraine", "the situation in Ukraine"),  # a label for the war
    ("the US and its allies must also respect", "the West needs to consider"),  # group, modality
]
# rewordings that change how nothing is seen: shown in the word diff, no finding (issue 12)
STYLE_REWORDINGS = [
    ("eastwards expansion of Nato", "NATO expansion"),  # a spelling and a detail
    ("the Ukraine war", "the war"),  # where, not how
    ("travelled to Russia today", "is heading to Russia"),  # tense
    ("has not taken sides", "has refrained from taking sides"),
]
# what one side adds inside a shared sentence, per the gold pairs
ADDED_DETAILS = [
    ("left", "for talks"),
    ("right", "who simultaneously holds the ruling Communist Party's top foreign policy post"),
    ("right", "stabilize their rocky relationship"),
    ("right", "after his successor, Qin Gang, disappeared from public view"),
    ("left", "alongside the party role"),
]


def find(items: list[Sentence], fragment: str) -> int:
    wanted = " ".join(fragment.replace("’", "'").split())
    found = [s.index for s in items if wanted in " ".join(s.text.replace("’", "'").split())]
    assert len(found) == 1, (fragment, found)
    return found[0]


def gold_alignment(left: list[Sentence], right: list[Sentence]) -> Alignment:
    groups = tuple(
        AlignedGroup((find(left, a),), (find(right, b),), 0.8, "reworded") for a, b in GOLD_PAIRS
    )
    standfirst = next(s.index for s in right if s.role == "standfirst")
    lede = find(right, "Joe Biden's national security adviser over the weekend in Malta.")
    return Alignment(
        groups=groups,
        only_left=tuple(sorted(find(left, f) for f in GOLD_ONLY_LEFT)),
        only_right=tuple(sorted(find(right, f) for f in GOLD_ONLY_RIGHT)),
        restatements=(Restatement("right", standfirst, lede, 1.0),),
    )


@pytest.fixture(scope="module")
def seed() -> tuple[list[Sentence], list[Sentence], Alignment, Framing]:
    left, right = left_sentences(), right_sentences()
    alignment = gold_alignment(left, right)
    return left, right, alignment, analyse_framing(left, right, alignment)


def of_kind(framing: Framing, kind: str, subkind: str | None = None) -> list[Finding]:
    return [
        f for f in framing.findings if f.kind == kind and (subkind is None or f.subkind == subkind)
    ]


def terms_of(findings: list[Finding], side: str) -> list[str]:
    return [t for f in findings for t in getattr(f, f"{side}_terms")]


def sentences(*texts: str) -> list[Sentence]:
    out = [Sentence(0, texts[0], "headline", 0)]
    out += [Sentence(i, text, "body", i) for i, text in enumerate(texts[1:], start=1)]
    return out


def one_to_one(left: list[Sentence], right: list[Sentence], pairs) -> Alignment:
    paired_left = {a for a, _ in pairs}
    paired_right = {b for _, b in pairs}
    return Alignment(
        groups=tuple(AlignedGroup((a,), (b,), 0.8, "reworded") for a, b in pairs),
        only_left=tuple(s.index for s in left if s.index not in paired_left),
        only_right=tuple(s.index for s in right if s.index not in paired_right),
    )


# --- the seed pair: only in one report ------------------------------------------


@pytest.mark.parametrize(
    ("side", "term"),
    [("left", t) for t in LEFT_ONLY_TERMS] + [("right", t) for t in RIGHT_ONLY_TERMS],
)
def test_seed_lists_every_term_only_one_report_uses(seed, side, term):
    *_, framing = seed
    stats = getattr(framing, side)
    assert term in [t.text for t in stats.only_terms]
    in_findings = terms_of(of_kind(framing, "only_one_side"), side)
    assert term in in_findings, in_findings


def test_seed_lists_no_term_the_other_report_also_uses(seed):
    *_, framing = seed
    left_terms = {t.text.lower() for t in framing.left.only_terms}
    right_terms = {t.text.lower() for t in framing.right.only_terms}
    for shared in ("moscow", "wang yi", "jake sullivan", "malta", "the foreign ministry", "nato"):
        assert shared not in left_terms | right_terms
    assert "chinese" not in left_terms  # the right report says "China"
    assert "russian" not in right_terms  # ... and the left "Russia's"


def test_seed_groups_the_one_sided_sentences_into_passages(seed):
    left, right, _, framing = seed
    passages = of_kind(framing, "only_one_side", "passage")
    left_passages = [f.left_sentences for f in passages if f.side == "left"]
    # the left's four sentences on China's peace plan are one passage
    plan = tuple(sorted(find(left, f) for f in GOLD_ONLY_LEFT))
    assert left_passages == [plan]
    right_passages = [f.right_sentences for f in passages if f.side == "right"]
    assert sorted(i for p in right_passages for i in p) == sorted(
        find(right, f) for f in GOLD_ONLY_RIGHT
    )
    brics = find(right, "expansion of the BRICS partnership")
    closer = find(right, "China and Russia have grown closer")
    assert any(brics in p and closer in p for p in right_passages)
    for f in passages:
        n = len(f.left_sentences + f.right_sentences)
        assert f.summary.startswith(f"Only the {f.side} report has th")
        assert ("this sentence" if n == 1 else f"these {n} sentences") in f.summary


@pytest.mark.parametrize(("side", "phrase"), ADDED_DETAILS)
def test_seed_finds_what_one_side_adds_to_a_shared_sentence(seed, side, phrase):
    *_, framing = seed
    details = of_kind(framing, "only_one_side", "detail")
    assert phrase in terms_of([f for f in details if f.side == side], side)


def test_seed_finds_the_added_dates(seed):
    *_, framing = seed
    details = of_kind(framing, "only_one_side", "detail")
    assert any(
        f.left_terms == ("until Thursday",) and f.right_terms == ("from Monday to Thursday",)
        for f in details
    )


# --- word choice and naming -----------------------------------------------------


@pytest.mark.parametrize(("left_phrase", "right_phrase"), STYLE_REWORDINGS)
def test_seed_rewordings_that_frame_nothing_are_shown_in_the_diff_but_no_finding(
    seed, left_phrase, right_phrase
):
    left, right, alignment, framing = seed
    for f in of_kind(framing, "word_choice"):
        assert not any(left_phrase in t or t in left_phrase for t in f.left_terms), f.summary
    (i,) = [k for k, s in enumerate(left) if left_phrase in s.text.replace("\xa0", " ")]
    (group,) = [g for g in alignment.groups if i in g.left]
    diff = diff_sentences([left[i].text], [right[j].text for j in group.right])
    shown = " ".join(d.left + " " + d.right for d in diff if d.op != "equal")
    assert any(w in shown for w in left_phrase.split() + right_phrase.split())


@pytest.mark.parametrize(("left_phrase", "right_phrase"), WORD_CHOICES)
def test_seed_finds_each_word_choice_of_the_gold_pairs(seed, left_phrase, right_phrase):
    left, right, _, framing = seed
    choices = of_kind(framing, "word_choice")
    found = [f for f in choices if f.left_terms == (left_phrase,)]
    assert found, [(f.left_terms, f.right_terms) for f in choices]
    assert found[0].right_terms == (right_phrase,)
    assert left_phrase in found[0].summary and right_phrase in found[0].summary
    # the evidence points at the sentences that hold the phrases
    (i,) = found[0].left_sentences
    (j,) = found[0].right_sentences
    assert left_phrase.lower() in left[i].text.replace("\xa0", " ").lower()
    assert right_phrase.lower() in right[j].text.lower()


def test_seed_word_choices_are_few_and_never_only_punctuation(seed):
    *_, framing = seed
    choices = of_kind(framing, "word_choice")
    assert len(choices) <= 7
    for f in choices:
        for phrase in f.left_terms + f.right_terms:
            assert re.search(r"\w", phrase)
    assert not any("country" in t for f in choices for t in f.left_terms)  # "country'’" is a typo


def test_seed_naming_table_for_the_war(seed):
    *_, framing = seed
    (row,) = [r for r in framing.naming if r.family == "the war"]
    assert [p.text for p in row.left] == NAMING_THE_WAR["left"]
    assert [p.text for p in row.right] == NAMING_THE_WAR["right"]
    # "prisoners of war", "cold war mentality" and "post-conflict" name no war
    assert all(p.term in ("conflict", "war") for p in row.left)


def test_seed_naming_finding_says_what_each_name_implies(seed):
    *_, framing = seed
    (finding,) = of_kind(framing, "naming")
    assert finding.side == "both" and finding.subkind == "the war"
    assert list(finding.left_terms) == NAMING_THE_WAR["left"]
    assert list(finding.right_terms) == NAMING_THE_WAR["right"]
    assert "only the left report says ‘conflict’" in finding.summary
    assert "‘invasion’" in finding.summary and "‘aggression’" in finding.summary
    assert "attacker" in finding.summary


def test_seed_flags_the_spelling_kiev(seed):
    left, _, _, framing = seed
    (finding,) = of_kind(framing, "weighted_term")
    assert finding.side == "left" and finding.left_terms == ("Kiev",)
    assert finding.left_sentences == (find(left, "shuttle diplomacy"),)
    assert "Kyiv" in finding.summary


# --- attribution ----------------------------------------------------------------


def test_seed_attribution_table(seed):
    *_, framing = seed
    left = {a.phrase: a for a in framing.left.attributions}
    right = {a.phrase: a for a in framing.right.attributions}
    assert left["the Foreign Ministry said"].cited_by_both
    assert right["the Foreign Ministry said"].cited_by_both
    assert right["the U.S. says"].source == "the U.S."
    assert not right["the U.S. says"].cited_by_both
    accused = [a for a in framing.right.attributions if a.verb == "accused"]
    assert len(accused) == 1 and accused[0].note
    assert {a.verb for a in framing.left.attributions} == {"said", "described", "saying"}


def test_seed_attribution_findings(seed):
    right, *_ = seed[1:]
    *_, framing = seed
    findings = of_kind(framing, "attribution")
    assert {f.side for f in findings} == {"right"}
    (source,) = [f for f in findings if f.subkind == "source"]
    assert source.right_terms == ("the U.S. says",)
    assert "the U.S." in source.summary
    (verb,) = [f for f in findings if f.subkind == "verb"]
    assert "accused" in verb.summary and verb.right_terms == ("It has accused",)
    assert not [f for f in findings if f.subkind == "unattributed"]


# --- hedging --------------------------------------------------------------------


def test_seed_hedges_are_on_the_right(seed):
    _, right, _, framing = seed
    assert framing.left.hedges == ()
    phrases = [m.phrase for m in framing.right.hedges]
    assert phrases == ["It's unclear", "may have", "doesn't appear"]
    assert [m.sentence for m in framing.right.hedges] == [
        find(right, "It's unclear"),
        find(right, "It's unclear"),
        find(right, "doesn't appear"),
    ]
    assert framing.right.hedges_per_100_words == pytest.approx(
        100 * 3 / framing.right.words, abs=0.01
    )
    # "about three weeks" and "about NATO expansion" are no hedges
    (finding,) = of_kind(framing, "hedging")
    assert finding.side == "right"
    assert finding.right_terms == ("It's unclear", "may have", "doesn't appear")
    assert finding.left_value == 0 and finding.right_value == framing.right.hedges_per_100_words


# --- emphasis -------------------------------------------------------------------


def test_seed_emphasis_wang_yi_in_the_right_headline(seed):
    left, right, _, framing = seed
    (headline,) = of_kind(framing, "emphasis", "headline")
    assert headline.side == "right" and headline.right_terms == ("Wang Yi",)
    assert headline.right_sentences == (0,)
    assert headline.left_sentences == (find(left, "Foreign Minister Wang Yi will be"),)
    # it is not also reported as a detail the right's headline adds
    details = of_kind(framing, "only_one_side", "detail")
    assert "Wang Yi" not in terms_of(details, "right")


def test_seed_emphasis_the_malta_talks_sit_higher_on_the_left(seed):
    left, right, _, framing = seed
    (placement,) = of_kind(framing, "emphasis", "placement")
    assert placement.side == "left"
    assert find(left, "The conflict in Ukraine was one") in placement.left_sentences
    assert find(right, "Wang discussed the situation") in placement.right_sentences
    assert placement.left_value < placement.right_value


def test_seed_stats_where_content_sits(seed):
    *_, framing = seed
    for stats in (framing.left, framing.right):
        parts = {p.part: p for p in stats.parts}
        assert parts["headline"].only_words == 0 and parts["lede"].only_words == 0
        assert sum(p.words for p in stats.parts) == stats.words
    assert 0.3 < framing.left.only_share < 0.45
    assert 0.4 < framing.right.only_share < 0.5
    assert len(framing.placements) == len(GOLD_PAIRS)


def test_seed_findings_are_few_and_explained(seed):
    *_, framing = seed
    assert len(framing.findings) <= 30
    for f in framing.findings:
        assert f.summary and f.summary[0].isupper() and f.summary.endswith((".", "’"))
        assert "\n" not in f.summary
        assert f.left_sentences or f.right_sentences


# --- order independence ---------------------------------------------------------


def _swap_words(text: str) -> str:
    return re.sub(r"\b(left|right)\b", lambda m: "right" if m[1] == "left" else "left", text)


def _mirror(f: Finding) -> Finding:
    side = {"left": "right", "right": "left"}.get(f.side, f.side)
    return replace(
        f,
        side=side,
        label=_swap_words(f.label),
        summary=_swap_words(f.summary),
        left_terms=f.right_terms,
        right_terms=f.left_terms,
        left_sentences=f.right_sentences,
        right_sentences=f.left_sentences,
        left_value=f.right_value,
        right_value=f.left_value,
    )


def _comparable(f: Finding) -> Finding:
    """Findings about both sides word their summary left first; compare their quotes."""
    if f.side != "both":
        return f
    return replace(f, summary=" ".join(sorted(re.findall(r"‘[^’]*’", f.summary))))


def assert_mirrored(a: Framing, b: Framing) -> None:
    assert [_comparable(_mirror(f)) for f in a.findings] == [_comparable(f) for f in b.findings]
    assert a.left == b.right and a.right == b.left
    assert [(r.family, r.left, r.right) for r in a.naming] == [
        (r.family, r.right, r.left) for r in b.naming
    ]


def test_swapping_the_seed_reports_mirrors_every_finding(seed):
    left, right, alignment, framing = seed
    assert_mirrored(framing, analyse_framing(right, left, alignment.mirrored()))


def test_swapping_reports_with_word_choices_mirrors_them():
    left = sentences(
        "Regime forces shell the city",
        "The regime said the attack on Kyiv was a response.",
        "Officials may have known, it is unclear.",
    )
    right = sentences(
        "Government forces shell the city",
        "The government claimed the attack on Kiev was a response.",
        "Clearly, officials knew.",
    )
    alignment = one_to_one(left, right, [(0, 0), (1, 1)])
    a = analyse_framing(left, right, alignment)
    b = analyse_framing(right, left, alignment.mirrored())
    assert a.findings
    assert_mirrored(a, b)


# --- texts without anything to find ---------------------------------------------


def test_identical_texts_give_no_findings():
    left, right = left_sentences(), left_sentences()
    alignment = one_to_one(left, right, [(s.index, s.index) for s in left])
    framing = analyse_framing(left, right, alignment)
    assert framing.findings == ()
    assert framing.left == framing.right
    assert framing.left.only_terms == () and framing.left.only_share == 0


def test_texts_without_names_or_quotes_work():
    left = sentences("rain fell", "it rained all day and the river rose.", "nobody was hurt.")
    right = sentences("rain falls", "it rained all day.", "the roads were closed for hours.")
    alignment = one_to_one(left, right, [(0, 0), (1, 1)])
    framing = analyse_framing(left, right, alignment)
    assert framing.left.attributions == () and framing.right.attributions == ()
    assert framing.naming == ()
    kinds = {f.kind for f in framing.findings}
    assert kinds <= {"only_one_side", "word_choice", "emphasis"}
    json.dumps(framing_to_dict(framing))


def test_empty_reports_work():
    framing = analyse_framing([], [], Alignment((), (), ()))
    assert framing.findings == ()
    assert framing.left.words == 0 and framing.left.hedges_per_100_words == 0
    json.dumps(framing_to_dict(framing))


def test_one_empty_report_leaves_only_one_side():
    left = sentences("Storm hits coast", "A storm hit the coast of Kent on Monday, police said.")
    framing = analyse_framing(left, [], Alignment((), (0, 1), ()))
    assert {f.kind for f in framing.findings} <= {"only_one_side", "attribution", "emphasis"}
    assert of_kind(framing, "only_one_side")


# --- smaller cases --------------------------------------------------------------


def test_nouns_and_set_phrases_are_no_hedges():
    left = sentences(
        "Police hold man",
        "Police said the suspect would appear in court as soon as possible.",
        "The cause may be known soon, and it is not clear when.",
    )
    framing = analyse_framing(left, [], Alignment((), (0, 1, 2), ()))
    assert [m.phrase for m in framing.left.hedges] == ["may be", "it is not clear"]


def test_boosters_are_counted():
    left = sentences("Minister quits", "She clearly lied, and there is no doubt about it.")
    framing = analyse_framing(left, [], Alignment((), (0, 1), ()))
    assert [m.phrase for m in framing.left.boosters] == ["clearly", "there is no doubt"]
    assert framing.left.hedges == ()


def test_only_real_attributions_are_counted():
    left = sentences(
        "Talks end",
        "The plan also called for talks, and he was called back to Moscow.",
        "Specifics of the talks were not released.",
        "According to officials, the talks failed.",
        '"We tried," the minister said.',
    )
    framing = analyse_framing(left, [], Alignment((), tuple(range(5)), ()))
    phrases = [a.phrase for a in framing.left.attributions]
    assert phrases == ["According to officials", "the minister said"]
    assert framing.left.attributions[1].quoted


def test_loaded_term_in_the_reports_own_voice_is_flagged():
    left = sentences("Regime shells city", "The regime shelled the city on Monday.")
    right = sentences("Government shells city", "The government shelled the city on Monday.")
    framing = analyse_framing(left, right, one_to_one(left, right, [(0, 0), (1, 1)]))
    unattributed = of_kind(framing, "attribution", "unattributed")
    assert [f.side for f in unattributed] == ["left", "left"]
    assert "no source" in unattributed[0].summary
    naming = of_kind(framing, "naming")
    assert naming and "regime" in naming[0].summary


def test_attributed_loaded_term_is_not_flagged():
    left = sentences("Regime shells city", "Rebels said the regime shelled the city.")
    right = sentences("Army shells city", "Rebels said the army shelled the city.")
    framing = analyse_framing(left, right, one_to_one(left, right, [(1, 1)]))
    unattributed = of_kind(framing, "attribution", "unattributed")
    assert [f.left_sentences for f in unattributed] == [(0,)]  # the headline has no source


# --- the lexicon ----------------------------------------------------------------


def test_default_lexicon_is_loaded_once_with_its_lists():
    lexicon = Lexicon.default()
    assert lexicon is Lexicon.default()
    verbs = {v.verb for v in lexicon.reporting_verbs}
    assert {"according to", "tell", "ask", "call", "said", "accuse"} <= verbs
    assert "may" in lexicon.hedges and "about" in lexicon.hedges  # Hyland's list, as shipped
    assert "about" in lexicon.hedge_exceptions  # ... and not counted
    assert "clearly" in lexicon.boosters
    kiev = [t for t in lexicon.weighted_terms if t.term == "Kiev"]
    assert kiev and kiev[0].family == "Kyiv" and kiev[0].kind == "spelling"
    assert any(e.phrase == "prisoners of war" for e in lexicon.naming_exceptions)


def test_lexicon_from_plain_lists():
    lexicon = Lexicon(
        reporting_verbs=["say", ReportingVerb("claim", core=True, note="casts doubt")],
        hedges=["may"],
        boosters=["clearly"],
        weighted_terms=[
            WeightedTerm("the war", "war"),
            WeightedTerm("the war", "special operation", "loaded", "an official euphemism"),
        ],
    )
    left = sentences("Talks stall", "Officials claimed the special operation may end.")
    right = sentences("Talks stall", "Officials said the war may end.")
    framing = analyse_framing(left, right, one_to_one(left, right, [(0, 0), (1, 1)]), lexicon)
    (row,) = framing.naming
    assert [p.text for p in row.left] == ["the special operation"]
    assert [p.text for p in row.right] == ["the war"]
    choices = of_kind(framing, "word_choice") + of_kind(framing, "attribution")
    assert any("claimed" in f.summary for f in choices)


def test_lexicon_entries_with_odd_characters_load(tmp_path):
    ours = tmp_path / "newsdiff"
    ours.mkdir()
    (ours / "weighted_terms.tsv").write_text(
        "# a comment\nfamily\tterm\tkind\tnote\n"
        'scripts\t<script>alert("x")</script>\tloaded\tsays "hi" & <b>bye</b>\n'
        "quotes\t\u201cso-called\u201d regime\tloaded\tscare quotes\n"
        "empty\t\tlabel\tno term: skipped\n",
        encoding="utf-8",
    )
    (ours / "boosters.txt").write_text("\ufeffclearly\n'really' truly\n", encoding="utf-8")
    (ours / "naming_exceptions.tsv").write_text(
        "family\tphrase\tnote\nscripts\t<b>\t</b>\n", encoding="utf-8"
    )
    lexicon = Lexicon.from_files(tmp_path)
    assert [t.term for t in lexicon.weighted_terms] == [
        '<script>alert("x")</script>',
        "\u201cso-called\u201d regime",
    ]
    assert lexicon.boosters == ("clearly", "'really' truly")
    assert lexicon.naming_exceptions == (NamingException("scripts", "<b>", "</b>"),)
    assert lexicon.reporting_verbs == () and lexicon.hedges == ()
    left = sentences('Page says <script>alert("x")</script>', "It is clearly fine.")
    right = sentences("Page says nothing", "It is fine.")
    framing = analyse_framing(left, right, one_to_one(left, right, [(0, 0), (1, 1)]), lexicon)
    json.dumps(framing_to_dict(framing))
    assert [m.phrase for m in framing.left.boosters] == ["clearly"]


# --- export and boundaries ------------------------------------------------------


def test_framing_to_dict_is_json_ready_with_stable_keys(seed):
    *_, framing = seed
    data = json.loads(json.dumps(framing_to_dict(framing)))
    assert set(data) == {"version", "findings", "stats", "naming", "placements"}
    assert set(data["findings"][0]) == {
        "kind",
        "side",
        "label",
        "summary",
        "left_terms",
        "right_terms",
        "left_sentences",
        "right_sentences",
        "subkind",
        "left_value",
        "right_value",
        "salience",
    }
    assert set(data["stats"]["left"]) == {
        "words",
        "sentences",
        "hedges",
        "boosters",
        "hedges_per_100_words",
        "boosters_per_100_words",
        "attributions",
        "only_terms",
        "only_share",
        "parts",
    }
    assert data["naming"][0].keys() == {"family", "left", "right"}
    assert isinstance(data["findings"][0]["left_sentences"], list)


def test_framing_imports_no_django():
    code = "import sys, newsdiff.analysis.framing; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_given_word_diffs_change_nothing(seed):
    left, right, alignment, framing = seed
    diffs = [
        diff_sentences([left[i].text for i in group.left], [right[i].text for i in group.right])
        for group in alignment.groups
    ]
    assert analyse_framing(left, right, alignment, diffs=diffs) == framing
    # in the other order, the diffs given are read the other way round
    mirrored = alignment.mirrored()
    swapped = [
        [DiffSpan(s.op, s.right, s.left) for s in diff_sentences(*reversed(pair))]
        for pair in (
            ([left[i].text for i in g.left], [right[i].text for i in g.right])
            for g in alignment.groups
        )
    ]
    assert analyse_framing(right, left, mirrored, diffs=swapped) == analyse_framing(
        right, left, mirrored
    )


def test_remembered_sentences_change_nothing(seed):
    # the lexicon remembers each sentence's hedges, boosters and attributions:
    # a second comparison on a warm lexicon finds what a fresh lexicon finds
    left, right, alignment, _ = seed
    lexicon = Lexicon.from_files(LEXICON_DIR)
    first = analyse_framing(left, right, alignment, lexicon=lexicon)
    assert analyse_framing(left, right, alignment, lexicon=lexicon) == first
    assert analyse_framing(right, left, alignment.mirrored(), lexicon=lexicon) == analyse_framing(
        right, left, alignment.mirrored()
    )


def test_groups_copied_word_for_word_give_no_findings():
    # whole groups that are the same tokens (case aside) are skipped before their words are read
    left = sentences("Talks end", "The minister said talks would resume.", "Rain fell.")
    right = sentences("Talks end", "The Minister said talks would resume.", "Snow fell.")
    alignment = one_to_one(left, right, [(0, 0), (1, 1), (2, 2)])
    found = analyse_framing(left, right, alignment)
    assert all(f.left_sentences in ((), (2,)) for f in found.findings)


def test_word_diffs_must_match_the_groups(seed):
    left, right, alignment, _ = seed
    with pytest.raises(ValueError, match="one word diff per aligned group"):
        analyse_framing(left, right, alignment, diffs=[])


# --- precision rules (judged on ECB+ samples) -----------------------------------


def naming_rows(framing: Framing) -> dict[str, tuple[list[str], list[str]]]:
    return {
        row.family: ([p.term for p in row.left], [p.term for p in row.right])
        for row in framing.naming
    }


@pytest.mark.parametrize(
    "text",
    [
        "Rebels were fighting for control of the town.",
        "They are fighting to keep the road open.",
        "The army is fighting in the north.",
        "Fighting in Blue Nile state",  # a subheading
    ],
)
def test_fighting_as_a_verb_or_subheading_does_not_name_the_war(text):
    left = sentences("Talks stall", text)
    framing = analyse_framing(left, [], Alignment((), (0, 1), ()))
    assert "the war" not in naming_rows(framing)


@pytest.mark.parametrize(
    "text",
    [
        "Civilians fled the fighting.",
        "There was heavy fighting, the army said.",
        "Fighting in Gaza went on for a third day.",
    ],
)
def test_fighting_as_a_noun_names_the_war(text):
    left = sentences("Talks stall", text)
    framing = analyse_framing(left, [], Alignment((), (0, 1), ()))
    assert naming_rows(framing)["the war"] == (["fighting"], [])


@pytest.mark.parametrize(
    "past",
    [
        # a year beside the label
        "The riots are the worst since the fall of the military junta in 1974.",
        # a sentence that opens with a past date
        "In November 1973, students rebelled against the country's military junta.",
    ],
)
def test_a_past_regime_is_not_how_a_report_names_the_government(past):
    left = sentences("Riots spread", past, "The government of Costas Karamanlis called for calm.")
    right = sentences("Riots spread", "The government called for calm.")
    framing = analyse_framing(left, right, one_to_one(left, right, [(0, 0), (2, 1)]))
    assert naming_rows(framing)["government"] == (["government"], ["government"])
    assert not of_kind(framing, "naming")


def test_two_neutral_words_for_the_government_are_no_naming_finding():
    left = sentences("Ship freed", "The Indian government said the ship was freed.")
    right = sentences("Ship freed", "Indian authorities said the ship was freed.")
    framing = analyse_framing(left, right, one_to_one(left, right, [(0, 0), (1, 1)]))
    assert "government" in naming_rows(framing)
    assert not of_kind(framing, "naming")


def test_a_report_that_only_adds_a_plain_label_names_the_war_no_differently():
    left = sentences("Talks stall", "The war has gone on for a year.")
    right = sentences(
        "Talks stall", "The war has gone on for a year.", "The fighting has killed thousands."
    )
    framing = analyse_framing(left, right, one_to_one(left, right, [(0, 0), (1, 1)]))
    assert not of_kind(framing, "naming")


def test_the_mob_of_a_mafia_story_is_no_crowd():
    left = sentences("Boss dies", "The mob boss died in prison.", "He ran the mob's rackets.")
    framing = analyse_framing(left, [], Alignment((), (0, 1, 2), ()))
    assert "crowd" not in naming_rows(framing)
    assert not of_kind(framing, "weighted_term")


def test_two_hedges_in_a_long_report_are_no_hedging_finding():
    filler = [f"The council met on day {n} and approved the budget for roads." for n in range(60)]
    left = sentences("Budget passed", "The cost may rise.", *filler, "It appears final.")
    right = sentences("Budget passed", *filler)
    framing = analyse_framing(left, right, Alignment((), tuple(range(len(left))), ()))
    assert len(framing.left.hedges) == 2
    assert not of_kind(framing, "hedging")


def test_an_article_that_appeared_is_no_hedge():
    left = sentences("Book out", "After the article appeared, he wrote a book.")
    framing = analyse_framing(left, [], Alignment((), (0, 1), ()))
    assert framing.left.hedges == ()


def test_a_one_sentence_move_is_no_emphasis():
    left = sentences("Storm hits", "Roads closed.", "Trains stopped.", "Schools shut.")
    right = sentences("Storm hits", "Trains stopped.", "Roads closed.", "Schools shut.")
    alignment = one_to_one(left, right, [(0, 0), (1, 2), (2, 1), (3, 3)])
    framing = analyse_framing(left, right, alignment)
    assert not of_kind(framing, "emphasis", "placement")


def test_a_dateline_gives_no_word_choice_and_no_opening():
    left = sentences(
        "Storm hits coast",
        "Posted: 12/09/2008 10:31 AM",
        "A storm hit the coast on Monday.",
    )
    right = sentences(
        "Storm hits coast",
        "Updated December 9, 2008 3:24 PM PST",
        "A storm hit the coast of Kent on Monday.",
    )
    framing = analyse_framing(left, right, one_to_one(left, right, [(0, 0), (1, 1), (2, 2)]))
    assert not of_kind(framing, "word_choice")
    assert framing.left.sentences == 2 and framing.right.sentences == 2  # datelines left out


def test_number_words_and_digits_are_the_same_number():
    left = sentences("Church burns", "The fire did one million dollars in damage.")
    right = sentences("Church burns", "Police said the fire caused $1 million in damage.")
    framing = analyse_framing(
        left, right, Alignment(((AlignedGroup((0,), (0,), 1.0, "same")),), (1,), (1,))
    )
    assert "1 million" not in [t.text for t in framing.right.only_terms]


def test_different_endings_of_a_headline_are_no_word_choice():
    left = sentences("Klitschko stops Thompson to retain world heavyweight titles")
    right = sentences("Klitschko stops Thompson in six with efficient execution")
    framing = analyse_framing(left, right, one_to_one(left, right, [(0, 0)]))
    assert not of_kind(framing, "word_choice")


def test_a_dateline_in_place_of_a_headline_is_no_finding():
    # ECB+ pages start with "Updated: ..." where the headline should be
    left = sentences("Updated: November 11, 2011 20:09 IST", "The navy foiled a pirate attack.")
    right = sentences("Navy foils pirate attack", "The navy foiled a pirate attack.")
    framing = analyse_framing(left, right, one_to_one(left, right, [(1, 1)]))
    assert not [f for f in framing.findings if f.left_sentences == (0,)]
    assert framing.left.sentences == 1


@pytest.mark.parametrize(
    ("left_text", "right_text"),
    [
        # a clause break inside the change: the sentence was rewritten, not reworded
        (
            "The fire progressed rapidly through the store which is almost destroyed.",
            "The fire progressed rapidly through the supermarket, leaving it almost destroyed.",
        ),
        # a clause inside the change
        (
            "Pirates were seen in the course of her ongoing patrol in the gulf.",
            "Pirates were seen by the warship after it was sent for patrol in the gulf.",
        ),
        # one word against five
        (
            "Officers saw the action from the shore.",
            "Officers saw operations carried out on the other three boats from the shore.",
        ),
        # a time against another detail: two facts, not two wordings
        (
            "The actress died peacefully at her home in Los Angeles.",
            "The actress died early Thursday at her home in Los Angeles.",
        ),
        (
            "The actor died of pneumonia at the age of 85 at his home.",
            "The actor died late yesterday at his home.",
        ),
        # a reporting verb on one side only, and nothing in common
        (
            "The navy nabbed 26 Somali pirates near the port on Monday.",
            "The navy spokesperson said officers patrolled near the port on Monday.",
        ),
    ],
)
def test_rewritten_parts_of_a_shared_sentence_are_no_word_choice(left_text, right_text):
    left = sentences("Navy foils attack", left_text)
    right = sentences("Navy foils attack", right_text)
    framing = analyse_framing(left, right, one_to_one(left, right, [(0, 0), (1, 1)]))
    assert not of_kind(framing, "word_choice"), [f.summary for f in framing.findings]


def test_not_is_no_reporting_verb():
    # "not" stems as "note" does; it must not read as a reporting verb
    left = sentences("Talks held", "China has not taken sides in the war.")
    right = sentences("Talks held", "China has refrained from taking sides in the war.")
    framing = analyse_framing(left, right, one_to_one(left, right, [(0, 0), (1, 1)]))
    assert framing.left.attributions == () and framing.right.attributions == ()
    assert not of_kind(framing, "attribution")


def test_a_subheading_in_capitals_gives_no_names():
    left = sentences(
        "Inmates escape",
        "Two inmates escaped from the county jail on Sunday.",
        "FALLOUT CONTINUES AFTER BRAZEN ESCAPE",
    )
    right = sentences("Inmates escape", "Two inmates escaped from the county jail on Sunday.")
    framing = analyse_framing(left, right, one_to_one(left, right, [(0, 0), (1, 1)]))
    assert not [t for t in framing.left.only_terms if t.text.isupper()]


def test_a_name_with_a_capitalised_small_word_is_one_name():
    left = sentences("Phone launch", "The carrier will sell Research In Motion's new phone.")
    framing = analyse_framing(left, [], Alignment((), (0, 1), ()))
    assert "Research In Motion" in [t.text for t in framing.left.only_terms]


def test_where_a_passage_sits_counts_paragraphs_as_the_page_numbers_them():
    # a dateline keeps its paragraph number: the passage is in paragraph 3 of 3
    left = [
        Sentence(0, "Storm hits", "headline", 0),
        Sentence(1, "Posted: 12/09/2008 10:31 AM", "body", 1),
        Sentence(2, "A storm hit the coast.", "body", 2),
        Sentence(3, "Volunteers from Dover cleared the beaches of Kent.", "body", 3),
    ]
    right = [
        Sentence(0, "Storm hits", "headline", 0),
        Sentence(1, "A storm hit the coast.", "body", 1),
    ]
    framing = analyse_framing(left, right, one_to_one(left, right, [(0, 0), (2, 1)]))
    passages = of_kind(framing, "only_one_side", "passage")
    assert passages and "(paragraph 3 of 3)" in passages[0].summary


def test_a_word_written_apart_or_together_is_no_word_choice():
    left = sentences("Boats seized", "The three boats had 26 Somali crew on board.")
    right = sentences("Boats seized", "The three boats had 26 Somali crew onboard.")
    framing = analyse_framing(left, right, one_to_one(left, right, [(0, 0), (1, 1)]))
    assert not framing.findings


def test_a_word_many_sentences_use_does_not_tie_passages_in_a_long_report():
    # "harbour" is in 7 of 42 sentences: common in this report, no sign that two
    # one-sided sentences far apart tell one story
    shared = [f"The council met on day {n} and approved the budget for roads." for n in range(35)]
    shared += [f"Boats in the harbour were checked on day {n}." for n in range(5)]
    left = sentences(
        "Budget passed",
        "Fishermen protested in the harbour over quotas.",
        *shared,
        "A ferry ran aground near the harbour wall.",
    )
    right = sentences("Budget passed", *shared)
    pairs = [(0, 0)] + [(n + 2, n + 1) for n in range(len(shared))]
    framing = analyse_framing(left, right, one_to_one(left, right, pairs))
    assert len(of_kind(framing, "only_one_side", "passage")) == 2


def test_a_headline_kept_in_the_body_gives_no_names_of_its_title_case():
    left = [
        Sentence(0, "Lawman's Unwavering Compass Led Him to White House Showdown", "body", 0),
        Sentence(1, "On Thursday, Mark Felt died at his home in Santa Rosa.", "body", 1),
    ]
    framing = analyse_framing(left, [], Alignment((), (0, 1), ()))
    terms = [t.text for t in framing.left.only_terms]
    assert "Mark Felt" in terms and "Santa Rosa" in terms
    assert not [t for t in terms if "Unwavering" in t or "Showdown" in t]


def test_a_source_named_with_a_relative_clause_is_the_person():
    left = sentences(
        "Riots go on", "The officer who fired the shot says he killed the boy by accident."
    )
    framing = analyse_framing(left, [], Alignment((), (0, 1), ()))
    assert [a.source for a in framing.left.attributions] == ["The officer who fired the shot"]


def test_a_verb_before_a_label_is_not_part_of_the_name():
    left = sentences("Gaza fighting", "Officials urged Hamas fighters to lay down their arms.")
    framing = analyse_framing(left, [], Alignment((), (0, 1), ()))
    rows = {row.family: [phrase.text for phrase in row.left] for row in framing.naming}
    assert rows["armed group"] == ["Hamas fighters"]


def test_emptying_the_analysis_caches_empties_framings_memos():
    # the benchmarks time "text never seen before" by emptying every cache; a
    # framing memo left full would make those cold figures look better than they are
    from bench.alignment_scoring import clear_analysis_caches
    from newsdiff.analysis.framing import words

    left = sentences("Kyiv talks", "Kyiv and NATO officials met on Friday.")
    analyse_framing(left, [], Alignment((), (0, 1), ()))
    assert words._PLAIN_WORDS
    clear_analysis_caches()
    assert not words._PLAIN_WORDS
    assert words.read_sentence.cache_info().currsize == 0


def _framing_module_state() -> dict[str, int]:
    """The size of every dict, set, list and functools cache at module level in
    the framing package, and of every collection on the shipped lexicon's index."""
    import functools
    import pkgutil
    from dataclasses import fields

    from newsdiff.analysis import framing

    sizes: dict[str, int] = {}
    for info in pkgutil.iter_modules(framing.__path__):
        module = importlib.import_module(f"{framing.__name__}.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, dict | set | list):
                sizes[f"{info.name}.{name}"] = len(value)
            elif isinstance(value, functools._lru_cache_wrapper) and value.__module__ == (
                module.__name__  # a cache of this module's own, not one it imports
            ):
                sizes[f"{info.name}.{name}"] = value.cache_info().currsize
    index = Lexicon.default().index
    for f in fields(index):
        value = getattr(index, f.name)
        if isinstance(value, dict | set | list):
            sizes[f"lexicon index.{f.name}"] = len(value)
    return sizes


def test_a_comparison_leaves_nothing_of_its_sentences_behind():
    # a long-running worker compares pair after pair: what framing remembers of a
    # comparison's sentences must go with it, or its memory grows with every one.
    # Left out: the bounded caches of single words and of sentence readings
    # (framing/state.py lists them), which are emptied here so the pairs fill them.
    from bench.alignment_scoring import clear_analysis_caches
    from newsdiff.analysis.framing import words

    bounded = {
        "words._PLAIN_WORDS",
        "words.read_sentence",
        "words._token_word",
        "words._numberish",
        "words._content_key",
        "words._bare_norm",
        "lexicon._verb_key",
    }

    def grown(before: dict[str, int], after: dict[str, int]) -> dict[str, tuple[int, int]]:
        return {
            name: (before.get(name, 0), size)
            for name, size in after.items()
            if size > before.get(name, 0) and name not in bounded
        }

    def pair(n: int) -> tuple[list[Sentence], list[Sentence]]:
        left = sentences(
            f"Talks in city {n} collapse",
            f'"We will not give up," said Mayor Alma Quist{n} of Brennport{n}.',
            f"Rioters{n} blocked the harbour, police reportedly said.",
        )
        right = sentences(
            f"City {n} talks fail",
            f"Mayor Alma Quist{n} clearly told reporters the protesters{n} were peaceful.",
            f"According to officials, the harbour{n} may reopen soon.",
        )
        return left, right

    def compare(n: int) -> None:
        left, right = pair(n)
        group = AlignedGroup((0,), (0,), 0.8, "reworded")
        framing_found = analyse_framing(left, right, Alignment((group,), (1, 2), (1, 2)))
        assert framing_found.left.attributions and framing_found.right.attributions

    compare(0)  # the lexicon loaded and every module imported
    clear_analysis_caches()
    compare(1)
    after_one = _framing_module_state()
    assert words._PLAIN_WORDS  # the pairs are read, so the check below can fail
    for n in range(2, 12):
        compare(n)
    assert grown(after_one, _framing_module_state()) == {}


def test_a_report_longer_than_the_reading_cache_is_read_once(monkeypatch):
    # framing keeps each sentence's reading for the whole comparison, so a report
    # with more sentences than the readings' cache holds is not read again and
    # again (which made framing three times slower per sentence past 8,192)
    from newsdiff.analysis.framing import report, words

    reads: Counter[str] = Counter()
    read_sentence = words.read_sentence.__wrapped__

    def counted(text: str) -> words._SentenceWords:
        reads[text] += 1
        return read_sentence(text)

    for module in (report, words):  # where a report is read, and where words are read
        monkeypatch.setattr(module, "read_sentence", counted)
    texts = [f"Officials in Kyiv said {n} people were hurt." for n in range(40)]
    left = sentences("Kyiv attack", *texts)
    right = sentences("Attack on Kyiv", *(t.replace("hurt", "injured") for t in texts))
    pairs = tuple(AlignedGroup((k,), (k,), 0.8, "reworded") for k in range(len(left)))
    framing_found = analyse_framing(left, right, Alignment(pairs, (), ()))
    assert framing_found.findings  # "hurt" / "injured" is a word choice in every pair
    every_sentence = [s.text for s in (*left, *right)]
    assert [reads[text] for text in every_sentence] == [1] * len(every_sentence)
