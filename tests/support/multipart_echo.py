"""A multipart/form-data endpoint this project's Rust does not share code with: it reads the
request (chunked or not) with Python's standard library, splits the parts at the boundary as
RFC 7578 says, and answers each part's name, file name, content type, length, byte sum and,
for a short part, its text. A `GET` answers the parts of the last `POST` as JSON. It prints its
port, then serves until killed."""

import json
import re
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer


def read_body(handler):
    if handler.headers.get("Transfer-Encoding", "").lower() == "chunked":
        body = bytearray()
        while True:
            size = int(handler.rfile.readline().split(b";")[0].strip(), 16)
            if size == 0:
                handler.rfile.readline()
                return bytes(body)
            body += handler.rfile.read(size)
            handler.rfile.readline()
    return handler.rfile.read(int(handler.headers.get("Content-Length", "0")))


def parts(body, boundary):
    delimiter = b"--" + boundary
    for piece in body.split(delimiter)[1:]:
        if piece.startswith(b"--"):
            break
        head, _, content = piece[2:].partition(b"\r\n\r\n")
        headers = {}
        for line in head.decode("utf-8").split("\r\n"):
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        disposition = headers.get("content-disposition", "")
        name = re.search(r'\bname="([^"]*)"', disposition)
        filename = re.search(r'\bfilename="([^"]*)"', disposition)
        content = content[:-2]  # the CRLF before the next delimiter
        yield {
            "name": name.group(1) if name else None,
            "file_name": filename.group(1) if filename else None,
            "content_type": headers.get("content-type"),
            "length": len(content),
            "sum": sum(content),
            "text": content.decode("utf-8", "replace") if len(content) <= 256 else None,
        }


class Echo(BaseHTTPRequestHandler):
    last = []

    def do_POST(self):
        content_type = self.headers.get("Content-Type", "")
        boundary = re.search(r'boundary="?([^";]+)"?', content_type)
        body = read_body(self)
        Echo.last = list(parts(body, boundary.group(1).encode()))
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        answer = json.dumps(Echo.last).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


server = HTTPServer(("127.0.0.1", 0), Echo)
print(server.server_address[1], flush=True)
server.serve_forever()
