"""Replace Wagtail's welcome page with Fairfield's home page and its standing pages.

Editors change all of this text in Wagtail's admin; this is only the first draft.
"""

import uuid

from django.db import migrations

HOME_INTRO = (
    "<p>Fairfield is a reader-funded magazine and meeting place for people harmed by the mental-health "
    "system, their families, and the professionals willing to listen. Survivors speak first here.</p>"
)

PAGES = [
    (
        "about",
        "About Fairfield",
        "Who we are, what we publish, and why survivors read professionals' work before it appears.",
        [
            ("heading", "Why Fairfield exists"),
            (
                "paragraph",
                "<p>Many people who went through psychiatric care found that what was written about them "
                "was written without them. Fairfield turns that around. Survivors, family members and "
                "professionals all write here, and when a professional writes about survivors, survivor "
                "reviewers read the piece first. Their commentary is published beside it.</p>",
            ),
            ("heading", "How we are funded"),
            (
                "paragraph",
                "<p>Readers pay for Fairfield. We take no money from drug makers or hospital groups, we run "
                "no advertising and no trackers, and every page you load comes from our own server.</p>",
            ),
        ],
    ),
    (
        "community-guidelines",
        "Community guidelines",
        "How we talk with one another here, and how moderators decide.",
        [
            (
                "paragraph",
                "<p>People come to Fairfield carrying hard experiences. Write as you would speak to someone "
                "sitting across a table from you: disagree with ideas as strongly as you like, but do not "
                "attack the person.</p>",
            ),
            ("heading", "What we remove"),
            (
                "paragraph",
                "<ul><li>Personal attacks, harassment and threats.</li>"
                "<li>The real names or identifying details of private people.</li>"
                "<li>Spam and advertising.</li>"
                "<li>Detailed descriptions of methods of self-harm or suicide.</li></ul>",
            ),
            ("heading", "How moderation works"),
            (
                "paragraph",
                "<p>Moderators tell you why a comment was held or removed, and you can ask for a second "
                "look by a different moderator. A moderator never decides on a comment they are part of.</p>",
            ),
        ],
    ),
    (
        "privacy",
        "Privacy",
        "What we keep about you, for how long, and how to take it back.",
        [
            (
                "paragraph",
                "<p>You need only an e-mail address and a pseudonym to join. We never show your e-mail "
                "address to other members, and we never ask for your real name.</p>",
            ),
            ("heading", "What we do not do"),
            (
                "paragraph",
                "<p>We do not use analytics, advertising networks, social media buttons or fonts from "
                "other companies. No page on Fairfield asks your browser to contact anyone but us.</p>",
            ),
            ("heading", "Your choices"),
            (
                "paragraph",
                "<p>Your self-description on your profile is private unless you choose otherwise. You can "
                "change it, export what you have written, or ask us to erase your account.</p>",
            ),
        ],
    ),
    (
        "crisis-resources",
        "Crisis resources",
        "If you are struggling right now, you do not have to wait.",
        [
            (
                "paragraph",
                "<p>Peer-run warmlines are staffed by people who have been through crisis themselves. "
                "Many of them do not trace calls or involve the police. Ask any line, before you say "
                "anything else, what their policy is on emergency services.</p>",
            ),
            (
                "paragraph",
                "<p>If you are in immediate danger and want emergency help, call your local emergency "
                "number. Editors keep the list of lines on this page up to date for our readers' regions.</p>",
            ),
        ],
    ),
]


def _stream(blocks):
    return [{"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in blocks]


def create_site_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("base", "HomePage")
    StandardPage = apps.get_model("base", "StandardPage")
    Locale = apps.get_model("wagtailcore", "Locale")
    locale = Locale.objects.order_by("pk").first()

    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    home_type, _ = ContentType.objects.get_or_create(app_label="base", model="homepage")
    standard_type, _ = ContentType.objects.get_or_create(app_label="base", model="standardpage")

    home = HomePage.objects.create(
        title="Fairfield",
        draft_title="Fairfield",
        slug="home",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=len(PAGES),
        url_path="/home/",
        intro=HOME_INTRO,
        live=True,
        locale=locale,
    )
    for position, (slug, title, standfirst, blocks) in enumerate(PAGES, start=1):
        StandardPage.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=standard_type,
            path=f"00010001{position:04d}",
            depth=3,
            numchild=0,
            url_path=f"/home/{slug}/",
            standfirst=standfirst,
            body=_stream(blocks),
            live=True,
            locale=locale,
        )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page_id": home.pk, "site_name": "Fairfield"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("base", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_site_pages, migrations.RunPython.noop)]
