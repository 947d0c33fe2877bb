from django.urls import reverse


def test_story_list_shows_story_with_report_count(client, story, empty_story):
    body = client.get(reverse("newsdiff:story-list")).content.decode()
    assert "Minister visits Moscow" in body and "2 reports" in body
    assert "Nothing yet" in body and "0 reports" in body


def test_the_story_with_the_latest_report_comes_first_and_search_finds_one(client, db):
    from tests.factories import make_article, make_story

    stories = [make_story(title=f"{name} story") for name in ("Aardvark", "Moscow", "Zebra")]
    for story in (stories[2], stories[0], stories[1]):  # Moscow's report is added last
        make_article(story=story)
    body = client.get(reverse("newsdiff:story-list")).content.decode()
    order = [body.index(f"{name} story") for name in ("Moscow", "Aardvark", "Zebra")]
    assert order == sorted(order)
    found = client.get(reverse("newsdiff:story-list"), {"q": "mosc"}).content.decode()
    assert "Moscow story" in found and "Zebra story" not in found and "1 story match" in found
