package dev.inlay.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Inlay server: player and decoder assets, the media library, and (later) live streams. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class InlayServerApplication {
  public static void main(String[] args) {
    SpringApplication.run(InlayServerApplication.class, args);
  }
}
