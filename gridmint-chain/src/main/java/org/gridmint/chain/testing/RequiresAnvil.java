package org.gridmint.chain.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class (or one test method) that needs a local anvil chain. Without anvil the class is skipped before any
 * of its set-up runs, and one line on the build's console says which class was skipped and how to install anvil.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@ExtendWith(RequiresAnvil.Condition.class)
public @interface RequiresAnvil {
    /** Enables the test when {@link Anvil#binary()} finds anvil, else disables it with {@link Anvil#unavailableReason()}. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return Anvil.binary()
                    .map(bin -> ConditionEvaluationResult.enabled("anvil: " + bin))
                    .orElseGet(() -> SkipReport.skip(context, Anvil.unavailableReason()));
        }
    }
}
