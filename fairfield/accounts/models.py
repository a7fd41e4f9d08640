from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from fairfield.accounts.pseudonyms import KEY_MAX_LENGTH, MAX_LENGTH, pseudonym_key


class Relationship(models.TextChoices):
    """How a member describes their relationship to psychiatry (several allowed)."""

    SURVIVOR = "survivor", _("Psychiatric survivor")
    FAMILY = "family", _("Family member")
    PROFESSIONAL = "professional", _("Mental-health professional")
    PEER_WORKER = "peer_worker", _("Peer worker")
    ALLY = "ally", _("Ally")


class ProfileVisibility(models.TextChoices):
    PRIVATE = "private", _("Only me")
    MEMBERS = "members", _("Signed-in members")
    PUBLIC = "public", _("Everyone")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, pseudonym, email, password, **extra_fields):
        user = self.model(pseudonym=pseudonym, email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, pseudonym, email="", password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(pseudonym, email, password, **extra_fields)

    def create_superuser(self, pseudonym, email="", password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(pseudonym, email, password, **extra_fields)


class User(AbstractUser):
    """A member, known to others only by their pseudonym."""

    username = None
    pseudonym = models.CharField(
        _("pseudonym"),
        max_length=MAX_LENGTH,
        unique=True,
        help_text=_("The name other people see. It does not need to be your real name."),
    )
    pseudonym_key = models.CharField(max_length=KEY_MAX_LENGTH, unique=True, editable=False)
    email = models.EmailField(_("e-mail address"), blank=True)
    relationships = models.JSONField(_("relationship to psychiatry"), default=list, blank=True)
    about = models.TextField(_("about me"), blank=True, max_length=2000)
    profile_visibility = models.CharField(
        _("who can see my self-description"),
        max_length=16,
        choices=ProfileVisibility.choices,
        default=ProfileVisibility.PRIVATE,
    )

    USERNAME_FIELD = "pseudonym"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["email"]

    objects = UserManager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(Lower("email"), condition=~models.Q(email=""), name="accounts_user_email_unique"),
            models.CheckConstraint(
                condition=models.Q(profile_visibility__in=ProfileVisibility.values),
                name="accounts_user_profile_visibility_valid",
            ),
        ]

    def __str__(self):
        return self.pseudonym

    def save(self, *args, **kwargs):
        # The key is derived data that the unique constraint needs; every path that
        # saves a user (sign-up, Wagtail's admin, createsuperuser) must keep it in step.
        self.pseudonym_key = pseudonym_key(self.pseudonym)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "pseudonym" in update_fields:
            kwargs["update_fields"] = {*update_fields, "pseudonym_key"}
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.pseudonym

    def get_short_name(self):
        return self.pseudonym

    @property
    def relationship_labels(self) -> list[str]:
        labels = dict(Relationship.choices)
        return [str(labels[value]) for value in self.relationships if value in labels]
