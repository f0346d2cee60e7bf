package dev.jprof.junit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the example test classes only when a test launches them through the engine test kit (which sets
 * {@link #KEY}), never when surefire's {@code -Dtest=...} pattern happens to match them.
 */
final class OnlyInTestKit implements ExecutionCondition {
    static final String KEY = "jprof.test.kit";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(KEY).isPresent()
                ? ConditionEvaluationResult.enabled("launched by the test kit")
                : ConditionEvaluationResult.disabled("an example for JprofExtensionTest, run through the test kit");
    }
}
