package org.gridmint.chain.testing;

import java.io.PrintStream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * Skips a test class or method that lacks a tool, and says so on the build's console: Surefire prints only "Skipped: N"
 * per class and leaves the reason in target/surefire-reports, so `./mvnw verify` without the tool would not say why.
 * One line per skipped class (or method, when only some of a class's tests need the tool):
 * {@code SKIPPED org.gridmint.chain.ClaimTest (7 tests): anvil not found: run `cd chain && npm ci` ...}.
 */
public final class SkipReport {
    private SkipReport() {
    }

    /** Prints the skip line for {@code context}'s class or method and returns the disabled result carrying {@code reason}. */
    public static ConditionEvaluationResult skip(ExtensionContext context, String reason) {
        String line = line(context, reason);
        // Surefire relays the forked JVM's stdout to the console (and into the class's -output.txt report).
        PrintStream out = System.out;
        out.println(line);
        out.flush();
        return ConditionEvaluationResult.disabled(reason);
    }

    static String line(ExtensionContext context, String reason) {
        Class<?> testClass = context.getRequiredTestClass();
        return context.getTestMethod()
                .map(m -> "SKIPPED " + testClass.getName() + "." + m.getName() + ": " + reason)
                .orElseGet(() -> "SKIPPED " + testClass.getName() + " (" + plural(testMethods(testClass), "test") + "): " + reason);
    }

    /** The class's test methods (@Test, @ParameterizedTest, … are all @Testable), inherited ones included. */
    static int testMethods(Class<?> testClass) {
        return AnnotationSupport.findAnnotatedMethods(testClass, Testable.class, HierarchyTraversalMode.TOP_DOWN).size();
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
