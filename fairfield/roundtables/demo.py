"""Sample round tables for load_demo: one finished, one running in its second round.

Every turn goes through the round-table services with a clock set in the past, as a real table would run.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from fairfield.accounts.models import Relationship, User
from fairfield.accounts.roles import Role
from fairfield.base.demo.accounts import demo_email, demo_password_hash
from fairfield.roundtables import services
from fairfield.roundtables.models import MarkChoice, RoundTable, Seat, Stakeholder, Turn, TurnStatus

PASS, MISS = "<pass>", "<miss>"

FINISHED = {
    "slug": "who-decides-what-counts-as-a-crisis",
    "question": "Who decides what counts as a crisis?",
    "framing": (
        "The word “crisis” opens doors: to a bed, to a police car, to a section. This table asks who gets to say "
        "the word, and what should happen when they do. Five seats, three rounds, 250 words a turn for everyone."
    ),
    "rounds": 3,
    "words": 250,
    "seats": [
        (Stakeholder.SURVIVOR, "Marram", "marram", [Relationship.SURVIVOR]),
        (Stakeholder.FAMILY, "Juniper", "juniper", [Relationship.FAMILY]),
        (Stakeholder.PSYCHIATRIST, "Ash", "ash", [Relationship.PROFESSIONAL]),
        (Stakeholder.POLICE, "Flint", "flint", [Relationship.PROFESSIONAL]),
        (Stakeholder.SURVIVOR, "Tansy", "tansy", [Relationship.SURVIVOR, Relationship.PEER_WORKER]),
    ],
    # In speaking order per round: round 1 has the survivor seats first, then each round rotates by one.
    "turns": [
        {
            "Marram": (
                "I have been called “in crisis” on days when I was clear and angry, and nobody used the word on the "
                "days I was quietly disappearing. The word seems to follow how much noise I make, not how much pain "
                "I am in. I would like the first question to be mine: what is happening, and what would help?"
            ),
            "Tansy": (
                "On the crisis line I answer calls from people who have already been told by three services that "
                "they are not ill enough. Then, a week later, someone decides they are too ill to be asked. The "
                "threshold moves, and it is never the caller who moves it."
            ),
            "Juniper": (
                "I once rang the police for my son because I did not know who else would come at two in the "
                "morning. They came kindly enough. He has not trusted me since. I made a decision about his crisis "
                "because I had no one to ask."
            ),
            "Ash": (
                "I recognise what Marram describes. Services respond to disturbance because disturbance is what "
                "reaches us; quiet despair does not ring a bell. That is a fault in how we are reached, not a "
                "judgement that one is worse than the other."
            ),
            "Flint": (
                "I am often the first to arrive because we are the only ones who always answer. I have no training "
                "for most of it and I would rather not be the one deciding. A uniform at the door changes the room "
                "before I have said a word."
            ),
        },
        {
            "Tansy": (
                "Everyone here has said they do not want to be the one deciding, and yet somebody always decides. "
                "What if the person at the centre were asked first, every time, and their answer written down "
                "before anyone else's?"
            ),
            "Juniper": (
                "I would have given a lot for someone to call at two in the morning who was not the police and not "
                "a hospital. Someone who had been there. I did not need a decision; I needed company while my son "
                "and I worked it out."
            ),
            "Ash": PASS,
            "Flint": (
                "If the only door that opens at night has an officer behind it, every crisis becomes a police "
                "matter. I would hand my place in those calls to a night service run by people who have lived it, "
                "and I would back it publicly."
            ),
            "Marram": (
                "Being asked first would change everything, but only if the answer can change what happens. I have "
                "been asked and then overruled; that is worse than not being asked, because it teaches you that "
                "speaking is pointless."
            ),
        },
        {
            "Juniper": (
                "I came thinking this was about services. I leave thinking it is about who gets believed. I will "
                "ask my son what he wants written down for next time, and keep it where I can find it at night."
            ),
            "Ash": (
                "I passed last round because I had nothing useful to add. Here is something: an advance statement "
                "that a person wrote when well should be read before a clinician writes anything. I will argue for "
                "that where I work, and report back to this table's readers."
            ),
            "Flint": MISS,
            "Marram": (
                "Two things are agreed here that have never been agreed in any room I have been in. That is not "
                "nothing. The test is whether the next person in my position is asked first and listened to."
            ),
            "Tansy": (
                "A night service run by survivors is not a dream; some places have one. What they lack is money "
                "and the trust of the people who refer to them. Both can be decided by the kind of people at this "
                "table."
            ),
        },
    ],
    "notes": {
        1: "Round 2 asks a narrower question: who should be called at night, and who should not?",
        2: "A reader asks whether advance statements could help. The last round is yours to answer as you wish.",
    },
    "statements": [
        (
            2,
            "Marram",
            "The person in distress should be asked what they need before anyone else decides what they need.",
            dict.fromkeys(("Marram", "Juniper", "Ash", "Flint", "Tansy"), (MarkChoice.AGREE, "")),
        ),
        (
            2,
            "Flint",
            "Police officers should not be the first response to a mental-health call at night.",
            {
                "Marram": (MarkChoice.AGREE, ""),
                "Juniper": (MarkChoice.AGREE, ""),
                "Ash": (MarkChoice.DISAGREE, "Sometimes there is a real danger, and someone must be able to come."),
                "Flint": (MarkChoice.AGREE, ""),
                "Tansy": (MarkChoice.PASS, "Not without the night service in place first."),
            },
        ),
    ],
}

RUNNING = {
    "slug": "what-would-make-a-locked-door-the-last-resort",
    "question": "What would make a locked door the last resort?",
    "framing": (
        "Seclusion and locked wards are meant to be used only when nothing else will do. This table asks what "
        "“nothing else” would have to include before a door is locked. Four seats, four rounds, 300 words a turn."
    ),
    "rounds": 4,
    "words": 300,
    "seats": [
        (Stakeholder.SURVIVOR, "Sedge", "sedge", [Relationship.SURVIVOR]),
        (Stakeholder.NURSE, "Holly", "holly", [Relationship.PROFESSIONAL]),
        (Stakeholder.LAW, "Birch", "birch", [Relationship.PROFESSIONAL]),
        (Stakeholder.SURVIVOR, "Clover", "clover", [Relationship.SURVIVOR]),
    ],
    "turns": [
        {
            "Sedge": (
                "The first time the door was locked on me I had asked to go outside for ten minutes. I was told "
                "there were not enough staff to take me. I got louder, and then there were enough staff to hold "
                "me down. The last resort came very quickly."
            ),
            "Clover": (
                "I want to name what a locked door is for the person behind it: a message that you are dangerous. "
                "That message stays long after the door opens. Any list of alternatives has to count that harm."
            ),
            "Holly": MISS,
            "Birch": (
                "The law already says seclusion must be the least restrictive option. In the hearings I sit in, "
                "nobody asks what was tried first, because nobody wrote it down. A record of what was offered would "
                "change what a tribunal can see."
            ),
        },
        {
            "Clover": (
                "Birch is right that the record matters, but records are written by the people who locked the "
                "door. I would ask for the person's own account to sit next to the staff account, unedited."
            ),
            "Holly": (
                "I missed the first round because of night shifts, which is rather the point. On a short-staffed "
                "ward, the locked door is the tool that does not need a second nurse. Give me the second nurse and "
                "I will use the door far less."
            ),
        },
    ],
    "notes": {1: "Holly's turn closed in round 1 before she could write; she speaks second in round 2."},
    "statements": [],
}


def _participant(local_part: str, pseudonym: str, relationships) -> User:
    user = User.objects.filter(email=demo_email(local_part)).first()
    if user is None:
        user = User.objects.create(
            pseudonym=pseudonym,
            email=demo_email(local_part),
            password=demo_password_hash(),
            relationships=list(relationships),
        )
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        user.groups.add(*Group.objects.filter(name=Role.MEMBER))
    return user


def _facilitator() -> User:
    return User.objects.filter(email=demo_email("odette")).first() or _participant(
        "odette", "Odette", [Relationship.ALLY]
    )


def _load(spec: dict, *, started: timezone.datetime, facilitator: User) -> RoundTable:
    people = {
        name: _participant(f"rt-{local}", f"{name} at the table", rels) for _k, name, local, rels in spec["seats"]
    }
    table = services.table_create(
        question=spec["question"],
        slug=spec["slug"],
        framing=spec["framing"],
        facilitator=facilitator,
        starts_at=started,
        rounds_total=spec["rounds"],
        turn_words=spec["words"],
        seats=[{"stakeholder": kind} for kind, _name, _local, _rels in spec["seats"]],
    )
    seats = {}
    for seat, (_kind, name, _local, _rels) in zip(table.seats.order_by("position"), spec["seats"], strict=True):
        Seat.objects.filter(pk=seat.pk).update(
            holder=people[name], display_name=name, accepted_at=started, consented_to_publication=True
        )
        seat.refresh_from_db()
        seats[name] = seat
    clock = started
    services.table_start(table=table, now=clock)
    for number, turns in enumerate(spec["turns"], start=1):
        if number - 1 in spec["notes"] and number > 1:
            services.note_post(table=table, actor=facilitator, body=spec["notes"][number - 1], now=clock)
        for statement_round, proposer, text, marks in spec["statements"]:
            if statement_round == number:
                statement = services.statement_propose(table=table, user=people[proposer], text=text, now=clock)
                for name, (choice, reason) in marks.items():
                    services.statement_mark(
                        statement=statement, user=people[name], choice=choice, reason=reason, now=clock
                    )
        for name, text in turns.items():
            seat = seats[name]
            turn = Turn.objects.get(round__table=table, round__number=number, seat=seat)
            if turn.status != TurnStatus.OPEN:
                raise RuntimeError(f"The demo script is out of order: {name} is not next in round {number}.")
            if text == MISS:
                clock = turn.deadline
                services.tables_tick(now=clock)
            elif text == PASS:
                clock += timedelta(hours=20)
                services.turn_pass(seat=seat, user=people[name], now=clock)
            else:
                clock += timedelta(hours=20)
                services.turn_post(seat=seat, user=people[name], body=text, now=clock)
    return table


def demo_load(*, seed=None) -> str:
    if RoundTable.objects.filter(slug__in=[FINISHED["slug"], RUNNING["slug"]]).exists():
        return "Round tables: already there."
    now = timezone.now()
    facilitator = _facilitator()
    _load(FINISHED, started=now - timedelta(days=60), facilitator=facilitator)
    # The running table's clock ends an hour ago, so the open turn has nearly its whole week left.
    spoken = sum(text != MISS for turns in RUNNING["turns"] for text in turns.values())
    started = now - timedelta(hours=1) - timedelta(hours=20) * spoken - timedelta(days=7)
    _load(RUNNING, started=started, facilitator=facilitator)
    return "Round tables: one finished table and one running in round 2."
