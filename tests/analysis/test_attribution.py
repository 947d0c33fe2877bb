"""Who a report cites: the attribution reader, sentence by sentence and on the
protest pair of issue 12."""

import pytest

from newsdiff.analysis import compare_texts
from newsdiff.analysis.framing import attribution_cues

from .protest_pair import LEFT, RIGHT


def cues(text: str) -> list[tuple[str, str]]:
    return [(cue, source) for _, cue, source in attribution_cues(text)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # after a quotation, the source after the verb, an apposition left out
        (
            '"We came here peacefully," said Rosa Mendes, one of the organisers.',
            [("said", "Rosa Mendes")],
        ),
        ("“We came here peacefully…,” Rosa Mendes said.", [("said", "Rosa Mendes")]),
        # a verb coordinated with another shares its subject
        (
            "Mayor Daniel Okafor condemned the violence and said the levy was essential.",
            [("said", "Mayor Daniel Okafor")],
        ),
        # a relative clause: both verbs are Barkley's
        (
            "Barkley, who said he was tired, said the team would play on.",
            [("said", "Barkley"), ("said", "Barkley")],
        ),
        ("The senator said on Twitter that the bill was dead.", [("said", "The senator")]),
        # a "say" inside the quotation is the speaker's, not the report's
        ('"They say it is over, but it is not," Smith said.', [("said", "Smith")]),
        ("Police said 40 people were arrested.", [("said", "Police")]),
        ("Officials told reporters the road would reopen.", [("told", "Officials")]),
        ("According to police, the march began peacefully.", [("According to", "police")]),
        ('Varga: "We had no choice."', [(":", "Varga")]),
        ("He asked whether the levy would be scrapped.", [("asked", "He")]),
        ("Goelman added that the case was closed.", [("added", "Goelman")]),
        ('The union called the decision "a betrayal".', [("called", "The union")]),
        ("The Daily News reported that the mayor would resign.", [("reported", "The Daily News")]),
        ("One investor, Raj Patel, 71, said he had lost his savings.", [("said", "Raj Patel")]),
        (
            "Ahmed Osama, deputy director of Telecom Egypt, said the cable passes through Egypt.",
            [("said", "Ahmed Osama")],
        ),
        (
            "Gigante's death was confirmed by Christine Monaco, a spokeswoman for the FBI.",
            [("confirmed", "Christine Monaco")],
        ),
        (
            '"The rule strengthens the regulations," Kempthorne said, adding that it was needed.',
            [("said", "Kempthorne"), ("adding", "Kempthorne")],
        ),
        # a quotation that began in an earlier sentence ends here
        ('The three boats had 26 crew on board, "the officer said.', [("said", "the officer")]),
        ('We will keep you updated, "SEACOM tweeted this morning.', [("tweeted", "SEACOM")]),
    ],
)
def test_attribution_cues_and_their_sources(sentence, expected):
    assert cues(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The claims could not be verified.",
        "Okafor did not say when the levy would be reviewed.",
        "Officials declined to comment on the arrests.",
        "The march was called off at 5pm.",
        "The plan also called for talks.",
        "Anyone with information is asked to call police.",
        "It's too early to tell what the merger will mean.",
        "A man accused of running down a woman was charged.",
        '"People say we are troublemakers, but we are nurses."',
        "Report: Red Sox offer Teixeira $200 million",
        "The two sides signed an accord to end decades of civil war.",
        "Others fled to Bunj, the capital of Maban county in Upper Nile state.",
    ],
)
def test_sentences_that_only_look_like_attributions_have_no_cue(sentence):
    assert cues(sentence) == []


@pytest.fixture(scope="module")
def protest():
    return compare_texts(LEFT, RIGHT)["framing"]


def sources(protest, side):
    return {a["source"] for a in protest["stats"][side]["attributions"]}


def source_findings(protest, side):
    return [
        f
        for f in protest["findings"]
        if f["kind"] == "attribution" and f["subkind"] == "source" and f["side"] == side
    ]


def test_the_left_cites_the_mayor_so_no_finding_says_only_the_right_does(protest):
    assert "Mayor Daniel Okafor" in sources(protest, "left")
    for finding in source_findings(protest, "right"):
        assert "Okafor" not in finding["summary"]


def test_the_organisers_quote_counts_and_only_the_left_cites_them(protest):
    assert "Rosa Mendes" in sources(protest, "left")
    (left,) = source_findings(protest, "left")
    assert "Rosa Mendes" in left["summary"]


def test_one_police_officer_under_two_forms_of_her_name_is_one_source(protest):
    (right,) = source_findings(protest, "right")
    assert "Helen Varga" in right["summary"]
    assert "2 sources" not in right["summary"]
    assert set(right["right_terms"]) == {
        "Chief Superintendent Helen Varga said",
        "Superintendent Varga told",
    }


# --- naming a crowd in the plural (issue 12) ---------------------------------------


def finding_kinds(left: str, right: str) -> list[tuple[str, str]]:
    found = compare_texts(left, right)["framing"]["findings"]
    return sorted((f["kind"], f["subkind"]) for f in found)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("The rioters threw bottles at police.", "The protesters threw bottles at police."),
        ("Rioters threw bottles at police.", "Protesters threw bottles at police."),
    ],
)
def test_plural_labels_give_the_findings_the_singular_gives(left, right):
    singular = finding_kinds(
        "The rioter threw a bottle at police.", "The protester threw a bottle at police."
    )
    assert ("naming", "crowd") in singular
    assert finding_kinds(left, right) == singular


def test_the_protest_pair_names_the_crowd_differently(protest):
    (row,) = [r for r in protest["naming"] if r["family"] == "crowd"]
    assert {p["term"] for p in row["left"]} == {"protester"}
    assert {p["term"] for p in row["right"]} == {"rioter"}
    assert any(f["kind"] == "naming" and f["subkind"] == "crowd" for f in protest["findings"])
