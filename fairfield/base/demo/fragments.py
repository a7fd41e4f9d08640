"""Generated articles for large demo and benchmark sites, recombined from original sentence fragments.

The text reads plausibly at a glance but is filler: only the hand-written set in
writing.py is meant to be read.
"""

import random
from dataclasses import dataclass

THEMES = (
    "trust",
    "consent",
    "being believed",
    "coming off medication",
    "visiting a ward",
    "restraint",
    "hope",
    "waiting",
    "power",
    "listening",
    "staying well",
    "going home",
    "peer support",
    "family",
    "a diagnosis",
    "the night shift",
)
PLACES = (
    "the day room",
    "a kitchen table",
    "the ward corridor",
    "a library back room",
    "the bus stop outside the hospital",
    "a peer-run respite house",
    "the waiting room",
    "a park bench",
    "my sister's spare room",
    "the nurses' station",
)
PEOPLE = (
    "my mother",
    "a student nurse",
    "the woman in the next bed",
    "a peer worker",
    "my GP",
    "an old friend",
    "the consultant",
    "my brother",
    "a volunteer on the warmline",
    "a stranger on the train",
)
EVENTS = (
    "my discharge",
    "the tribunal",
    "the last dose",
    "the first visit",
    "the ward round",
    "the diagnosis",
    "the phone call",
    "the assessment",
    "the move home",
)

TITLES = (
    "What {place} taught me about {theme}",
    "Notes on {theme}",
    "After {event}",
    "On {theme}, again",
    "{Person} and the question of {theme}",
    "A year after {event}",
    "Letters about {theme}",
    "Three things I know about {theme}",
    "The long way round to {theme}",
    "Before and after {event}",
)
STANDFIRSTS = (
    "A reflection on {theme}, written slowly and shared with care.",
    "What changed after {event}, and what did not.",
    "A conversation at {place} that I keep coming back to.",
    "{Person}, {place}, and a lesson about {theme} that took years to learn.",
    "Some thoughts on {theme} for anyone who is in the middle of it.",
    "On {event}, and on who gets to tell the story of it.",
)
HEADINGS = (
    "Where it started",
    "What I did not expect",
    "The part nobody mentions",
    "Looking back",
    "What helped",
    "What I would say now",
    "Small things",
    "Still learning",
)
SENTENCES = (
    "For a long time I thought {theme} was something other people decided for me.",
    "{Person} was the first to ask me what I wanted, rather than what was wrong.",
    "I remember {place} more clearly than anything anyone said there.",
    "Nobody told me, before {event}, that it would take months to feel like myself again.",
    "Some days were mostly waiting, and the waiting was the hardest part.",
    "I kept a notebook, because writing things down made them mine.",
    "It is strange how a single kind sentence can outlast a whole file of notes.",
    "{Person} sat with me at {place} and did not try to fix anything.",
    "I learned that {theme} is something you practise, not something you are handed.",
    "Looking back at {event}, I can see how little of it I was asked about.",
    "There was no single turning point, only a lot of ordinary Tuesdays.",
    "We did not agree about everything, and we did not need to.",
    "I am not writing this to blame anyone; I am writing it so that it is said.",
    "What helped most was being treated as someone with a say in my own life.",
    "The forms had a box for almost everything except what mattered.",
    "{Person} said something about {theme} that I did not understand until much later.",
    "When I went back to {place} years afterwards, it was smaller than I remembered.",
    "I still have hard weeks, but they are mine now, and I have people to tell.",
    "It took me a long time to see that asking questions was not the same as causing trouble.",
    "Everyone in that room meant well, and still nobody asked me.",
    "Slowly, and with a lot of help, I found words for what had happened.",
    "There is a difference between being looked after and being listened to.",
    "I would like the next person at {place} to be asked sooner than I was.",
    "The night before {event} I did not sleep at all.",
)
QUOTES = (
    "You are allowed to go slowly.",
    "Nobody asked me what I needed; they told me what I had.",
    "The door was open, and that changed everything.",
    "I did not want to be managed. I wanted to be met.",
    "Being believed was the beginning, not the end.",
    "We compared notes, and we noticed when someone went quiet.",
)


@dataclass(frozen=True)
class GeneratedArticle:
    title: str
    standfirst: str
    blocks: list[tuple[str, str]]


def article_generate(rng: random.Random) -> GeneratedArticle:
    """One article of four to seven paragraphs, with a heading or a quote between some of them."""
    words = {
        "theme": rng.choice(THEMES),
        "place": rng.choice(PLACES),
        "event": rng.choice(EVENTS),
        "person": rng.choice(PEOPLE),
    }
    words["Person"] = words["person"][0].upper() + words["person"][1:]
    title = rng.choice(TITLES).format(**words)
    title = title[0].upper() + title[1:]
    blocks: list[tuple[str, str]] = []
    headings = rng.sample(HEADINGS, 3)
    for number in range(rng.randint(4, 7)):
        if number and number % 2 == 0 and headings:
            blocks.append(("heading", headings.pop()))
        elif number == 3:
            blocks.append(("quote", rng.choice(QUOTES)))
        sentences = rng.sample(SENTENCES, rng.randint(3, 5))
        blocks.append(("paragraph", "<p>" + " ".join(sentences).format(**words) + "</p>"))
    return GeneratedArticle(title=title, standfirst=rng.choice(STANDFIRSTS).format(**words), blocks=blocks)
