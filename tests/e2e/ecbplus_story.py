"""A five-outlet ECB+ story for the browser tests and screenshots: topic 2's second
sub-topic (Ellen DeGeneres named to host the Oscars), from the corpus in shared/."""

import os
from pathlib import Path

# The five outlets of the coverage, by their registrable domains.
OUTLETS = ("cnn.com", "foxnews.com", "huffingtonpost.com", "nytimes.com", "variety.com")


def load_oscars_story(corpus: Path, tmp_path: Path):
    """Import the sub-topic from the corpus folder (the ``ecbplus_dir`` fixture) and
    return its story and its five outlets' articles."""
    from django.core.management import call_command

    from newsdiff.models import Article

    docs = corpus / "ecbplus_docs.jsonl"
    lines = [
        line
        for line in docs.read_text(encoding="utf-8").splitlines()
        if '"topic": 2,' in line and '"subtopic": "ecbplus"' in line
    ]
    (tmp_path / "ecbplus_docs.jsonl").write_text("\n".join(lines), encoding="utf-8")
    with open(os.devnull, "w") as devnull:
        call_command("load_ecbplus", str(tmp_path), stdout=devnull)
    articles = []
    for host in OUTLETS:
        article = Article.objects.filter(source__name=host).order_by("pk").first()
        articles.append(article)
    return articles[0].story, articles
