"""The protocol's Python modules, generated at start-up from the .proto with protoc.

Nothing generated is kept in the repository: protoc writes atlas_device_pb2.py and
atlas_device_pb2_grpc.py into a temporary directory, which is put on sys.path.
"""

import importlib
import os
import shutil
import subprocess
import sys
import tempfile

GRPC_PLUGIN = "/usr/bin/grpc_python_plugin"


def default_proto_path():
    """core/remote/atlas_device.proto of the repository this script lives in."""
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "..", "core", "remote", "atlas_device.proto"))


class StubError(Exception):
    pass


def generate(proto_path):
    """Compiles the .proto and imports it; returns (messages module, service module, directory).

    The caller removes the directory when it stops (see cleanup)."""
    proto_path = os.path.abspath(proto_path)
    if not os.path.isfile(proto_path):
        raise StubError("The protocol file %s does not exist." % proto_path)
    protoc = shutil.which("protoc")
    if protoc is None:
        raise StubError("protoc is not installed (Debian: protobuf-compiler).")
    if not os.access(GRPC_PLUGIN, os.X_OK):
        raise StubError("%s is not installed (Debian: protobuf-compiler-grpc)." % GRPC_PLUGIN)
    out = tempfile.mkdtemp(prefix="atlas-device-torch-")
    command = [
        protoc,
        "--proto_path=" + os.path.dirname(proto_path),
        "--python_out=" + out,
        "--grpc_python_out=" + out,
        "--plugin=protoc-gen-grpc_python=" + GRPC_PLUGIN,
        proto_path,
    ]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        shutil.rmtree(out, ignore_errors=True)
        raise StubError("protoc failed on %s: %s" % (proto_path, done.stderr.strip()))
    name = os.path.splitext(os.path.basename(proto_path))[0]
    sys.path.insert(0, out)
    try:
        messages = importlib.import_module(name + "_pb2")
        service = importlib.import_module(name + "_pb2_grpc")
    finally:
        sys.path.remove(out)
    return messages, service, out


def cleanup(directory):
    shutil.rmtree(directory, ignore_errors=True)
