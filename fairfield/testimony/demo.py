"""Sample testimonies for load_demo, at every consent level, told and moderated through the services.

All of it is invented for the demo; any resemblance to a real person's account is unintended.
"""

import datetime as dt

from django.utils import timezone

from fairfield.accounts.models import User
from fairfield.base.demo.accounts import demo_email
from fairfield.testimony import services
from fairfield.testimony.models import ConsentLevel, Testimony

TESTIMONIES = [
    {
        "title": "Eleven hours on a plastic chair",
        "consent": ConsentLevel.PUBLIC_PSEUDONYM,
        "pseudonym": "Hollis",
        "writer": "member",
        "narrative": (
            "I went to the emergency department because I was frightened of what I might do. I said so at the "
            "desk, in those words. I was told to sit down.\n\n"
            "I sat for eleven hours. Twice I asked whether anyone knew I was there. The second time a doctor "
            "stood at the end of the row and asked, loudly enough for the whole room, whether I had actually "
            "done anything yet. I said no. He said then I was not an emergency.\n\n"
            "What got me home was a woman from a peer line I rang from the car park. She did not tell me what I "
            "was. She asked what the night had been like and then she let me answer for as long as I needed."
        ),
        "settings": ["emergency"],
        "experiences": ["dismissal"],
        "helped": ["peer_support", "listened_to"],
        "roles": ["psychiatrist"],
        "period": "2010s",
        "region": "uk_ireland",
        "content_notes": ["suicide"],
        "state": "published",
    },
    {
        "title": "The quiet room",
        "consent": ConsentLevel.PUBLIC_ANONYMOUS,
        "narrative": (
            "They called it the quiet room. It had a mattress on the floor and a window in the door, and nothing "
            "else. Nurse Petra told me I was going there for my own safety. I was in there for most of two days.\n\n"
            "Nobody explained how I could get out. I worked out that being very still was what they wanted, so I "
            "stopped talking altogether. When I was let out it was written down that I had settled.\n\n"
            "I had not settled. I had learnt that my voice made things worse. It took me years, and an advocate "
            "who came to every meeting with me, before I believed it could make things better."
        ),
        "redacted": (
            "They called it the quiet room. It had a mattress on the floor and a window in the door, and nothing "
            "else. [A nurse] told me I was going there for my own safety. I was in there for most of two days.\n\n"
            "Nobody explained how I could get out. I worked out that being very still was what they wanted, so I "
            "stopped talking altogether. When I was let out it was written down that I had settled.\n\n"
            "I had not settled. I had learnt that my voice made things worse. It took me years, and an advocate "
            "who came to every meeting with me, before I believed it could make things better."
        ),
        "redaction_note": "The name of a nurse.",
        "settings": ["inpatient"],
        "experiences": ["seclusion", "threats"],
        "helped": ["advocacy"],
        "roles": ["nurse"],
        "period": "2000s",
        "region": "europe",
        "content_notes": ["restraint"],
        "state": "published",
    },
    {
        "title": "Depot day",
        "consent": ConsentLevel.RESEARCH,
        "narrative": (
            "Every fortnight the community team came to give me the injection. If I was not in, they came back "
            "with the police. I stopped going out on those days. I stopped going out on most days."
        ),
        "settings": ["community", "police_court"],
        "experiences": ["forced_medication", "threats"],
        "helped": ["family_friends"],
        "roles": ["nurse", "police"],
        "period": "2020s",
        "region": "north_america",
        "state": "published",
    },
    {
        "title": "",
        "consent": ConsentLevel.RECORD,
        "count_in_figures": True,
        "narrative": (
            "I want it written down, and I do not want it read. That is all I am asking of this archive: that it "
            "keeps what happened in the cell, and keeps it shut."
        ),
        "settings": ["police_court"],
        "experiences": ["restraint", "dismissal"],
        "roles": ["police"],
        "period": "1990s",
        "region": "unsaid",
        "state": "published",
    },
    {
        "title": "After school",
        "consent": ConsentLevel.PUBLIC_ANONYMOUS,
        "closure_days": 365,
        "narrative": (
            "I was fifteen. The school counsellor said that what I told her would stay between us, and then she "
            "rang my parents before I had got home. I will tell the rest when I am ready for it to be read."
        ),
        "settings": ["school"],
        "experiences": ["boundary_violation"],
        "helped": ["time_space"],
        "roles": ["teacher"],
        "period": "2010s",
        "region": "oceania",
        "state": "published",
    },
    {
        "title": "The review meeting",
        "consent": ConsentLevel.PUBLIC_ANONYMOUS,
        "narrative": (
            "At the ward round on 3 March 2019 Dr Hartley read out my notes to six people I had never met. "
            "When I asked to make a complaint, the ward manager, Janet Mole, told me complaints went on my file. "
            "You can check with St Aldric's Hospital if you like: call 0161 496 0000."
        ),
        "settings": ["inpatient"],
        "experiences": ["retaliation", "dismissal"],
        "helped": ["information"],
        "roles": ["psychiatrist", "nurse"],
        "period": "2010s",
        "region": "uk_ireland",
        "state": "submitted",
    },
]


def demo_load(*, seed=None) -> str:
    moderator = User.objects.filter(email=demo_email("moderator")).first()
    if moderator is None:
        return "Testimony archive: skipped (no moderator yet)."
    if Testimony.objects.exists():
        return "Testimony archive: already has testimonies."
    counts = {"published": 0, "submitted": 0}
    for story in TESTIMONIES:
        writer = User.objects.filter(email=demo_email(story["writer"])).first() if story.get("writer") else None
        testimony, _code = services.testimony_start(writer=writer)
        data = {
            key: story[key]
            for key in ("title", "narrative", "consent", "pseudonym", "settings", "experiences", "helped", "roles")
            if key in story
        }
        data.update({key: story.get(key, "") for key in ("period", "region")})
        data["content_notes"] = story.get("content_notes", [])
        data["count_in_figures"] = story.get("count_in_figures", False)
        if story.get("closure_days"):
            data["closure_date"] = timezone.localdate() + dt.timedelta(days=story["closure_days"])
        services.testimony_save_draft(testimony=testimony, data=data)
        testimony = services.testimony_submit(testimony=testimony, actor=writer)
        if story["state"] == "published":
            services.testimony_publish(
                testimony=testimony,
                moderator=moderator,
                redacted_text=story.get("redacted", story["narrative"]),
                redaction_note=story.get("redaction_note", ""),
            )
        counts[story["state"]] += 1
    return (
        f"Testimony archive: {counts['published']} testimonies accepted at every consent level, "
        f"{counts['submitted']} waiting for a moderator."
    )
