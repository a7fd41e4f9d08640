"""`make run` (scripts/run) takes its port from PORT and says so plainly when the port is taken."""

import os
import socket
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "run"


def _run(port: str):
    env = {**os.environ, "PORT": port}
    return subprocess.run(  # noqa: S603 - our own script
        [str(SCRIPT)], env=env, capture_output=True, text=True, timeout=30, check=False
    )


def test_a_busy_port_is_named_with_the_way_to_choose_another_before_anything_is_installed():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        result = _run(str(port))
    assert result.returncode == 1
    assert f"Port {port} on 127.0.0.1 is already in use" in result.stderr
    assert f"PORT={port + 1} make run" in result.stderr
    assert result.stdout == ""


def test_a_port_that_is_not_a_number_is_refused():
    result = _run("eighty")
    assert result.returncode == 2
    assert "PORT must be a number" in result.stderr


def test_the_server_listens_on_the_port_from_the_environment():
    text = SCRIPT.read_text()
    assert 'port="${PORT:-8000}"' in text
    assert 'runserver "127.0.0.1:$port"' in text
