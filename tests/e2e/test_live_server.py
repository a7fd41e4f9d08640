"""The live server answers a browser's parallel requests, each on a database connection of its own."""

import threading
import urllib.request

from django.conf import settings
from django.db import connection
from django.test import Client

from fairfield.accounts.roles import Role
from fairfield.accounts.tests.factories import UserFactory


def test_the_test_database_is_a_file_so_live_server_threads_do_not_share_one_connection():
    if connection.vendor == "sqlite":
        assert not connection.is_in_memory_db()
        assert str(connection.settings_dict["NAME"]).startswith(str(settings.VAR_DIR))


def test_a_members_parallel_requests_all_succeed(live_server):
    member = UserFactory(pseudonym="Parallel", roles=[Role.MEMBER])
    client = Client()
    client.force_login(member)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    start = threading.Barrier(8)
    outcomes = []

    def browse():
        start.wait()
        for path in ["/", "/about/", "/members/me/", "/members/Parallel/", "/privacy/"] * 5:
            request = urllib.request.Request(live_server.url + path, headers={"Cookie": cookie})  # noqa: S310
            try:
                with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 - the live server
                    outcomes.append(response.status)
            except Exception as error:  # noqa: BLE001 - collected and asserted below
                outcomes.append(repr(error))

    threads = [threading.Thread(target=browse) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes == [200] * 200
