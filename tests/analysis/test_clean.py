import codecs
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsdiff.analysis.clean import (
    CleaningError,
    clean_html,
    clean_text,
    clean_upload,
    decode_bytes,
    detect_language,
    headline_case,
    is_metadata_line,
    normalise,
    parse_dateline,
    size_message,
    wire_agency,
)
from newsdiff.analysis.tokens import tokenize

REPO = Path(__file__).resolve().parents[2]
GOLD = json.loads((REPO / "seeds" / "seed-alignment.gold.json").read_text(encoding="utf-8"))
MANIFEST = json.loads((REPO / "seeds" / "seeds.json").read_text(encoding="utf-8"))
BST = timezone(timedelta(hours=1))


def clean_seed(side: str):
    name = GOLD[side]
    return clean_upload((REPO / "seeds" / name).read_bytes(), filename=name)


def kept_text(cleaned) -> str:
    return "\n".join((cleaned.headline, cleaned.standfirst, cleaned.body))


def removed_text(cleaned) -> str:
    return "\n".join(line.text for line in cleaned.removed)


# The seeds against the gold ---------------------------------------------------


@pytest.mark.parametrize("side", ["left", "right"])
def test_seed_furniture_is_removed_and_kept_for_staff(side):
    cleaned = clean_seed(side)
    for furniture in GOLD["page_furniture"][side]:
        assert furniture not in kept_text(cleaned)
        assert furniture in removed_text(cleaned)
    assert all(line.reason for line in cleaned.removed)


@pytest.mark.parametrize("side", ["left", "right"])
def test_seed_sentences_are_all_kept(side):
    cleaned = clean_seed(side)
    # The gold quotes the raw text, non-breaking spaces and all; the fields are normalised.
    wanted = [pair[side] for pair in GOLD["pairs"]] + GOLD[f"only_{side}"]
    missing = [s for s in wanted if normalise(s) not in kept_text(cleaned)]
    assert missing == []


@pytest.mark.parametrize("side", ["left", "right"])
def test_seed_headline_matches_the_manifest(side):
    article = next(a for a in MANIFEST["articles"] if a["file"] == GOLD[side])
    assert clean_seed(side).headline == article["headline"]


def test_right_seed_metadata_lands_in_its_fields():
    cleaned = clean_seed("right")
    metadata = GOLD["metadata"]["right"]
    assert cleaned.byline == metadata["byline"]
    assert cleaned.dateline == metadata["dateline"]
    assert cleaned.published_at == datetime(2023, 9, 18, 6, 31, tzinfo=BST)
    assert cleaned.wire_agency == "Associated Press"
    for line in metadata.values():
        assert line not in cleaned.body


def test_right_seed_standfirst_is_found_and_kept_out_of_the_body():
    cleaned = clean_seed("right")
    restatement = GOLD["pairs"][1]["right_restatement"]
    assert restatement in cleaned.standfirst
    assert cleaned.standfirst.startswith("China’s top foreign policy official")
    assert cleaned.standfirst not in cleaned.body


def test_left_seed_gets_no_invented_standfirst_or_metadata():
    cleaned = clean_seed("left")
    assert cleaned.standfirst == ""
    assert cleaned.byline == cleaned.dateline == cleaned.wire_agency == ""
    assert cleaned.published_at is None
    assert cleaned.body.startswith("CHINA’S top foreign policy official travelled to Russia")


@pytest.mark.parametrize("side", ["left", "right"])
def test_seed_raw_is_the_file_exactly_and_body_is_normalised(side):
    cleaned = clean_seed(side)
    assert cleaned.raw == (REPO / "seeds" / GOLD[side]).read_text(encoding="utf-8")
    assert cleaned.encoding == "utf-8"
    assert cleaned.language == "en" and cleaned.warnings == ()
    assert "\u00a0" not in cleaned.body and "  " not in cleaned.body
    assert "\n\n\n" not in cleaned.body
    assert all(line == line.strip() for line in cleaned.body.split("\n"))
    assert "’" in kept_text(cleaned)  # curly quotes stay as they are


@pytest.mark.parametrize("side", ["left", "right"])
def test_removed_lines_point_at_the_raw_text(side):
    cleaned = clean_seed(side)
    raw_lines = cleaned.raw.splitlines()
    for removed in cleaned.removed:
        assert raw_lines[removed.line] == removed.text


