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
}
