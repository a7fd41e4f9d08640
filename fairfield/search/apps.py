from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "fairfield.search"
    label = "search"
    verbose_name = "Search"
