"""Admins (not editors) change the survivor-review settings: the endorsements that make reading required belong to
survivor reviewers' process, so editors must not be able to move the threshold on their own."""

from django.db import migrations


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="review", model="reviewsettings")
    admins = Group.objects.get(name="Admins")
    for action in ("change", "view"):
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_reviewsettings",
            defaults={"name": f"Can {action} survivor review settings"},
        )
        admins.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_recompute_pseudonym_keys"), ("review", "0001_initial")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
