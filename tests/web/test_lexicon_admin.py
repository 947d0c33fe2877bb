from django.urls import reverse

from newsdiff import pipeline
from newsdiff.models import LexiconEntry


def test_the_shipped_lexicons_are_in_the_database_with_their_sources(db):
    hedge = LexiconEntry.objects.get(list="hedge", term="may")
    assert "Hyland" in hedge.source
    kiev = LexiconEntry.objects.get(list="weighted_term", term__iexact="Kiev")
    assert kiev.kind == "spelling" and kiev.note


def test_staff_can_list_and_search_lexicon_entries(admin_client):
    url = reverse("admin:newsdiff_lexiconentry_changelist")
    body = admin_client.get(url, {"q": "Kiev"}).content.decode()
    assert "Kiev" in body


def test_an_edited_lexicon_changes_the_framing(seeds):
    before = pipeline.compare_articles(seeds["left"], seeds["right"]).result["framing"]
    assert any(
        "Kiev" in f["left_terms"] for f in before["findings"] if f["kind"] == "weighted_term"
    )
    LexiconEntry.objects.filter(list="weighted_term", term__iexact="Kiev").update(active=False)
    LexiconEntry.objects.filter(list="weighted_term").first().save()  # bump updated_at
    lexicon = pipeline.current_lexicon()
    assert all(t.term.lower() != "kiev" for t in lexicon.weighted_terms)


def test_lexicon_entries_with_odd_characters_are_escaped_in_the_admin(admin_client):
    LexiconEntry.objects.create(list="booster", term="<script>alert(1)</script>", source="test")
    body = admin_client.get(
        reverse("admin:newsdiff_lexiconentry_changelist"), {"q": "script"}
    ).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<script>alert(1)</script>" in pipeline.current_lexicon().boosters
