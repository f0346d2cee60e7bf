package dev.jprof.sampling;

import java.util.List;

/**
 * A feed of the JVM's own execution samples (JFR's {@code jdk.ExecutionSample}), received in chunks about a
 * second late. Injectable: unit tests script one; {@link RecordingStreamSamples} reads a real recording.
 */
interface ExecutionSamples {

    /** Moves the samples received since the last call into {@code out}. Called by the sampler thread. */
    void drainTo(List<JfrSample> out);

    /**
     * A time on the sampler's clock before which every sample has been received (the feed's delay), or
     * {@link Long#MIN_VALUE} before the first chunk.
     */
    long watermark();

    /**
     * Waits, at most {@code timeoutNanos}, until the samples taken before {@code nanos} have been received;
     * called when sampling stops.
     */
    void awaitUpTo(long nanos, long timeoutNanos);

    /** Ends the recording. */
    void close();
}