@pytest.mark.parametrize("side", ["left", "right"])
def test_every_line_ends_up_somewhere(side):
    cleaned = clean_seed(side)
    fields = [cleaned.headline, cleaned.standfirst, cleaned.byline, cleaned.dateline]
    fields += [cleaned.body, removed_text(cleaned)]
    placed = normalise("\n".join(fields))
    for line in cleaned.raw.splitlines():
        assert normalise(line) in placed


def test_restored_lines_go_back_into_the_body():
    text = (REPO / "seeds" / GOLD["left"]).read_text(encoding="utf-8")
    removed = clean_text(text).removed
    donate = next(line for line in removed if line.text == "Donate today")
    restored = clean_text(text, keep_lines=[donate.line])
    assert "Donate today" in restored.body
    assert "Donate today" not in removed_text(restored)


# Furniture that the seeds do not have ----------------------------------------------

PAGE = """Skip to main content
Sign in
Search
News
Opinion
Sport

Storm closes hundreds of schools across the north
Forecasters warn that more snow is on the way for the rest of the week
By Jane Smith, Associated Press
Tuesday 21 November 2023 08:15 GMT
Share

Heavy snow closed hundreds of schools across northern England on Tuesday, officials said.

The Met Office issued an amber warning for parts of Cumbria, where 30cm could fall.

Advertisement

Councils said gritters had worked through the night to keep the main roads open.

Sign up to our morning newsletter to get the day's top stories in your inbox.
Most read
Snow chaos on the M6
Copyright 2023 The Associated Press. All rights reserved.
"""


def test_a_whole_page_is_split_into_its_parts():
    cleaned = clean_text(PAGE)
    assert cleaned.headline == "Storm closes hundreds of schools across the north"
    assert cleaned.standfirst.startswith("Forecasters warn")
    assert cleaned.byline == "By Jane Smith, Associated Press"
    assert cleaned.wire_agency == "Associated Press"
    assert cleaned.published_at == datetime(2023, 11, 21, 8, 15, tzinfo=UTC)
    assert cleaned.body.split("\n\n") == [
        "Heavy snow closed hundreds of schools across northern England on Tuesday, officials said.",
        "The Met Office issued an amber warning for parts of Cumbria, where 30cm could fall.",
        "Councils said gritters had worked through the night to keep the main roads open.",
    ]
    reasons = {line.text: line.reason for line in cleaned.removed}
    assert reasons["Advertisement"].startswith("advertising")
    assert reasons["Sign in"].startswith("log-in prompt")
    assert "Snow chaos on the M6" in reasons
    assert len(reasons) == 12


@pytest.mark.parametrize(
    "sentence",
    [
        "Customers will have to log in again after the breach, the bank said on Monday.",
        "The charity said donations had fallen by a third since the start of the year.",
        "“We need your support,” the mayor told the crowd outside the town hall.",
        "Shares in the co-operative bank fell 5% after it reported a loss for the year.",
        "Subscribers to the service will pay £9.99 a month from January, the company said.",
    ],
)
def test_news_sentences_about_furniture_topics_are_kept(sentence):
    text = f"Bank changes its rules\n\nThe bank announced the change on Monday.\n\n{sentence}"
    cleaned = clean_text(text)
    assert sentence in cleaned.body
    assert cleaned.removed == ()


def test_newsletter_promo_inside_the_article_is_removed():
    promo = "Sign up to our free morning newsletter to get the day's top stories in your inbox."
    text = (
        "Storm closes schools\n\nHeavy snow closed hundreds of schools on Tuesday.\n\n"
        f"{promo}\n\nThe Met Office issued an amber warning for Cumbria on Monday."
    )
    cleaned = clean_text(text)
    assert promo not in cleaned.body
    assert [line.text for line in cleaned.removed] == [promo]


def test_reader_words_inside_quotes_do_not_count():
    quoted = "‘We’re asking you to support the fund,’ the mayor told the council meeting."
    cleaned = clean_text(f"Mayor appeals for help\n\nThe mayor spoke on Monday.\n\n{quoted}")
    assert quoted in cleaned.body


def test_ecbplus_articles_lose_almost_nothing(ecbplus_dir):
    from newsdiff.analysis.ecbplus import read_documents

    removed = []
    for doc in read_documents(ecbplus_dir):
        cleaned = clean_text(f"{doc.headline}\n\n{doc.body}")
        removed += [line.text for line in cleaned.removed if "date line" not in line.reason]
    # One line of the corpus really is furniture: "View more related contentView all ...".
    assert len(removed) <= 2, removed


