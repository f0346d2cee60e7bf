/**
 * Internal: the {@code -javaagent} entry points ({@code premain}, {@code agentmain}), the agent's option
 * table ({@code AgentOptionTable}, parsed by {@code OptionKind} into {@link dev.jprof.agent.AgentOptions}),
 * and report writing on exit, on a signal, in a loop or on command from {@code jprof attach}. Public types
 * here are used by the {@code jprof} command, not by applications; options are documented by
 * {@code -javaagent:jprof.jar=help}.
 */
package dev.jprof.agent;
