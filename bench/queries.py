"""Print, as JSON, the pages load.py measures and the database queries each takes once the caches are warm.

Run with DATABASE_URL pointing at a data set made by generate.sh; load.py runs it once per data set.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fairfield.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from fairfield.publishing.models import ARTICLES_PER_PAGE, ArticlePage, SectionPage  # noqa: E402


def pages_to_measure() -> dict[str, str]:
    """The health check, home, the biggest section's first and last page, and the article with the long discussion."""
    section = SectionPage.objects.order_by("-numchild", "pk").first()
    last_page = max(1, -(-section.numchild // ARTICLES_PER_PAGE))
    article = ArticlePage.objects.get(slug="coming-off-slowly")
    return {
        "health check": "/healthz",
        "home": "/",
        "section, first page": section.url,
        "section, last page": f"{section.url}?page={last_page}",
        "article with its comments": article.url,
    }


def main():
    client = Client(HTTP_HOST="127.0.0.1")
    pages = {}
    for name, url in pages_to_measure().items():
        client.get(url)  # fills the site-root cache, as every worker's first request does
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url).status_code
        pages[name] = {"url": url, "status": status, "queries": len(queries)}
    json.dump({"articles": ArticlePage.objects.count(), "pages": pages}, sys.stdout)


if __name__ == "__main__":
    main()
