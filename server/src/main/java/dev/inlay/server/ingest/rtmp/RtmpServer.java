package dev.inlay.server.ingest.rtmp;

import dev.inlay.server.ingest.IngestService;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

/**
 * The RTMP listener (port 1935) on Reactor Netty's TCP server, in the same application as the HTTP side:
 * one {@link RtmpConnection} per client; its outbound bytes go through a per-connection queue. A client
 * that breaks the protocol, exceeds a limit or goes quiet is disconnected alone.
 */
@Component
public class RtmpServer implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(RtmpServer.class);

  private final RtmpProperties properties;
  private final IngestService ingest;
  private volatile DisposableServer server;

  public RtmpServer(RtmpProperties properties, IngestService ingest) {
    this.properties = properties;
    this.ingest = ingest;
  }

  @Override
  public void start() {
    if (!properties.enabled() || server != null) {
      return;
    }
    server = TcpServer.create().host(properties.host()).port(properties.port())
        .doOnConnection(c -> c.addHandlerFirst(new ReadTimeoutHandler(properties.idleTimeout().toMillis(),
            TimeUnit.MILLISECONDS)))
        .handle((in, out) -> {
          InetSocketAddress[] remote = new InetSocketAddress[1];
          in.withConnection(c -> remote[0] = c.address() instanceof InetSocketAddress a ? a : null);
          Sinks.Many<byte[]> outbound = Sinks.many().unicast().onBackpressureBuffer();
          RtmpConnection rtmp = new RtmpConnection(new RtmpConnection.Transport() {
            @Override
            public void send(byte[] bytes) {
              synchronized (outbound) {
                outbound.tryEmitNext(bytes);
              }
            }

            @Override
            public void close() {
              synchronized (outbound) {
                outbound.tryEmitComplete();
              }
            }

            @Override
            public InetSocketAddress remote() {
              return remote[0];
            }
          }, (app, stream, key, from) -> ingest.publish(app, stream, key, "rtmp", from),
              properties.maxChunkSize(), properties.maxMessageBytes());
          in.receive().asByteArray().doOnNext(bytes -> {
            try {
              rtmp.receive(bytes);
            } catch (RtmpException | RuntimeException e) {
              LOG.warn("RTMP client {} disconnected: {}", remote[0], e instanceof RtmpException ? e.getMessage() : e.toString());
              rtmp.closed();
              synchronized (outbound) {
                outbound.tryEmitComplete();
              }
            }
          }).doFinally(signal -> {
            rtmp.closed();
            synchronized (outbound) {
              outbound.tryEmitComplete();
            }
          }).subscribe(b -> { }, e -> LOG.debug("RTMP client {} gone: {}", remote[0], e.toString()));
          // The connection lives as long as what we send: completing the queue closes it.
          return out.sendByteArray(outbound.asFlux()).then();
        })
        .bindNow();
    LOG.info("RTMP ingest listening on {}:{}", properties.host(), port());
  }

  /** The bound port (useful with port 0). */
  public int port() {
    DisposableServer s = server;
    return s == null ? -1 : s.port();
  }

  @Override
  public void stop() {
    DisposableServer s = server;
    server = null;
    if (s != null) {
      s.disposeNow();
    }
  }

  @Override
  public boolean isRunning() {
    return server != null;
  }
}
