"""Create the six roles as groups, with the Wagtail permissions each needs.

Wagtail's own first migration makes "Moderators" (who may publish pages) and
"Editors"; on Fairfield moderators look after the community, not the page tree,
so their page permissions are taken away and page approval moves to editors.
Permissions are fetched with get_or_create because Django creates model
permissions only after all migrations have run.
"""

from django.db import migrations

PAGE_MODEL = ("wagtailcore", "page")
IMAGE_MODEL = ("wagtailimages", "image")
DOCUMENT_MODEL = ("wagtaildocs", "document")

MEDIA_USE = ["add", "choose"]
MEDIA_MANAGE = ["add", "change", "delete", "choose"]

ROLES = {
    "Members": {"admin": False, "pages": [], "media": [], "model_perms": []},
    "Contributors": {"admin": True, "pages": ["add"], "media": MEDIA_USE, "model_perms": []},
    "Survivor reviewers": {"admin": True, "pages": [], "media": [], "model_perms": []},
    "Moderators": {"admin": True, "pages": [], "media": [], "model_perms": []},
    "Editors": {
        "admin": True,
        "pages": ["add", "change", "publish", "lock", "unlock", "bulk_delete"],
        "media": MEDIA_MANAGE,
        "model_perms": [],
    },
    "Admins": {
        "admin": True,
        "pages": ["add", "change", "publish", "lock", "unlock", "bulk_delete"],
        "media": MEDIA_MANAGE,
        "model_perms": [
            ("accounts", "user", ["add", "change", "delete", "view"]),
            ("auth", "group", ["add", "change", "delete", "view"]),
            ("wagtailcore", "site", ["add", "change", "delete"]),
            ("wagtailredirects", "redirect", ["add", "change", "delete"]),
            ("wagtailcore", "workflow", ["add", "change", "delete"]),
            ("wagtailcore", "task", ["add", "change", "delete"]),
            ("wagtailcore", "collection", ["add", "change", "delete"]),
        ],
    },
}


def _permission(apps, app_label, model, action):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_{model}",
        defaults={"name": f"Can {action.replace('_', ' ')} {model}"},
    )
    return permission


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    access_admin = _permission(apps, "wagtailadmin", "admin", "access")
    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)

    for name, spec in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        GroupPagePermission.objects.filter(group=group).delete()
        GroupCollectionPermission.objects.filter(group=group).delete()
        group.permissions.clear()
        if spec["admin"]:
            group.permissions.add(access_admin)
        for action in spec["pages"]:
            GroupPagePermission.objects.create(
                group=group, page=root_page, permission=_permission(apps, *PAGE_MODEL, action)
            )
        for model in (IMAGE_MODEL, DOCUMENT_MODEL):
            for action in spec["media"]:
                GroupCollectionPermission.objects.create(
                    group=group, collection=root_collection, permission=_permission(apps, *model, action)
                )
        for app_label, model, actions in spec["model_perms"]:
            for action in actions:
                group.permissions.add(_permission(apps, app_label, model, action))

    editors = Group.objects.get(name="Editors")
    moderators = Group.objects.get(name="Moderators")
    for task in GroupApprovalTask.objects.filter(groups=moderators):
        task.groups.remove(moderators)
        task.groups.add(editors)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
