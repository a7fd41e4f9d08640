import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from fairfield.comments.models import Comment
from fairfield.privacy.tests.dump import database_mentions

pytestmark = pytest.mark.django_db


def test_deleting_a_member_in_the_admin_erases_them(client, admin_user, history, django_capture_on_commit_callbacks):
    client.force_login(admin_user)
    url = reverse("wagtailusers_users:delete", args=[history.member.pk])
    assert client.get(url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=history.member.pk).exists()
    assert Comment.objects.get(pk=history.comment.pk).author_name == "a former member"
    assert database_mentions("Vesper Quill", "vesper.quill@example.org") == []


def test_a_member_cannot_delete_another_through_the_admin(client, alder, vesper):
    client.force_login(alder)
    response = client.post(reverse("wagtailusers_users:delete", args=[vesper.pk]))
    assert response.status_code in {302, 403}
    assert get_user_model().objects.filter(pk=vesper.pk).exists()
