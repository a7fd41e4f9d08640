"""Testimonies in every state, made through the services so the figures and constraints hold."""

from fairfield.testimony import services
from fairfield.testimony.models import ConsentLevel


def told(
    *,
    writer=None,
    narrative="It happened on the ward in the spring.",
    consent=ConsentLevel.PUBLIC_ANONYMOUS,
    title="",
    pseudonym="",
    **choices,
):
    testimony, code = services.testimony_start(writer=writer)
    data = {"narrative": narrative, "consent": consent, "title": title, "pseudonym": pseudonym, **choices}
    testimony = services.testimony_save_draft(testimony=testimony, data=data)
    testimony.resume_code = code
    return testimony


def submitted(**kwargs):
    testimony = told(**kwargs)
    code = testimony.resume_code
    testimony = services.testimony_submit(testimony=testimony)
    testimony.resume_code = code
    return testimony


def published(moderator, *, redacted=None, **kwargs):
    testimony = submitted(**kwargs)
    code = testimony.resume_code
    text = redacted if redacted is not None else services.testimony_narrative(testimony)
    testimony = services.testimony_publish(testimony=testimony, moderator=moderator, redacted_text=text)
    testimony.resume_code = code
    return testimony
