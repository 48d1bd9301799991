"""The page under load: hostile uploads in flight together, a long plan among them, while `/healthz` and a
seed check still answer. A real server (`rkt-rules serve`) on loopback, as a reviewer's browser meets it."""

import json
import threading
import time
import urllib.error
import urllib.request
import uuid

import pytest

pytest.importorskip("uvicorn")
from tests.conftest import ROOT  # noqa: E402
from tests.hostile_files import hostile_files  # noqa: E402
from tests.test_web import served  # noqa: E402

SEED = ROOT / "plans" / "kpu-kota-pontianak-2023.txt"


def long_plan(rows: int) -> bytes:
    """An RKT of ``rows`` indicators under goals of five each: the size the issue's stalled server was given."""
    lines = ["RENCANA KINERJA TAHUNAN TAHUN 2024", "Unit Kerja : DINAS CONTOH KABUPATEN CONTOH", "",
             "No\tSasaran Strategis\tIndikator Kinerja\tTarget"]
    for n in range(rows):
        goal = f"{n // 5 + 1}\tMeningkatnya layanan bidang {n // 5 + 1}" if n % 5 == 0 else "\t"
        lines.append(f"{goal}\tPersentase layanan {n + 1} yang tuntas\t{n % 90 + 10}%")
    return ("\n".join(lines) + "\n").encode()


def post(port: int, name: str, data: bytes) -> tuple[int, bytes]:
    """One file to /api/check, multipart as a browser sends it; a 503 is waited out as its Retry-After asks."""
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    while True:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/check", data=body, method="POST",
                                         headers={"content-type": f"multipart/form-data; boundary={boundary}"})
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            if error.code != 503:
                return error.code, error.read()
            time.sleep(0.5)


def peak_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))


def test_hostile_uploads_in_flight_together_never_stall_the_server():
    uploads = {**hostile_files(), "panjang.txt": long_plan(10_000)}
    with served() as (process, port, _):
        answers: dict[str, tuple[int, bytes]] = {}
        waits: list[float] = []
        done = threading.Event()

        def poll():
            while not done.is_set():
                start = time.perf_counter()
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as answer:
                    assert answer.read() == b"ok"
                waits.append(time.perf_counter() - start)
                time.sleep(0.1)

        def send(name: str) -> None:
            answers[name] = post(port, name, uploads[name])

        poller = threading.Thread(target=poll)
        poller.start()
        senders = [threading.Thread(target=send, args=(name,)) for name in uploads]
        for sender in senders:
            sender.start()
        for sender in senders:
            sender.join(timeout=300)
        seed = post(port, SEED.name, SEED.read_bytes())
        done.set()
        poller.join()

        for name in hostile_files():
            status, body = answers[name]
            assert status in (400, 422), (name, status, body[:200])
            assert name in json.loads(body)["error"]
        status, body = answers["panjang.txt"]
        assert status == 200 and json.loads(body)["summary"]["files"] == 1
        assert seed[0] == 200 and json.loads(seed[1])["findings"]
        assert len(waits) >= 5 and max(waits) < 1.0, sorted(waits)[-5:]
        assert peak_kb(process.pid) < 500 * 1024


@pytest.mark.parametrize("sent", [b"", b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"], ids=["nothing", "headers unfinished"])
def test_a_connection_that_never_finishes_asking_is_closed(monkeypatch, sent):
    """uvicorn alone keeps such a connection open for ever; a complete request on another is answered meanwhile."""
    import socket

    import uvicorn

    from rkt_rules.web import protocol
    from rkt_rules.web.app import create_app
    from tests.test_web import free_port

    monkeypatch.setattr(protocol, "HEADER_WAIT", 0.5)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning",
                                           http=protocol.BoundedH11Protocol))
    runner = threading.Thread(target=server.run)
    runner.start()
    try:
        while not server.started:
            time.sleep(0.02)
        slow = socket.create_connection(("127.0.0.1", port))
        slow.sendall(sent)
        slow.settimeout(10)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as answer:
            assert answer.read() == b"ok"
        start = time.perf_counter()
        assert slow.recv(100) == b""  # closed by the server
        assert time.perf_counter() - start < 5
    finally:
        server.should_exit = True
        runner.join(timeout=10)
