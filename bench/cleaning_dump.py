"""What the cleaner makes of every article it can be tried on, one JSON line each,
so two versions of cleaning can be compared article by article.

Run: .venv/bin/python bench/cleaning_dump.py OUT.jsonl
Then: diff BEFORE.jsonl AFTER.jsonl

The inputs: the 982 ECB+ articles fed as ``headline + blank line + body`` (as
``load_ecbplus`` feeds them); the seed reports as uploads (UTF-8, and again
re-encoded as UTF-8 with a BOM, UTF-16 and Windows-1252, to go through decoding);
the seed reports again as an HTML page (through trafilatura and the page's
metadata); and a few odd inputs (refused ones with their messages, a page with a
script, text not in English, garbled characters). Each
line holds every field of the result but ``raw`` and ``raw_html`` (the input).
"""

from __future__ import annotations

import argparse
import html
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` and `newsdiff` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.alignment_data import ECB_FOLDER, SHARED
from newsdiff.analysis.clean import CleaningError, clean_html, clean_text, clean_upload
from newsdiff.analysis.ecbplus import read_documents
from newsdiff.analysis.types import CleanedText

SEEDS = SHARED / "seeds"
# Odd inputs (a refusal's message is part of what must not change)
ODD_INPUTS: tuple[tuple[str, bytes, str], ...] = (
    ("empty", b"", "empty.txt"),
    ("spaces", b"  \n\t\n", "blank.txt"),
    ("pdf", b"%PDF-1.7\n...", "story.txt"),
    ("png", b"\x89PNG\r\n\x1a\n....", "story.txt"),
    ("docx", b"PK\x03\x04....word/document.xml", "story.docx"),
    ("nul", b"Police said\x00 the march was calm.", "story.txt"),
    ("broken utf-8", "Police said the march was “calm”.".encode() + b"\xff\xfe", "story.txt"),
    ("menu only", b"Home\nNews\nSport\nSign in\nSubscribe\n", "story.txt"),
    (
        "french",
        "Le gouvernement a annoncé mardi que la réforme des retraites sera votée "
        "avant la fin de l'année, malgré les grèves qui se poursuivent dans le pays.".encode(),
        "story.txt",
    ),
    (
        "garbled",
        "Police said itâ€™s the largest march the city has seen in a decade, and that "
        "no one was hurt when the crowd left the square.".encode(),
        "story.txt",
    ),
    (
        "script",
        b"<!doctype html><html><head><title>Storm hits coast</title></head><body>"
        b"<script>alert(1)</script><article><p>A storm hit the coast on Monday, cutting "
        b"power to thousands of homes, officials said.</p><p onclick='x()'>Roads were "
        b"closed and schools shut as the wind reached 90 miles an hour.</p></article>"
        b"</body></html>",
        "story.html",
    ),
)


def as_dict(cleaned: CleanedText) -> dict:
    return {
        "headline": cleaned.headline,
        "standfirst": cleaned.standfirst,
        "byline": cleaned.byline,
        "wire_agency": cleaned.wire_agency,
        "dateline": cleaned.dateline,
        "published_at": cleaned.published_at.isoformat() if cleaned.published_at else None,
        "body": cleaned.body,
        "removed": [[r.line, r.text, r.reason] for r in cleaned.removed],
        "encoding": cleaned.encoding,
        "language": cleaned.language,
        "warnings": list(cleaned.warnings),
    }


def _result(name: str, work: Callable[[], CleanedText]) -> dict:
    try:
        return {"input": name, **as_dict(work())}
    except CleaningError as err:
        return {"input": name, "error": str(err)}


def _as_page(text: str) -> str:
    """A seed report as a plain web page: its lines as paragraphs under a title and
    a publication date in the page's metadata."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(lines[0])}</title>"
        "<meta property='article:published_time' content='2023-09-18T06:31:00+01:00'>"
        f"</head><body><article>{paragraphs}</article></body></html>"
    )


def results() -> Iterator[dict]:
    for doc in read_documents(ECB_FOLDER):
        text = "\n\n".join(part for part in (doc.headline, doc.body) if part)
        yield _result(f"ecbplus/{doc.doc}", lambda text=text: clean_text(text))
    for path in sorted(SEEDS.glob("*.txt")):
        data = path.read_bytes()
        text = data.decode("utf-8")
        encodings = {
            "utf-8": data,
            "utf-8-sig": text.encode("utf-8-sig"),
            "utf-16": text.encode("utf-16"),
            "cp1252": text.encode("cp1252", errors="replace"),
        }
        for encoding, raw in encodings.items():
            yield _result(
                f"seed/{path.name}/{encoding}",
                lambda raw=raw, name=path.name: clean_upload(raw, filename=name),
            )
        page = _as_page(text)
        yield _result(f"seed/{path.name}/html", lambda page=page: clean_html(page))
        yield _result(f"seed/{path.name}/html-as-text", lambda page=page: clean_text(page))
    for name, raw, filename in ODD_INPUTS:
        yield _result(
            f"odd/{name}",
            lambda raw=raw, filename=filename: clean_upload(raw, filename=filename),
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    with open(args.out, "w", encoding="utf-8") as fh:
        for row in results():
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
