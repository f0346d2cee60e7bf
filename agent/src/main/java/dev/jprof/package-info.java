/**
 * jprof's Java API: {@link dev.jprof.Profiler} (start, stop, output), {@link dev.jprof.Session} (what was
 * recorded: save, load, combine, {@link dev.jprof.Session#rootFrame() call tree},
 * {@link dev.jprof.Session#samples() samples}), the call tree ({@link dev.jprof.Frame},
 * {@link dev.jprof.FrameGroup}), and pyinstrument's processors ({@link dev.jprof.Processors},
 * {@link dev.jprof.Processor}, {@link dev.jprof.ProcessorOptions}), {@link dev.jprof.AsyncMode}.
 *
 * <p>Public for jprof's own packages only, not API: {@link dev.jprof.Recorder} (the agent's recording
 * loop), {@link dev.jprof.StackSourceChoice}, {@link dev.jprof.CodeLocator}. Package-private classes
 * ({@code FrameTreeBuilder}, {@code AwaitRules}, {@code StemTrimmer}, {@code SessionTables},
 * {@code SessionCodec}) are internal. See {@code docs/ARCHITECTURE.md}.
 */
package dev.jprof;
