"""Crisis lines for load_demo. Every one is invented: names, numbers (555 and 01632 are reserved for fiction)
and addresses are examples, so nobody rings a real line by mistake. Real sites replace them in the admin."""

from fairfield.safety.models import CrisisLine, MayCall, Tracing

DEMO_NOTE = "An invented example for the demo site, not a real line."

LINES = [
    {
        "country": "WW",
        "name": "Open Door Peer Chat (example)",
        "chat_url": "https://peer-chat.example.org/",
        "hours": "Every day, 18:00 to 02:00 UTC",
        "languages": "English, Spanish",
        "peer_run": True,
        "may_call_emergency": MayCall.NO,
        "traces_calls": Tracing.NO,
    },
    {
        "country": "WW",
        "name": "Night Listening Service (example)",
        "email": "listen@night-listening.example.org",
        "hours": "Replies within a day",
        "languages": "English",
        "may_call_emergency": MayCall.WITH_CONSENT,
        "traces_calls": Tracing.NO,
    },
    {
        "country": "US",
        "name": "Harbor Warmline (example)",
        "phone": "+1 555 0134 2020",
        "text": "555-0134",
        "hours": "Every day, 24 hours",
        "languages": "English, Spanish",
        "peer_run": True,
        "may_call_emergency": MayCall.NO,
        "traces_calls": Tracing.NO,
    },
    {
        "country": "US",
        "name": "County Crisis Line (example)",
        "phone": "+1 555 0199 0000",
        "hours": "Every day, 24 hours",
        "languages": "English",
        "may_call_emergency": MayCall.YES,
        "traces_calls": Tracing.YES,
        "notes": "Calls may be traced and a mobile team or police sent if the counsellor judges there is a risk.",
    },
    {
        "country": "GB",
        "name": "Kettle On Peer Line (example)",
        "phone": "+44 1632 960 123",
        "hours": "Evenings, 19:00 to 23:00",
        "languages": "English",
        "peer_run": True,
        "may_call_emergency": MayCall.NO,
        "traces_calls": Tracing.NO,
    },
    {
        "country": "GB",
        "name": "Talk Now Helpline (example)",
        "phone": "+44 1632 960 999",
        "hours": "Every day, 24 hours",
        "languages": "English, Welsh",
        "may_call_emergency": MayCall.WITH_CONSENT,
        "traces_calls": Tracing.UNKNOWN,
    },
]


def demo_load(*, seed=None) -> str:
    if CrisisLine.objects.filter(notes__startswith=DEMO_NOTE).exists():
        return "Crisis lines: already there."
    for line in LINES:
        notes = " ".join(part for part in (DEMO_NOTE, line.pop("notes", "")) if part)
        CrisisLine.objects.create(notes=notes, **line)
    return f"Crisis lines: {len(LINES)} invented examples in the US, the UK and worldwide."
