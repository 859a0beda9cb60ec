package dev.inlay.server.live;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledDirectByteBuf;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;

/**
 * A live tag handed to one viewer's connection: a view of the tag's shared off-heap copy (no copy per
 * viewer), which for timed viewers reports when the connection is done with it. Netty releases a written
 * buffer once its bytes are in the socket, so the release is the moment the tag was written.
 */
final class WrittenTag extends UnpooledDirectByteBuf {
  private final TagDelay delay;
  private final long[] received;

  private WrittenTag(java.nio.ByteBuffer view, TagDelay delay, long[] received) {
    super(ByteBufAllocator.DEFAULT, view, view.remaining()); // a view: its memory is not freed here
    this.delay = delay;
    this.received = received;
  }

  /**
   * The tag as a Netty buffer: a view of its shared off-heap copy, or its bytes for a viewer's own start;
   * delay is null for viewers that are not timed (a sample of the viewers is enough for the histogram, and
   * cheaper).
   */
  static io.netty.buffer.ByteBuf buffer(LiveTag tag, TagDelay delay) {
    java.nio.ByteBuffer direct = tag.direct();
    if (direct == null) {
      written(delay, tag);
      return Unpooled.wrappedBuffer(tag.bytes());
    }
    return view(direct.duplicate(), tag, delay);
  }

  /** A buffer of view (part of tag's shared copy) that times the tag when written, if delay is not null. */
  private static io.netty.buffer.ByteBuf view(java.nio.ByteBuffer view, LiveTag tag, TagDelay delay) {
    return delay == null ? Unpooled.wrappedBuffer(view) : new WrittenTag(view, delay, tag.receivedAll());
  }

  /** As {@link #buffer(LiveTag, TagDelay)} for a live tag, without its first bytes (already sent). */
  static io.netty.buffer.ByteBuf rest(LiveTag tag, int from, TagDelay delay) {
    return view(tag.direct().duplicate().position(from), tag, delay);
  }

  /** Times a tag written without a buffer of this kind (delay null: not timed). */
  static void written(TagDelay delay, LiveTag tag) {
    if (delay != null) {
      written(delay, tag.receivedAll());
    }
  }

  /** The tag as a buffer of the connection's factory. */
  static DataBuffer wrap(DataBufferFactory factory, LiveTag tag, TagDelay delay) {
    if (factory instanceof NettyDataBufferFactory netty) {
      return netty.wrap(buffer(tag, delay));
    }
    written(delay, tag);
    return factory.wrap(tag.bytes());
  }

  /** Every live tag of the buffer counts (the header and GOP cache, received 0, do not). */
  private static void written(TagDelay delay, long[] received) {
    for (long r : received) {
      if (r != 0) {
        delay.written(r);
      }
    }
  }

  @Override
  protected void deallocate() {
    written(delay, received);
    super.deallocate();
  }
}
