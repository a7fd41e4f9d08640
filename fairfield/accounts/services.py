"""Every change to a member's account goes through these functions.

allauth drives sign-up, e-mail confirmation and passwords; its adapter
(accounts/adapter.py) hands the parts that are Fairfield's own to the services here.
"""

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from fairfield.accounts import selectors
from fairfield.accounts.fields import NULL_CHARACTER_MESSAGE, refuse_unreadable_text
from fairfield.accounts.models import ProfileVisibility, Relationship, User
from fairfield.accounts.pseudonyms import clean_pseudonym
from fairfield.accounts.roles import Role

PSEUDONYM_TAKEN = _("Someone already uses that pseudonym, or one that reads the same; please choose another.")
ABOUT_MAX_LENGTH = User._meta.get_field("about").max_length


def member_create(*, email: str, pseudonym: str, password: str | None) -> User:
    """A new member whose e-mail address is not confirmed yet; allauth records the address and confirms it."""
    pseudonym = _valid_pseudonym(pseudonym, member=None)
    member = User(pseudonym=pseudonym, email=email)
    if password:
        member.set_password(password)
    else:
        member.set_unusable_password()
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError as error:
        # Someone took the same pseudonym between our check and the insert.
        if selectors.pseudonym_in_use(pseudonym):
            raise ValidationError({"pseudonym": PSEUDONYM_TAKEN}) from error
        raise
    return member


def member_join(*, member: User) -> None:
    """A member whose e-mail address is confirmed joins the community (the Members group); twice is harmless."""
    member.groups.add(Group.objects.get(name=Role.MEMBER))
    member.__dict__.pop("_fairfield_roles", None)


def profile_update(
    *,
    member: User,
    pseudonym: str,
    relationships: Iterable[str],
    about: str,
    visibility: str,
) -> User:
    """Change the member's public name and their self-description; only the fields that changed are written."""
    values = {
        "pseudonym": _valid_pseudonym(pseudonym, member=member),
        "relationships": _valid_relationships(relationships),
        "about": _valid_about(about),
        "profile_visibility": _valid_visibility(visibility),
    }
    changed = {name: value for name, value in values.items() if getattr(member, name) != value}
    if not changed:
        return member
    before = {name: getattr(member, name) for name in changed}
    for name, value in changed.items():
        setattr(member, name, value)
    try:
        with transaction.atomic():
            member.save(update_fields=list(changed))
    except IntegrityError as error:
        for name, value in before.items():
            setattr(member, name, value)
        if "pseudonym" in changed and selectors.pseudonym_in_use(values["pseudonym"], excluding=member):
            raise ValidationError({"pseudonym": PSEUDONYM_TAKEN}) from error
        raise
    return member


def _valid_pseudonym(pseudonym: str, *, member: User | None) -> str:
    try:
        pseudonym = clean_pseudonym(pseudonym)
    except ValidationError as error:
        raise ValidationError({"pseudonym": error}) from None
    if selectors.pseudonym_in_use(pseudonym, excluding=member):
        raise ValidationError({"pseudonym": PSEUDONYM_TAKEN})
    return pseudonym


def _valid_relationships(relationships: Iterable[str]) -> list[str]:
    chosen = set(relationships)
    unknown = chosen - set(Relationship.values)
    if unknown:
        message = ValidationError(_("“%(value)s” is not one of the choices."), params={"value": sorted(unknown)[0]})
        raise ValidationError({"relationships": message})
    # Kept in the order of the choices, so the same selection is always stored the same way.
    return [value for value in Relationship.values if value in chosen]


def _valid_about(about: str) -> str:
    if "\x00" in about:
        raise ValidationError({"about": NULL_CHARACTER_MESSAGE})
    try:
        refuse_unreadable_text(about)
    except ValidationError as error:
        raise ValidationError({"about": error}) from None
    if len(about) > ABOUT_MAX_LENGTH:
        message = ValidationError(
            _("Please keep this to %(max)d characters or fewer (it has %(length)d)."),
            params={"max": ABOUT_MAX_LENGTH, "length": len(about)},
        )
        raise ValidationError({"about": message})
    return about


def _valid_visibility(visibility: str) -> str:
    if visibility not in ProfileVisibility.values:
        raise ValidationError({"profile_visibility": _("Please choose who can see your self-description.")})
    return visibility
