package org.gridmint.chain;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.gridmint.chain.testing.SkipReport;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that runs scripts/compile-contracts.sh: it needs node and chain/node_modules/solc. Without them the
 * class is skipped and the build's console says why (as {@link org.gridmint.chain.testing.RequiresAnvil} does).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(RequiresSolc.Condition.class)
@interface RequiresSolc {
    /** Disables the class, printing why, when {@link Condition#missing()} names something. */
    final class Condition implements ExecutionCondition {
        /** The repository root: the folder above user.dir (the module, under Surefire) holding the compile script. */
        static Optional<Path> repositoryRoot() {
            for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("scripts/compile-contracts.sh"))) return Optional.of(dir);
            }
            return Optional.empty();
        }

        /** Null when the script can run here, else what is missing and how to install it. */
        static String missing() {
            Optional<Path> root = repositoryRoot();
            if (root.isEmpty()) return "scripts/compile-contracts.sh not found above " + System.getProperty("user.dir");
            boolean node = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                    .filter(s -> !s.isBlank()).anyMatch(d -> Files.isExecutable(Path.of(d, "node")));
            if (!node) return "node not found on PATH: install Node.js 18+ (it runs solcjs), then `cd chain && npm ci`";
            if (!Files.isRegularFile(root.get().resolve("chain/node_modules/solc/index.js"))) {
                return "solc not found in chain/node_modules: run `cd chain && npm ci` (installs solc 0.8.37)";
            }
            return null;
        }

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String missing = missing();
            return missing == null ? ConditionEvaluationResult.enabled("solcjs available") : SkipReport.skip(context, missing);
        }
    }
}
