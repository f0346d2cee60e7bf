/**
 * jprof's JUnit Jupiter extension: {@link dev.jprof.junit.JprofExtension} profiles each test and keeps a
 * report of those slower than a threshold. It is the only API of this package; the other classes are
 * package-private.
 */
package dev.jprof.junit;
