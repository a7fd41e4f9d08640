from django.apps import AppConfig


class RoundTablesConfig(AppConfig):
    name = "fairfield.roundtables"
    label = "roundtables"
    verbose_name = "Round tables"

    def ready(self):
        from fairfield.roundtables import access, handlers, notification_kinds  # noqa: F401 - registers rules, kinds, receivers
