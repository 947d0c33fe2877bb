from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse

from newsdiff import pipeline
from newsdiff.analysis import compare_texts, framing
from newsdiff.models import LexiconEntry

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_the_shipped_lexicons_are_in_the_database_with_their_sources(db):
    hedge = LexiconEntry.objects.get(list="hedge", term="may")
    assert "Hyland" in hedge.source
    kiev = LexiconEntry.objects.get(list="weighted_term", term__iexact="Kiev")
    assert kiev.kind == "spelling" and kiev.note


def test_the_database_lexicon_reads_exactly_as_the_shipped_files(db):
    from_db = pipeline.current_lexicon()
    assert from_db.index == framing.Lexicon.default().index
    say = LexiconEntry.objects.get(list="reporting_verb", term="say")
    assert say.kind == "core"  # listed in a licensed file and marked core in ours


def test_the_web_app_and_compare_texts_give_the_same_framing(seeds):
    web = pipeline.compare_articles(seeds["left"], seeds["right"]).result["framing"]
    texts = [(SEEDS / a.original_filename).read_text("utf-8") for a in seeds.values()]
    assert web["findings"] == compare_texts(*texts)["framing"]["findings"]


def test_load_lexicons_fills_blanks_and_keeps_staff_edits(db):
    say = LexiconEntry.objects.get(list="reporting_verb", term="say")
    LexiconEntry.objects.filter(pk=say.pk).update(kind="", note="")
    kiev = LexiconEntry.objects.get(list="weighted_term", term__iexact="Kiev")
    kiev.note = "Our style guide: Kyiv."
    kiev.save()
    LexiconEntry.objects.filter(list="hedge", term="may").delete()
    out = StringIO()
    call_command("load_lexicons", stdout=out)
    assert "1 entries added, 1 updated" in out.getvalue()
    assert LexiconEntry.objects.get(pk=say.pk).kind == "core"
    assert LexiconEntry.objects.get(pk=kiev.pk).note == "Our style guide: Kyiv."
    call_command("load_lexicons", "--overwrite", stdout=out)
    assert LexiconEntry.objects.get(pk=kiev.pk).note != "Our style guide: Kyiv."


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
