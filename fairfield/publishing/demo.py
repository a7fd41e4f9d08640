"""A podcast section with one episode, for load_demo. The writing is invented for the demo; the recording is a
short chime made here (a demo cannot ship a real voice), and its transcript says so."""

import io
import math
import struct
import wave

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.rich_text import RichText

from fairfield.publishing.models import ArticleContributor, ArticlePage, Byline, Contributor, SectionPage

SLUG = "voices"
TRANSCRIPT = (
    "[This demo recording is a short chime: a real episode would be the conversation written out here.]\n\n"
    "ROWAN: Welcome to Voices. I'm Rowan. Today I'm talking with Ines, who spent four months on an acute ward "
    "and now runs a peer group on Tuesday evenings.\n\n"
    "INES: Thanks for having me. The first thing people notice when they come to the group is that nobody asks "
    "for their diagnosis. We ask what the week was like.\n\n"
    "ROWAN: Why does that matter so much?\n\n"
    "INES: Because on the ward, every conversation started with what was wrong with me. Here it starts with "
    "what happened to me. It's a different door into the same room."
)


def chime_wav(*, notes=(523.25, 659.25, 783.99), note_seconds: float = 1.2, rate: int = 8000) -> bytes:
    """Soft bell-like notes, each fading out: a recording every browser plays, made without any source file."""
    frames = []
    for frequency in notes:
        for n in range(int(note_seconds * rate)):
            fade = math.exp(-3 * n / (note_seconds * rate))
            frames.append(int(6000 * fade * math.sin(2 * math.pi * frequency * n / rate)))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(struct.pack(f"<{len(frames)}h", *frames))
    return buffer.getvalue()


def demo_load(*, seed=None) -> str:
    if SectionPage.objects.filter(slug=SLUG).exists():
        return "Podcast: already there."
    home = Page.objects.get(depth=2)
    section = home.add_child(
        instance=SectionPage(
            title="Voices",
            slug=SLUG,
            description="Conversations with survivors, families and workers, with a transcript for every episode.",
            is_podcast=True,
        )
    )
    section.save_revision().publish()
    recording = get_document_model()(title="Voices, episode one (demo chime)")
    recording.file.save("voices-episode-one.wav", ContentFile(chime_wav()), save=False)
    recording.save()
    episode = ArticlePage(
        title="Voices, episode one: a different door into the same room",
        slug="episode-one",
        standfirst="Ines ran from nothing to a peer group in a church hall. She tells Rowan why nobody there asks "
        "for a diagnosis.",
        body=[("paragraph", RichText("<p>Listen below, or read the transcript.</p>"))],
        audio=recording,
        audio_seconds=4,
        transcript=TRANSCRIPT,
    )
    host = Contributor.objects.filter(account__isnull=False).order_by("pk").first()
    if host is not None:
        episode.article_contributors = [ArticleContributor(contributor=host, byline=Byline.NAME, sort_order=0)]
    section.add_child(instance=episode)
    episode.save_revision().publish()
    return "Podcast: the Voices section with one episode and its transcript."
