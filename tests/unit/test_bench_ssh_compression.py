"""The ssh -C figure is computed as ssh compresses: one stream for the connection, flushed per write."""

from __future__ import annotations

import zlib

from bench.bench_ssh_compression import by_step, compressed_sizes


def test_one_stream_for_the_whole_connection_flushed_after_each_write():
    screen = b"\x1b[22;3H\x1b[38;5;253mTrust and time to talk\x1b[0m" * 4
    first, again = compressed_sizes([screen, screen])
    assert again < first / 3  # the second write refers back to the first: one stream
    # Each write is complete on its own once flushed: what arrived can be decoded at once.
    stream, reader = zlib.compressobj(6), zlib.decompressobj()
    for chunk in (screen, b"x"):
        assert reader.decompress(stream.compress(chunk) + stream.flush(zlib.Z_SYNC_FLUSH)) == chunk
    assert by_step(["key 1", "key 1", "save"], [3, 4, 5]) == {"key 1": 7, "save": 5}