def test_hard_wrapped_paragraphs_are_joined():
    text = (
        "Storm closes schools\n\n"
        "Heavy snow closed hundreds of schools across northern England on\n"
        "Tuesday, and forecasters warned that more was on the way for the\n"
        "rest of the week.\n\n"
        "The Met Office issued an amber warning.\n"
    )
    body = clean_text(text).body
    assert body.split("\n\n")[0].endswith("on the way for the rest of the week.")


def test_odd_spaces_and_invisible_characters_are_normalised():
    cleaned = clean_text(
        "Storm\u00a0closes  schools\n\nHeavy\u202fsnow\u200b closed schools,\u00a0officials "
        "said on Tues\u00adday.   \r\n\r\n\u00a0\n\nMore snow is on the way.\t\n"
    )
    assert cleaned.headline == "Storm closes schools"
    assert (
        cleaned.body
        == "Heavy snow closed schools, officials said on Tuesday.\n\nMore snow is on the way."
    )


def test_nfc_normalises_combining_accents():
    cleaned = clean_text("The caf\u0065\u0301 reopens\n\nThe caf\u0065\u0301 reopened on Monday.")
    assert "caf\u00e9" in cleaned.body
    assert "\u0301" in cleaned.raw


# Dates and agencies -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Monday 18 September 2023 06:31 BST", datetime(2023, 9, 18, 6, 31, tzinfo=BST)),
        (
            "Sept. 18, 2023 1:31 AM EDT",
            datetime(2023, 9, 18, 1, 31, tzinfo=timezone(timedelta(hours=-4))),
        ),
        ("2023-09-18T06:31:00+01:00", datetime(2023, 9, 18, 6, 31, tzinfo=BST)),
        ("Published: 18 September 2023", datetime(2023, 9, 18, tzinfo=UTC)),
        ("Mon 18 Sep 2023 07.31 BST", datetime(2023, 9, 18, 7, 31, tzinfo=BST)),
        (
            "Updated 09/18/2023 3:05 PM CEST",
            datetime(2023, 9, 18, 15, 5, tzinfo=timezone(timedelta(hours=2))),
        ),
    ],
)
def test_datelines_become_aware_datetimes(printed, expected):
    parsed = parse_dateline(printed)
    assert parsed == expected
    assert parsed.utcoffset() == expected.utcoffset()


def test_text_without_a_date_has_no_dateline():
    assert parse_dateline("China's foreign minister heads to Moscow") is None
    assert parse_dateline("31 February 2023") is None


def test_us_eastern_time_follows_summer_time():
    summer = parse_dateline("July 7, 2012, 10:04 PM ET")
    winter = parse_dateline("January 6, 2011, 11:34 AM ET")
    assert summer.utcoffset() == timedelta(hours=-4)
    assert winter.utcoffset() == timedelta(hours=-5)


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("Via AP news wire", "Associated Press"),
        ("By Jane Smith, Associated Press", "Associated Press"),
        ("By Reuters staff", "Reuters"),
        ("AFP", "Agence France-Presse"),
        ("By Jane Smith, PA", "PA Media"),
        ("By Jane Smith", ""),
    ],
)
def test_wire_agencies_get_their_full_names(text, agency):
    assert wire_agency(text) == agency


@pytest.mark.parametrize(
    "lede, agency",
    [
        ("BEIJING (AP) — China's top foreign policy official", "Associated Press"),
        ("MOSCOW, Sept 18 (Reuters) - Russia's foreign minister", "Reuters"),
        ("PARIS, 18 September 2023 (AFP) – France said", "Agence France-Presse"),
        ("In 2023 (AP) - a year of talks", ""),
    ],
)
def test_an_agency_credit_at_the_start_of_the_lede_sets_the_wire_agency(lede, agency):
    text = lede + " is heading to talks.\n\nHe will stay until Thursday, the ministry said."
    assert clean_text(text).wire_agency == agency


def test_agency_credit_in_the_lede_sets_the_wire_agency():
    cleaned = clean_text(
        "BEIJING (AP) — China's top foreign policy official is heading to Russia for talks.\n\n"
        "He will stay until Thursday, the ministry said in a brief statement."
    )
    assert cleaned.wire_agency == "Associated Press"
    assert cleaned.headline == ""
    assert cleaned.body.startswith("BEIJING (AP) —")


