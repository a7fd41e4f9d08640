from django.contrib.syndication.views import Feed
from django.utils.translation import gettext_lazy as _

from fairfield.roundtables import selectors


class RoundTablesFeed(Feed):
    title = _("Fairfield round tables")
    link = "/roundtables/"
    description = _("Slow, written conversations on a fair field: equal seats, equal turns.")

    def items(self):
        return selectors.tables_public()[:30]

    def item_title(self, item):
        return item.question

    def item_description(self, item):
        return item.framing

    def item_pubdate(self, item):
        return item.starts_at
