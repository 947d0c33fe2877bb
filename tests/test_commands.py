from io import StringIO

from django.core.management import call_command

from newsdiff.models import Article, Sentence, Source, Story


def _snapshot():
    return (
        list(Source.objects.order_by("pk").values()),
        list(Story.objects.order_by("pk").values()),
        list(Article.objects.order_by("pk").values()),
        list(Sentence.objects.order_by("pk").values()),
    )


def test_load_seeds_twice_gives_the_same_rows(db):
    out = StringIO()
    call_command("load_seeds", stdout=out)
    first = _snapshot()
    call_command("load_seeds", stdout=out)
    assert _snapshot() == first
    assert "0 created, 0 updated, 2 unchanged" in out.getvalue()


def test_seeds_come_from_their_real_sources(seeds):
    assert seeds["left"].source.name == "Morning Star"
    assert seeds["right"].source.name == "The Independent"
    assert seeds["right"].wire_agency.name == "Associated Press"
    assert seeds["right"].wire_agency.kind == Source.Kind.WIRE
    assert seeds["left"].story == seeds["right"].story
    assert "Skip to main content" in seeds["left"].raw_text
    assert "Skip to main content" not in seeds["left"].body


def test_seed_urls_prints_pages_to_open(seeds):
    out = StringIO()
    call_command("seed_urls", stdout=out)
    assert f"/articles/{seeds['left'].pk}/" in out.getvalue()
