"""Split an article into sentences.

A hand-written, rule-based segmenter tuned for news English. It walks the text
once, stopping only at the characters that can end a sentence (``. ! ? …``),
at line breaks, bullets and closing parentheses, and decides at each stop from
the words around it:

* a terminator followed by a lower-case word never ends a sentence
  ("Yahoo! in", "co. at", "'Great.' she said"), unless the word is a brand
  such as "iPhone";
* titles (Mr., Sen., Gen., Mt.) never end one; other abbreviations (U.S., Inc.,
  a.m., Jan., Calif.) end one only when the next word is a typical sentence
  opener ("The", "He", "However");
* a single capital letter is an initial ("Brian G. Nichols") unless it is the
  pronoun "I" after a lower-case word or a sentence opener follows;
* decimals, e-mail addresses and URLs are left alone, and "No. 5", "p. 55" or
  "Jan. 5" do not end before the number;
* ellipses end a sentence only when attached to the word before them
  ("that... She") or when they are four dots ("that.... She");
* quotes and brackets that close right after the terminator stay with the
  sentence they close;
* numbered and lettered lists ("1.", "2)", "a.", "• 9.") start a new sentence
  at each item;
* a blank line always ends a sentence; a single line break ends one unless the
  line stops mid-sentence (a comma or a word like "the" at its end, or a
  capitalised sentence that carries on in lower case on the next line).

All positions are offsets into the text given, so ``text[span.start:span.end]``
is the sentence, trimmed of surrounding whitespace. The work is linear in the
length of the text: each stop looks at a bounded window around it.
"""

from __future__ import annotations

import re

from newsdiff.analysis.types import Role, Sentence, Span

# --- characters ---------------------------------------------------------------

TERMINATORS = ".!?‽…"
BULLETS = "•‣⁃◦▪●■►▸"
LINE_BREAKS = "\n\r\u2028\u2029\x85"
CLOSERS = "\"'”’»›)]}"
LONE_CLOSERS = '"”’'  # a quote with space on both sides after a terminator closes
OPENING_QUOTES = '"“«'
OPENERS = "\"'“‘«‹([{¿¡"
CLAUSE_CONTINUERS = ",;&/-–—(“‘«"  # a line ending in one of these goes on
DOT_ELLIPSIS_DOTS = 3

# --- word lists ---------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Titles stand before a name and never end a sentence: "Sen. Rand Paul".
TITLES = _words(
    """
    Mr Mrs Ms Messrs Mmes Mme Mlle Dr Drs Prof Profs Rev Revd Hon Rt Fr Msgr
    Gov Sen Sens Rep Reps Pres Amb Atty Supt Insp Det Sec Treas Adm Gen Lt Col
    Maj Capt Cmdr Cdr Cmdt Sgt Cpl Pvt Brig Spc Ens Mt Ft Pt Mssrs Const Cst Dep
    Asst Dist
    """
)
# Titles that, like "The" or "He", are usually the first word of a new
# sentence when they follow an abbreviation: "in the U.S. Mr. Smith said".
HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Mme", "Dr", "Messrs"})

