from fairfield.accounts.models import User
from fairfield.accounts.pseudonyms import pseudonym_key


def member_by_pseudonym(pseudonym: str) -> User | None:
    """The active member known by this pseudonym, or by one that reads the same (see pseudonyms.pseudonym_key)."""
    return User.objects.filter(pseudonym_key=pseudonym_key(pseudonym), is_active=True).first()


def pseudonym_in_use(pseudonym: str, *, excluding: User | None = None) -> bool:
    """Whether anyone else, active or not, holds this pseudonym or one that reads the same."""
    holders = User.objects.filter(pseudonym_key=pseudonym_key(pseudonym))
    if excluding is not None:
        holders = holders.exclude(pk=excluding.pk)
    return holders.exists()
