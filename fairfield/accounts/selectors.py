from fairfield.accounts.models import User
from fairfield.accounts.pseudonyms import pseudonym_key


def member_by_pseudonym(pseudonym: str) -> User | None:
    return User.objects.filter(pseudonym_key=pseudonym_key(pseudonym), is_active=True).first()
