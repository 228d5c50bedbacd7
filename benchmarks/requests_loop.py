"""The loop a merchant would write instead of the SDK: requests.Session() and one POST after
another, sending the same bytes as the refundkit client (refundkit-bench-batch passes them in).

    BENCH_HEADERS="Name: value lines" BENCH_BODY='{...}' python3 requests_loop.py URL COUNT

Each refund gets its own reference, as long as the client's. Prints "seconds=S ok=N".
"""

import json
import os
import sys
import time

import requests
from urllib3.util import SKIP_HEADER


def main() -> int:
    url, count = sys.argv[1], int(sys.argv[2])
    headers = {}
    for line in os.environ["BENCH_HEADERS"].splitlines():
        name, _, value = line.partition(": ")
        headers[name] = value
    # http.client would add "Accept-Encoding: identity", which the client does not send.
    headers.setdefault("Accept-Encoding", SKIP_HEADER)
    body = json.loads(os.environ["BENCH_BODY"])
    session = requests.Session()
    # requests' defaults (Accept-Encoding: gzip, Connection: keep-alive, its User-Agent) would
    # make this a different request from the client's.
    session.headers.clear()
    ok = 0
    started = time.perf_counter()
    for number in range(count):
        body["externalReference"] = "rk-p-%08d" % number
        answer = session.post(url, data=json.dumps(body, separators=(",", ":")), headers=headers)
        answer.raise_for_status()
        if answer.json()["externalReference"] == body["externalReference"]:
            ok += 1
    elapsed = time.perf_counter() - started
    print("seconds=%.3f ok=%d" % (elapsed, ok))
    return 0 if ok == count else 1


if __name__ == "__main__":
    sys.exit(main())
