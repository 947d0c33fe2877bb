import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from newsdiff.models import Article
from tests.factories import make_source

UPLOAD = reverse("admin:newsdiff_article_upload")
ARTICLE = (
    "Ministers meet in Malta\n\n"
    "The two ministers met in Malta on Sunday for talks on trade.\n\n"
    "Both sides described the talks as constructive.\n"
)


@pytest.fixture
def staff(admin_client):
    return admin_client


@pytest.fixture
def source(db):
    return make_source(name="Daily Planet", slug="daily-planet")


def upload(client, source, **data):
    files = data.pop("files", None)
    payload = {"source": source.pk, **data}
    if files is not None:
        payload["files"] = files
    return client.post(UPLOAD, payload)


def test_add_article_goes_to_the_upload_page(staff):
    response = staff.get(reverse("admin:newsdiff_article_add"))
    assert response.status_code == 302 and response.url == UPLOAD
    page = staff.get(UPLOAD).content.decode()
    assert "Paste the article" in page and "Or upload files" in page


def test_pasted_article_is_saved_with_sentences(staff, source):
    response = upload(staff, source, text=ARTICLE)
    article = Article.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:newsdiff_article_uploaded") + f"?ids={article.pk}"
    assert article.headline == "Ministers meet in Malta"
    assert article.raw_text == ARTICLE
    assert article.input_format == "paste"
    assert article.sentences.count() == 3
    assert article.created_by.is_superuser


def test_several_files_at_once(staff, source):
    files = [
        SimpleUploadedFile("one.txt", ARTICLE.encode()),
        SimpleUploadedFile("two.txt", ARTICLE.replace("Malta", "Rome").encode()),
    ]
    response = upload(staff, source, files=files, new_story="Ministers meet")
    assert response.status_code == 302
    assert Article.objects.count() == 2
    assert set(Article.objects.values_list("story__title", flat=True)) == {"Ministers meet"}
    assert set(Article.objects.values_list("original_filename", flat=True)) == {
        "one.txt",
        "two.txt",
    }


def test_html_upload_keeps_raw_html_and_drops_scripts(staff, source):
    html = (
        "<html><head><title>Ministers meet in Malta</title><script>alert('x')</script></head>"
        "<body><article><h1>Ministers meet in Malta</h1>"
        '<p onclick="steal()">The two ministers met in Malta on Sunday for talks on trade '
        "and security, officials said after the meeting ended.</p>"
        "<p>Both sides described the talks as constructive and said they would meet again "
        "next month in Geneva.</p><img src=x onerror=alert(1)></article></body></html>"
    )
    response = upload(staff, source, files=[SimpleUploadedFile("page.html", html.encode())])
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.raw_html == html
    assert "alert" not in article.body and "steal" not in article.body
    assert "met in Malta" in article.body
    page = staff.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image"),
        ("bad.txt", b"Caf\x81 \x8d\x8f\x90\x9d text that is not readable", "encoding"),
    ],
)
def test_bad_files_get_a_clear_error_and_nothing_is_saved(staff, source, name, content, message):
    response = upload(staff, source, files=[SimpleUploadedFile(name, content)])
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was saved" in page
    assert message.lower() in page.lower()
    assert Article.objects.count() == 0


def test_file_over_the_limit_is_refused(staff, source, settings):
    settings.NEWSDIFF_MAX_UPLOAD_BYTES = 1024 * 1024
    big = SimpleUploadedFile("big.txt", b"A sentence about the talks. " * 40_000)
    response = upload(staff, source, files=[big])
    assert response.status_code == 400
    assert "1 MB" in response.content.decode()
    assert Article.objects.count() == 0


def test_uploads_that_add_up_to_too_much_at_once_are_refused(staff, source, settings):
    settings.NEWSDIFF_MAX_UPLOAD_BATCH_BYTES = 2 * 1024 * 1024
    files = [
        SimpleUploadedFile(f"report-{n}.txt", f"Report {n} on the talks. ".encode() * 40_000)
        for n in range(3)
    ]
    response = upload(staff, source, files=files)
    page = response.content.decode()
    assert response.status_code == 400
    assert "at most 2 MB at a time" in page and "smaller groups" in page
    assert Article.objects.count() == 0


