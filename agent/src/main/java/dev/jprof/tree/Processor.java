package dev.jprof.tree;

/**
 * A step of the rendering pipeline: takes a frame tree, may mutate it, returns the (possibly new) root.
 * Always call it as {@code root = processor.process(root, options)}.
 */
@FunctionalInterface
public interface Processor {
    /**
     * @param root    the tree's root, or null
     * @param options processor options such as {@code filter_threshold}
     * @return the new root, or null
     */
    Frame process(Frame root, ProcessorOptions options);
}
