"""The upload as a guided flow: Preview keeps the chosen files for Upload, an outlet
can be added from the form, and the upload lands on a page offering comparisons."""

import random
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from newsdiff.forms import ChosenFile, sign_kept_files
from newsdiff.models import Article, Source
from tests.factories import make_article, make_source, make_story

UPLOAD = reverse("admin:newsdiff_article_upload")
ARTICLE = (
    "Ministers meet in Malta\n\n"
    "The two ministers met in Malta on Sunday for talks on trade.\n\n"
    "Both sides described the talks as constructive.\n"
)


@pytest.fixture
def source(db):
    return make_source(name="Daily Planet", slug="daily-planet")


def kept_token(page: str) -> str:
    match = re.search(r'name="kept_files" value="([^"]+)"', page)
    assert match, "the preview page carries no kept files"
    return match.group(1)


def test_preview_keeps_the_chosen_file_and_upload_saves_it(admin_client, source):
    file = SimpleUploadedFile("malta.txt", ARTICLE.encode(), content_type="text/plain")
    preview = admin_client.post(UPLOAD, {"source": source.pk, "files": [file], "preview": "1"})
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "Files kept from the form you sent: malta.txt" in page
    assert Article.objects.count() == 0
    # The browser sends no file the second time; the kept one is uploaded.
    response = admin_client.post(
        UPLOAD,
        {"source": source.pk, "kept_files": kept_token(page), "keep_files": "on", "save": "1"},
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.original_filename == "malta.txt"
    assert article.raw_text == ARTICLE
    assert article.input_format == "text"


def test_a_file_sent_with_a_mistake_elsewhere_is_kept_for_the_next_try(admin_client, db):
    file = SimpleUploadedFile("malta.txt", ARTICLE.encode(), content_type="text/plain")
    response = admin_client.post(UPLOAD, {"files": [file]})  # no outlet chosen
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose the outlet that published it" in page
    assert "Files kept from the form you sent: malta.txt." in page
    source = make_source(name="Daily Planet")
    response = admin_client.post(
        UPLOAD, {"source": source.pk, "kept_files": kept_token(page), "keep_files": "on"}
    )
    assert response.status_code == 302
    assert Article.objects.get().original_filename == "malta.txt"


def test_a_file_that_cannot_be_read_is_not_kept(admin_client, source):
    files = [
        SimpleUploadedFile("malta.txt", ARTICLE.encode()),
        SimpleUploadedFile("empty.txt", b""),
    ]
    response = admin_client.post(UPLOAD, {"source": source.pk, "files": files})
    page = response.content.decode()
    assert response.status_code == 400
    assert "This file is empty" in page
    assert "Files kept from the form you sent: malta.txt." in page


def test_a_changed_kept_file_is_refused(admin_client, source):
    token = sign_kept_files([ChosenFile("malta.txt", "text/plain", ARTICLE.encode())])
    other = sign_kept_files([ChosenFile("forged.txt", "text/plain", b"Something else")])
    forged = token.split(":")[0] + ":" + other.split(":", 1)[1]
    response = admin_client.post(
        UPLOAD, {"source": source.pk, "kept_files": forged, "keep_files": "on", "save": "1"}
    )
    assert response.status_code == 400
    assert "could not be read" in response.content.decode()
    assert Article.objects.count() == 0


def test_unticking_the_kept_files_leaves_them_out(admin_client, source):
    token = sign_kept_files([ChosenFile("malta.txt", "text/plain", ARTICLE.encode())])
    pasted = ARTICLE.replace("Malta", "Rome")
    response = admin_client.post(
        UPLOAD, {"source": source.pk, "kept_files": token, "text": pasted, "save": "1"}
    )
    assert response.status_code == 302
    assert list(Article.objects.values_list("raw_text", flat=True)) == [pasted]


def test_files_chosen_again_replace_the_kept_ones(admin_client, source):
    token = sign_kept_files([ChosenFile("malta.txt", "text/plain", ARTICLE.encode())])
    rome = SimpleUploadedFile("rome.txt", ARTICLE.replace("Malta", "Rome").encode())
    response = admin_client.post(
        UPLOAD,
        {"source": source.pk, "kept_files": token, "keep_files": "on", "files": [rome]},
    )
    assert response.status_code == 302
    assert list(Article.objects.values_list("original_filename", flat=True)) == ["rome.txt"]


def test_files_too_large_to_carry_are_named_in_a_warning(admin_client, source, settings):
    settings.NEWSDIFF_MAX_UPLOAD_BYTES = 2000
    files = []
    for n in range(2):  # each within the limit, together too large to carry
        shuffle = random.Random(n)
        words = " ".join("".join(shuffle.choices("abcdefghij", k=7)) for _ in range(200))
        text = f"Ministers meet in Malta\n\n{words[:1800]}.\n"
        files.append(SimpleUploadedFile(f"report{n}.txt", text.encode()))
    response = admin_client.post(UPLOAD, {"source": source.pk, "files": files, "preview": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "too large to keep between Preview and Upload" in page
    assert 'name="kept_files" value="' not in page


def test_an_outlet_can_be_added_from_the_upload_form(admin_client, db):
    response = admin_client.post(
        UPLOAD, {"new_source": "The Courier", "new_source_kind": "wire", "text": ARTICLE}
    )
    assert response.status_code == 302
    article = Article.objects.select_related("source").get()
    assert article.source.name == "The Courier"
    assert article.source.kind == Source.Kind.WIRE
    assert article.source.slug == "the-courier"


def test_preview_with_a_new_outlet_adds_nothing(admin_client, db):
    response = admin_client.post(
        UPLOAD, {"new_source": "The Courier", "text": ARTICLE, "preview": "1"}
    )
    assert response.status_code == 200
    assert not Source.objects.exists()


def test_a_new_outlet_with_a_known_name_is_that_outlet(admin_client, source):
    response = admin_client.post(UPLOAD, {"new_source": "daily planet", "text": ARTICLE})
    assert response.status_code == 302
    assert Source.objects.count() == 1
    assert Article.objects.get().source == source


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose the outlet that published it, or add a new one."),
        ({"new_source": "The Courier"}, "Choose an outlet from the list or add one, not both."),
    ],
)
def test_the_outlet_is_asked_for_once(admin_client, source, data, message):
    if "new_source" in data:
        data["source"] = source.pk
    response = admin_client.post(UPLOAD, {"text": ARTICLE, **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Article.objects.count() == 0


def test_upload_lands_on_a_page_offering_to_compare_with_the_story(admin_client, source):
    story = make_story(title="Ministers meet in Malta")
    other = make_article(source=make_source(name="Morning Post"), story=story)
    response = admin_client.post(
        UPLOAD, {"source": source.pk, "story": story.pk, "text": ARTICLE}, follow=True
    )
    page = response.content.decode()
    new = Article.objects.exclude(pk=other.pk).get()
    assert response.redirect_chain[-1][0].startswith(reverse("admin:newsdiff_article_uploaded"))
    assert "Compare with Morning Post" in page
    # the button makes the comparison (a POST, as every creation is)
    assert f'action="{reverse("newsdiff:compare")}"' in page
    assert f'name="left" value="{new.pk}"' in page and f'name="right" value="{other.pk}"' in page
    assert f'href="{new.get_absolute_url()}">View on site' in page
    assert "Uploaded “Daily Planet: Ministers meet in Malta”." in page


def test_the_only_report_of_a_story_offers_to_upload_another(admin_client, source):
    response = admin_client.post(
        UPLOAD, {"source": source.pk, "new_story": "Ministers meet", "text": ARTICLE}, follow=True
    )
    page = response.content.decode()
    story = Article.objects.get().story
    assert "This is the only report of “Ministers meet” so far." in page
    again = f"{UPLOAD}?story={story.pk}"
    assert again in page
    form = admin_client.get(again).content.decode()
    assert f'<option value="{story.pk}" selected>' in form


def test_the_landing_page_without_articles_goes_to_the_list(admin_client, db):
    response = admin_client.get(reverse("admin:newsdiff_article_uploaded") + "?ids=x,99")
    assert response.status_code == 302
    assert response.url == reverse("admin:newsdiff_article_changelist")


def test_the_landing_page_is_for_staff_who_may_see_articles(client, source, django_user_model):
    article = make_article(source=source)
    clerk = django_user_model.objects.create_user("clerk", password="pw", is_staff=True)
    client.force_login(clerk)
    response = client.get(reverse("admin:newsdiff_article_uploaded") + f"?ids={article.pk}")
    assert response.status_code == 403
    assert article.headline not in response.content.decode()
