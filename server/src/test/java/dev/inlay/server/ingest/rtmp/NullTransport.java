package dev.inlay.server.ingest.rtmp;

import java.net.InetSocketAddress;

/** A transport that drops what is sent: for tests that look only at what the connection accepts. */
final class NullTransport implements RtmpConnection.Transport {
  @Override
  public void send(byte[] bytes) {}

  @Override
  public void close() {}

  @Override
  public InetSocketAddress remote() {
    return null;
  }
}
