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
   * The tag as a buffer of the connection's factory; delay is null for viewers that are not timed (a
   * sample of the viewers is enough for the histogram, and cheaper).
   */
  static DataBuffer wrap(DataBufferFactory factory, LiveTag tag, TagDelay delay) {
    java.nio.ByteBuffer direct = factory instanceof NettyDataBufferFactory ? tag.direct() : null;
    if (direct == null) {
      if (delay != null) {
        written(delay, tag.receivedAll());
      }
      return factory.wrap(tag.bytes());
    }
    java.nio.ByteBuffer view = direct.duplicate();
    return ((NettyDataBufferFactory) factory).wrap(delay == null ? Unpooled.wrappedBuffer(view)
        : new WrittenTag(view, delay, tag.receivedAll()));
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