# Abbreviations that may end a sentence (compared in lower case): "Pitt,
# Briggs & Co. at noon" but "Pitt, Briggs & Co. It closed yesterday." Words
# that are also ordinary words ("sat", "sun", "Al") are left out.
ABBREVIATIONS = _words(
    """
    co cos corp inc ltd llc plc bros assn assoc dept depts univ govt intl natl
    jr sr esq etc vs ca approx est misc
    st ave av blvd rd hwy ln pl sq ct
    tue tues thu thur thurs fri
    """
)
LOWER_CASE_ABBREVIATIONS = frozenset({"al"})  # "et al.", but not "Al."
# Abbreviations that end a sentence whenever a capital follows: "fruit, etc. Apple"
SENTENCE_FINAL_ABBREVIATIONS = frozenset({"etc"})
# Abbreviations that stand only before a number: "No. 5", "pp. 10-12", "Jan. 5".
NUMBER_ABBREVIATIONS = _words(
    """
    no nos n° nº nr num vol vols p pp fig figs art arts sec secs ch chap para paras op ed eds
    jan feb mar apr jun jul aug sep sept oct nov dec
    """
)
# Abbreviations that are written only inside a sentence.
MID_SENTENCE_ABBREVIATIONS = frozenset({"i.e", "e.g", "cf", "viz", "et"})
# US state abbreviations (AP style) count only in "City, State.": "Atlanta, Ga."
STATE_ABBREVIATIONS = _words(
    """
    Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich
    Minn Miss Mo Mont Neb Nev Okla Ore Pa Penn Tenn Tex Va Vt Wash Wis Wyo
    """
)
TIME_ABBREVIATIONS = frozenset({"a.m", "p.m"})
# After "9 p.m." these words go on with the same sentence: "at 9 p.m. Tuesday".
TIME_FOLLOWERS = _words(
    """
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April May June July August September October November
    December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    ET EST EDT CT CST CDT MT MST MDT PT PST PDT AKST HST GMT BST UTC CET CEST
    EET EEST IST JST KST AEST AEDT WIB local Local
    """
)
# Words that usually open a sentence and are seldom part of a name, so an
# abbreviation in front of them most likely ends the sentence before.
SENTENCE_OPENERS = _words(
    """
    A An The This That These Those There Here Such Some Many Most Much More Few All
    Both Each Every Either Neither No None Nor Not Nothing Other Another Any
    I He She It We You They Me Him Her Us Them His Its Our Your Their My Mine
    Who Whom Whose What Which When Where Why How Whether
    And But Or So Yet Then Thus Hence Also Still Now Later Earlier Meanwhile
    However Moreover Furthermore Nevertheless Nonetheless Instead Indeed Otherwise
    Although Though While Whereas Because Since If Unless Until As After Before
    Once Even Just Only Perhaps Maybe Yes Finally First Second Third Last Next
    In On At By For From Of To With Without Within Into Onto Over Under About
    Against Among Amid Between Through During Despite Following According Like
    Is Are Was Were Be Been Being Am Do Does Did Has Have Had Can Could Will Would
    Shall Should May Might Must
    Let Please Today Tomorrow Yesterday Tonight
    """
)
# A line that ends in one of these words stops mid-sentence.
LINE_END_CONTINUERS = _words(
    """
    a an the and or but nor of to in on at by for from with into onto as than
    that which who whose whom is are was were be been has have had will would
    shall should can could may might must not very his her its their our your my
    this these those said says
    """
)
# Prepositions that can open an introductory time phrase: "At 5 a.m. Mr. Smith ..."
_INTRO_TIME = re.compile(
    r"[\"'“‘(]*(?:at|by|until|till|before|after|around|about|from|since|"
    r"(?:shortly|just|soon|right|starting|beginning)\s+(?:at|before|after))\s+"
    r"(?:about\s+|around\s+|approximately\s+|roughly\s+|exactly\s+|precisely\s+)?"
    r"\d{1,2}(?:[:.]\d{2})?\s*[ap]\.m",
    re.IGNORECASE,
)

# --- patterns -----------------------------------------------------------------

