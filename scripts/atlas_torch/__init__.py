"""A PyTorch server of the Attention Atlas device protocol (core/remote/atlas_device.proto).

The C++ engine of the app is the reference: every variant served here computes what
docs/variants.md defines, as core/variants/*.cpp do, from the Q, K and V the client sends.
scripts/atlas_device_torch.py is the command that starts the server.
"""

VERSION = "0.1.0"
