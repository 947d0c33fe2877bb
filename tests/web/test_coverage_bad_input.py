"""Coverage of awkward stories: another language, a duplicate, different events."""

from django.urls import reverse

from tests.factories import make_article, make_source, make_story


def build(client, story, articles=None) -> str:
    ids = [a.pk for a in (articles or story.articles.all())]
    response = client.post(reverse("newsdiff:story-coverage", args=[story.slug]), {"articles": ids})
    assert response.status_code == 303
    return client.get(response.url).content.decode()


def test_a_report_in_another_language_ticked_anyway_is_noted_and_kept_out_of_the_facts(
    client, covered_story
):
    french = make_article(
        source=make_source(name="Le Quotidien", slug="le-quotidien"),
        story=covered_story,
        headline="Le pont du port fermé",
        body="Le pont a été fermé mardi après la découverte d'une fissure dans un câble.",
        language="fr",
    )
    body = build(client, covered_story)
    assert "Le Quotidien" in body and "Left out of the facts" in body
    assert "does not look like English" in body
    header = body.split("<thead>")[1].split("</thead>")[0]
    assert "Le Quotidien" not in header  # no column of its own
    assert french.get_absolute_url() in body  # but its article is linked


def test_the_default_set_leaves_other_languages_out(client, covered_story):
    make_article(
        story=covered_story,
        headline="Le pont du port fermé",
        body="Le pont a été fermé mardi.",
        language="fr",
    )
    page = client.get(reverse("newsdiff:story-coverage", args=[covered_story.slug]))
    body = page.content.decode()
    assert "These 4 reports have not been read together yet" in body


def test_a_duplicate_from_one_outlet_is_flagged(client, covered_story):
    original = covered_story.articles.get(source__name="Daily Ledger")
    make_article(
        source=original.source,
        story=covered_story,
        headline=original.headline,
        body=original.body + " Traffic was heavy on the coast road.",
        raw=original.raw_text + "\n\nUpdated at 10:40.",
    )
    body = build(client, covered_story)
    assert "duplicate of Daily Ledger" in body
    assert "left out so the outlet is counted once" in body


def test_reports_of_different_events_get_a_warning(client, db):
    story = make_story(title="Mixed up", slug="mixed-up")
    make_article(
        source=make_source(name="First", slug="first"),
        story=story,
        headline="Harbour Bridge closed",
        body="The Harbour Bridge was closed on Tuesday after engineers found a crack. "
        "About 40,000 vehicles cross it every day.",
    )
    make_article(
        source=make_source(name="Second", slug="second"),
        story=story,
        headline="Orchestra opens its season",
        body="The city orchestra opened its season with a Mahler symphony. "
        "The conductor was applauded for ten minutes.",
    )
    body = build(client, story)
    assert "they may be about different events" in body
    assert 'class="notice" role="status"' in body