# Bad input -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\u00a0\n\t"])
def test_empty_paste_is_refused(text):
    with pytest.raises(CleaningError, match="no text"):
        clean_text(text)


def test_only_furniture_is_refused():
    with pytest.raises(CleaningError, match="only page furniture"):
        clean_text("Skip to main content\n\nSubscribe to our newsletter\n\nDonate today")


@pytest.mark.parametrize(
    "text",
    [
        "The Woke Taliban have declared the anti-racism of colorblindness racism, but we hicks"
        " don't subscribe to that nonsense \u2014 and never will.",
        "We support the strike. Our readers who work on the buses have told us why, and we"
        " think the council should listen.\n\nThe levy must go.",
    ],
)
def test_one_or_two_sentences_of_opinion_are_kept_not_refused_as_furniture(text):
    cleaned = clean_text(text)
    assert cleaned.body and not cleaned.removed


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for registering. Please refresh the page or navigate to another page on the"
        " site to be automatically logged in.",
        "Please refresh the page or navigate to another page on the site to be logged in.",
    ],
)
def test_a_log_in_prompt_written_as_a_sentence_is_still_refused(text):
    with pytest.raises(CleaningError, match="only page furniture"):
        clean_text(text)


def test_empty_file_is_refused():
    with pytest.raises(CleaningError, match="empty"):
        clean_upload(b"", filename="article.txt")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"GIF89a\x01\x00\x01\x00", "GIF image"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "WebP image"),
        (b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml word/document.xml", "Word document"),
    ],
)
def test_binary_files_are_refused_by_name(data, what):
    with pytest.raises(CleaningError, match=what) as err:
        clean_upload(data, filename="upload.bin")
    assert "paste" in str(err.value)


def test_size_message_names_the_limit():
    assert "up to 5 MB" in size_message(5 * 1024 * 1024)
    assert "7.5 MB" in size_message(5 * 1024 * 1024, int(7.5 * 1024 * 1024))


def test_oversize_file_is_refused_with_the_limit_in_mb():
    with pytest.raises(CleaningError, match="up to 5 MB"):
        clean_upload(b"a" * (5 * 1024 * 1024 + 1), filename="big.txt")
    with pytest.raises(CleaningError, match="up to 1 MB"):
        clean_upload(b"a" * (1024 * 1024 + 1), filename="big.txt", max_bytes=1024 * 1024)


@pytest.mark.parametrize("data", [b"Storm \x81 hits the coast", b"Storm hits\x00 the coast"])
def test_undecodable_bytes_are_refused(data):
    with pytest.raises(CleaningError, match="could not read|binary"):
        decode_bytes(data)


