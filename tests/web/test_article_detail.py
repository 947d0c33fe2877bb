from django.urls import reverse

from tests.factories import make_article


def test_article_page_shows_metadata_and_sentence_anchors(client, story):
    article = story.articles.get(headline="Minister heads to Moscow")
    body = client.get(article.get_absolute_url()).content.decode()
    assert "Daily Planet" in body
    assert 'id="s-0"' in body  # the headline
    assert 'id="s-1"' in body and "The minister travelled to Moscow today." in body
    assert 'href="#s-2"' in body
    assert reverse("newsdiff:article-raw", args=[article.pk]) in body


def test_article_page_404s_for_unknown_id(client, db):
    assert client.get(reverse("newsdiff:article-detail", args=[999999])).status_code == 404


def test_article_text_is_escaped(client, db):
    article = make_article(
        headline="<img src=x onerror=alert(1)>",
        body="A claim. <script>alert('x')</script> Another sentence.",
    )
    body = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in body and "<img src=x" not in body
    assert "&lt;script&gt;" in body


def test_seed_article_shows_wire_agency_dateline_and_removed_furniture(client, seeds):
    body = client.get(seeds["right"].get_absolute_url()).content.decode()
    assert "The Independent" in body and "Associated Press" in body
    assert "Monday 18 September 2023 06:31 BST" in body
    assert "page furniture removed" in body
    assert "Thank you for registering" in body  # inside the collapsed list, not the text
    article_body = body.split('class="article__body"')[1].split("</div>")[0]
    assert "Thank you for registering" not in article_body


def test_article_page_does_not_name_the_staff_member_who_added_it(client, db):
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.create_user("editor-jane", password="x")
    article = make_article(created_by=editor)
    body = client.get(article.get_absolute_url()).content.decode()
    assert "Added" in body
    assert "editor-jane" not in body
