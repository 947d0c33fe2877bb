"""Salience (issue 12): a finding in the headline matters more than the same one at
the bottom of the body, and a word that judges more than a plain detail."""

from newsdiff.analysis import compare_texts

BODY = [
    "The city council met on Tuesday evening to discuss the new budget for schools.",
    "Members spoke for three hours before the vote was taken in the main chamber.",
    "The budget gives more money to primary schools in the northern districts.",
    "Teachers' unions had asked for the increase for several years in a row.",
    "The mayor said the council would publish the full figures next week online.",
]


def word_choice_salience(left_lines: list[str], right_lines: list[str]) -> int:
    found = compare_texts("\n\n".join(left_lines), "\n\n".join(right_lines))["framing"]
    (choice,) = [f for f in found["findings"] if f["kind"] == "word_choice"]
    return choice["salience"]


def test_a_word_choice_in_the_headline_is_more_salient_than_at_the_bottom():
    headline = "Council passes a sensible budget for city schools"
    loaded = "Council passes a disastrous budget for city schools"
    last = "Critics called it a sensible plan for the city and its many schools."
    last_loaded = "Critics called it a disastrous plan for the city and its many schools."
    plain = "Council passes budget for city schools after long debate"
    top = word_choice_salience([headline, *BODY], [loaded, *BODY])
    bottom = word_choice_salience([plain, *BODY, last], [plain, *BODY, last_loaded])
    assert 0 < bottom < top <= 100


def test_every_finding_has_a_salience_between_0_and_100():
    left = "\n\n".join(["Council passes budget for city schools", *BODY])
    right = "\n\n".join(["Council passes budget for city schools", *BODY[:3]])
    findings = compare_texts(left, right)["framing"]["findings"]
    assert findings and all(0 < f["salience"] <= 100 for f in findings)
