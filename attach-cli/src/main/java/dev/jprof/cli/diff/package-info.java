/**
 * Internal: {@code jprof diff}, two profiles compared frame path by frame path. {@link
 * dev.jprof.cli.diff.ProfileDiff} builds the union of both processed trees ({@link dev.jprof.cli.diff.DiffNode});
 * one renderer per output format draws it ({@code DiffTextRenderer}, {@code DiffHtmlRenderer} with its page's
 * {@code diff.js} and {@code diff.css} beside it). Only the agent's public API is used: {@code Session},
 * {@code Frame} and the renderers' {@code FrameRenderer} processors.
 */
package dev.jprof.cli.diff;
