"""What happens to a comment as it is posted: published at once, held for a moderator, or refused."""

from dataclasses import dataclass

from fairfield.comments.models import CommentStatus


class CommentRefused(Exception):
    """The comment cannot be posted; `message` tells the writer why, `status_code` is the HTTP answer."""

    def __init__(self, message: str, *, status_code: int = 400):
        super().__init__(message)
        self.message = message
        self.status_code = status_code


@dataclass(frozen=True)
class Screening:
    status: CommentStatus
    reasons: tuple[str, ...] = ()


def comment_screen(*, author, article, body: str, parent=None, editing=None) -> Screening:
    """Decide a new or edited comment's fate before it is saved; raises CommentRefused to refuse it.

    `parent` is the comment replied to; `editing` is the comment being edited (its new body is `body`).
    """
    return Screening(status=CommentStatus.PUBLISHED)
