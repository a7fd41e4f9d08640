import argparse
import importlib
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from fairfield.accounts.roles import MFA_REQUIRED_ROLES
from fairfield.base.demo.accounts import DEMO_DOMAIN, DEMO_PASSWORD, NotADemoAccount, demo_totp_code
from fairfield.base.demo.services import demo_load, demo_logins, site_is_empty
from fairfield.base.demo.writing import ARTICLES
from fairfield.comments import demo as comments_demo

# Apps that add their own sample content after the sections, articles and accounts exist. Each module has
# `demo_load(*, seed) -> str`, returning one line that says what it loaded.
DEMO_EXTENSIONS: list[str] = [
    "fairfield.review.demo",
    "fairfield.donations.demo",
    "fairfield.roundtables.demo",
    "fairfield.testimony.demo",
    "fairfield.safety.demo",
    "fairfield.publishing.demo",
]


def _count(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number


class Command(BaseCommand):
    help = "Fill an empty site with sample sections, articles and an account for every role, and print their logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="If the site already has sections, articles or demo accounts, only print the logins.",
        )
        parser.add_argument(
            "--articles",
            type=_count,
            default=len(ARTICLES),
            metavar="N",
            help=f"Articles in total (default: the {len(ARTICLES)} hand-written ones); any beyond those are generated.",
        )
        parser.add_argument("--members", type=_count, default=0, metavar="N", help="Extra generated members.")
        parser.add_argument(
            "--comments",
            type=_count,
            default=comments_demo.DEFAULT_COMMENTS,
            metavar="N",
            help=f"Comments in the long sample discussion (default {comments_demo.DEFAULT_COMMENTS}); "
            "the other hand-written articles get a few each.",
        )
        parser.add_argument("--seed", type=int, help="Seed for the generated content, to reproduce a data set.")
        parser.add_argument("--code", metavar="EMAIL", help="Print the current two-factor code of a demo account.")

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("load_demo makes accounts with a published password; it never runs in production.")
        if options["code"]:
            self._print_code(options["code"])
            return
        if not site_is_empty():
            if not options["if_empty"]:
                raise CommandError(
                    "The site already has sections, articles or demo accounts; load_demo fills only an empty site."
                )
            self._print_logins()
            return

        articles = options["articles"]
        started = time.monotonic()
        with tqdm(
            total=articles + options["members"], unit="row", leave=False, disable=not self.stdout.isatty()
        ) as bar:
            loaded = demo_load(articles=articles, members=options["members"], seed=options["seed"], progress=bar.update)
        self.stdout.write(
            f"Loaded the demo in {time.monotonic() - started:.1f} s: {loaded.sections} sections, "
            f"{loaded.articles} articles ({loaded.generated_articles} generated), {loaded.accounts} named accounts, "
            f"{loaded.generated_members} generated members."
        )
        self.stdout.write(comments_demo.demo_load(comments=options["comments"], seed=options["seed"]))
        for module_name in DEMO_EXTENSIONS:
            summary = importlib.import_module(module_name).demo_load(seed=options["seed"])
            self.stdout.write(summary)
        self._print_logins()

    def _print_code(self, email):
        try:
            code, seconds_left = demo_totp_code(email)
        except NotADemoAccount as error:
            raise CommandError(str(error)) from None
        self.stdout.write(code)
        self.stderr.write(f"(current for {seconds_left} more seconds)", style_func=str)

    def _print_logins(self):
        logins = [(role, user) for role, user in demo_logins() if user is not None]
        if not logins:
            self.stdout.write("The site already has content and no demo accounts; load_demo left it alone.")
            return
        self.stdout.write(f"\nDemo logins — every account's password is: {DEMO_PASSWORD}\n")
        self.stdout.write(f"  {'Role':<18} {'E-mail':<34} {'Pseudonym':<18} Two-factor code")
        for role, user in logins:
            code_hint = f"manage.py load_demo --code {user.email}" if role in MFA_REQUIRED_ROLES else "not needed"
            self.stdout.write(f"  {role.label!s:<18} {user.email:<34} {user.pseudonym:<18} {code_hint}")
        self.stdout.write(
            f"\nThe sample articles' authors (juniper@{DEMO_DOMAIN} …) and generated members "
            f"(member00001@{DEMO_DOMAIN} …) use the same password.\n"
            f"Sign in at {settings.SITE_URL}/accounts/login/ — Wagtail's admin is at {settings.SITE_URL}/admin/."
        )
