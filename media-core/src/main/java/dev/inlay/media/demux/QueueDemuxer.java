package dev.inlay.media.demux;

import dev.inlay.media.ParserException;
import dev.inlay.media.io.ByteQueue;

/**
 * The buffering shared by Inlay's push-style demuxers: input is queued, {@link #parse} takes what is
 * complete, and bytes announced as skipped are dropped as they arrive without being buffered.
 */
public abstract class QueueDemuxer implements Demuxer {
  protected final DemuxOutput output;
  protected final ByteQueue queue = new ByteQueue();
  private long skipBytes;
  private boolean ended;

  protected QueueDemuxer(DemuxOutput output) {
    this.output = output;
  }

  @Override
  public final void feed(byte[] data, int offset, int length) throws ParserException {
    if (ended) {
      throw ParserException.malformed("feed after end of stream");
    }
    queue.append(data, offset, length);
    while (dropSkipped() && parseUnit()) {
      // each unit consumed or skipped; go on while input lasts
    }
  }

  @Override
  public final void endOfStream() throws ParserException {
    if (ended) {
      return;
    }
    ended = true;
    output.end();
    checkEnd(queue.available(), skipBytes);
  }

  @Override
  public final void seek(long position) throws ParserException {
    if (position < 0) {
      throw ParserException.malformed("seek to " + position);
    }
    queue.reset(position);
    skipBytes = 0;
    ended = false;
    onSeek(position);
  }

  /** The input now continues at position: forget what belonged to the unit being parsed. */
  protected void onSeek(long position) throws ParserException {}

  /** Drops the next n bytes of input, now or as they arrive. */
  protected final void skip(long n) {
    skipBytes += n;
  }

  /** Drops pending skipped bytes; false while some are still to come. */
  private boolean dropSkipped() {
    if (skipBytes > 0) {
      int n = (int) Math.min(skipBytes, queue.available());
      queue.skip(n);
      skipBytes -= n;
    }
    return skipBytes == 0;
  }

  /** Parses one unit from the queue; returns false when more input is needed. */
  protected abstract boolean parseUnit() throws ParserException;

  /**
   * Called once at the end of the input with what was left unparsed (buffered bytes, bytes still to be
   * skipped); throws when that means the input was cut.
   */
  protected abstract void checkEnd(int leftBytes, long leftToSkip) throws ParserException;
}
