/** Internal: the demo program {@code jprof} profiles when run with no arguments, so a new user sees a report at once. */
package dev.jprof.cli.demo;
