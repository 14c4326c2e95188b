"""A TCP port on loopback that records every connection made to it.

Point a hostile file at `http://127.0.0.1:<port>/…` (or `PG:host=127.0.0.1 port=<port>`)
and assert afterwards that `connections()` is empty: the code under test never tried
to reach it. Each connection is accepted and closed at once, so a client that does
connect fails fast instead of waiting for a timeout.
"""

import socket
import threading
import time


class Listener:
    def __init__(self):
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)
        self._socket.settimeout(0.05)
        self.port = self._socket.getsockname()[1]
        self._seen = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def _serve(self):
        while not self._stop.is_set():
            try:
                connection, _ = self._socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with connection:
                connection.settimeout(0.2)
                try:
                    first = connection.recv(200)
                except OSError:
                    first = b""
            with self._lock:
                self._seen.append(first)

    def connections(self):
        """What the clients that connected sent first (a request line, a startup
        packet…), after giving a connection in flight a moment to be accepted."""
        time.sleep(0.3)
        with self._lock:
            return list(self._seen)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self._socket.close()
