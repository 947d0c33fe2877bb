"""The two seed reports as segmented sentences, written out by hand.

Until cleaning and segmentation are wired in, the alignment tests start from
these: the headline, the standfirst (right only), then the body's sentences
with their paragraph numbers, as a correct segmenter would give them. Offsets
point into the headline, the standfirst or the body built from the paragraphs
(joined by one blank line).
"""

from __future__ import annotations

from newsdiff.analysis.types import Sentence

LEFT_FILE = "000_abca97e62226170e.txt"  # Morning Star
RIGHT_FILE = "002_949427fbf105c65a.txt"  # The Independent, via AP

LEFT_HEADLINE = (
    "China's foreign minister heads to Moscow for talks after meeting US national security adviser"
)
LEFT_PARAGRAPHS: tuple[tuple[str, ...], ...] = (
    (
        "CHINA’S top foreign policy official travelled\u00a0to Russia today for security talks "
        "after two days of meetings with US President Joe Biden’s national security adviser "
        "over the weekend in Malta.",
    ),
    (
        "Foreign Minister Wang Yi will be in Russia until Thursday for a round of China-Russia "
        "strategic security consultations, the Foreign Ministry said in a brief statement.",
    ),
    (
        "The conflict in Ukraine was one of the key areas of discussion between Mr Wang and US "
        "National Security Adviser\u00a0Jake Sullivan.",
    ),
    (
        "Both sides later described the talks as candid, substantive and constructive as they "
        "try to manage differences over security, trade, technology and human rights.",
    ),
    ("Specifics of their talks were not released.",),
    (
        "China has not taken sides in the Ukraine war, saying that while a country'’ territory "
        "must be respected, the US and its\u00a0allies must also respect Russia’s security "
        "concerns about the eastwards expansion of Nato.",
    ),
    (
        "China also put forward a pathway to end the conflict back in February and has\u00a0since "
        "been engaged in shuttle diplomacy between Kiev and Moscow.",
    ),
    (
        "As well as the respect for sovereignty the Chinese 12-point plan covered the need to "
        "abandon the cold war mentality, a ceasefire, a resumption of direct peace talks, "
        "resolving the humanitarian crisis, protecting civilians and prisoners of war, keeping "
        "nuclear power plants safe, reducing strategic risks and facilitating the export of "
        "grain across the globe.",
    ),
    (
        "The plan also called for the end of unilateral sanctions, maintaining the stability of "
        "industrial and supply chains and the promotion of post-conflict reconstruction.",
    ),
    ("However, the plans were given a frosty reception from Ukraine and the US.",),
    (
        "Mr Wang stepped down as foreign minister at the end of last year, taking on the more "
        "senior position of Communist Party foreign affairs chief, but was called back as "
        "foreign minister alongside the party role in July.",
    ),
)

RIGHT_HEADLINE = (
    "China's foreign minister Wang Yi heads to Moscow after meeting US national security adviser"
)
RIGHT_STANDFIRST = (
    "China’s top foreign policy official is heading to Russia for security talks after two days "
    "of meetings with U.S. President Joe Biden’s national security adviser over the weekend in "
    "Malta"
)
RIGHT_PARAGRAPHS: tuple[tuple[str, ...], ...] = (
    (
        "China's top foreign policy official is heading to Russia for security talks after two "
        "days of meetings with U.S. President Joe Biden's national security adviser over the "
        "weekend in Malta.",
    ),
    (
        "Foreign Minister Wang Yi, who simultaneously holds the ruling Communist Party's top "
        "foreign policy post, will be in Russia from Monday to Thursday for a round of "
        "China-Russia strategic security consultations, the Foreign Ministry said in a brief "
        "statement.",
    ),
    (
        "The U.S. and China are at odds over Russia's invasion of Ukraine.",
        "China has refrained from taking sides in the war, saying that while a country's "
        "territory must be respected, the West needs to consider Russia's security concerns "
        "about NATO expansion.",
        "It has accused the U.S. of prolonging the fighting by providing arms to Ukraine, "
        "weaponry that the U.S. says is needed to defend against Russian aggression.",
    ),
    (
        "China and Russia have grown closer in recent years as relations with the West have "
        "deteriorated for both.",
        "China is looking for support as it seeks to reshape the U.S.-led international order "
        "into one that is more accommodating to its approach.",
        "Last month, it helped engineer an expansion of the BRICS partnership, which invited six "
        "more countries to join what has been a five-nation bloc that includes China and Russia.",
    ),
    (
        "Wang discussed the situation in Ukraine in his weekend meetings with U.S. national "
        "security adviser Jake Sullivan.",
        "Both sides described the talks as candid, substantive and constructive as they try to "
        "stabilize their rocky relationship and manage differences over security, trade, "
        "technology and human rights.",
        "Specifics of their talks were not released.",
    ),
    (
        "Wang stepped down as foreign minister at the end of last year, taking on the more "
        "senior position of Communist Party foreign affairs chief, but was called back as "
        "foreign minister in July after his successor, Qin Gang, disappeared from public view.",
        "It's unclear what happened to Qin, but he may have fallen out of favor with the "
        "leadership.",
    ),
    (
        "More recently, China's defense minister, Li Shangfu, also has not been seen in about "
        "three weeks, sparking speculation about his fate.",
        "It's unusual for two sitting Cabinet members to disappear from sight, though it doesn't "
        "appear to signal any obvious change in defense or foreign policy.",
    ),
)


def _sentences(
    headline: str, standfirst: str, paragraphs: tuple[tuple[str, ...], ...]
) -> list[Sentence]:
    out = [Sentence(0, headline, "headline", 0, 0, len(headline))]
    if standfirst:
        out.append(Sentence(len(out), standfirst, "standfirst", 0, 0, len(standfirst)))
    body = ""
    for number, paragraph in enumerate(paragraphs, start=1):
        if body:
            body += "\n\n"
        for k, text in enumerate(paragraph):
            if k:
                body += " "
            out.append(Sentence(len(out), text, "body", number, len(body), len(body) + len(text)))
            body += text
    return out


def left_sentences() -> list[Sentence]:
    """The Morning Star report: 12 sentences (headline, then 11 one-sentence paragraphs)."""
    return _sentences(LEFT_HEADLINE, "", LEFT_PARAGRAPHS)


def right_sentences() -> list[Sentence]:
    """The AP report: 17 sentences (headline, standfirst, then 15 in 7 paragraphs)."""
    return _sentences(RIGHT_HEADLINE, RIGHT_STANDFIRST, RIGHT_PARAGRAPHS)


def body_text(paragraphs: tuple[tuple[str, ...], ...]) -> str:
    """The cleaned body the offsets point into."""
    return "\n\n".join(" ".join(p) for p in paragraphs)
