#!/usr/bin/python3
"""atlas-device-torch: an Attention Atlas device served with PyTorch.

Speaks the protocol of attention-atlas-device (core/remote/atlas_device.proto) on the CPU, a
CUDA GPU or an Ascend NPU (torch_npu). It computes the variants of docs/variants.md that need
no random parameter matrices, from the Q, K and V the app sends, and streams the results back.
See docs/remote-torch.md. Run it with Debian's /usr/bin/python3 (torch, grpcio, protobuf).
"""

import argparse
import os
import signal
import sys
import threading
from concurrent import futures

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from atlas_torch import VERSION, stubs  # noqa: E402


def fail(sentence):
    """Stops with one sentence on stderr and exit status 2, as attention-atlas-device does."""
    print("error: " + sentence, file=sys.stderr, flush=True)
    raise SystemExit(2)


def parse_bytes(text):
    """"256M", "1G", "64K" or bytes: at least 1 MiB and below 2 GiB (gRPC's message limit)."""
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    scale = units.get(text[-1:].upper(), 1)
    number = text[:-1] if scale > 1 else text
    try:
        value = int(float(number) * scale)
    except ValueError:
        raise argparse.ArgumentTypeError("'%s' is not a size such as 256M." % text)
    if value < (1 << 20) or value >= (1 << 31):
        raise argparse.ArgumentTypeError("--max-request-bytes must be at least 1M and below 2G.")
    return value


def positive(low, high):
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError("'%s' is not a whole number." % text)
        if value < low or value > high:
            raise argparse.ArgumentTypeError("must be between %d and %d." % (low, high))
        return value
    return parse


def arguments(argv):
    parser = argparse.ArgumentParser(
        prog="atlas_device_torch.py",
        description="Serve the Attention Atlas device protocol with PyTorch. One line per "
                    "request goes to stderr; SIGTERM or SIGINT stops the server.")
    parser.add_argument("--listen", default="127.0.0.1:50051", metavar="HOST:PORT",
                        help="address to listen on (default 127.0.0.1:50051; port 0 picks a "
                             "free one)")
    parser.add_argument("--device", default="cpu", choices=["cpu", "cuda", "npu"],
                        help="where to compute (npu needs torch_npu)")
    parser.add_argument("--token-file", metavar="FILE",
                        help="clients must send this token; required to listen on a "
                             "non-loopback address")
    parser.add_argument("--tls-cert", metavar="FILE", help="PEM certificate: serve over TLS")
    parser.add_argument("--tls-key", metavar="FILE", help="PEM private key of --tls-cert")
    parser.add_argument("--max-n", type=positive(1, 1 << 31), default=1 << 18, metavar="N",
                        help="refuse requests with a larger N or M (default 262144)")
    parser.add_argument("--max-concurrent", type=positive(1, 1024), default=4, metavar="C",
                        help="requests computed at once; more are refused as busy (default 4)")
    parser.add_argument("--max-request-bytes", type=parse_bytes, default=256 << 20,
                        metavar="BYTES", help="largest request message, e.g. 256M (default)")
    parser.add_argument("--proto", default=stubs.default_proto_path(), metavar="PATH",
                        help="the protocol file (default: the repository's "
                             "core/remote/atlas_device.proto)")
    parser.add_argument("--panel-scores", type=positive(1, 1 << 30), default=1 << 21,
                        metavar="S", help="scores held at once: query rows are processed in "
                        "panels of S / M rows (default 2097152)")
    parser.add_argument("--grace", type=float, default=10.0, metavar="SECONDS",
                        help="on SIGTERM, let requests in flight finish this long (default 10)")
    parser.add_argument("--version", action="version", version="atlas-device-torch " + VERSION)
    return parser.parse_args(argv)


def read_token(path):
    """The token file's first line, without surrounding whitespace."""
    try:
        with open(path, encoding="utf-8") as f:
            line = f.readline().strip(" \t\r\n")
    except OSError as e:
        fail("Cannot read the token file %s (%s)." % (path, e.strerror))
    if not line:
        fail("The token file %s is empty." % path)
    return line


def is_loopback(address):
    host = address.rsplit(":", 1)[0]
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return host in ("localhost", "::1") or host.startswith("127.")


def check_address(address):
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit() or len(port) > 5 or int(port) > 65535:
        fail("'%s' is not an address: give HOST:PORT, e.g. localhost:50051." % address)


def main(argv):
    args = arguments(argv)
    check_address(args.listen)
    token = read_token(args.token_file) if args.token_file else ""
    if not token and not is_loopback(args.listen):
        fail("Without a token (--token-file) the server listens on a loopback address only, "
             "not on %s." % args.listen)
    if bool(args.tls_cert) != bool(args.tls_key):
        fail("TLS needs both a certificate (--tls-cert) and its key (--tls-key).")
    try:
        pb, pb_grpc, stub_dir = stubs.generate(args.proto)
    except stubs.StubError as e:
        fail(str(e))
    try:
        return serve(args, token, pb, pb_grpc)
    finally:
        stubs.cleanup(stub_dir)


def serve(args, token, pb, pb_grpc):
    import grpc

    from atlas_torch import attention, service
    from atlas_torch import backend as backends

    try:
        device = backends.Backend(args.device)
    except backends.BackendError as e:
        fail(str(e))
    attention.set_panel_scores(args.panel_scores)
    options = service.Options()
    options.token = token
    options.max_n = args.max_n
    options.max_concurrent = args.max_concurrent
    options.max_request_bytes = args.max_request_bytes
    servicer = service.Servicer(pb, options, device)
    # Workers beyond --max-concurrent, so that the calls over it reach the servicer and are
    # refused with its sentence instead of waiting in gRPC's queue.
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=args.max_concurrent + 4),
        options=[("grpc.max_receive_message_length", args.max_request_bytes),
                 ("grpc.max_send_message_length", 64 << 20),
                 ("grpc.so_reuseport", 0)])
    service.add_to_server(pb_grpc, servicer, server)
    if args.tls_cert:
        try:
            with open(args.tls_key, "rb") as f:
                key = f.read()
            with open(args.tls_cert, "rb") as f:
                cert = f.read()
        except OSError as e:
            fail("Cannot read %s (%s)." % (e.filename, e.strerror))
        try:
            port = server.add_secure_port(args.listen,
                                          grpc.ssl_server_credentials([(key, cert)]))
        except RuntimeError:
            port = 0
    else:
        try:
            port = server.add_insecure_port(args.listen)
        except RuntimeError:  # grpcio raises where older releases returned 0
            port = 0
    if port == 0:
        fail("Could not listen on %s (a bad address, or the port is taken)." % args.listen)
    stop = threading.Event()
    received = []

    def on_signal(number, _frame):
        received.append(number)
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    server.start()
    host = args.listen.rsplit(":", 1)[0]
    print("atlas-device-torch %s: backend %s (%s), listening on %s:%d, %s, %s" % (
        VERSION, device.backend_name, servicer.unit_name, host, port,
        "token required" if token else "no token", "TLS" if args.tls_cert else "no TLS"),
        file=sys.stderr, flush=True)
    while not stop.wait(0.5):
        pass
    name = "SIGTERM" if received and received[0] == signal.SIGTERM else "SIGINT"
    print("stopping (%s): %d request(s) in flight" % (name, servicer.running), file=sys.stderr,
          flush=True)
    server.stop(args.grace).wait()
    servicer.stopping.set()
    print("stopped", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
