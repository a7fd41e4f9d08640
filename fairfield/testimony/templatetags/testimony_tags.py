"""The figures as accessible inline SVG: a bar per answer, the same numbers as the table beside it."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

register = template.Library()

TITLES = {
    "setting": lambda: _("Where it happened"),
    "experience": lambda: _("What happened"),
    "helped": lambda: _("What helped"),
    "period": lambda: _("When"),
    "region": lambda: _("Where in the world"),
}
ROW_HEIGHT = 28
LABEL_WIDTH = 300
BAR_WIDTH = 320


@register.simple_tag
def figure_title(dimension: str) -> str:
    return TITLES[dimension]()


@register.simple_tag
def figure_chart(rows, dimension: str):
    largest = max([row["count"] or 0 for row in rows] + [5])
    height = ROW_HEIGHT * len(rows)
    bars = []
    for index, row in enumerate(rows):
        y = index * ROW_HEIGHT
        count = row["count"]
        width = 0 if count is None else max(2, round(BAR_WIDTH * count / largest))
        shown = _("fewer than 5") if count is None else str(count)
        bars.append(
            (
                y + 18,
                row["label"],
                LABEL_WIDTH,
                y + 6,
                width,
                "testimony-bar" if count is not None else "testimony-bar testimony-bar--hidden",
                LABEL_WIDTH + width + 6,
                y + 18,
                shown,
            )
        )
    return format_html(
        '<svg class="testimony-chart" viewBox="0 0 {} {}" role="img" aria-labelledby="chart-{}-title">'
        '<title id="chart-{}-title">{}</title>{}</svg>',
        LABEL_WIDTH + BAR_WIDTH + 110,
        height,
        dimension,
        dimension,
        _("Bar chart: %(title)s. The same numbers are in the table.") % {"title": figure_title(dimension)},
        format_html_join(
            "",
            '<text x="0" y="{}" class="testimony-chart__label">{}</text>'
            '<rect x="{}" y="{}" width="{}" height="16" class="{}"></rect>'
            '<text x="{}" y="{}" class="testimony-chart__value">{}</text>',
            bars,
        ),
    )
