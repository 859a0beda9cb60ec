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
  private final long receivedNanos;

  private WrittenTag(java.nio.ByteBuffer view, TagDelay delay, long receivedNanos) {
    super(ByteBufAllocator.DEFAULT, view, view.remaining()); // a view: its memory is not freed here
    this.delay = delay;
    this.receivedNanos = receivedNanos;
  }

  /**
   * The tag as a buffer of the connection's factory; delay is null for viewers that are not timed (a
   * sample of the viewers is enough for the histogram, and cheaper).
   */
  static DataBuffer wrap(DataBufferFactory factory, LiveChannel.LiveTag tag, TagDelay delay) {
    if (tag.direct() == null || !(factory instanceof NettyDataBufferFactory netty)) {
      if (delay != null && tag.receivedNanos() != 0) {
        delay.written(tag.receivedNanos());
      }
      return factory.wrap(tag.bytes());
    }
    java.nio.ByteBuffer view = tag.direct().duplicate();
    return netty.wrap(delay == null ? Unpooled.wrappedBuffer(view) : new WrittenTag(view, delay, tag.receivedNanos()));
  }

  @Override
  protected void deallocate() {
    delay.written(receivedNanos);
    super.deallocate();
  }
}
