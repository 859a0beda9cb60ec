package dev.inlay.player.api;

/**
 * An error as the element reports it.
 *
 * @param code        a {@link MediaErrorCode}
 * @param message     what went wrong, for people
 * @param recoverable whether playback goes on (it resumes at the next keyframe or after a reconnect)
 */
public record PlayerError(int code, String message, boolean recoverable) {}
