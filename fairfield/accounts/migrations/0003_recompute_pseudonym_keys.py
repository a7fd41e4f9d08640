"""Pseudonym keys now leave out spaces and punctuation ("Dr Lark" and "Dr. Lark" are one name).

Recompute the stored keys. Should two existing members now share a key, the later one keeps
the old key, so the migration never fails; such pairs are for an admin to sort out.
"""

from django.db import migrations


def recompute_keys(apps, schema_editor):
    from fairfield.accounts.pseudonyms import pseudonym_key

    User = apps.get_model("accounts", "User")
    taken = set(User.objects.values_list("pseudonym_key", flat=True))
    for member in User.objects.order_by("pk").only("pk", "pseudonym", "pseudonym_key"):
        key = pseudonym_key(member.pseudonym)
        if key == member.pseudonym_key or key in taken:
            continue
        taken.discard(member.pseudonym_key)
        taken.add(key)
        User.objects.filter(pk=member.pk).update(pseudonym_key=key)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles")]

    operations = [migrations.RunPython(recompute_keys, migrations.RunPython.noop)]
