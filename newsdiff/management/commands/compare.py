"""Compare two reports from the command line: article ids or .txt/.html files."""

import json
import textwrap
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from newsdiff import pipeline
from newsdiff.analysis import clean, compare, encode
from newsdiff.comparison_page import pair_kinds_text
from newsdiff.models import Article

WIDTH = 48


def _lexicon():
    """The lexicon as staff edited it; the shipped one when there is no database yet
    (comparing two files needs none)."""
    try:
        return pipeline.current_lexicon()
    except DatabaseError:
        return None


def _describe(result: dict, side: str) -> str:
    doc = result[side]
    name = doc.get("source") or doc.get("path") or side
    return f"{name}: {doc.get('headline') or '(no headline)'}"


class Command(BaseCommand):
    help = (
        "Align two reports sentence by sentence. LEFT and RIGHT are article ids or paths "
        "to .txt/.html files. Prints a side-by-side summary, or the JSON with --json."
    )

    def add_arguments(self, parser):
        parser.add_argument("left", help="An article id or a .txt/.html file")
        parser.add_argument("right", help="An article id or a .txt/.html file")
        parser.add_argument("--json", action="store_true", help="Print the result as JSON.")

    def _load(self, ref: str, side: str):
        if ref.isdigit() and not Path(ref).exists():
            try:
                article = (
                    Article.objects.select_related("source", "wire_agency")
                    .filter(pk=int(ref))
                    .first()
                )
            except DatabaseError as err:
                raise CommandError(
                    f"Cannot read article {ref} from the database ({err}). Is it set up? "
                    "Run `make run` once, or `python manage.py migrate`."
                ) from err
            if article is None:
                raise CommandError(f"There is no article with id {ref}.")
            return article
        path = Path(ref)
        if not path.is_file():
            raise CommandError(f"{ref} is neither an article id nor a readable file.")
        try:
            data = path.read_bytes()
            cleaned = clean.clean_upload(
                data, filename=path.name, max_bytes=settings.NEWSDIFF_MAX_UPLOAD_BYTES
            )
        except OSError as err:
            raise CommandError(f"Cannot read {ref}: {err.strerror}.") from err
        except clean.CleaningError as err:
            raise CommandError(f"{ref}: {err}") from err
        sentences, meta = compare.document_from_cleaned(cleaned)
        return sentences, {**meta, "path": str(path)}

    def handle(self, *args, left: str, right: str, json: bool, **options):
        try:
            self._compare(left, right, json)
        except encode.EncoderUnavailable as err:
            raise CommandError(str(err)) from err

    def _compare(self, left: str, right: str, json: bool) -> None:
        docs = [self._load(left, "left"), self._load(right, "right")]
        if all(isinstance(d, Article) for d in docs) and docs[0].pk != docs[1].pk:
            result = pipeline.compare_articles(docs[0], docs[1]).result
        else:
            if docs[0] == docs[1]:  # shown, never stored: the web app refuses this pair too
                self.stderr.write("Note: comparing an article with itself.")
            parts = []
            for doc in docs:
                if isinstance(doc, Article):
                    parts.append((pipeline.analysis_sentences(doc), pipeline.article_metadata(doc)))
                else:
                    parts.append(doc)
            (ls, lm), (rs, rm) = parts
            result = compare.compare_sentences(ls, rs, lm, rm, lexicon=_lexicon())
        if json:
            self.stdout.write(_dumps(result))
        else:
            self.stdout.write(self._summary(result))

    def _summary(self, result: dict) -> str:
        left = {s["index"]: s for s in result["left"]["sentences"]}
        right = {s["index"]: s for s in result["right"]["sentences"]}
        s = result["summary"]
        lines = [
            f"LEFT:  {_describe(result, 'left')}",
            f"RIGHT: {_describe(result, 'right')}",
            f"{s['pairs']} aligned{pair_kinds_text(s)}; "
            f"{s['only_left']} only left, {s['only_right']} only right; "
            f"covered: left {s['left_covered']:.0%}, right {s['right_covered']:.0%}",
            *result.get("notes", []),
            "",
        ]

        def block(label: str, texts_left: list[str], texts_right: list[str]) -> None:
            wl = textwrap.wrap(" ".join(texts_left), WIDTH) or [""]
            wr = textwrap.wrap(" ".join(texts_right), WIDTH) or [""]
            lines.append(label)
            for i in range(max(len(wl), len(wr))):
                a = wl[i] if i < len(wl) else ""
                b = wr[i] if i < len(wr) else ""
                lines.append(f"  {a:<{WIDTH}} | {b}")

        for n, pair in enumerate(result["pairs"], start=1):
            label = (
                f"[pair {n}] {pair['kind']} ({pair['score']:.2f}): {', '.join(pair['terms'][:6])}"
            )
            block(
                label,
                [left[i]["text"] for i in pair["left"]],
                [right[i]["text"] for i in pair["right"]],
            )
        for i in result["only_left"]:
            block("[only left]", [left[i]["text"]], [])
        for i in result["only_right"]:
            block("[only right]", [], [right[i]["text"]])
        for r in result["restatements"]:
            lines.append(
                f"[restatement] {r['side']} sentence {r['index']} restates {r['restates']}"
            )
        return "\n".join(lines)


def _dumps(result: dict) -> str:
    return json.dumps(result, ensure_ascii=False, indent=2)
