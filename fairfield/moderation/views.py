from django.http import Http404


def comment_flag(request, pk):
    """A member flags a comment for moderators, with a reason."""
    raise Http404


def comment_appeal(request, pk):
    """The author of a removed comment asks, once, for a different moderator to review it."""
    raise Http404
