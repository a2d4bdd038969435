"""Behind a real nginx with the shipped ``deploy/nginx.conf``: each visitor has a budget of its own.

nginx (Debian's package) and ``vdk-graph serve --trusted-proxies 1`` are started
on 127.0.0.1 by the test. Visitors connect from addresses of their own
(127.0.0.2, 127.0.0.3); only 127.0.0.1 — nginx itself — is exempt from the
budget, which is tiny, so a visitor's second query is refused.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.security.test_hostile_clients import request, sparql
from tests.store_fixtures import REPO, child_env, free_port, wait_for

pytestmark = pytest.mark.server

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


@dataclass
class Proxied:
    nginx: str
    app: str


def render(conf: str, listen: int, upstream: int) -> str:
    """The shipped server block with the test's ports."""
    conf = re.sub(r"listen 80;", f"listen 127.0.0.1:{listen};", conf)
    return conf.replace("127.0.0.1:5000", f"127.0.0.1:{upstream}")


@pytest.fixture
def proxied(tmp_path: Path) -> Iterator[Proxied]:
    if NGINX is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have nginx (.ci/run installs Debian's package)")
        pytest.skip("nginx is not installed here (Debian: apt-get install nginx)")
    app_port, nginx_port = free_port(), free_port()
    server_block = render((REPO / "deploy" / "nginx.conf").read_text(), nginx_port, app_port)
    user = "user root;" if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(textwrap.dedent(f"""
        {user}
        worker_processes 1;
        daemon off;
        pid {tmp_path}/nginx.pid;
        error_log {tmp_path}/error.log;
        events {{ worker_connections 256; }}
        http {{
            access_log {tmp_path}/access.log;
            client_body_temp_path {tmp_path}/body;
            proxy_temp_path {tmp_path}/proxy;
            fastcgi_temp_path {tmp_path}/fastcgi;
            uwsgi_temp_path {tmp_path}/uwsgi;
            scgi_temp_path {tmp_path}/scgi;
        """) + server_block + "\n}\n")
    store = tmp_path / "store"
    env = child_env() | {"VDK_STORE": str(store), "VDK_CLIENT_BUDGET": "0.000001",
                         "VDK_UNBUDGETED": "127.0.0.1/32", "VDK_PROXY_ADDRESSES": "127.0.0.1"}
    vdk = [str(Path(sys.executable).parent / "vdk-graph")]
    subprocess.run([*vdk, "build"], env=env, cwd=REPO, check=True, capture_output=True, timeout=300)
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        app = subprocess.Popen([*vdk, "serve", "--port", str(app_port), "--trusted-proxies", "1"],
                               env=env, cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
    proxy = subprocess.Popen([NGINX, "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        app_url, nginx_url = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{nginx_port}"

        def answers(url: str) -> bool:
            try:
                return request(url, "/search.json?q=x", timeout=2)[0] == 200
            except OSError:
                return False

        wait_for(lambda: answers(app_url), "vdk-graph serve", timeout=120, child=app, log=log)
        wait_for(lambda: answers(nginx_url), "nginx", timeout=30)
        yield Proxied(nginx_url, app_url)
    finally:
        proxy.send_signal(signal.SIGQUIT)
        app.send_signal(signal.SIGINT)
        for child in (proxy, app):
            try:
                child.wait(20)
            except subprocess.TimeoutExpired:  # a loaded machine: stop it, and reap it (no zombie or warning)
                child.kill()
                child.wait()


def test_two_visitors_behind_nginx_have_budgets_of_their_own(proxied: Proxied) -> None:
    ask = sparql("ASK {}")
    assert request(proxied.nginx, ask, source="127.0.0.2")[0] == 200
    assert request(proxied.nginx, ask, source="127.0.0.2")[0] == 429  # the same visitor, over budget
    assert request(proxied.nginx, ask, source="127.0.0.3")[0] == 200  # another visitor: its own budget


def test_a_forged_forwarded_for_is_believed_from_nobody(proxied: Proxied) -> None:
    ask = sparql("ASK {}")
    forged = {"X-Forwarded-For": "203.0.113.7"}
    # Through nginx: the header is overwritten with the real address, so the forger is still itself.
    other = {"X-Forwarded-For": "203.0.113.8"}
    assert request(proxied.nginx, ask, source="127.0.0.4", headers=forged)[0] == 200
    assert request(proxied.nginx, ask, source="127.0.0.4", headers=other)[0] == 429
    # Straight to the app: the peer is no configured proxy, so the header is dropped.
    assert request(proxied.app, ask, source="127.0.0.5", headers=forged)[0] == 200
    assert request(proxied.app, ask, source="127.0.0.5", headers=other)[0] == 429


def test_nginx_itself_and_the_operator_on_this_machine_are_not_budgeted(proxied: Proxied) -> None:
    for _ in range(3):
        assert request(proxied.app, sparql("ASK {}"), source="127.0.0.1")[0] == 200
