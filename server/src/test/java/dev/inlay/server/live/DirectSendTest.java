package dev.inlay.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * On Linux's epoll transport a live viewer's tags go straight to its socket; when the socket takes only
 * part of one, the rest and every later tag wait in the connection's outbound buffer, in order, and the
 * viewer gets every byte once.
 */
@Timeout(30)
class DirectSendTest {
  @Test
  void tagsGoStraightToTheSocketAndWhatItDoesNotTakeWaitsInOrder() throws Exception {
    assertThat(Epoll.isAvailable()).as("Linux's epoll transport").isTrue();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    try {
      CompletableFuture<Channel> accepted = new CompletableFuture<>();
      Channel server = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
          .childOption(ChannelOption.SO_SNDBUF, 4096)
          .childHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
              accepted.complete(ch);
            }
          })
          .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
      try (java.net.Socket client = new java.net.Socket()) {
        client.setReceiveBufferSize(4096);
        client.connect(server.localAddress());
        Channel conn = accepted.get(5, TimeUnit.SECONDS);
        assertThat(DirectSend.of(conn)).as("a plain epoll connection sends directly").isNotNull();
        LiveChannel c = new LiveChannel("live/t", 100_000);
        c.setHeader(false, true, List.of());
        ChannelViewer v = c.watch(conn, null);
        v.open();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 3000; i++) {
          byte[] tag = new byte[1000];
          for (int k = 0; k < tag.length; k++) {
            tag[k] = (byte) (i * 7 + k);
          }
          c.publish(tag, i == 0);
          expected.writeBytes(tag);
          if (i == 0) {
            conn.eventLoop().submit(() -> { }).get(); // the first tag alone, as it comes
            byte[] first = client.getInputStream().readNBytes(1000);
            assertThat(first).isEqualTo(tag);
          }
          if (i % 500 == 499) {
            conn.eventLoop().submit(() -> { }).get(); // handed out in batches: some as one write
          }
        }
        long waiting = conn.eventLoop().submit(() -> conn.unsafe().outboundBuffer().totalPendingWriteBytes()).get();
        assertThat(waiting).as("3 MB do not fit in the sockets: the rest waits in the outbound buffer").isPositive();
        byte[] got = client.getInputStream().readNBytes(expected.size() - 1000);
        assertThat(got).isEqualTo(java.util.Arrays.copyOfRange(expected.toByteArray(), 1000, expected.size()));
        assertThat(c.skips()).isZero();
        client.setSoTimeout(200);
        assertThat(client.getInputStream().available()).isZero();
      } finally {
        server.close().sync();
      }
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  /** A viewer whose connection was reset is gone at its next tag; the channel goes on for the others. */
  @Test
  void aResetConnectionEndsItsViewerOnly() throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    try {
      java.util.concurrent.BlockingQueue<Channel> accepted = new java.util.concurrent.LinkedBlockingQueue<>();
      Channel server = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
          .childHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
              accepted.add(ch);
            }
          })
          .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
      try (java.net.Socket reset = new java.net.Socket(); java.net.Socket kept = new java.net.Socket()) {
        reset.connect(server.localAddress());
        Channel resetConn = accepted.poll(5, TimeUnit.SECONDS);
        kept.connect(server.localAddress());
        Channel keptConn = accepted.poll(5, TimeUnit.SECONDS);
        LiveChannel c = new LiveChannel("live/t", 100);
        c.setHeader(false, true, List.of());
        c.watch(resetConn, null).open();
        c.watch(keptConn, null).open();
        c.publish(new byte[] {1}, true);
        assertThat(reset.getInputStream().read()).isEqualTo(1);
        assertThat(kept.getInputStream().read()).isEqualTo(1);
        // The loop is held while the RST comes in, so that its next send, not its next read, meets it.
        java.util.concurrent.CountDownLatch sent = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.Future<?> held = keptConn.eventLoop().submit(() -> {
          sent.await();
          Thread.sleep(200);
          return null;
        });
        reset.setSoLinger(true, 0);
        reset.close(); // an RST: the server's next send fails
        sent.countDown();
        c.publish(new byte[] {2}, false);
        // Queued behind the pass that meets the RST, before the loop reads the socket again: the viewer is
        // gone because its send failed, not because Netty saw the reset.
        java.util.concurrent.Future<Integer> viewersAfterSend = keptConn.eventLoop().submit(c::viewerCount);
        held.get();
        assertThat(viewersAfterSend.get()).isEqualTo(1);
        for (int i = 3; i <= 5; i++) {
          c.publish(new byte[] {(byte) i}, false);
          keptConn.eventLoop().submit(() -> { }).get();
        }
        assertThat(kept.getInputStream().readNBytes(4)).containsExactly(2, 3, 4, 5);
        assertThat(resetConn.isActive()).isFalse();
        assertThat(c.viewerCount()).isEqualTo(1);
      } finally {
        server.close().sync();
      }
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }
}
