from django.db import migrations


def grant(apps, schema_editor):
    """Editors and admins keep the crisis lines up to date in Wagtail's admin (a snippet)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="safety", model="crisisline")
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type, codename=f"{action}_crisisline", defaults={"name": f"Can {action} crisis line"}
        )[0]
        for action in ("add", "change", "delete", "view")
    ]
    for group in Group.objects.filter(name__in=["Editors", "Admins"]):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [("safety", "0001_initial"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
