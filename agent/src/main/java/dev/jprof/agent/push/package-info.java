/**
 * Sends each finished profile to a Pyroscope-compatible server ({@code push=URL}): Pyroscope's
 * {@code POST /ingest} with a pprof body, off the application's threads, through a bounded queue. Internal
 * to the agent; not API.
 */
package dev.jprof.agent.push;
