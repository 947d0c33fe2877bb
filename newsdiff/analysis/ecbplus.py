"""Read the ECB+ corpus as plain articles (derived JSONL in ../shared/data/ecbplus/).

The corpus stores each sentence as space-separated tokens. ``detokenize`` joins
them back into ordinary text so that segmentation, alignment and the pages see
what a reader would. The corpus is CC BY 3.0 (Cybulska and Vossen, LREC 2014);
``ATTRIBUTION`` is shown wherever its articles are.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ATTRIBUTION = (
    "ECB+ corpus (c) Agata Cybulska, Piek Vossen, VU University Amsterdam; "
    "Creative Commons Attribution 3.0 Unported. Cite: Cybulska and Vossen (2014), "
    "'Using a sledgehammer to crack a nut? Lexical diversity and event coreference "
    "resolution', LREC 2014. Text detokenised by newsdiff."
)
LICENCE_URL = "https://creativecommons.org/licenses/by/3.0/"

DOCS_FILE = "ecbplus_docs.jsonl"
PAIRS_FILE = "ecbplus_crossdoc_sentence_pairs.DERIVED.jsonl"

_NO_SPACE_BEFORE = {
    ",", ".", ":", ";", "?", "!", ")", "]", "}", "%", "...", "''", "”", "’",
    "'s", "'S", "n't", "N'T", "'re", "'ve", "'ll", "'d", "'m", "'",
}  # fmt: skip
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#", "``", "“", "‘", "£", "€"}
_QUOTES = {"``": "\u201c", "''": "\u201d"}
_WORDISH = re.compile(r"\w")


# "24 , 000" is one number: a group of 1-3 digits (or one already joined, "1,000"),
# a comma, then exactly three digits ("000", "000-member", "000ft")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})*")
_THOUSANDS = re.compile(r"\d{3}(?!\d)")


def detokenize(tokenised: str) -> str:
    """Turn ``'`` We said , '' he told AP .'`` into ``'“We said,” he told AP.'``."""
    tokens = tokenised.split()
    out: list[str] = []
    glue_next = False
    straight_quote_open = False
    for i, tok in enumerate(tokens):
        text = _QUOTES.get(tok, tok)
        glue = glue_next or not out
        glue_next = False
        between_digits = (
            tok in (".", ":")
            and out
            and i + 1 < len(tokens)
            and out[-1][-1:].isdigit()
            and tokens[i + 1][:1].isdigit()
        )
        thousands = (
            tok == ","
            and out
            and i + 1 < len(tokens)
            and _GROUPED.fullmatch(out[-1])
            and _THOUSANDS.match(tokens[i + 1])
        )
        if between_digits or thousands:
            glue = True  # "3 . 0" -> "3.0", "5 : 03pm" -> "5:03pm", "24 , 000" -> "24,000"
            glue_next = True
        elif tok in _NO_SPACE_BEFORE:
            glue = True
        elif tok == '"':
            # a straight double quote opens or closes by turns
            straight_quote_open = not straight_quote_open
            if straight_quote_open:
                glue_next = True
            else:
                glue = True
        elif tok in ("-", "/") and out and i + 1 < len(tokens):
            prev, nxt = out[-1], tokens[i + 1]
            if _WORDISH.search(prev[-1:]) and _WORDISH.match(nxt):
                glue = True  # "90 - day" -> "90-day", "and / or" -> "and/or"
                glue_next = True
        if tok in _NO_SPACE_AFTER:
            glue_next = True
        if glue and out:
            out[-1] += text
        else:
            out.append(text)
    return " ".join(out)


@dataclass(frozen=True, slots=True)
class EcbSentence:
    sid: int
    text: str  # detokenised
    in_coref_selection: bool
    event_instances: tuple[str, ...]  # ACTION/NEG cross-document instance ids


@dataclass(frozen=True, slots=True)
class EcbDocument:
    topic: int
    subtopic: str  # "ecb" or "ecbplus": two different events of the topic
    doc: str  # e.g. "1_10ecbplus"
    url: str | None
    domain: str | None
    headline: str
    sentences: tuple[EcbSentence, ...]  # body sentences, in order

    @property
    def story_key(self) -> str:
        """One ECB+ story is one seminal event: a topic and its subtopic."""
        return f"{self.topic}{self.subtopic}"

    @property
    def body(self) -> str:
        """The article text with one sentence per paragraph (the corpus keeps no
        paragraph breaks)."""
        return "\n\n".join(s.text for s in self.sentences)


def _looks_like_url(text: str) -> bool:
    return text.startswith("http") or text.startswith("www")


def read_documents(folder: str | Path) -> Iterator[EcbDocument]:
    """Yield every article of ``ecbplus_docs.jsonl`` in ``folder``.

    In the "ecbplus" half, the first sentence is the page's URL and the next is
    the headline; in the "ecb" half, the text starts with the article itself.
    """
    with open(Path(folder) / DOCS_FILE, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            sentences = [
                EcbSentence(
                    sid=s["sid"],
                    text=detokenize(s["text"]),
                    in_coref_selection=bool(s.get("in_coref_selection")),
                    event_instances=tuple(
                        i for i in s.get("cross_doc_instances", ()) if i.startswith(("ACT", "NEG"))
                    ),
                )
                for s in row["sentences"]
            ]
            if sentences and _looks_like_url(row["sentences"][0]["text"]):
                sentences = sentences[1:]
            headline = ""
            if row["subtopic"] == "ecbplus" and sentences:
                headline = sentences[0].text
                sentences = sentences[1:]
            yield EcbDocument(
                topic=int(row["topic"]),
                subtopic=row["subtopic"],
                doc=row["doc"],
                url=row.get("url"),
                domain=row.get("domain"),
                headline=headline,
                sentences=tuple(s for s in sentences if s.text),
            )


def read_sentence_pairs(folder: str | Path) -> Iterator[dict]:
    """Yield the derived cross-document sentence pairs (sentences of two
    articles of the same topic that share an annotated event)."""
    with open(Path(folder) / PAIRS_FILE, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