# Every character at which a decision may be needed.
_STOP = re.compile(f"[{re.escape(TERMINATORS + LINE_BREAKS + BULLETS)})]")
# A run of terminators, spaced dots included (". . ."), then closing quotes and
# brackets, then whitespace.
_TERMINATOR_RUN = re.compile(
    f"[{TERMINATORS}](?:[ \u00a0]?[{TERMINATORS}])*"
    f"(?P<close>[{re.escape(CLOSERS)}]*)(?P<space>\\s*)"
)
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")  # U.S, a.m, U.S.A
_WORD_TAIL = re.compile(r"[^\W_]+[°º]?$")  # the word at the end of a token, "N°" included
_WORD_AT = re.compile(r"[^\W\d_]+")
_CODE_AT = re.compile(r"[^\W_]+(?=[\s.,;:)]|$)")
_LIST_MARKER = re.compile(f"[{BULLETS}]?[ \t\u00a0]*(\\d{{1,3}}|[a-z])(\\.\\)|\\.|\\))(?=\\s)")
_NEWLINE = r"(?:\r\n|\r(?!\n)|[\n\x85\u2028])"  # one line break, "\r\n" counted once
_LINE_SPACE = r"[^\S\n\r\x85\u2028\u2029]"  # whitespace that stays on the line
_PARAGRAPH_BREAK = re.compile(f"{_NEWLINE}(?:{_LINE_SPACE}*{_NEWLINE})+|\u2029")
_BLANK_LINE = re.compile(f"{_LINE_SPACE}*{_NEWLINE}|\u2029")
_SPACE = re.compile(r"\s*")
_LINE_BREAK = re.compile(f"[{LINE_BREAKS}]")
_URL_OR_EMAIL = re.compile(r"@|://|www\.", re.IGNORECASE)
MAX_TOKEN = 64  # how far back a word before a terminator is looked for


