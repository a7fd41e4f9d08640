from django.dispatch import Signal

# Sent with `comment` whenever what readers see of a comment may have changed: posted, edited, deleted,
# approved, held or removed. Receivers clear caches and send notifications.
comment_changed = Signal()
