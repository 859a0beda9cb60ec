package dev.inlay.server.web;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose client stopped reading: something waits to be sent and nothing went out for
 * the send timeout (Netty's output observation counts the progress of a file being sent), like nginx's
 * send_timeout: the time between two writes that succeed, so a client that reads slower than the socket
 * buffers drain in that time counts as stopped too. A connection with nothing to send is left alone.
 */
final class SendStallGuard extends IdleStateHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SendStallGuard.class);

  SendStallGuard(Duration timeout) {
    super(true, 0, timeout.toMillis(), 0, TimeUnit.MILLISECONDS);
  }

  @Override
  protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
    ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
    // current(): a message (bytes, or a file region, which counts no pending bytes) still being sent.
    if (evt.state() == IdleState.WRITER_IDLE && out != null && out.current() != null) {
      LOG.info("closing the connection of {}: nothing of its download could be sent for inlay.http.send-timeout",
          ctx.channel().remoteAddress());
      ctx.close();
    }
  }
}
