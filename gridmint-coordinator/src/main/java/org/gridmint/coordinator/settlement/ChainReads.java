package org.gridmint.coordinator.settlement;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gridmint.chain.ChainClient;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * Chain reads the gridmint-chain client does not offer and only the coordinator needs: who may mint GRID, who owns the
 * stable token, which block posted an epoch, and whether a contract already has history. Raw eth_call and eth_getLogs
 * through the client's web3j.
 *
 * <p>Failure modes: an unreachable node is a retryable {@link SettlementException}; a call that reverts (a contract without
 * such a function) answers empty where the caller can do without.
 */
final class ChainReads {
    static final String EPOCH_POSTED = Hash.sha3String("EpochPosted(uint64,bytes32,uint256,uint256)");
    static final String DEPOSITED = Hash.sha3String("Deposited(string,address,uint256)");

    private ChainReads() {}

    /** The address {@code contract.fn()} returns (a no-argument view returning an address), empty when the call reverts or returns nothing. */
    static Optional<String> address(ChainClient client, String contract, String fn) {
        Function f = new Function(fn, List.of(), List.of(new TypeReference<Address>() {}));
        String data = FunctionEncoder.encode(f);
        org.web3j.protocol.core.methods.response.EthCall r;
        try {
            r = client.web3j().ethCall(Transaction.createEthCallTransaction(client.address(), contract, data), DefaultBlockParameterName.LATEST).send();
        } catch (IOException e) {
            throw new SettlementException("cannot read " + fn + "() of " + contract + " on-chain: " + e.getMessage(), true, e);
        }
        if (r.hasError() || r.isReverted() || r.getValue() == null || r.getValue().length() < 66) return Optional.empty();
        List<Type> out = FunctionReturnDecoder.decode(r.getValue(), f.getOutputParameters());
        return out.isEmpty() ? Optional.empty() : Optional.of(((Address) out.getFirst()).getValue().toLowerCase(Locale.ROOT));
    }

    /** The block and transaction of {@code epoch}'s EpochPosted log in blocks [from, to], if there is one. */
    static Optional<Log> epochPosted(ChainClient client, String settlement, long epoch, long from, long to) {
        EthFilter filter = filter(settlement, from, to);
        filter.addSingleTopic(EPOCH_POSTED);
        filter.addSingleTopic(Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(epoch), 64));
        return logs(client, filter, "EpochPosted of epoch " + epoch).stream().findFirst();
    }

    /** Whether the contract emitted any Deposited or EpochPosted log in blocks [from, to] (read in steps of {@code step} blocks). */
    static boolean anyHistoryLog(ChainClient client, String settlement, long from, long to, long step) {
        for (long a = from; a <= to; a += step) {
            EthFilter filter = filter(settlement, a, Math.min(to, a + step - 1));
            filter.addOptionalTopics(DEPOSITED, EPOCH_POSTED);
            if (!logs(client, filter, "the settlement contract's history").isEmpty()) return true;
        }
        return false;
    }

    private static EthFilter filter(String contract, long from, long to) {
        return new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)), DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), contract);
    }

    private static List<Log> logs(ChainClient client, EthFilter filter, String what) {
        EthLog r;
        try {
            r = client.web3j().ethGetLogs(filter).send();
        } catch (IOException e) {
            throw new SettlementException("cannot read " + what + " on-chain: " + e.getMessage(), true, e);
        }
        if (r.hasError()) throw new SettlementException("cannot read " + what + " on-chain: " + r.getError().getMessage(), true, null);
        return r.getLogs().stream().map(l -> (Log) l.get()).toList();
    }
}
