from django.apps import AppConfig


class WordpressConfig(AppConfig):
    name = "fairfield.wordpress"
    label = "wordpress"
    verbose_name = "Wordpress"
