/**
 * jprof's Java API: {@link dev.jprof.Profiler} (start, stop, output), {@link dev.jprof.Session} (what was
 * recorded: save, load, combine, {@link dev.jprof.Session#rootFrame() call tree},
 * {@link dev.jprof.Session#samples() samples}), {@link dev.jprof.AsyncMode}. The call tree and its
 * processors are in {@link dev.jprof.tree}.
 *
 * <p>Public for jprof's own packages only, not API: {@link dev.jprof.Recorder} (the agent's recording
 * loop), {@link dev.jprof.StackSourceChoice}, {@link dev.jprof.CodeLocator}. Package-private classes
 * ({@code FrameTreeBuilder}, {@code AwaitRules}, {@code SessionTables}, {@code SessionCodec}) are
 * internal: they classify samples into the tree and store sessions. See {@code docs/ARCHITECTURE.md}.
 */
package dev.jprof;
