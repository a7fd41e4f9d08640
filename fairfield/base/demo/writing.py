"""The demo's hand-written sections, authors and articles.

Every person, place and service here is invented. Authors are named by the local
part of their demo e-mail address, so an article can also be by a role account
(the News piece is by the demo contributor).
"""

from dataclasses import dataclass

from fairfield.accounts.models import Relationship


@dataclass(frozen=True)
class DemoSection:
    slug: str
    title: str
    description: str


@dataclass(frozen=True)
class DemoPerson:
    local_part: str
    pseudonym: str
    relationships: tuple[str, ...]
    about: str = ""


@dataclass(frozen=True)
class DemoArticle:
    section: str
    slug: str
    title: str
    standfirst: str
    author: str | None
    days_ago: int
    blocks: tuple[tuple[str, str], ...]


SECTIONS = (
    DemoSection("blogs", "Blogs", "Opinion and reflection from survivors, families and professionals."),
    DemoSection("personal-stories", "Personal Stories", "First-person accounts, told the way their writers chose."),
    DemoSection("news", "News", "What is changing in services, law and peer support, and who it affects."),
    DemoSection("research", "Research", "Studies read by the people they are about, and research led by them."),
)

AUTHORS = (
    DemoPerson(
        "juniper",
        "Juniper",
        (Relationship.SURVIVOR,),
        "Songwriter, slow taperer, keeper of a very full notebook.",
    ),
    DemoPerson("marguerite", "Marguerite", (Relationship.FAMILY,), "Mother of two, retired librarian."),
    DemoPerson(
        "sam-on-nights",
        "Sam on Nights",
        (Relationship.PROFESSIONAL,),
        "Mental-health nurse on an acute ward, mostly on nights.",
    ),
    DemoPerson("elm", "Elm", (Relationship.SURVIVOR, Relationship.PEER_WORKER), "Peer supporter at a respite house."),
    DemoPerson("fenwick", "Fenwick", (Relationship.SURVIVOR,)),
    DemoPerson(
        "kit-ellery",
        "Kit Ellery",
        (Relationship.SURVIVOR,),
        "Survivor researcher; asks questions with people, not about them.",
    ),
    DemoPerson("odette", "Odette", (Relationship.ALLY,), "Facilitator of Fairfield's round tables."),
    DemoPerson(
        "dr-anwen",
        "Dr Anwen",
        (Relationship.PROFESSIONAL,),
        "Consultant psychiatrist in a public hospital. Positionality statement in every piece.",
    ),
    DemoPerson("bram", "Bram", (Relationship.FAMILY,), "Father, cyclist, recovering know-it-all."),
)


def _p(text: str) -> tuple[str, str]:
    return ("paragraph", f"<p>{text}</p>")


def _h(text: str) -> tuple[str, str]:
    return ("heading", text)


def _q(text: str) -> tuple[str, str]:
    return ("quote", text)


