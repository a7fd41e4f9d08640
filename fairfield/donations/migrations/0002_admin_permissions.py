"""Admins manage campaigns and the donations site setting; the donations admin itself is checked by an access rule."""

from django.db import migrations

MODELS = {"campaign": ("add", "change", "delete", "view"), "donationsettings": ("change", "view")}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = []
    for model, actions in MODELS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="donations", model=model)
        for action in actions:
            permissions.append(
                Permission.objects.get_or_create(
                    content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
                )[0]
            )
    for group in Group.objects.filter(name="Admins"):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(content_type__app_label="donations", content_type__model__in=list(MODELS))
    for group in Group.objects.filter(name="Admins"):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("donations", "0001_initial"),
        ("accounts", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
