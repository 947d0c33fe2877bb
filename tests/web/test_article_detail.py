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


def _with_cleaning_note():
    from newsdiff.models import Article

    article = make_article(headline="Wang Yi heads to Moscow")
    note = (
        "This page contained scripts or event handlers; newsdiff ignored them and kept "
        "only the article text."
    )
    Article.objects.filter(pk=article.pk).update(cleaning_warnings=[note])
    return article, note


def test_cleaning_notes_are_shown_to_staff_only(client, admin_client, db):
    article, note = _with_cleaning_note()
    public = client.get(article.get_absolute_url())
    assert note not in public.content.decode()
    assert "Wang Yi heads to Moscow" in public.content.decode()
    staff = admin_client.get(article.get_absolute_url())
    staff_text = staff.content.decode()
    assert note in staff_text and "(shown to staff only)" in staff_text


def test_a_staff_view_of_an_article_is_never_kept_for_other_readers(client, admin_client, db):
    from django.utils.cache import has_vary_header

    article, note = _with_cleaning_note()
    staff = admin_client.get(article.get_absolute_url())
    assert "private" in staff["Cache-Control"]
    public = client.get(article.get_absolute_url())
    # a cache keys both pages on the visitor's cookie; the public one is not private
    assert has_vary_header(staff, "Cookie") and has_vary_header(public, "Cookie")
    assert "private" not in public.get("Cache-Control", "")
    assert note not in client.get(article.get_absolute_url()).content.decode()
