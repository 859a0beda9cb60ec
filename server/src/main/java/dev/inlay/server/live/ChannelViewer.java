package dev.inlay.server.live;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import java.util.ArrayDeque;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * An HTTP-FLV viewer whose tags are written straight to its Netty connection by its event loop, with no
 * queue or reactive stream of its own: the connection's outbound buffer is the queue, and it holds at most
 * maxPending writes before the viewer skips to the next keyframe. Until the response head has gone out
 * ({@link #open()}), its start and any live tags wait in a backlog.
 */
final class ChannelViewer extends LiveViewer {
  private final Channel channel;
  private final int maxPending;
  private final TagDelay delay;
  private final Sinks.Empty<Void> done = Sinks.empty();
  private ArrayDeque<LiveTag> backlog = new ArrayDeque<>();
  private LiveTag first;

  /** delay: where written tags are timed, or null for a viewer that is not timed. */
  ChannelViewer(Channel channel, int maxPending, TagDelay delay) {
    super(channel.eventLoop());
    this.channel = channel;
    this.maxPending = maxPending;
    this.delay = delay;
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
    } else {
      channel.writeAndFlush(buffer(tag), channel.voidPromise());
    }
    return true;
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
