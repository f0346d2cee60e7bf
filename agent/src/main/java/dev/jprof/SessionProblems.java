package dev.jprof;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Why a file cannot be read as a session, in plain words that follow its name ("... is truncated"):
 * never a parser's own message, which names its internals and repeats the source.
 */
final class SessionProblems {
    private SessionProblems() {
    }

    /** @param length the input's length (bytes of a file, characters of a string) */
    static String unreadable(JsonProcessingException e, long length) {
        if (e instanceof JsonEOFException || endsAtTheEnd(e, length)) {
            return "is truncated: it ends in the middle of the session (cut short while it was written or copied?)";
        }
        return "is not a jprof session: it is not readable JSON";
    }

    /** A parse error at the very end: cut in the middle of a word ("tru") rather than between two. */
    private static boolean endsAtTheEnd(JsonProcessingException e, long length) {
        com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
        if (at == null || length <= 0) {
            return false;
        }
        long offset = Math.max(at.getByteOffset(), at.getCharOffset());
        return offset >= length - 1;
    }

    /** Refuses what is not a session at all, or a session of a format this jprof does not know. */
    static void checkHeader(JsonNode root, String format, int version) throws SessionFormatException {
        if (root == null || root.isMissingNode()) {
            throw new SessionFormatException("is empty: it is not a jprof session");
        }
        if (!root.isObject() || !format.equals(root.path("format").asText())) {
            throw new SessionFormatException("is not a jprof session: it has no \"format\": \"" + format + "\"");
        }
        JsonNode v = root.path("version");
        if (v.canConvertToInt() && v.asInt() > version) {
            throw new SessionFormatException("was written by a newer jprof (session format " + v.asInt()
                    + "; this jprof reads format " + version + "): open it with that jprof, or update this one");
        }
        if (!v.canConvertToInt() || v.asInt() != version) {
            throw new SessionFormatException("has an unknown session format version " + v
                    + " (this jprof reads format " + version + ")");
        }
    }

    /** A session whose content is wrong: what is wrong, e.g. {@code "duration" must not be negative}. */
    static String damaged(String what) {
        return "is a damaged jprof session: " + what;
    }
}
