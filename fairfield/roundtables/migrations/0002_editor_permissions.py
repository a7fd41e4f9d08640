"""Editors and admins write round tables and their seats in Wagtail's snippet admin."""

from django.db import migrations

ROLES = ("Editors", "Admins")
ACTIONS = ("add", "change", "delete", "view")


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="roundtables", model="roundtable")
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_roundtable",
            defaults={"name": f"Can {action} round table"},
        )[0]
        for action in ACTIONS
    ]
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="roundtables", content_type__model="roundtable").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("roundtables", "0001_initial"),
        ("accounts", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
