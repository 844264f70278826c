"""A throwaway redis-server for the scripts that generate tables from a real server.

    with ThrowawayRedis(server="redis-server", cli="redis-cli") as redis:
        redis.version            # "7.0.15"
        redis.cli("--json", "COMMAND")

The server listens on a free loopback port, keeps nothing on disk, and is stopped by pid when
the block ends.
"""
import socket
import subprocess
import sys
import time


class ThrowawayRedis:
    def __init__(self, server="redis-server", cli="redis-cli"):
        self.server_path = server
        self.cli_path = cli
        self.port = None
        self.version = None
        self.process = None

    def cli(self, *command):
        """redis-cli's stdout, byte for byte (no newline translation: HELP prints \\r\\n)."""
        return subprocess.run([self.cli_path, "-p", str(self.port), *command], check=True,
                              capture_output=True).stdout.decode()

    def __enter__(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.process = subprocess.Popen(
            [self.server_path, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            self._wait_for_ping()
            info = self.cli("INFO", "server")
            self.version = next(line.split(":", 1)[1].strip() for line in info.splitlines()
                                if line.startswith("redis_version:"))
        except BaseException:
            self._stop()
            raise
        return self

    def __exit__(self, *exc):
        self._stop()
        return False

    def _wait_for_ping(self):
        for _ in range(100):
            try:
                if self.cli("PING").strip() == "PONG":
                    return
            except subprocess.CalledProcessError:
                pass
            time.sleep(0.05)
        sys.exit("redis-server did not answer PING")

    def _stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
