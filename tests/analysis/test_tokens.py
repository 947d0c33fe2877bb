import pytest

from newsdiff.analysis.tokens import (
    STOPWORDS,
    content_terms,
    normalize,
    stem,
    term_key,
    tokenize,
    word_surfaces,
)

from .seed_sentences import left_sentences, right_sentences


def keys(text: str) -> list[str]:
    return [key for key, _ in content_terms(text)]


def test_tokens_point_back_into_the_text():
    text = (
        "CHINA’S top official met U.S. President Joe Biden’s adviser, 9,899 times\u00a0— “twice”."
    )
    tokens = tokenize(text)
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert [t.text for t in tokens][:6] == [
        "CHINA’S",
        "top",
        "official",
        "met",
        "U.S.",
        "President",
    ]


def test_words_numbers_and_punctuation_are_told_apart():
    kinds = {t.text: t.kind for t in tokenize("On 18 September, 2,000 people left.")}
    assert kinds["18"] == kinds["2,000"] == "number"
    assert kinds["September"] == kinds["people"] == "word"
    assert kinds[","] == kinds["."] == "punct"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("U.S.", "US"),
        ("Nato", "NATO"),
        ("Biden’s", "Biden's"),
        ("China", "CHINA"),
        ("“", '"'),
        ("\u2014", "-"),
    ],
)
def test_variants_normalise_alike(a, b):
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("talks", "talk"),
        ("heading", "heads"),
        ("described", "describe"),
        ("stepped", "step"),
        ("meetings", "meet"),
        ("countries", "country"),
        ("released", "releases"),
        ("taking", "take"),
    ],
)
def test_light_stemming_joins_inflections(a, b):
    assert stem(a) == stem(b)


def test_stemming_leaves_other_scripts_and_short_words_alone():
    assert stem("москва") == "москва"
    assert stem("bus") == "bus"
    assert stem("analysis") == "analysis"


def test_function_words_and_punctuation_carry_no_term():
    assert keys("It was, as they said, all of it; and so it is!") == []


def test_the_country_us_is_a_term_but_the_pronoun_is_not():
    assert keys("The U.S. warned us") == ["us", "warn"]
    assert keys("US officials") == keys("U.S. officials")


def test_possessives_and_case_meet():
    assert keys("CHINA’S envoy") == keys("China's envoy") == keys("China envoy")


def test_an_all_caps_headline_has_no_acronyms():
    tokens = tokenize("REPORT: RED SOX MAKE HUGE OFFER TO TEIXEIRA")
    assert not any(t.acronym for t in tokens)
    assert "to" not in keys("REPORT: RED SOX MAKE HUGE OFFER TO TEIXEIRA")


def test_numbers_lose_their_thousands_separator():
    assert keys("2,000 troops") == keys("2000 troops")


def test_han_characters_are_terms_one_by_one():
    assert keys("中国外交部") == ["中", "国", "外", "交", "部"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Привет, мир!",
        "مرحبا بالعالم",
        "नमस्ते दुनिया",
        "🙂🙂",
        "_",
        "e\u0301te\u0301",
        "so so-so, so  so",
    ],
)
def test_any_text_tokenises_without_loss(text):
    tokens = tokenize(text)
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert "".join(t.text for t in tokens) == "".join(text.split())
    # each token where it stands: in order, with only whitespace between them
    gaps = zip([0] + [t.end for t in tokens], [t.start for t in tokens] + [len(text)], strict=True)
    assert all(text[a:b].strip() == "" and a <= b for a, b in gaps)


def test_term_key_of_punctuation_is_none():
    assert all(term_key(t) is None for t in tokenize(".,;:!?()[]—"))


def test_stopwords_are_normalised():
    assert "doesn't" in STOPWORDS
    assert all(w == w.lower() and "’" not in w for w in STOPWORDS)


def test_the_fast_word_list_matches_the_full_tokeniser():
    texts = [s.text for s in left_sentences() + right_sentences()]
    texts += ["U.S.-led order, 9,899 in 1990s; G7 e\u0301te\u0301 中国外交部 — “quoted”"]
    for text in texts:
        assert word_surfaces(text) == [t.text for t in tokenize(text) if t.kind != "punct"]


def test_number_words_are_the_numbers_they_name():
    assert keys("Three pirates, twelve hostages and 3 boats") == [
        "3",
        "pirat",
        "12",
        "hostag",
        "3",
        "boat",
    ]
    assert keys("an eight-year deal") == ["8", "year", "deal"]
    assert keys("one of them") == []  # "one" stays a function word
