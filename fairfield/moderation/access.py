"""Who may flag, appeal and moderate comments."""

from fairfield.accounts.access import rule
from fairfield.accounts.roles import Role, has_role
from fairfield.comments.models import CommentStatus
from fairfield.comments.services import member_is_verified

QUEUE_ROLES = (Role.MODERATOR, Role.EDITOR, Role.ADMIN)


def party_to(user, comment) -> bool:
    """The user wrote the comment, or the comment answers something the user wrote."""
    if comment.author_id == user.pk:
        return True
    answered = {comment.parent, comment.in_reply_to} - {None}
    return any(other.author_id == user.pk for other in answered)


@rule("moderation.queue.use")
def _use_queue(user, _obj) -> bool:
    if not user.is_authenticated:
        return False
    return any(has_role(user, role) for role in QUEUE_ROLES)


@rule("moderation.comment.decide")
def _decide_on_comment(user, comment) -> bool:
    if not _use_queue(user, comment):
        return False
    return not party_to(user, comment)


def is_staff_member(member) -> bool:
    """Moderators, editors and admins (superusers included): only admins sanction them."""
    return any(has_role(member, role) for role in QUEUE_ROLES)


@rule("moderation.member.decide")
def _decide_on_member(user, member) -> bool:
    """Moderators act only on members below them: on staff accounts only admins act; nobody on their own."""
    if not _use_queue(user, member):
        return False
    if user.pk == member.pk:
        return False
    if is_staff_member(member):
        return has_role(user, Role.ADMIN)
    return True


@rule("moderation.appeal.decide")
def _decide_on_appeal(user, appeal) -> bool:
    if not _decide_on_comment(user, appeal.comment):
        return False
    return appeal.removed_by_id != user.pk


@rule("moderation.comment.flag")
def _flag_comment(user, comment) -> bool:
    if not user.is_authenticated:
        return False
    if comment.author_id == user.pk:
        return False
    if comment.status != CommentStatus.PUBLISHED:
        return False
    return member_is_verified(user)


@rule("moderation.comment.appeal")
def _appeal_comment(user, comment) -> bool:
    if not user.is_authenticated:
        return False
    if comment.author_id != user.pk:
        return False
    return comment.status in {CommentStatus.REMOVED, CommentStatus.HELD}
