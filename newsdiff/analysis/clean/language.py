"""Which language a text is in: a light heuristic, enough to warn that
alignment and framing are tuned for English."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

NOT_ENGLISH_WARNING = (
    "This text does not look like English{guess}; alignment and framing are tuned for English."
)


_FUNCTION_WORDS = {
    "en": "the of and to in a is that for it was on with as he she said by at from his her "
    "an be have has are were which this but not they who had been will their its would",
    "fr": "le la les de des du un une et est en que qui dans pour pas sur au aux il elle ce "
    "par plus avec sont été cette ont",
    "de": "der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch "
    "es an als wird bei hat sind",
    "es": "el la los las de del y que en un una es por con para se no al lo como más pero "
    "sus ha fue",
    "it": "il la di che e è un una per non con del della dei le si da al sono anche come "
    "ha nel gli",
    "pt": "o a os as de do da dos das e que em um uma para com não por se na no mais foi ao",
    "nl": "de het een en van is dat op te in voor niet met zijn er aan die ook als bij",
}
_FUNCTION_SETS = {code: set(words.split()) for code, words in _FUNCTION_WORDS.items()}
_SCRIPTS = {
    "CYRILLIC": "ru", "GREEK": "el", "ARABIC": "ar", "HEBREW": "he", "CJK": "zh",
    "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko", "DEVANAGARI": "hi", "THAI": "th",
    "BENGALI": "bn", "TAMIL": "ta", "GEORGIAN": "ka", "ARMENIAN": "hy",
}  # fmt: skip
_LANGUAGE_NAMES = {
    "fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "nl": "Dutch", "ru": "Russian or another language in Cyrillic script", "el": "Greek",
    "ar": "Arabic", "he": "Hebrew", "zh": "Chinese", "ja": "Japanese", "ko": "Korean",
    "hi": "Hindi", "th": "Thai", "bn": "Bengali", "ta": "Tamil", "ka": "Georgian",
    "hy": "Armenian",
}  # fmt: skip
_LATIN_WORD = re.compile(r"[^\W\d_]+")
_ASCII_LETTERS = re.compile(r"[A-Za-z]")
_ASCII = re.compile(r"[\x00-\x7f]+")


def detect_language(text: str) -> str:
    """``"en"`` for English, else a best-guess ISO 639-1 code, or ``"und"`` when unsure.

    A light heuristic: the script of the letters, then the share of each
    language's commonest function words.
    """
    scripts: Counter[str] = Counter()
    sample = text[:20000]
    scripts["LATIN"] = len(_ASCII_LETTERS.findall(sample))
    for ch in _ASCII.sub("", sample):
        if ch.isalpha():
            name = unicodedata.name(ch, "") if ord(ch) >= 0x250 else "LATIN"
            scripts[name.split(" ")[0] if name else "?"] += 1
    letters = sum(scripts.values())
    if not letters:
        return "und"
    other = {script: n for script, n in scripts.items() if script != "LATIN"}
    if sum(other.values()) > letters / 2:
        if scripts["HIRAGANA"] + scripts["KATAKANA"]:
            return "ja"
        script = max(other, key=lambda s: other[s])
        return _SCRIPTS.get(script, "und")
    words = Counter(w.lower() for w in _LATIN_WORD.findall(sample))
    total = sum(words.values())
    if total < 5:
        return "und"
    shares = {
        code: sum(words[w] for w in vocabulary) / total
        for code, vocabulary in _FUNCTION_SETS.items()
    }
    best = max(shares, key=lambda code: shares[code])
    if shares["en"] >= 0.12 and shares["en"] >= shares[best] * 0.9:
        return "en"
    return best if shares[best] >= 0.1 else "und"
