#!/usr/bin/env python3
"""A recording TCP relay for the leak test: listens on 127.0.0.1, forwards every connection to
the hub, and appends every byte that passes, in both directions, to a capture file. It needs
no privileges (unlike tcpdump or tshark on loopback), so it runs on any fresh machine.

Usage: relay.py LISTEN_PORT TARGET_PORT CAPTURE_FILE
Prints "relaying 127.0.0.1:LISTEN -> 127.0.0.1:TARGET" once it listens; stops on SIGTERM.
"""
import signal
import socket
import sys
import threading

listen_port, target_port, capture_path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
capture = open(capture_path, "ab", buffering=0)
lock = threading.Lock()


def pump(source, sink):
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            with lock:
                capture.write(data)
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for s in (source, sink):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(client):
    try:
        upstream = socket.create_connection(("127.0.0.1", target_port))
    except OSError:
        client.close()
        return
    threading.Thread(target=pump, args=(client, upstream), daemon=True).start()
    threading.Thread(target=pump, args=(upstream, client), daemon=True).start()


server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", listen_port))
server.listen(64)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
print(f"relaying 127.0.0.1:{server.getsockname()[1]} -> 127.0.0.1:{target_port}", flush=True)
while True:
    connection, _ = server.accept()
    serve(connection)
