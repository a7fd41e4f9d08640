"""Receivers: a change to a round table makes its cached public pages stale."""

from django.dispatch import receiver

from fairfield.roundtables.signals import table_changed


@receiver(table_changed, dispatch_uid="roundtables_page_cache")
def table_page_cache_clear(sender, table, **kwargs):
    from fairfield.roundtables.page_cache import table_cache_clear

    table_cache_clear(table)
