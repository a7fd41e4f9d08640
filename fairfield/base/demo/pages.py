"""Insert many Wagtail pages under one parent at once.

Page.add_child saves one page at a time, with a tree lock, signals and a search
task each, which takes minutes for ten thousand pages. Here the treebeard paths
are computed in Python, the wagtailcore_page rows go in with bulk_create, and the
specific model's own table with executemany (Django refuses bulk_create for
multi-table inheritance). No signals fire, so the caller indexes the pages for search.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from wagtail.models import Page

BATCH_SIZE = 500


def pages_bulk_add(*, parent: Page, pages: list[Page]) -> list[Page]:
    """Add live pages of one specific model as the last children of parent; returns them saved, with pks."""
    if not pages:
        return pages
    model = type(pages[0])
    if any(type(page) is not model for page in pages) or list(model._meta.parents) != [Page]:
        raise ValueError("pages_bulk_add takes pages of one model that inherits directly from Page.")
    content_type = ContentType.objects.get_for_model(model)
    last_child = parent.get_last_child()
    first_step = Page._str2int(last_child.path[-Page.steplen :]) + 1 if last_child else 1
    page_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    rows = []
    for step, page in enumerate(pages, start=first_step):
        page.path = Page._get_path(parent.path, parent.depth + 1, step)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.draft_title = page.title
        page.locale_id = parent.locale_id
        page.content_type = content_type
        page.live = True
        page.has_unpublished_changes = False
        rows.append(Page(**{field.attname: getattr(page, field.attname) for field in page_fields}))

    with transaction.atomic():
        Page.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        for page, row in zip(pages, rows, strict=True):
            page.id = page.page_ptr_id = row.pk
            page._state.adding = False
            page._state.db = row._state.db
        _insert_specific_rows(model, pages)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild += len(pages)
    return pages


def _insert_specific_rows(model, pages):
    fields = model._meta.local_concrete_fields
    quote = connection.ops.quote_name
    sql = "INSERT INTO {table} ({columns}) VALUES ({values})".format(  # noqa: S608 - names come from the model
        table=quote(model._meta.db_table),
        columns=", ".join(quote(field.column) for field in fields),
        values=", ".join(["%s"] * len(fields)),
    )
    rows = [[field.get_db_prep_save(field.pre_save(page, True), connection) for field in fields] for page in pages]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH_SIZE):
            cursor.executemany(sql, rows[start : start + BATCH_SIZE])
