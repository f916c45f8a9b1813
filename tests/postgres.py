"""A real, throwaway PostgreSQL server for the tests: initdb + pg_ctl on a temporary folder and a free port.

Registered as a pytest plugin in ``tests/conftest.py`` so every test module shares one server per session;
it starts (about two seconds) only when a test asks for it, and is stopped when the session ends. The
server uses password authentication (scram-sha-256) even on localhost, so a wrong password is refused as
it would be on a real hub. Missing server binaries fail the tests: CI installs them (``scripts/setup``).

Root may not run a PostgreSQL server, so as root the cluster belongs to the ``postgres`` user (``nobody``
where that user does not exist) and the commands run as that user.
"""

from __future__ import annotations

import itertools
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import URL, create_engine, text

from enablement_app.sync.postgres_admin import create_hub_login, setup_postgres_hub
from enablement_app.sync.postgres_hub import PostgresHub

BINDIR_ENV = "ENABLEMENT_PG_BINDIR"
ADMIN_USER = "hub_admin"
DEBIAN_BINDIRS = Path("/usr/lib/postgresql")


def find_bindir() -> Path:
    """Where ``initdb`` and ``pg_ctl`` are: $ENABLEMENT_PG_BINDIR, Debian's newest, or the PATH."""
    candidates: list[Path] = []
    if os.environ.get(BINDIR_ENV):
        candidates.append(Path(os.environ[BINDIR_ENV]))
    if DEBIAN_BINDIRS.is_dir():
        versions = [path for path in DEBIAN_BINDIRS.iterdir() if path.name.isdigit()]
        candidates += [
            path / "bin" for path in sorted(versions, key=lambda path: int(path.name), reverse=True)
        ]
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for bindir in candidates:
        if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file():
            return bindir
    pytest.fail(
        "the PostgreSQL server binaries (initdb, pg_ctl) were not found: run scripts/setup, which "
        f"installs the Debian package 'postgresql', or point {BINDIR_ENV} at their folder",
        pytrace=False,
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class PostgresServer:
    """A running cluster on 127.0.0.1; ``url()`` connects as its superuser."""

    bindir: Path
    base: Path
    port: int
    admin_password: str
    run_as: str | None
    durable: bool = False

    host = "127.0.0.1"

    @property
    def data_dir(self) -> Path:
        return self.base / "data"

    def url(self, database: str = "postgres", user: str = ADMIN_USER, password: str | None = None) -> str:
        """A ``postgresql://`` URL; the admin's password is filled in only for the admin."""
        if password is None and user == ADMIN_USER:
            password = self.admin_password
        return URL.create(
            "postgresql", username=user, password=password, host=self.host, port=self.port, database=database
        ).render_as_string(hide_password=False)

    def _run(self, *args: str) -> None:
        result = subprocess.run(
            [str(self.bindir / args[0]), *args[1:]],
            user=self.run_as,
            cwd=self.base,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if result.returncode != 0:
            log_file = self.base / "server.log"
            server_log = log_file.read_text(errors="replace")[-2000:] if log_file.exists() else ""
            raise RuntimeError(
                f"{args[0]} failed ({result.returncode}): {result.stderr.strip()}\n{server_log}".strip()
            )

    def start(self) -> None:
        options = f"-c listen_addresses={self.host} -p {self.port} -k {self.base} -c max_connections=60"
        if not self.durable:
            # a test server is thrown away: skip the disk flushes (the benchmark keeps them)
            options += " -c fsync=off -c full_page_writes=off"
        self._run(
            "pg_ctl", "start", "-w", "-t", "30", "-D", str(self.data_dir), "-l", "server.log", "-o", options
        )

    def stop(self) -> None:
        """Stop at once, without the shutdown checkpoint: the cluster is deleted next."""
        self._run("pg_ctl", "stop", "-w", "-m", "immediate", "-D", str(self.data_dir))


def start_postgres_server(*, durable: bool = False) -> PostgresServer:
    """initdb and start a cluster in a new temporary folder; ``durable`` keeps fsync on (for benchmarks)."""
    bindir = find_bindir()
    run_as: str | None = None
    if os.geteuid() == 0:
        for name in ("postgres", "nobody"):
            try:
                pwd.getpwnam(name)
            except KeyError:
                continue
            run_as = name
            break
    # the server's user must reach the folder: under root, /tmp rather than a $TMPDIR that may be root's own
    base = Path(tempfile.mkdtemp(prefix="enablement-pg-", dir="/tmp" if run_as else None))
    password = secrets.token_urlsafe(16)
    (base / "pwfile").write_text(password + "\n", encoding="utf-8")
    if run_as is not None:
        account = pwd.getpwnam(run_as)
        for path in (base, base / "pwfile"):
            os.chown(path, account.pw_uid, account.pw_gid)
    server = PostgresServer(
        bindir=bindir, base=base, port=0, admin_password=password, run_as=run_as, durable=durable
    )
    try:
        server._run(
            "initdb", "-D", str(server.data_dir), "-U", ADMIN_USER, "--pwfile", str(base / "pwfile"),
            "--auth", "scram-sha-256", "--encoding", "UTF8", "--locale", "C", "--no-sync",
        )  # fmt: skip
        (base / "pwfile").unlink()
        # another process may take the free port between the probe and the start: try a few
        for attempt in itertools.count(1):
            server.port = _free_port()
            try:
                server.start()
                break
            except RuntimeError:
                if attempt == 3:
                    raise
    except BaseException:
        shutil.rmtree(base, ignore_errors=True)
        raise
    return server


def create_database(server: PostgresServer, name: str) -> str:
    """A new empty database on ``server``; returns its admin URL."""
    engine = create_engine(server.url().replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return server.url(database=name)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    server = start_postgres_server()
    try:
        yield server
    finally:
        try:
            server.stop()
        finally:
            shutil.rmtree(server.base, ignore_errors=True)


_database_numbers = itertools.count(1)


@pytest.fixture
def postgres_database(postgres_server: PostgresServer) -> str:
    """A fresh empty database for one test, as its admin URL (with the password)."""
    return create_database(postgres_server, f"hub_test_{next(_database_numbers)}")


@dataclass(frozen=True)
class PostgresHubDatabase:
    """A database set up as a hub (``setup_postgres_hub``), with a login for two reps and one marketer.

    URLs carry no password, as a rep's settings would; the passwords are here to hand to the hub.
    """

    server: PostgresServer
    admin_url: str  # the superuser, with the password
    database: str

    def url(self, login: str) -> str:
        return self.server.url(database=self.database, user=login)

    def open(self, login: str) -> PostgresHub:
        """The hub as ``login`` ("rep_ann", "rep_bo", "marketing_mia" or the admin), password given."""
        if login == ADMIN_USER:
            return PostgresHub(self.admin_url)
        return PostgresHub(self.url(login), password=LOGIN_PASSWORDS[login])


LOGIN_PASSWORDS = {"rep_ann": "ann-secret", "rep_bo": "bo-secret", "marketing_mia": "mia-secret"}


@pytest.fixture
def postgres_hub_database(postgres_server: PostgresServer, postgres_database: str) -> PostgresHubDatabase:
    setup_postgres_hub(postgres_database)
    for login, password in LOGIN_PASSWORDS.items():
        create_hub_login(
            postgres_database, login, password, "rep" if login.startswith("rep") else "marketing"
        )
    return PostgresHubDatabase(
        server=postgres_server, admin_url=postgres_database, database=postgres_database.rsplit("/", 1)[1]
    )


@pytest.fixture
def postgres_hub(postgres_hub_database: PostgresHubDatabase) -> Iterator[PostgresHub]:
    """A hub that may do both sides (its owner), for the contract tests every backend passes."""
    hub = postgres_hub_database.open(ADMIN_USER)
    try:
        yield hub
    finally:
        hub.close()