def test_empty_paste_is_refused(staff, source):
    response = upload(staff, source, text="   \n  ")
    assert response.status_code == 400
    assert "empty" in response.content.decode()
    assert Article.objects.count() == 0


def test_nothing_given_is_refused(staff, source):
    response = upload(staff, source)
    assert response.status_code == 400
    assert "Paste an article or choose at least one file" in response.content.decode()


def test_one_bad_file_saves_none_of_the_batch(staff, source):
    files = [
        SimpleUploadedFile("good.txt", ARTICLE.encode()),
        SimpleUploadedFile("empty.txt", b""),
    ]
    response = upload(staff, source, files=files)
    assert response.status_code == 400
    assert Article.objects.count() == 0


def test_duplicate_text_is_caught_and_the_existing_article_offered(staff, source):
    upload(staff, source, text=ARTICLE)
    existing = Article.objects.get()
    response = upload(staff, source, text=ARTICLE)
    page = response.content.decode()
    assert response.status_code == 400
    assert "already in newsdiff" in page
    assert reverse("admin:newsdiff_article_change", args=[existing.pk]) in page
    assert Article.objects.count() == 1


def test_the_same_article_pasted_after_its_file_was_uploaded_is_caught(staff, source):
    crlf = ARTICLE.replace("\n", "\r\n").encode()
    assert upload(staff, source, files=[SimpleUploadedFile("a.txt", crlf)]).status_code == 302
    existing = Article.objects.get()
    response = upload(staff, source, text=ARTICLE + "\n\n")  # the paste: other line ends
    assert response.status_code == 400
    assert reverse("admin:newsdiff_article_change", args=[existing.pk]) in (
        response.content.decode()
    )
    both = [SimpleUploadedFile("b.txt", crlf), SimpleUploadedFile("c.txt", ARTICLE.encode())]
    other = make_source(name="Other Paper", slug="other-paper")
    page = upload(staff, other, files=both).content.decode()
    assert "c.txt has the same text as b.txt" in page
    assert Article.objects.count() == 1


def test_same_text_for_another_source_is_allowed(staff, source):
    upload(staff, source, text=ARTICLE)
    other = make_source(name="Other Paper", slug="other-paper")
    assert upload(staff, other, text=ARTICLE).status_code == 302
    assert Article.objects.count() == 2


def test_preview_shows_removed_furniture_and_saves_nothing(staff, source):
    text = "Skip to main content\n\n" + ARTICLE + "\nDonate today\n"
    response = upload(staff, source, text=text, preview="Preview")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Preview" in page and "Skip to main content" in page
    assert "Ministers meet in Malta" in page
    assert Article.objects.count() == 0


def test_upload_is_for_staff_only(client, source):
    response = client.post(UPLOAD, {"source": source.pk, "text": ARTICLE})
    assert response.status_code == 302 and "/admin/login/" in response.url
    assert Article.objects.count() == 0


def test_editing_the_cleaned_text_rebuilds_sentences_and_keeps_raw(staff, source):
    upload(staff, source, text=ARTICLE)
    article = Article.objects.get()
    url = reverse("admin:newsdiff_article_change", args=[article.pk])
    form = {
        "source": source.pk,
        "headline": article.headline,
        "body": "One sentence only now.",
        "language": "en",
        "sentences-TOTAL_FORMS": "0",
        "sentences-INITIAL_FORMS": "0",
    }
    response = staff.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.raw_text == ARTICLE
    assert [s.text for s in article.sentences.all()] == [
        "Ministers meet in Malta",
        "One sentence only now.",
    ]


def test_restoring_a_removed_line_puts_it_back(staff, source):
    text = "Ministers meet in Malta\n\nSkip to main content\n\n" + ARTICLE.split("\n\n", 1)[1]
    upload(staff, source, text=text)
    article = Article.objects.get()
    removed = next(r for r in article.removed_lines if "Skip to" in r["text"])
    url = reverse("admin:newsdiff_article_change", args=[article.pk])
    form = {
        "source": source.pk,
        "headline": article.headline,
        "body": article.body,
        "language": "en",
        "restore_lines": [removed["line"]],
        "sentences-TOTAL_FORMS": "0",
        "sentences-INITIAL_FORMS": "0",
    }
    assert staff.post(url, form).status_code == 302
    article.refresh_from_db()
    assert "Skip to main content" in article.body
    assert not any("Skip to" in r["text"] for r in article.removed_lines)


