from django.urls import reverse


def test_story_list_shows_story_with_report_count(client, story, empty_story):
    body = client.get(reverse("newsdiff:story-list")).content.decode()
    assert "Minister visits Moscow" in body and "2 reports" in body
    assert "Nothing yet" in body and "0 reports" in body