def test_broken_utf8_is_not_read_as_mojibake():
    data = "China’s top official".encode() + b" \xe9t\xe9"
    with pytest.raises(CleaningError, match="position"):
        decode_bytes(data)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF16_LE + "Storm “hits” the coast".encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + "Storm “hits” the coast".encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF8 + "Storm “hits” the coast".encode(), "utf-8-sig"),
        ("Storm “hits” the coast".encode("utf-16-le"), "utf-16-le"),
        ("Storm “hits” the café’s coast".encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_are_detected(data, encoding):
    text, detected = decode_bytes(data)
    assert detected == encoding
    assert text.startswith("Storm “hits” the")


def test_cp1252_upload_keeps_its_smart_quotes():
    data = "Storm hits the coast\r\n\r\nThe council’s “amber” warning stays in place.".encode(
        "cp1252"
    )
    cleaned = clean_upload(data, filename="article.txt")
    assert cleaned.encoding == "cp1252"
    assert cleaned.body == "The council’s “amber” warning stays in place."


def test_utf16_upload_is_cleaned():
    data = codecs.BOM_UTF16_LE + "Storm hits the coast\n\nThe warning stays.".encode("utf-16-le")
    cleaned = clean_upload(data, filename="article.txt")
    assert (cleaned.encoding, cleaned.headline, cleaned.body) == (
        "utf-16-le",
        "Storm hits the coast",
        "The warning stays.",
    )


HTML = """<!doctype html>
<html><head><title>Storm hits coast | The Paper</title>
<meta name="author" content="Jane Smith">
<meta property="article:published_time" content="2023-09-18T06:31:00+01:00">
<script>alert(1)</script><style>p { color: red }</style></head>
<body onload="alert('onload')"><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Storm hits coast, cutting power to thousands</h1>
<p>A storm hit the coast on Monday, cutting power to thousands of homes and closing
schools across the region, officials said.</p>
<img src="x" onerror="alert('onerror')">
<p>Winds of up to 90 mph brought down trees and power lines, and the coastguard rescued
two people from a stranded boat near the harbour.</p>
<script>document.write('INJECTED')</script>
<p onclick="alert('onclick')">Forecasters expect the weather to calm by Wednesday, though
more rain is likely at the weekend in the north.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>"""


def test_html_scripts_and_event_handlers_never_reach_the_body():
    cleaned = clean_html(HTML)
    assert cleaned.headline == "Storm hits coast, cutting power to thousands"
    assert cleaned.body.startswith("A storm hit the coast on Monday")
    assert len(cleaned.body.split("\n\n")) == 3
    for bad in ("alert", "INJECTED", "onerror", "onclick", "<script", "color: red"):
        assert bad not in cleaned.body
    assert cleaned.raw == cleaned.raw_html == HTML
    assert cleaned.byline == "Jane Smith"
    assert cleaned.published_at == datetime(2023, 9, 18, 6, 31, tzinfo=BST)
    assert any("scripts" in warning for warning in cleaned.warnings)


def test_html_upload_and_pasted_html_are_extracted():
    uploaded = clean_upload(HTML.encode(), filename="page.html")
    pasted = clean_text(HTML)
    assert uploaded.body == pasted.body == clean_html(HTML).body
    assert uploaded.raw_html == HTML


def test_html_without_article_text_is_refused():
    with pytest.raises(CleaningError, match="could not find the article text"):
        clean_html("<html><head><script>alert(1)</script></head><body></body></html>")


# Language ----------------------------------------------------------------------------


def test_non_english_text_gets_a_warning():
    cleaned = clean_text(
        "Le ministre chinois arrive à Moscou\n\n"
        "Le ministre chinois des Affaires étrangères est arrivé à Moscou pour des entretiens "
        "sur la sécurité avec les responsables russes, a indiqué le ministère dans un "
        "communiqué."
    )
    assert cleaned.language == "fr"
    assert any("does not look like English" in warning for warning in cleaned.warnings)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("China's foreign minister has travelled to Moscow for talks, the ministry said.", "en"),
        (
            "Der Außenminister ist zu Gesprächen nach Moskau gereist, teilte das Ministerium mit.",
            "de",
        ),
        ("Министр иностранных дел Китая прибыл в Москву для переговоров.", "ru"),
        ("中国外交部长王毅抵达莫斯科进行安全磋商。", "zh"),
        ("12 34", "und"),
    ],
)
def test_language_is_guessed(text, language):
    assert detect_language(text) == language


# Datelines and headlines kept in the body ---------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Posted: 12/09/2008 10:31 AM",
        "Updated: November 11, 2011 20:09 IST",
        "WEDNESDAY, APRIL 24TH, 2013 AT 10:40 AM",
        "Bali, November 12, 2007",
    ],
)
def test_a_date_line_left_in_the_body_is_metadata(line):
    assert is_metadata_line(tokenize(line))


@pytest.mark.parametrize(
    "line",
    [
        "Police said on Monday that 12 people were hurt in the blast.",
        "The vote is on November 12.",
        "Officials met in Bali.",
    ],
)
def test_a_sentence_with_a_date_is_not_metadata(line):
    assert not is_metadata_line(tokenize(line))


def test_a_headline_left_in_the_body_is_told_by_its_case():
    title = "Lawman's Unwavering Compass Led Him to White House Showdown"
    assert headline_case("body", title, tokenize(title))
    assert headline_case("headline", title, tokenize(title))
    shouted = "FALLOUT CONTINUES AFTER BRAZEN ESCAPE"
    assert headline_case("body", shouted, tokenize(shouted))
    # a sentence with a full stop is the article's, however many names it has
    sentence = "Vladimir Putin Met Xi Jinping In Moscow On Monday."
    assert not headline_case("body", sentence, tokenize(sentence))
    plain = "Officials said the talks in Moscow would go on."
    assert not headline_case("headline", plain, tokenize(plain))
