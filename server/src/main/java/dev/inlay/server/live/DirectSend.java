package dev.inlay.server.live;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.Socket;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Sends bytes of an off-heap buffer straight to a connection's socket with one send(2), from the
 * connection's event loop, past Netty's pipeline and outbound buffer: for a live tag going to thousands
 * of viewers, the per-write work of the pipeline (a buffer view, a pipeline walk, the outbound buffer's
 * entry and its flush) was most of the fifth of the loop's time spent outside the system call (an
 * async-profiler profile at 3,000 viewers, docs/live.md). Only for plain connections on Linux's
 * epoll transport, whose bytes no handler changes (no TLS); the caller keeps order by sending this way only
 * while the connection's outbound buffer is empty.
 */
final class DirectSend {
  private final Socket socket;

  private DirectSend(Socket socket) {
    this.socket = socket;
  }

  /** For channel, or null when its bytes must go through its pipeline (not epoll, or TLS). */
  static DirectSend of(Channel channel) {
    if (channel instanceof EpollSocketChannel epoll && channel.pipeline().get(SslHandler.class) == null
        && epoll.fd() instanceof Socket socket) {
      return new DirectSend(socket);
    }
    return null;
  }

  /**
   * Sends what the socket takes now of bytes (a direct buffer, from its position to its limit); returns
   * how many, 0 when the socket's buffer is full. Call on the channel's event loop, while it is open.
   */
  int send(ByteBuffer bytes) throws IOException {
    return socket.sendAddress(PlatformDependent.directBufferAddress(bytes), bytes.position(), bytes.limit());
  }
}
