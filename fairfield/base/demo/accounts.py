"""Demo accounts: one per role, the hand-written articles' authors, and any number of generated members.

They all share one published password, so they must never exist on a real site:
load_demo refuses to run in production, and --code only answers for the demo domain.
"""

import random
import time
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from allauth.mfa.utils import decrypt
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from fairfield.accounts.models import ProfileVisibility, Relationship, User
from fairfield.accounts.pseudonyms import pseudonym_key
from fairfield.accounts.roles import MFA_REQUIRED_ROLES, Role
from fairfield.base.demo.writing import AUTHORS, DemoPerson

DEMO_DOMAIN = "demo.fairfield.test"
DEMO_PASSWORD = "fairfield-demo-2026"  # noqa: S105 - printed for everyone on purpose; demo sites only


class NotADemoAccount(Exception):
    pass


@dataclass(frozen=True)
class RoleAccount:
    role: Role
    person: DemoPerson


ROLE_ACCOUNTS = (
    RoleAccount(Role.MEMBER, DemoPerson("member", "Mira Member", (Relationship.SURVIVOR,))),
    RoleAccount(Role.CONTRIBUTOR, DemoPerson("contributor", "Cass Contributor", (Relationship.PEER_WORKER,))),
    RoleAccount(Role.SURVIVOR_REVIEWER, DemoPerson("reviewer", "Sorrel Reviewer", (Relationship.SURVIVOR,))),
    RoleAccount(Role.MODERATOR, DemoPerson("moderator", "Morgan Moderator", (Relationship.ALLY,))),
    RoleAccount(Role.EDITOR, DemoPerson("editor", "Rowan Editor", (Relationship.FAMILY,))),
    RoleAccount(Role.ADMIN, DemoPerson("admin", "Ada Admin", ())),
)

_ADJECTIVES = ("Quiet", "Bright", "Patient", "Steady", "Gentle", "Brave", "Early", "Wry", "Curious", "Kind")
_NOUNS = ("Heron", "Willow", "Otter", "Finch", "Rowan", "Hazel", "Plover", "Sedge", "Moss", "Linnet", "Badger")


def demo_email(local_part: str) -> str:
    return f"{local_part}@{DEMO_DOMAIN}"


def is_demo_email(email: str) -> bool:
    return email.lower().endswith("@" + DEMO_DOMAIN)


def demo_accounts_create(*, password_hash: str) -> dict[str, User]:
    """The role accounts and the authors, keyed by e-mail local part; staff roles get an active authenticator."""
    groups = {group.name: group for group in Group.objects.filter(name__in=Role.values)}
    people = [(account.person, (Role.MEMBER, account.role)) for account in ROLE_ACCOUNTS]
    people += [(author, (Role.MEMBER, Role.CONTRIBUTOR)) for author in AUTHORS]
    created = {}
    for person, roles in people:
        user = User(
            pseudonym=person.pseudonym,
            email=demo_email(person.local_part),
            password=password_hash,
            relationships=list(person.relationships),
            about=person.about,
            profile_visibility=ProfileVisibility.PUBLIC if person.about else ProfileVisibility.PRIVATE,
        )
        user.save()
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        user.groups.add(*(groups[role] for role in dict.fromkeys(roles)))
        if MFA_REQUIRED_ROLES & set(roles):
            TOTP.activate(user, generate_totp_secret())
        created[person.local_part] = user
    return created


def members_bulk_create(*, count: int, start: int, rng: random.Random, password_hash: str) -> list[User]:
    """Generated members member00001@… with verified e-mail, numbered from start."""
    users = []
    for number in range(start, start + count):
        pseudonym = f"{rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)} {number}"
        users.append(
            User(
                pseudonym=pseudonym,
                pseudonym_key=pseudonym_key(pseudonym),
                email=demo_email(f"member{number:05d}"),
                password=password_hash,
                relationships=rng.sample(Relationship.values, rng.randint(0, 2)),
            )
        )
    User.objects.bulk_create(users)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, primary=True, verified=True) for user in users]
    )
    member_group = Group.objects.get(name=Role.MEMBER)
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=user.pk, group_id=member_group.pk) for user in users]
    )
    return users


def demo_password_hash() -> str:
    """Hashed once and shared by every demo account: hashing thousands of passwords would take minutes."""
    return make_password(DEMO_PASSWORD)


def demo_totp_code(email: str) -> tuple[str, int]:
    """The current six-digit code of a demo account's authenticator, and the seconds it stays current."""
    if not is_demo_email(email):
        raise NotADemoAccount(f"Codes are only shown for demo accounts (…@{DEMO_DOMAIN}), not for {email}.")
    authenticator = Authenticator.objects.filter(user__email__iexact=email, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        raise NotADemoAccount(f"{email} is not a demo account with an authenticator.")
    counters = list(yield_hotp_counters_from_time())
    code = format_hotp_value(hotp_value(decrypt(authenticator.data["secret"]), counters[len(counters) // 2]))
    seconds_left = mfa_settings.TOTP_PERIOD - int(time.time()) % mfa_settings.TOTP_PERIOD
    return code, seconds_left
