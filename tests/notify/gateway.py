#!/usr/bin/env python3
"""A stand-in SMS gateway for tests/notify: the real one is outside this
machine. It listens on loopback, records every request it receives as a
JSON line in LOG, and de-duplicates on OutId as a gateway does with its
caller's key: an id already taken is answered OK and not delivered again
(recorded as "duplicate"). --fail STATUS answers every request with that
status; --delay SECONDS holds each answer (after recording), so a test
can stop the caller between the gateway taking a message and the caller
hearing so. Prints its port on stdout, then serves until killed."""
import argparse
import http.server
import json
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("log")
parser.add_argument("--fail", type=int, default=0)
parser.add_argument("--delay", type=float, default=0.0)
args = parser.parse_args()
taken = set()


class Gateway(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        try:
            req = json.loads(body)
        except ValueError:
            req = {}
        key = str(req.get("OutId", ""))
        row = {"key": key, "idempotency_key": self.headers.get("Idempotency-Key"),
               "authorization": self.headers.get("Authorization"),
               "phone": req.get("PhoneNumbers"), "sign": req.get("SignName"),
               "template": req.get("TemplateCode"),
               "params": json.loads(req.get("TemplateParam") or "{}"),
               "at": time.time()}
        if args.fail:
            row["outcome"] = "failed"
            status, answer = args.fail, {"Code": "isp.SYSTEM_ERROR"}
        elif key in taken:
            row["outcome"] = "duplicate"
            status, answer = 200, {"Code": "OK", "Duplicate": True}
        else:
            taken.add(key)
            row["outcome"] = "delivered"
            status, answer = 200, {"Code": "OK", "BizId": "B" + key}
        with open(args.log, "a", encoding="utf-8") as f:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
        time.sleep(args.delay)
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the caller was killed waiting: the test's point

    def log_message(self, *a):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Gateway)
print(server.server_address[1], flush=True)
server.serve_forever()
