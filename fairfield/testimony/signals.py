"""What the testimony archive announces, after commit (fairfield.lib.events.send_on_commit).

`testimony_changed` is sent whenever what the public may see could have changed: a publication, a consent
change, a withdrawal. Listeners (the archive's page cache, the figures) must treat it as "forget what you knew".
"""

from django.dispatch import Signal

testimony_changed = Signal()  # sender=Testimony, public_id=UUID, reason=str
