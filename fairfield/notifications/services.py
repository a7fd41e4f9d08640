def notify(*, user, kind: str, subject: str, text: str, url: str = "") -> None:
    """E-mail `user` about something on the site, unless they switched `kind` off; sent by the task worker."""
