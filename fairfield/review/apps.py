from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "fairfield.review"
    label = "review"
    verbose_name = "Review"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from fairfield.publishing.gates import publish_gate
        from fairfield.publishing.page_cache import page_cache_clear
        from fairfield.review import access, emails  # noqa: F401 - register the access rules and kinds of mail
        from fairfield.review.services import first_read_gate

        publish_gate(first_read_gate)
        from fairfield.review.models import Assessment, AuthorResponse, ReviewEvent, SurvivorCommentary

        # What readers see under a reviewed article: commentaries, assessments, responses, the timeline.
        article_of = {
            SurvivorCommentary: lambda row: row.article_id,
            Assessment: lambda row: row.commentary.article_id,
            AuthorResponse: lambda row: row.commentary.article_id,
            ReviewEvent: lambda row: row.article_id,
        }

        def review_changed(sender, instance, **kwargs):
            if article_id := article_of[sender](instance):
                page_cache_clear(article_id)

        for model in article_of:
            for signal in (post_save, post_delete):
                signal.connect(review_changed, sender=model, weak=False, dispatch_uid=f"page_cache_{model.__name__}")
