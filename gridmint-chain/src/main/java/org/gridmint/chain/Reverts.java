package org.gridmint.chain;

import java.util.List;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.Response;

/** Turns a node's revert answer into a {@link ChainException} with the contract's reason decoded. */
final class Reverts {
    private static final String ERROR_SELECTOR = "0x08c379a0"; // Error(string)
    private static final String PANIC_SELECTOR = "0x4e487b71"; // Panic(uint256)

    private Reverts() {}

    static ChainException of(String what, Response.Error error, String web3jReason) {
        String data = error == null ? null : error.getData();
        String reason = decode(data);
        if (reason == null && error != null && error.getMessage() != null) {
            String m = error.getMessage();
            int colon = m.indexOf("execution reverted: ");
            if (colon >= 0) reason = m.substring(colon + "execution reverted: ".length());
            else if (!m.toLowerCase(java.util.Locale.ROOT).contains("revert")) {
                return ChainException.failed(what + ": the chain node answered error " + error.getCode() + ": " + m, null);
            }
        }
        if (reason == null && web3jReason != null) {
            String prefix = "execution reverted: ";
            reason = web3jReason.startsWith(prefix) ? web3jReason.substring(prefix.length()) : web3jReason;
        }
        return ChainException.reverted(what, reason);
    }

    /** The reason in revert data: Error(string)'s message, "panic 0x.." for Panic(uint256), null when none. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static String decode(String data) {
        if (data == null) return null;
        String d = data.strip();
        if (d.startsWith("\"")) d = d.replace("\"", "");
        try {
            if (d.startsWith(ERROR_SELECTOR)) {
                List<Type> out = FunctionReturnDecoder.decode(d.substring(ERROR_SELECTOR.length()), (List) List.of(new TypeReference<Utf8String>() {}));
                return out.isEmpty() ? null : (String) out.getFirst().getValue();
            }
            if (d.startsWith(PANIC_SELECTOR)) {
                List<Type> out = FunctionReturnDecoder.decode(d.substring(PANIC_SELECTOR.length()), (List) List.of(new TypeReference<Uint256>() {}));
                return out.isEmpty() ? null : "panic 0x" + ((java.math.BigInteger) out.getFirst().getValue()).toString(16);
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }
}
