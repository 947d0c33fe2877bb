from django.urls import reverse


def test_story_detail_lists_its_reports(client, story):
    response = client.get(reverse("newsdiff:story-detail", args=[story.slug]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Minister heads to Moscow" in body and "Minister arrives in Moscow for talks" in body


def test_story_detail_with_no_articles_says_so(client, empty_story):
    body = client.get(empty_story.get_absolute_url()).content.decode()
    assert "No articles in this story yet" in body


def test_story_detail_404s_for_unknown_slug(client, db):
    assert client.get(reverse("newsdiff:story-detail", args=["nope"])).status_code == 404
