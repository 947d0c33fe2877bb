import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

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


def test_load_ecbplus_imports_articles_sources_and_stories_idempotently(db, tmp_path, ecbplus_dir):
    corpus = ecbplus_dir / "ecbplus_docs.jsonl"
    lines = corpus.read_text(encoding="utf-8").splitlines()
    sample = [line for line in lines if '"topic": 1,' in line][:6]
    (tmp_path / "ecbplus_docs.jsonl").write_text("\n".join(sample), encoding="utf-8")
    out = StringIO()
    call_command("load_ecbplus", str(tmp_path), stdout=out)
    first = _snapshot()
    call_command("load_ecbplus", str(tmp_path), stdout=out)
    assert _snapshot() == first
    assert "6 articles (6 new)" in out.getvalue() and "6 articles (0 new)" in out.getvalue()
    assert not Article.objects.filter(url__startswith="#").exists()
    article = Article.objects.exclude(url="").first()
    assert article.source.name in article.url
    assert "Creative Commons Attribution 3.0" in article.source.attribution
    assert article.sentences.exists()


def test_load_ecbplus_explains_a_missing_folder(db, tmp_path):
    with pytest.raises(CommandError, match="No ecbplus_docs.jsonl"):
        call_command("load_ecbplus", str(tmp_path))


SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_compare_command_prints_a_side_by_side_summary_for_two_files(db):
    out = StringIO()
    call_command(
        "compare",
        str(SEEDS / "000_abca97e62226170e.txt"),
        str(SEEDS / "002_949427fbf105c65a.txt"),
        stdout=out,
    )
    text = out.getvalue()
    assert "8 aligned" in text and "4 only left, 8 only right" in text
    assert "[only left]" in text and "12-point plan" in text
    assert "[restatement] right sentence" in text


def test_compare_command_json_for_two_article_ids(seeds):
    out = StringIO()
    call_command("compare", str(seeds["left"].pk), str(seeds["right"].pk), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert len(data["pairs"]) == 8 and data["left"]["source"] == "Morning Star"


def test_compare_command_gives_clear_errors(db, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    for args, message in [
        (["999999", str(SEEDS / "000_abca97e62226170e.txt")], "no article with id 999999"),
        (["/nope/missing.txt", "1"], "neither an article id nor a readable file"),
        ([str(empty), str(SEEDS / "000_abca97e62226170e.txt")], "empty"),
        ([str(pdf), str(SEEDS / "000_abca97e62226170e.txt")], "PDF"),
    ]:
        with pytest.raises(CommandError, match=message):
            call_command("compare", *args)


def test_compare_command_explains_a_database_that_is_not_set_up(db, monkeypatch):
    from django.db import OperationalError

    def missing(*args, **kwargs):
        raise OperationalError("no such table: newsdiff_article")

    monkeypatch.setattr(Article.objects, "select_related", missing)
    with pytest.raises(CommandError, match="Is it set up\\? Run `make run` once"):
        call_command("compare", "1", "2")


def test_compare_command_on_one_article_twice_stores_nothing(seeds):
    from newsdiff.models import Comparison

    out, err = StringIO(), StringIO()
    call_command("compare", str(seeds["left"].pk), str(seeds["left"].pk), stdout=out, stderr=err)
    assert "comparing an article with itself" in err.getvalue()
    assert "0 only left, 0 only right" in out.getvalue()
    assert not Comparison.objects.exists()


def test_compare_command_names_a_missing_encoder_in_one_line(db, tmp_path, monkeypatch):
    from newsdiff.analysis import encode

    gone = (tmp_path / "model.safetensors", tmp_path / "tokenizer.json")
    monkeypatch.setenv(encode.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(encode, "model_files", lambda: gone)
    monkeypatch.setattr(encode, "_loaded", None)
    with pytest.raises(CommandError) as caught:
        call_command(
            "compare",
            str(SEEDS / "000_abca97e62226170e.txt"),
            str(SEEDS / "002_949427fbf105c65a.txt"),
            stdout=StringIO(),
        )
    message = str(caught.value)
    assert "\n" not in message and "is missing" in message and "make venv" in message


def test_system_check_fails_when_the_encoder_files_are_missing(tmp_path, monkeypatch):
    from django.core.checks import registry

    from newsdiff.analysis import encode
    from newsdiff.checks import sentence_encoder

    assert sentence_encoder in registry.registry.get_checks()
    assert sentence_encoder(None) == []
    monkeypatch.setenv(encode.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(
        encode, "model_files", lambda: (tmp_path / "model.safetensors", tmp_path / "tok.json")
    )
    errors = sentence_encoder(None)
    assert [e.id for e in errors] == ["newsdiff.E001"] and "is missing" in errors[0].msg
