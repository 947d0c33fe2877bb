"""Word choice means framing (issue 12): a rewording inside a shared sentence is a
finding only when it changes how something is seen; abbreviations, titles,
spellings of a name, tense and plain reporting-verb swaps stay in the word diff."""

import pytest

from newsdiff.analysis import compare_texts

HEADLINE = "Senate passes the spending bill\n\n"


def findings(left: str, right: str) -> list[tuple[str, str]]:
    found = compare_texts(HEADLINE + left, HEADLINE + right)["framing"]["findings"]
    return [(f["kind"], f["summary"]) for f in found if f["kind"] != "emphasis"]


def word_choices(left: str, right: str) -> list[str]:
    return [summary for kind, summary in findings(left, right) if kind == "word_choice"]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (
            "Senator Rand Paul, R-Ky., voted against the bill on Tuesday evening in Washington.",
            "Senator Rand Paul, Republican of Kentucky, voted against the bill on Tuesday"
            " evening in Washington.",
        ),
        (
            "The storm hit Tampa, Florida, on Monday and flooded hundreds of homes near the bay.",
            "The storm hit Tampa, Fla., on Monday and flooded hundreds of homes near the bay.",
        ),
        (
            "The senators discussed the budget at the meeting on Monday before the vote.",
            "The senators discussed the budget at the session of Congress on Monday before the"
            " vote.",
        ),
        (
            "Wang travelled to Russia today for talks with the foreign minister in Moscow.",
            "Wang is heading to Russia for talks with the foreign minister in Moscow.",
        ),
        (
            "The minister said he will resign after the vote on the budget next week.",
            "The minister said he would resign after the vote on the budget next week.",
        ),
        (
            "Mr Wang met the national security adviser in Malta over the weekend.",
            "Wang met the national security adviser in Malta over the weekend.",
        ),
        (  # an event word for another: the valence is the event's
            "The bus struck a cyclist on the main road near the station on Monday.",
            "The bus hit a cyclist on the main road near the station on Monday.",
        ),
        (
            "The home side sealed the victory with a late goal in front of their fans.",
            "The home side sealed the win with a late goal in front of their fans.",
        ),
        (  # a magnitude, not a judgement
            "A powerful earthquake shook the island early on Sunday, officials said.",
            "A magnitude-6.1 earthquake shook the island early on Sunday, officials said.",
        ),
        (  # the same harm, no agent on either side
            "The player was paralysed after he was shot in early September last year.",
            "The player was paralysed after a shooting in early September last year.",
        ),
        (  # a charge is a claim however it is put
            "Two men charged with killing the shopkeeper appeared in court on Monday morning.",
            "Two men accused of killing the shopkeeper appeared in court on Monday morning.",
        ),
        (  # a place against a description: two facts
            "The actress checked into the clinic in Rancho Mirage on Friday for treatment.",
            "The actress checked into the clinic for a reckless driving conviction on Friday"
            " for treatment.",
        ),
    ],
)
def test_style_rewordings_are_no_word_choice(left, right):
    assert word_choices(left, right) == []


def test_a_plain_reporting_verb_swap_is_no_finding_but_a_coloured_one_is():
    left = "The case against the company was dropped in March, the lawyer said on Friday."
    plain = "The case against the company was dropped in March, the lawyer added on Friday."
    coloured = "The case against the company was dropped in March, the lawyer claimed on Friday."
    assert findings(left, plain) == []
    found = findings(left, coloured)
    assert found and all(kind == "attribution" and "claimed" in s for kind, s in found)


@pytest.mark.parametrize(
    ("left", "right", "shown"),
    [
        (  # a judgement
            "The mayor called the decision a sensible step for the city and its residents.",
            "The mayor called the decision a disastrous step for the city and its residents.",
            "disastrous",
        ),
        (  # agency
            "Three protesters died in clashes with police in the capital on Saturday night.",
            "Three protesters were killed in clashes with police in the capital on Saturday night.",
            "were killed",
        ),
        (  # a label for people
            "The militants fired rockets at the town from the hills on Sunday morning.",
            "The terrorists fired rockets at the town from the hills on Sunday morning.",
            "terrorists",
        ),
        (  # another label for people
            "Police said the hackers had stolen the data of two million customers last year.",
            "Police said the criminals had stolen the data of two million customers last year.",
            "criminals",
        ),
        (  # agency: whether the harm was meant
            "No one was hurt in the fire at the church, which began while children were inside.",
            "No one was hurt in the fire at the church, which was deliberately set while"
            " children were inside.",
            "deliberately set",
        ),
        (  # certainty
            "The minister must resign after the vote on the budget next week, critics say.",
            "The minister should resign after the vote on the budget next week, critics say.",
            "should",
        ),
    ],
)
def test_rewordings_that_change_how_something_is_seen_are_word_choices(left, right, shown):
    (summary,) = word_choices(left, right)
    assert shown in summary
