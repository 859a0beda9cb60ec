package dev.inlay.server.live;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * An HTTP-FLV viewer whose tags are written straight to its Netty connection by its event loop, with no
 * queue or reactive stream of its own: the connection's outbound buffer is the queue, and it holds at most
 * maxPending writes before the viewer skips to the next keyframe. Until the response head has gone out
 * ({@link #open()}), its start and any live tags wait in a backlog. While nothing waits in the outbound
 * buffer, a tag goes to the socket with one system call ({@link DirectSend}) where the transport allows;
 * what the socket does not take then waits in the outbound buffer as usual.
 */
final class ChannelViewer extends LiveViewer {
  private final Channel channel;
  private final int maxPending;
  private final TagDelay delay;
  private final Sinks.Empty<Void> done = Sinks.empty();
  private ArrayDeque<LiveTag> backlog = new ArrayDeque<>();
  private LiveTag first;
  /** Null when tags must go through the pipeline. */
  private final DirectSend direct;
  /** Whether a write may wait in the outbound buffer (false: known empty, without looking). */
  private boolean queued = true;

  /** delay: where written tags are timed, or null for a viewer that is not timed. */
  ChannelViewer(Channel channel, int maxPending, TagDelay delay) {
    super(channel.eventLoop());
    this.channel = channel;
    this.maxPending = maxPending;
    this.delay = delay;
    this.direct = DirectSend.of(channel);
    channel.closeFuture().addListener(f -> done.tryEmitEmpty());
  }

  /** Ends when the stream does for this viewer: its connection closed, or the channel ended it. */
  Mono<Void> done() {
    return done.asMono();
  }

  /** The first tag of the start (FLV header, metadata, sequence headers), for the response to begin with. */
  LiveTag first() {
    return first;
  }

  /** Once the response head is out: writes what waited, and from now on tags at once (on the event loop). */
  void open() {
    if (!channel.eventLoop().inEventLoop()) {
      channel.eventLoop().execute(this::open);
      return;
    }
    if (backlog == null) {
      return;
    }
    if (!channel.isActive()) {
      backlog = null; // gone before its first bytes: the next tag finds it gone
      return;
    }
    for (LiveTag t : backlog) {
      channel.write(buffer(t), channel.voidPromise());
    }
    backlog = null;
    queued = true;
    channel.flush();
  }

  @Override
  void start(LiveTag tag) {
    if (first == null) {
      first = tag;
    } else {
      backlog.add(tag);
    }
  }

  @Override
  boolean full() {
    if (backlog != null) {
      return backlog.size() >= maxPending;
    }
    if (!queued) {
      return false;
    }
    ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
    return out != null && out.size() >= maxPending;
  }

  @Override
  boolean deliver(LiveTag tag) {
    if (!channel.isActive()) {
      return false;
    }
    if (backlog != null) {
      backlog.add(tag);
      return true;
    }
    ByteBuffer bytes = direct != null && outboundEmpty() ? tag.direct() : null;
    int sent = 0;
    if (bytes != null) {
      try {
        sent = direct.send(bytes);
      } catch (IOException e) {
        channel.close(); // reset or broken pipe: the viewer is gone
        return false;
      }
      if (sent == bytes.limit()) {
        WrittenTag.written(delay, tag);
        return true;
      }
    }
    queued = true;
    channel.writeAndFlush(sent == 0 ? buffer(tag) : WrittenTag.rest(tag, sent, delay), channel.voidPromise());
    return true;
  }

  /** Whether nothing waits in the connection's outbound buffer. */
  private boolean outboundEmpty() {
    if (queued) {
      ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
      queued = out == null || !out.isEmpty();
    }
    return !queued;
  }

  private ByteBuf buffer(LiveTag tag) {
    return WrittenTag.buffer(tag, delay);
  }

  @Override
  void fail() {
    channel.close();
  }

  @Override
  void complete() {
    done.tryEmitEmpty();
  }
}
