"""Round-table pages in the site's page cache: readers who are not logged in get a stored copy, made stale
whenever the table changes (`table_changed`, sent on commit), so a closed round shows at once."""

from types import SimpleNamespace

from fairfield.publishing.page_cache import page_cache_clear, response_keep

LIST_KEY = "roundtables"


def _key(table_id) -> str:
    return f"roundtable-{table_id}"


def table_cache_clear(table) -> None:
    page_cache_clear(_key(table.pk))
    page_cache_clear(LIST_KEY)


def table_response_keep(table, request, response) -> None:
    response_keep(SimpleNamespace(pk=_key(table.pk), path=request.path), request, response)


def list_response_keep(request, response) -> None:
    response_keep(SimpleNamespace(pk=LIST_KEY, path=request.path), request, response)
