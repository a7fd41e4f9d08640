from django.dispatch import Signal

# Sent with `table` whenever what readers see of a round table may have changed: a round closed, the table
# started, paused, resumed or closed, a framing note was posted, a turn was held or released.
table_changed = Signal()
