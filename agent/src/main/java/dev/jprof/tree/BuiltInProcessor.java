package dev.jprof.tree;

/**
 * One of {@link Processors}' constants. A class of its own rather than seven method references: each reference
 * links an {@code invokedynamic} call site at first use, ~5 ms in all of a cold JVM's exit, where the text report
 * is often the first thing to use them.
 */
final class BuiltInProcessor implements Processor {
    static final int REMOVE_IMPORTLIB = 0;
    static final int REMOVE_REFLECTION = 1;
    static final int MERGE_CONSECUTIVE_SELF_TIME = 2;
    static final int AGGREGATE_REPEATED_CALLS = 3;
    static final int REMOVE_IRRELEVANT_NODES = 4;
    static final int REMOVE_UNNECESSARY_SELF_TIME_NODES = 5;
    static final int GROUP_LIBRARY_FRAMES = 6;

    private final int which;

    BuiltInProcessor(int which) {
        this.which = which;
    }

    @Override
    public Frame process(Frame root, ProcessorOptions options) {
        switch (which) {
            case REMOVE_IMPORTLIB:
                return Processors.removeImportlib(root, options);
            case REMOVE_REFLECTION:
                return Processors.removeReflection(root, options);
            case MERGE_CONSECUTIVE_SELF_TIME:
                return Processors.mergeConsecutiveSelfTime(root, options);
            case AGGREGATE_REPEATED_CALLS:
                return Processors.aggregateRepeatedCalls(root, options);
            case REMOVE_IRRELEVANT_NODES:
                return Processors.removeIrrelevantNodes(root, options);
            case REMOVE_UNNECESSARY_SELF_TIME_NODES:
                return Processors.removeUnnecessarySelfTimeNodes(root, options);
            case GROUP_LIBRARY_FRAMES:
                return Processors.groupLibraryFrames(root, options);
            default:
                throw new IllegalStateException("no built-in processor " + which);
        }
    }
}
