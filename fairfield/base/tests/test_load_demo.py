import random
import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import validate_totp_code
from allauth.mfa.utils import decrypt
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import Page, Site

from fairfield.accounts.models import User
from fairfield.accounts.pseudonyms import clean_pseudonym
from fairfield.accounts.roles import MFA_REQUIRED_ROLES, Role
from fairfield.base.demo.accounts import DEMO_PASSWORD, ROLE_ACCOUNTS, demo_email
from fairfield.base.demo.fragments import article_generate
from fairfield.base.demo.writing import ARTICLES, SECTIONS
from fairfield.base.models import HomePage
from fairfield.publishing.models import ArticleContributor, ArticlePage, Byline, SectionPage

pytestmark = pytest.mark.django_db

GENERATED_MEMBER = re.compile(r"^member\d{5}@demo\.fairfield\.test$")


def load_demo(*args) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def demo_counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "users": User.objects.count(),
        "emails": EmailAddress.objects.count(),
        "authenticators": Authenticator.objects.count(),
    }


def test_loading_an_empty_site_makes_a_verified_account_in_its_group_for_every_role():
    load_demo()
    for account in ROLE_ACCOUNTS:
        user = User.objects.get(email=demo_email(account.person.local_part))
        assert user.groups.filter(name=account.role).exists()
        assert user.check_password(DEMO_PASSWORD)
        assert EmailAddress.objects.filter(user=user, email=user.email, verified=True, primary=True).exists()
    assert {account.role for account in ROLE_ACCOUNTS} == set(Role)


def test_only_the_staff_demo_accounts_come_with_an_authenticator():
    load_demo()
    for account in ROLE_ACCOUNTS:
        has_totp = Authenticator.objects.filter(
            user__email=demo_email(account.person.local_part), type=Authenticator.Type.TOTP
        ).exists()
        assert has_totp == (account.role in MFA_REQUIRED_ROLES)


def test_loading_prints_every_login_the_password_and_how_to_get_a_code():
    output = load_demo()
    assert DEMO_PASSWORD in output
    for account in ROLE_ACCOUNTS:
        assert demo_email(account.person.local_part) in output
    assert "manage.py load_demo --code editor@demo.fairfield.test" in output


def test_loading_puts_the_six_sections_and_the_podcast_under_the_home_page():
    load_demo()
    home = HomePage.objects.get()
    sections = SectionPage.objects.child_of(home).live()
    assert sorted(sections.filter(is_podcast=False).values_list("title", flat=True)) == sorted(
        section.title for section in SECTIONS
    )
    podcast = sections.get(is_podcast=True)
    [episode] = ArticlePage.objects.child_of(podcast).live()
    assert episode.audio is not None and "a real episode would be the conversation" in episode.transcript


def test_loading_publishes_the_hand_written_articles_in_every_section_with_their_authors():
    load_demo()
    articles = ArticlePage.objects.live().filter(audio__isnull=True)
    assert articles.count() == len(ARTICLES) >= 8
    credits = ArticleContributor.objects.filter(article__in=articles)
    assert credits.values("article").distinct().count() == articles.count()
    assert credits.values("contributor").distinct().count() >= 5
    assert credits.filter(byline=Byline.ANONYMOUS).count() == 1
    for section in SectionPage.objects.all():
        assert ArticlePage.objects.child_of(section).exists(), section.title


def test_the_hand_written_articles_can_be_found_by_search():
    load_demo()
    assert [page.title for page in ArticlePage.objects.live().search("eighty-four stairs")] == ["Visiting hours"]


def test_loading_again_with_if_empty_creates_nothing_and_prints_the_logins():
    load_demo()
    before = demo_counts()
    output = load_demo("--if-empty")
    assert demo_counts() == before
    assert "editor@demo.fairfield.test" in output


def test_loading_again_without_if_empty_refuses():
    load_demo()
    with pytest.raises(CommandError, match="only an empty site"):
        load_demo()


def test_if_empty_leaves_a_site_with_its_own_content_alone():
    home = HomePage.objects.get()
    home.add_child(instance=SectionPage(title="Letters", slug="letters"))
    before = demo_counts()
    output = load_demo("--if-empty")
    assert demo_counts() == before
    assert "left it alone" in output


def test_articles_and_members_give_exactly_that_many_in_a_valid_tree():
    load_demo("--articles", "200", "--members", "20", "--seed", "3")
    assert ArticlePage.objects.live().filter(audio__isnull=True).count() == 200
    assert sum(bool(GENERATED_MEMBER.match(email)) for email in User.objects.values_list("email", flat=True)) == 20
    assert EmailAddress.objects.filter(email__startswith="member0", verified=True).count() == 20
    assert all(problems == [] for problems in Page.find_problems())
    for section in SectionPage.objects.all():
        assert section.numchild == ArticlePage.objects.child_of(section).count()


def test_every_demo_pseudonym_is_one_a_member_could_have_chosen():
    load_demo("--members", "40")
    for pseudonym in User.objects.filter(email__endswith="@demo.fairfield.test").values_list("pseudonym", flat=True):
        assert clean_pseudonym(pseudonym) == pseudonym


def test_a_generated_article_opens_at_its_url_and_is_listed_on_its_section_page(client):
    load_demo("--articles", "60", "--seed", "3")
    generated = ArticlePage.objects.live().exclude(slug__in=[article.slug for article in ARTICLES])
    article = generated.latest("first_published_at")
    section = article.get_parent()

    response = client.get(article.url)
    assert response.status_code == 200
    assert article.title in response.text
    assert article.url.startswith(section.url)
    assert article.url in client.get(section.url).text


def test_generated_articles_open_in_wagtails_page_explorer_and_editor(client):
    load_demo("--articles", "30")
    article = ArticlePage.objects.order_by("-pk").first()
    client.force_login(User.objects.get(email=demo_email("editor")))
    assert client.get(f"/admin/pages/{article.get_parent().pk}/").status_code == 200
    assert client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200


def test_the_same_seed_generates_the_same_article():
    assert article_generate(random.Random(7)) == article_generate(random.Random(7))


def test_code_prints_a_code_the_accounts_authenticator_accepts():
    load_demo()
    output = load_demo("--code", "Editor@demo.fairfield.test").strip()
    authenticator = Authenticator.objects.get(user__email="editor@demo.fairfield.test")
    assert re.fullmatch(r"\d{6}", output)
    assert validate_totp_code(decrypt(authenticator.data["secret"]), output)


def test_code_refuses_accounts_outside_the_demo_domain(editor):
    with pytest.raises(CommandError, match=r"only shown for demo accounts"):
        load_demo("--code", editor.email)


def test_code_refuses_demo_accounts_without_an_authenticator():
    load_demo()
    with pytest.raises(CommandError, match="not a demo account with an authenticator"):
        load_demo("--code", "member@demo.fairfield.test")


@override_settings(PRODUCTION=True)
def test_load_demo_never_runs_in_production():
    with pytest.raises(CommandError, match="never runs in production"):
        load_demo()
    assert not User.objects.exists()


@override_settings(SITE_URL="http://127.0.0.1:8000")
def test_the_demo_site_answers_at_the_address_make_run_serves(client):
    load_demo()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    article = ArticlePage.objects.live().first()
    assert article.get_full_url().startswith("http://127.0.0.1:8000/")