class _Splitter:
    """One pass over one text; collects the sentence spans."""

    __slots__ = ("text", "n", "spans", "start", "marker_end", "next_item", "item_style")

    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.spans: list[Span] = []
        self.start = 0
        self.marker_end = -1
        self.next_item = ""
        self.item_style = ""
        self._begin(0)

    # -- bookkeeping -----------------------------------------------------------

    def _begin(self, pos: int) -> None:
        """Start a new sentence at the first non-space character from ``pos``."""
        text, n = self.text, self.n
        while pos < n and text[pos].isspace():
            pos += 1
        self.start = pos
        self.marker_end = -1
        self.next_item = ""
        marker = _LIST_MARKER.match(text, pos)
        if marker:
            self.marker_end = marker.end()
            value, self.item_style = marker.group(1), marker.group(2)
            self.next_item = str(int(value) + 1) if value.isdigit() else chr(ord(value) + 1)

    def _end(self, end: int, resume: int) -> None:
        """Close the sentence at ``end`` (trimmed) and start the next at ``resume``."""
        text, start = self.text, self.start
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            self.spans.append(Span(start, end))
        self._begin(resume)

    # -- the walk ----------------------------------------------------------------

    def run(self) -> list[Span]:
        text, n = self.text, self.n
        search = _STOP.search
        pos = self.start
        while pos < n:
            stop = search(text, pos)
            if stop is None:
                break
            i = stop.start()
            char = text[i]
            if char in LINE_BREAKS:
                pos = self._line_break(i)
            elif char in BULLETS:
                if i > self.start:
                    self._end(i, i)
                pos = i + 1
            elif char == ")":
                self._closing_paren(i)
                pos = i + 1
            else:
                pos = self._terminator(i)
        self._end(n, n)
        return self.spans

    def _closing_paren(self, i: int) -> None:
        """A list item marked "2)" starts a new sentence in a "1) ..." list."""
        if self.item_style != ")" or i < self.marker_end:
            return
        token_start = i - len(self.next_item)
        text = self.text
        if (
            token_start > self.start
            and text[token_start:i] == self.next_item
            and text[token_start - 1].isspace()
            and i + 1 < self.n
            and text[i + 1].isspace()
        ):
            self._end(token_start, token_start)

    def _line_break(self, i: int) -> int:
        """Decide at a line break that follows no terminator."""
        text, n = self.text, self.n
        after = i + 2 if text[i] == "\r" and i + 1 < n and text[i + 1] == "\n" else i + 1
        if i <= self.start:
            return after
        blank = text[i] == "\u2029" or _BLANK_LINE.match(text, after)
        if blank or not self._line_goes_on(i, after):
            self._end(i, after)
        return after

    def _line_goes_on(self, i: int, nxt: int) -> bool:
        """Does the sentence on the line ending at ``i`` carry on after the break
        (the next line starts at ``nxt``)?"""
        text, start = self.text, self.start
        end = i
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            return False
        while nxt < self.n and text[nxt].isspace():
            nxt += 1
        if nxt >= self.n:
            return False
        next_char = text[nxt]
        if next_char in BULLETS or _LIST_MARKER.match(text, nxt):
            return False
        last = text[end - 1]
        if last in CLAUSE_CONTINUERS:
            return True
        word_start = end
        while word_start > start and text[word_start - 1].isalpha():
            word_start -= 1
        if text[word_start:end] in LINE_END_CONTINUERS:
            return True
        # a capitalised sentence wrapped onto a line that goes on in lower case
        return next_char.islower() and not self._first_letter(start).islower()

    def _first_letter(self, pos: int) -> str:
        text = self.text
        while pos < self.n and text[pos] in OPENERS:
            pos += 1
        return text[pos] if pos < self.n else ""

    def _terminator(self, i: int) -> int:
        """Decide at a run of terminators starting at ``i``; return where to go on."""
        text, n = self.text, self.n
        match = _TERMINATOR_RUN.match(text, i)
        assert match is not None
        run_end = match.start("close")
        close_end = match.end("close")
        resume = match.end()
        run = text[i:run_end]
        if resume < n and text[resume] in LONE_CLOSERS and resume > close_end:
            # a quote standing alone after the space closes the sentence: 'fight. " He'
            after = resume + 1
            if after >= n or text[after].isspace():
                close_end = after
                resume = _SPACE.match(text, after).end()

        if resume >= n or i < self.start:
            return resume
        if i < self.marker_end:  # the "1." of a list item
            return resume
        if self._list_item_follows(i, run, close_end):
            return resume
        space = text[close_end:resume]
        if not space:
            if self._glued_boundary(i, run, close_end):
                self._end(close_end, close_end)
            return resume
        if _PARAGRAPH_BREAK.search(space):
            self._end(close_end, resume)
            return resume
        line_ends = _LINE_BREAK.search(space) is not None

        nxt = resume
        while nxt < n and text[nxt] in OPENERS:
            nxt += 1
        next_char = text[nxt] if nxt < n else ""
        quoted = any(c in OPENING_QUOTES for c in text[resume:nxt])
        if next_char.islower() and not _is_camel_case(text, nxt):
            return resume

        if "…" in run or run.count(".") > 1:
            cut = self._ellipsis_cut(i, run, next_char)
            if cut:
                self._end(cut, cut)
            elif line_ends:
                self._end(close_end, resume)
            return resume
        if run != ".":  # ! ? and their mixtures
            self._end(close_end, resume)
            return resume

        ends, kind = self._period_ends_sentence(i, nxt, quoted)
        if not ends and line_ends:
            # a line that ends with "U.S." ends the sentence, one ending "Mr." goes on
            ends = kind not in ("title", "initial")
        if ends:
            self._end(close_end, resume)
        return resume

    def _list_item_follows(self, i: int, run: str, close_end: int) -> bool:
        """In a "1. ... 2. ..." list, "2." starts a new sentence before it."""
        if not self.next_item or self.item_style == ")" or run != ".":
            return False
        style = ".)" if close_end > i + 1 and self.text[i + 1] == ")" else "."
        token_start = i - len(self.next_item)
        text = self.text
        if (
            style == self.item_style
            and token_start > self.start
            and text[token_start:i] == self.next_item
            and text[token_start - 1].isspace()
        ):
            self._end(token_start, token_start)
            return True
        return False

    def _glued_boundary(self, i: int, run: str, close_end: int) -> bool:
        """A terminator with no space after it: "world.Today" splits, "3.5",
        "U.S.A", "Jane.Doe@example.com" and "Jr.'s" do not."""
        text, n = self.text, self.n
        if len(run) != 1 or run == "…" or close_end + 1 >= n or i == 0:
            return False
        after, after2, before = text[close_end], text[close_end + 1], text[i - 1]
        if not (after.isupper() and after2.islower()):
            return False
        if not (before.islower() or before.isdigit()):
            return False
        token_start, token_end = i, close_end
        start_limit, end_limit = max(self.start, i - MAX_TOKEN), min(n, close_end + MAX_TOKEN)
        while token_start > start_limit and not text[token_start - 1].isspace():
            token_start -= 1
        while token_end < end_limit and not text[token_end].isspace():
            token_end += 1
        if _URL_OR_EMAIL.search(text, token_start, token_end):
            return False
        word = _WORD_TAIL.search(text, token_start, i)
        return not (word and word.group() in TITLES)

    def _ellipsis_cut(self, i: int, run: str, next_char: str) -> int:
        """Where an ellipsis ends the sentence, or 0 if it does not.

        "that... She" and "that.... She" end after the dots; in "compounds. . . .
        The" the first period ends the sentence and ". . ." opens the next one;
        a spaced ellipsis ("is . . . I") and "[...]" end nothing.
        """
        text = self.text
        if not next_char:
            return 0
        before = text[i - 1] if i else " "
        if before in "[(":
            return 0
        attached = not before.isspace()
        dots = run.count(".") + DOT_ELLIPSIS_DOTS * run.count("…")
        spaced = " " in run or "\u00a0" in run
        if attached and spaced and dots > DOT_ELLIPSIS_DOTS:
            return i + 1
        if attached or dots > DOT_ELLIPSIS_DOTS:
            return self._close_end(i + len(run))
        return 0

    def _close_end(self, pos: int) -> int:
        text, n = self.text, self.n
        while pos < n and text[pos] in CLOSERS:
            pos += 1
        return pos

    def _period_ends_sentence(self, i: int, nxt: int, quoted: bool) -> tuple[bool, str]:
        """Does the single period at ``i`` end the sentence?

        ``nxt`` is where the next word starts and ``quoted`` says whether an
        opening quote stands before it. Returns the answer and the kind of word
        before the period ("title", "initial", "abbreviation" or "" for an
        ordinary word).
        """
        text = self.text
        next_char = text[nxt] if nxt < self.n else ""
        token_start = i
        limit = max(self.start, i - MAX_TOKEN)
        while token_start > limit and not text[token_start - 1].isspace():
            token_start -= 1
        while token_start < i and text[token_start] in OPENERS:
            token_start += 1
        token = text[token_start:i]

        if _INITIALISM.fullmatch(token):
            lowered = token.lower()
            if lowered in MID_SENTENCE_ABBREVIATIONS:
                return False, "title"
            if next_char.isdigit():
                return False, "abbreviation"
            follower = self._word_at(nxt)
            if lowered in TIME_ABBREVIATIONS:
                if follower in TIME_FOLLOWERS or _INTRO_TIME.fullmatch(text, self.start, i):
                    return False, "abbreviation"
                return True, "abbreviation"
            return quoted or self._opener_follows(follower), "abbreviation"

        if "/" in token or _URL_OR_EMAIL.search(token):
            return True, ""  # a URL or an e-mail address ends like a word
        tail = _WORD_TAIL.search(token)
        word = tail.group() if tail else ""
        if not word:
            return True, ""
        if word in TITLES or word.upper() == word and word.capitalize() in TITLES:
            return False, "title"
        lowered = word.lower()
        if lowered in MID_SENTENCE_ABBREVIATIONS:
            return False, "title"
        if len(word) == 1 and word.isalpha() and token == word:
            if next_char.isdigit():
                return False, "abbreviation"
            follower = self._word_at(nxt)
            if word.islower():
                return quoted or self._opener_follows(follower), "abbreviation"
            if word == "I" and self._previous_word_is_lower(token_start):
                return True, "initial"
            return follower in SENTENCE_OPENERS, "initial"
        if next_char.isdigit():
            if lowered in NUMBER_ABBREVIATIONS or lowered in ABBREVIATIONS:
                return False, "abbreviation"
            return True, ""
        if lowered in NUMBER_ABBREVIATIONS and self._code_at(nxt):
            return False, "abbreviation"  # "case No. VA089897"
        if token == "1" and self._previous_char(token_start) == ":":
            # "factors: 1. How much ..." opens a numbered list
            self.next_item, self.item_style = "2", "."
            return False, "abbreviation"
        if lowered in SENTENCE_FINAL_ABBREVIATIONS:
            return True, "abbreviation"
        if word in STATE_ABBREVIATIONS and self._previous_char(token_start) == ",":
            # AP style puts a comma after the state inside a sentence: "Ga., police"
            return True, "abbreviation"
        if lowered in ABBREVIATIONS or word in LOWER_CASE_ABBREVIATIONS:
            return quoted or self._opener_follows(self._word_at(nxt)), "abbreviation"
        return True, ""

    def _code_at(self, pos: int) -> bool:
        """Does a code with digits in it ("VA089897", "A4") start at ``pos``?"""
        match = _CODE_AT.match(self.text, pos)
        return match is not None and any(c.isdigit() for c in match.group())

    def _word_at(self, pos: int) -> str:
        match = _WORD_AT.match(self.text, pos)
        return match.group() if match else ""

    @staticmethod
    def _opener_follows(follower: str) -> bool:
        return follower in SENTENCE_OPENERS or follower in HONORIFICS

    def _previous_word_is_lower(self, token_start: int) -> bool:
        text, pos = self.text, token_start
        while pos > self.start and text[pos - 1].isspace():
            pos -= 1
        end = pos
        while pos > self.start and text[pos - 1].isalpha():
            pos -= 1
        return pos < end and text[pos].islower()

    def _previous_char(self, token_start: int) -> str:
        """The last non-space character before the token at ``token_start``."""
        text, pos = self.text, token_start
        while pos > self.start and text[pos - 1].isspace():
            pos -= 1
        return text[pos - 1] if pos > self.start else ""