def _change_form(article, **overrides):
    form = {
        "source": article.source_id,
        "headline": article.headline,
        "standfirst": article.standfirst,
        "byline": article.byline,
        "dateline": article.dateline,
        "body": article.body,
        "language": article.language or "en",
    }
    return {**form, **overrides}


def test_restoring_lines_keeps_corrections_and_earlier_restorations(staff, source):
    text = (
        "Ministers meet in Malta\n\nSkip to main content\n\nDonate today\n\n"
        + ARTICLE.split("\n\n", 1)[1]
    )
    upload(staff, source, text=text)
    article = Article.objects.get()
    url = reverse("admin:newsdiff_article_change", args=[article.pk])
    line = {r["text"]: r["line"] for r in article.removed_lines}
    form = _change_form(
        article, headline="Corrected headline", restore_lines=[line["Donate today"]]
    )
    assert staff.post(url, form).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Corrected headline"  # the editor's correction survives
    assert "Donate today" in article.body
    form = _change_form(article, restore_lines=[line["Skip to main content"]])
    assert staff.post(url, form).status_code == 302
    article.refresh_from_db()
    assert "Donate today" in article.body and "Skip to main content" in article.body
    assert article.removed_lines == []


def test_restoring_lines_and_editing_the_body_at_once_is_refused(staff, source):
    upload(staff, source, text="Ministers meet\n\nSkip to main content\n\n" + ARTICLE)
    article = Article.objects.get()
    url = reverse("admin:newsdiff_article_change", args=[article.pk])
    form = _change_form(
        article, body="An edited body.", restore_lines=[article.removed_lines[0]["line"]]
    )
    response = staff.post(url, form)
    assert response.status_code == 200
    assert "Restore lines and edit the body in two saves" in response.content.decode()
    article.refresh_from_db()
    assert article.body != "An edited body."


def test_a_long_article_can_be_saved_from_its_change_page(staff, source, settings):
    body = "\n\n".join(f"Paragraph {i} says the council met again today." for i in range(600))
    upload(staff, source, text="A very long report\n\n" + body)
    article = Article.objects.get()
    url = reverse("admin:newsdiff_article_change", args=[article.pk])
    page = staff.get(url).content.decode()
    assert "601 sentences" in page and "and 301 more" in page
    response = staff.post(url, _change_form(article, headline="A very long report, corrected"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "A very long report, corrected"
    assert article.sentences.count() == 601


def test_a_file_with_null_characters_is_refused(staff, source):
    data = "\ufeffMinisters meet\n\nThe talks\x00 went well.".encode()
    response = upload(staff, source, files=[SimpleUploadedFile("nul.txt", data)])
    assert response.status_code == 400
    assert "null characters" in response.content.decode()
    assert Article.objects.count() == 0


def test_pasted_html_over_the_limit_is_refused(staff, source, settings):
    settings.NEWSDIFF_MAX_UPLOAD_BYTES = 1000
    html = "<html><body>" + "<p>Words of the report.</p>" * 100 + "</body></html>"
    response = upload(staff, source, text=html, text_is_html="on")
    assert response.status_code == 400
    assert "newsdiff accepts up to" in response.content.decode()
    assert Article.objects.count() == 0


def test_an_empty_file_gets_one_clear_message(staff, source):
    response = upload(staff, source, files=[SimpleUploadedFile("empty.txt", b"")])
    body = response.content.decode()
    assert response.status_code == 400
    assert "This file is empty (0 bytes)" in body
    assert "Paste an article or choose at least one file" not in body


def test_the_preview_says_when_the_article_was_published_in_words(staff, source):
    dated = "Ministers meet in Malta\n\nPublished 18 September 2023, 10:00 BST\n\n" + ARTICLE[24:]
    page = upload(staff, source, text=dated, preview="Preview").content.decode()
    assert "18 September 2023, 10:00 BST</time>, read from <q>Published 18 September" in page
    undated = upload(staff, source, text=ARTICLE, preview="Preview").content.decode()
    assert "no date found: you can add it after saving" in undated
