"""Two reports of one fuel-levy protest, written for the framing tests: the left
tells it through the organisers, the right through the police (issue 12)."""

LEFT = "\n\n".join(
    [
        "Fuel levy protest turns violent as police clash with marchers",
        "Thousands of protesters marched through the centre of Riverton on Saturday against"
        " the city's new fuel levy.",
        '"We came here peacefully and we were met with batons," said Rosa Mendes, one of the'
        " organisers.",
        "Police said 40 people were arrested after bottles were thrown at officers near the"
        " town hall.",
        "Mayor Daniel Okafor condemned the violence and said the levy was essential to keep the"
        " city's buses running.",
        "The protesters said they would march again next Saturday.",
    ]
)

RIGHT = "\n\n".join(
    [
        "Rioters attack police at fuel levy protest",
        "Rioters threw bottles at police officers outside Riverton town hall on Saturday,"
        " leaving three officers injured.",
        'Chief Superintendent Helen Varga said the crowd "turned violent within minutes".',
        '"Officers showed great restraint," Superintendent Varga told reporters.',
        "Police said 40 people were arrested.",
        "Mayor Daniel Okafor said the levy was essential and would not be scrapped.",
    ]
)
