/**
 * API: renderers of a {@link dev.jprof.Session} ({@link dev.jprof.renderers.Renderer},
 * {@link dev.jprof.renderers.FrameRenderer} and the text, HTML, JSON, speedscope, collapsed and session
 * renderers), {@link dev.jprof.renderers.RenderOptions} shared by the agent, the CLI and the API, and
 * {@link dev.jprof.renderers.Renderers} to create one by name. Package-private classes (the HTML page's
 * data: {@code HtmlData}, {@code HtmlTree}, {@code HtmlTimeline}) are internal.
 */
package dev.jprof.renderers;
