package org.gridmint.provider.runtime;

import org.gridmint.provider.sandbox.Limiters;
import org.gridmint.provider.sandbox.Sandbox;
import org.gridmint.provider.sandbox.UnsandboxedRunner;

class UnsandboxedExecRuntimeTest extends ExecRuntimeContract {
    @Override
    Sandbox sandbox() {
        return new UnsandboxedRunner(Limiters.NONE);
    }
}