ARTICLES = (
    DemoArticle(
        section="personal-stories",
        slug="coming-off-slowly",
        title="Coming off, slowly",
        standfirst=(
            "Eighteen months, an oral syringe, a patient GP and a Tuesday group: how I came off the "
            "antipsychotic I was told I would take for life."
        ),
        author="juniper",
        days_ago=2,
        blocks=(
            _p(
                "<em>This is my experience, not medical advice. Stopping a psychiatric drug quickly can be "
                "dangerous; if you are thinking about it, find someone who will go slowly with you.</em>"
            ),
            _p(
                "I was twenty-three when a doctor I had known for eleven minutes told me I would need the tablets "
                "for the rest of my life. I believed him for nine years. I believed him through the weight I "
                "gained, through mornings when thinking felt like wading through wet sand, through the slow loss "
                "of the songs I used to write. It did not occur to me that “for life” was a prediction someone "
                "had made, not a fact about me."
            ),
            _h("Finding someone who would listen"),
            _p(
                "The first GP I asked said it was not her decision. The second said it was too risky. The third, "
                "a quiet woman near the end of her career, asked me what I wanted my life to look like in five "
                "years, and then what I was afraid would happen if I stopped. Nobody had asked me either question "
                "before. We agreed on a plan: small cuts, each held for weeks, and a promise that if things went "
                "badly we would pause, not panic."
            ),
            _p(
                "The pharmacy could not supply the small doses I needed, so I learned to dissolve the tablets and "
                "measure them with an oral syringe. My kitchen began to look like a laboratory. I kept a notebook: "
                "sleep, mood, the ringing in my ears, whether I had laughed that day. Some weeks the notebook was "
                "mostly laughing. Some weeks it was mostly ringing."
            ),
            _q(
                "The withdrawal was not my old illness coming back. Learning to tell those two apart was the "
                "hardest thing I have ever done."
            ),
            _p(
                "What got me through was a group that met on Tuesday evenings in the back room of a library. Six "
                "or seven of us, all at different points in tapering, none of us experts in anything but our own "
                "bodies. We did not tell each other what to do. We compared notes, we noticed when someone had "
                "gone quiet, and we brought biscuits. When I cut too fast in the spring and stopped sleeping, it "
                "was someone in that room who said: you are allowed to go back up a step."
            ),
            _h("Where I am now"),
            _p(
                "I took my last dose on a grey Thursday in November. I did not celebrate; I was too tired. But "
                "the following spring I picked up my guitar and my hands remembered more than I expected. I am "
                "not cured of anything, and I still have hard weeks. The difference is that the hard weeks are "
                "mine now, and I have people to tell about them."
            ),
        ),
    ),
    DemoArticle(
        section="personal-stories",
        slug="visiting-hours",
        title="Visiting hours",
        standfirst="A mother on the long stairs, the locked door, and the twenty minutes she is given with her son.",
        author="marguerite",
        days_ago=5,
        blocks=(
            _p(
                "The ward is on the fourth floor, and the lift takes so long that I have learned to use the "
                "stairs. I count them on the way up — eighty-four — because counting is something to do with the "
                "fear. At the top there is a door with a small window and a bell. I ring it, and I wait to be "
                "looked at through the glass before I am let in."
            ),
            _p(
                "My son is twenty-six. He has been here for five weeks. On the phone he sounds far away, as if he "
                "is speaking from the bottom of a well, and I cannot tell whether that is the medication, the "
                "illness they say he has, or simply what happens to anyone kept in a building where the windows "
                "do not open."
            ),
            _h("What I bring"),
            _p(
                "I bring clean clothes, the oranges he likes, and a paperback I know he will not read. The staff "
                "check the bag. One nurse, a young man with a tired, kind face, always asks me how I am doing, and "
                "I always say fine, and we both know it is not true. Another looks at the oranges as though I am "
                "smuggling something in. I have stopped taking it personally. They are worn out too."
            ),
            _q(
                "I want to be told what is happening to my child, and I want him to have the privacy any adult "
                "deserves. I have not found a way to want both without it hurting."
            ),
            _p(
                "Most visits we sit in the day room with the television on. Sometimes he talks about the food, or "
                "a man on the ward who sings at night. Once he held my hand, the way he did when he was small, and "
                "said he was sorry for frightening me. I told him he had nothing to apologise for. I did not tell "
                "him that I lie awake wondering which signs I missed, and whether I should have called someone "
                "sooner, or not at all."
            ),
            _p(
                "When the twenty minutes are over a nurse says “time”, gently, and I go back down the eighty-four "
                "stairs. I do not know how this ends. What I know is that I will be back on Thursday, that he "
                "knows I will be, and that on some weeks that is the only promise either of us can keep."
            ),
        ),
    ),
    DemoArticle(
        section="blogs",
        slug="what-stays-with-me-after-a-restraint",
        title="What stays with me after a restraint",
        standfirst="A mental-health nurse on the part of the shift that never makes it into the notes.",
        author="sam-on-nights",
        days_ago=8,
        blocks=(
            _p("<em>Content note: this piece describes physical restraint on a psychiatric ward.</em>"),
            _p(
                "I have been a mental-health nurse for eleven years, most of them on nights. I have taken part in "
                "more restraints than I can count, and I have written up every one in the same flat language the "
                "forms ask for: time, duration, position, staff involved, injuries none. The forms do not have a "
                "box for what it is like to hold a frightened person face-down on a linoleum floor."
            ),
            _h("The notes and the night"),
            _p(
                "What I remember is small things. The sound a man made when his cheek touched the floor. A woman "
                "who kept saying my name, because she had learned it earlier that evening when I brought her tea. "
                "The way, afterwards, the whole ward goes very quiet, and everyone who watched from a doorway now "
                "knows what we are capable of."
            ),
            _q(
                "We call it managing an incident. The person on the floor calls it the worst night of their life. "
                "We are describing the same ten minutes."
            ),
            _p(
                "I do not think I am a cruel person, and I do not think my colleagues are. But I have come to "
                "believe that we reach for restraint because the ward is built for it: too few staff, too many "
                "people in distress, a culture where being seen to be in control matters more than being seen to "
                "be kind. When we tried calmer handovers and one extra person on the late shift, restraints fell. "
                "Nobody wrote a paper about it. The funding ended."
            ),
            _p(
                "I have started doing something that is in no policy. After a restraint, once things have "
                "settled, I ask the person whether they want to talk about it — not so that I can explain myself, "
                "but to listen. Most say no. A few have told me exactly what it was like. It is the hardest part "
                "of my job, and I think it is the most important."
            ),
            _p(
                "If you have been restrained and you are reading this: I am sorry. I cannot speak for the nurses "
                "who held you. I can tell you that some of us remember, and some of us are trying to make it "
                "happen less."
            ),
        ),
    ),
    DemoArticle(
        section="blogs",
        slug="a-house-with-the-door-open",
        title="A house with the door open",
        standfirst=(
            "Notes from a week at a peer-run respite house, where guests come and go as they choose and nobody "
            "wears a lanyard."
        ),
        author="elm",
        days_ago=12,
        blocks=(
            _p(
                "Linden House is an ordinary terraced house on an ordinary street. There are four bedrooms for "
                "guests, a kitchen that is always slightly too warm, and a garden with a bench somebody painted "
                "yellow years ago. People come here for up to a week when things are falling apart. They come "
                "because they asked to, and they can leave whenever they want."
            ),
            _p(
                "I work here as a peer supporter, which means I have been through something like what our guests "
                "are going through, and I say so. I am not there to assess anyone. I hold no keys except to the "
                "front door, and the front door is open."
            ),
            _h("A day at the house"),
            _p(
                "Mornings are slow. Someone is usually up before me, sitting with tea at the kitchen table. We "
                "talk, or we don't. Later there might be a walk to the park, a phone call someone has been "
                "dreading, a long afternoon of nothing in particular. In the evening we cook together, and the "
                "rule is that whoever cooks does not wash up. That rule has prevented more arguments than any "
                "policy I have read."
            ),
            _q(
                "On her first night she asked me what she had to do to be allowed to stay. I said: nothing. She "
                "cried for a long time after that."
            ),
            _p(
                "Not every stay goes well. Sometimes a guest needs more than we can give, and we help them find "
                "it, on their terms, with their say over who is called. More often what people need is a quiet "
                "room, someone awake at three in the morning, and the experience of being treated as the expert "
                "on their own life."
            ),
            _p(
                "We are funded year to year, and every year we have to prove again that a house with the door "
                "open is not reckless. I understand why the question is asked. I would only like someone to ask "
                "it just as often about the buildings whose doors are locked."
            ),
        ),
    ),
    DemoArticle(
        section="blogs",
        slug="a-letter-on-the-word-non-compliant",
        title="A letter from a reader: on the word “non-compliant”",
        standfirst="A reader writes about the word that followed them from one hospital file to the next.",
        author="fenwick",
        days_ago=16,
        blocks=(
            _p("Dear Fairfield,"),
            _p(
                "I have been reading you for about a year, mostly late at night, and I have never written to a "
                "magazine before. I am writing because of one word, and because last month, when I finally asked "
                "to see my records, I found out how many times it had been written about me."
            ),
            _p(
                "The word is “non-compliant”. It appears forty-one times in my file. It appears when I asked about "
                "side effects. It appears when I missed an appointment because the bus did not come. It appears "
                "once when I said, politely, that I would like a second opinion. Reading it over and over, I "
                "began to feel like a machine that had failed to do what it was built for."
            ),
            _q(
                "Nobody ever wrote “the patient asked a reasonable question”. "
                "Nobody wrote “we did not explain this well”."
            ),
            _p(
                "I am not writing to blame any one doctor. Most of them were rushed and some of them were kind. I "
                "am writing because words in a file travel further than the people who write them. A new doctor "
                "reads “non-compliant” before they meet me, and by the time I sit down they have decided who I am."
            ),
            _p(
                "So my request to any professional reading this is small. When someone does not do what you "
                "suggested, write down what they said about why — in their words, if you can. It may be the most "
                "useful thing in the file."
            ),
            _p("With thanks for the space,<br>Fenwick"),
        ),
    ),
    DemoArticle(
        section="research",
        slug="what-people-told-us-about-discharge-day",
        title="What people told us about the day they were discharged",
        standfirst=(
            "A small, peer-led listening project asked people about leaving hospital. The answers were less about "
            "medication than about keys, money and who was waiting at home."
        ),
        author="kit-ellery",
        days_ago=21,
        blocks=(
            _p(
                "Last year four of us, all people who have been in psychiatric hospital ourselves, spent six "
                "months asking others about one day: the day they were discharged. We were not a university team "
                "and we had no grant. We had a recorder, a set of open questions, and the trust that comes from "
                "being able to say “me too”."
            ),
            _h("How we went about it"),
            _p(
                "We met people in community centres, in cafés and, twice, on a park bench, because that was where "
                "the person felt safest. Everyone chose their own pseudonym and could stop at any point. "
                "Afterwards each person read a summary of what they had told us and could change or remove "
                "anything. Three people removed parts. We think that is exactly how it should work."
            ),
            _h("What we heard"),
            _p(
                "We expected to hear about medication. Mostly we heard about practical things. People were sent "
                "home on a Friday afternoon to a house with no food in it. Keys had been lost during the "
                "admission. Benefits had stopped. Several people said the first time anyone asked how they would "
                "manage was when they were already standing at the ward door holding a plastic bag."
            ),
            _q("They gave me a leaflet with a phone number. I rang it on the Saturday. It was closed until Monday."),
            _p(
                "The people whose first week went well had one thing in common: someone they had chosen was "
                "expecting them. Sometimes that was family; often it was a friend or a peer worker; once it was a "
                "neighbour who had been feeding the cat. It was nobody's job. It was a relationship."
            ),
            _p(
                "What we gathered is not statistics and we do not pretend it is. But it points to questions that "
                "larger studies rarely ask, and we would welcome researchers who want to ask them with us rather "
                "than about us."
            ),
        ),
    ),
    DemoArticle(
        section="personal-stories",
        slug="nobody-asked-me",
        title="Nobody asked me",
        standfirst="A personal story, told anonymously, about an admission at nineteen.",
        author=None,
        days_ago=33,
        blocks=(
            _p("<em>Content note: this story describes involuntary admission and forced medication.</em>"),
            _p(
                "I was nineteen and in my first year away from home. I had not slept properly for weeks and I "
                "was saying things that frightened my flatmates. I understand now why they were frightened. What "
                "I still do not understand is why, from the moment the ambulance came, nobody asked me a single "
                "question that I was allowed to answer."
            ),
            _p(
                "At the hospital I was given an injection in a room with four people holding me. I did not know "
                "what it was. I asked, and someone said it was something to help me calm down. I remember the "
                "ceiling tiles. One of them had a brown stain shaped like a map of somewhere I had never been."
            ),
            _p(
                "I stayed seven weeks. Some of the staff were kind to me, and I want that on the record too. A "
                "cleaner used to bring me the crossword. A student nurse once sat with me for a whole hour and "
                "did not write anything down. But the decisions about my body and my days were made in meetings I "
                "was not invited to, in language nobody explained."
            ),
            _q(
                "I am not asking for anyone to be punished. I am asking for it to be written down, somewhere, "
                "that it happened and that it mattered."
            ),
            _p(
                "I am thirty-four now. I have a job, a small flat and a dog who sleeps on my feet. I have never "
                "told an employer about that year. I am writing this because the magazine lets me say it "
                "without my name, and because I would like the nineteen-year-old I was to know that somebody, "
                "finally, asked."
            ),
        ),
    ),
    DemoArticle(
        section="news",
        slug="warmline-extends-its-hours",
        title="Peer warmline extends its hours after a year of readers' letters",
        standfirst=(
            "The peer-run phone line in Northbridge will answer until two in the morning from next month. Its "
            "volunteers say callers made the case."
        ),
        author="contributor",
        days_ago=3,
        blocks=(
            _p(
                "The Northbridge Peer Warmline, a telephone service answered by people with their own experience "
                "of mental distress, will stay open until 2 a.m. on weekdays from the start of next month, its "
                "coordinating group said this week. Until now the line closed at eleven."
            ),
            _p(
                "Volunteers say the change follows a year in which callers, and readers of this magazine, wrote "
                "to the local health board describing the hours after midnight as the hardest to get through. "
                "“People told us again and again that the night was when they needed someone, and that the only "
                "numbers answering then were emergency ones,” said one volunteer, who asked to be named only as "
                "Bea."
            ),
            _p(
                "The warmline does not trace calls and does not contact emergency services unless a caller asks "
                "it to. Its volunteers are trained by other peers and paid for their time. The extra hours are "
                "funded for one year."
            ),
            _q(
                "We are not a crisis team and we don't pretend to be. We are somebody awake on the other end of "
                "the line who has been there."
            ),
            _p(
                "The coordinating group says it will publish what callers tell them about the late hours, with "
                "their consent, after the first six months. Fairfield will report what it finds."
            ),
        ),
    ),
    DemoArticle(
        section="blogs",
        slug="i-was-trained-to-listen-for-symptoms",
        title="I was trained to listen for symptoms",
        standfirst=(
            "A psychiatrist on what she missed while listening for the wrong things, and the power she still holds."
        ),
        author="dr-anwen",
        days_ago=40,
        blocks=(
            _h("Positionality statement"),
            _p(
                "I am a consultant psychiatrist in a public hospital. I have the legal power to detain people and "
                "to authorise treatment they refuse. I am paid by the service I am writing about, and I have an "
                "interest in it looking competent. Please read what follows with that in mind."
            ),
            _p(
                "In training I learned to take a history. I learned which questions uncover mania and which "
                "uncover psychosis, and how to tell a delusion from an unusual belief. I became good at it. What "
                "nobody taught me is that a person being assessed can tell, within a minute, whether they are "
                "being listened to for evidence or for meaning."
            ),
            _p(
                "Early in my career a woman told me that the voices she heard had started after her brother died. "
                "I wrote down “auditory hallucinations, onset eight months”. Years later she came back, and told "
                "me she had never again spoken to a psychiatrist about her brother, because the last time she had, "
                "I had written down the voices and not him. She was right. I still have my notes."
            ),
            _q("She was telling me about grief. I was recording a symptom."),
            _p(
                "I have not stopped believing that some people in great distress are helped by medication or by "
                "hospital. I have stopped believing that I am a neutral observer. I decide what counts as a "
                "symptom, and my decisions have consequences I rarely have to live with."
            ),
            _p(
                "Before this piece was published, two survivor reviewers read it. One pointed out that I had "
                "written three paragraphs about my own discomfort and one about the people I detain. I rewrote "
                "it. I am grateful, and a little embarrassed, and I think that is probably the right way to feel."
            ),
        ),
    ),
    DemoArticle(
        section="personal-stories",
        slug="the-word-lifelong",
        title="The word “lifelong”",
        standfirst="A father on his daughter's diagnosis, and on learning to stop speaking for her.",
        author="bram",
        days_ago=47,
        blocks=(
            _p(
                "When my daughter was given her diagnosis, the doctor said the word “lifelong”, and for a while I "
                "heard nothing after that. I remember nodding. I remember my daughter, who was seventeen, looking "
                "at me instead of at the doctor, as if I would know what to do. I didn't."
            ),
            _p(
                "For the next few years I made myself an expert in her illness. I read everything. I learned the "
                "names of the drugs and their doses. I sat in on her appointments and answered questions that were "
                "addressed to her, because I thought I was helping. I thought I was protecting her."
            ),
            _q("Dad, you keep telling them who I am. Could you let me do it?"),
            _p(
                "She said that to me in a hospital car park when she was twenty. It is the most important sentence "
                "anyone has said to me. I had made her illness my project, and in doing so I had made her a "
                "spectator of her own life."
            ),
            _p(
                "These days I wait in the café while she goes to her appointments. If she wants to tell me about "
                "them, she does. She has made choices about treatment that frighten me and choices I think were "
                "wise, and she has made them as an adult. “Lifelong” turned out to be a guess. What has been "
                "lifelong is my love for her, and my learning to show it without holding on."
            ),
        ),
    ),
)