def _is_camel_case(text: str, pos: int) -> bool:
    """Is the word at ``pos`` a brand like "iPhone" or "eBay" (lower, then upper)?"""
    return pos + 1 < len(text) and text[pos + 1].isupper()


def split_sentences(text: str) -> list[Span]:
    """The sentences of one block of text, as spans trimmed of whitespace.

    A blank line always ends a sentence, so a whole article body can be passed;
    a single line break ends one unless the line stops mid-sentence.
    """
    if not text or text.isspace():
        return []
    return _Splitter(text).run()


def split_paragraphs(body: str) -> list[tuple[int, int]]:
    """The paragraphs of ``body`` as ``(start, end)`` spans, trimmed of whitespace.

    Paragraphs are separated by one or more blank lines; a line holding only
    whitespace (non-breaking spaces included) counts as blank.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _PARAGRAPH_BREAK.finditer(body):
        _add_trimmed(body, pos, match.start(), spans)
        pos = match.end()
    _add_trimmed(body, pos, len(body), spans)
    return spans


def _add_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def segment_document(headline: str, standfirst: str, body: str) -> list[Sentence]:
    """The whole article as numbered sentences: headline, standfirst, then body.

    The headline is one sentence whatever its punctuation. Standfirst sentences
    and body sentences are split with :func:`split_sentences`; body sentences
    carry their paragraph number (from 1) and offsets into ``body``.
    """
    sentences: list[Sentence] = []
    _add_trimmed_sentences(sentences, headline, "headline", 0, [(0, len(headline))])
    _add_trimmed_sentences(
        sentences,
        standfirst,
        "standfirst",
        0,
        [(span.start, span.end) for span in split_sentences(standfirst)],
    )
    for number, (para_start, para_end) in enumerate(split_paragraphs(body), start=1):
        spans = split_sentences(body[para_start:para_end])
        _add_trimmed_sentences(
            sentences,
            body,
            "body",
            number,
            [(para_start + span.start, para_start + span.end) for span in spans],
        )
    return sentences


def _add_trimmed_sentences(
    sentences: list[Sentence],
    field: str,
    role: Role,
    paragraph: int,
    spans: list[tuple[int, int]],
) -> None:
    for start, end in spans:
        while start < end and field[start].isspace():
            start += 1
        while end > start and field[end - 1].isspace():
            end -= 1
        if end > start:
            sentences.append(
                Sentence(
                    index=len(sentences),
                    text=field[start:end],
                    role=role,
                    paragraph=paragraph,
                    start=start,
                    end=end,
                )
            )
