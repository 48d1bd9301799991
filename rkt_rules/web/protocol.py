"""uvicorn's HTTP/1.1 protocol, with a bound on the time a connection may take to say what it wants.

uvicorn times out a connection only after a response (keep-alive): one that sends nothing, or its request
line and headers a byte at a time, is kept open for ever, and enough of them exhaust the server's sockets.
Here a connection whose first request has not been read whole within ``HEADER_WAIT`` seconds is closed; a
body that pauses is the uploads' own bound (uploads.BODY_WAIT, a 408)."""

from __future__ import annotations

from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_WAIT = 10.0  # seconds from connecting to a request's last header line


class BoundedH11Protocol(H11Protocol):
    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._header_wait = self.loop.call_later(HEADER_WAIT, self._close_if_nothing_asked)

    def _close_if_nothing_asked(self) -> None:
        if self.cycle is None and not self.transport.is_closing():
            self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self._header_wait.cancel()
        super().connection_lost(exc)
