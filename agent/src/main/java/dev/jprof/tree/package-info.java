/**
 * The call tree and the operations on it, as pyinstrument's {@code frame}, {@code frame_ops} and
 * {@code processors} modules: {@link dev.jprof.tree.Frame} (a node; its time is its absorbed time plus its
 * children's, and {@code absorb}, {@code splice} and {@code merge} are the only ways time moves between
 * nodes; their code is in the package-private {@code FrameOps}), {@link dev.jprof.tree.FrameGroup} (a run of hidden library frames), and the processors that
 * reshape a tree for a view ({@link dev.jprof.tree.Processors}, {@link dev.jprof.tree.Processor},
 * {@link dev.jprof.tree.ProcessorOptions}), and {@link dev.jprof.tree.ThreadArrangement} (which threads a
 * report shows: service threads, {@code [pool]} rows, the idle-threads line, order by active time). All of
 * these are API.
 *
 * <p>Public for jprof's own packages only, not API: {@link dev.jprof.tree.StemTrimmer}, and the
 * {@code Frame} factory methods that take a prebuilt identifier ({@code methodIdentifier},
 * {@code method(String, ...)}), which the session's tree builder uses to build millions of frames cheaply.
 */
package dev.jprof.tree;
