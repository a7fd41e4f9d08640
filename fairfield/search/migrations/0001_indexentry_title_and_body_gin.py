"""On PostgreSQL, one GIN index over each index entry's title and body vectors together.

The search page matches ``(title || body) @@ query`` so that a query's words may fall in either;
Wagtail's own GIN indexes cover the two columns apart and cannot serve that. SQLite needs nothing:
Wagtail's migrations already keep an FTS5 table in step with the index entries through triggers.
"""

from django.db import migrations

INDEX = "search_indexentry_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
