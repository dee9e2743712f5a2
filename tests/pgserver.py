"""A throw-away PostgreSQL server for tests and benchmarks: Debian's `postgresql` package, started
with initdb and pg_ctl in a temporary directory on a free loopback port, trust auth, no network.

initdb refuses to run as root, and CI runs as root: there the cluster is made and run as the
`postgres` system user (which the package creates) through runuser.

    server = PostgresServer.start()            # unavailable() says why it cannot, if so
    url = server.create_database("t1")
    server.stop()
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


def binaries() -> Path | None:
    """The directory holding initdb and pg_ctl, newest version first, or None."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def unavailable() -> str | None:
    """Why no test server can be started here, or None."""
    try:
        import psycopg  # noqa: F401
    except ModuleNotFoundError:
        return "psycopg is not installed (pip install -e '.[dev]')"
    if binaries() is None:
        return "PostgreSQL is not installed (apt-get install postgresql; .ci/run does it)"
    if os.geteuid() == 0 and not _has_user("postgres"):
        return "running as root without a `postgres` user to run the server as"
    return None


def _has_user(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PostgresServer:
    data: Path
    port: int
    bin: Path
    as_root: bool

    @classmethod
    def start(cls) -> PostgresServer:
        """A new cluster in its own temporary directory (removed by `stop`): not under pytest's
        tmp_path, which root keeps closed to other users such as `postgres`."""
        bin_dir = binaries()
        if bin_dir is None:
            raise RuntimeError(unavailable() or "no PostgreSQL")
        as_root = os.geteuid() == 0
        directory = Path(tempfile.mkdtemp(prefix="onramp-pg-"))
        data = directory / "pgdata"
        if as_root:  # the cluster belongs to `postgres`
            shutil.chown(directory, "postgres", "postgres")
        server = cls(data, _free_port(), bin_dir, as_root)
        server._run("initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                    "--no-sync", "--locale", "C")  # fmt: skip
        options = (
            f"-c listen_addresses=127.0.0.1 -p {server.port} -c unix_socket_directories={directory}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            " -c max_connections=100 -c shared_buffers=64MB"
        )
        server._run(
            "pg_ctl", "-D", str(data), "-o", options, "-l", str(directory / "server.log"),
            "-w", "-t", "60", "start",
        )  # fmt: skip
        return server

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{program} failed: {done.stderr.strip() or done.stdout.strip()}")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'drop database if exists "{name}" with (force)')
            conn.execute(f'create database "{name}"')
        return self.url(name)

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.data.parent, ignore_errors=True)


def wait_until(predicate, timeout: float = 30.0, every: float = 0.05) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(every)
    return predicate()
