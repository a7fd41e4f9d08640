"""A real, tiny recording for tests, which browsers decode everywhere."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from fairfield.publishing.demo import chime_wav


def tone_wav(seconds: float = 1.0) -> bytes:
    return chime_wav(notes=(440.0,), note_seconds=seconds)


def recording_create(name: str = "episode-1.wav", data: bytes | None = None):
    document = get_document_model()(title=name)
    document.file.save(name, ContentFile(tone_wav() if data is None else data), save=False)
    document.save()
    return document
